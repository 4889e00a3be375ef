"""What drawing nine charts costs in pyqtgraph itself, without roidesk: the floor under the
dashboard's "from another page" refresh.

    python benchmarks/chart_floor_bench.py [--repeat 21] [--rounds 3]

Nine plain pyqtgraph plots (twelve bars and a line each, default axes) at the dashboard
benchmark's size (1500×1900), laid out two ways: nine ``PlotWidget`` views in a grid (as the
dashboard does) and one ``GraphicsLayoutWidget`` scene holding nine plots. Prints, per round,
the median ms of painting the page as it is (``grab``) and of changing every bar's heights
then painting (a new page).
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pyqtgraph as pg
from dashboard_bench import median_ms
from PySide6.QtWidgets import QApplication, QGridLayout, QWidget

SIZE = (1500, 1900)
CHARTS = 9
BARS = 12


def _fill(plot: pg.PlotItem, seed: int) -> pg.BarGraphItem:
    """Twelve bars and a line on ``plot``; the bars are returned to be changed."""
    heights = [(index * 7 + seed) % 10 + 1 for index in range(BARS)]
    bars = pg.BarGraphItem(x=list(range(BARS)), height=heights, width=0.6, brush="#d55e00")
    plot.addItem(bars)
    plot.plot(list(range(BARS)), [(index * 3 + seed) % 8 for index in range(BARS)], pen="b")
    return bars


def main() -> None:
    """Build both pages and print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    app = QApplication([])
    pg.setConfigOptions(antialias=True, background="w", foreground="#333333")
    views = QWidget()
    grid = QGridLayout(views)
    view_bars = []
    for index in range(CHARTS):
        widget = pg.PlotWidget()
        view_bars.append(_fill(widget.getPlotItem(), index))
        grid.addWidget(widget, index // 2, index % 2)
    scene = pg.GraphicsLayoutWidget()
    scene_bars = [_fill(scene.addPlot(row=i // 2, col=i % 2), i) for i in range(CHARTS)]
    for page in (views, scene):
        page.resize(*SIZE)
        page.show()
    app.processEvents()
    step = 0

    def new_page(page: QWidget, bars: list[pg.BarGraphItem]) -> None:
        nonlocal step
        step += 1
        for index, item in enumerate(bars):
            scale = 1 + step % 3
            item.setOpts(height=[((j * 5 + step + index) % 10 + 1) * scale for j in range(BARS)])
        page.grab()

    print("| round | page as it is: 9 views | 1 scene | new page: 9 views | 1 scene |")
    print("|---|---|---|---|---|")
    for round_ in range(1, args.rounds + 1):
        same = [median_ms(page.grab, args.repeat) for page in (views, scene)]
        new = [
            median_ms(lambda p=page, b=bars: new_page(p, b), args.repeat)
            for page, bars in ((views, view_bars), (scene, scene_bars))
        ]
        cells = " | ".join(f"{ms:.1f}" for ms in (*same, *new))
        print(f"| {round_} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
