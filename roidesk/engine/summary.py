"""Summaries and breakdowns: storage sums + shared-out costs → :class:`Figures`.

Result rows are never loaded: whole months come from ``result_months``, edge days and months
in which a valuation starts mid-month from an indexed ``GROUP BY`` on ``results``. Costs (few)
are spread and shared out once per workspace state, in the engine's one cache
(``engine.state``), which also keeps the sums and answers of that state.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from roidesk.core import kpi
from roidesk.core.breakeven import payback_days
from roidesk.core.costs import from_units
from roidesk.core.figures import Figures, Query
from roidesk.core.months import month_bounds, months_of
from roidesk.core.records import COUNT_METRICS, CostCategory, Settings
from roidesk.engine.daily import BreakEvenWalk, break_even_of, break_evens_of_rows
from roidesk.engine.state import Context, context
from roidesk.engine.totals import GENERAL, NO_PLATFORM, Totals, grouped_totals
from roidesk.storage import Workspace

Breakdown = Literal["campaign", "platform", "month", "category"]
__all__ = ["GENERAL", "NO_PLATFORM", "BreakdownRow", "figures_from", "summarize"]


@dataclass(frozen=True, slots=True)
class BreakdownRow:
    """One row of a breakdown: its key (id, platform, ``YYYY-MM`` or category), label, figures."""

    key: str
    label: str
    figures: Figures


# ---------------------------------------------------------------------------- figures
def figures_from(
    totals: Totals,
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
    total_low = kpi.total_return(direct, totals.valued_low, totals.other)
    total_high = kpi.total_return(direct, totals.valued_high, totals.other)
    paid_equivalent = kpi.paid_equivalent(totals.paid_clicks_and_costs()) if costs_defined else None
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
        paid_equivalent=paid_equivalent,
        total_return_low=total_low,
        total_return_high=total_high,
        roi_total_low=kpi.roi(total_low, cost),
        roi_total_high=kpi.roi(total_high, cost),
    )


def summarize(workspace: Workspace, query: Query, today: date | None = None) -> Figures:
    """Every figure for the query's period and filter."""
    return summary_with_breakdowns(workspace, query, (), today)[0]


def _summary(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by_month: dict[str, Totals],
    period: tuple[date, date] | None,
) -> Figures:
    total = Totals()
    for part in by_month.values():
        total.add(part)
    costs_defined = query.content_type is None
    break_even = None
    if costs_defined and period is not None:
        break_even = break_even_of(workspace, ctx, query, by_month, period)
    return figures_from(total, ctx.settings, costs_defined=costs_defined, break_even=break_even)


def summary_with_breakdown(
    workspace: Workspace, query: Query, by: Breakdown, today: date | None = None
) -> tuple[Figures, list[BreakdownRow]]:
    """The summary and a breakdown of the same query, sharing their sums; each row carries
    its break-even date too (``roidesk summary --by``)."""
    figures, rows = summary_with_breakdowns(workspace, query, (by,), today, break_even=True)
    return figures, rows[by]


def summary_with_breakdowns(
    workspace: Workspace,
    query: Query,
    bys: tuple[Breakdown, ...],
    today: date | None = None,
    *,
    cost_only: tuple[Breakdown, ...] = (),
    break_even: bool = False,
) -> tuple[Figures, dict[Breakdown, list[BreakdownRow]]]:
    """The summary and several breakdowns of one query, sharing their sums (the dashboard).

    The summary and the month, platform and category breakdowns come from one pass over the
    month sums per platform. The campaign breakdown comes from the same pass when it is in
    ``cost_only`` (costs alone, from the same per-key cost totals: its return figures are then
    ``None``, as by category), otherwise from a second pass over the sums per campaign.
    With ``break_even`` each row carries the break-even date of its own query (the query
    filtered to the row's campaign, platform or month), read day by day where it can be.
    """
    for by in bys:
        if by not in ("campaign", "platform", "month", "category"):
            raise ValueError(f"cannot break down by {by!r}")
    ctx = context(workspace, today)

    # the same question in the same workspace state (the dashboard back on a filter it
    # showed before) is answered from memory: the context goes with the next write
    def answer() -> tuple[Figures, dict[Breakdown, list[BreakdownRow]]]:
        figures, rows, period = _summary_with_breakdowns(workspace, ctx, query, bys, cost_only)
        if break_even:
            rows = {
                by: _with_break_evens(workspace, ctx, query, by, found, period)
                for by, found in rows.items()
            }
        return figures, rows

    figures, rows = ctx.remembered(("breakdowns", query, bys, cost_only, break_even), answer)
    return figures, {by: list(found_rows) for by, found_rows in rows.items()}


