"""Summaries and breakdowns: storage sums + shared-out costs → :class:`Figures`.

Result rows are never loaded: whole months come from ``result_months``, edge days and months
in which a valuation starts mid-month from an indexed ``GROUP BY`` on ``results``. Costs (few)
are spread and shared out once per workspace state, in the engine's one cache
(``engine.state``), which also keeps the sums and answers of that state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from operator import add
from typing import Any, Literal

from roidesk.core import kpi
from roidesk.core.breakeven import break_even_date, payback_days
from roidesk.core.costs import from_units
from roidesk.core.figures import Figures, Query
from roidesk.core.ledger import CostKey, CostLedger
from roidesk.core.months import month_key, months_of, split_months
from roidesk.core.records import COUNT_METRICS, CostCategory, Settings
from roidesk.core.valuations import change_dates
from roidesk.engine.state import Context, context
from roidesk.storage import Workspace
from roidesk.storage.aggregates import ResultScope, SumRow
from roidesk.storage.results import SUMMED

Breakdown = Literal["campaign", "platform", "month", "category"]
GENERAL = "general"
NO_PLATFORM = "no platform"
_ADVERTISING = str(CostCategory.ADVERTISING)


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One row of a breakdown: its key (id, platform, ``YYYY-MM`` or category), label, figures."""

    key: str
    label: str
    figures: Figures


@dataclass(slots=True)
class _Totals:
    """Additive parts of the figures (money in exact Decimal, cost in units)."""

    counts: list[int] = field(default_factory=lambda: [0] * len(COUNT_METRICS))
    revenue_units: int = 0
    valued: Decimal = Decimal(0)
    other: Decimal = Decimal(0)
    cost_units: int = 0
    ad_units: int = 0

    def add(self, other: _Totals) -> None:
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]
        self.revenue_units += other.revenue_units
        self.valued += other.valued
        self.other += other.other
        self.cost_units += other.cost_units
        self.ad_units += other.ad_units


# ---------------------------------------------------------------------------- the period
def _period(ctx: Context, workspace: Workspace, query: Query) -> tuple[date, date] | None:
    """The query's period with open ends closed at the first/last date of any data."""
    start, end = query.start, query.end
    if start is not None and end is not None:
        return start, end
    firsts: list[date] = []
    lasts: list[date] = []
    span = ctx.span
    if span is not None:
        firsts.append(span[0])
        lasts.append(span[1])
    first_cost = ctx.ledger.first_day()
    if first_cost is not None:
        firsts.append(first_cost)
        lasts.append(ctx.ledger.last_day() or first_cost)
    for other in ctx.other_returns:
        firsts.append(other.date)
        lasts.append(other.date)
    if not firsts:
        return None
    return (start or min(firsts)), (end or max(lasts))


def _segments(ctx: Context, start: date, end: date) -> list[tuple[date, date]]:
    """[start, end] cut at every date a valuation starts: the value in force is constant inside."""
    cuts = [day for day in change_dates(ctx.valuations) if start < day <= end]
    pieces: list[tuple[date, date]] = []
    low = start
    for cut in cuts:
        pieces.append((low, cut - timedelta(days=1)))
        low = cut
    pieces.append((low, end))
    return pieces


# ---------------------------------------------------------------------------- the filter
def _campaign_ids(ctx: Context, query: Query) -> list[int] | None:
    if query.campaign_id is not None:
        return [query.campaign_id]
    if query.client_id is not None:
        return [c.id for c in ctx.campaigns if c.client_id == query.client_id and c.id is not None]
    return None


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def _cost_filter(ids: list[int] | None, platform: str | None) -> Callable[[CostKey], bool] | None:
    """Which ledger keys the filter keeps (``None``: every key)."""
    if ids is None and platform is None:
        return None
    wanted = None if ids is None else set(ids)

    def keep(key: CostKey) -> bool:
        campaign_id, key_platform, _ = key
        if wanted is not None and campaign_id not in wanted:
            return False
        return platform is None or _same(key_platform, platform)

    return keep


def _group_label(by: str | None, value: Any) -> str:
    if by is None:
        return ""
    if by == "campaign":
        return GENERAL if value is None else str(value)
    if by == "platform":
        return NO_PLATFORM if value is None else str(value)
    return str(value)


