"""Files written all-or-nothing: a failed or killed write leaves the old file, modes follow the
umask, and leftovers of a killed write are cleaned up by the next write to the folder."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from roidesk.sheets.files import (
    STALE_AFTER,
    TEMPORARY_PREFIX,
    remove_stale_temporaries,
    write_atomically,
)


def _temporaries(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{TEMPORARY_PREFIX}*"))


def test_new_content_replaces_the_old_in_one_piece(tmp_path: Path) -> None:
    """The target holds exactly what the writer wrote, and no temporary is left beside it."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    write_atomically(target, lambda part: part.write_bytes(b"new content"))
    assert target.read_bytes() == b"new content"
    assert list(tmp_path.iterdir()) == [target]


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    """An error half-way through writing changes nothing on disk."""
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")

    def fail(part: Path) -> None:
        part.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomically(target, fail)
    assert target.read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_written_files_get_the_users_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """A report is readable by whoever the user's umask lets read new files (not always 0600)."""
    target = tmp_path / "out.xlsx"
    previous = os.umask(umask)
    try:
        write_atomically(target, lambda part: part.write_bytes(b"x"))
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == mode


def test_stale_temporaries_are_removed_and_fresh_ones_kept(tmp_path: Path) -> None:
    """A leftover of a killed write goes; one younger than a few minutes may be a write still
    going on in another window, and other files are never touched."""
    stale = tmp_path / f"{TEMPORARY_PREFIX}report.xlsx-abc.tmp"
    fresh = tmp_path / f"{TEMPORARY_PREFIX}report.xlsx-def.tmp"
    other = tmp_path / "notes.tmp"
    for path in (stale, fresh, other):
        path.write_bytes(b"x")
    long_ago = time.time() - STALE_AFTER - 60
    os.utime(stale, (long_ago, long_ago))
    os.utime(other, (long_ago, long_ago))
    write_atomically(tmp_path / "report.xlsx", lambda part: part.write_bytes(b"x"))
    assert not stale.exists()
    assert fresh.exists() and other.exists()
    assert remove_stale_temporaries(tmp_path, now=time.time() + STALE_AFTER + 60) == [fresh]


def _run_and_kill_mid_write(script: str) -> None:
    """Run ``script`` in a child that prints ``written`` when it is mid-write and then blocks;
    SIGKILL it then (a handshake on its output, so neither sleeps nor timing)."""
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"written\n"  # b"" if the child ended instead
    finally:
        child.send_signal(signal.SIGKILL)
        child.communicate()


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_write_killed_half_way_leaves_the_old_file(tmp_path: Path) -> None:
    """A kill with half the new bytes written leaves the old file whole; the next write
    to the folder (once the leftover is stale) removes the leftover."""
    target = tmp_path / "export.xlsx"
    target.write_bytes(b"the good old export")
    _run_and_kill_mid_write(
        f"""
        import sys
        from roidesk.sheets.files import write_atomically

        def write(part):
            with open(part, "wb") as out:
                out.write(b"x" * 1_000_000)
                out.flush()
                print("written", flush=True)
                sys.stdin.read()  # blocks until killed: the write is half done

        write_atomically({str(target)!r}, write)
        """
    )
    assert target.read_bytes() == b"the good old export"
    (leftover,) = _temporaries(tmp_path)
    assert leftover.name.startswith(f"{TEMPORARY_PREFIX}export.xlsx-")
    assert remove_stale_temporaries(tmp_path, now=time.time() + STALE_AFTER + 60) == [leftover]


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_killed_report_leaves_the_earlier_report(tmp_path: Path) -> None:
    """A report killed with its new workbook written but not yet in place leaves the earlier
    report as it was (the child stops, by blocking, at the last moment before the rename)."""
    from roidesk.storage.demo import write_demo

    workspace = tmp_path / "demo.roidesk"
    write_demo(workspace)
    out = tmp_path / "report.xlsx"
    out.write_bytes(b"an earlier report")
    _run_and_kill_mid_write(
        f"""
        import sys
        from datetime import date
        import roidesk.sheets.report as report
        from roidesk.storage import Workspace

        real = report.add_cached_values

        def then_block(*args):
            real(*args)
            print("written", flush=True)
            sys.stdin.read()  # blocks until killed: written, not yet renamed

        report.add_cached_values = then_block
        with Workspace.open({str(workspace)!r}) as workspace:
            request = report.ReportRequest(*report.last_full_month(date.today()))
            report.write_report(workspace, {str(out)!r}, request)
        """
    )
    assert out.read_bytes() == b"an earlier report"
    (leftover,) = _temporaries(tmp_path)  # the one temporary, complete but never renamed
    assert leftover.stat().st_size > 10_000


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("command", ["export", "template"])
def test_a_killed_export_or_template_leaves_the_earlier_file(tmp_path: Path, command: str) -> None:
    """`roidesk export` (and `template`) killed with the new workbook saved but not yet in
    place leaves the earlier file whole (before, a kill left a corrupt workbook under the
    final name, over a good earlier export)."""
    from roidesk.storage.demo import write_demo

    workspace = tmp_path / "demo.roidesk"
    write_demo(workspace)
    out = tmp_path / "workbook.xlsx"
    out.write_bytes(b"an earlier export")
    arguments = [str(workspace), str(out)] if command == "export" else [str(out)]
    _run_and_kill_mid_write(
        f"""
        import sys
        import openpyxl
        from roidesk.cli import main

        real = openpyxl.Workbook.save

        def then_block(book, target):
            real(book, target)
            print("written", flush=True)
            sys.stdin.read()  # blocks until killed: written, not yet renamed

        openpyxl.Workbook.save = then_block
        main({["--", command, *arguments][1:]!r})
        """
    )
    assert out.read_bytes() == b"an earlier export"
    (leftover,) = _temporaries(tmp_path)
    assert leftover.stat().st_size > 1_000
