"""The dashboard's charts: nine pyqtgraph panels and how each is drawn from the series
(:mod:`roidesk.ui.dashboard.series`), scaled so that every bar, point and legend shows.

A refresh redraws only the parts whose series changed: a part whose inputs are those it shows
keeps what it drew (its axes are not laid out again, which is half of drawing a chart).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QWidget

from roidesk.core.money import NumberStyle
from roidesk.core.records import COUNT_METRICS
from roidesk.ui.dashboard.axes import NumberAxis
from roidesk.ui.dashboard.charts import (
    BAR_WIDTH_SECONDS,
    COST,
    LINES,
    RETURN,
    ROI,
    ChartPanel,
    DottedLine,
    bar_item,
    broken_at_missing_months,
    horizontal_bar_item,
    set_category_ticks,
    set_name_ticks,
)
from roidesk.ui.dashboard.series import (
    NO_CONTENT_TYPE_COSTS,
    TRENDS,
    BarSeries,
    DashboardData,
    TrendSeries,
    timestamp,
)
from roidesk.ui.text import tr

#: Trends shown in percent (the core gives fractions).
_PERCENT_TRENDS = ("ctr", "engagement_rate")


def _trend_scale(name: str) -> float:
    return 100.0 if name in _PERCENT_TRENDS else 1.0


#: The monthly chart is at least this many months wide.
MIN_MONTHS = 4
MONTH_SECONDS = 30.44 * 86400
#: How wide (pixels) a campaign's or category's name may be beside its bar, and a goal's
#: (its KPI and campaign): wider names are elided in the middle.
NAMES_WIDEST = 230
GOALS_WIDEST = 300
#: A bar chart has at least this many slots: one or two bars stay bars, not blocks.
MIN_SLOTS = 3


def _keep_bars_narrow(view: pg.ViewBox, count: int, *, vertical: bool) -> None:
    """Give a chart of one or two bars the room of three, the bars centred (auto range made
    a single platform's or campaign's bar fill the whole chart)."""
    if not 0 < count < MIN_SLOTS:
        return
    pad = (MIN_SLOTS - count) / 2
    slots = (-0.5 - pad, count - 0.5 + pad)
    if vertical:
        view.setXRange(*slots, padding=0)
    else:
        view.setYRange(*slots, padding=0)


def _with_headroom(values: list[float], *, from_zero: bool = True) -> tuple[float, float]:
    """A value range (from zero, for bars) to a third above the highest value: room at the
    top for the legend, so that no bar or point hides under it."""
    finite = [value for value in values if not math.isnan(value)]
    if from_zero:
        finite.append(0.0)
    low, high = min(finite), max(finite)
    span = (high - low) or abs(high) or 1.0
    return low - span * 0.05, high + span * 0.35


class DashboardCharts(QWidget):
    """The chart panels in a grid (the monthly chart across the top), drawn from one result."""

    #: A platform's or a campaign's bar was clicked: ("platform", name) or ("campaign", id).
    bar_chosen = Signal(str, object)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.data: DashboardData | None = None
        self._axes_style: NumberStyle | None = None
        #: the "no cost entered" labels each platform chart shows, removed on the next draw
        self._no_cost_labels: dict[ChartPanel, list[pg.TextItem]] = {}
        #: Each part of the page (monthly, bars, trends, funnel, goals) → what it shows.
        self._drawn_from: dict[str, tuple[object, ...]] = {}
        self._build_monthly()
        self._build_cost_bars()
        self._build_trends()
        self._build_funnel_and_goals()
        self.panels = [
            self.monthly,
            self.platform_cost,
            self.platform_roi,
            self.campaign_cost,
            self.category_cost,
            self.rates,
            self.costs_per,
            self.funnel,
            self.goals,
        ]
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.monthly, 0, 0, 1, 2)
        for index, panel in enumerate(self.panels[1:]):
            grid.addWidget(panel, 1 + index // 2, index % 2)

    def draw(self, data: DashboardData) -> None:
        """Draw every part whose series differ from those it shows."""
        self.data = data
        self._label_axes(data.numbers)
        query = data.query
        # the empty time charts span the period, or the twelve months to today
        months = (query.start, query.end, self._today())
        costs = (data.platform_cost, data.platform_roi, data.campaign_cost, data.category_cost)
        parts: tuple[tuple[str, tuple[object, ...], Callable[[DashboardData], None]], ...] = (
            ("monthly", (data.monthly, *months), self._draw_monthly),
            ("bars", (*costs, query.content_type), self._draw_bars),
            ("trends", (data.trends, *months, query.content_type), self._draw_trends),
            ("funnel", (data.funnel,), self._draw_funnel),
            ("goals", (data.goals,), self._draw_goals),
        )
        for part, inputs, draw in parts:
            if self._drawn_from.get(part) != inputs:
                self._drawn_from.pop(part, None)  # half drawn, should drawing fail
                draw(data)
                self._drawn_from[part] = inputs

    def _build_monthly(self) -> None:
        self.monthly = ChartPanel(
            tr("Cost vs return per month"), date_axis=True, grid=True, legend=True
        )
        self.monthly_cost = bar_item(COST)
        self.monthly_return = bar_item(RETURN)
        self.monthly.plot.addItem(self.monthly_cost)
        self.monthly.plot.addItem(self.monthly_return)
        legend = self.monthly.plot.legend
        legend.addItem(self.monthly_cost, tr("cost"))
        legend.addItem(self.monthly_return, tr("total return"))
        self.monthly.plot.setLabel("left", tr("money"))
        self.roi_view = pg.ViewBox()
        self.monthly.plot.showAxis("right")
        self.roi_view.setParentItem(self.monthly.plot)
        self.monthly.plot.getAxis("right").linkToView(self.roi_view)
        self.monthly.plot.getAxis("right").setLabel(tr("cumulative ROI %"))
        self.roi_view.setXLink(self.monthly.plot)
        self.monthly_roi = DottedLine(ROI, size=6)
        self.roi_view.addItem(self.monthly_roi)
        legend.addItem(self.monthly_roi, tr("cumulative ROI (right axis)"))
        break_even_pen = pg.mkPen("#555555", width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine)
        self.break_even = pg.InfiniteLine(angle=90, pen=break_even_pen)
        self.monthly.plot.addItem(self.break_even)
        # the date in the legend, not beside the line, where the legend could cover it
        self.break_even_key = pg.PlotDataItem(pen=break_even_pen)  # the legend's sample only
        legend.addItem(self.break_even_key, tr("break-even"))
        legend.setColumnCount(2)  # two short rows over the headroom the bars leave them
        self.monthly.plot.getViewBox().sigResized.connect(self._sync_roi_view)

    def _build_cost_bars(self) -> None:
        self.platform_cost = ChartPanel(tr("Cost per platform (click a bar to filter)"))
        self.platform_cost_bars = bar_item(COST)
        self.platform_cost.plot.addItem(self.platform_cost_bars)
        self.platform_roi = ChartPanel(tr("ROI per platform (click a bar to filter)"))
        self.platform_roi_bars = bar_item(ROI)
        self.platform_roi.plot.addItem(self.platform_roi_bars)
        self.platform_roi.plot.addLine(y=0, pen=pg.mkPen("#999999"))
        self.platform_roi.plot.setLabel("left", tr("ROI %"))
        # campaign names are long: horizontal bars, the names on the left axis in full
        self.campaign_cost = ChartPanel(tr("Cost per campaign (click a bar to filter)"))
        self.campaign_cost_bars = horizontal_bar_item(COST)
        self.campaign_cost.plot.addItem(self.campaign_cost_bars)
        self.category_cost = ChartPanel(tr("Cost by category"))
        self.category_cost_bars = horizontal_bar_item("#E69F00")
        self.category_cost.plot.addItem(self.category_cost_bars)
        for panel in (self.campaign_cost, self.category_cost):
            panel.plot.invertY(True)
            # the currency under the amounts, below (not over) the 9-point tick labels
            panel.plot.getAxis("bottom").setHeight(40)
        self.platform_cost.bar_clicked.connect(lambda i: self._filter_bar("platform", i))
        self.platform_roi.bar_clicked.connect(lambda i: self._filter_bar("platform", i))
        self.campaign_cost.bar_clicked.connect(lambda i: self._filter_bar("campaign", i))

    def _build_trends(self) -> None:
        self.rates = ChartPanel(
            tr("CTR and engagement rate per month (%)"), date_axis=True, legend=True
        )
        self.costs_per = ChartPanel(tr("CPC and CPL per month"), date_axis=True, legend=True)
        self.trend_lines: dict[str, pg.PlotDataItem] = {}
        self.benchmark_lines: dict[str, pg.InfiniteLine] = {}
        #: the published benchmark's median (dotted) and the band to its top quartile
        self.published_lines: dict[str, pg.InfiniteLine] = {}
        self.published_bands: dict[str, pg.LinearRegionItem] = {}
        # CPC is a fraction of CPL: on one axis its line lies flat at zero, so CPC gets
        # the right axis (its own view box) and CPL the left one
        self.cpc_view = pg.ViewBox()
        self.costs_per.plot.showAxis("right")
        self.cpc_view.setParentItem(self.costs_per.plot)
        self.costs_per.plot.getAxis("right").linkToView(self.cpc_view)
        self.costs_per.plot.getAxis("right").setLabel(tr("CPC (right axis)"))
        self.costs_per.plot.getAxis("left").setLabel(tr("CPL"))
        self.cpc_view.setXLink(self.costs_per.plot)
        self.costs_per.plot.getViewBox().sigResized.connect(self._sync_cpc_view)
        for index, (name, label, money) in enumerate(TRENDS):
            panel = self.costs_per if money else self.rates
            colour = LINES[index]
            line = DottedLine(colour, size=5)
            caption = tr(label)
            if name == "cpc":
                self.cpc_view.addItem(line)
                caption = tr("CPC (right axis)")
            else:
                panel.plot.addItem(line)
            panel.plot.legend.addItem(line, caption)
            self.trend_lines[name] = line
            bench = pg.InfiniteLine(
                angle=0,
                pen=pg.mkPen(colour, width=1, style=pg.QtCore.Qt.PenStyle.DashLine),
                label=tr("{} goal").format(tr(label)),
                # on a half-transparent white ground: readable where a data line runs through
                # it, and the line still seen under it
                labelOpts={"position": 0.6, "color": colour, "fill": (255, 255, 255, 150)},
            )
            bench.setVisible(False)
            (self.cpc_view if name == "cpc" else panel.plot).addItem(bench)
            self.benchmark_lines[name] = bench
            self._build_published(name, colour, self.cpc_view if name == "cpc" else panel.plot)

    def _build_published(self, name: str, colour: str, plot: pg.PlotItem | pg.ViewBox) -> None:
        """A KPI's published-benchmark line (dotted, labelled with its source) and band."""
        line = pg.InfiniteLine(
            angle=0,
            pen=pg.mkPen(colour, width=1, style=pg.QtCore.Qt.PenStyle.DotLine),
            label="",
            labelOpts={"position": 0.3, "color": colour, "fill": (255, 255, 255, 150)},
        )
        band = pg.LinearRegionItem(
            orientation="horizontal",
            movable=False,
            brush=pg.mkBrush(*pg.mkColor(colour).getRgb()[:3], 28),
            pen=pg.mkPen(None),
        )
        for item in (line, band):
            item.setVisible(False)
            plot.addItem(item)
        self.published_lines[name] = line
        self.published_bands[name] = band

    def _build_funnel_and_goals(self) -> None:
        self.funnel = ChartPanel(tr("Funnel: step conversion rates (log scale)"))
        self.funnel_bars = horizontal_bar_item(ROI)
        self.funnel.plot.addItem(self.funnel_bars)
        self.funnel.plot.invertY(True)
        self.funnel.plot.setLogMode(x=False, y=False)
        self.funnel.plot.getAxis("left").setWidth(235)
        self.goals = ChartPanel(tr("Goal progress (| = on pace today)"))
        self.goal_bars = horizontal_bar_item(RETURN)
        self.goals.plot.addItem(self.goal_bars)
        self.goal_pace = pg.ScatterPlotItem(symbol="|", size=22, pen=pg.mkPen("#222222", width=3))
        self.goals.plot.addItem(self.goal_pace)
        self.goals.plot.addLine(x=1, pen=pg.mkPen("#999999", style=pg.QtCore.Qt.PenStyle.DotLine))
        self.goals.plot.invertY(True)

    def _sync_cpc_view(self) -> None:
        main = self.costs_per.plot.getViewBox()
        self.cpc_view.setGeometry(main.mapRectToItem(self.costs_per.plot, main.boundingRect()))

    def _sync_roi_view(self) -> None:
        main = self.monthly.plot.getViewBox()
        self.roi_view.setGeometry(main.mapRectToItem(self.monthly.plot, main.boundingRect()))

    def _label_axes(self, numbers: NumberStyle) -> None:
        """Name the workspace currency on every money axis and write every value axis in the
        workspace's decimal mark (only when the style changes)."""
        if self._axes_style == numbers:
            return
        self._axes_style = numbers
        currency, comma = numbers.currency, numbers.decimal_comma
        for panel in self.panels:
            for name in ("left", "bottom", "right"):
                axis = panel.plot.getAxis(name)
                if isinstance(axis, NumberAxis):
                    axis.set_decimal_comma(comma)
        self.monthly.plot.setLabel("left", currency)
        self.platform_cost.plot.setLabel("left", currency)
        for panel in (self.campaign_cost, self.category_cost):
            panel.plot.setLabel("bottom", currency)
        self.costs_per.plot.getAxis("left").setLabel(tr("CPL ({})").format(currency))
        self.costs_per.plot.getAxis("right").setLabel(tr("CPC ({}, right axis)").format(currency))

    def _draw_monthly(self, data: DashboardData) -> None:
        series = data.monthly
        half = BAR_WIDTH_SECONDS / 2
        self.monthly_cost.setOpts(
            x=[x + 3 * 86400 - half for x in series.x], height=series.cost, width=BAR_WIDTH_SECONDS
        )
        self.monthly_return.setOpts(
            x=[x + 3 * 86400 + half for x in series.x],
            height=series.total_return,
            width=BAR_WIDTH_SECONDS,
        )
        roi_percent = [v * 100 for v in series.cumulative_roi]
        if all(math.isnan(v) for v in roi_percent):  # no cost: no ROI line (nor NaN dots)
            self.monthly_roi.setData([], [])
        else:
            self.monthly_roi.setData([x + 3 * 86400 for x in series.x], roi_percent)
        finite = [v for v in roi_percent if not math.isnan(v)]
        if finite:
            self.roi_view.setYRange(*_with_headroom(finite), padding=0)
        self.break_even.setVisible(series.break_even_x is not None)
        if series.break_even_x is not None:
            self.break_even.setValue(series.break_even_x)
        label = self.monthly.plot.legend.getLabel(self.break_even_key)
        text = series.break_even_label or tr("break-even: not in this period")
        if label.text != text:  # a label's text is HTML laid out again
            label.setText(text)
        self.monthly.set_hover([x + 3 * 86400 for x in series.x], series.hover)
        self.monthly.set_empty("" if series.x else tr("No data in this period"))
        self.monthly.plot.enableAutoRange()
        if series.x:
            self.monthly.plot.setYRange(
                *_with_headroom([*series.cost, *series.total_return]), padding=0
            )
        start, end = data.query.start, data.query.end
        if series.x:
            if start is not None and end is not None:
                # every month of a chosen period has its slot, with data or without (two
                # months of data in "last 12 months" filled the chart with day ticks, as if
                # the period were six weeks)
                first, last = timestamp(start.replace(day=1)), timestamp(end) + 86400
            else:
                first, last = series.x[0], series.x[-1] + MONTH_SECONDS
            # at least four months wide: one month's two bars filled the chart as blocks
            # over day ticks (a workspace with one month imported, or "this month")
            widen = max(0.0, MIN_MONTHS * MONTH_SECONDS - (last - first)) / 2
            self.monthly.plot.setXRange(first - widen, last + widen, padding=0.02)
        else:  # nothing to draw: the period's months (auto range of nothing showed 1970)
            self.monthly.plot.setRange(xRange=self._empty_months(data), yRange=(0, 1), padding=0)
        self._sync_roi_view()

    def _empty_months(self, data: DashboardData) -> tuple[float, float]:
        """The months an empty time chart spans: the chosen period, else the last twelve."""
        start, end = data.query.start, data.query.end
        if start is not None and end is not None and start <= end:
            return timestamp(start.replace(day=1)), timestamp(end) + 86400
        today = self._today()
        return timestamp(today) - 365 * 86400, timestamp(today) + 86400

    def _draw_bars(self, data: DashboardData) -> None:
        for panel, bars, series in (
            (self.platform_cost, self.platform_cost_bars, data.platform_cost),
            (self.platform_roi, self.platform_roi_bars, data.platform_roi),
        ):
            positions = list(range(len(series.values)))
            heights = [0.0 if math.isnan(v) else v for v in series.values]
            if panel is self.platform_roi:
                heights = [h * 100 for h in heights]
            bars.setOpts(x=positions, height=heights, width=0.6)
            self._label_missing_costs(panel, data.platform_cost)
            set_category_ticks(panel.plot.getAxis("bottom"), series.labels)
            panel.set_hover(positions, series.hover)
            panel.set_empty(self._bars_empty_text(series, data))
            panel.plot.enableAutoRange()
            _keep_bars_narrow(panel.plot.getViewBox(), len(positions), vertical=True)
        self._draw_horizontal(self.campaign_cost, self.campaign_cost_bars, data.campaign_cost, data)
        self._fit_named_campaigns(data.campaign_cost)
        self._draw_horizontal(self.category_cost, self.category_cost_bars, data.category_cost, data)

    def _label_missing_costs(self, panel: ChartPanel, costs: BarSeries) -> None:
        """Say "no cost entered" in the slot of a platform with returns but no cost (its ROI
        is not defined and its cost bar is nothing: an empty slot read as a missing bar)."""
        for label in self._no_cost_labels.pop(panel, []):
            panel.plot.removeItem(label)
        if all(math.isnan(v) or not v for v in costs.values):
            return  # no costs at all: the chart says so in words
        made = []
        for position, cost in enumerate(costs.values):
            if math.isnan(cost) or not cost:
                label = pg.TextItem(tr("no cost entered"), color="#666666", anchor=(0.5, 1.0))
                label.setPos(position, 0)
                panel.plot.addItem(label)
                made.append(label)
        self._no_cost_labels[panel] = made

    def _fit_named_campaigns(self, series: BarSeries) -> None:
        """Scale the campaign bars to the named campaigns: the bar of all the others (an
        agency's hundreds) would dwarf them; it runs off the edge, its hover has its sum."""
        if len(series.keys) < 2 or series.keys[-1] != "":
            return
        named = max((v for v in series.values[:-1] if not math.isnan(v)), default=0.0)
        if named > 0 and series.values[-1] > named:
            self.campaign_cost.plot.setXRange(0, named, padding=0.05)

    def _bars_empty_text(self, series: BarSeries, data: DashboardData) -> str:
        """What a cost bar chart says instead of bars: costs carry no content type, no rows,
        or rows whose figure is undefined."""
        if data.query.content_type is not None:
            return tr(NO_CONTENT_TYPE_COSTS)
        if not series.values:
            return tr("No data in this period")
        if all(math.isnan(v) for v in series.values):
            return tr("Not defined: add costs")
        if series is not data.platform_roi and not any(series.values):  # results, no costs
            return tr("No costs in this period: add costs")
        return ""

    def _draw_horizontal(
        self, panel: ChartPanel, bars: pg.BarGraphItem, series: BarSeries, data: DashboardData
    ) -> None:
        """Horizontal bars with their names in full on the left (campaigns, cost categories)."""
        positions = list(range(len(series.values)))
        widths = [0.0 if math.isnan(v) else v for v in series.values]
        bars.setOpts(x0=[0.0] * len(widths), y=positions, width=widths)
        set_name_ticks(panel.plot.getAxis("left"), series.labels, NAMES_WIDEST, 120)
        # room for every name (pyqtgraph hides tick labels that would overlap)
        panel.plot_widget.setMinimumHeight(max(230, 60 + 22 * len(positions)))
        panel.set_hover(positions, series.hover, vertical=False)
        panel.set_empty(self._bars_empty_text(series, data))
        panel.plot.enableAutoRange()
        _keep_bars_narrow(panel.plot.getViewBox(), len(positions), vertical=False)

    def _draw_published(self, trend: TrendSeries) -> None:
        """The published median as a dotted line labelled with its source, and a band to the
        top quartile where the source gives one; nothing where there is no benchmark."""
        line, band = self.published_lines[trend.name], self.published_bands[trend.name]
        published = trend.published
        scale = _trend_scale(trend.name)
        median = None if published is None else published.median
        line.setVisible(median is not None)
        if published is not None and median is not None:
            line.setValue(float(median) * scale)
            line.label.setFormat(published.label)
        top = None if published is None else published.top_quartile
        band.setVisible(top is not None)
        if top is not None:
            low = float(median if median is not None else top) * scale
            band.setRegion((min(low, float(top) * scale), max(low, float(top) * scale)))

    def _draw_trends(self, data: DashboardData) -> None:
        # what each line and goal line shows: rates in %, money as it is
        shown = {t.name: [v * _trend_scale(t.name) for v in t.values] for t in data.trends}
        goals = {
            t.name: t.benchmark * _trend_scale(t.name)
            for t in data.trends
            if t.benchmark is not None
        }
        for trend in data.trends:
            values = shown[trend.name]
            if all(math.isnan(v) for v in values):  # nothing defined: no line, no dots
                self.trend_lines[trend.name].setData([], [])
            else:
                self.trend_lines[trend.name].setData(*broken_at_missing_months(trend.x, values))
            bench = self.benchmark_lines[trend.name]
            bench.setVisible(trend.name in goals)
            if trend.name in goals:
                bench.setValue(goals[trend.name])
            self._draw_published(trend)
        rates = [t for t in data.trends if t.name in _PERCENT_TRENDS]
        money = [t for t in data.trends if t.name in ("cpc", "cpl")]
        for panel, trends in ((self.rates, rates), (self.costs_per, money)):
            positions = [x for t in trends for x in t.x]
            # each point's hover names every line's value that month
            month_texts: dict[float, list[str]] = defaultdict(list)
            for trend in trends:
                for x, text in zip(trend.x, trend.hover, strict=True):
                    month_texts[x].append(text)
            panel.set_hover(positions, ["\n".join(month_texts[x]) for x in positions])
            defined = any(not math.isnan(v) for t in trends for v in t.values)
            if not positions:
                panel.set_empty(tr("No data in this period"))
            elif panel is self.costs_per and data.query.content_type is not None:
                panel.set_empty(tr(NO_CONTENT_TYPE_COSTS))  # CPC and CPL are costs
            elif not defined:  # months with results, but nothing these rates divide by
                panel.set_empty(
                    tr("Not defined: no impressions in this period")
                    if panel is self.rates
                    else tr("Not defined: no link clicks or leads in this period")
                )
            else:
                panel.set_empty("")
        self._range_trend_views(data, shown, goals)
        self._sync_cpc_view()

    def _range_trend_views(
        self, data: DashboardData, shown: dict[str, list[float]], goals: dict[str, float]
    ) -> None:
        """Scale the trend charts: every month of the period, headroom for the legends."""
        rates = [t for t in data.trends if t.name in _PERCENT_TRENDS]
        money = [t for t in data.trends if t.name in ("cpc", "cpl")]
        # headroom for the legends at the top (goal lines included): on the left axes, and on
        # the right one for CPC (both axes set: with only y fixed, pyqtgraph fits x to the
        # points inside that y range, and warns on a line that has none)
        for view, names, panel_trends in (
            (self.rates.plot.getViewBox(), _PERCENT_TRENDS, rates),
            (self.costs_per.plot.getViewBox(), ("cpl",), money),
            (self.cpc_view, ("cpc",), money),
        ):
            values = [v for name in names for v in shown.get(name, [])]
            values += [goals[name] for name in names if name in goals]
            positions = [x for t in panel_trends for x in t.x]
            if not positions:
                view.setRange(xRange=self._empty_months(data), yRange=(0, 1), padding=0)
                continue
            low, high = min(positions), max(positions)
            start, end = data.query.start, data.query.end
            if start is not None and end is not None and start <= end:
                # every month of a chosen period, as on the cost-and-return chart above
                low = min(low, timestamp(start.replace(day=1)))
                high = max(high, timestamp(end.replace(day=1)))
            # months on the axis, not days, however few points (at least four months wide)
            margin = max((high - low) * 0.03, (MIN_MONTHS * MONTH_SECONDS - (high - low)) / 2)
            finite = [v for v in values if not math.isnan(v)]
            view.setRange(
                xRange=(low - margin, high + margin),
                # no defined value: an empty 0–1 scale under the months (auto range of no
                # data put sub-second times on the date axis)
                yRange=_with_headroom(values, from_zero=False) if finite else (0.0, 1.0),
                padding=0,
            )

    def _draw_funnel(self, data: DashboardData) -> None:
        series = data.funnel
        # counts fall by orders of magnitude from step to step: bar lengths on a log scale,
        # so leads and customers stay visible next to millions of impressions
        top = math.log10(max(series.values, default=0.0) + 1) or 1.0
        widths = [math.log10(v + 1) / top * 100 for v in series.values]
        positions = list(range(len(widths)))
        self.funnel_bars.setOpts(
            x0=[(100 - w) / 2 for w in widths], y=positions, width=widths, height=0.6
        )
        # each step's name, count and rate on the left axis, clear of the bars
        self.funnel.plot.getAxis("left").setTicks([list(enumerate(series.ticks))])
        self.funnel.plot.getAxis("bottom").setTicks([[]])
        self.funnel.set_hover(positions, series.hover, vertical=False)
        if any(series.values):
            self.funnel.set_empty("")
        elif any(getattr(data.figures, name) for name in COUNT_METRICS):  # sessions, say
            self.funnel.set_empty(tr("No impressions, clicks, leads or customers in this period"))
        else:
            self.funnel.set_empty(tr("No results in this period"))
        self.funnel.plot.setXRange(0, 100)
        self.funnel.plot.setYRange(-0.5, len(positions) - 0.5)

    def _draw_goals(self, data: DashboardData) -> None:
        series = data.goals
        positions = list(range(len(series.labels)))
        progress = [0.0 if math.isnan(v) else v for v in series.progress]
        self.goal_bars.setOpts(x0=[0.0] * len(progress), y=positions, width=progress, height=0.6)
        pace = [(e, y) for e, y in zip(series.elapsed, positions, strict=True) if not math.isnan(e)]
        self.goal_pace.setData([p[0] for p in pace], [p[1] for p in pace])
        set_name_ticks(self.goals.plot.getAxis("left"), series.labels, GOALS_WIDEST, 160)
        # room for every goal's label (pyqtgraph hides tick labels that would overlap)
        self.goals.plot_widget.setMinimumHeight(max(230, 60 + 26 * len(positions)))
        self.goals.set_hover(positions, series.hover, vertical=False)
        self.goals.set_empty("" if positions else tr("No goals: add a goal to a campaign"))
        self.goals.plot.enableAutoRange()
        if not positions:  # the empty chart's scale is progress from 0 to the target (1)
            self.goals.plot.setRange(xRange=(0, 1.2), yRange=(-0.5, 0.5), padding=0)
        else:
            _keep_bars_narrow(self.goals.plot.getViewBox(), len(positions), vertical=False)

    def _filter_bar(self, by: str, index: int) -> None:
        """A click on a platform's or campaign's bar: say which (the filters choose it)."""
        if self.data is None:
            return
        series = self.data.platform_cost if by == "platform" else self.data.campaign_cost
        if not 0 <= index < len(series.keys):
            return
        key = series.keys[index]
        if by == "platform":
            self.bar_chosen.emit(by, key)
        elif key.isdigit():  # the bar of all the other campaigns has no id
            self.bar_chosen.emit(by, int(key))
