"""Time the engine on a large workspace: ``python benchmarks/engine_bench.py [PATH]``.

Writes the workspace first (``engine_data.py``, 1,000,000 rows) when PATH does not exist.
Times, in one run: summary over the whole span, one month, one platform, ``--by month`` and
``--by campaign`` (in process, workspace open), each

* warm: the engine cache filled, the question not asked before in this state (another filter on
  the dashboard; asked again, a question is answered from memory: timed apart);
* after an import: the result sums of the latest month changed (a no-op UPDATE of one of its
  ``result_months`` rows sets new results and month tokens), so what was read of that month is
  read again; the cost ledger and the other months' partial sums are kept;
* after a cost edit: one cost's amount changed through the workspace (up and down by 0.0001 in
  turns; the edit itself brings the file's shared-out costs up to date, timed apart), so the
  months that cost touches are shared out again but partial-month sums are kept (printed apart:
  an edit of a cost of no campaign that runs through every month, whose category is shared out
  again in all of them);
* after opening: the in-memory cache dropped: the cost ledger read back from the file, the
  result sums from the copy saved in the user's cache folder by an earlier run (the first
  question after opening the file);
* first run: that saved copy deleted too (the very first question ever asked of the file on
  this machine);

the baseline — the plain ``GROUP BY month, platform`` over the
raw result rows a naive summary would run; and ``roidesk summary`` as a whole process.
Prints medians of several runs, the ratio to the baseline and peak memory.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_data import write_bench_workspace

from roidesk.core.figures import Query
from roidesk.engine import breakdown, summarize, summary_with_breakdown
from roidesk.engine.state import clear_cache, forget_answers
from roidesk.storage import Workspace, engine_cache

DEFAULT = Path(__file__).resolve().parent / "data" / "bench-1m.roidesk"
BASELINE_SQL = (
    "SELECT substr(date, 1, 7) AS month, platform, sum(impressions), sum(reach), "
    "sum(engagements), sum(followers_gained), sum(link_clicks), sum(sessions), sum(leads), "
    "sum(conversions), sum(new_customers), sum(revenue) FROM results GROUP BY month, platform"
)


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


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.path.exists():
        print(f"writing {args.path} (1,000,000 rows) …", flush=True)
        write_bench_workspace(args.path, 1_000_000).close()
    workspace = Workspace.open(args.path)
    rows = workspace.result_count()
    month = Query(start=date(2024, 3, 1), end=date(2024, 3, 31))
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("summary, whole span", lambda: summarize(workspace, Query())),
        ("summary, one month (2024-03)", lambda: summarize(workspace, month)),
        (
            "summary, one platform (Facebook)",
            lambda: summarize(workspace, Query(platform="Facebook")),
        ),
        (
            "summary, 10 Mar 2023 – 20 May 2024",
            lambda: summarize(workspace, Query(start=date(2023, 3, 10), end=date(2024, 5, 20))),
        ),
        ("breakdown by month (alone)", lambda: breakdown(workspace, Query(), "month")),
        ("breakdown by campaign (alone)", lambda: breakdown(workspace, Query(), "campaign")),
        (
            "summary --by month",
            lambda: summary_with_breakdown(workspace, Query(), "month"),
        ),
        (
            "summary --by campaign",
            lambda: summary_with_breakdown(workspace, Query(), "campaign"),
        ),
    ]
    baseline = _median(lambda: workspace.db.execute(BASELINE_SQL).fetchall(), args.runs)

    def results_changed() -> None:
        workspace.db.execute(
            "UPDATE result_months SET row_count = row_count WHERE rowid = "
            "(SELECT rowid FROM result_months ORDER BY month DESC LIMIT 1)"
        )

    steps = itertools.cycle((Decimal("0.0001"), Decimal("-0.0001")))
    write_times: dict[str, list[float]] = {"one cost": [], "wide cost": []}

    def changed_amount(where: str, kind: str) -> None:
        # a real edit through the workspace, as the window makes it (one ten-thousandth up,
        # then down again): the file's shared-out costs are brought up to date as it commits
        cost_id = workspace.db.execute(f"SELECT id FROM costs WHERE {where}").fetchone()[0]
        cost = workspace.cost(cost_id)
        began = time.perf_counter()
        workspace.update_cost(replace(cost, amount=(cost.amount or Decimal(0)) + next(steps)))
        write_times[kind].append(time.perf_counter() - began)

    def costs_changed() -> None:
        changed_amount("id = 1", "one cost")

    def first_run() -> None:
        clear_cache(saved=workspace)

    def wide_cost_changed() -> None:
        # the general monthly cost that runs longest: every month is shared out again
        changed_amount(
            "id = (SELECT id FROM costs WHERE repeat = 'monthly' AND campaign_id IS NULL "
            "ORDER BY julianday(coalesce(until, '9999-12-31')) - julianday(start_date) DESC "
            "LIMIT 1)",
            "wide cost",
        )

    whole_span = cases[0][1]
    whole_span()
    wide_edit = _median(whole_span, args.runs, before=wide_cost_changed)

    results = []
    for name, action in cases:
        first = _median(action, args.runs, before=first_run)
        action()
        cold = _median(action, args.runs, before=clear_cache)
        action()
        imported = _median(action, args.runs, before=results_changed)
        action()
        edited = _median(action, args.runs, before=costs_changed)
        action()
        warm = _median(action, args.runs, before=forget_answers)
        again = _median(action, args.runs)
        results.append((name, warm, imported, edited, cold, first, again))
    # memory in a separate pass: tracemalloc slows every allocation down
    clear_cache()
    tracemalloc.start()
    for _, action in cases:
        action()
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    workspace.close()

    command = [sys.executable, "-m", "roidesk", "summary", str(args.path), "--json"]
    process = _median(lambda: subprocess.run(command, check=True, capture_output=True), 3)
    process_first = _median(
        lambda: subprocess.run(command, check=True, capture_output=True),
        3,
        before=lambda: engine_cache.forget(args.path),
    )
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "roidesk", "summary", str(args.path)],
        check=True,
        capture_output=True,
        text=True,
    ).stderr
    heavy = sorted({m for m in ("PySide6", "pyqtgraph", "openpyxl") if f" {m}" in imports})
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"\n{rows:,} result rows · {args.path.name} · medians of {args.runs} runs\n")
    print(
        f"| {'case (ms; × baseline)':<36} | warm | after import | after cost edit "
        "| after opening | first run | asked again |"
    )
    print(f"|{'-' * 38}|------|--------------|-----------------|---------------|-----------|----|")

    def cell(seconds: float) -> str:
        return f"{seconds * 1000:.{1 if seconds >= 0.001 else 3}f} ({seconds / baseline:.3f}×)"

    for name, *times in results:
        print(f"| {name:<36} | " + " | ".join(cell(t) for t in times) + " |")
    print(f"| {'baseline: raw GROUP BY month, platform':<36} | {baseline * 1000:.1f} | | | | | |")
    print(
        f"\nsummary, whole span, after an edit of the general monthly cost that runs through "
        f"every month (its category shared out again in every month): {wide_edit * 1000:.1f} ms"
    )
    print(
        "the edits themselves (the update with the file's shared-out costs brought up to "
        "date, as it commits): one cost "
        f"{statistics.median(write_times['one cost']) * 1000:.1f} ms, the wide one "
        f"{statistics.median(write_times['wide cost']) * 1000:.1f} ms (medians)"
    )
    print(
        f"`roidesk summary --json` as a process: {process * 1000:.0f} ms "
        f"(first run ever: {process_first * 1000:.0f} ms; medians of 3)"
    )
    print(f"Qt, pyqtgraph or openpyxl imported by `roidesk summary`: {heavy or 'none'}")
    print(f"peak Python allocations during the summaries: {traced_peak / 2**20:.1f} MB")
    print(f"peak resident memory of this process: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
