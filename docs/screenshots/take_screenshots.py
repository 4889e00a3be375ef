"""Screenshots of every page of the main window on the demo workspace.

Run under a display (e.g. ``xvfb-run -s "-screen 0 1360x900x24"``):
``.venv/bin/python docs/screenshots/take_screenshots.py [NAME ...] [--out DIR]`` — writes
``docs/screenshots/*.png`` (or into DIR): each page, the dashboard over the whole span for all
platforms and for Facebook, and ``read-only.png``, the window on a read-only workspace.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

HERE = Path(__file__).resolve().parent
#: The whole-span dashboard shots: name → the platform chosen (None: all).
DASHBOARDS = {"dashboard-whole-span": None, "dashboard-one-platform": "Facebook"}


class Shooter:
    """Shows what is asked for in the window and saves a PNG of the window."""

    def __init__(self, app: QApplication, window: Any, out: Path, folder: Path) -> None:
        self.app, self.window, self.out, self.folder = app, window, out, folder

    def save(self, name: str) -> None:
        """Let the window paint, then save it as ``name``.png."""
        for _ in range(5):
            self.app.processEvents()
        self.window.grab().save(str(self.out / f"{name}.png"))
        print(f"wrote {name}.png")

    def page(self, name: str) -> None:
        """One page as it opens (the dashboard over the last 12 months)."""
        self.window.show_page(name)
        refresh_now = getattr(self.window.current_page(), "refresh_now", None)
        if callable(refresh_now):
            refresh_now()
        self.save(name)

    def dashboard(self, name: str, platform: str | None) -> None:
        """The dashboard over the demo's whole span, for every platform or one."""
        self.window.show_page("dashboard")
        dashboard = self.window.current_page()
        dashboard.set_period(None, None)
        dashboard.select(dashboard.filters.platform, platform)
        dashboard.refresh_now()
        self.save(name)

    def read_only(self) -> None:
        """The Costs page of a copy of the workspace opened read-only (the banner)."""
        from roidesk.storage import Workspace

        self.window.workspace.save_copy(self.folder / "locked.roidesk")
        locked = Workspace.open(self.folder / "locked.roidesk")
        locked.read_only = True  # as opening sets it for a file roidesk cannot write
        self.window.set_workspace(locked)
        self.window.show_page("costs")
        self.save("read-only")


def main() -> int:
    """Open the demo workspace, show what is asked for, grab the window."""
    from roidesk.storage import Workspace
    from roidesk.storage.demo import write_demo
    from roidesk.ui.main_window import MainWindow

    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", help="pages and shots (default: all)")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    workspace = Workspace.open(write_demo(folder / "demo.roidesk"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings)
    window.resize(1360, 820)
    window.show()
    shooter = Shooter(app, window, args.out, folder)

    def wanted(name: str) -> bool:
        return not args.names or name in args.names

    def shoot() -> None:
        for name in window.page_names():
            if wanted(name):
                shooter.page(name)
        for name, platform in DASHBOARDS.items():
            if wanted(name):
                shooter.dashboard(name, platform)
        if wanted("read-only"):
            shooter.read_only()
        app.quit()

    window.first_painted.connect(lambda: QTimer.singleShot(300, shoot))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
