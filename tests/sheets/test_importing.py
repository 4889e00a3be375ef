"""``roidesk import`` dispatch: platform exports go to the export importer."""

from __future__ import annotations

from datetime import date
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


UNDATED = "Campaign,Impr.,Clicks,Cost\nSpring,100,10,1000.00\n"


def test_cli_import_takes_period_source_and_whole_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`roidesk import --from --to --source organic` shares an undated file over the period's
    months and stores its results as organic (29/47/24 impressions over 15 Jan–14 Mar)."""
    from roidesk.cli import main

    path = tmp_path / "all_time.csv"
    path.write_text(UNDATED, encoding="utf-8")
    ws = tmp_path / "w.roidesk"
    args = ["import", str(ws), str(path), "--from", "2026-01-15", "--to", "2026-03-14"]
    assert main([*args, "--source", "organic"]) == 0
    assert "shared out over the months" in capsys.readouterr().out
    with Workspace.open(ws) as workspace:
        found = sorted((r.date.isoformat(), r.impressions, r.source) for r in workspace.results())
    assert found == [
        ("2026-01-15", 29, "organic"),
        ("2026-02-01", 47, "organic"),
        ("2026-03-01", 24, "organic"),
    ]


def test_cli_import_undated_without_period_names_the_options(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --from/--to an undated file is refused with a message naming them, exit 1."""
    from roidesk.cli import main

    path = tmp_path / "all_time.csv"
    path.write_text(UNDATED, encoding="utf-8")
    assert main(["import", str(tmp_path / "w.roidesk"), str(path)]) != 0
    assert "--from and --to" in capsys.readouterr().err


def test_half_a_period_is_refused(tmp_path: Path, workspace: Workspace) -> None:
    """--from without --to is a clear message, not a one-day period made up."""
    path = tmp_path / "all_time.csv"
    path.write_text(UNDATED, encoding="utf-8")
    options = ImportOptions(period=(None, date(2026, 3, 14)))
    with pytest.raises(InputError, match="both --from and --to"):
        list(import_files(workspace, [path], options))
    assert workspace.result_count() == 0


def test_whole_site_option_reaches_the_importer(tmp_path: Path, workspace: Workspace) -> None:
    """ImportOptions(whole_site=True) imports a channel-less analytics export as social."""
    path = tmp_path / "ga4.csv"
    path.write_text(
        "# Start date: 20260301\n# End date: 20260331\nLanding page,Sessions\n/,70\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="--whole-site"):
        list(import_files(workspace, [path]))
    list(import_files(workspace, [path], ImportOptions(whole_site=True)))
    assert [r.sessions for r in workspace.results()] == [70]
