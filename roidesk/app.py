"""The composition root: builds the application objects and wires them together."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    from roidesk.storage import Workspace
    from roidesk.ui.main_window import MainWindow


def resolve_start_workspace(path: Path | None, last: str | None, today: date | None = None) -> Path:
    """PATH, else the last workspace, else the demo workspace: written on first start, and
    written again for this month when it is an older demo nobody changed."""
    from roidesk.paths import demo_workspace_path
    from roidesk.storage.demo import refresh_demo, write_demo

    if path is not None:
        return path
    demo = demo_workspace_path()
    if last and Path(last).exists() and Path(last).resolve() != demo.resolve():
        return Path(last)
    if not demo.exists():
        write_demo(demo, today)
    else:
        refresh_demo(demo, today)
    return demo


def open_start_workspace(
    path: Path | None, last: str | None, tell: Callable[[str], None], today: date | None = None
) -> Workspace | None:
    """Open the workspace to start on (see :func:`resolve_start_workspace`). One that cannot
    be opened (busy, altered by another program, not a workspace) is reported with ``tell``
    and the demo opens instead; ``None`` when even the demo cannot be opened."""
    from roidesk.paths import demo_workspace_path
    from roidesk.storage import Workspace, WorkspaceError

    chosen = resolve_start_workspace(path, last, today)
    try:
        return Workspace.open(chosen)
    except (WorkspaceError, OSError) as error:
        tell(str(error))
        if chosen.resolve() == demo_workspace_path().resolve():
            return None
    try:
        return Workspace.open(resolve_start_workspace(None, None, today))
    except (WorkspaceError, OSError) as error:
        tell(str(error))
        return None


def run_app(path: Path | None = None) -> int:
    """Open the window on a workspace and run the event loop."""
    from PySide6.QtCore import QSettings, QThreadPool
    from PySide6.QtWidgets import QApplication, QMessageBox

    from roidesk.ui.main_window import MainWindow
    from roidesk.ui.text import tr

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("roidesk")
    app.setOrganizationName("roidesk")
    settings = QSettings()
    last = settings.value("last_workspace", None)

    def tell(message: str) -> None:
        QMessageBox.warning(None, tr("Cannot open the workspace"), message)

    workspace = open_start_workspace(path, last if isinstance(last, str) else None, tell)
    if workspace is None:
        return 1
    settings.setValue("last_workspace", str(workspace.path))
    window = MainWindow(workspace, settings)
    if os.environ.get("ROIDESK_STARTUP_PROBE") == "1":
        _quit_after_first_paint(app, window)
    window.show()
    if os.environ.get("ROIDESK_SMOKE_TEST") == "1":
        _quit_when_shown(app, window)
    keep = quit_on_termination(app, app.closeAllWindows)  # noqa: F841 (kept alive while running)
    status = app.exec()
    QThreadPool.globalInstance().waitForDone()  # no background work outlives the window
    return status


def quit_on_termination(
    parent: QObject, close: Callable[[], None], quit_loop: Callable[[], None] | None = None
) -> Any:
    """On SIGTERM or SIGINT (logout, shutdown, Ctrl+C) call ``close`` and end the event loop
    normally, so that exit handlers run (the engine saves what it worked out for the next start).

    Qt's event loop runs outside Python, so the signal is also written to a socket that a
    ``QSocketNotifier`` watches: Python gets control at once and runs the handler.
    Returns what must stay alive (the sockets and the notifier).
    """
    import signal
    import socket

    from PySide6.QtCore import QCoreApplication, QSocketNotifier

    receive, send = socket.socketpair()
    receive.setblocking(False)
    send.setblocking(False)
    signal.set_wakeup_fd(send.fileno())
    notifier = QSocketNotifier(receive.fileno(), QSocketNotifier.Type.Read, parent)

    def drain() -> None:
        with contextlib.suppress(OSError):
            receive.recv(64)

    def terminate(_signal: int, _frame: Any) -> None:
        close()
        (quit_loop or QCoreApplication.quit)()

    notifier.activated.connect(drain)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, terminate)
    return receive, send, notifier


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
