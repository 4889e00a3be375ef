"""Which workspace the app opens on start, and the demo kept current while nobody changed it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from roidesk.app import resolve_start_workspace
from roidesk.storage import Workspace
from roidesk.storage.demo import is_untouched_old_demo

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

NOVEMBER, JANUARY = date(2026, 11, 15), date(2027, 1, 10)


@pytest.fixture
def demo_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the app keeps its demo, in a temporary folder."""
    path = tmp_path / "data" / "demo.roidesk"
    monkeypatch.setattr("roidesk.paths.demo_workspace_path", lambda: path)
    return path


def last_month_written(path: Path) -> str:
    with Workspace.open(path) as workspace:
        return max(f"{r.date:%Y-%m}" for r in workspace.results())


def test_first_start_writes_the_demo_and_a_later_month_brings_it_up_to_date(
    qtbot: Any, tmp_path: Path, demo_path: Path, dialogs: Any
) -> None:
    """The first start writes the demo; an owner looks at it in the window (dashboard drawn,
    pages shown) and closes it; started again in January, the demo reaches December."""
    from roidesk.ui.main_window import MainWindow

    assert resolve_start_workspace(None, None, NOVEMBER) == demo_path
    assert last_month_written(demo_path) == "2026-10"
    workspace = Workspace.open(demo_path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(workspace, settings, dialogs, today=lambda: NOVEMBER)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: hasattr(window.pages["dashboard"], "refresh_now"))  # built
    for page in ("dashboard", "goals", "costs", "results"):
        window.show_page(page)
    dashboard = window.pages["dashboard"]
    dashboard.refresh_now()
    dashboard.wait_for_workers()
    window.close()
    workspace.close()
    assert is_untouched_old_demo(demo_path, JANUARY)  # looking changed nothing

    # the last workspace was the demo: it is written again for January
    assert resolve_start_workspace(None, str(demo_path), JANUARY) == demo_path
    assert last_month_written(demo_path) == "2026-12"


def test_a_changed_demo_and_other_workspaces_open_as_they_are(
    tmp_path: Path, demo_path: Path
) -> None:
    """A demo with one of the user's costs in it is the user's now; another last workspace
    opens, the demo untouched; a path given opens whatever it is."""
    from roidesk.core.records import Cost, CostCategory

    resolve_start_workspace(None, None, NOVEMBER)
    with Workspace.open(demo_path) as workspace:
        workspace.add_cost(Cost(date(2026, 11, 2), CostCategory.TOOLS, amount=Decimal(20)))
    assert resolve_start_workspace(None, str(demo_path), JANUARY) == demo_path
    assert last_month_written(demo_path) == "2026-10"
    with Workspace.open(demo_path) as workspace:
        assert any(c.start == date(2026, 11, 2) for c in workspace.costs())

    mine = tmp_path / "mine.roidesk"
    Workspace.create(mine).close()
    assert resolve_start_workspace(None, str(mine), JANUARY) == mine
    assert resolve_start_workspace(mine, str(demo_path), JANUARY) == mine
    gone = str(tmp_path / "moved.roidesk")
    assert resolve_start_workspace(None, gone, JANUARY) == demo_path


def test_a_last_workspace_that_cannot_be_opened_is_reported_and_the_demo_opens(
    tmp_path: Path, demo_path: Path
) -> None:
    """The last workspace is busy or was altered by another program: the owner reads why in
    one message and starts on the demo instead of a traceback."""
    from roidesk.app import open_start_workspace

    mine = tmp_path / "mine.roidesk"
    mine.write_text("not a workspace")
    told: list[str] = []
    workspace = open_start_workspace(None, str(mine), told.append, NOVEMBER)
    assert workspace is not None
    try:
        assert workspace.path.resolve() == demo_path.resolve()
    finally:
        workspace.close()
    assert len(told) == 1 and "mine.roidesk" in told[0]