# ---------------------------------------------------------------------------- the sums
def _grouped_totals(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    bys: tuple[str | None, ...],
    *,
    cost_bys: tuple[str, ...] = (),
) -> tuple[dict[str | None, dict[str, _Totals]], tuple[date, date] | None]:
    """Additive parts per group for several groupings in one pass over the sums.

    ``bys`` is one grouping, or platform and category with campaign or with month (result
    sums come per campaign or month *and* platform, so they serve platform too).
    ``cost_bys`` are groupings of the costs alone (none of the returns), summed from the same
    per-key cost totals as ``bys``.
    """
    if len(bys) > 1 and (
        not set(bys) <= {"campaign", "month", "platform", "category"}
        or {"campaign", "month"} <= set(bys)
    ):
        raise ValueError(f"cannot group by {bys} in one pass")
    out: dict[str | None, dict[str, _Totals]] = {
        by: defaultdict(_Totals) for by in (*bys, *cost_bys)
    }
    period = _period(ctx, workspace, query)
    if period is None or period[1] < period[0]:
        return {by: {} for by in out}, period
    start, end = period
    ids = _campaign_ids(ctx, query)
    platform = query.platform
    result_bys = [by for by in bys if by != "category"]
    if result_bys:
        scope = ResultScope(ids, platform, query.content_type)
        sql_by = next((by for by in result_bys if by in ("campaign", "month")), None)
        for row, day in _result_rows(workspace, ctx, start, end, scope, sql_by):
            for by in result_bys:
                value = row.platform if by == "platform" else row.group
                _add_result_row(out[by][_group_label(by, value)], row, day, ctx)
        if query.content_type is None:
            _add_other_returns(out, ctx, (start, end), ids, platform, result_bys)
    if query.content_type is None:
        keep = _cost_filter(ids, platform)
        for by, costs in _cost_groups(ctx.ledger, start, end, keep, (*bys, *cost_bys)).items():
            groups = out[by]
            for label, (cost, ad) in costs.items():
                groups[label].cost_units += cost
                groups[label].ad_units += ad
    return {by: dict(groups) for by, groups in out.items()}, period


def _add_other_returns(
    out: dict[str | None, dict[str, _Totals]],
    ctx: Context,
    period: tuple[date, date],
    ids: list[int] | None,
    platform: str | None,
    bys: list[str | None],
) -> None:
    """Add the other returns in the period and filter to each grouping's totals."""
    start, end = period
    wanted = None if ids is None else set(ids)
    for other in ctx.other_returns:
        if not start <= other.date <= end:
            continue
        if wanted is not None and other.campaign_id not in wanted:
            continue
        if platform is not None and not _same(other.platform, platform):
            continue
        for by in bys:
            key = {
                "campaign": other.campaign_id,
                "platform": other.platform,
                "month": month_key(other.date),
            }.get(by or "")
            out[by][_group_label(by, key)].other += other.amount


def _result_rows(
    workspace: Workspace,
    ctx: Context,
    start: date,
    end: date,
    scope: ResultScope,
    by: str | None,
) -> Iterator[tuple[SumRow, date]]:
    """Result sums per platform (and campaign or month), each with a day its valuations hold.

    The period is cut where a valuation starts; whole months are summed by SQL over
    ``result_months``, partial months from the rows.
    """
    for low, high in _segments(ctx, start, end):
        edges, first_month, last_month = split_months(low, high)
        if first_month is not None and last_month is not None:
            for row in ctx.whole_month_sums(workspace, first_month, last_month, scope, by):
                yield row, low
        for edge_low, edge_high in edges:
            for row in ctx.edge_sums(workspace, edge_low, edge_high, scope, by):
                yield row, low


_METRIC_INDEX = {name: index for index, name in enumerate(SUMMED)}
_REVENUE = len(COUNT_METRICS)


def _add_result_row(target: _Totals, row: SumRow, day: date, ctx: Context) -> None:
    sums = row.sums
    target.counts = list(map(add, target.counts, sums))  # stops at the counts (shorter)
    target.revenue_units += sums[_REVENUE]
    for metric, value in ctx.values_in_force(row.platform, day).items():
        quantity = sums[_METRIC_INDEX[metric]]
        if quantity:
            target.valued += quantity * value


#: Where each key grouping's value is in a ledger key (campaign, platform, category).
_KEY_INDEX = {"campaign": 0, "platform": 1, "category": 2}


