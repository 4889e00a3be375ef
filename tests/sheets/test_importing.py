"""``roidesk import`` dispatch: platform exports go to the export importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from roidesk.core.problems import InputError
from roidesk.sheets.importing import ImportOptions, import_files
from roidesk.storage import Workspace


def test_csv_export_imported_with_options(tmp_path: Path, workspace: Workspace) -> None:
    """A CSV export is imported with the given platform and campaign, and says what it did."""
    path = tmp_path / "tiktok.csv"
    path.write_text("Date,Cost,Impressions\n2025-05-01,3.5,100\n")
    lines = list(
        import_files(workspace, [path], ImportOptions(platform="tiktok", campaign="Launch"))
    )
    assert lines[0] == "tiktok.csv: imported 1 row as TikTok (1 advertising cost)"
    assert workspace.results()[0].platform == "TikTok"
    assert [c.name for c in workspace.campaigns()] == ["Launch"]


def test_missing_file_is_input_error(tmp_path: Path, workspace: Workspace) -> None:
    """A path that is not a file is a clear InputError, not a traceback."""
    with pytest.raises(InputError, match="no such file"):
        list(import_files(workspace, [tmp_path / "nope.csv"]))
