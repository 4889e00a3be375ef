"""The editor table models: Qt's model rules, edits through the view, undo/redo, validation."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from roidesk.core.records import (
    Campaign,
    CampaignStatus,
    Cost,
    CostCategory,
    Goal,
    OtherReturn,
    Repeat,
)
from roidesk.ui.editors import TablePage
from roidesk.ui.record_model import PLAIN_ROLE

#: The offscreen platform warns that it cannot size a real window; that is not our warning.
pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def column_of(model, key: str) -> int:
    return [c.key for c in model.columns].index(key)


@pytest.mark.parametrize(
    "name", ["campaigns", "goals", "costs", "results", "valuations", "other_returns", "clients"]
)
def test_every_model_passes_qt_model_tester(qtmodeltester, window, name):
    """Each editor's model keeps Qt's model contract (rows, columns, roles, signals)."""
    qtmodeltester.check(window.models[name], force_py=True)


def test_typing_into_a_cell_writes_the_file_and_undo_redo_restore_it(qtbot, window):
    """Type a new campaign name into the view; undo and redo write the file each time."""
    window.show_page("campaigns")
    page: TablePage = window.current_page()
    model = window.models["campaigns"]
    row = model.row_of(window.workspace.campaign_by_name("Spring").id)
    page.select_cell(row, column_of(model, "name"))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "Spring"
    editor.selectAll()
    qtbot.keyClicks(editor, "Spring sale")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(lambda: window.workspace.campaign_by_name("Spring sale") is not None)
    assert {c.name for c in window.workspace.campaigns()} == {"Spring sale", "Summer"}
    window.undo_action.trigger()
    assert {c.name for c in window.workspace.campaigns()} == {"Spring", "Summer"}
    window.redo_action.trigger()
    assert {c.name for c in window.workspace.campaigns()} == {"Spring sale", "Summer"}


def test_money_cell_reads_a_decimal_comma_exactly(window):
    """A cost amount typed as '1.234,56 €' is stored as exactly 1234.56."""
    model = window.models["costs"]
    index = model.index(0, column_of(model, "amount"))
    assert model.setData(index, "1.234,56 €")
    assert window.workspace.costs()[0].amount == Decimal("1234.56")
    total = model.index(0, column_of(model, "total")).data()
    assert total == "€1,234.56"


def test_hours_times_rate_total_column(window):
    """Staff time: clearing the amount and giving 2.5 h × 40 shows a total of €100.00."""
    model = window.models["costs"]
    assert model.setData(model.index(0, column_of(model, "amount")), "")
    assert model.setData(model.index(0, column_of(model, "hours")), "2,5")
    assert model.setData(model.index(0, column_of(model, "hourly_rate")), "40")
    cost = window.workspace.costs()[0]
    assert (cost.amount, cost.hours, cost.hourly_rate) == (None, Decimal("2.5"), Decimal(40))
    assert model.index(0, column_of(model, "total")).data() == "€100.00"


def test_refused_value_is_red_with_a_reason_and_changes_nothing(qtbot, window):
    """A campaign ending before it starts: red cell, tooltip, status message, file unchanged."""
    model = window.models["campaigns"]
    row = model.row_of(window.workspace.campaign_by_name("Spring").id)
    index = model.index(row, column_of(model, "end"))
    with qtbot.waitSignal(model.problem) as blocker:
        assert not model.setData(index, "2025-12-31")
    assert blocker.args == ["the end is before the start"]
    assert index.data(Qt.ItemDataRole.ToolTipRole) == "the end is before the start"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert index.data() == "2025-12-31"
    assert window.workspace.campaign_by_name("Spring").end == date(2026, 3, 31)
    assert window.statusBar().currentMessage() == "the end is before the start"
    assert window.undo_stack.count() == 0
    assert model.setData(index, "2026-04-30")
    assert index.data(Qt.ItemDataRole.ToolTipRole) is None


def test_not_a_number_and_duplicate_names_are_refused(window):
    """Text in a money cell and a second campaign with the same name are both refused."""
    costs = window.models["costs"]
    assert not costs.setData(costs.index(0, column_of(costs, "amount")), "lots")
    assert "is not a number" in costs.index(0, column_of(costs, "amount")).data(
        Qt.ItemDataRole.ToolTipRole
    )
    campaigns = window.models["campaigns"]
    assert not campaigns.setData(campaigns.index(1, column_of(campaigns, "name")), "SPRING")
    assert window.workspace.costs()[0].amount == Decimal("120.50")


def test_amount_and_hours_together_are_refused(window):
    """A cost is an amount or hours × rate, never both."""
    model = window.models["costs"]
    assert not model.setData(model.index(0, column_of(model, "hours")), "3")
    assert window.workspace.costs()[0].hours is None


def test_add_and_delete_are_undoable_with_the_same_ids(window):
    """Deleting a row and undoing brings back the same record under the same id."""
    model = window.models["campaigns"]
    before = window.workspace.campaigns()
    window.show_page("campaigns")
    window.add_row()
    added = window.workspace.campaigns()[-1]
    assert added.name == "New campaign"
    assert (added.start, added.end) == (date(2026, 3, 15), date(2026, 6, 14))
    window.undo_action.trigger()
    assert window.workspace.campaigns() == before
    model.delete_rows([model.row_of(before[1].id)])
    assert [c.name for c in window.workspace.campaigns()] == ["Spring"]
    window.undo_action.trigger()
    assert window.workspace.campaigns() == before


def test_deleting_a_campaign_in_use_is_refused_without_a_dialog(window):
    """A campaign with goals and results cannot go; the status bar says which rows use it
    and nothing is on the stack."""
    from roidesk.core.records import Goal

    spring = window.workspace.campaign_by_name("Spring")
    from roidesk.core.records import Result

    ws = window.workspace
    ws.add_goal(Goal(spring.id, "leads", Decimal(0), Decimal(10), spring.end))
    for day in (1, 2, 3):
        ws.add_result(Result(date(2026, 2, day), campaign_id=spring.id, leads=1))
    model = window.models["campaigns"]
    model.delete_rows([model.row_of(spring.id)])
    assert ws.campaign_by_name("Spring") is not None
    assert "still used by 1 goal and 3 results" in window.statusBar().currentMessage()
    assert window.undo_stack.count() == 0
    assert model.rowCount() == 2


def test_paste_block_updates_and_adds_rows_as_one_undo_step(window):
    """Two pasted rows: one updates the existing cost, one is added; one undo removes both."""
    window.show_page("costs")
    page: TablePage = window.current_page()
    model = window.models["costs"]
    page.select_cell(0, column_of(model, "start"))
    block = (
        "2026-02-01\t\tnone\t\t\tFacebook\tadvertising\tBoost\t80,00\n"
        "2026-02-01\t\tmonthly\t2026-12-31\tSpring\t\ttools & subscriptions\tCanva\t11.99\n"
    )
    assert page.paste_text(block), window.statusBar().currentMessage()
    costs = window.workspace.costs()
    assert len(costs) == 2
    assert (costs[0].start, costs[0].platform, costs[0].amount) == (
        date(2026, 2, 1),
        "Facebook",
        Decimal("80.00"),
    )
    spring = window.workspace.campaign_by_name("Spring")
    assert costs[1].repeat is Repeat.MONTHLY and costs[1].until == date(2026, 12, 31)
    assert costs[1].campaign_id == spring.id and costs[1].category is CostCategory.TOOLS
    assert window.undo_stack.count() == 1
    window.undo_action.trigger()
    assert window.workspace.costs() == [
        Cost(date(2026, 1, 10), CostCategory.ADVERTISING, amount=Decimal("120.50"), id=1)
    ]


def test_paste_with_a_bad_cell_changes_nothing_and_names_the_cell(window):
    """All or nothing: the second row's bad date refuses the whole paste."""
    window.show_page("campaigns")
    page: TablePage = window.current_page()
    page.select_cell(0, 0)
    assert not page.paste_text("Alpha\nBeta\t\t\t\tnot a date\n")
    assert "row 2, Start" in window.statusBar().currentMessage()
    assert {c.name for c in window.workspace.campaigns()} == {"Spring", "Summer"}