def _cost_groups(
    ledger: CostLedger,
    start: date,
    end: date,
    keep: Callable[[CostKey], bool] | None,
    bys: tuple[str | None, ...],
) -> dict[str | None, dict[str, tuple[int, int]]]:
    """(cost, advertising cost) units per group label, for each grouping."""
    out: dict[str | None, dict[str, list[int]]] = {by: defaultdict(lambda: [0, 0]) for by in bys}
    for by in bys:
        if by not in (None, "month"):
            continue
        for (month, category), units in ledger.month_categories(start, end, keep).items():
            slot = out[by][month if by == "month" else ""]
            slot[0] += units
            if category == _ADVERTISING:
                slot[1] += units
    by_key = [by for by in bys if by not in (None, "month")]
    if by_key:
        # per grouping: the period's per-key totals summed by the key's raw value (a tuple
        # index), each group labelled once
        totals = ledger.key_totals(start, end, keep)
        advertising = [(key, units) for key, units in totals.items() if key[2] == _ADVERTISING]
        for by in by_key:
            index = _KEY_INDEX[by]
            costs: dict[Any, int] = defaultdict(int)
            for key, units in totals.items():
                costs[key[index]] += units
            ads: dict[Any, int] = defaultdict(int)
            for key, units in advertising:
                ads[key[index]] += units
            groups = out[by]
            for value, units in costs.items():
                slot = groups[_group_label(by, value)]
                slot[0] += units
                slot[1] += ads.get(value, 0)
    return {
        by: {label: (cost, ad) for label, (cost, ad) in groups.items()}
        for by, groups in out.items()
    }


# ---------------------------------------------------------------------------- figures
def figures_from(
    totals: _Totals,
    settings: Settings,
    *,
    costs_defined: bool = True,
    returns_defined: bool = True,
    break_even: date | None = None,
) -> Figures:
    """Every figure from the additive parts of one group."""
    cost = from_units(totals.cost_units) if costs_defined else None
    ad_spend = from_units(totals.ad_units) if costs_defined else None
    ltv = kpi.lifetime_value(settings)
    if not returns_defined and not any(totals.counts):
        # costs alone (a campaign's cost bar, a cost category): every count is 0, so every
        # cost per count and LTV : CAC are undefined (the figures the general path gives)
        return Figures(cost=cost, ad_spend=ad_spend, ltv=ltv)
    counts = dict(zip(COUNT_METRICS, totals.counts, strict=True))
    clicks, impressions = counts["link_clicks"], counts["impressions"]
    cac = kpi.cost_per(cost, counts["new_customers"])
    base: dict[str, Any] = {
        "cost": cost,
        "ad_spend": ad_spend,
        "cpl": kpi.cost_per(cost, counts["leads"]),
        "cpa": kpi.cost_per(cost, counts["conversions"]),
        "cac": cac,
        "ltv": ltv,
        "ltv_cac": kpi.ltv_cac(ltv, cac),
        **counts,
    }
    if not returns_defined:
        return Figures(**base)
    revenue = from_units(totals.revenue_units)
    direct = kpi.direct_return(revenue, settings.gross_margin)
    total = kpi.total_return(direct, totals.valued, totals.other)
    return Figures(
        **base,
        revenue=revenue,
        direct_return=direct,
        valued_return=totals.valued,
        other_return=totals.other,
        total_return=total,
        net_return=kpi.net_return(total, cost),
        roi_direct=kpi.roi(direct, cost),
        roi_total=kpi.roi(total, cost),
        roas=kpi.roas(revenue, ad_spend),
        engagement_rate=kpi.engagement_rate(counts["engagements"], impressions),
        ctr=kpi.ctr(clicks, impressions),
        conversion_rate=kpi.conversion_rate(counts["conversions"], clicks),
        cpc=kpi.cpc(ad_spend, clicks),
        cpm=kpi.cpm(ad_spend, impressions),
        break_even_date=break_even,
    )


def summarize(workspace: Workspace, query: Query, today: date | None = None) -> Figures:
    """Every figure for the query's period and filter."""
    return summary_with_breakdowns(workspace, query, (), today)[0]


