"""The engine: asks storage for sums and turns them into figures with the core."""

from roidesk.core.suggestions import Suggestion
from roidesk.engine.daily import daily_cumulative
from roidesk.engine.goals import GoalStatus, goal_statuses
from roidesk.engine.suggestions import counts_a_sale_twice, suggested_values
from roidesk.engine.summary import (
    NO_PLATFORM,
    BreakdownRow,
    breakdown,
    campaign_payback,
    previous_period,
    summarize,
    summary_with_breakdown,
    summary_with_breakdowns,
)

__all__ = [
    "NO_PLATFORM",
    "BreakdownRow",
    "GoalStatus",
    "Suggestion",
    "breakdown",
    "campaign_payback",
    "counts_a_sale_twice",
    "daily_cumulative",
    "goal_statuses",
    "previous_period",
    "suggested_values",
    "summarize",
    "summary_with_breakdown",
    "summary_with_breakdowns",
]
