"""The main window: menus, files (New, Open, Open Recent, Save a Copy), imports, status bar."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence

from roidesk.core.records import Campaign, Cost, CostCategory, Goal, Result, Settings
from roidesk.storage import Workspace

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


def table_dump(workspace: Workspace) -> dict[str, list[tuple]]:
    """Every row of every table (what "the file is restored exactly" compares)."""
    names = [
        row[0]
        for row in workspace.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: sorted(workspace.db.execute(f"SELECT * FROM [{name}]").fetchall(), key=repr)
        for name in names
    }


def test_title_and_menus(window):
    """The title names the business and file; the menus hold what issue 4 lists."""
    assert window.windowTitle() == "Café Test — small.roidesk — roidesk"
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["&File", "&Edit", "&View", "&Help"]
    file_items = [a.text() for a in menus["&File"].actions() if a.text()]
    assert file_items == [
        "&New Workspace…",
        "&Open…",
        "Open &Recent",
        "Save a &Copy As…",
        "&Import…",
        "&Export Workbook…",
        "Blank &Template…",
        "&Report…",
        "&Quit",
    ]
    edit_items = [a.text() for a in menus["&Edit"].actions() if a.text()]
    assert edit_items[:2] == ["&Undo", "&Redo"]
    assert {"&Add Row", "&Delete Rows", "&Copy", "&Paste", "&Find…"} <= set(edit_items)
    assert window.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert window.actions_by_name["open"].shortcut() == QKeySequence(QKeySequence.StandardKey.Open)


def test_pages_in_order(window):
    """The sidebar: the dashboard first, then every editor and the settings."""
    assert window.page_names() == [
        "dashboard",
        "campaigns",
        "goals",
        "costs",
        "results",
        "valuations",
        "other_returns",
        "clients",
        "settings",
    ]


def test_status_bar_shows_cost_return_and_roi(window):
    """All time: €120.50 of cost, no return, ROI −100.00 % (hand computed)."""
    window.set_period("all")
    assert (
        window.figures_label.text() == "All time: cost €120.50 · return €0.00 · ROI -100.00\u00a0%"
    )


def test_status_bar_follows_an_edit_and_its_undo(qtbot, window):
    """Changing the cost's amount updates the figures; undo puts them back."""
    window.set_period("all")
    model = window.models["costs"]
    column = [c.key for c in model.columns].index("amount")
    model.setData(model.index(0, column), "200")
    qtbot.waitUntil(lambda: "€200.00" in window.figures_label.text())
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "€120.50" in window.figures_label.text())


def test_new_workspace(window, dialogs, tmp_path):
    """File ▸ New creates an empty file, shows it and lists it as recent."""
    target = tmp_path / "fresh.roidesk"
    dialogs.paths.append(target)
    window.actions_by_name["new"].trigger()
    assert window.workspace.path == target
    assert window.workspace.is_empty()
    assert window.models["campaigns"].rowCount() == 0
    assert window.recent_files()[0] == str(target.resolve())
    assert window.qsettings.value("last_workspace") == str(target.resolve())


def test_open_and_open_recent(window, dialogs, tmp_path):
    """File ▸ Open shows another file; Open Recent brings the first one back."""
    first = window.workspace.path
    other = Workspace.create(tmp_path / "other.roidesk", Settings(business_name="Florist"))
    other.add_campaign(Campaign("Weddings", date(2026, 4, 1), date(2026, 9, 30)))
    other.close()
    dialogs.paths.append(tmp_path / "other.roidesk")
    window.actions_by_name["open"].trigger()
    assert window.windowTitle().startswith("Florist")
    assert [c.name for c in window.workspace.campaigns()] == ["Weddings"]
    window._fill_recent_menu()
    recent = [a for a in window.recent_menu.actions() if a.data()]
    assert [a.data() for a in recent] == [
        str((tmp_path / "other.roidesk").resolve()),
        str(first.resolve()),
    ]
    recent[1].trigger()
    assert window.workspace.path.resolve() == first.resolve()
    assert window.windowTitle().startswith("Café Test")
    assert window.undo_stack.count() == 0