def test_copy_gives_tab_separated_plain_values(window):
    """Copy puts the selected block on the clipboard as Excel reads it (numbers without €)."""
    window.show_page("costs")
    page: TablePage = window.current_page()
    model = window.models["costs"]
    page.table.selectAll()
    text = page.copy_text()
    first = text.splitlines()[0].split("\t")
    assert first[column_of(model, "start")] == "2026-01-10"
    assert first[column_of(model, "amount")] == "120.50"
    assert first[column_of(model, "category")] == "Advertising"
    assert model.index(0, column_of(model, "amount")).data(PLAIN_ROLE) == "120.50"


def test_copy_then_paste_round_trips_a_row(window):
    """A copied campaign row pasted below the table becomes an equal new campaign (new name)."""
    window.show_page("campaigns")
    page: TablePage = window.current_page()
    model = window.models["campaigns"]
    row = model.row_of(window.workspace.campaign_by_name("Spring").id)
    page.table.selectRow(page.view_index(row, 0).row())
    text = page.copy_text().replace("Spring", "Autumn", 1)
    page.table.clearSelection()
    page.table.setCurrentIndex(page.view_index(0, 0).siblingAtRow(-1))
    assert page.paste_text(text)
    autumn = window.workspace.campaign_by_name("Autumn")
    spring = window.workspace.campaign_by_name("Spring")
    assert autumn is not None and autumn.id != spring.id
    assert (autumn.start, autumn.end, autumn.platforms, autumn.status) == (
        spring.start,
        spring.end,
        ("Facebook",),
        CampaignStatus.ACTIVE,
    )


