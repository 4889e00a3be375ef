"""The main window (placeholder until the editors land)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from roidesk.storage import Workspace


class MainWindow(QMainWindow):
    """The top-level window showing one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        settings = workspace.settings()
        self.setWindowTitle(self.tr("{name} — roidesk").format(name=settings.business_name))
        self.setCentralWidget(QLabel(self.tr("Workspace: {path}").format(path=workspace.path)))
        self.resize(1200, 800)
