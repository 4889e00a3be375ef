"""Opening checks and repairs (storage/opening.py) and the write guards (storage/guards.py)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from roidesk.core.records import Campaign, Client, Settings
from roidesk.storage import Workspace, WorkspaceError, opening
from roidesk.storage.errors import (
    AlteredWorkspace,
    ReadOnlyWorkspace,
    RefusedText,
    WorkspaceBusy,
)

DEVELOPMENT_SCHEMA = Path(__file__).with_name("development_schema.sql")


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A closed workspace with a business name, one client and one campaign."""
    path = tmp_path / "shop.roidesk"
    with Workspace.create(path, Settings(business_name="Kávézó")) as workspace:
        client = workspace.add_client(Client("Florist"))
        workspace.add_campaign(
            Campaign("Spring", date(2026, 3, 1), date(2026, 3, 31), client_id=client.id)
        )
    return path


def sql(path: Path, *statements: str) -> None:
    """Change the file as another SQLite program would."""
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def pretend_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the permission check say 'not writable' (chmod does not stop root)."""
    monkeypatch.setattr(opening, "can_write", lambda path: False)


# ------------------------------------------------------------------------------ read-only
def test_permission_check_needs_the_file_and_its_folder_writable(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A writable file in a read-only folder is read-only too: SQLite could make no journal."""
    denied: set[Path] = set()
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) not in denied)
    assert opening.can_write(saved)
    denied.add(saved.parent)
    assert not opening.can_write(saved)
    denied = {saved}
    assert not opening.can_write(saved)


def test_unwritable_file_opens_read_only_and_refuses_every_write(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read-only: everything reads; a write is refused with the Save As advice; file unchanged."""
    before = saved.read_bytes()
    pretend_read_only(monkeypatch)
    with Workspace.open(saved) as workspace:
        assert workspace.read_only
        assert [c.name for c in workspace.campaigns()] == ["Spring"]
        assert workspace.settings().business_name == "Kávézó"
        with pytest.raises(ReadOnlyWorkspace) as refused:
            workspace.add_campaign(Campaign("Summer", date(2026, 6, 1), date(2026, 6, 30)))
        assert str(refused.value) == (
            f"{saved} is read-only: save a copy with File ▸ Save As to edit it"
        )
        with pytest.raises(ReadOnlyWorkspace):
            workspace.save_settings(Settings(business_name="Other"))
        copy = saved.with_name("copy.roidesk")
        workspace.save_copy(copy)
    assert saved.read_bytes() == before
    monkeypatch.undo()
    with Workspace.open(copy) as edited:  # the copy is an ordinary, writable workspace
        edited.add_campaign(Campaign("Summer", date(2026, 6, 1), date(2026, 6, 30)))
        assert not edited.read_only


def test_read_only_connection_refuses_writes_even_past_the_guard(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read-only file is opened mode=ro: SQLite itself refuses a write (root included)."""
    pretend_read_only(monkeypatch)
    with Workspace.open(saved) as workspace, pytest.raises(sqlite3.OperationalError):
        workspace.db.execute("DELETE FROM campaigns")


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="chmod does not stop root from writing; the monkeypatched tests cover the path",
)
def test_chmod_read_only_file_and_folder_open_read_only(saved: Path) -> None:
    """A file or folder without write permission opens read-only, not with a traceback."""
    saved.chmod(0o444)
    try:
        with Workspace.open(saved) as workspace:
            assert workspace.read_only
    finally:
        saved.chmod(0o644)
    saved.parent.chmod(0o555)
    try:
        with Workspace.open(saved) as workspace:
            assert workspace.read_only
    finally:
        saved.parent.chmod(0o755)


