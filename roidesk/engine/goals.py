"""Goal statuses: actual KPI value so far, progress, pace and projection."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from roidesk.core import goals as goal_math
from roidesk.core.figures import Figures, Query
from roidesk.core.records import Goal
from roidesk.engine.state import context
from roidesk.engine.summary import summarize
from roidesk.storage import Workspace

#: Goal KPI spellings users type → figure names.
KPI_ALIASES = {
    "roi": "roi_total",
    "followers": "followers_gained",
    "clicks": "link_clicks",
    "link clicks": "link_clicks",
    "customers": "new_customers",
    "conversion rate": "conversion_rate",
    "engagement rate": "engagement_rate",
    "return": "total_return",
}


def figure_name(kpi: str) -> str | None:
    """The figure a goal's KPI names, or ``None`` when it names none."""
    cleaned = " ".join(kpi.strip().lower().split())
    name = KPI_ALIASES.get(cleaned, cleaned.replace(" ", "_").replace("-", "_"))
    return name if name in Figures.names() and name != "break_even_date" else None


@dataclass(frozen=True, slots=True)
class GoalStatus:
    """Where a goal stands today (``None`` where not defined)."""

    goal: Goal
    actual: Decimal | None
    progress: Decimal | None
    pace: Decimal | None
    projected: Decimal | None
    elapsed_share: Decimal | None
    #: whether the KPI grows with time (a count, a money sum): False for rates, costs per
    #: result, ROI, ROAS, LTV : CAC, whose pace is not defined and projection is the actual
    accumulates: bool = True


def goal_statuses(
    workspace: Workspace,
    today: date,
    campaign_id: int | None = None,
    only: Collection[int] | None = None,
) -> list[GoalStatus]:
    """Status of every goal (or one campaign's, or those of the campaigns in ``only``): the KPI
    from the campaign start to today."""
    ctx = context(workspace, today)
    campaigns = {c.id: c for c in ctx.campaigns}
    out = []
    for goal in workspace.goals(campaign_id):
        if only is not None and goal.campaign_id not in only:
            continue
        campaign = campaigns.get(goal.campaign_id)
        name = figure_name(goal.kpi)
        actual: Decimal | None = None
        elapsed = None
        if campaign is not None:
            elapsed = goal_math.elapsed_share(campaign.start, goal.deadline, today)
            if name is not None and today >= campaign.start:
                end = min(today, goal.deadline)
                figures = summarize(
                    workspace, Query(start=campaign.start, end=end, campaign_id=campaign.id), today
                )
                value = getattr(figures, name)
                actual = None if value is None else Decimal(value)
        progress = goal_math.progress(actual, goal.baseline, goal.target)
        growing = goal_math.accumulates(name)
        out.append(
            GoalStatus(
                goal,
                actual,
                progress,
                goal_math.pace(progress, elapsed, growing),
                goal_math.projected(actual, goal.baseline, elapsed, growing),
                elapsed,
                growing,
            )
        )
    return out
