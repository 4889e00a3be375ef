"""The dashboard page: refreshed in the background, drawn on the GUI thread, newest first."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QScrollArea

from roidesk.storage import Workspace
from roidesk.ui.dashboard import DashboardWidget

TODAY = date(2026, 11, 15)


def points(item: object) -> int:
    """How many points a line holds (its data, not what is clipped into view)."""
    x_data = item.xData  # type: ignore[attr-defined]
    return 0 if x_data is None else len(x_data)


def chart_lengths(widget: DashboardWidget) -> dict[str, int]:
    """How many points or bars each chart currently draws."""
    return {
        "monthly_cost": len(widget.charts.monthly_cost.opts["height"]),
        "monthly_roi": points(widget.charts.monthly_roi),
        "platform_cost": len(widget.charts.platform_cost_bars.opts["height"]),
        "platform_roi": len(widget.charts.platform_roi_bars.opts["height"]),
        "campaign_cost": len(widget.charts.campaign_cost_bars.opts["width"]),
        "category_cost": len(widget.charts.category_cost_bars.opts["width"]),
        **{name: points(line) for name, line in widget.charts.trend_lines.items()},
        "funnel": len(widget.charts.funnel_bars.opts["width"]),
        "goals": len(widget.charts.goal_bars.opts["width"]),
    }


def test_demo_fills_every_chart_and_card(dashboard: DashboardWidget) -> None:
    """With the demo data for the last 12 months every chart has data and every card a value,
    and its change against the year before (the demo holds two years)."""
    assert all(count > 0 for count in chart_lengths(dashboard).values()), chart_lengths(dashboard)
    assert all(card.value.text() != "—" for card in dashboard.cards.values())
    changes = [card.change.text() for card in dashboard.cards.values()]
    assert all(text[0] in "+-" and text.endswith(" vs previous period") for text in changes)
    assert dashboard.cards["roi_total"].change.text() == "+24.1 pts vs previous period"
    # the demo's owner got better at it: every change but cost's is green (cost is neither)
    greens = {n for n, card in dashboard.cards.items() if "#00704f" in card.change.styleSheet()}
    assert greens == set(dashboard.cards) - {"cost"}
    assert "#666666" in dashboard.cards["cost"].change.styleSheet()
    assert dashboard.cards["cost"].value.text().startswith("€")
    assert dashboard.data is not None and len(dashboard.data.monthly.x) == 12


def test_filter_change_updates_everything(qtbot, dashboard: DashboardWidget) -> None:  # type: ignore[no-untyped-def]
    """Choosing a platform recomputes every card and chart together, in one refresh."""
    before = dashboard.data
    assert before is not None
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.select(dashboard.filters.platform, "TikTok")
    after = dashboard.data
    assert after is not None and after.query.platform == "TikTok"
    assert after.cards != before.cards
    assert after.monthly.cost != before.monthly.cost
    assert after.platform_cost.labels == ["TikTok"]
    assert after.funnel.values != before.funnel.values
    assert dashboard.cards["cost"].value.text() == after.cards[0].value
    assert dashboard.filters.back.isVisibleTo(dashboard)


def test_widgets_are_only_touched_on_the_gui_thread(qtbot, dashboard: DashboardWidget) -> None:  # type: ignore[no-untyped-def]
    """A refresh computed in the background is drawn on the GUI thread, never the worker's."""
    threads: list[QThread] = []
    dashboard.refreshed.connect(
        lambda: threads.append(QThread.currentThread()), Qt.ConnectionType.DirectConnection
    )
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.select(dashboard.filters.platform, "Facebook")
    gui = QApplication.instance().thread()  # type: ignore[union-attr]
    assert threads == [gui]


