"""Screenshots of every page of the main window on the demo workspace.

Run under a display (e.g. ``Xvfb :99 & DISPLAY=:99``):
``.venv/bin/python docs/screenshots/take_screenshots.py`` — writes ``docs/screenshots/*.png``.
"""

from __future__ import annotations

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

    app = QApplication(sys.argv)
    folder = Path(tempfile.mkdtemp())
    workspace = Workspace.open(write_demo(folder / "demo.roidesk"))
    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings)
    window.resize(1360, 820)
    window.show()
    names = [n for n in window.page_names() if len(sys.argv) < 2 or n in sys.argv[1:]]

    def shoot() -> None:
        for name in names:
            window.show_page(name)
            page = window.current_page()
            refresh_now = getattr(page, "refresh_now", None)
            if callable(refresh_now):
                refresh_now()
            for _ in range(5):
                app.processEvents()
            window.grab().save(str(HERE / f"{name}.png"))
            print(f"wrote {name}.png")
        app.quit()

    window.first_painted.connect(lambda: QTimer.singleShot(300, shoot))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
