"""Fixtures of the engine tests: a golden workspace loaded from a workbook written in the test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from golden_workbooks import Sheets, write_workbook

from roidesk.sheets.workbook import import_workbook
from roidesk.storage import Workspace


@pytest.fixture
def golden(workspace: Workspace, tmp_path: Path) -> Callable[[Sheets], Workspace]:
    """Import a workbook of the given sheets into the empty test workspace."""

    def load(sheets: Sheets) -> Workspace:
        import_workbook(workspace, write_workbook(tmp_path / "golden.xlsx", sheets))
        return workspace

    return load