def test_open_refuses_a_file_that_is_not_a_workspace(window, dialogs, tmp_path):
    """A text file is refused with one message; the open workspace stays."""
    bogus = tmp_path / "notes.roidesk"
    bogus.write_text("hello")
    dialogs.paths.append(bogus)
    window.actions_by_name["open"].trigger()
    assert window.workspace.path.name == "small.roidesk"
    assert len(dialogs.errors) == 1 and "not a roidesk workspace" in dialogs.errors[0][1]


def test_save_a_copy(window, dialogs, tmp_path):
    """Save a Copy As writes an equal workspace; the open file stays the same."""
    target = tmp_path / "copy.roidesk"
    dialogs.paths.append(target)
    window.actions_by_name["save_copy"].trigger()
    with Workspace.open(target) as copy:
        assert copy.costs() == window.workspace.costs()
    assert window.workspace.path.name == "small.roidesk"


def test_import_is_one_undo_step_that_restores_the_file_exactly(qtbot, window, tmp_path):
    """Import a workbook in the background; undo gives back every row as it was; redo too."""
    from roidesk.sheets.workbook import export_workbook

    source = Workspace.create(tmp_path / "source.roidesk")
    source.add_campaign(Campaign("Imported", date(2026, 2, 1), date(2026, 2, 28)))
    source.add_results([Result(date(2026, 2, 3), "Instagram", 1, impressions=1000, leads=4)])
    source.add_cost(Cost(date(2026, 2, 1), CostCategory.CONTENT, amount=Decimal(300)))
    export_workbook(source, tmp_path / "book.xlsx")
    source.close()
    before = table_dump(window.workspace)
    window.import_file(tmp_path / "book.xlsx")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=20_000)
    after = table_dump(window.workspace)
    assert window.workspace.campaign_by_name("Imported") is not None
    assert window.models["results"].rowCount() == 1
    window.undo_action.trigger()
    assert table_dump(window.workspace) == before
    assert window.models["results"].rowCount() == 0
    window.redo_action.trigger()
    assert table_dump(window.workspace) == after


def test_dropping_a_spreadsheet_imports_it(qtbot, window, tmp_path, monkeypatch):
    """A dropped .xlsx goes to the importer; a dropped .txt is ignored."""
    imported: list[Path] = []
    monkeypatch.setattr(window, "import_file", imported.append)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "meta.xlsx")), QUrl.fromLocalFile("/x.txt")])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert imported == [tmp_path / "meta.xlsx"]


def test_settings_edit_is_undoable_and_validated(window):
    """Gross margin typed as '65 %' is stored as 0.65; a bad currency is refused in place."""
    page = window.pages["settings"]
    page.editors["gross_margin"].setText("65 %")
    page.commit_field("gross_margin")
    assert window.workspace.settings().gross_margin == Decimal("0.65")
    page.editors["currency"].setText("euro")
    page.commit_field("currency")
    assert window.workspace.settings().currency == "EUR"
    assert "three-letter" in page.editors["currency"].toolTip()
    assert "three-letter" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert window.workspace.settings().gross_margin == Decimal(1)
    page.editors["business_name"].setText("Café Two")
    page.commit_field("business_name")
    assert window.windowTitle().startswith("Café Two")


def test_lifetime_value_used_is_written_as_the_workspace_writes_money(window):
    """€24 × 6 purchases × 2 years = €288.00 (it read "288.00 EUR"); in a Hungarian workspace
    with a Hungarian locale 288,00 Ft, after the currency changes too."""
    page = window.pages["settings"]
    for name, text in (("average_order_value", "24"), ("purchases_per_year", "6")):
        page.editors[name].setText(text)
        page.commit_field(name)
    page.editors["years_retained"].setText("2")
    page.commit_field("years_retained")
    assert page.ltv_label.text() == "Lifetime value used: €288.00"
    for name, text in (("currency", "HUF"), ("locale", "hu_HU")):
        page.editors[name].setText(text)
        page.commit_field(name)
    assert page.ltv_label.text() == "Lifetime value used: 288,00\u00a0Ft"


def test_geometry_and_page_are_remembered(qtbot, window, qsettings, small_workspace, dialogs):
    """Closing stores geometry and the current page; a new window opens on that page."""
    from roidesk.ui.main_window import MainWindow

    window.show_page("costs")
    window.close()
    assert qsettings.value("window/geometry") is not None
    again = MainWindow(small_workspace, qsettings, dialogs)
    qtbot.addWidget(again)
    assert again.current_page() is again.pages["costs"]


