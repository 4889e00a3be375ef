"""Benchmark: full import of a 100,000-row Meta-like export vs a bare read of the same file.

Run: .venv/bin/python benchmarks/import_bench.py [--rows 100000] [--repeat 3] [--floor]
[--quote-all] (every CSV cell quoted, as some platforms write them) [--profile] (where one
import of each file spends its time, by cProfile, after the table)
Prints medians for a bare python-calamine pass over the xlsx, a bare csv-module pass over the
CSV, and the full import (read, map, validate, write) of each into a fresh workspace, with the
ratio and its target (xlsx ≤ 1.5 ×, CSV ≤ 5 × the bare pass). The empty workspace is created
before the clock starts (creating a file is not importing). Bare pass and import take turns, so
that both meet the same load on a shared machine.

``--floor`` adds what any CSV import must at least do, timed in the same run: the bare csv
pass, the same pass keeping the rows (cycle collector paused, as in the import), roidesk's own
reader keeping them (``read_file``: text without a quote character is split without the csv
module), and — what storing one result per file row would cost, as the import did before it
summed the rows of one day, campaign, platform and content type — those rows inserted with one
plain ``executemany`` into an index-free copy of the results table, and that table's four
indexes.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import gc
import pstats
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from operator import itemgetter
from pathlib import Path

import openpyxl
from python_calamine import CalamineWorkbook

from roidesk.core.records import Settings
from roidesk.sheets.exports.importer import import_export
from roidesk.sheets.exports.reading import read_file
from roidesk.storage import Workspace

HEADERS = [
    "Campaign name", "Ad set name", "Ad name", "Day", "Amount spent (EUR)", "Impressions",
    "Reach", "Link clicks", "CTR (link click-through rate)", "Purchases",
    "Purchases conversion value", "Reporting starts", "Reporting ends",
]  # fmt: skip


def _rows(count: int):
    start = date(2025, 1, 1)
    for i in range(count):
        day = start + timedelta(days=i % 365)
        yield [
            f"Campaign {i % 40}", f"Ad set {i % 200}", f"Ad {i % 1000}", day.isoformat(),
            round(1 + (i % 997) * 0.37, 2), 1000 + i % 5000, 800 + i % 4000, i % 97,
            round((i % 97) / (1000 + i % 5000) * 100, 4), i % 7, round((i % 7) * 23.45, 2),
            day.isoformat(), day.isoformat(),
        ]  # fmt: skip


def write_files(folder: Path, count: int, quote_all: bool = False) -> tuple[Path, Path]:
    """The same Meta-like export as xlsx and as CSV (every CSV cell quoted if ``quote_all``)."""
    xlsx, csv_path = folder / "meta.xlsx", folder / "meta.csv"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Raw Data Report")
    sheet.append(HEADERS)
    for row in _rows(count):
        sheet.append(row)
    book.save(xlsx)
    with csv_path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
        writer.writerow(HEADERS)
        writer.writerows(_rows(count))
    return xlsx, csv_path


def bare_calamine(path: Path) -> int:
    """Every cell of the first sheet through python-calamine, nothing else."""
    book = CalamineWorkbook.from_path(str(path))
    return len(book.get_sheet_by_index(0).to_python())


def bare_csv(path: Path) -> int:
    """Every record through the csv module, nothing else."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return sum(1 for _ in csv.reader(handle))


