"""Time the engine on a large workspace: ``python benchmarks/engine_bench.py [PATH]``.

Writes the workspace first (``engine_data.py``, 1,000,000 rows) when PATH does not exist.
Times, in one run, each question (summary over the whole span, one month, one platform, a
period cut mid-month, ``--by month``, ``--by campaign``):

* first: the engine's one cache dropped (``clear_cache()``), as in a fresh process or after
  any write: records read, every cost shared out, the sums read;
* later: another question asked first in the same state (the ledger built), this one not;
* asked again: the same question again in the same state (from memory);

against the baseline — the plain ``GROUP BY month, platform`` over the raw result rows a naive
summary would run — measured in the same run; then a cost edit with the next summary, 100,000
typed results written by ``Workspace.add_results`` into an empty workspace and into a copy
of this one, and
``roidesk summary --json`` as a whole process. Prints medians and the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_data import write_bench_workspace

from roidesk.core.figures import Query
from roidesk.core.records import Result
from roidesk.engine import breakdown, summarize, summary_with_breakdown
from roidesk.engine.state import clear_cache
from roidesk.storage import Workspace

DEFAULT = Path(__file__).resolve().parent / "data" / "bench-1m.roidesk"
BASELINE_SQL = (
    "SELECT substr(date, 1, 7) AS month, platform, sum(impressions), sum(reach), "
    "sum(engagements), sum(followers_gained), sum(link_clicks), sum(sessions), sum(leads), "
    "sum(conversions), sum(new_customers), sum(revenue) FROM results GROUP BY month, platform"
)
IMPORTED_ROWS = 100_000


def _median(
    action: Callable[[], Any], runs: int, before: Callable[[], None] = lambda: None
) -> float:
    times = []
    for _ in range(runs):
        before()
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _cases(workspace: Workspace) -> list[tuple[str, Callable[[], Any]]]:
    month = Query(start=date(2024, 3, 1), end=date(2024, 3, 31))
    cut = Query(start=date(2023, 3, 10), end=date(2024, 5, 20))
    return [
        ("summary, whole span", lambda: summarize(workspace, Query())),
        ("summary, one month (2024-03)", lambda: summarize(workspace, month)),
        ("summary, one platform", lambda: summarize(workspace, Query(platform="Facebook"))),
        ("summary, 10 Mar 2023 – 20 May 2024", lambda: summarize(workspace, cut)),
        ("breakdown by campaign (alone)", lambda: breakdown(workspace, Query(), "campaign")),
        ("summary --by month", lambda: summary_with_breakdown(workspace, Query(), "month")),
        ("summary --by campaign", lambda: summary_with_breakdown(workspace, Query(), "campaign")),
    ]


def _import_time(path: Path | None, runs: int) -> float:
    """Median time of ``add_results`` of 100,000 typed results into a copy of the workspace at
    ``path`` (or into a new, empty one)."""
    times = []
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "copy.roidesk"
            if path is None:
                Workspace.create(copy).close()
            else:
                shutil.copy(path, copy)
            first = date(2026, 1, 1) + timedelta(days=run)
            records = [
                Result(first + timedelta(days=i % 90), ("Facebook", "TikTok")[i % 2],
                       impressions=i, link_clicks=i % 7, revenue=Decimal(i % 50) / 4)
                for i in range(IMPORTED_ROWS)
            ]  # fmt: skip
            with Workspace.open(copy) as workspace:
                began = time.perf_counter()
                workspace.add_results(records)
                times.append(time.perf_counter() - began)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"writing {args.path} (1,000,000 rows) …", flush=True)
        write_bench_workspace(args.path, 1_000_000).close()
    workspace = Workspace.open(args.path)
    rows = workspace.result_count()
    cases = _cases(workspace)
    baseline = _median(lambda: workspace.db.execute(BASELINE_SQL).fetchall(), args.runs)
    days = itertools.cycle(range(400))

    def another_question_in_a_fresh_state() -> None:
        clear_cache()
        summarize(workspace, Query(start=date(2022, 1, 1) + timedelta(days=next(days))))

    results = []
    for name, action in cases:
        first = _median(action, args.runs, before=clear_cache)
        later = _median(action, args.runs, before=another_question_in_a_fresh_state)
        again = _median(action, args.runs)
        results.append((name, first, later, again))

    steps = itertools.cycle((Decimal("0.0001"), Decimal("-0.0001")))

    def edit_then_summarize() -> None:
        cost = workspace.cost(1)
        workspace.update_cost(replace(cost, amount=(cost.amount or Decimal(0)) + next(steps)))
        summarize(workspace, Query())

    summarize(workspace, Query())
    edited = _median(edit_then_summarize, args.runs)
    if args.runs % 2:  # up and down as often: the file's costs as they were
        edit_then_summarize()
    workspace.close()
    imported = _import_time(args.path, 3)
    imported_empty = _import_time(None, 3)
    command = [sys.executable, "-m", "roidesk", "summary", str(args.path), "--json"]
    process = _median(lambda: subprocess.run(command, check=True, capture_output=True), 3)

    print(f"\n{rows:,} result rows · {args.path.name} · medians of {args.runs} runs\n")
    print(f"| {'question (ms; × baseline)':<36} | first (fresh state) | later | asked again |")
    print(f"|{'-' * 38}|---------------------|-------|-------------|")

    def cell(seconds: float) -> str:
        return f"{seconds * 1000:.1f} ({seconds / baseline:.3f}×)"

    for name, *times in results:
        print(f"| {name:<36} | " + " | ".join(cell(t) for t in times) + " |")
    print(f"| {'baseline: raw GROUP BY month, platform':<36} | {baseline * 1000:.1f} | | |")
    print(f"\na cost edit and the next whole-span summary: {edited * 1000:.1f} ms")
    print(
        f"add_results of {IMPORTED_ROWS:,} typed results (medians of 3): into an empty "
        f"workspace {imported_empty * 1000:.0f} ms, into this one {imported * 1000:.0f} ms"
    )
    print(f"`roidesk summary --json` as a process: {process * 1000:.0f} ms (median of 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
