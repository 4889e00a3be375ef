"""Start-up benchmark: launching ``roidesk`` to a painted main window, beside a bare window.

Each run starts a fresh process and measures wall-clock time from just before ``Popen`` to the
moment the child prints the time of its first paint:

* ``roidesk PATH`` with ``ROIDESK_STARTUP_PROBE=1`` (the app prints
  ``roidesk first paint: <unix time>`` after the first paint and quits), on the demo workspace
  and on a workspace with 1,000,000 result rows;
* a bare PySide6 window that imports pyqtgraph and shows a PlotWidget (the yardstick).

Usage: ``.venv/bin/python benchmarks/startup_bench.py [--runs 7] [--rows 1000000]``
(needs a display or ``QT_QPA_PLATFORM=offscreen``/Xvfb). Prints a table of medians.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BARE_WINDOW = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import pyqtgraph as pg
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(pg.PlotWidget())
window.resize(1280, 800)
class Probe(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done and obj.isWidgetType():
            self.done = True
            def report():
                print(f"roidesk first paint: {time.time():.6f}", flush=True)
                app.quit()
            QTimer.singleShot(0, report)
        return False
probe = Probe()
app.installEventFilter(probe)
window.show()
app.exec()
"""


def time_once(command: list[str], env: dict[str, str]) -> float:
    """Seconds from launching ``command`` to the first-paint time it prints."""
    started = time.time()
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    for line in done.stdout.splitlines():
        if line.startswith("roidesk first paint:"):
            return float(line.split(":", 1)[1]) - started
    raise RuntimeError(f"no first paint reported by {command}: {done.stdout}{done.stderr}")


def million_row_workspace(path: Path, rows: int) -> Path:
    """The demo workspace plus ``rows`` generated result rows (one transaction)."""
    from roidesk.core.records import Result
    from roidesk.storage import Workspace
    from roidesk.storage.demo import write_demo

    write_demo(path)
    rng = random.Random(7)
    with Workspace.open(path) as workspace:
        campaign_ids = [c.id for c in workspace.campaigns()]
        first = date(2025, 1, 1)
        platforms = ("Facebook", "Instagram", "LinkedIn", "TikTok")
        workspace.add_results(
            Result(
                first + timedelta(days=i * 700 // rows),  # ascending: indexes append
                platform=platforms[i % 4],
                campaign_id=campaign_ids[i % len(campaign_ids)],
                impressions=rng.randrange(100, 5000),
                link_clicks=rng.randrange(0, 80),
            )
            for i in range(rows)
        )
    return path


def main() -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    roidesk = Path(sys.executable).with_name("roidesk")
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = {
            **os.environ,
            "ROIDESK_STARTUP_PROBE": "1",
            "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_DATA_HOME": str(home / "data"),
        }
        env.setdefault("QT_QPA_PLATFORM", "offscreen" if "DISPLAY" not in env else "xcb")
        demo = home / "demo.roidesk"
        subprocess.run([str(roidesk), "demo", str(demo)], check=True, capture_output=True)
        big = million_row_workspace(home / "big.roidesk", args.rows)
        cases = [
            ("bare PySide6 + pyqtgraph window", [sys.executable, "-c", BARE_WINDOW]),
            ("roidesk, demo workspace", [str(roidesk), str(demo)]),
            (f"roidesk, {args.rows:,} result rows", [str(roidesk), str(big)]),
        ]
        for _label, command in cases:  # warm the file cache once
            time_once(command, env)
        timings: dict[str, list[float]] = {label: [] for label, _ in cases}
        for _ in range(args.runs):
            for label, command in cases:  # interleaved, so drift hits every case alike
                timings[label].append(time_once(command, env))
    print(f"platform: {env['QT_QPA_PLATFORM']}, runs: {args.runs}")
    print(f"{'case':<40} {'median s':>9} {'min s':>7} {'max s':>7}")
    for label, values in timings.items():
        print(
            f"{label:<40} {statistics.median(values):>9.3f} {min(values):>7.3f} {max(values):>7.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