def test_filter_box_filters_rows(window):
    """Typing in the filter box hides rows that do not match."""
    window.show_page("campaigns")
    page: TablePage = window.current_page()
    page.find_box.setText("summ")
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, 0).data() == "Summer"


def test_choice_cell_accepts_label_or_value(window):
    """Status may be typed as its label ('Paused') or chosen from the list."""
    model = window.models["campaigns"]
    assert model.setData(model.index(0, column_of(model, "status")), "paused")
    assert window.workspace.campaigns()[0].status is CampaignStatus.PAUSED
    assert not model.setData(model.index(0, column_of(model, "status")), "sleeping")


def test_other_return_kind_is_a_choice_stored_as_its_value(window):
    """An other return's Kind: chosen as 'Referral', stored as 'referral', shown as the label;
    a kind not on the list is refused."""
    window.workspace.add_other_return(OtherReturn(date(2026, 3, 1), Decimal(250)))
    model = window.models["other_returns"]
    model.reload()
    index = model.index(0, column_of(model, "kind"))
    assert index.data() == ""
    assert model.setData(index, "Referral")
    assert window.workspace.other_returns()[0].kind == "referral"
    assert index.data() == "Referral"
    assert not model.setData(index, "lottery")
    assert window.workspace.other_returns()[0].kind == "referral"


def test_campaign_defaults_to_three_months(window):
    """A new campaign starts today and ends three months later (SPEC "Entities")."""
    campaign = window.models["campaigns"].store.new_record()
    assert isinstance(campaign, Campaign)
    assert (campaign.start, campaign.end) == (date(2026, 3, 15), date(2026, 6, 14))


