"""The dashboard's axes: pyqtgraph axes whose layout is the same, worked out in less time.

Laying out an axis (which ticks, which labels, where) is pyqtgraph's ``generateDrawSpecs``,
written for every kind of axis: numpy for a dozen tick values, a ``Point`` per tick end, a
painter's ``boundingRect`` per label on every layout, the axis's own bounding rectangle asked
again for each label. A dashboard refresh to another page lays out fifteen axes, and that was a
third of drawing the page. :class:`QuickLayout` gives the same specs (the tests compare them
with pyqtgraph's for every axis of the page) from plain floats, with each label's size measured
once per font.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    YEAR_MONTH_ZOOM_LEVEL,
)
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from roidesk.core.money import compact_amounts

_ALIGN = Qt.AlignmentFlag
#: How each side's labels sit against their tick (as pyqtgraph draws them), as ints once.
_TEXT_FLAGS: dict[str, int] = {
    side: int(flags | Qt.TextFlag.TextDontClip)
    for side, flags in {
        "left": _ALIGN.AlignRight | _ALIGN.AlignVCenter,
        "right": _ALIGN.AlignLeft | _ALIGN.AlignVCenter,
        "top": _ALIGN.AlignHCenter | _ALIGN.AlignBottom,
        "bottom": _ALIGN.AlignHCenter | _ALIGN.AlignTop,
    }.items()
}
_MEASURE_IN = QRectF(0, 0, 100, 100)


@dataclass
class _Frame:
    """Where an axis draws, in its own coordinates: the axis line, where ticks start and stop
    (across the view for a grid), and how values map to positions along it."""

    side: str
    span: list[QPointF]
    tick_start: float
    tick_stop: float
    tick_dir: int
    along: int  # 0: a vertical axis (positions are y), 1: a horizontal one (x)
    length: float  # in device pixels
    scale: float
    offset: float

    def position(self, value: float) -> float:
        return value * self.scale - self.offset


def _label_rect(frame: _Frame, gap: float, x: float, size: tuple[float, float]) -> QRectF:
    """Where a tick label of ``size`` goes beside its tick at ``x`` on the frame's side."""
    width, height = size
    if frame.side == "left":
        return QRectF(frame.tick_stop - gap - width, x - height / 2, width, height)
    if frame.side == "right":
        return QRectF(frame.tick_stop + gap, x - height / 2, width, height)
    if frame.side == "top":
        return QRectF(x - width / 2.0, frame.tick_stop - gap - height, width, height)
    return QRectF(x - width / 2.0, frame.tick_stop + gap, width, height)


