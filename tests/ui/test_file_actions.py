"""File ▸ …: New, Open (a workspace or a spreadsheet), Open Recent, Save a Copy, imports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from roidesk.core.records import Campaign, Cost, CostCategory, Result, Settings
from roidesk.storage import Workspace, WorkspaceError

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


def test_new_workspace(window, dialogs, tmp_path):
    """File ▸ New creates an empty file, shows it and lists it as recent."""
    target = tmp_path / "fresh.roidesk"
    dialogs.paths.append(target)
    window.actions_by_name["new"].trigger()
    assert window.workspace.path == target
    assert window.workspace.is_empty()
    assert window.models["campaigns"].rowCount() == 0
    assert window.files.recent_files()[0] == str(target.resolve())
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
    window.files.fill_recent_menu()
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


def test_a_workspace_that_cannot_be_opened_is_reported_and_the_open_one_stays(
    window, dialogs, tmp_path, monkeypatch
):
    """Busy, altered by another program, not a workspace: one message box, no traceback, and
    the workspace open before stays open and usable."""
    target = Workspace.create(tmp_path / "busy.roidesk")
    target.close()

    def busy(path, **_kwargs):
        raise WorkspaceError("busy.roidesk is open in another program — try again")

    monkeypatch.setattr(Workspace, "open", busy)
    assert not window.files.open_path(tmp_path / "busy.roidesk")
    assert dialogs.errors == [
        ("Cannot open the workspace", "busy.roidesk is open in another program — try again")
    ]
    assert window.workspace.path.name == "small.roidesk"
    assert window.workspace.campaigns()  # still open
    assert window.models["campaigns"].rowCount() == 2


def test_opening_a_spreadsheet_offers_to_import_it(qtbot, window, dialogs, tmp_path, monkeypatch):
    """File ▸ Open on an export asks to import it into the open workspace (not "not an
    SQLite database"); yes imports, no leaves everything as it was."""
    imported: list[Path] = []
    monkeypatch.setattr(window.files, "import_file", imported.append)
    export = tmp_path / "meta.csv"
    export.write_text("Day,Amount spent (EUR)\n2026-03-01,10\n")
    dialogs.paths += [export, export]
    dialogs.answers += [False, True]
    window.actions_by_name["open"].trigger()
    assert imported == [] and window.workspace.path.name == "small.roidesk"
    window.actions_by_name["open"].trigger()
    assert imported == [export]
    assert len(dialogs.questions) == 2 and "meta.csv" in dialogs.questions[0][1]
    assert dialogs.errors == []


def _plant_trigger(path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON campaigns BEGIN DELETE FROM settings; END")
    conn.commit()
    conn.close()


def test_a_workspace_another_program_altered_is_repaired_when_the_user_agrees(
    window, dialogs, tmp_path
):
    """A planted trigger: the window asks, drops it (saying so) and opens the file; declined,
    the file stays untouched and the open workspace stays."""
    path = tmp_path / "altered.roidesk"
    Workspace.create(path, Settings(business_name="Bakery")).close()
    _plant_trigger(path)
    before = path.read_bytes()
    dialogs.answers.append(False)
    assert not window.files.open_path(path)
    assert path.read_bytes() == before and window.workspace.path.name == "small.roidesk"
    assert "trigger 'wipe'" in dialogs.questions[-1][1] and not dialogs.errors

    dialogs.answers.append(True)
    assert window.files.open_path(path)
    assert window.windowTitle().startswith("Bakery")
    assert "dropped trigger 'wipe'" in dialogs.infos[-1][1]
    window.workspace.add_campaign(Campaign("Bread", date(2026, 1, 1), date(2026, 1, 31)))
    assert window.workspace.settings().business_name == "Bakery"  # the trigger is gone


def test_a_converted_development_file_is_announced_once(window, dialogs, tmp_path):
    """Opening an earlier development build's file says it was converted and where the
    backup is, in a message box, once."""
    import sqlite3

    schema = Path(__file__).parents[1] / "storage" / "development_schema.sql"
    path = tmp_path / "shop.roidesk"
    conn = sqlite3.connect(path)
    conn.executescript(schema.read_text(encoding="utf-8"))
    conn.commit()
    conn.close()
    assert window.files.open_path(path)
    assert len(dialogs.infos) == 1
    assert "shop.roidesk.dev8.bak" in dialogs.infos[0][1]
    window.tell_notice()
    assert len(dialogs.infos) == 1


def test_the_status_bar_lets_go_of_importing_when_nothing_is_imported(qtbot, window, tmp_path):
    """An export goes to the wizard: "Importing…" leaves the status bar, and closing the
    wizard without importing says nothing was imported (not "Importing…" for ever)."""
    export = tmp_path / "meta.csv"
    export.write_text("Campaign name,Day,Amount spent (EUR)\nSpring,2026-03-01,10\n")
    window.import_file(export)
    assert "Importing meta.csv" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.files.import_wizard is not None)
    assert window.statusBar().currentMessage() == ""
    window.files.import_wizard.reject()
    assert window.statusBar().currentMessage() == "Nothing was imported from meta.csv"