def test_older_read_only_file_is_refused_not_half_migrated(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only file of an older format (a development build's) cannot be converted: a
    clear refusal, file unchanged."""
    saved.unlink()
    development = sqlite3.connect(saved)
    development.executescript(DEVELOPMENT_SCHEMA.read_text(encoding="utf-8"))
    development.close()
    before = saved.read_bytes()
    pretend_read_only(monkeypatch)
    with pytest.raises(WorkspaceError, match="older roidesk and is read-only"):
        Workspace.open(saved)
    assert saved.read_bytes() == before


# ------------------------------------------------------------------------------ busy
def test_write_while_another_program_holds_the_lock_is_refused_after_waiting(
    saved: Path,
) -> None:
    """Another connection in a write transaction: our write waits, then is refused; nothing
    of ours lands."""
    other = sqlite3.connect(saved)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Workspace.open(saved, busy_timeout=0.05) as workspace:
            with pytest.raises(WorkspaceBusy) as refused:
                workspace.add_campaign(Campaign("Summer", date(2026, 6, 1), date(2026, 6, 30)))
            assert str(refused.value) == f"{saved} is open in another program — try again"
    finally:
        other.rollback()
        other.close()
    with Workspace.open(saved) as workspace:
        assert [c.name for c in workspace.campaigns()] == ["Spring"]


def test_opening_a_file_locked_exclusively_is_refused_after_waiting(saved: Path) -> None:
    """A file another program locked for writing its pages cannot be read: refused, no hang."""
    other = sqlite3.connect(saved)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(WorkspaceBusy):
            Workspace.open(saved, busy_timeout=0.05)
    finally:
        other.rollback()
        other.close()


def test_second_writer_waits_for_the_first_and_then_succeeds(saved: Path) -> None:
    """Two writers at once: the second waits at its BEGIN until the first commits."""
    first = Workspace.open(saved)
    second = Workspace.open(saved, busy_timeout=30)
    waiting = threading.Event()
    second.db.conn.set_trace_callback(
        lambda statement: waiting.set() if statement == "BEGIN IMMEDIATE" else None
    )
    failures: list[BaseException] = []

    def write_second() -> None:
        try:
            second.add_campaign(Campaign("Autumn", date(2026, 9, 1), date(2026, 9, 30)))
        except BaseException as error:  # re-raised below, in the test's thread
            failures.append(error)

    with first.transaction():
        first.add_campaign(Campaign("Summer", date(2026, 6, 1), date(2026, 6, 30)))
        writer = threading.Thread(target=write_second)
        writer.start()
        assert waiting.wait(30)
    writer.join(30)
    second.close()
    assert not failures
    assert [c.name for c in first.campaigns()] == ["Spring", "Summer", "Autumn"]
    first.close()


# ------------------------------------------------------------------------------ schema
def test_roidesk_files_match_the_schema_its_migrations_make(saved: Path) -> None:
    """A file roidesk made passes the check (the expected schema comes from the migrations)."""
    conn = sqlite3.connect(saved)
    try:
        report = opening.compare_schema(opening.read_schema(conn), opening.expected_schema())
    finally:
        conn.close()
    assert report.problems == []
    assert "campaigns" in opening.expected_schema().columns


def test_planted_trigger_is_refused_before_any_write(saved: Path) -> None:
    """Another tool's trigger: the file is refused by name, offered for repair, unchanged."""
    sql(
        saved,
        "CREATE TRIGGER wipe AFTER INSERT ON campaigns BEGIN DELETE FROM settings; END",
    )
    before = saved.read_bytes()
    with pytest.raises(AlteredWorkspace) as refused:
        Workspace.open(saved)
    assert refused.value.repairable
    assert refused.value.problems == ["trigger 'wipe' is not roidesk's"]
    assert "trigger 'wipe'" in str(refused.value)
    assert saved.read_bytes() == before


def test_repair_drops_foreign_objects_after_a_backup(saved: Path) -> None:
    """drop_foreign_objects: foreign trigger and view gone, a backup keeps them, writes work."""
    sql(
        saved,
        "CREATE TRIGGER wipe AFTER INSERT ON campaigns BEGIN DELETE FROM settings; END",
        "CREATE VIEW spend AS SELECT sum(amount) FROM costs",
    )
    assert opening.drop_foreign_objects(saved) == ["dropped trigger 'wipe'", "dropped view 'spend'"]
    backup = saved.with_name(f"{saved.name}.before-repair.bak")
    conn = sqlite3.connect(backup)
    try:
        kept = conn.execute("SELECT name FROM sqlite_master WHERE name IN ('wipe', 'spend')")
        assert sorted(row[0] for row in kept) == ["spend", "wipe"]
    finally:
        conn.close()
    with Workspace.open(saved) as workspace:
        workspace.add_campaign(Campaign("Summer", date(2026, 6, 1), date(2026, 6, 30)))
        assert workspace.settings().business_name == "Kávézó"
    assert opening.drop_foreign_objects(saved) == []


def test_repair_restores_roidesk_indexes_removed_or_changed(saved: Path) -> None:
    """A dropped or redefined roidesk index is put back as roidesk made it."""
    sql(
        saved,
        "DROP INDEX campaigns_client",
        "DROP INDEX results_date",
        "CREATE INDEX results_date ON results(platform)",
    )
    with pytest.raises(AlteredWorkspace) as refused:
        Workspace.open(saved)
    assert refused.value.problems == [
        "roidesk's index 'results_date' was changed",
        "roidesk's index 'campaigns_client' is missing",
    ]
    assert opening.drop_foreign_objects(saved) == [
        "restored roidesk's index 'campaigns_client'",
        "restored roidesk's index 'results_date'",
    ]
    Workspace.open(saved).close()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("DROP TABLE goals", "table 'goals' is missing"),
        ("ALTER TABLE clients DROP COLUMN notes", "column 'clients.notes' is missing"),
        (
            "ALTER TABLE costs ADD COLUMN approver TEXT NOT NULL DEFAULT 'x'",
            None,
        ),
    ],
)
def test_missing_tables_and_columns_are_refused_and_not_repaired(
    saved: Path, change: str, named: str | None
) -> None:
    """Lost data is refused by name and never 'repaired'; an added column with a default is
    harmless and opens."""
    sql(saved, change)
    if named is None:
        Workspace.open(saved).close()
        return
    before = saved.read_bytes()
    with pytest.raises(AlteredWorkspace) as refused:
        Workspace.open(saved)
    assert refused.value.problems == [named]
    assert not refused.value.repairable
    with pytest.raises(AlteredWorkspace):
        opening.drop_foreign_objects(saved)
    assert saved.read_bytes() == before