def csv_rows(path: Path) -> list[list[str]]:
    """Every record through the csv module, kept (as an import must keep them)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


#: The CSV columns that become result columns: day, campaign, impressions, reach, link clicks,
#: purchases, purchases value.
_RESULT_CELLS = itemgetter(3, 0, 5, 6, 7, 9, 10)
_RESULT_COLUMNS = "date, campaign_id, impressions, reach, link_clicks, conversions, revenue"


def floor_times(path: Path, folder: Path, run: int) -> tuple[float, float, float, float]:
    """Seconds to keep the CSV's rows (cycle collector paused) with the csv module and with
    roidesk's reader, to insert them as they are with one plain ``executemany`` into an
    index-free copy of the results table (and commit), and to build the table's four indexes
    (and commit)."""
    with Workspace.create(folder / f"schema-{run}.roidesk") as workspace:
        schema = workspace.db.execute(
            "SELECT type, sql FROM sqlite_master WHERE tbl_name = 'results' AND sql IS NOT NULL"
        ).fetchall()
    gc.disable()  # as the import does while it holds a million cells
    try:
        began = time.perf_counter()
        kept = read_file(path)
        reader = time.perf_counter() - began
        del kept  # freed outside the clock, as (b) frees its rows
        began = time.perf_counter()
        rows = csv_rows(path)[1:]
        keep = time.perf_counter() - began
    finally:
        gc.enable()
    connection = sqlite3.connect(folder / f"floor-{run}.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(next(sql for kind, sql in schema if kind == "table"))
    began = time.perf_counter()
    connection.execute("BEGIN")
    connection.executemany(
        f"INSERT INTO results ({_RESULT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        map(_RESULT_CELLS, rows),
    )
    connection.execute("COMMIT")
    insert = time.perf_counter() - began
    began = time.perf_counter()
    connection.execute("BEGIN")
    for kind, sql in schema:
        if kind == "index":
            connection.execute(sql)
    connection.execute("COMMIT")
    indexes = time.perf_counter() - began
    connection.close()
    return keep, reader, insert, indexes


def empty_workspace(path: Path, folder: Path, run: int) -> Workspace:
    """A fresh, empty workspace for one import (made before the clock starts)."""
    target = folder / f"bench-{path.suffix[1:]}-{run}.roidesk"
    return Workspace.create(target, Settings(currency="EUR"))


def full_import(path: Path, workspace: Workspace) -> int:
    """Read, map, validate and write into ``workspace``."""
    with workspace:
        return import_export(workspace, path).rows_imported


def profile(path: Path, folder: Path, top: int = 14) -> None:
    """Print the functions one import of ``path`` spends most time in (cumulative)."""
    workspace = empty_workspace(path, folder, 999)
    profiler = cProfile.Profile()
    profiler.runcall(full_import, path, workspace)
    print(f"\nprofile of one import of {path.name} (top {top} by own time)")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def _medians(bare, full, repeat: int, prepare=lambda _run: None) -> tuple[float, float]:
    """Median seconds of ``bare`` and ``full``, run in turns so both meet the same load.

    ``prepare(run)`` makes what ``full`` is given, outside the timed part.
    """
    bare_times, full_times = [], []
    for run in range(repeat):
        began = time.perf_counter()
        bare(run)
        bare_times.append(time.perf_counter() - began)
        prepared = prepare(run)
        began = time.perf_counter()
        full(prepared)
        full_times.append(time.perf_counter() - began)
    return statistics.median(bare_times), statistics.median(full_times)


def main() -> None:
    """Write the files, time each pass, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--floor", action="store_true", help="also time the CSV floor")
    parser.add_argument("--quote-all", action="store_true", help="quote every CSV cell")
    parser.add_argument("--profile", action="store_true", help="profile one import of each")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        xlsx, csv_path = write_files(folder, args.rows, args.quote_all)
        assert full_import(xlsx, empty_workspace(xlsx, folder, 99)) == args.rows
        read_x, import_x = _medians(
            lambda _run: bare_calamine(xlsx),
            lambda workspace: full_import(xlsx, workspace),
            args.repeat,
            lambda run: empty_workspace(xlsx, folder, run),
        )
        read_c, import_c = _medians(
            lambda _run: bare_csv(csv_path),
            lambda workspace: full_import(csv_path, workspace),
            args.repeat,
            lambda run: empty_workspace(csv_path, folder, 100 + run),
        )
        floors = []
        for run in range(args.repeat if args.floor else 0):  # in turns with a bare pass
            began = time.perf_counter()
            bare_csv(csv_path)
            floors.append((time.perf_counter() - began, *floor_times(csv_path, folder, run)))
        _print_table(args.rows, args.repeat, [(read_x, import_x), (read_c, import_c)], floors)
        if args.profile:
            profile(xlsx, folder)
            profile(csv_path, folder)


def _print_table(
    rows: int, repeat: int, medians: list[tuple[float, float]], floors: list[tuple[float, ...]]
) -> None:
    """The medians, ratios and targets (and the CSV floor, when timed)."""
    (read_x, import_x), (read_c, import_c) = medians
    print(f"{rows:,} rows, median of {repeat}")
    print(f"{'file':<6} {'bare read s':>12} {'full import s':>14} {'ratio':>7} {'target':>7}")
    for label, bare, full, target in (
        ("xlsx", read_x, import_x, 1.5),
        ("csv", read_c, import_c, 5.0),
    ):
        verdict = "met" if full / bare <= target else "missed"
        ratio = full / bare
        print(f"{label:<6} {bare:>12.3f} {full:>14.3f} {ratio:>7.2f} {target:>6.1f}× {verdict}")
    if floors:
        bare, keep, reader, insert, indexes = (
            statistics.median(times) for times in zip(*floors, strict=True)
        )
        print(f"csv floor, median of {repeat}: what any CSV import must at least do")
        for label, seconds in (
            ("(a) bare csv pass", bare),
            ("(b) the same pass keeping the rows", keep),
            ("(b') roidesk's reader keeping the rows (read_file)", reader),
            ("storing one result per file row (the import before it summed them):", None),
            ("(c) those rows into an index-free results table (executemany)", insert),
            ("(d) that table's four indexes", indexes),
            ("(b) + (c) + (d)", keep + insert + indexes),
        ):
            if seconds is None:
                print(f"  {label}")
                continue
            print(f"  {label:<64} {seconds:>6.3f} s {seconds / bare:>6.2f} ×")


if __name__ == "__main__":
    main()
