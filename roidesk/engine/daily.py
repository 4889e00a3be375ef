"""Day by day: the cost and return of each day of a period, the cumulative series of the
break-even chart, and the break-even date (read day by day only in the months it can be in)."""

from __future__ import annotations

import string
from collections import defaultdict
from collections.abc import Callable
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
from roidesk.storage.aggregates import ResultScope, SumRow, daily_campaign_sums


class BreakEvenWalk:
    """The break-even date of one query, found by walking its months back from the end.

    A month whose running totals prove that break-even holds on each of its days (cost
    before it > 0, return before it ≥ cost after it: each day's cost and return are ≥ 0) is
    not read day by day; nor is one on whose last day the running totals show it does not
    hold (the answer is then the next day). :attr:`wanted` is the next month to read
    (``None``: the walk is over); the first month read with a day on which it does not hold
    gives the answer, the day after that one. Many walks can share one day-level read per
    month (``--by`` rows)."""

    def __init__(
        self,
        ctx: Context,
        by_month: dict[str, Totals],
        period: tuple[date, date],
    ) -> None:
        # (low, high, cost before, return before, cost after, return after) of the months
        # not yet walked: the walk takes them from the end
        self._left: list[tuple[date, date, Decimal, Decimal, Decimal, Decimal]] = []
        cost, total = Decimal(0), Decimal(0)
        months = ctx.remembered(("months of", period), lambda: list(months_of(*period)))
        for month, low, high in months:
            before = (cost, total)
            part = by_month.get(month)
            if part is not None:
                cost += from_units(part.cost_units)
                total += return_of(part, ctx.settings)
            self._left.append((low, high, *before, cost, total))
        self.answer: date | None = period[0]
        self._provable = not ctx.remembered(
            ("negative other returns", period), lambda: _negative_other_returns(ctx, period)
        )
        self.wanted: tuple[date, date] | None = None
        if holds(cost, total):
            self._advance()
        else:
            self.answer = None

    def _advance(self) -> None:
        """Skip the months that are proven; :attr:`wanted` is the next one to read."""
        while self._left:
            low, high, cost_before, return_before, cost_after, return_after = self._left[-1]
            if not holds(cost_after, return_after):  # short on the month's last day
                self.answer = high + timedelta(days=1)
                break
            if self._provable and cost_before > 0 and return_before >= cost_after:
                self._left.pop()
                continue
            self.wanted = (low, high)
            return
        self._left.clear()
        self.wanted = None

    def read(self, days: list[tuple[date, Decimal, Decimal]]) -> None:
        """Take the (day, cost, return) of the wanted month."""
        _low, _high, cost_before, return_before, _cost, _return = self._left.pop()
        short, _holding = last_short_day(days, cost_before, return_before)
        if short is not None:
            self.answer = short + timedelta(days=1)
            self._left.clear()
        self._advance()


def break_even_of(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by_month: dict[str, Totals],
    period: tuple[date, date],
) -> date | None:
    """The first day of ``period`` from which break-even holds to its end (SPEC): a
    :class:`BreakEvenWalk` reading the months it wants day by day."""
    walk = BreakEvenWalk(ctx, by_month, period)
    while walk.wanted is not None:
        low, high = walk.wanted
        walk.read(_remembered_days(workspace, ctx, replace(query, start=low, end=high)))
    return walk.answer


def break_evens_of_rows(
    workspace: Workspace, ctx: Context, query: Query, by: str, walks: dict[str, BreakEvenWalk]
) -> dict[str, date | None]:
    """The break-even dates of ``--by`` rows (row key → the walk of the row's own query).

    Round by round, every month some walk wants is read day by day once, for all the rows
    that want it (one grouped read, not one per row: an agency has hundreds of campaigns).
    """
    while True:
        wanted: dict[tuple[date, date], list[str]] = defaultdict(list)
        for key, walk in walks.items():
            if walk.wanted is not None:
                wanted[walk.wanted].append(key)
        if not wanted:
            return {key: walk.answer for key, walk in walks.items()}
        for (low, high), keys in wanted.items():
            if by == "month":  # a month row's period is its month: one read is its own
                days = _remembered_days(workspace, ctx, replace(query, start=low, end=high))
                series = dict.fromkeys(keys, days)
            else:
                series = _series_per_key(workspace, ctx, query, by, (low, high), keys)
            for key in keys:
                walks[key].read(series[key])