def test_column_that_every_insert_must_fill_is_refused(saved: Path) -> None:
    """A NOT NULL column without default would fail every roidesk insert: refused by name."""
    sql(saved, "ALTER TABLE clients ADD COLUMN code TEXT NOT NULL DEFAULT 'x'")
    # SQLite adds NOT NULL columns only with a default; rebuild the table as a tool could
    sql(
        saved,
        "PRAGMA foreign_keys = OFF",
        "CREATE TABLE clients_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL COLLATE NOCASE "
        "UNIQUE, notes TEXT NOT NULL DEFAULT '', code TEXT NOT NULL)",
        "INSERT INTO clients_new SELECT id, name, notes, code FROM clients",
        "DROP TABLE clients",
        "ALTER TABLE clients_new RENAME TO clients",
    )
    with pytest.raises(AlteredWorkspace) as refused:
        Workspace.open(saved)
    assert "column 'clients.code' was added and must be filled" in refused.value.problems


def test_another_programs_own_table_and_index_are_left_alone(saved: Path) -> None:
    """Extra tables (and their indexes) of another tool are never read by roidesk: it opens."""
    sql(saved, "CREATE TABLE notes (body TEXT)", "CREATE INDEX notes_body ON notes(body)")
    Workspace.open(saved).close()


# ------------------------------------------------------------------------------ leftovers
def test_leftover_temporary_files_of_a_dead_process_are_removed(saved: Path) -> None:
    """A temporary file a killed roidesk left beside the workspace goes on the next open; one
    of a running process, and every other file, stays."""
    dead_pid = subprocess.Popen([sys.executable, "-c", "pass"])
    dead_pid.wait()
    dead = saved.with_name(f"{saved.name}.{dead_pid.pid}{opening.TEMPORARY_SUFFIX}")
    alive = opening.temporary_beside(saved)
    others = [
        saved.with_name(f"{saved.name}.v5.bak"),
        saved.with_name(f"other.roidesk.{dead_pid.pid}{opening.TEMPORARY_SUFFIX}"),
    ]
    for path in (dead, alive, *others):
        path.write_bytes(b"half")
    Workspace.open(saved).close()
    assert not dead.exists()
    assert alive.exists() and all(path.exists() for path in others)


def test_copies_and_backups_respect_the_umask(saved: Path) -> None:
    """Save As and the repair backup get the user's umask, not private 0600 files."""
    old = os.umask(0o027)
    try:
        with Workspace.open(saved) as workspace:
            workspace.save_copy(saved.with_name("copy.roidesk"))
        sql(saved, "CREATE VIEW spend AS SELECT 1")
        opening.drop_foreign_objects(saved)
    finally:
        os.umask(old)
    assert saved.with_name("copy.roidesk").stat().st_mode & 0o777 == 0o640
    assert saved.with_name(f"{saved.name}.before-repair.bak").stat().st_mode & 0o777 == 0o640
    assert not list(saved.parent.glob(f"*{opening.TEMPORARY_SUFFIX}"))


