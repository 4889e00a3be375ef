"""Time the client report: ``python benchmarks/report_bench.py WORKSPACE [--runs 5]
[--format xlsx|pdf]``.

Writes the report (workbook or PDF) for one year (default 2025) in process, ``--runs``
times, and prints the
first (cold: a new engine state, the cost ledger read from the file) and the median wall
time. The workspace comes from ``python benchmarks/engine_data.py --rows 1000000 --campaigns 50
OUT``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from roidesk.sheets.report import ReportRequest, write_report
from roidesk.storage import Workspace


def _writer(fmt: str):  # type: ignore[no-untyped-def]
    if fmt == "pdf":
        from roidesk.ui.report_pdf import write_report_pdf

        return write_report_pdf
    return write_report


def main() -> None:
    """Parse the options, time the runs, print the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--format", choices=("xlsx", "pdf"), default="xlsx")
    args = parser.parse_args()
    write = _writer(args.format)
    request = ReportRequest(date(args.year, 1, 1), date(args.year, 12, 31))
    times = []
    with Workspace.open(args.workspace) as workspace, tempfile.TemporaryDirectory() as folder:
        campaigns = len(workspace.campaigns())
        rows = workspace.result_count()
        for run in range(args.runs):
            started = time.perf_counter()
            write(workspace, Path(folder) / f"report-{run}.{args.format}", request)
            times.append(time.perf_counter() - started)
    print(
        f"{args.format} report {args.year} on {rows:,} result rows, {campaigns} campaigns: "
        f"first {times[0]:.2f} s, median of {args.runs} {statistics.median(times):.2f} s "
        f"(target ≤ 2 s)"
    )


if __name__ == "__main__":
    main()
