"""Hostile input through the real command: `roidesk import` of each file of tests/hostile.py in
a child with 1 GB of address space and a 60-second hang detector. For every file: exit 0 or
1, never a traceback, and after a refusal the workspace's tables exactly as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import hostile
import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_AS is POSIX")

MEMORY = 1 << 30
HANG = 60  # seconds: far beyond any case here; a hang detector, not a timing assertion
#: The tables that hold what the user entered or imported.
USER_TABLES = (
    "settings", "import_batches", "clients", "campaigns", "goals", "costs", "results",
    "result_months", "valuations", "other_returns",
)  # fmt: skip


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _import(workspace: Path, file: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "roidesk", "import", str(workspace), str(file)],
        capture_output=True,
        text=True,
        timeout=HANG,
        preexec_fn=_limit_memory,
        check=False,
    )


def _tables(workspace: Path) -> str:
    """A digest of every user table, row by row."""
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{workspace}?mode=ro", uri=True) as db:
        present = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
        for table in USER_TABLES:
            if table in present:
                for row in db.execute(f"SELECT * FROM {table} ORDER BY rowid"):
                    digest.update(repr((table, row)).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding one imported export (what a refusal must leave untouched)."""
    folder = tmp_path_factory.mktemp("hostile-workspace")
    workspace = folder / "filled.roidesk"
    first = hostile.csv_with(folder / "first.csv", "Autumn,2024-10-01,30.00,900")
    done = _import(workspace, first)
    assert done.returncode == 0, done.stderr
    return workspace


def _refused_and_unchanged(filled: Path, folder: Path, file: Path) -> str:
    """Import ``file`` into a copy of the filled workspace; assert a clean refusal that
    changed nothing; the message."""
    workspace = folder / "copy.roidesk"
    shutil.copy(filled, workspace)
    before = _tables(workspace)
    done = _import(workspace, file)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr
    assert file.name in done.stderr
    assert _tables(workspace) == before
    return done.stderr


XLSX_CASES: dict[str, Callable[[Path], Path]] = {
    "zip bomb (2 GB declared)": hostile.xlsx_bomb,
    "zip bomb lying about its size": lambda path: hostile.xlsx_bomb(path, lying=True),
    "20,000 zip entries": hostile.many_entries,
    "shared-string count that lies": hostile.lying_shared_strings,
    "cell in the far corner, declared": hostile.far_corner,
    "cell in the far corner, undeclared": lambda path: hostile.far_corner(path, False),
    "dimension beyond Excel": hostile.beyond_excel,
    "billion laughs in the sheet": hostile.billion_laughs,
    "billion laughs in the shared strings": lambda path: hostile.billion_laughs(path, "sst"),
    "external entity": hostile.external_entity,
    "malformed sheet XML": hostile.malformed_xml,
    "malformed cell references": hostile.malformed_references,
    "truncated zip": hostile.truncated_zip,
    "formula without a saved value": hostile.formula_without_value,
    "Excel error #N/A": lambda path: hostile.xlsx_with_spend(path, "#N/A", "e"),
    "Excel error #DIV/0!": lambda path: hostile.xlsx_with_spend(path, "#DIV/0!", "e"),
    "number 1e20": lambda path: hostile.xlsx_with_spend(path, "1e20"),
    "number 1e308": lambda path: hostile.xlsx_with_spend(path, "1e308"),
    "number 1e400": lambda path: hostile.xlsx_with_spend(path, "1e400"),
}
CSV_CASES: dict[str, Callable[[Path], Path]] = {
    "number 1e20": lambda path: hostile.csv_with(path, "Spring,2025-01-01,1e20,100"),
    "number 1e308": lambda path: hostile.csv_with(path, "Spring,2025-01-01,1e308,100"),
    "number 1e400": lambda path: hostile.csv_with(path, "Spring,2025-01-01,1e400,100"),
    "Excel error text #N/A": lambda path: hostile.csv_with(path, "Spring,2025-01-01,#N/A,100"),
    "a 10 MB single line": hostile.long_line_csv,
}
DATE_CASES: dict[str, Callable[[Path], Path]] = {
    "xlsx dated 1066": lambda path: hostile.xlsx_dated(path, "1066-10-14"),
    "xlsx dated 9999": lambda path: hostile.xlsx_dated(path, "9999-12-31"),
    "csv dated 1066": lambda path: hostile.csv_with(path, "Spring,1066-10-14,12.5,100"),
    "csv dated 9999": lambda path: hostile.csv_with(path, "Spring,9999-12-31,12.5,100"),
}


