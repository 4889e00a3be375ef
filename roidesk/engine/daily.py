"""Day by day: the cost and return of each day of a period, the cumulative series of the
break-even chart, and the break-even date (read day by day only in the months it can be in)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from roidesk.core.breakeven import holds, last_short_day
from roidesk.core.costs import from_units
from roidesk.core.figures import Query
from roidesk.core.months import months_of
from roidesk.engine.state import Context, context
from roidesk.engine.totals import (
    Totals,
    add_result_row,
    campaign_ids,
    cost_filter,
    period_of,
    return_of,
    same_platform,
)
from roidesk.storage import Workspace
from roidesk.storage.aggregates import ResultScope


def break_even_of(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by_month: dict[str, Totals],
    period: tuple[date, date],
) -> date | None:
    """The first day of ``period`` from which break-even holds to its end (SPEC).

    The months are walked back from the end; one whose running totals prove that break-even
    holds on each of its days (cost before it > 0, return before it ≥ cost after it: each day's
    cost and return are ≥ 0) is not read day by day. The first month that is read and has a
    day on which it does not hold gives the answer: the day after that one.
    """
    months = list(months_of(*period))
    bounds: list[tuple[Decimal, Decimal, Decimal, Decimal]] = []  # cost/return before, after
    cost, total = Decimal(0), Decimal(0)
    for month, _low, _high in months:
        part = by_month.get(month, Totals())
        after = (cost + from_units(part.cost_units), total + return_of(part, ctx.settings))
        bounds.append((cost, total, *after))
        cost, total = after
    if not holds(cost, total):
        return None
    provable = not _negative_other_returns(ctx, period)
    for (_month, low, high), (cost_before, return_before, cost_after, _) in zip(
        reversed(months), reversed(bounds), strict=True
    ):
        if provable and cost_before > 0 and return_before >= cost_after:
            continue
        days = _remembered_days(workspace, ctx, replace(query, start=low, end=high))
        short, _holding = last_short_day(days, cost_before, return_before)
        if short is not None:
            return short + timedelta(days=1)
    return period[0]


def _negative_other_returns(ctx: Context, period: tuple[date, date]) -> bool:
    """Whether an other return in the period is negative (a refund, a correction): then the
    month bounds prove nothing and every month is read day by day."""
    return any(o.amount < 0 and period[0] <= o.date <= period[1] for o in ctx.other_returns)


def _remembered_days(
    workspace: Workspace, ctx: Context, query: Query
) -> list[tuple[date, Decimal, Decimal]]:
    """:func:`daily_series` of a month, once per workspace state."""
    return ctx.remembered(("daily series", query), lambda: daily_series(workspace, ctx, query))


def daily_series(
    workspace: Workspace, ctx: Context, query: Query
) -> list[tuple[date, Decimal, Decimal]]:
    """(day, cost, total return) for every day of the query's (closed) period."""
    assert query.start is not None and query.end is not None
    ids = campaign_ids(ctx, query)
    scope = ResultScope(ids, query.platform, query.content_type)
    returns: dict[date, Decimal] = defaultdict(Decimal)
    for row in ctx.daily_sums(workspace, query.start, query.end, scope):
        day = date.fromisoformat(row.group)
        part = Totals()
        add_result_row(part, row, day, ctx)
        returns[day] += return_of(part, ctx.settings)
    wanted = None if ids is None else set(ids)
    if query.content_type is None:
        for other in ctx.other_returns:
            if not query.start <= other.date <= query.end:
                continue
            if wanted is not None and other.campaign_id not in wanted:
                continue
            if query.platform is not None and not same_platform(other.platform, query.platform):
                continue
            returns[other.date] += other.amount
    costs: dict[date, int] = {}
    if query.content_type is None:
        costs = ctx.ledger.daily(query.start, query.end, cost_filter(ids, query.platform))
    out = []
    day = query.start
    while day <= query.end:
        out.append((day, from_units(costs.get(day, 0)), returns.get(day, Decimal(0))))
        day += timedelta(days=1)
    return out


def daily_cumulative(
    workspace: Workspace, query: Query, today: date | None = None
) -> list[tuple[date, Decimal, Decimal]]:
    """(day, cumulative cost, cumulative total return) over the period, for break-even charts.

    Reads the result rows of the period grouped by day (one indexed ``GROUP BY``).
    """
    ctx = context(workspace, today)
    period = period_of(ctx, workspace, query)
    if period is None or period[1] < period[0]:
        return []
    cost = Decimal(0)
    total = Decimal(0)
    out = []
    for day, day_cost, day_return in daily_series(
        workspace, ctx, replace(query, start=period[0], end=period[1])
    ):
        cost += day_cost
        total += day_return
        out.append((day, cost, total))
    return out