def test_save_copy_replaces_an_earlier_copy_whole(saved: Path, tmp_path: Path) -> None:
    """Saving a copy over an older file leaves the new copy there, no temporary file."""
    target = tmp_path / "copy.roidesk"
    target.write_bytes(b"an old file")
    with Workspace.open(saved) as workspace:
        workspace.save_copy(target)
    with Workspace.open(target) as copy:
        assert [c.name for c in copy.campaigns()] == ["Spring"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.roidesk", "shop.roidesk"]


# ------------------------------------------------------------------------------ text
def test_text_a_workbook_cannot_hold_is_refused_on_every_record_write(saved: Path) -> None:
    """An ANSI escape in a campaign name, client note or setting: refused, naming the field and
    the character; nothing stored (so the workspace always exports)."""
    with Workspace.open(saved) as workspace:
        with pytest.raises(RefusedText) as refused:
            workspace.add_campaign(Campaign("\x1b[31mSale", date(2026, 6, 1), date(2026, 6, 30)))
        assert str(refused.value) == (
            "Campaign name holds control characters that a spreadsheet cannot hold (U+001B); "
            "nothing was saved."
        )
        spring = workspace.campaign_by_name("Spring")
        assert spring is not None
        with pytest.raises(RefusedText, match="Campaign notes"):
            workspace.update_campaign(replace(spring, notes="bell\x07"))
        with pytest.raises(RefusedText, match="Setting business name"):
            workspace.save_settings(Settings(business_name="Shop\x00"))
        assert [c.name for c in workspace.campaigns()] == ["Spring"]
        assert workspace.campaign_by_name("Spring") == spring
        assert workspace.settings().business_name == "Kávézó"
        assert isinstance(refused.value, WorkspaceError)  # what the editors report


def test_copy_into_a_folder_that_cannot_take_it_is_a_clear_refusal(
    saved: Path, tmp_path: Path
) -> None:
    """Save As into a folder that does not exist: a WorkspaceError naming the target, no
    traceback and nothing left behind."""
    target = tmp_path / "missing" / "copy.roidesk"
    with Workspace.open(saved) as workspace, pytest.raises(WorkspaceError) as refused:
        workspace.save_copy(target)
    assert str(refused.value).startswith(f"{target}: cannot write a copy there")


def test_restoring_a_snapshot_into_a_read_only_workspace_is_refused(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Undo of an import (a snapshot restore) on a read-only file: refused, file unchanged."""
    snapshot = saved.with_name("snapshot.roidesk")
    with Workspace.open(saved) as workspace:
        workspace.save_copy(snapshot)
    before = saved.read_bytes()
    pretend_read_only(monkeypatch)
    with Workspace.open(saved) as workspace, pytest.raises(ReadOnlyWorkspace):
        workspace.restore_from(snapshot)
    assert saved.read_bytes() == before


def test_read_only_file_locked_by_another_program_is_busy_not_unreadable(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only open of a file another program is writing waits, then says busy."""
    other = sqlite3.connect(saved)
    other.execute("BEGIN EXCLUSIVE")
    pretend_read_only(monkeypatch)
    try:
        with pytest.raises(WorkspaceBusy):
            Workspace.open(saved, busy_timeout=0.05)
    finally:
        other.rollback()
        other.close()


def test_medium_where_sqlite_cannot_open_read_only_falls_back_to_immutable(
    saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where even a read-only open fails to open its side files (a WAL-mode file on a
    read-only medium: SQLITE_CANTOPEN), the file is read as immutable, still read-only."""
    real_connect = sqlite3.connect
    opened: list[str] = []

    class CannotOpen:
        def execute(self, *args: object) -> None:
            error = sqlite3.OperationalError("unable to open database file")
            error.sqlite_errorcode = sqlite3.SQLITE_CANTOPEN  # type: ignore[attr-defined]
            raise error

        def close(self) -> None:
            pass

    def connect(database: str, *args: object, **kwargs: object) -> object:
        opened.append(str(database))
        if str(database).endswith("?mode=ro"):
            return CannotOpen()
        return real_connect(database, *args, **kwargs)  # type: ignore[arg-type]

    pretend_read_only(monkeypatch)
    monkeypatch.setattr(opening.sqlite3, "connect", connect)
    with Workspace.open(saved) as workspace:
        assert workspace.read_only
        assert [c.name for c in workspace.campaigns()] == ["Spring"]
    assert opened[-1].endswith("?immutable=1")