@pytest.mark.parametrize("case", XLSX_CASES)
def test_hostile_xlsx_is_refused_cleanly(filled: Path, tmp_path: Path, case: str) -> None:
    """Each hostile workbook: exit 1, the file named, no traceback, nothing changed."""
    _refused_and_unchanged(filled, tmp_path, XLSX_CASES[case](tmp_path / "hostile.xlsx"))


@pytest.mark.parametrize("case", CSV_CASES)
def test_hostile_csv_is_refused_cleanly(filled: Path, tmp_path: Path, case: str) -> None:
    """Each hostile CSV: exit 1, the file named, no traceback, nothing changed."""
    _refused_and_unchanged(filled, tmp_path, CSV_CASES[case](tmp_path / "hostile.csv"))


@pytest.mark.parametrize("case", DATE_CASES)
def test_dates_outside_1900_to_2100_are_refused(filled: Path, tmp_path: Path, case: str) -> None:
    """A date no business record has (1066, 9999) is a broken cell, refused cleanly."""
    suffix = ".xlsx" if case.startswith("xlsx") else ".csv"
    _refused_and_unchanged(filled, tmp_path, DATE_CASES[case](tmp_path / f"dated{suffix}"))


@pytest.mark.parametrize("make", [hostile.good_xlsx, hostile.csv_with], ids=["xlsx", "csv"])
def test_the_same_limits_let_a_sound_export_in(filled: Path, tmp_path: Path, make) -> None:
    """The control: under the same memory limit, a sound export imports (exit 0)."""
    workspace = tmp_path / "copy.roidesk"
    shutil.copy(filled, workspace)
    path = tmp_path / ("good.xlsx" if make is hostile.good_xlsx else "good.csv")
    if make is hostile.csv_with:
        make(path, "Spring,2025-01-01,12.5,100")
    else:
        make(path)
    done = _import(workspace, path)
    assert (done.returncode, done.stderr) == (0, "")
    assert "imported 1 row" in done.stdout


@pytest.mark.slow
def test_a_300_megabyte_blank_csv_with_data_after_is_refused(filled: Path, tmp_path: Path) -> None:
    """300 MB of comma-only lines, then a row: refused at the start of the blank run, long
    before the end of the file."""
    path = hostile.blank_run_csv(tmp_path / "blank.csv", megabytes=300, data_after=True)
    try:
        message = _refused_and_unchanged(filled, tmp_path, path)
    finally:
        path.unlink()  # 300 MB: not left for pytest's kept temporary folders
    assert "10,000 blank lines in a row from line 3" in message


@pytest.mark.slow
def test_a_csv_padded_with_300_megabytes_of_blank_lines_imports(
    filled: Path, tmp_path: Path
) -> None:
    """The same padding with nothing after it is read to its end and the one row imported."""
    path = hostile.blank_run_csv(tmp_path / "padded.csv", megabytes=300, data_after=False)
    workspace = tmp_path / "copy.roidesk"
    shutil.copy(filled, workspace)
    try:
        done = _import(workspace, path)
    finally:
        path.unlink()
    assert (done.returncode, done.stderr) == (0, "")
    assert "imported 1 row" in done.stdout


@pytest.mark.slow
def test_a_bad_cell_in_the_last_of_200000_rows_is_named(filled: Path, tmp_path: Path) -> None:
    """One bad spend in the 200,000th data row: its row is named (not a MemoryError)."""
    path = hostile.long_csv_bad_last_cell(tmp_path / "long.csv")
    message = _refused_and_unchanged(filled, tmp_path, path)
    assert "row 200,001" in message or "row 200001" in message
