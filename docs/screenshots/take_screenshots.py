"""Screenshots of every page of the main window on the demo workspace.

Run under a display (e.g. ``xvfb-run -s "-screen 0 1360x900x24"``):
``.venv/bin/python docs/screenshots/take_screenshots.py [PAGE ...] [--out DIR]`` — writes
``docs/screenshots/*.png`` (or into DIR): each page, and ``read-only.png``, the window on a
read-only workspace (its banner).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Open the demo workspace, show each page, grab the window."""
    from roidesk.storage import Workspace
    from roidesk.storage.demo import write_demo
    from roidesk.ui.main_window import MainWindow

    parser = argparse.ArgumentParser()
    parser.add_argument("pages", nargs="*")
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    workspace = Workspace.open(write_demo(folder / "demo.roidesk"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings)
    window.resize(1360, 820)
    window.show()
    names = [n for n in window.page_names() if not args.pages or n in args.pages]

    def shoot() -> None:
        for name in names:
            window.show_page(name)
            page = window.current_page()
            refresh_now = getattr(page, "refresh_now", None)
            if callable(refresh_now):
                refresh_now()
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(out / f"{name}.png"))
            print(f"wrote {name}.png")
        if not args.pages or "read-only" in args.pages:
            shoot_read_only()
        app.quit()

    def shoot_read_only() -> None:
        window.workspace.save_copy(folder / "locked.roidesk")
        locked = Workspace.open(folder / "locked.roidesk")
        locked.read_only = True  # as opening sets it for a file roidesk cannot write
        window.set_workspace(locked)
        window.show_page("costs")
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / "read-only.png"))
        print("wrote read-only.png")

    window.first_painted.connect(lambda: QTimer.singleShot(300, shoot))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
