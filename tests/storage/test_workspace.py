"""The workspace file: creation, refusal of foreign and newer files, migrations, atomicity."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from roidesk.core.records import Campaign, Client, Cost, CostCategory, Result, Settings
from roidesk.storage import RecordInUse, ResultFilter, Workspace, WorkspaceError
from roidesk.storage.schema import APPLICATION_ID, schema_version


def test_new_workspace_records_identity_and_version(tmp_path: Path) -> None:
    """A new file carries roidesk's application id and the current schema version."""
    path = tmp_path / "new.roidesk"
    Workspace.create(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_foreign_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    """Another program's SQLite database is refused and not modified."""
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="not a roidesk workspace"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_non_sqlite_file_is_refused(tmp_path: Path) -> None:
    """A file that is not SQLite at all gets a clear message."""
    path = tmp_path / "notes.roidesk"
    path.write_text("hello, this is text")
    with pytest.raises(WorkspaceError, match="not an SQLite database"):
        Workspace.open(path)


def test_newer_file_is_refused_untouched(tmp_path: Path) -> None:
    """A file written by a newer roidesk is refused, byte for byte unchanged."""
    path = tmp_path / "future.roidesk"
    Workspace.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(WorkspaceError, match="newer roidesk"):
        Workspace.open(path)
    assert path.read_bytes() == before


def test_migration_backs_up_an_older_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a file that needs a migration first copies it to a .bak file, then migrates."""
    from roidesk.storage import schema

    path = tmp_path / "old.roidesk"
    Workspace.create(path).close()
    current = schema.schema_version()

    @schema.MIGRATIONS(name="9999_test_column")
    def add_column(db):  # type: ignore[no-untyped-def]
        db.execute("ALTER TABLE clients ADD COLUMN colour TEXT")

    try:
        with Workspace.open(path) as workspace:
            columns = [r[1] for r in workspace.db.execute("PRAGMA table_info(clients)")]
            assert "colour" in columns
            assert workspace.version == current + 1
        backups = list(tmp_path.glob(f"old.roidesk.v{current}.bak"))
        assert len(backups) == 1
        conn = sqlite3.connect(backups[0])
        assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    finally:
        schema.MIGRATIONS._migrations.pop()


def test_missing_file_is_not_created_by_open(tmp_path: Path) -> None:
    """Opening a path that does not exist says so instead of making an empty file."""
    with pytest.raises(WorkspaceError, match="no such workspace"):
        Workspace.open(tmp_path / "nope.roidesk")
    assert not (tmp_path / "nope.roidesk").exists()


def test_money_is_stored_exactly(workspace: Workspace) -> None:
    """Three costs of 0.10 add up to exactly 0.30 in SQL and come back as Decimal('0.10')."""
    for _ in range(3):
        workspace.add_cost(Cost(date(2026, 1, 1), CostCategory.OTHER, amount=Decimal("0.10")))
    total = workspace.db.execute("SELECT sum(amount) FROM costs").fetchone()[0]
    assert total == 3000
    assert [c.amount for c in workspace.costs()] == [Decimal("0.10")] * 3


def test_settings_round_trip(workspace: Workspace) -> None:
    """Settings saved come back equal, Decimals included."""
    settings = Settings("Kávézó Zsófia", "HUF", Decimal("0.4"), "hu_HU", Decimal("3500"))
    workspace.save_settings(settings)
    assert workspace.settings() == settings


def test_industry_setting_round_trips(workspace: Workspace) -> None:
    """The industry picked for benchmarks is kept; a workspace that never chose has ''."""
    assert workspace.settings().industry == ""
    workspace.save_settings(Settings(industry="Food & restaurants"))
    assert workspace.settings().industry == "Food & restaurants"


def test_campaign_in_use_cannot_be_deleted(workspace: Workspace) -> None:
    """Deleting a campaign that results refer to is refused, and nothing is lost."""
    campaign = workspace.add_campaign(Campaign("Spring", date(2026, 3, 1), date(2026, 5, 31)))
    workspace.add_results([Result(date(2026, 3, 2), "Facebook", campaign.id, impressions=10)])
    with pytest.raises(RecordInUse):
        workspace.delete_campaign(campaign.id)  # type: ignore[arg-type]
    assert workspace.campaigns() == [campaign]


def test_failed_transaction_leaves_every_table_as_it_was(workspace: Workspace) -> None:
    """An error at the last write of a transaction rolls back all of its writes."""
    workspace.add_client(Client("Existing"))
    with pytest.raises(RuntimeError), workspace.transaction():
        workspace.add_client(Client("New"))
        workspace.add_results([Result(date(2026, 1, d), "X", impressions=d) for d in (1, 2)])
        raise RuntimeError("fails at the last row")
    assert [c.name for c in workspace.clients()] == ["Existing"]
    assert workspace.result_count() == 0
    assert workspace.db.execute("SELECT count(*) FROM result_months").fetchone()[0] == 0


def test_month_sums_follow_result_writes(workspace: Workspace) -> None:
    """The per-month sums stay equal to the rows after adds, edits and deletes."""
    workspace.add_results(
        [
            Result(date(2026, 1, 31), "Facebook", impressions=5, revenue=Decimal("1.10")),
            Result(date(2026, 2, 1), "Facebook", impressions=7),
        ]
    )
    first = workspace.results(limit=1)[0]
    workspace.update_result(Result(date(2026, 2, 2), "Facebook", impressions=5, id=first.id))
    rows = workspace.db.execute(
        "SELECT month, row_count, impressions, revenue FROM result_months ORDER BY month"
    ).fetchall()
    assert rows == [("2026-02", 2, 12, 0)]
    workspace.delete_results([first.id])  # type: ignore[list-item]
    rows = workspace.db.execute("SELECT month, impressions FROM result_months").fetchall()
    assert rows == [("2026-02", 7)]


def test_results_are_paged_and_filtered(workspace: Workspace) -> None:
    """The Results editor reads a page at a time, filtered by period and platform."""
    workspace.add_results(
        [
            Result(date(2026, 1, d), "Instagram" if d % 2 else "TikTok", impressions=d)
            for d in range(1, 31)
        ]
    )
    page = workspace.results(offset=10, limit=5, order_by="date")
    assert [r.date.day for r in page] == [11, 12, 13, 14, 15]
    only = ResultFilter(start=date(2026, 1, 10), end=date(2026, 1, 20), platform="tiktok")
    assert workspace.result_count(only) == 6
    assert {r.platform for r in workspace.results(where=only)} == {"TikTok"}


def test_save_copy_writes_an_openable_workspace(workspace: Workspace, tmp_path: Path) -> None:
    """Save a Copy As gives a second file with the same content."""
    workspace.add_client(Client("Copied"))
    target = tmp_path / "copy.roidesk"
    workspace.save_copy(target)
    with Workspace.open(target) as copy:
        assert [c.name for c in copy.clients()] == ["Copied"]
