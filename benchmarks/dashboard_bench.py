"""Dashboard refresh benchmark: all cards and charts recomputed and drawn, vs summarize alone.

    python benchmarks/dashboard_bench.py benchmarks/data/bench-1m.roidesk [--shots DIR]

Prints medians (ms) for the whole span, one month and one platform, each in four engine
states, with the engine's ``summarize`` of the same query timed in the same state, in turns
with the refresh, in the same run:

* asked before: the same question answered a moment ago in this state (the dashboard back on
  a filter it showed: the engine answers from memory);
* warm: the engine's caches filled, the question not asked before (another filter on an open
  dashboard: ``forget_answers()`` before each timed run);
* after opening: the in-memory caches dropped before each timed run, as in a new process that
  opens the file (``clear_cache()``; the copy saved in the user's cache folder stays);
* first run ever: that saved copy deleted too (``clear_cache(saved=workspace)``).

The full refresh is every card and chart series computed, applied and the whole page painted
offscreen with ``grab``, timed twice: on the same page (a chart whose series did not change
keeps what it drew) and coming from another page (the page of another case drawn, untimed,
before each run: every chart draws anew, as after a filter change). For the warm state also
its parts: computing the series; applying another page's series and painting; and painting
alone (the page as it is, nothing recomputed: the floor of any refresh that repaints). To show
the cold refreshes really recompute, each row also gives the SQL statements one refresh runs in
that state (an untimed pass) and, after every timed run, whether the engine's context was new
(built by that run) or kept, and where its cost ledger came from (``Context.ledger_from``).
``--shots`` also saves screenshots.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import weakref
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from roidesk.engine import summarize
from roidesk.engine.state import clear_cache, context, forget_answers
from roidesk.storage import Workspace


def reference_loop_ms() -> float:
    """How long this machine takes for a fixed pure-Python loop now (its speed varies from
    minute to minute on a shared host: read the table's milliseconds beside it)."""
    start = time.perf_counter()
    total = 0
    for step in range(3_000_000):
        total += step
    return (time.perf_counter() - start) * 1000


def median_ms(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """The median wall time of ``action`` in milliseconds (after one warm-up)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def medians_in_turns_ms(
    actions: list[tuple[Callable[[], None], Callable[[], Any]]],
    repeat: int,
    after: Callable[[], None],
) -> list[float]:
    """The median wall times (ms) of ``actions`` timed in turns, each ``(before, action)``:
    ``action`` timed right after its untimed ``before`` (the engine state, the page shown) and
    followed by ``after`` (untimed checks)."""
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(repeat):
        for (before, action), taken in zip(actions, times, strict=True):
            before()
            start = time.perf_counter()
            action()
            taken.append((time.perf_counter() - start) * 1000)
            after()
    return [statistics.median(taken) for taken in times]


def statements_run(workspace: Workspace, action: Callable[[], Any]) -> int:
    """How many SQL statements ``action`` runs on the workspace's connection."""
    count = 0

    def counted(_statement: str) -> None:
        nonlocal count
        count += 1

    workspace.db.conn.set_trace_callback(counted)
    try:
        action()
    finally:
        workspace.db.conn.set_trace_callback(None)
    return count


class ContextTally:
    """After each timed run: was the engine's context for the workspace new (built by that run,
    nothing kept in memory) or kept, and where its cost ledger came from."""

    def __init__(self, workspace: Workspace, today: date) -> None:
        self.workspace, self.today = workspace, today
        self.seen: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()
        self.new = self.runs = self.not_hits = 0
        self.ledgers: set[str] = set()
        self.look()  # what is in memory now (the warm-up's context): seen, not counted
        # a cache hit only reads the stamp; more statements would mean the look rebuilt it
        self.hit_statements = statements_run(workspace, self.look)

    def look(self) -> Any:
        """The engine's current context (marked as seen)."""
        found = context(self.workspace, self.today)
        self.seen[id(found)] = found
        return found

    def record(self) -> None:
        """Count the context the last run left: new or kept, and its ledger's origin."""
        before = self.seen.copy()
        found = None

        def look() -> None:
            nonlocal found
            found = self.look()

        self.not_hits += statements_run(self.workspace, look) != self.hit_statements
        self.runs += 1
        self.new += before.get(id(found)) is not found
        self.ledgers.add(getattr(found, "ledger_from", "?"))

    def __str__(self) -> str:
        told = f"new {self.new}" if self.new else f"kept {self.runs}"
        told += f"/{self.runs}, ledger {', '.join(sorted(self.ledgers))}"
        if self.not_hits:
            told += f" (the check rebuilt it {self.not_hits}×: a write during the run?)"
        return told


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--today", default="")
    parser.add_argument("--shots", default="")
    parser.add_argument(
        "--size",
        default="1500x1900",
        help="widget size: the default shows (and paints) every chart; 1360x820 is a laptop "
        "window, where the page scrolls and only the visible charts are painted",
    )
    args = parser.parse_args()
    app = QApplication([])
    from roidesk.ui.dashboard import DashboardWidget

    workspace = Workspace.open(args.path)
    today = date.fromisoformat(args.today) if args.today else date.today()
    widget = DashboardWidget(workspace, today=lambda: today)
    width, height = (int(part) for part in args.size.split("x"))
    widget.resize(width, height)
    widget.show()
    app.processEvents()
    platform = widget.filters.platform.itemData(1) if widget.filters.platform.count() > 1 else None
    cases = [("whole span", None, None, None)]
    data = widget.refresh_now()
    last = data.monthly.x[-1] if data.monthly.x else None
    if last is not None:
        month = date.fromtimestamp(last)
        end = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        cases.append(("one month", month, end - timedelta(days=1), None))
    cases.append((f"one platform ({platform})", None, None, platform))
    from roidesk.ui.dashboard.series import compute_dashboard

    states: list[tuple[str, Callable[[], None]]] = [
        ("asked before", lambda: None),
        ("warm", forget_answers),
        ("after opening", clear_cache),
        ("first run ever", lambda: clear_cache(saved=workspace)),
    ]
    # each case's "another page": the next case's (computed once, warm)
    queries = []
    for _name, start, end, chosen in cases:
        widget.set_period(start, end)
        widget.select(widget.filters.platform, chosen)
        queries.append(widget.query())
    pages = [compute_dashboard(workspace, query, today) for query in queries]
    print(f"machine: a 3,000,000-step Python loop takes {reference_loop_ms():.0f} ms at the start")
    print(
        f"| {'case':26} | {'state':14} | same page ms | from another page ms | summarize ms "
        "| same ÷ summary | another ÷ summary | compute ms | draw ms | paint alone ms "
        "| SQL statements per refresh | engine context after each run |"
    )
    print(f"|{'-' * 28}|{'-' * 16}|" + "----|" * 10)
    for index, (name, start, end, chosen) in enumerate(cases):
        widget.set_period(start, end)
        widget.select(widget.filters.platform, chosen)
        query = queries[index]
        other = pages[(index + 1) % len(pages)]

        def refresh() -> None:
            widget.refresh_now()
            widget.grab()  # draw every chart offscreen

        def show_other(other=other) -> None:  # type: ignore[no-untyped-def]
            widget.show_data(other)
            widget.grab()

        def summary(query=query) -> None:  # type: ignore[no-untyped-def]
            summarize(workspace, query, today)

        for state, forget in states:
            refresh()  # warm-ups; then each timed run starts from ``forget``
            summary()
            tally = ContextTally(workspace, today)

            def from_other(forget=forget) -> None:  # type: ignore[no-untyped-def]
                show_other()
                forget()

            same_ms, other_ms, summary_ms = medians_in_turns_ms(
                [(forget, refresh), (from_other, refresh), (forget, summary)],
                args.repeat,
                after=tally.record,
            )
            forget()
            statements = statements_run(workspace, refresh)
            parts = [""] * 3  # computing and painting apart: warm only
            if state == "warm":
                (compute_ms,) = medians_in_turns_ms(
                    [(forget, lambda q=query: compute_dashboard(workspace, q, today))],
                    args.repeat,
                    after=lambda: None,
                )
                data = compute_dashboard(workspace, query, today)

                def draw(data=data) -> None:  # type: ignore[no-untyped-def]
                    widget.show_data(data)
                    widget.grab()

                (draw_ms,) = medians_in_turns_ms(
                    [(show_other, draw)], args.repeat, after=lambda: None
                )
                paint_ms = median_ms(widget.grab, args.repeat)
                parts = [f"{compute_ms:.1f}", f"{draw_ms:.1f}", f"{paint_ms:.1f}"]
            print(
                f"| {name:26} | {state:14} | {same_ms:.1f} | {other_ms:.1f} "
                f"| {summary_ms:.{1 if summary_ms >= 1 else 2}f} "
                f"| {same_ms / summary_ms:.2f} | {other_ms / summary_ms:.2f} "
                f"| {' | '.join(parts)} | {statements:,} | {tally} |",
                flush=True,
            )
        if args.shots:
            slug = name.split(" (")[0].replace(" ", "-")
            widget.grab().save(os.path.join(args.shots, f"dashboard-{slug}.png"))
    print(f"machine: the same loop takes {reference_loop_ms():.0f} ms at the end")
    widget.wait_for_workers()
    app.processEvents()


if __name__ == "__main__":
    main()
