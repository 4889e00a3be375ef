"""The dashboard's filters: period presets and custom dates describe the query shown."""

from __future__ import annotations

from datetime import date

from roidesk.ui.dashboard import DashboardWidget

TODAY = date(2026, 11, 15)


def points(item: object) -> int:
    """How many points a line holds (its data, not what is clipped into view)."""
    x_data = item.xData  # type: ignore[attr-defined]
    return 0 if x_data is None else len(x_data)


def test_period_preset_changes_the_period(qtbot, dashboard: DashboardWidget) -> None:  # type: ignore[no-untyped-def]
    """The "last month" preset shows October 2026 only."""
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.filters.period.setCurrentIndex(dashboard.filters.period.findData("last month"))
    assert dashboard.data is not None
    assert (dashboard.data.query.start, dashboard.data.query.end) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
    )
    assert len(dashboard.data.monthly.x) == 1


def test_all_shows_open_ends_not_a_one_day_period(qtbot, dashboard: DashboardWidget) -> None:  # type: ignore[no-untyped-def]
    """ "All" reads first day to last day (it showed today twice); "custom" then starts at
    this month, and its dates are the query's."""
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.filters.period.setCurrentIndex(dashboard.filters.period.findData("all"))
    assert (dashboard.filters.start_edit.text(), dashboard.filters.end_edit.text()) == (
        "first day",
        "last day",
    )
    assert dashboard.data is not None
    assert (dashboard.data.query.start, dashboard.data.query.end) == (None, None)
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.filters.period.setCurrentIndex(dashboard.filters.period.findData("custom"))
    assert (dashboard.filters.start_edit.text(), dashboard.filters.end_edit.text()) == (
        "2026-11-01",
        "2026-11-15",
    )
    assert (dashboard.data.query.start, dashboard.data.query.end) == (
        date(2026, 11, 1),
        TODAY,
    )
