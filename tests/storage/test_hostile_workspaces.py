"""Workspaces as crashes and other programs leave them, opened by the window's code and by every
command: a kill mid-write, a lock held elsewhere, a read-only file, a planted trigger, a dropped
table. Each ends in a working file or one clear line (exit 0 or 1), never a traceback, and a
refusal changes nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from roidesk import cli
from roidesk.storage import Workspace, opening
from roidesk.storage.demo import write_demo

#: A child that starts a write on every result row with a tiny page cache (so changed pages
#: reach the file before the commit, as in a large import), says so, and waits to be killed.
_WRITER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
conn.execute("PRAGMA cache_size = 5")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE results SET impressions = coalesce(impressions, 0) + 1000")
conn.execute("DELETE FROM result_months")
print("writing", flush=True)
sys.stdin.read()
"""


def roidesk(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``roidesk ARGS`` as a user does: a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "roidesk", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def one_line_refusal(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 1, a single line on stderr holding ``words``, no traceback."""
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    for word in words:
        assert word in done.stderr


def summary(path: Path) -> dict[str, object]:
    """``roidesk summary --json`` of ``path`` (asserting it succeeds)."""
    done = roidesk("summary", path, "--json", cwd=path.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """The demo workspace (3,706 results), written for a fixed day."""
    return write_demo(tmp_path / "demo.roidesk", today=date(2026, 3, 15))


@pytest.fixture
def costs_sheet(tmp_path: Path) -> Path:
    """A workbook of one cost to import."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Costs"
    sheet.append(["Date", "Category", "Amount"])
    sheet.append(["2026-01-05", "Advertising", 10])
    path = tmp_path / "costs.xlsx"
    book.save(path)
    return path


def kill_mid_write(path: Path) -> None:
    """Leave ``path`` as a kill mid-write does: a hot journal, pages of the half write in the
    file. Waits for the child's word, not for time."""
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "writing"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()


def test_kill_mid_write_opens_with_the_state_before_the_kill(demo: Path) -> None:
    """A hot journal is rolled back on open: every command and the window see the data of
    before the kill, and the file passes SQLite's check."""
    before = summary(demo)
    original = demo.read_bytes()
    kill_mid_write(demo)
    journal = opening.journal_of(demo)
    assert journal.stat().st_size > 0 and demo.read_bytes() != original  # a real half write
    assert summary(demo) == before
    assert not journal.exists()
    with Workspace.open(demo) as workspace:
        assert not workspace.read_only
        rows = workspace.db.execute("PRAGMA integrity_check").fetchall()
        assert rows == [("ok",)]


def test_workspace_open_rolls_back_a_killed_write(demo: Path) -> None:
    """Workspace.open itself (the window's path) recovers the file and can write again."""
    with Workspace.open(demo) as workspace:
        impressions = workspace.db.execute("SELECT sum(impressions) FROM results").fetchone()
    kill_mid_write(demo)
    with Workspace.open(demo) as workspace:
        again = workspace.db.execute("SELECT sum(impressions) FROM results").fetchone()
        assert again == impressions
        workspace.save_settings(workspace.settings())


def test_killed_write_on_a_read_only_medium_is_refused_unchanged(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the journal cannot be rolled back (read-only), the half-written file is refused
    with what to do, and neither it nor its journal is touched."""
    kill_mid_write(demo)
    journal = opening.journal_of(demo)
    state = (demo.read_bytes(), journal.read_bytes())
    monkeypatch.setattr(opening, "can_write", lambda path: False)
    with pytest.raises(opening.WorkspaceError, match="interrupted mid-write"):
        Workspace.open(demo)
    assert (demo.read_bytes(), journal.read_bytes()) == state


def test_planted_trigger_never_runs_during_an_import(demo: Path, costs_sheet: Path) -> None:
    """A trigger another tool planted (it would empty the settings) refuses the import before
    any write; `roidesk repair` drops it, after which the import works and settings stay."""
    conn = sqlite3.connect(demo)
    conn.execute("CREATE TRIGGER wipe AFTER INSERT ON costs BEGIN DELETE FROM settings; END")
    conn.commit()
    conn.close()
    original = demo.read_bytes()
    done = roidesk("import", demo, costs_sheet, cwd=demo.parent)
    one_line_refusal(done, "trigger 'wipe'", f"roidesk repair {demo}")
    assert demo.read_bytes() == original
    repaired = roidesk("repair", demo, cwd=demo.parent)
    assert repaired.returncode == 0, repaired.stderr
    assert "dropped trigger 'wipe'" in repaired.stdout
    assert roidesk("import", demo, costs_sheet, cwd=demo.parent).returncode == 0
    with Workspace.open(demo) as workspace:
        assert workspace.settings().business_name == "Lumen Social (demo)"


@pytest.mark.parametrize("command", ["summary", "export", "report"])
def test_dropped_table_is_one_line_for_every_command(demo: Path, command: str) -> None:
    """A table another tool dropped: summary, export and report each say so in one line."""
    conn = sqlite3.connect(demo)
    conn.execute("DROP TABLE goals")
    conn.commit()
    conn.close()
    out = [] if command == "summary" else [demo.with_name("out.xlsx")]
    done = roidesk(command, demo, *out, cwd=demo.parent)
    one_line_refusal(done, "table 'goals' is missing")
    assert not demo.with_name("out.xlsx").exists()


def test_not_a_database_and_truncated_files_are_one_line(tmp_path: Path) -> None:
    """A file with SQLite's header but garbage after it is refused, not a traceback."""
    path = tmp_path / "broken.roidesk"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    one_line_refusal(roidesk("summary", path, cwd=tmp_path), str(path))


@pytest.fixture
def held(demo: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the demo's write lock."""
    other = sqlite3.connect(demo)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.rollback()
    other.close()


def test_import_into_a_busy_workspace_is_refused_after_waiting(
    demo: Path,
    costs_sheet: Path,
    held: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`roidesk import` while another program writes: waits (shortened here), then one line."""
    monkeypatch.setattr(opening, "BUSY_TIMEOUT_SECONDS", 0.05)
    original = demo.read_bytes()
    assert cli.main(["import", str(demo), str(costs_sheet)]) == 1
    err = capsys.readouterr().err
    assert err == f"roidesk: {demo} is open in another program — try again\n"
    held.rollback()
    assert demo.read_bytes() == original


def test_read_only_workspace_reads_but_refuses_writes_in_the_cli(
    demo: Path,
    costs_sheet: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Read-only: summary, export and report work; import and demo exit 1 with the read-only
    line."""
    monkeypatch.setattr(opening, "can_write", lambda path: False)
    original = demo.read_bytes()
    assert cli.main(["summary", str(demo)]) == 0
    assert cli.main(["export", str(demo), str(demo.with_name("out.xlsx"))]) == 0
    assert cli.main(["report", str(demo), str(demo.with_name("report.xlsx"))]) == 0
    capsys.readouterr()
    refusal = f"roidesk: {demo} is read-only: save a copy with File ▸ Save As to edit it\n"
    assert cli.main(["import", str(demo), str(costs_sheet)]) == 1
    assert capsys.readouterr().err == refusal
    assert cli.main(["demo", str(demo)]) == 1
    assert capsys.readouterr().err == refusal
    assert demo.read_bytes() == original


def test_file_damaged_in_a_crash_is_refused_in_one_line(demo: Path) -> None:
    """Pages overwritten with garbage and a journal left by the crash: the check after the
    rollback (PRAGMA quick_check) refuses the file in one line naming it."""
    size = demo.stat().st_size
    with demo.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xa5" * 16384)
    opening.journal_of(demo).write_bytes(b"\x00" * 512)
    done = roidesk("summary", demo, cwd=demo.parent)
    one_line_refusal(done, f"{demo} is damaged (SQLite reports: ", "open a backup")


def costs_workbook(path: Path, description: str, rows: int) -> Path:
    """A workbook of ``rows`` costs, each described as ``description``."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Costs")
    sheet.append(["Date", "Category", "Amount", "Description"])
    for day in range(rows):
        sheet.append([date(2026, 1, 1 + day % 28).isoformat(), "Advertising", 1, description])
    book.save(path)
    return path


def test_two_imports_at_once_both_land_or_one_is_refused_cleanly(tmp_path: Path) -> None:
    """Two `roidesk import` processes into one workspace at the same moment: each exits 0, or 1
    with the busy line; every import that said 0 is in the file, whole."""
    workspace = tmp_path / "shop.roidesk"
    Workspace.create(workspace).close()
    books = [costs_workbook(tmp_path / f"{name}.xlsx", name, 3000) for name in ("first", "second")]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "roidesk", "import", str(workspace), str(book)],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for book in books
    ]
    outcomes = [(run.wait(120), run.stderr.read() if run.stderr else "") for run in runs]
    landed = {"first", "second"}
    for (status, err), name in zip(outcomes, ("first", "second"), strict=True):
        assert "Traceback" not in err
        if status:
            assert err == f"roidesk: {workspace} is open in another program — try again\n"
            landed.discard(name)
    with Workspace.open(workspace) as opened:
        counts = opened.db.execute(
            "SELECT description, count(*) FROM costs GROUP BY description"
        ).fetchall()
    assert dict(counts) == dict.fromkeys(landed, 3000)


def test_workspace_that_cannot_be_created_is_one_line(tmp_path: Path, costs_sheet: Path) -> None:
    """`roidesk import` into a folder that does not exist: one line, nothing made."""
    target = tmp_path / "missing" / "shop.roidesk"
    done = roidesk("import", target, costs_sheet, cwd=tmp_path)
    one_line_refusal(done, f"{target}: cannot create a workspace there")
    assert not target.parent.exists()
