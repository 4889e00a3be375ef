"""Fixtures of the dashboard tests: the demo workspace and a dashboard drawn over it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from roidesk.storage import Workspace
from roidesk.storage.demo import write_demo
from roidesk.ui.dashboard import DashboardWidget

#: The demo workspace written on this day runs November 2024 – October 2026.
TODAY = date(2026, 11, 15)


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[Workspace]:
    """The demo workspace (November 2024 – October 2026)."""
    workspace = Workspace.open(write_demo(tmp_path / "demo.roidesk", TODAY))
    yield workspace
    workspace.close()


@pytest.fixture
def dashboard(qtbot, demo: Workspace) -> DashboardWidget:  # type: ignore[no-untyped-def]
    """A dashboard over the demo workspace, its first refresh done."""
    widget = DashboardWidget(demo, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1400, 1600)
    with qtbot.waitSignal(widget.refreshed, timeout=10000):
        pass
    yield widget
    widget.wait_for_workers()
    widget.close()
    widget.deleteLater()
    qtbot.wait_until(lambda: True)
    gc.collect()