#: SQLite's ``COLLATE NOCASE``: ASCII letters alone are folded.
_NOCASE = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)


Owners = Callable[[int | None, str | None], list[str]]


def _rows_and_owners(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by: str,
    period: tuple[date, date],
    keys: list[str],
) -> tuple[list[int] | None, str | None, list[tuple[SumRow, str, list[str]]], Owners]:
    """The rows' campaign and platform filter, the day sums with the row keys each counts
    for, and which row keys a cost or other return (campaign, platform) counts for."""
    low, high = period
    wanted = set(keys)
    if by == "campaign":
        ids = [int(key) for key in keys]
        # read once per answer (the answer is kept): not kept in the context
        rows = daily_campaign_sums(workspace.db, low, high, ResultScope(ids, query.platform))
        days = [(row, row.group[0], [str(row.group[1])]) for row in rows]

        def of_campaign(campaign_id: int | None, _platform: str | None) -> list[str]:
            return [str(campaign_id)] if str(campaign_id) in wanted else []

        return ids, query.platform, days, of_campaign
    # each platform row asks with its own platform in place of the query's
    some = campaign_ids(ctx, query)
    rows = ctx.daily_sums(workspace, low, high, ResultScope(some, None, None))
    folded = {key: key.translate(_NOCASE) for key in keys}
    days = [
        (
            row,
            row.group,
            [key for key, fold in folded.items() if fold == row.platform.translate(_NOCASE)],
        )
        for row in rows
        if row.platform is not None
    ]

    def of_platform(_campaign_id: int | None, found: str | None) -> list[str]:
        return [key for key in keys if same_platform(found, key)]

    return some, None, days, of_platform


def _series_per_key(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by: str,
    period: tuple[date, date],
    keys: list[str],
) -> dict[str, list[tuple[date, Decimal, Decimal]]]:
    """:func:`daily_series` of each ``--by campaign`` or ``--by platform`` row's own query
    (the query with the row's campaign or platform) in ``period``, from one read of all."""
    low, high = period
    ids, platform, days, owners = _rows_and_owners(workspace, ctx, query, by, period, keys)
    returns: dict[str, dict[date, Decimal]] = {key: defaultdict(Decimal) for key in keys}
    for row, iso_day, row_keys in days:
        day = date.fromisoformat(iso_day)
        part = Totals()
        add_result_row(part, row, day, ctx)
        value = return_of(part, ctx.settings)
        for key in row_keys:
            returns[key][day] += value
    members = None if ids is None else set(ids)
    for other in ctx.other_returns:
        if not low <= other.date <= high:
            continue
        if members is not None and other.campaign_id not in members:
            continue
        if platform is not None and not same_platform(other.platform, platform):
            continue
        for key in owners(other.campaign_id, other.platform):
            returns[key][other.date] += other.amount
    costs: dict[str, dict[date, int]] = {key: defaultdict(int) for key in keys}
    for (campaign_id, cost_platform, _), units in ctx.ledger.daily_per_key(
        low, high, cost_filter(ids, platform)
    ).items():
        for key in owners(campaign_id, cost_platform):
            for day, day_units in units.items():
                costs[key][day] += day_units
    span = [low + timedelta(days=offset) for offset in range((high - low).days + 1)]
    return {
        key: [
            (day, from_units(costs[key].get(day, 0)), returns[key].get(day, Decimal(0)))
            for day in span
        ]
        for key in keys
    }


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
