"""The dashboard's axes lay out exactly what pyqtgraph's own code lays out, in less time."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pyqtgraph as pg
import pytest
from PySide6.QtGui import QColor, QPainter, QPicture

from roidesk.ui.dashboard import DashboardWidget
from roidesk.ui.dashboard.axes import MonthAxis, NumberAxis


def plain(specs: Any) -> Any:
    """Draw specs as comparable values: pens by colour and width, points and rects as tuples."""
    if specs is None:
        return None
    (pen, start, end), ticks, texts = specs

    def pen_of(pen: Any) -> tuple[str, float]:
        return pen.color().name(QColor.NameFormat.HexArgb), pen.widthF()

    return (
        (pen_of(pen), start.toTuple(), end.toTuple()),
        [(pen_of(pen), a.toTuple(), b.toTuple()) for pen, a, b in ticks],
        [(rect.getRect(), int(flags), text) for rect, flags, text in texts],
    )


def pyqtgraph_specs(axis: pg.AxisItem) -> Any:
    """What pyqtgraph's own code lays out for the axis as it is now."""
    picture = QPicture()
    painter = QPainter(picture)
    try:
        if isinstance(axis, pg.DateAxisItem):
            return plain(pg.DateAxisItem.generateDrawSpecs(axis, painter))
        return plain(pg.AxisItem.generateDrawSpecs(axis, painter))
    finally:
        painter.end()


def quick_specs(axis: pg.AxisItem) -> Any:
    picture = QPicture()
    painter = QPainter(picture)
    try:
        return plain(axis.generateDrawSpecs(painter))
    finally:
        painter.end()


def test_every_axis_of_every_page_is_laid_out_as_pyqtgraph_would(
    dashboard: DashboardWidget,
) -> None:
    """For the whole year, one platform, one month and an empty period, each shown axis of each
    chart (money, percent, category, month axes; the grid of the monthly chart) has the same
    ticks, pens, label texts and label places as pyqtgraph's ``generateDrawSpecs`` gives."""
    pages = [
        (None, None, None),
        (None, None, "Facebook"),
        (date(2026, 10, 1), date(2026, 10, 31), None),
        (date(2020, 1, 1), date(2020, 3, 31), None),
    ]
    compared = 0
    for start, end, platform in pages:
        dashboard.set_period(start, end)
        dashboard.select(dashboard.filters.platform, platform)
        dashboard.refresh_now()
        dashboard.grab()
        for panel in dashboard.charts.panels:
            for side in ("left", "bottom", "right"):
                axis = panel.plot.getAxis(side)
                if not axis.isVisible():
                    continue
                assert isinstance(axis, NumberAxis | MonthAxis)
                expected = pyqtgraph_specs(axis)
                assert quick_specs(axis) == expected, (panel.title, side)
                compared += 1 if expected and expected[2] else 0
    assert compared >= 4 * 15  # labelled axes compared, not empty ones


def test_tick_values_are_pyqtgraph_s_without_numpy(dashboard: DashboardWidget) -> None:
    """Over ranges from cents to billions, reversed and negative, the tick values per level are
    the ones pyqtgraph's numpy code picks."""
    axis = dashboard.charts.platform_cost.plot.getAxis("left")
    chance = random.Random(5)
    for _ in range(400):
        low = chance.uniform(-1e6, 1e6) * 10 ** chance.randint(-4, 3)
        high = low + chance.uniform(0.001, 1e6) * 10 ** chance.randint(-3, 3)
        if chance.random() < 0.2:
            low, high = high, low
        size = chance.uniform(40, 1400)
        assert axis.tickValues(low, high, size) == pg.AxisItem.tickValues(axis, low, high, size)