def _summary(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by_month: dict[str, _Totals],
    period: tuple[date, date] | None,
) -> Figures:
    total = _Totals()
    for part in by_month.values():
        total.add(part)
    costs_defined = query.content_type is None
    break_even = None
    if costs_defined and period is not None:
        break_even = _break_even(workspace, ctx, query, by_month, period)
    return figures_from(total, ctx.settings, costs_defined=costs_defined, break_even=break_even)


def summary_with_breakdown(
    workspace: Workspace, query: Query, by: Breakdown, today: date | None = None
) -> tuple[Figures, list[BreakdownRow]]:
    """The summary and a breakdown of the same query, sharing their sums."""
    figures, rows = summary_with_breakdowns(workspace, query, (by,), today)
    return figures, rows[by]


def summary_with_breakdowns(
    workspace: Workspace,
    query: Query,
    bys: tuple[Breakdown, ...],
    today: date | None = None,
    *,
    cost_only: tuple[Breakdown, ...] = (),
) -> tuple[Figures, dict[Breakdown, list[BreakdownRow]]]:
    """The summary and several breakdowns of one query, sharing their sums (the dashboard).

    The summary and the month, platform and category breakdowns come from one pass over the
    month sums per platform. The campaign breakdown comes from the same pass when it is in
    ``cost_only`` (costs alone, from the same per-key cost totals: its return figures are then
    ``None``, as by category), otherwise from a second pass over the sums per campaign.
    """
    for by in bys:
        if by not in ("campaign", "platform", "month", "category"):
            raise ValueError(f"cannot break down by {by!r}")
    ctx = context(workspace, today)
    # the same question in the same workspace state (the dashboard back on a filter it
    # showed before) is answered from memory: the context goes with the next write
    figures, rows = ctx.remembered(
        ("breakdowns", query, bys, cost_only),
        lambda: _summary_with_breakdowns(workspace, ctx, query, bys, cost_only),
    )
    return figures, {by: list(found_rows) for by, found_rows in rows.items()}


def _summary_with_breakdowns(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    bys: tuple[Breakdown, ...],
    cost_only: tuple[Breakdown, ...],
) -> tuple[Figures, dict[Breakdown, list[BreakdownRow]]]:
    # one pass: the month sums per platform give month, platform and (costs only) category
    shared = ("month", *(by for by in bys if by in ("platform", "category")))
    # campaign costs alone come from the same cost totals (with a content type filter costs
    # are not defined: the campaign rows then come from the results, in a second pass)
    costs_only = "campaign" in bys and "campaign" in cost_only and query.content_type is None
    cost_bys: tuple[str, ...] = ("campaign",) if costs_only else ()
    grouped, period = _grouped_totals(workspace, ctx, query, shared, cost_bys=cost_bys)
    by_month = grouped["month"]
    figures = _summary(workspace, ctx, query, by_month, period)
    rows: dict[Breakdown, list[BreakdownRow]] = {}
    for by in bys:
        if by != "campaign":
            rows[by] = _rows(ctx, query, by, grouped[by])
    if "campaign" in bys:
        if costs_only:
            rows["campaign"] = _rows(ctx, query, "campaign", grouped["campaign"], True)
        else:
            campaigns, _ = _grouped_totals(workspace, ctx, query, ("campaign",))
            rows["campaign"] = _rows(ctx, query, "campaign", campaigns["campaign"])
    return figures, rows


def _return_of(totals: _Totals, settings: Settings) -> Decimal:
    direct = kpi.direct_return(from_units(totals.revenue_units), settings.gross_margin)
    return direct + totals.valued + totals.other


