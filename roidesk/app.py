"""The composition root: builds the application objects and wires them together."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QMainWindow

    from roidesk.ui.main_window import MainWindow


def resolve_start_workspace(path: Path | None, last: str | None) -> Path:
    """PATH, else the last workspace, else the demo workspace (written on first start)."""
    from roidesk.paths import demo_workspace_path
    from roidesk.storage.demo import write_demo

    if path is not None:
        return path
    if last and Path(last).exists():
        return Path(last)
    demo = demo_workspace_path()
    if not demo.exists():
        write_demo(demo)
    return demo


def run_app(path: Path | None = None) -> int:
    """Open the window on a workspace and run the event loop."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from roidesk.storage import Workspace
    from roidesk.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("roidesk")
    app.setOrganizationName("roidesk")
    settings = QSettings()
    last = settings.value("last_workspace", None)
    workspace = Workspace.open(
        resolve_start_workspace(path, last if isinstance(last, str) else None)
    )
    settings.setValue("last_workspace", str(workspace.path))
    window = MainWindow(workspace, settings)
    if os.environ.get("ROIDESK_STARTUP_PROBE") == "1":
        _quit_after_first_paint(app, window)
    window.show()
    if os.environ.get("ROIDESK_SMOKE_TEST") == "1":
        _quit_when_shown(app, window)
    return app.exec()


def _quit_after_first_paint(app: QApplication, window: MainWindow) -> None:
    """Start-up probe (benchmarks/startup_bench.py): print the wall-clock time of the first
    paint of the main window as ``roidesk first paint: <unix time>``, then quit."""
    import time

    def report() -> None:
        print(f"roidesk first paint: {time.time():.6f}", flush=True)
        app.quit()

    window.first_painted.connect(report)


def _quit_when_shown(app: QApplication, window: QMainWindow) -> None:
    """Smoke test hook (packaging/smoke_test.py): report the shown window, then quit."""
    from PySide6.QtCore import QTimer

    def report() -> None:
        print(f"roidesk smoke test: window shown: {window.isVisible()}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