def test_axes_with_every_tick_level_and_a_grid_are_laid_out_as_pyqtgraph_would(qtbot) -> None:  # type: ignore[no-untyped-def]
    """pyqtgraph's default style (three tick levels, minor labels where there is room) on all
    four sides, with and without a grid, over ranges small and large: the same specs."""
    axes = {side: NumberAxis(side) for side in ("left", "right", "top", "bottom")}
    plot = pg.PlotWidget(axisItems=axes)
    qtbot.addWidget(plot)
    plot.resize(700, 420)
    for side in axes:
        plot.getPlotItem().showAxis(side)
    plot.show()
    compared = 0
    for grid in (False, True):
        plot.getPlotItem().showGrid(x=grid, y=grid, alpha=0.4)
        for x_range, y_range in (((0, 1), (0, 1)), ((-3.5, 12), (0.001, 0.0042)),
                                 ((1e3, 9e6), (-250, 250)), ((5, 5.5), (1e9, 4e9))):  # fmt: skip
            plot.setRange(xRange=x_range, yRange=y_range, padding=0)
            plot.grab()
            for axis in axes.values():
                expected = pyqtgraph_specs(axis)
                assert quick_specs(axis) == expected, (axis.orientation, grid, x_range, y_range)
                compared += len(expected[2])
    assert compared > 100


def test_month_ticks_are_pyqtgraph_s(dashboard: DashboardWidget) -> None:
    """From a few weeks to twenty years, the month and year ticks are pyqtgraph's."""
    axis = dashboard.charts.monthly.plot.getAxis("bottom")
    dashboard.grab()  # the axis has measured its font
    chance = random.Random(7)
    for _ in range(200):
        low = chance.uniform(1.2e9, 1.9e9)
        high = low + chance.uniform(20, 7300) * 86400
        size = chance.uniform(200, 1400)
        assert axis.tickValues(low, high, size) == pg.DateAxisItem.tickValues(axis, low, high, size)


def test_every_name_beside_a_horizontal_bar_is_drawn(dashboard: DashboardWidget) -> None:
    """Each campaign, category and goal bar has its name drawn (pyqtgraph draws no tick label
    wider than its axis: names of 26 characters vanished from the campaign chart); a name too
    long for the page is shortened in the middle, so the campaign's year stays."""
    from dataclasses import replace

    long_name = "Grand Reopening of the Café Aurora Terrace, with Live Music and Cake 2026"
    workspace = dashboard.workspace
    campaign = next(c for c in workspace.campaigns() if c.name == "Mother's Day Gifts 2026")
    workspace.update_campaign(replace(campaign, name=long_name))  # as many bars, wider names
    # refreshed and painted at once, before Qt gets back to its event loop (a PNG of the page,
    # a benchmark): the axes are already as wide as their new names
    dashboard.refresh_now()
    dashboard.resize(1400, 3200)  # the whole page in view: grab() paints only what is shown
    dashboard.grab()
    assert dashboard.data is not None
    for panel, series in (
        (dashboard.charts.campaign_cost, dashboard.data.campaign_cost),
        (dashboard.charts.category_cost, dashboard.data.category_cost),
        (dashboard.charts.goals, dashboard.data.goals),
    ):
        drawn = [text for _, _, text in quick_specs(panel.plot.getAxis("left"))[2]]
        assert len(drawn) == len(series.labels) >= 5, panel.title
        for text, name in zip(drawn, series.labels, strict=True):
            assert text == name or ("…" in text and name.endswith(text.split("…")[1]))
    names = [
        text for _, _, text in quick_specs(dashboard.charts.campaign_cost.plot.getAxis("left"))[2]
    ]
    shortened = next(text for text in names if text.startswith("Grand"))
    assert "…" in shortened and shortened.endswith("Cake 2026")
    assert "Morning Coffee Club 2025/26" in names and "Wedding Season Leads 2026" in names


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen platform
def test_a_names_axis_is_as_wide_as_its_names_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Wider names widen the axis before anything else runs (the page painted right after a
    refresh drew the names at the old width: pyqtgraph left out every name that did not fit)."""
    from roidesk.ui.dashboard.charts import ChartPanel, set_name_ticks

    panel = ChartPanel("names")
    qtbot.addWidget(panel)
    panel.resize(600, 300)
    panel.show()
    qtbot.waitExposed(panel)
    axis = panel.plot.getAxis("left")
    set_name_ticks(axis, ["ads"], 230, 60)
    qtbot.wait_until(lambda: axis.geometry().width() == 60)
    set_name_ticks(axis, ["ads", "agency/freelancer fees"], 230, 60)
    assert axis.fixedWidth > 100
    assert axis.geometry().width() == axis.fixedWidth  # no event loop in between
    assert [text for _, _, text in quick_specs(axis)[2]] == ["ads", "agency/freelancer fees"]