class QuickLayout:
    """Mixin for a ``pg.AxisItem``: ``generateDrawSpecs`` and ``drawPicture`` as pyqtgraph's
    (linear axes; its log mode is left to pyqtgraph), in a fraction of the time."""

    def setTickFont(self, font: QFont | None) -> None:
        self.__dict__["_label_sizes"] = {}  # measured in another font
        super().setTickFont(font)  # type: ignore[misc]

    def _label_size(self, painter: QPainter, text: str) -> tuple[float, float]:
        """A label's width and height (pyqtgraph's measure: 80 % of the painter's height)."""
        sizes = self.__dict__.setdefault("_label_sizes", {})
        found = sizes.get(text)
        if found is None:
            rect = painter.boundingRect(_MEASURE_IN, Qt.AlignmentFlag.AlignCenter, text)
            found = sizes[text] = (rect.width(), rect.height() * 0.8)
        return found  # type: ignore[no-any-return]

    def generateDrawSpecs(self, p: QPainter) -> Any:
        axis: Any = self
        if axis.logMode:
            return super().generateDrawSpecs(p)  # type: ignore[misc]
        if axis.style["tickFont"] is not None:
            p.setFont(axis.style["tickFont"])
        frame = self._frame()
        if frame is None:
            return None
        if axis._tickLevels is None:
            levels = axis.tickValues(axis.range[0], axis.range[1], frame.length)
            given = None
        else:
            levels = [(None, [value for value, _ in level]) for level in axis._tickLevels]
            given = [[text for _, text in level] for level in axis._tickLevels]
        positions, tick_specs = self._ticks(frame, levels)
        self._stop_at_ticks(frame, positions)
        axis_spec = (axis.pen(), frame.span[0], frame.span[1])
        if not axis.style["showValues"]:
            return axis_spec, tick_specs, []
        text_specs, thickness = self._labels(p, frame, levels, given, positions)
        axis._updateMaxTextSize(thickness)
        return axis_spec, tick_specs, text_specs

    def _frame(self) -> _Frame | None:
        """The axis's geometry now (None while it has no length on screen)."""
        axis: Any = self
        bounds = axis.mapRectFromParent(axis.geometry())
        linked = axis.linkedView()
        if linked is None or axis.grid is False:
            ticks = bounds
        else:
            ticks = linked.mapRectToItem(axis, linked.boundingRect())
        side = axis.orientation
        left, right, top, bottom = bounds.left(), bounds.right(), bounds.top(), bounds.bottom()
        if side == "left":
            span = [QPointF(right - 1, top - 1), QPointF(right - 1, bottom + 1)]
            start, stop, direction, along = ticks.right(), right, -1, 0
        elif side == "right":
            span = [QPointF(left + 1, top - 1), QPointF(left + 1, bottom + 1)]
            start, stop, direction, along = ticks.left(), left, 1, 0
        elif side == "top":
            span = [QPointF(left - 1, bottom - 1), QPointF(right + 1, bottom - 1)]
            start, stop, direction, along = ticks.bottom(), bottom, -1, 1
        else:
            span = [QPointF(left - 1, top + 1), QPointF(right + 1, top + 1)]
            start, stop, direction, along = ticks.top(), top, 1, 1
        ends = [axis.mapToDevice(point) for point in span]
        if None in ends:
            return None
        length = math.hypot(ends[1].x() - ends[0].x(), ends[1].y() - ends[0].y())
        if length == 0:
            return None
        low, high = axis.range
        if high == low:
            scale, offset = 1.0, 0.0
        elif along == 0:
            scale = -bounds.height() / (high - low)
            offset = low * scale - bounds.height()
        else:
            scale = bounds.width() / (high - low)
            offset = low * scale
        return _Frame(side, span, start, stop, direction, along, length, scale, offset)

    def _ticks(
        self, frame: _Frame, levels: list[Any]
    ) -> tuple[list[list[float | None]], list[tuple[QPen, QPointF, QPointF]]]:
        """Each level's tick positions (None: outside the axis) and the tick lines, longest
        and darkest first."""
        axis: Any = self
        style, grid = axis.style, axis.grid
        ends = [frame.position(value) for value in axis.range]
        lowest, highest = min(ends), max(ends)
        base_pen = axis.tickPen()
        plain = base_pen.brush().style() == Qt.BrushStyle.SolidPattern
        positions: list[list[float | None]] = []
        specs = []
        for level, (_, values) in enumerate(levels):
            alpha = style["tickAlpha"]
            if alpha is None:
                alpha = 255 / (level + 1)
                if grid is not False:
                    room = min(max(0.05 * frame.length / (len(values) + 1), 0.0), 1.0)
                    alpha *= grid / 255.0 * room
            elif isinstance(alpha, float):
                alpha = min(255, max(0, round(alpha * 255)))
            pen = base_pen
            if plain:
                pen = QPen(base_pen)
                color = QColor(pen.color())
                color.setAlpha(int(alpha))
                pen.setColor(color)
            # a grid line runs across the view; a tick sticks out of the axis line
            stop = frame.tick_stop
            if grid is False:
                stop += style["tickLength"] / (level * 0.5 + 1.0) * frame.tick_dir
            shown: list[float | None] = []
            for value in values:
                x = frame.position(value)
                if x < lowest or x > highest:
                    shown.append(None)
                elif frame.along == 0:
                    shown.append(x)
                    specs.append((pen, QPointF(frame.tick_start, x), QPointF(stop, x)))
                else:
                    shown.append(x)
                    specs.append((pen, QPointF(x, frame.tick_start), QPointF(x, stop)))
            positions.append(shown)
        return positions, specs

    def _stop_at_ticks(self, frame: _Frame, positions: list[list[float | None]]) -> None:
        """Shorten the axis line to the outermost ticks where its style asks for it."""
        axis: Any = self
        first_stop, last_stop = axis.style["stopAxisAtTick"]
        shown = [x for level in positions for x in level if x is not None]
        start, end = frame.span
        if first_stop is True:
            if frame.along == 0:
                start.setY(max(start.y(), min(shown)))
            else:
                start.setX(max(start.x(), min(shown)))
        if last_stop is True:
            if frame.along == 0:
                end.setY(min(end.y(), max(shown)))
            else:
                end.setX(min(end.x(), max(shown)))

    def _labels(
        self,
        painter: QPainter,
        frame: _Frame,
        levels: list[Any],
        given: list[list[str]] | None,
        positions: list[list[float | None]],
    ) -> tuple[list[tuple[QRectF, int, str]], float]:
        """The tick labels that fit, level by level while the axis has room for them, and
        the thickness they need across the axis."""
        axis: Any = self
        style = axis.style
        gap = max(0, style["tickLength"]) + style["tickTextOffset"][frame.along]
        visible = axis.boundingRect()
        flags = _TEXT_FLAGS[frame.side]
        measured: list[tuple[float, float]] = []  # every label so far, all levels
        specs: list[tuple[QRectF, int, str]] = []
        thickness = 0.0
        for level in range(min(len(levels), style["maxTextLevel"] + 1)):
            if given is None:
                spacing, values = levels[level]
                scale = axis.autoSIPrefixScale * axis.scale
                strings: list[str | None] = list(axis.tickStrings(values, scale, spacing))
            else:
                strings = list(given[level])
            if not strings:
                continue
            placed = []
            for x, text in zip(positions[level], strings, strict=False):
                if x is not None and text is not None:
                    size = self._label_size(painter, text)
                    measured.append(size)
                    placed.append((x, text, size))
            lengths = [h if frame.along == 0 else w for w, h in measured]
            across = max((w if frame.along == 0 else h for w, h in measured), default=0)
            if level > 0:  # the top level is always labelled; lower ones while there is room
                fill = float(sum(lengths)) / frame.length
                if any(
                    len(specs) >= count and fill >= most for count, most in style["textFillLimits"]
                ):
                    break
            thickness = across
            for x, text, size in placed:
                rect = _label_rect(frame, gap, x, size)
                if visible & rect == rect:  # as pyqtgraph: only labels the axis holds whole
                    specs.append((rect, flags, text))
        return specs, thickness

    def drawPicture(self, p: QPainter, axisSpec: Any, tickSpecs: Any, textSpecs: Any) -> None:
        """As pyqtgraph's, the pen set once per tick level, not once per tick."""
        axis: Any = self
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        p.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        pen, start, end = axisSpec
        p.setPen(pen)
        p.drawLine(start, end)
        current = None
        for pen, start, end in tickSpecs:
            if pen is not current:
                p.setPen(pen)
                current = pen
            p.drawLine(start, end)
        if axis.style["tickFont"] is not None:
            p.setFont(axis.style["tickFont"])
        p.setPen(axis.textPen())
        p.setClipRect(axis.boundingRect().toAlignedRect())
        for rect, flags, text in textSpecs:
            p.drawText(rect, flags, text)


