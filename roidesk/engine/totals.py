"""The additive parts of the figures for a question: result sums, other returns and
shared-out costs per group, from the storage sums and the engine's cache (``engine.state``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from operator import add
from typing import Any

from roidesk.core import kpi
from roidesk.core.costs import from_units
from roidesk.core.figures import Query
from roidesk.core.ledger import CostKey, CostLedger
from roidesk.core.months import month_key, split_months
from roidesk.core.records import COUNT_METRICS, CostCategory, Settings
from roidesk.core.valuations import change_dates
from roidesk.engine.state import Context
from roidesk.storage import Workspace
from roidesk.storage.aggregates import ResultScope, SumRow
from roidesk.storage.results import SUMMED

GENERAL = "general"
NO_PLATFORM = "no platform"
_ADVERTISING = str(CostCategory.ADVERTISING)


@dataclass(slots=True)
class Totals:
    """Additive parts of the figures (money in exact Decimal, cost in units).

    ``valued_low``/``valued_high``: the valued return with every valuation at its low/high
    value. ``clicks``: link clicks per (platform key, paid?); ``ad_by_platform``: advertising
    cost units per platform key — what the paid-equivalent value is made of.
    ``valued_by_metric``: per valued metric, its valued return at the values, lows and highs
    (what "what moves ROI most" swings one at a time).
    """

    counts: list[int] = field(default_factory=lambda: [0] * len(COUNT_METRICS))
    revenue_units: int = 0
    valued: Decimal = Decimal(0)
    valued_low: Decimal = Decimal(0)
    valued_high: Decimal = Decimal(0)
    other: Decimal = Decimal(0)
    cost_units: int = 0
    ad_units: int = 0
    clicks: dict[tuple[str | None, bool], int] = field(default_factory=dict)
    ad_by_platform: dict[str | None, int] = field(default_factory=dict)
    valued_by_metric: dict[str, tuple[Decimal, Decimal, Decimal]] = field(default_factory=dict)

    def add(self, other: Totals) -> None:
        self.counts = [a + b for a, b in zip(self.counts, other.counts, strict=True)]
        self.revenue_units += other.revenue_units
        self.other += other.other
        self.cost_units += other.cost_units
        self.ad_units += other.ad_units
        _merge(self.clicks, other.clicks)
        _merge(self.ad_by_platform, other.ad_by_platform)
        for metric, amounts in other.valued_by_metric.items():  # adds valued, low and high
            self._add_valued(metric, *amounts)

    def _add_valued(self, metric: str, value: Decimal, low: Decimal, high: Decimal) -> None:
        """Add a metric's valued return at its value, low and high to every running total."""
        self.valued += value
        self.valued_low += low
        self.valued_high += high
        found = self.valued_by_metric.get(metric)
        self.valued_by_metric[metric] = (
            (value, low, high)
            if found is None
            else (found[0] + value, found[1] + low, found[2] + high)
        )

    def paid_clicks_and_costs(self) -> list[tuple[Decimal, int, int]]:
        """Per platform: (advertising cost, paid link clicks, organic link clicks)."""
        platforms = {platform for platform, _ in self.clicks}
        return [
            (
                from_units(self.ad_by_platform.get(platform, 0)),
                self.clicks.get((platform, True), 0),
                self.clicks.get((platform, False), 0),
            )
            for platform in platforms
        ]


def _merge(into: dict[Any, int], more: dict[Any, int]) -> None:
    for key, units in more.items():
        into[key] = into.get(key, 0) + units


def platform_key(platform: str | None) -> str | None:
    """The platform as costs and results are matched: case-insensitively."""
    return None if platform is None else platform.casefold()


# ---------------------------------------------------------------------------- the period
def period_of(ctx: Context, workspace: Workspace, query: Query) -> tuple[date, date] | None:
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
def campaign_ids(ctx: Context, query: Query) -> list[int] | None:
    if query.campaign_id is not None:
        return [query.campaign_id]
    if query.client_id is not None:
        return [c.id for c in ctx.campaigns if c.client_id == query.client_id and c.id is not None]
    return None


