"""Shared fixtures. Qt runs offscreen; every workspace lives in a temporary folder."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the demo and the app's data folder (platformdirs): never the real user's in tests
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="roidesk-test-data-")

from roidesk.storage import Workspace

REAL_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "real"


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """An empty workspace file in a temporary folder."""
    ws = Workspace.create(tmp_path / "test.roidesk")
    yield ws
    ws.close()


@pytest.fixture
def real_data() -> Path:
    """The folder of real platform exports, or skip where it is absent."""
    if not REAL_DATA.is_dir():
        pytest.skip(f"real exports not found at {REAL_DATA}")
    return REAL_DATA
