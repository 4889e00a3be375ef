"""The command line, run as a user runs it: a separate process, exit status, stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook, load_workbook


def roidesk(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``roidesk ARGS`` in a subprocess."""
    return subprocess.run(
        [sys.executable, "-m", "roidesk", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def values(path: Path) -> dict[str, list[list[object]]]:
    """Every cell value of every sheet."""
    book = load_workbook(path)
    return {n: [[c.value for c in r] for r in book[n].iter_rows()] for n in book.sheetnames}


def test_demo_export_import_export_round_trip(tmp_path: Path) -> None:
    """The issue's acceptance line: demo → export → import → export gives identical workbooks."""
    for args in (
        ("demo", "a.roidesk"),
        ("export", "a.roidesk", "a.xlsx"),
        ("import", "b.roidesk", "a.xlsx"),
        ("export", "b.roidesk", "b.xlsx"),
    ):
        done = roidesk(*args, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    assert values(tmp_path / "a.xlsx") == values(tmp_path / "b.xlsx")
    assert len(values(tmp_path / "a.xlsx")["Results"]) > 1000


def test_bad_workbook_names_every_problem_on_stderr(tmp_path: Path) -> None:
    """Bad input: exit 1, every problem with file/sheet/row/column on stderr, no traceback."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Costs"
    sheet.append(["Date", "Category", "Amount"])
    sheet.append(["yesterday", "Advertising", 10])
    sheet.append(["2026-01-01", "Advertising", "ten"])
    book.save(tmp_path / "bad.xlsx")
    done = roidesk("import", "w.roidesk", "bad.xlsx", cwd=tmp_path)
    assert done.returncode == 1
    assert "bad.xlsx, sheet 'Costs', row 2, column 'Date'" in done.stderr
    assert "bad.xlsx, sheet 'Costs', row 3, column 'Amount'" in done.stderr
    assert "Traceback" not in done.stderr


def test_foreign_file_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """A text file passed as a workspace gives a clear message and status 1."""
    (tmp_path / "x.roidesk").write_text("not a database")
    done = roidesk("export", "x.roidesk", "out.xlsx", cwd=tmp_path)
    assert done.returncode == 1
    assert "not a roidesk workspace" in done.stderr
    assert "Traceback" not in done.stderr


def test_template_command_writes_the_template(tmp_path: Path) -> None:
    """``roidesk template`` writes a workbook with the contract sheets."""
    done = roidesk("template", "t.xlsx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Costs" in load_workbook(tmp_path / "t.xlsx").sheetnames


def test_repair_of_an_unaltered_workspace_changes_nothing(tmp_path: Path) -> None:
    """`roidesk repair` on a file roidesk made: exit 0, 'nothing to repair', no backup."""
    assert roidesk("demo", "a.roidesk", cwd=tmp_path).returncode == 0
    done = roidesk("repair", "a.roidesk", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "a.roidesk: nothing to repair\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.roidesk"]


def test_repair_of_a_missing_file_is_one_line(tmp_path: Path) -> None:
    """`roidesk repair` of a file that is not there: exit 1, one line, no traceback."""
    done = roidesk("repair", "gone.roidesk", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == "roidesk: gone.roidesk: no such workspace file\n"
