"""Saved experiments and the sums an experiment compares."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from roidesk.core.experiments import GroupSpec, RateKpi, SavedExperiment
from roidesk.core.records import Result
from roidesk.storage import Workspace
from roidesk.storage.experiments import pair_sums
from roidesk.storage.results import ResultFilter


def test_saved_experiments_come_back_after_reopening(tmp_path: Path) -> None:
    """An experiment the owner saved is still there, whole, when the file is opened again."""
    path = tmp_path / "w.roidesk"
    kept = SavedExperiment(
        "Reels or photos",
        GroupSpec("content_type", "image"),
        GroupSpec("content_type", "story/reel"),
        RateKpi.ENGAGEMENT_RATE,
        date(2026, 3, 1),
        None,
    )
    with Workspace.create(path) as workspace:
        saved = workspace.add_experiment(kept)
    with Workspace.open(path) as workspace:
        assert workspace.experiments() == [saved]
        assert saved.id is not None
        workspace.delete_experiment(saved.id)
        assert workspace.experiments() == []


def test_successes_count_only_where_trials_are_told(workspace: Workspace) -> None:
    """A row with clicks but no impressions does not lift the click rate: 5 of 100, not 12."""
    workspace.add_results(
        [
            Result(date=date(2026, 3, 1), platform="Instagram", impressions=100, link_clicks=5),
            Result(date=date(2026, 3, 2), platform="Instagram", link_clicks=7),
            Result(date=date(2026, 3, 2), platform="Facebook", impressions=50, link_clicks=9),
        ]
    )
    where = ResultFilter(platform="instagram")
    assert pair_sums(workspace.db, where, "link_clicks", "impressions") == (5, 100)
