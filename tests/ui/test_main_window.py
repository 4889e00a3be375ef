"""The main window: menus, pages, the status bar, read-only workspaces, edits and closing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from roidesk.core.records import Goal
from roidesk.storage import Workspace

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


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
    """The sidebar: the dashboard first, the plan, then every editor, the imports and the
    settings."""
    assert window.page_names() == [
        "dashboard",
        "plan",
        "campaigns",
        "goals",
        "costs",
        "results",
        "valuations",
        "other_returns",
        "clients",
        "experiments",
        "imports",
        "settings",
    ]


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


def _read_only_window(window, tmp_path):
    """The window switched to a copy of its workspace that the file system will not write."""
    window.workspace.save_copy(tmp_path / "locked.roidesk")
    locked = Workspace.open(tmp_path / "locked.roidesk")
    locked.read_only = True  # what opening sets for a read-only file or folder
    window.set_workspace(locked)
    return locked


def test_a_read_only_workspace_shows_a_banner_and_refuses_every_edit(qtbot, window, tmp_path):
    """The banner says why and what to do; a typed cell, Add, Delete, Paste and Import change
    nothing, and the status bar repeats the reason instead of a traceback."""
    locked = _read_only_window(window, tmp_path)
    assert window.banner.isVisibleTo(window)
    assert window.banner.text().startswith("This workspace is read-only: ")
    assert "Save a Copy As" in window.banner.text()
    costs = window.models["costs"]
    amount = [c.key for c in costs.columns].index("amount")
    assert not costs.flags(costs.index(0, amount)) & Qt.ItemFlag.ItemIsEditable
    assert not costs.setData(costs.index(0, amount), "999")  # a paste or a late editor
    costs.add_record()
    costs.delete_rows([0])
    for name in ("import", "add", "delete", "clear", "paste"):
        assert not window.actions_by_name[name].isEnabled()
    window.import_file(tmp_path / "book.xlsx")
    assert locked.costs()[0].amount == Decimal("120.50") and len(locked.costs()) == 1
    assert window.undo_stack.count() == 0
    assert window.statusBar().currentMessage() == window.banner.text()
    assert not window.pages["settings"].isEnabled()


def test_a_writable_workspace_after_a_read_only_one_has_no_banner(window, dialogs, tmp_path):
    """Open a writable workspace next: the banner goes and editing works again."""
    _read_only_window(window, tmp_path)
    dialogs.paths.append(tmp_path / "small.roidesk")
    window.actions_by_name["open"].trigger()
    assert not window.banner.isVisibleTo(window)
    assert window.actions_by_name["add"].isEnabled()
    costs = window.models["costs"]
    amount = [c.key for c in costs.columns].index("amount")
    assert costs.flags(costs.index(0, amount)) & Qt.ItemFlag.ItemIsEditable


def test_clearing_or_pasting_cells_in_a_read_only_workspace_leaves_no_undo_step(window, tmp_path):
    """Clear Cells and Paste on a read-only workspace change nothing and leave nothing to undo."""
    locked = _read_only_window(window, tmp_path)
    window.show_page("costs")
    page = window.pages["costs"]
    page.table.selectAll()
    page.clear_selected_cells()
    page.paste_text("2026-01-10\t1")
    assert window.undo_stack.count() == 0
    assert len(locked.costs()) == 1 and locked.costs()[0].amount == Decimal("120.50")


def test_closing_the_window_starts_no_new_background_work(qtbot, window):
    """Closing clears the undo stack; that must not start a dashboard refresh on the way out
    (it ran on after the window, and the process, had gone)."""
    from roidesk.ui.dashboard import DashboardWidget
    from roidesk.ui.ops import running_ops

    qtbot.waitUntil(lambda: isinstance(window.pages["dashboard"], DashboardWidget))
    model = window.models["costs"]
    model.setData(model.index(0, [c.key for c in model.columns].index("amount")), "200")
    dashboard = window.pages["dashboard"]
    qtbot.waitUntil(lambda: not running_ops(window) and not dashboard._timer.isActive())
    window.close()
    assert not dashboard._timer.isActive()
    assert running_ops(window) == []


def test_no_two_actions_share_a_key(window):
    """Every shortcut does one thing: Qt ignores a key two actions claim (Add Row had
    Ctrl+Ins, one of Copy's standard keys)."""
    from PySide6.QtGui import QAction, QKeySequence

    seen: dict[str, str] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, (text, seen.get(text), action.text())
            seen[text] = action.text()
    assert "Ctrl++" in seen


def test_columns_show_their_values_whole_and_keep_the_widths_given(
    qtbot, window, qsettings, small_workspace, dialogs
):
    """A page opens with dates and amounts whole even with no rows to fit to; a width the
    user drags is the width the next window starts with."""
    from roidesk.ui.main_window import MainWindow

    window.show_page("other_returns")
    page = window.pages["other_returns"]
    keys = [c.key for c in page.model.columns]
    metrics = page.table.fontMetrics()
    date_column, amount = keys.index("date"), keys.index("amount")
    assert page.model.rowCount() == 0
    assert page.table.columnWidth(date_column) > metrics.horizontalAdvance("2026-12-31")
    assert page.table.columnWidth(amount) > metrics.horizontalAdvance("€123,456.78")
    page.table.horizontalHeader().resizeSection(keys.index("platform"), 333)
    window.close()
    again = MainWindow(small_workspace, qsettings, dialogs)
    qtbot.addWidget(again)
    again.show()
    again.show_page("other_returns")
    assert again.pages["other_returns"].table.columnWidth(keys.index("platform")) == 333


def test_a_choice_list_shows_every_name_whole(window):
    """The Results page's platform filter and its list fit "Google Ads" (not "Goo…Ads")."""
    from datetime import date

    from roidesk.core.records import Campaign

    window.workspace.add_campaign(
        Campaign("Search", date(2026, 1, 1), date(2026, 3, 31), platforms=("Google Ads",))
    )
    window.show_page("results")
    page = window.pages["results"]
    page.refresh_choices()
    box = page.platform_box
    widest = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
    assert box.view().minimumWidth() > widest
    assert box.sizeHint().width() > box.fontMetrics().horizontalAdvance("Google Ads")
