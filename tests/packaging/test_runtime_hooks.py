"""Tests of packaging/runtime_hooks/: the QtOpenGL stand-in pyqtgraph runs on in the bundle."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HOOK = ROOT / "packaging" / "runtime_hooks" / "pyi_rth_qtopengl_stand_in.py"

#: Run in a child process: the stand-in must not replace QtOpenGL in the test process.
CHART_WITH_STAND_IN = f"""
import runpy, sys
runpy.run_path({str(HOOK)!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
plot = pg.PlotWidget(axisItems={{"bottom": pg.DateAxisItem()}})
plot.plot([1.0, 2.0, 3.0], [3.0, 1.0, 2.0])
plot.addItem(pg.BarGraphItem(x=[1, 2], height=[1, 2], width=0.5))
plot.show()
app.processEvents()
ImageExporter(plot.plotItem).export(sys.argv[1])
import PySide6.QtOpenGL as gl
try:
    gl.QOpenGLBuffer
except AttributeError as error:
    print("left out:", error)
"""


def test_pyqtgraph_draws_charts_on_the_stand_in(tmp_path: Path) -> None:
    """The bundle has no QtOpenGL binding: pyqtgraph must still import, draw and export."""
    png = tmp_path / "chart.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHART_WITH_STAND_IN, str(png)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "left out: PySide6.QtOpenGL.QOpenGLBuffer: QtOpenGL is left out" in done.stdout
    assert png.stat().st_size > 1000


def test_roidesk_never_switches_pyqtgraph_to_opengl() -> None:
    """With useOpenGL on, pyqtgraph would reach for the left-out QtOpenGL and fail."""
    switch = re.compile(r"useOpenGL\s*[=(]\s*True|setConfigOption[s]?\(.*useOpenGL", re.S)
    offenders = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "roidesk").rglob("*.py")
        if switch.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
