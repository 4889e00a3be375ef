"""The dashboard's chart panels: pyqtgraph plots that only draw the series they are given.

Each panel is a title, a plot, and "Save PNG…" / "Copy" buttons. Panels update in place with
``setData``/``setOpts``; hover shows the exact formatted value of the nearest bar or point.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QFileDialog,
    QGraphicsItem,
    QGraphicsLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from roidesk.ui.dashboard.axes import MonthAxis, NumberAxis
from roidesk.ui.text import tr

#: Colour-blind-safe palette (Okabe–Ito): cost, return, ROI, then the trend lines.
COST = "#D55E00"
RETURN = "#009E73"
ROI = "#0072B2"
LINES = ("#0072B2", "#E69F00", "#CC79A7", "#009E73")
BAR_WIDTH_SECONDS = 9 * 86400.0


pg.setConfigOptions(antialias=True, background="w", foreground="#333333")


def _finite(values: Sequence[float]) -> list[float]:
    return [v if not math.isnan(v) else 0.0 for v in values]


class ChartPanel(QWidget):
    """A titled pyqtgraph plot with PNG save and clipboard copy, and hover text."""

    #: A bar was clicked: its index in the current series.
    bar_clicked = Signal(int)

    def __init__(
        self,
        title: str,
        parent: QWidget | None = None,
        date_axis: bool = False,
        grid: bool = False,
        legend: bool = False,
    ) -> None:
        super().__init__(parent)
        self.title = title
        axis: dict[str, pg.AxisItem] = {
            name: NumberAxis(name) for name in ("left", "right", "bottom")
        }
        if date_axis:
            axis["bottom"] = MonthAxis()
        self.plot_widget = pg.PlotWidget(axisItems=axis)
        # bars, grids and axes are drawn without antialiasing (axis-aligned, they look the
        # same; it saves a fifth of painting a chart); lines and dots keep their own
        self.plot_widget.setAntialiasing(False)
        self.plot_widget.setMinimumHeight(230)
        self.plot = self.plot_widget.getPlotItem()
        self.plot.hideAxis("right")  # given, so shown: a chart with a second scale shows it
        self.plot.setMenuEnabled(False)
        # the wheel scrolls the page (see eventFilter): a chart never zooms or pans, so a
        # scroll that passed over it no longer left it zoomed into nothing
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.setClipToView(True)
        self.plot.setDownsampling(auto=True, mode="peak")
        if legend:  # a white backing keeps lines passing under it from crossing its text
            # placed at the plot's top-left, not anchored (``addLegend``): an anchored legend
            # asks its plot for its size whenever either changes — also while Qt deletes the
            # page, when the plot is already gone (an error in whatever runs at that moment)
            self.plot.legend = pg.LegendItem(
                labelTextSize="9pt", brush=pg.mkBrush(255, 255, 255, 215)
            )
            self.plot.legend.setParentItem(self.plot.vb)
            self.plot.legend.setPos(10, 5)
        self._style_axes(grid)
        self.title_label = QLabel(f"<b>{title}</b>")
        # a long title may be cut (the tooltip has it whole) rather than widen the page past
        # a laptop window
        self.title_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title_label.setMinimumWidth(120)
        self.title_label.setToolTip(title)
        # why the chart is empty, over the middle of the plot where the eye looks for the
        # bars (in the header it cut the title and, long, widened the page past the window)
        self.empty_label = QLabel(self.plot_widget)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_label.setStyleSheet(
            "color: #555555; background: rgba(255, 255, 255, 225); padding: 6px 10px;"
        )
        self.empty_label.hide()
        self.plot_widget.installEventFilter(self)
        self.plot_widget.viewport().installEventFilter(self)
        self.plot.getViewBox().sigResized.connect(self._follow_plot_area)
        save = QPushButton(tr("Save PNG…"))
        copy = QPushButton(tr("Copy"))
        save.clicked.connect(self._ask_and_save)
        copy.clicked.connect(self.copy_to_clipboard)
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(save)
        header.addWidget(copy)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(header)
        layout.addWidget(self.plot_widget)
        self._hover_x: list[float] = []
        self._hover_text: list[str] = []
        self._hover_vertical = True
        self.plot_widget.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot_widget.scene().sigMouseClicked.connect(self._mouse_clicked)

    # ---------------------------------------------------------------- hover and click

    def _style_axes(self, grid: bool) -> None:
        """Tick fonts, caching and label levels of the axes; the grid of a chart with one."""
        font = QFont()
        font.setPointSize(9)
        for name in ("left", "bottom", "right"):
            item = self.plot.getAxis(name)
            item.setTickFont(font)
            # no SI prefix: pyqtgraph scales an unlabelled-unit axis past 1e9 or under 1
            # (forints by the billion, CPC in cents) and lays its label out again on every
            # range change; money axes write their own 1.5M
            item.enableAutoSIPrefix(False)
            # painted from a pixmap of what it drew until its range or size changes: laying
            # out its labels again (a QPicture's text) on every paint was a third of painting
            # an unchanged page
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            if not isinstance(item, pg.DateAxisItem):
                # amounts named at major ticks only (0, 200k, 400k): the minor level's labels
                # cost a fifth of painting the page, on every range change, and crowd the axis
                item.setStyle(maxTickLevel=1, maxTextLevel=0)
        # hidden, but given each new range all the same: with its SI prefix on, it set its
        # (invisible) label's HTML again every time
        self.plot.getAxis("top").enableAutoSIPrefix(False)
        if grid:
            # pyqtgraph draws grid lines as translucent ticks across the plot, blended pixel by
            # pixel (~0.3 ms a line): one line per major tick of the left axis only (the right
            # axis drew a second grid over the first, and minor ticks tripled the lines)
            self.plot.showGrid(x=False, y=True, alpha=0.25)
            self.plot.getAxis("right").setGrid(False)
            self.plot.getAxis("left").setStyle(maxTickLevel=0)
        self.plot.getAxis("left").setWidth(58)

    def set_hover(
        self, positions: Sequence[float], texts: Sequence[str], vertical: bool = True
    ) -> None:
        """Where the hoverable items are (x, or y for horizontal bars) and their texts."""
        self._hover_x = list(positions)
        self._hover_text = list(texts)
        self._hover_vertical = vertical

    def nearest(self, scene_pos: QPointF) -> int | None:
        """The index of the item nearest the mouse, if the mouse is over the plot."""
        view = self.plot.getViewBox()
        if not self._hover_x or not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        where = point.x() if self._hover_vertical else point.y()
        distances = [abs(where - x) for x in self._hover_x]
        return distances.index(min(distances))

    def hover_text_at(self, scene_pos: QPointF) -> str:
        """The formatted text hover shows at a scene position ("" when none)."""
        index = self.nearest(scene_pos)
        return "" if index is None else self._hover_text[index]

    def _mouse_moved(self, scene_pos: QPointF) -> None:
        text = self.hover_text_at(scene_pos)
        if text:
            global_pos = self.plot_widget.mapToGlobal(self.plot_widget.mapFromScene(scene_pos))
            QToolTip.showText(global_pos, text, self.plot_widget)
        else:
            QToolTip.hideText()

    def _mouse_clicked(self, event: object) -> None:
        scene_pos = event.scenePos()  # type: ignore[attr-defined]
        index = self.nearest(scene_pos)
        if index is not None:
            self.bar_clicked.emit(index)

    # ---------------------------------------------------------------- export
    def image(self) -> QPixmap:
        """The chart as it is drawn under its title, without the Save and Copy buttons."""
        title, plot = self.title_label.grab(), self.plot_widget.grab()
        ratio = plot.devicePixelRatio()
        width = max(title.width(), plot.width())
        out = QPixmap(width, title.height() + plot.height())
        out.setDevicePixelRatio(ratio)
        out.fill(QColor("white"))
        painter = QPainter(out)
        painter.drawPixmap(0, 0, title)
        painter.drawPixmap(0, round(title.height() / ratio), plot)
        painter.end()
        return out

    def save_png(self, path: str | Path) -> bool:
        """Write the chart to a PNG file."""
        return self.image().save(str(path), "PNG")

    def copy_to_clipboard(self) -> None:
        """Put the chart on the clipboard as an image."""
        QGuiApplication.clipboard().setPixmap(self.image())

    def _ask_and_save(self) -> None:
        name = self.title.lower().replace(" ", "-").replace("/", "-") + ".png"
        path, _ = QFileDialog.getSaveFileName(self, tr("Save chart"), name, tr("PNG image (*.png)"))
        if path:
            self.save_png(path)

    def set_empty(self, message: str) -> None:
        """Say why the chart has nothing to show (empty string: it has)."""
        if message == self.empty_label.text():
            return
        self.empty_label.setText(message)
        self.empty_label.setVisible(bool(message))
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        """Centre the empty-state message on the plot area (between the axes), on as many
        lines as that area's width needs."""
        label, area = self.empty_label, self.plot_widget.rect()
        view = self.plot_widget.mapFromScene(self.plot.getViewBox().sceneBoundingRect())
        inner = view.boundingRect().intersected(area)
        if inner.width() < 120 or inner.height() < 40:  # not laid out yet: the whole chart
            inner = area
        one_line = label.fontMetrics().horizontalAdvance(label.text()) + 24  # with the padding
        width = min(one_line, max(inner.width() - 16, 60))
        height = label.heightForWidth(width)
        centre = inner.center()
        label.setGeometry(centre.x() - width // 2, centre.y() - height // 2, width, height)

    def _follow_plot_area(self, *_args: object) -> None:
        if not self.empty_label.isHidden():
            self._place_empty_label()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the empty-state message centred when the plot is resized; hand the wheel to
        the page around the chart (it scrolls the page, never zooms the chart)."""
        if event.type() == QEvent.Type.Wheel and watched is self.plot_widget.viewport():
            page = self.parentWidget()
            while page is not None and not isinstance(page, QAbstractScrollArea):
                page = page.parentWidget()
            if page is not None:
                QCoreApplication.sendEvent(page.verticalScrollBar(), event)
            return True
        resized = watched is self.plot_widget and event.type() == QEvent.Type.Resize
        if resized and not self.empty_label.isHidden():
            self._place_empty_label()
        return super().eventFilter(watched, event)


def bar_item(color: str) -> pg.BarGraphItem:
    """An empty bar item in one colour."""
    return pg.BarGraphItem(x=[], height=[], width=0.6, brush=pg.mkBrush(color), pen=pg.mkPen(None))


#: Up to how many points a line marks each point with a dot: past two years of months the
#: dots run into a beaded line.
MARKED_POINTS = 24
#: The dots' outline (pyqtgraph's scatter default).
_DOT_OUTLINE = (200, 200, 200)


class Dots(pg.GraphicsObject):  # type: ignore[misc]  # pyqtgraph is untyped
    """Round dots of a fixed size in pixels, one on each point of a line. pyqtgraph's scatter
    item drew them before, and cost a sixth of redrawing a twelve-month page (setting its
    data builds a record array and a symbol atlas); these are a list of points."""

    def __init__(self, size: float, color: str, parent: pg.GraphicsObject) -> None:
        super().__init__(parent)
        self._radius = size / 2
        self._brush = pg.mkBrush(color)
        self._pen = pg.mkPen(*_DOT_OUTLINE)
        self.points: list[QPointF] = []
        self._bounds = QRectF()

    def set_points(self, xs: Sequence[float], ys: Sequence[float]) -> None:
        """Dot these points (those with a value: NaN is no point)."""
        points = [
            QPointF(x, y)
            for x, y in zip(xs, ys, strict=True)
            if math.isfinite(x) and math.isfinite(y)
        ]
        self.prepareGeometryChange()
        self.points = points
        if points:
            across = [point.x() for point in points]
            up = [point.y() for point in points]
            self._bounds = QRectF(QPointF(min(across), min(up)), QPointF(max(across), max(up)))
        else:
            self._bounds = QRectF()
        self.update()

    def boundingRect(self) -> QRectF:
        if not self.points:
            return QRectF()
        width, height = self.pixelWidth(), self.pixelHeight()
        pad_x, pad_y = (self._radius + 2) * width, (self._radius + 2) * height
        return self._bounds.adjusted(-pad_x, -pad_y, pad_x, pad_y)

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()  # the dots keep their size in pixels: new bounds
        super().viewTransformChanged()

    def paint(self, painter: QPainter, *_: object) -> None:
        if not self.points:
            return
        to_device = painter.transform()
        painter.save()
        painter.resetTransform()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        for point in self.points:
            painter.drawEllipse(to_device.map(point), self._radius, self._radius)
        painter.restore()


class DottedLine(pg.PlotDataItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A line in one colour with a dot on each point while there are at most
    :data:`MARKED_POINTS` (:class:`Dots`, not pyqtgraph's scatter item); its legend sample
    shows line and dot in that colour from the start (pyqtgraph styled the dot only when the
    line first had points: a chart without data showed a grey dot in its legend)."""

    def __init__(self, color: str, size: int) -> None:
        super().__init__(
            pen=pg.mkPen(color, width=2), symbol="o", symbolSize=size, symbolBrush=color
        )
        # the legend sample draws its dot from the scatter item's style
        self.scatter.setSize(size)
        self.scatter.setBrush(pg.mkBrush(color))
        self.scatter.setPen(pg.mkPen(*_DOT_OUTLINE))
        self.dots = Dots(size, color, self)

    def updateItems(self, styleUpdate: bool = True) -> None:
        symbol = self.opts["symbol"]
        self.opts["symbol"] = None  # the scatter item stays empty: the dots draw the points
        try:
            super().updateItems(styleUpdate)
        finally:
            self.opts["symbol"] = symbol
        dots = getattr(self, "dots", None)  # None while pyqtgraph's __init__ sets the data
        if dots is None:
            return
        shown = self._getDisplayDataset()
        if shown is None or len(shown.x) > MARKED_POINTS:
            self.opts["symbol"] = None  # nor a dot in the legend
            dots.set_points([], [])
        else:
            self.opts["symbol"] = "o"
            dots.set_points(shown.x.tolist(), shown.y.tolist())


#: Seconds between two month starts past which a month lies between them (31 days and a bit).
_LONGEST_MONTH = 32 * 86400


def broken_at_missing_months(
    xs: Sequence[float], ys: Sequence[float]
) -> tuple[list[float], list[float]]:
    """A monthly line's points with a NaN point wherever a month is missing between two (a
    month without data): pyqtgraph breaks the line there instead of joining across it."""
    out_x: list[float] = []
    out_y: list[float] = []
    for x, y in zip(xs, ys, strict=True):
        if out_x and x - out_x[-1] > _LONGEST_MONTH:
            out_x.append((out_x[-1] + x) / 2)
            out_y.append(math.nan)
        out_x.append(x)
        out_y.append(y)
    return out_x, out_y


def horizontal_bar_item(color: str) -> pg.BarGraphItem:
    """An empty item of horizontal bars (one per row, from ``x0`` along ``width``) in one colour."""
    return pg.BarGraphItem(
        x0=[], y=[], height=0.6, width=[], brush=pg.mkBrush(color), pen=pg.mkPen(None)
    )


def set_category_ticks(axis: pg.AxisItem, labels: Sequence[str], longest: int = 14) -> None:
    """Label integer positions 0…n−1 with the category names."""
    short = [label if len(label) <= longest else label[: longest - 1] + "…" for label in labels]
    ticks = [[(i, label) for i, label in enumerate(short)]]
    if ticks != axis._tickLevels:  # the same names: the axis keeps the picture it drew
        axis.setTicks(ticks)


#: Room between a name and the bars on a names axis: pyqtgraph's tick and text offset, and a
#: few pixels to spare (its measure of a label, on a picture, may differ from the screen's).
_NAME_ROOM = 14


def set_name_ticks(axis: pg.AxisItem, labels: Sequence[str], widest: int, least: int) -> None:
    """Name positions 0…n−1 on a vertical axis (horizontal bars): each name whole while it is
    at most ``widest`` pixels, elided in the middle beyond (a campaign's year stays), and the
    axis as wide as its widest name (at least ``least``): pyqtgraph does not draw a tick label
    wider than its axis (names of 26 characters vanished from a 170-pixel axis)."""
    metrics = QFontMetricsF(axis.style["tickFont"] or QFont())
    mode = Qt.TextElideMode.ElideMiddle
    names = [metrics.elidedText(label, mode, widest) for label in labels]
    ticks = [list(enumerate(names))]
    if ticks != axis._tickLevels:  # the same names: the axis keeps the picture it drew
        axis.setTicks(ticks)
    needed = max((metrics.horizontalAdvance(name) for name in names), default=0.0)
    width = max(least, math.ceil(needed) + _NAME_ROOM)
    if axis.fixedWidth != width:
        axis.setWidth(width)
        # laid out now, not when Qt gets to its posted layout request: a page painted at once
        # (a benchmark, a PNG of the first refresh) drew the axis at its old width, no names
        layout = axis.parentLayoutItem()
        if isinstance(layout, QGraphicsLayout):
            layout.activate()


def dashed(color: str) -> QColor:
    """A colour for a dashed benchmark line."""
    return QColor(color)


def key_callback(values: Sequence[str], callback: Callable[[str], None]) -> Callable[[int], None]:
    """Turn a clicked bar index into its key."""
    return lambda index: callback(values[index]) if 0 <= index < len(values) else None


PEN_DASH = Qt.PenStyle.DashLine
__all__ = [
    "COST",
    "LINES",
    "RETURN",
    "ROI",
    "ChartPanel",
    "bar_item",
    "set_category_ticks",
    "set_name_ticks",
]
