"""An experiment over a workspace: each group's sums from storage, the test from the core."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roidesk.core.experiments import (
    KPI_COUNTS,
    Group,
    GroupSpec,
    Outcome,
    RateKpi,
    SavedExperiment,
    compare,
)
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import canonical_platform
from roidesk.storage import Workspace
from roidesk.storage.experiments import pair_sums
from roidesk.storage.results import ResultFilter


@dataclass(frozen=True, slots=True)
class ExperimentAnswer:
    """Both groups' counts and what the test shows."""

    a: Group
    b: Group
    kpi: RateKpi
    outcome: Outcome


def result_filter(
    workspace: Workspace, spec: GroupSpec, start: date | None, end: date | None
) -> ResultFilter:
    """The result rows of one group in the period; an unknown campaign is refused by name."""
    if spec.kind == "campaign":
        campaign = workspace.campaign_by_name(spec.value)
        if campaign is None or campaign.id is None:
            raise InputError(Problem(f"there is no campaign named {spec.value!r}"))
        return ResultFilter(start=start, end=end, campaign_ids=[campaign.id])
    if spec.kind == "platform":
        platform = canonical_platform(spec.value) or spec.value
        return ResultFilter(start=start, end=end, platform=platform)
    if spec.kind == "content_type":
        return ResultFilter(start=start, end=end, content_type=spec.value)
    return ResultFilter(start=start, end=end, content=spec.value)


def run_experiment(
    workspace: Workspace,
    a: GroupSpec,
    b: GroupSpec,
    kpi: RateKpi,
    start: date | None = None,
    end: date | None = None,
) -> ExperimentAnswer:
    """Compare group B with group A on ``kpi`` over the period (the whole file when open)."""
    successes, trials = KPI_COUNTS[kpi]
    groups = [
        Group(
            *pair_sums(workspace.db, result_filter(workspace, spec, start, end), successes, trials)
        )
        for spec in (a, b)
    ]
    return ExperimentAnswer(groups[0], groups[1], kpi, compare(groups[0], groups[1]))


def saved_answers(workspace: Workspace) -> list[tuple[SavedExperiment, ExperimentAnswer]]:
    """Each saved experiment with what the data shows now."""
    return [
        (saved, run_experiment(workspace, saved.a, saved.b, saved.kpi, saved.start, saved.end))
        for saved in workspace.experiments()
    ]
