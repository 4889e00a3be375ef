"""Dashboard refresh benchmark: all cards and charts recomputed and drawn, vs summarize alone.

    python benchmarks/dashboard_bench.py benchmarks/data/bench-1m.roidesk [--shots DIR]

Prints medians (ms) for the whole span, one month and one platform: the full refresh (every
card and chart series computed, applied and the whole page painted offscreen with ``grab``),
its two parts (computing the series; applying and painting), painting alone (the page as it
is, nothing recomputed: the floor of any refresh that repaints), and the ratio to the engine's
``summarize`` of the same query in the same run. ``--shots`` also saves screenshots.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from roidesk.engine import summarize
from roidesk.storage import Workspace


def median_ms(action, repeat: int) -> float:  # type: ignore[no-untyped-def]
    """The median wall time of ``action`` in milliseconds (after one warm-up)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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
    platform = widget.platform.itemData(1) if widget.platform.count() > 1 else None
    cases = [("whole span", None, None, None)]
    data = widget.refresh_now()
    last = data.monthly.x[-1] if data.monthly.x else None
    if last is not None:
        month = date.fromtimestamp(last)
        end = (month.replace(day=28) + __import__("datetime").timedelta(days=4)).replace(day=1)
        cases.append(("one month", month, end - __import__("datetime").timedelta(days=1), None))
    cases.append((f"one platform ({platform})", None, None, platform))
    from roidesk.ui.dashboard.series import compute_dashboard

    print(
        f"| {'case':32} | full refresh ms | compute ms | draw ms | paint alone ms "
        "| summarize ms | full ÷ summary | compute ÷ summary | paint alone ÷ summary |"
    )
    print(f"|{'-' * 34}|----|----|----|----|----|----|----|----|")
    for name, start, end, chosen in cases:
        widget.set_period(start, end)
        widget.select(widget.platform, chosen)

        def refresh() -> None:
            widget.refresh_now()
            widget.grab()  # draw every chart offscreen

        refresh_ms = median_ms(refresh, args.repeat)
        query = widget.query()
        summary_ms = median_ms(lambda q=query: summarize(workspace, q, today), args.repeat)
        compute_ms = median_ms(lambda q=query: compute_dashboard(workspace, q, today), args.repeat)
        data = compute_dashboard(workspace, query, today)

        def draw(data=data) -> None:  # type: ignore[no-untyped-def]
            widget._apply(widget._generation, data)
            widget.grab()

        draw_ms = median_ms(draw, args.repeat)
        paint_ms = median_ms(widget.grab, args.repeat)
        print(
            f"| {name:32} | {refresh_ms:.1f} | {compute_ms:.1f} | {draw_ms:.1f} | {paint_ms:.1f} "
            f"| {summary_ms:.1f} | {refresh_ms / summary_ms:.2f} | {compute_ms / summary_ms:.2f} "
            f"| {paint_ms / summary_ms:.2f} |"
        )
        if args.shots:
            slug = name.split(" (")[0].replace(" ", "-")
            widget.grab().save(os.path.join(args.shots, f"dashboard-{slug}.png"))
    widget.wait_for_workers()
    app.processEvents()


if __name__ == "__main__":
    main()
