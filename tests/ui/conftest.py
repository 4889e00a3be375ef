"""Fixtures of the UI tests: a small workspace, isolated QSettings, dialogs that never open."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from roidesk.core.records import Campaign, Cost, CostCategory, Settings
from roidesk.storage import Workspace

TODAY = date(2026, 3, 15)


class FakeDialogs:
    """Answers file choosers from a queue and records messages instead of showing them."""

    def __init__(self) -> None:
        self.paths: list[Path | None] = []
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.answers: list[bool] = []
        self.questions: list[tuple[str, str]] = []

    def open_path(self, parent: Any, title: str, file_filter: str) -> Path | None:
        return self.paths.pop(0)

    def save_path(
        self, parent: Any, title: str, file_filter: str, suggested: str = ""
    ) -> Path | None:
        return self.paths.pop(0)

    def error(self, parent: Any, title: str, message: str) -> None:
        self.errors.append((title, message))

    def ask(self, parent: Any, title: str, question: str) -> bool:
        self.questions.append((title, question))
        return self.answers.pop(0)

    def information(self, parent: Any, title: str, message: str) -> None:
        self.infos.append((title, message))


@pytest.fixture
def small_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """Two campaigns and one cost, EUR, in a temporary file."""
    ws = Workspace.create(tmp_path / "small.roidesk", Settings(business_name="Café Test"))
    ws.add_campaign(
        Campaign("Spring", date(2026, 1, 1), date(2026, 3, 31), platforms=("Facebook",))
    )
    ws.add_campaign(Campaign("Summer", date(2026, 6, 1), date(2026, 8, 31)))
    ws.add_cost(Cost(date(2026, 1, 10), CostCategory.ADVERTISING, amount=Decimal("120.50")))
    yield ws
    ws.close()


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """QSettings in a temporary INI file (the user's real settings are never touched)."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def dialogs() -> FakeDialogs:
    """File choosers answered by the test."""
    return FakeDialogs()


@pytest.fixture
def window(qtbot: Any, small_workspace: Workspace, qsettings: QSettings, dialogs: FakeDialogs):
    """The main window on the small workspace, shown offscreen."""
    from roidesk.ui.main_window import MainWindow

    win = MainWindow(small_workspace, qsettings, dialogs, today=lambda: TODAY)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win._painted)
    return win
