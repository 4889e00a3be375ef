"""Dashboard benchmark: what the owner waits for in the window, end to end.

    python benchmarks/dashboard_bench.py benchmarks/data/bench-1m.roidesk [--repeat 7]

Opens the main window on a copy of the workspace (the original is never written), waits for the
dashboard's first refresh, and times, from the user's action to the dashboard redrawn and the
window painted (``grab``):

* **cost edit**: an amount typed in the Costs editor (the write, the undo step, the dashboard's
  recalculation in the background on its own connection, the cards and charts drawn);
* **filter change**: a platform chosen in the dashboard's filter, then back to all platforms;
* for scale, the engine's ``summarize`` of the whole span on the window's connection after a
  write (the figures alone, nothing drawn).

Each row is the median of ``--repeat`` runs; the machine's speed is printed before and after
(a fixed Python loop), as the host is shared. Uses only the window's public objects, so it
measures the same thing whatever the engine keeps in memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from roidesk.core.figures import Query
from roidesk.engine import summarize
from roidesk.storage import Workspace


def reference_loop_ms() -> float:
    """How long this machine takes for a fixed pure-Python loop now (its speed varies from
    minute to minute on a shared host: read the table's milliseconds beside it)."""
    start = time.perf_counter()
    total = 0
    for step in range(3_000_000):
        total += step
    return (time.perf_counter() - start) * 1000


def median_ms(action: Callable[[], object], repeat: int) -> float:
    """The median wall time of ``action`` in milliseconds (after one warm-up)."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def until_redrawn(dashboard: object, action: Callable[[], None], timeout_ms: int = 60_000) -> None:
    """Do ``action`` and run the event loop until the dashboard has drawn a refresh."""
    loop = QEventLoop()
    dashboard.refreshed.connect(loop.quit)  # type: ignore[attr-defined]
    QTimer.singleShot(timeout_ms, loop.quit)
    action()
    loop.exec()
    dashboard.refreshed.disconnect(loop.quit)  # type: ignore[attr-defined]


def open_window(path: Path, size: str) -> object:
    """The main window on ``path``, shown, its dashboard's first refresh drawn."""
    from roidesk.ui.dashboard import DashboardWidget
    from roidesk.ui.main_window import MainWindow

    settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(Workspace.open(path), settings, today=date.today)
    width, height = (int(part) for part in size.split("x"))
    window.resize(width, height)
    loop = QEventLoop()
    window.first_painted.connect(lambda: QTimer.singleShot(0, loop.quit))
    window.show()
    loop.exec()
    assert isinstance(window.pages["dashboard"], DashboardWidget)
    until_redrawn(window.pages["dashboard"], lambda: None)  # the first refresh
    return window


def measure(window: Any, repeat: int) -> None:
    """Time the actions and print the table."""
    dashboard = window.pages["dashboard"]
    costs = window.models["costs"]
    amount = [column.key for column in costs.columns].index("amount")
    row = next(r for r in range(costs.rowCount()) if costs.record_at(r).amount is not None)
    amounts = iter(Decimal(100 + step) for step in range(10_000))

    def cost_edit() -> None:
        value = str(next(amounts))
        until_redrawn(dashboard, lambda: costs.setData(costs.index(row, amount), value))
        window.grab()

    platform = dashboard.filters.platform
    chosen = platform.itemData(1)
    flips = iter(range(10_000))

    def filter_change() -> None:
        value = chosen if next(flips) % 2 == 0 else None
        until_redrawn(dashboard, lambda: dashboard.select(platform, value))
        window.grab()

    def figures_after_a_write() -> float:
        """Milliseconds of summarize after a write (the write itself not timed)."""
        window.workspace.update_cost(replace(costs.record_at(row), amount=next(amounts)))
        start = time.perf_counter()
        summarize(window.workspace, Query(), date.today())
        return (time.perf_counter() - start) * 1000

    print(f"machine: a 3,000,000-step Python loop takes {reference_loop_ms():.0f} ms")
    print(f"workspace: {window.workspace.result_count():,} result rows")
    print("| action | median ms | goal |")
    print("|---|---|---|")
    for name, action, goal in (
        ("cost edit → dashboard redrawn", cost_edit, "< 300"),
        ("filter change → dashboard redrawn", filter_change, "< 150"),
    ):
        print(f"| {name} | {median_ms(action, repeat):.0f} | {goal} |", flush=True)
    figures_after_a_write()  # warm-up
    engine = statistics.median(figures_after_a_write() for _ in range(repeat))
    print(f"| summarize (whole span) after a write, nothing drawn | {engine:.0f} | |")
    print(f"machine: the same loop takes {reference_loop_ms():.0f} ms at the end")


def main() -> None:
    """Copy the workspace, open the window on the copy, measure, clean up."""
    parser = argparse.ArgumentParser()
    parser.add_argument("path", type=Path)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--size", default="1360x900", help="window size (a laptop screen)")
    args = parser.parse_args()
    app = QApplication([])
    folder = Path(tempfile.mkdtemp(prefix="roidesk-bench-", dir=args.path.parent))
    try:
        copy = folder / "bench.roidesk"
        with Workspace.open(args.path) as original:
            original.save_copy(copy)
        window = open_window(copy, args.size)
        measure(window, args.repeat)
        window.close()
        window.workspace.close()
        app.processEvents()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