def test_goal_baseline_and_target_are_shown_and_typed_in_their_kpis_unit(qtbot, window):
    """A CTR goal reads and takes % (typed 2,5 it is 2.5 %, stored 0.025 as every ratio is),
    a CPC goal the currency, a leads goal a plain number; the view's editor starts from the
    % it shows, and a copied row pastes back to the same goal."""
    ws = window.workspace
    spring = ws.campaign_by_name("Spring").id
    ws.add_goal(Goal(spring, "ctr", Decimal("0.007"), Decimal("0.009"), date(2026, 3, 31)))
    ws.add_goal(Goal(spring, "cpc", Decimal("0.36"), Decimal("0.28"), date(2026, 3, 31)))
    ws.add_goal(Goal(spring, "leads", Decimal(0), Decimal(400), date(2026, 3, 31)))
    window.refresh_all()
    model = window.models["goals"]
    baseline, target = column_of(model, "baseline"), column_of(model, "target")
    shown = [[model.index(row, c).data() for c in (baseline, target)] for row in range(3)]
    assert shown == [["0.70\u00a0%", "0.90\u00a0%"], ["€0.36", "€0.28"], ["0", "400"]]
    assert model.index(0, target).data(Qt.ItemDataRole.EditRole) == "0.9%"

    assert model.setData(model.index(0, target), "2,5")
    assert model.setData(model.index(0, baseline), "1.5 %")
    assert model.setData(model.index(1, target), "€0,30")
    assert model.setData(model.index(2, target), "450")
    stored = [(g.kpi, g.baseline, g.target) for g in ws.goals()]
    assert stored == [
        ("ctr", Decimal("0.015"), Decimal("0.025")),
        ("cpc", Decimal("0.36"), Decimal("0.30")),
        ("leads", Decimal(0), Decimal(450)),
    ]
    assert model.index(0, target).data() == "2.50\u00a0%"
    window.undo_action.trigger()  # the leads target
    window.undo_action.trigger()  # the CPC target
    window.undo_action.trigger()  # the CTR baseline
    assert ws.goals()[0].baseline == Decimal("0.007")

    # typed through the view's editor, as the cell shows it
    window.show_page("goals")
    page: TablePage = window.current_page()
    page.select_cell(0, target)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == "2.5%"
    editor.selectAll()
    qtbot.keyClicks(editor, "3")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: ws.goals()[0].target == Decimal("0.03"))

    # a copied CTR row pastes back as the same goal, not 100 times it
    page.table.clearSelection()
    page.table.selectRow(page.view_index(0, 0).row())
    text = page.copy_text()
    page.table.clearSelection()
    page.table.setCurrentIndex(page.view_index(0, 0).siblingAtRow(-1))
    assert page.paste_text(text)
    first, pasted = ws.goals()[0], ws.goals()[-1]
    assert (pasted.kpi, pasted.baseline, pasted.target) == ("ctr", first.baseline, first.target)


def test_text_a_spreadsheet_cannot_hold_is_refused_in_the_editor(qtbot, window):
    """A campaign name with an ANSI escape: red cell with the reason, nothing stored."""
    model = window.models["campaigns"]
    row = model.row_of(window.workspace.campaign_by_name("Spring").id)
    index = model.index(row, column_of(model, "name"))
    with qtbot.waitSignal(model.problem) as blocker:
        assert not model.setData(index, "\x1b[31mSpring")
    assert blocker.args == ["holds control characters that a spreadsheet cannot hold (U+001B)"]
    assert window.workspace.campaign_by_name("Spring") is not None
    assert window.undo_stack.count() == 0


def test_edit_the_file_refuses_is_reported_not_raised(qtbot, window):
    """An edit the workspace refuses on writing (here: read-only) shows its message and leaves
    no undo step, instead of an exception escaping from the undo stack."""
    model = window.models["campaigns"]
    row = model.row_of(window.workspace.campaign_by_name("Spring").id)
    window.workspace.read_only = True
    with qtbot.waitSignal(model.problem) as blocker:
        model.setData(model.index(row, column_of(model, "name")), "Spring sale")
    assert "is read-only" in blocker.args[0]
    assert window.workspace.campaign_by_name("Spring") is not None
    assert window.undo_stack.count() == 0


def test_new_rows_leave_untyped_money_empty_and_value_from_the_data_start(qtbot, window):
    """A new cost takes Hours × rate without clearing a pre-filled amount, and a new valuation
    values every result already stored (valid from the earliest result, not from today)."""
    from roidesk.core.records import Result

    window.workspace.add_result(Result(date(2025, 11, 3), platform="Facebook", leads=4))
    window.refresh_all()
    costs = window.models["costs"]
    row = costs.add_record()
    assert costs.record_at(row).amount is None
    assert costs.setData(costs.index(row, column_of(costs, "hours")), "3,5")
    assert costs.setData(costs.index(row, column_of(costs, "hourly_rate")), "40")
    assert window.workspace.costs()[-1].total == Decimal(140)
    valuations = window.models["valuations"]
    row = valuations.add_record()
    assert valuations.record_at(row).valid_from == date(2025, 11, 3)
