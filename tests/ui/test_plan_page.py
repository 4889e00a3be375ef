"""The Plan page (offscreen): inputs change the figures, computed on a worker, shown on the
GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from planning_workspace import BASIS, TODAY, planning_workspace

from roidesk.storage import Workspace
from roidesk.ui.editors import numbers_of
from roidesk.ui.plan_page import COLUMNS, COMPARED, PlanData, PlanPage, PlanRequest, compute_plan

D = Decimal
PLANNED = 3  # the column "With these budgets"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """The planning workspace (tests/planning_workspace.py)."""
    ws = planning_workspace(tmp_path / "plan.roidesk")
    yield ws
    ws.close()


@pytest.fixture
def page(qtbot, workspace: Workspace) -> PlanPage:  # type: ignore[no-untyped-def]
    """The page on 10 April 2026 (default basis: January to March), its first answer in."""
    shown = PlanPage(workspace, lambda: TODAY)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: "Facebook" in shown.budget_spins and _settled(shown), timeout=10000)
    return shown


def _settled(page: PlanPage) -> bool:
    return page.data is not None and page.latest.running is None and not page._timer.isActive()


def money(page: PlanPage, value: int) -> str:
    assert page.data is not None
    return numbers_of(page.data.settings).money(D(value))


def test_the_default_basis_and_budgets_are_shown(page: PlanPage) -> None:
    """The basis is January–March; Facebook's spin box holds its 100 a month; planned cost
    is 50 of other costs + 100."""
    assert page.request().basis == BASIS
    assert page.budget_spins["Facebook"].value() == 100.0
    assert page.compared[("cost", PLANNED)].text() == money(page, 150)


def test_changing_a_budget_updates_the_projected_figures(qtbot, page: PlanPage) -> None:  # type: ignore[no-untyped-def]
    """Facebook 400 with exponent 1: cost 450, total return 1,640 with its range, 42 leads."""
    page.exponent.setValue(1.0)
    page.budget_spins["Facebook"].setValue(400.0)
    cell = page.compared[("cost", PLANNED)]
    qtbot.waitUntil(lambda: cell.text() == money(page, 450) and _settled(page), timeout=10000)
    total = page.compared[("total_return", PLANNED)].text()
    assert total.startswith(money(page, 1640))
    assert money(page, 1430) in total and money(page, 2060) in total
    assert page.compared[("leads", PLANNED)].text() == "42"


def test_a_platform_without_advertising_says_why(page: PlanPage) -> None:
    """Instagram had no advertising cost: its spin box is off and the reason is beside it."""
    assert not page.budget_spins["Instagram"].isEnabled()
    assert page.data is not None
    assert "Instagram cannot be scaled" in page.data.problems["Instagram"]


def test_the_stop_panel_shows_roni(qtbot, page: PlanPage) -> None:  # type: ignore[no-untyped-def]
    """Stopping Facebook 3 months with 25 % carry-over: saves 450, loses 990, RONI 540."""
    page.stop_platform.setCurrentIndex(page.stop_platform.findData("Facebook"))
    page.stop_months.setValue(3)
    page.carry_over.setValue(25)
    qtbot.waitUntil(
        lambda: page.roni.text().startswith(money(page, 540)) and _settled(page), timeout=10000
    )
    assert page.cost_saved.text() == money(page, 450)
    assert page.return_lost.text() == money(page, 990)


def test_the_work_needs_no_widgets(workspace: Workspace) -> None:
    """compute_plan answers on a plain thread with its own connection: plain data only."""
    request = PlanRequest(BASIS, TODAY, "Facebook", 1, D(0), {"Facebook": D(200)}, D(1))
    answers: list[PlanData] = []

    def work() -> None:
        with Workspace.open(workspace.path) as own:
            answers.append(compute_plan(own, request))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert answers and answers[0].planned is not None
    assert answers[0].planned.figures.cost == D(250)  # 50 + 200
    assert answers[0].this_month.cost == D(0)  # April so far: no costs
    assert isinstance(answers[0].request.today, date)


def test_an_empty_workspace_shows_dashes_not_errors(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A new workspace has no platform to stop or budget: the page says so, figures are —."""
    with Workspace.create(tmp_path / "empty.roidesk") as empty:
        shown = PlanPage(empty, lambda: TODAY)
        qtbot.addWidget(shown)
        qtbot.waitUntil(lambda: _settled(shown), timeout=10000)
        assert shown.budget_spins == {}
        assert shown.stop_verdict.text() == "No platform in the basis period."
        assert shown.compared[("roi_total", PLANNED)].text() == "—"
        shown.close()


def test_what_moves_roi_most_shows_the_leads_swing(page: PlanPage) -> None:
    """Leads valued 10 (5–20) over January–March: total 1,320 on cost 450 swings ROI from
    (1,140 − 450)/450 to (1,680 − 450)/450, around the basis ROI of 870/450."""
    chart = page.swing_chart
    assert chart.bars == [("Leads", D(690) / D(450), D(1230) / D(450))]
    assert chart.roi == D(870) / D(450)
    assert chart.toolTip().startswith("Leads: ")
    page.grab()  # paints the bars without error


def test_copy_puts_the_plan_on_the_clipboard_for_excel(page: PlanPage) -> None:
    """Copy gives the projected month's table as tab-separated rows, header first."""
    from PySide6.QtGui import QGuiApplication

    page.copy_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == ["", *COLUMNS]
    cost = lines[1].split("\t")
    assert cost[0] == "Cost" and cost[PLANNED] == money(page, 150)
    assert len(lines) == 1 + len(COMPARED)