def _summary_with_breakdowns(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    bys: tuple[Breakdown, ...],
    cost_only: tuple[Breakdown, ...],
) -> tuple[Figures, dict[Breakdown, list[BreakdownRow]], tuple[date, date] | None]:
    # one pass: the month sums per platform give month, platform and (costs only) category
    shared = ("month", *(by for by in bys if by in ("platform", "category")))
    # campaign costs alone come from the same cost totals (with a content type filter costs
    # are not defined: the campaign rows then come from the results, in a second pass)
    costs_only = "campaign" in bys and "campaign" in cost_only and query.content_type is None
    cost_bys: tuple[str, ...] = ("campaign",) if costs_only else ()
    grouped, period = grouped_totals(workspace, ctx, query, shared, cost_bys=cost_bys)
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
            campaigns, _ = grouped_totals(workspace, ctx, query, ("campaign",))
            rows["campaign"] = _rows(ctx, query, "campaign", campaigns["campaign"])
    return figures, rows, period


def breakdown(
    workspace: Workspace,
    query: Query,
    by: Breakdown,
    today: date | None = None,
    *,
    break_even: bool = False,
) -> list[BreakdownRow]:
    """Rows per campaign, platform, month or cost category that add up to the total.

    Unallocated rows are keyed ``general`` (campaign) and ``no platform`` (platform); by
    category the return figures are ``None`` (not applicable). With ``break_even`` each row
    carries the break-even date of its own query.
    """
    if by not in ("campaign", "platform", "month", "category"):
        raise ValueError(f"cannot break down by {by!r}")
    ctx = context(workspace, today)

    def rows() -> list[BreakdownRow]:
        grouped, period = grouped_totals(workspace, ctx, query, (by,))
        found = _rows(ctx, query, by, grouped[by])
        return _with_break_evens(workspace, ctx, query, by, found, period) if break_even else found

    return list(ctx.remembered(("breakdown", query, by, break_even), rows))


def _row_query(query: Query, by: str, key: str, period: tuple[date, date]) -> Query | None:
    """The query a breakdown row answers (``None``: the unallocated rows, by category)."""
    if by == "platform" and key != NO_PLATFORM:
        return replace(query, platform=key)
    if by == "campaign" and key != GENERAL:
        return replace(query, campaign_id=int(key), client_id=None)
    if by == "month":
        low, high = month_bounds(key)
        return replace(query, start=max(low, period[0]), end=min(high, period[1]))
    return None


def _month_totals_per_row(
    workspace: Workspace, ctx: Context, query: Query, by: str, period: tuple[date, date]
) -> dict[str, dict[str, Totals]]:
    """Row key → month → the row's additive parts in that month: one pass per month of the
    period (not one per row: an agency has hundreds of campaigns)."""
    if by == "month":
        grouped, _ = grouped_totals(workspace, ctx, query, ("month",))
        return {month: {month: totals} for month, totals in grouped["month"].items()}
    out: dict[str, dict[str, Totals]] = {}
    for month, low, high in months_of(*period):
        grouped, _ = grouped_totals(workspace, ctx, replace(query, start=low, end=high), (by,))
        for key, totals in grouped[by].items():
            out.setdefault(key, {})[month] = totals
    return out


def _with_break_evens(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    by: str,
    rows: list[BreakdownRow],
    period: tuple[date, date] | None,
) -> list[BreakdownRow]:
    """The rows with the break-even date each row's own query gives (as ``--platform X`` or
    ``--campaign X`` does for that row alone)."""
    if period is None or period[1] < period[0] or query.content_type is not None:
        return rows
    if by not in ("campaign", "platform", "month"):
        return rows
    per_row = _month_totals_per_row(workspace, ctx, query, by, period)
    walks = {}
    for row in rows:
        row_query = _row_query(query, by, row.key, period)
        if row_query is None or row.figures.total_return is None:
            continue
        row_period = period
        if by == "month" and row_query.start is not None and row_query.end is not None:
            row_period = (row_query.start, row_query.end)
        walks[row.key] = BreakEvenWalk(ctx, per_row.get(row.key, {}), row_period)
    found = break_evens_of_rows(workspace, ctx, query, by, walks)
    return [
        replace(row, figures=replace(row.figures, break_even_date=found.get(row.key)))
        for row in rows
    ]


def _rows(
    ctx: Context, query: Query, by: str, groups: dict[str, Totals], costs_only: bool = False
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


def _ordered_keys(groups: dict[str, Totals], by: str, ctx: Context) -> list[str]:
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
