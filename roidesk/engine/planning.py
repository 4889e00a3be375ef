"""Looking ahead over a workspace: the basis period's figures from storage and the engine,
handed to ``core.planning`` (RONI of stopping a platform, the budget planner)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from roidesk.core.costs import from_units
from roidesk.core.figures import Figures, Query
from roidesk.core.planning import (
    DEFAULT_EXPONENT,
    PlanBasis,
    Projection,
    ResultPart,
    StopBasis,
    StopResult,
    default_basis,
    months_in,
    project_month,
    stop_platform,
)
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import COUNT_METRICS
from roidesk.engine.state import context
from roidesk.engine.summary import NO_PLATFORM, summarize, summary_with_breakdown
from roidesk.storage import Workspace
from roidesk.storage.plan_sums import sums_by_platform_and_source

Period = tuple[date, date]


@dataclass(frozen=True, slots=True)
class StopAnswer:
    """RONI of stopping a platform, with what it was computed from."""

    platform: str
    months: int
    carry_over: Decimal
    basis: Period
    basis_months: Decimal
    result: StopResult


def basis_or_default(basis: Period | None, today: date) -> Period:
    """The basis period asked for, else the last three whole months before ``today``."""
    if basis is None:
        return default_basis(today)
    start, end = basis
    if end < start:
        raise InputError(Problem(f"the basis period ends ({end}) before it starts ({start})"))
    return basis


def plan_stop(
    workspace: Workspace,
    platform: str,
    months: int = 1,
    carry_over: Decimal = Decimal(0),
    basis: Period | None = None,
    today: date | None = None,
) -> StopAnswer:
    """What stopping ``platform`` for ``months`` months would save and lose (RONI)."""
    today = today or date.today()
    start, end = basis_or_default(basis, today)
    figures = summarize(workspace, Query(start=start, end=end, platform=platform), today)
    total = figures.total_return or Decimal(0)
    if not figures.cost and not total:
        raise InputError(
            Problem(
                f"{platform} had no costs and no returns in {start.isoformat()} – "
                f"{end.isoformat()} (the basis period): nothing to stop"
            )
        )
    stop_basis = StopBasis(
        cost=figures.cost or Decimal(0),
        total_return=total,
        total_return_low=_or(figures.total_return_low, total),
        total_return_high=_or(figures.total_return_high, total),
    )
    basis_months = months_in(start, end)
    result = stop_platform(stop_basis, basis_months, months, carry_over)
    return StopAnswer(platform, months, carry_over, (start, end), basis_months, result)


def _or(value: Decimal | None, default: Decimal) -> Decimal:
    """A range end, equal to the value itself where the engine gives none."""
    return default if value is None else value


def plan_basis(
    workspace: Workspace, basis: Period | None = None, today: date | None = None
) -> PlanBasis:
    """What the planner takes from the basis period: results per platform and source, the
    costs (advertising per platform), other returns and the settings."""
    today = today or date.today()
    start, end = basis_or_default(basis, today)
    figures, rows = summary_with_breakdown(
        workspace, Query(start=start, end=end), "platform", today
    )
    ad_costs: dict[str | None, Decimal] = {}
    for row in rows:
        key = None if row.key == NO_PLATFORM else row.key
        ad_costs[key] = ad_costs.get(key, Decimal(0)) + (row.figures.ad_spend or Decimal(0))
    parts = [
        ResultPart(
            platform=found.platform,
            source=found.source,
            counts=dict(zip(COUNT_METRICS, found.sums, strict=False)),
            revenue=from_units(found.sums[len(COUNT_METRICS)]),
        )
        for found in sums_by_platform_and_source(workspace.db, start, end)
    ]
    return PlanBasis(
        start=start,
        end=end,
        parts=parts,
        cost=figures.cost or Decimal(0),
        ad_costs=ad_costs,
        other_return=figures.other_return or Decimal(0),
        settings=context(workspace, today).settings,
    )


def plan_budget(
    workspace: Workspace,
    budgets: Mapping[str, Decimal],
    exponent: Decimal = DEFAULT_EXPONENT,
    basis: Period | None = None,
    today: date | None = None,
) -> Projection:
    """The projected month for new monthly advertising budgets per platform."""
    today = today or date.today()
    found = plan_basis(workspace, basis, today)
    return project_month(found, budgets, context(workspace, today).valuations, today, exponent)


def planned_platforms(found: PlanBasis) -> list[tuple[str, Decimal]]:
    """The platforms of the basis period with their advertising cost per month (0: none, so
    they cannot be scaled), those with advertising first, each alphabetically."""
    names: dict[str, str] = {}
    for part in found.parts:
        if part.platform is not None:
            names.setdefault(part.platform.casefold(), part.platform)
    for platform in found.ad_costs:
        if platform is not None:
            names.setdefault(platform.casefold(), platform)
    months = found.months
    monthly = [
        (name, found.ad_cost_of(name) / months if months else Decimal(0)) for name in names.values()
    ]
    return sorted(monthly, key=lambda item: (item[1] == 0, item[0].casefold()))


def this_month(workspace: Workspace, today: date | None = None) -> Figures:
    """This calendar month so far (its first day to today): what a plan is compared with."""
    today = today or date.today()
    return summarize(workspace, Query(start=today.replace(day=1), end=today), today)