def test_about_names_version_licence_and_data_folder(window, dialogs):
    """Help ▸ About says the version, the licence, the data folder and the open file."""
    from roidesk import __version__

    window.actions_by_name["about"].trigger()
    _title, text = dialogs.infos[0]
    assert __version__ in text and "MIT" in text and "small.roidesk" in text


def test_figures_help_opens_without_blocking(window):
    """Help ▸ What the figures mean is a window beside the work, not a modal dialog."""
    window.actions_by_name["figures_help"].trigger()
    assert window._help is not None and window._help.isVisible()
    assert not window._help.isModal()


def test_status_bar_and_dashboard_write_numbers_one_way(qtbot, window):  # type: ignore[no-untyped-def]
    """A workspace set to Polish writes 120,50 € and -100,00 % in the status bar, and the
    dashboard's cards and axes the same way (the status bar followed the locale, the
    dashboard the currency alone, and the percentages neither)."""
    from dataclasses import replace

    workspace = window.workspace
    workspace.save_settings(replace(workspace.settings(), locale="pl_PL"))
    window.refresh_all()
    window.set_period("all")
    assert window.figures_label.text() == (
        "All time: cost 120,50\u00a0€ · return 0,00\u00a0€ · ROI -100,00\u00a0%"
    )
    window.show_page("dashboard")
    dashboard = window.current_page()
    dashboard.set_period(None, None)
    data = dashboard.refresh_now()
    cards = {card.name: card.value for card in data.cards}
    assert cards["cost"] == "120,50\u00a0€"
    assert cards["roi_total"] == "-100,00\u00a0%"
    assert dashboard.charts.monthly.plot.getAxis("left").tickStrings([0.5], 1.0, 0.5) == ["0,5"]
    # and the goals table (its status columns wrote 0.00 % whatever the locale)
    spring = workspace.campaigns()[0]
    workspace.add_goal(Goal(spring.id, "leads", Decimal(0), Decimal(400), date(2026, 3, 31)))
    window.refresh_all()
    goal = workspace.goals()[0]
    assert window._goal_status_text(goal, "progress") == "0,00\u00a0%"
    # and the numbers typed in the tables (a goal's target, a cost's hours): 1,5 not 1.5
    workspace.add_goal(
        Goal(spring.id, "ctr", Decimal("0.008"), Decimal("0.015"), date(2026, 3, 31))
    )
    workspace.add_goal(Goal(spring.id, "leads", Decimal(0), Decimal("2.5"), date(2026, 3, 31)))
    window.refresh_all()
    goals = window.models["goals"]
    target = next(c for c in goals.columns if c.key == "target")
    shown = [goals.display_text(record, target) for record in goals.records]
    assert shown == ["400", "1,50\u00a0%", "2,5"]
    # copies stay plain (a point, no thousands), a rate in the % it shows
    copied = [goals.plain_text(record, target) for record in goals.records]
    assert copied == ["400", "1.5%", "2.5"]  # Excel reads 1.5% as 0.015
    # the refresh that refresh_all scheduled runs before the workspace closes
    qtbot.waitUntil(lambda: not window._figures_timer.isActive())
    dashboard.wait_for_workers()


def test_a_window_closed_at_its_first_paint_builds_no_dashboard(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, qsettings, dialogs
):
    """The dashboard is built just after the first paint: a window closed (and its workspace
    with it) before that ran must not build it on the closed file ("closed database")."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from roidesk.storage import Workspace
    from roidesk.ui.main_window import MainWindow

    workspace = Workspace.create(tmp_path / "quick.roidesk")
    win = MainWindow(workspace, qsettings, dialogs)
    qtbot.addWidget(win)
    win.eventFilter(win, QEvent(QEvent.Type.Paint))  # the first paint: the build is queued
    assert win._painted
    win.close()
    workspace.close()
    QApplication.processEvents()  # the queued build runs: it must see the window closed
    assert not hasattr(win.pages["dashboard"], "refresh_now")


def test_a_closed_window_refreshes_no_figures(window):  # type: ignore[no-untyped-def]
    """Closing clears the undo stack, which schedules a figures refresh: it must not run on
    the workspace closed after the window (a later test failed on "closed database")."""
    window.refresh_all()
    assert window._figures_timer.isActive()
    window.close()
    assert not window._figures_timer.isActive()