def same_platform(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def cost_filter(ids: list[int] | None, platform: str | None) -> Callable[[CostKey], bool] | None:
    """Which ledger keys the filter keeps (``None``: every key)."""
    if ids is None and platform is None:
        return None
    wanted = None if ids is None else set(ids)

    def keep(key: CostKey) -> bool:
        campaign_id, key_platform, _ = key
        if wanted is not None and campaign_id not in wanted:
            return False
        return platform is None or same_platform(key_platform, platform)

    return keep


def group_label(by: str | None, value: Any) -> str:
    if by is None:
        return ""
    if by == "campaign":
        return GENERAL if value is None else str(value)
    if by == "platform":
        return NO_PLATFORM if value is None else str(value)
    return str(value)


# ---------------------------------------------------------------------------- the sums
def grouped_totals(
    workspace: Workspace,
    ctx: Context,
    query: Query,
    bys: tuple[str | None, ...],
    *,
    cost_bys: tuple[str, ...] = (),
) -> tuple[dict[str | None, dict[str, Totals]], tuple[date, date] | None]:
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
    out: dict[str | None, dict[str, Totals]] = {by: defaultdict(Totals) for by in (*bys, *cost_bys)}
    period = period_of(ctx, workspace, query)
    if period is None or period[1] < period[0]:
        return {by: {} for by in out}, period
    start, end = period
    ids = campaign_ids(ctx, query)
    platform = query.platform
    result_bys = [by for by in bys if by != "category"]
    if result_bys:
        scope = ResultScope(ids, platform, query.content_type)
        sql_by = next((by for by in result_bys if by in ("campaign", "month")), None)
        for row, day in _result_rows(workspace, ctx, start, end, scope, sql_by):
            for by in result_bys:
                value = row.platform if by == "platform" else row.group
                add_result_row(out[by][group_label(by, value)], row, day, ctx)
        if query.content_type is None:
            _add_other_returns(out, ctx, (start, end), ids, platform, result_bys)
    if query.content_type is None:
        keep = cost_filter(ids, platform)
        # advertising per platform only serves the paid-equivalent value: none without paid clicks
        per_platform = any(
            paid for groups in out.values() for part in groups.values() for _, paid in part.clicks
        )
        costs_by = _cost_groups(ctx.ledger, start, end, keep, (*bys, *cost_bys), per_platform)
        for by, costs in costs_by.items():
            groups = out[by]
            for label, part in costs.items():
                groups[label].add(part)
    return {by: dict(groups) for by, groups in out.items()}, period


def _add_other_returns(
    out: dict[str | None, dict[str, Totals]],
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
        if platform is not None and not same_platform(other.platform, platform):
            continue
        for by in bys:
            key = {
                "campaign": other.campaign_id,
                "platform": other.platform,
                "month": month_key(other.date),
            }.get(by or "")
            out[by][group_label(by, key)].other += other.amount


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
_CLICKS = _METRIC_INDEX["link_clicks"]


def add_result_row(target: Totals, row: SumRow, day: date, ctx: Context) -> None:
    """Add one group's result sums, valued by the valuations in force for its platform and
    source on ``day`` (at the values, the lows and the highs)."""
    sums = row.sums
    target.counts = list(map(add, target.counts, sums))  # stops at the counts (shorter)
    target.revenue_units += sums[_REVENUE]
    clicks = sums[_CLICKS]
    if clicks:
        key = (platform_key(row.platform), row.source == "paid")
        target.clicks[key] = target.clicks.get(key, 0) + clicks
    for metric, (value, low, high) in ctx.values_in_force(row.platform, row.source, day).items():
        quantity = sums[_METRIC_INDEX[metric]]
        if quantity:
            amount = quantity * value
            target._add_valued(
                metric,
                amount,
                amount if low is value else quantity * low,
                amount if high is value else quantity * high,
            )


#: Where each key grouping's value is in a ledger key (campaign, platform, category).
_KEY_INDEX = {"campaign": 0, "platform": 1, "category": 2}


def _cost_groups(
    ledger: CostLedger,
    start: date,
    end: date,
    keep: Callable[[CostKey], bool] | None,
    bys: tuple[str | None, ...],
    per_platform: bool = True,
) -> dict[str | None, dict[str, Totals]]:
    """Cost, advertising cost and (``per_platform``) advertising cost per platform per group
    label, for each grouping (the cost parts of :class:`Totals` only)."""
    out: dict[str | None, dict[str, Totals]] = {by: defaultdict(Totals) for by in bys}
    by_month = [by for by in bys if by in (None, "month")]
    if by_month:
        _month_costs(out, ledger, (start, end), keep, by_month, per_platform)
    by_key = [by for by in bys if by not in (None, "month")]
    if by_key:
        _key_costs(out, ledger.key_totals(start, end, keep), by_key, per_platform)
    return {by: dict(groups) for by, groups in out.items()}


def _month_costs(
    out: dict[str | None, dict[str, Totals]],
    ledger: CostLedger,
    period: tuple[date, date],
    keep: Callable[[CostKey], bool] | None,
    bys: list[str | None],
    per_platform: bool,
) -> None:
    """Add the costs per month (or of the whole period) to the groupings ``bys``."""
    start, end = period
    for (month, category), units in ledger.month_categories(start, end, keep).items():
        for by in bys:
            slot = out[by][month if by == "month" else ""]
            slot.cost_units += units
            if category == _ADVERTISING:
                slot.ad_units += units
    ads = _advertising_by_month(ledger, start, end, keep) if per_platform else {}
    for (month, platform), units in ads.items():
        for by in bys:
            found = out[by][month if by == "month" else ""].ad_by_platform
            found[platform] = found.get(platform, 0) + units


def _key_costs(
    out: dict[str | None, dict[str, Totals]],
    totals: dict[CostKey, int],
    bys: Sequence[str | None],
    per_platform: bool,
) -> None:
    """Add the period's per-key cost totals to the groupings ``bys`` by campaign, platform or
    category: summed by the key's raw value (a tuple index), each group labelled once."""
    for by in bys:
        index = _KEY_INDEX[by or ""]
        groups: dict[Any, Totals] = defaultdict(Totals)
        for key, units in totals.items():
            slot = groups[key[index]]
            slot.cost_units += units
            if key[2] != _ADVERTISING:
                continue
            slot.ad_units += units
            if per_platform:
                platform = platform_key(key[1])
                slot.ad_by_platform[platform] = slot.ad_by_platform.get(platform, 0) + units
        for value, slot in groups.items():
            out[by][group_label(by, value)].add(slot)


def _advertising_by_month(
    ledger: CostLedger, start: date, end: date, keep: Callable[[CostKey], bool] | None
) -> dict[tuple[str, str | None], int]:
    """Advertising cost units per (``YYYY-MM``, platform key) of the kept keys."""

    def advertising(key: CostKey) -> bool:
        return key[2] == _ADVERTISING and (keep is None or keep(key))

    found = ledger.by_month(start, end, advertising, lambda key: platform_key(key[1]) or "")
    return {(month, platform or None): units for (month, platform), units in found.items()}


def return_of(totals: Totals, settings: Settings) -> Decimal:
    direct = kpi.direct_return(from_units(totals.revenue_units), settings.gross_margin)
    return direct + totals.valued + totals.other


def return_range_of(totals: Totals, settings: Settings) -> tuple[Decimal, Decimal]:
    """The total return with every valuation at its low value and at its high value."""
    direct = kpi.direct_return(from_units(totals.revenue_units), settings.gross_margin)
    return direct + totals.valued_low + totals.other, direct + totals.valued_high + totals.other