def test_filter_changes_are_debounced(qtbot, dashboard: DashboardWidget) -> None:  # type: ignore[no-untyped-def]
    """Three quick filter changes make one refresh, for the last one."""
    drawn: list[str | None] = []
    dashboard.refreshed.connect(lambda: drawn.append(dashboard.data.query.platform))  # type: ignore[union-attr]
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.select(dashboard.filters.platform, "Facebook")
        dashboard.select(dashboard.filters.platform, "Instagram")
        dashboard.select(dashboard.filters.platform, "LinkedIn")
    dashboard.wait_for_workers()
    qtbot.wait_until(lambda: not dashboard._timer.isActive())
    assert drawn == ["LinkedIn"]


def test_a_refresh_asked_for_while_one_computes_draws_only_the_newest(
    qtbot, dashboard: DashboardWidget
) -> None:  # type: ignore[no-untyped-def]
    """Filters changed while the dashboard computes: the outdated result is not drawn, the
    newest one is."""
    drawn: list[str | None] = []
    dashboard.refreshed.connect(lambda: drawn.append(dashboard.data.query.platform))  # type: ignore[union-attr]
    dashboard.select(dashboard.filters.platform, "Facebook")
    dashboard._timer.timeout.emit()  # the debounce ends: Facebook computes
    dashboard.select(dashboard.filters.platform, "LinkedIn")
    dashboard._timer.timeout.emit()  # asked for while Facebook computes
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        pass
    dashboard.wait_for_workers()
    assert drawn == ["LinkedIn"]


def test_refreshes_keep_one_worker_connection_and_see_the_window_s_writes(
    qtbot, dashboard: DashboardWidget, demo: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """The worker's engine stays warm between refreshes, yet a cost added in the window shows."""

    from roidesk.core.records import Cost, CostCategory

    connection = dashboard.connection
    first = connection.use()
    assert first is not demo  # a connection of its own
    cost_before = dashboard.data.figures.cost  # type: ignore[union-attr]
    demo.add_cost(Cost(date(2026, 3, 3), CostCategory.OTHER, Decimal("123.45")))
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.refresh()
    assert connection.use() is first
    assert dashboard.data.figures.cost == cost_before + Decimal("123.45")  # type: ignore[union-attr]
    dashboard.close()
    assert not connection.is_open


def test_the_page_fits_a_laptop_window_without_scrolling_sideways(
    dashboard: DashboardWidget,
) -> None:
    """Beside a 170-pixel sidebar in a 1280-pixel window, the page needs no horizontal scroll."""
    content = dashboard.findChild(QScrollArea).widget()
    assert content.minimumSizeHint().width() <= 1280 - 170 - 30


def test_a_typed_date_waits_for_a_pause_while_a_choice_refreshes_at_once(
    qtbot, dashboard: DashboardWidget
) -> None:  # type: ignore[no-untyped-def]
    """A date typed digit by digit is not recomputed at every digit; a platform chosen from
    the list is recomputed straight away (no waiting on a filter change)."""
    from PySide6.QtCore import QDate

    from roidesk.ui.dashboard.widget import TYPING_PAUSE_MS

    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.set_period(date(2026, 1, 1), date(2026, 3, 31))
    dashboard.filters.start_edit.setDate(QDate(2026, 2, 1))
    assert dashboard._timer.isActive() and dashboard._timer.interval() == TYPING_PAUSE_MS
    with qtbot.waitSignal(dashboard.refreshed, timeout=10000):
        dashboard.select(dashboard.filters.platform, "Facebook")
    assert dashboard._timer.interval() == 0
    assert dashboard.data.query.start == date(2026, 2, 1)  # type: ignore[union-attr]


def test_the_page_opens_with_its_answer_in_one_sentence(dashboard: DashboardWidget) -> None:
    """Above the cards: what every €1 returned, the best platform and the year before (the
    demo's ROI rose 37.8 points); under them, what tells the two ROIs apart."""
    answer = dashboard.answer.text()
    assert answer.startswith("Every €1 spent returned €")
    assert "Best: " in answer and answer.endswith("Better than the 12 months before.")
    assert dashboard.answer.isVisibleTo(dashboard)
    assert "ROI (direct) counts revenue alone" in dashboard.roi_note.text()