def _break_even(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by_month: dict[str, _Totals],
    period: tuple[date, date],
) -> date | None:
    """Scan day by day only the months in which break-even can happen (monthly bounds)."""
    cost_before = Decimal(0)
    return_before = Decimal(0)
    for month, low, high in months_of(*period):
        part = by_month.get(month, _Totals())
        cost_after = cost_before + from_units(part.cost_units)
        return_after = return_before + _return_of(part, ctx.settings)
        # inside the month cumulative return ≤ return_after, cumulative cost ≥ cost_before
        if return_after >= cost_before and cost_after > 0:
            month_query = replace(query, start=low, end=high)
            days = _remembered_days(workspace, ctx, month_query)
            found = break_even_date(days, cost_before, return_before)
            if found is not None:
                return found
        cost_before, return_before = cost_after, return_after
    return None


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
    ids = _campaign_ids(ctx, query)
    scope = ResultScope(ids, query.platform, query.content_type)
    returns: dict[date, Decimal] = defaultdict(Decimal)
    for row in ctx.daily_sums(workspace, query.start, query.end, scope):
        day = date.fromisoformat(row.group)
        part = _Totals()
        _add_result_row(part, row, day, ctx)
        returns[day] += _return_of(part, ctx.settings)
    wanted = None if ids is None else set(ids)
    if query.content_type is None:
        for other in ctx.other_returns:
            if not query.start <= other.date <= query.end:
                continue
            if wanted is not None and other.campaign_id not in wanted:
                continue
            if query.platform is not None and not _same(other.platform, query.platform):
                continue
            returns[other.date] += other.amount
    costs: dict[date, int] = {}
    if query.content_type is None:
        costs = ctx.ledger.daily(query.start, query.end, _cost_filter(ids, query.platform))
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
    period = _period(ctx, workspace, query)
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


def breakdown(
    workspace: Workspace, query: Query, by: Breakdown, today: date | None = None
) -> list[BreakdownRow]:
    """Rows per campaign, platform, month or cost category that add up to the total.

    Unallocated rows are keyed ``general`` (campaign) and ``no platform`` (platform); by
    category the return figures are ``None`` (not applicable).
    """
    if by not in ("campaign", "platform", "month", "category"):
        raise ValueError(f"cannot break down by {by!r}")
    ctx = context(workspace, today)

    def rows() -> list[BreakdownRow]:
        return _rows(ctx, query, by, _grouped_totals(workspace, ctx, query, (by,))[0][by])

    return list(ctx.remembered(("breakdown", query, by), rows))


def _rows(
    ctx: Context, query: Query, by: str, groups: dict[str, _Totals], costs_only: bool = False
) -> list[BreakdownRow]:
    names = {str(c.id): c.name for c in ctx.campaigns}
    costs_defined = query.content_type is None
    rows = []
    for key in _ordered_keys(groups, by, ctx):
        label = names.get(key, key) if by == "campaign" else key
        figures = figures_from(
            groups[key],
            ctx.settings,
            costs_defined=costs_defined,
            returns_defined=by != "category" and not costs_only,
        )
        rows.append(BreakdownRow(key, label, figures))
    return rows


def _ordered_keys(groups: dict[str, _Totals], by: str, ctx: Context) -> list[str]:
    keys = list(groups)
    tail = (
        [k for k in keys if k in (GENERAL, NO_PLATFORM)] if by in ("campaign", "platform") else []
    )
    body = [k for k in keys if k not in tail]
    if by == "campaign":
        order = {str(c.id): index for index, c in enumerate(ctx.campaigns)}
        body.sort(key=lambda k: order.get(k, len(order)))
    elif by == "category":
        order = {str(c): index for index, c in enumerate(CostCategory)}
        body.sort(key=lambda k: order.get(k, len(order)))
    else:
        body.sort(key=str.casefold)
    return body + tail


def campaign_payback(
    workspace: Workspace, campaign_id: int, today: date | None = None
) -> tuple[date | None, int | None]:
    """Break-even date of a campaign counted from its start, and the payback in days."""
    ctx = context(workspace, today)
    campaign = next((c for c in ctx.campaigns if c.id == campaign_id), None)
    if campaign is None:
        return None, None
    figures = summarize(workspace, Query(start=campaign.start, campaign_id=campaign_id), today)
    return figures.break_even_date, payback_days(campaign.start, figures.break_even_date)


def previous_period(query: Query) -> Query:
    """The period of the same length just before (whole calendar months → as many months).

    An open period has no previous one: the query is returned with an empty period
    (``start`` after ``end``), whose figures are all zero or undefined.
    """
    if query.start is None or query.end is None:
        return replace(query, start=date.max, end=date.min)
    start, end = query.start, query.end
    after = end + timedelta(days=1)
    if start.day == 1 and after.day == 1:
        months = (after.year - start.year) * 12 + after.month - start.month
        index = start.year * 12 + start.month - 1 - months
        new_start = date(index // 12, index % 12 + 1, 1)
        return replace(query, start=new_start, end=start - timedelta(days=1))
    length = (end - start).days + 1
    return replace(query, start=start - timedelta(days=length), end=start - timedelta(days=1))