class NumberAxis(QuickLayout, pg.AxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A value axis (money, rates, ROI %) whose ticks read ``0, 250k, 1.5M`` or ``0.5`` in the
    workspace's decimal mark (``1,5M``, ``0,5``), not ``1.5e+06`` or ``500000``."""

    decimal_comma = False

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return compact_amounts([v * scale for v in values], spacing * scale, self.decimal_comma)

    def set_decimal_comma(self, decimal_comma: bool) -> None:
        """Write the amounts with a decimal comma (redrawn when it changes)."""
        if decimal_comma != self.decimal_comma:
            self.decimal_comma = decimal_comma
            self.picture = None
            self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        """pyqtgraph's tick values (each level without the values of the levels above), from
        plain floats: numpy cost more than the dozen values it worked on."""
        if self.logMode:
            return super().tickValues(minVal, maxVal, size)  # type: ignore[no-any-return]
        low, high = sorted((minVal, maxVal))
        low *= self.scale
        high *= self.scale
        ticks = []
        seen: list[float] = []
        for spacing, offset in self.tickSpacing(low, high, size):
            start = (math.ceil((low - offset) / spacing) * spacing) + offset
            count = int((high - start) / spacing) + 1
            near = spacing / self.scale * 0.01
            values = [
                value
                for value in ((step * spacing + start) / self.scale for step in range(count))
                if not any(abs(value - other) <= near for other in seen)
            ]
            seen.extend(values)
            ticks.append((spacing / self.scale, values))
        return ticks


class MonthAxis(QuickLayout, pg.DateAxisItem):  # type: ignore[misc]  # pyqtgraph is untyped
    """A date axis whose ticks name months and years, never days (the series are per month:
    a period of a few months drew day numbers)."""

    def __init__(self) -> None:
        super().__init__(utcOffset=0)
        self.zoomLevels = {math.inf: YEAR_MONTH_ZOOM_LEVEL}

    def generateDrawSpecs(self, p: QPainter) -> Any:
        if self.style["tickFont"] is not None:
            p.setFont(self.style["tickFont"])
        self.fontMetrics = p.fontMetrics()  # what DateAxisItem sizes its zoom levels by
        return super().generateDrawSpecs(p)

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[Any]:
        """pyqtgraph's month and year ticks, without moving each tick by the UTC offset of
        0 s it is given (a QDateTime round trip per tick, most of laying out the axis)."""
        if self.utcOffset != 0:
            return super().tickValues(minVal, maxVal, size)  # type: ignore[no-any-return]
        self.setZoomLevelForDensity((maxVal - minVal) / size)
        near = self.minSpacing * 0.01
        levels = []
        seen: list[float] = []
        for spec in self.zoomLevel.tickSpecs:
            ticks, skip = spec.makeTicks(minVal, maxVal, self.minSpacing)
            values = [
                tick
                for tick in ticks.tolist()
                if not any(abs(tick - other) <= near for other in seen)
            ]
            seen.extend(values)
            levels.append((spec.spacing, values))
            if skip > 1:  # skipping ticks on this level: none on the finer ones
                break
        return levels
