"""Summaries and breakdowns: storage sums + shared-out costs → :class:`Figures`.

Result rows are never loaded: whole months come from ``result_months``, edge days and months
in which a valuation starts mid-month from an indexed ``GROUP BY`` on ``results``. Costs (few)
are expanded and shared out once per workspace state and cached.
"""

from __future__ import annotations

import atexit
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from operator import add, sub
from pathlib import Path
from typing import Any, Literal

from roidesk.core import kpi
from roidesk.core.breakeven import break_even_date, payback_days
from roidesk.core.costs import (
    CostKey,
    CostLedger,
    allocate,
    from_units,
    month_bounds,
    reallocate,
)
from roidesk.core.figures import Figures, Query
from roidesk.core.records import (
    COUNT_METRICS,
    VALUED_METRICS,
    Campaign,
    Cost,
    CostCategory,
    OtherReturn,
    Settings,
    Valuation,
)
from roidesk.core.valuations import change_dates, value_in_force
from roidesk.storage import Workspace, codecs, engine_cache
from roidesk.storage.aggregates import (
    SUMMED,
    PieceRow,
    ResultScope,
    SumRow,
    daily_result_sums,
    data_version,
    month_pieces,
    month_revisions,
    month_sums,
    piece_sums,
    result_span,
    revisions,
    split_months,
)

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


@dataclass
class _Context:
    """What the engine keeps per workspace state: records, the cost ledger and result caches.

    ``stamp`` changes with any write at all; then the change tokens of each table decide
    what is read again (``storage.aggregates.revisions``): an import keeps the cost ledger, a
    cost edit re-reads only the costs and keeps the partial-month sums, a valuation edit keeps
    the ledger.
    """

    stamp: tuple[Any, ...]
    tokens: dict[str, int]
    settings: Settings
    campaigns: list[Campaign]
    valuations: list[Valuation]
    other_returns: list[OtherReturn]
    cost_rows: list[tuple[Any, ...]]  # as stored; turned into Cost records only when needed
    ledger: CostLedger
    horizon: date
    span: tuple[date, date] | None
    months: dict[str, int]  # month → change token of its result sums
    pieces: dict[tuple[date, date], list[PieceRow]] = field(default_factory=dict)
    values: dict[tuple[str | None, date], dict[str, Decimal]] = field(default_factory=dict)
    days: dict[Query, list[tuple[date, Decimal, Decimal]]] = field(default_factory=dict)
    edges: dict[tuple[Any, ...], list[SumRow]] = field(default_factory=dict)
    day_sums: dict[tuple[Any, ...], list[SumRow]] = field(default_factory=dict)
    whole: dict[tuple[Any, ...], list[SumRow]] = field(default_factory=dict)
    records_of_costs: list[Cost] | None = None
    #: where the ledger came from: "saved" (an earlier run), "built", "updated" or "kept"
    ledger_from: str = "built"

    def costs(self) -> list[Cost]:
        """The costs as records (converted once, when a cost edit needs the old ones)."""
        if self.records_of_costs is None:
            self.records_of_costs = codecs.COSTS.from_rows(self.cost_rows)
        return self.records_of_costs

    def whole_month_sums(
        self,
        workspace: Workspace,
        first_month: str,
        last_month: str,
        scope: ResultScope,
        by: str | None,
    ) -> list[SumRow]:
        """Sums of whole months for one filter and grouping (cached until their months change)."""
        ids = None if scope.campaign_ids is None else tuple(scope.campaign_ids)
        low, high = month_bounds(first_month)[0], month_bounds(last_month)[1]
        memo = (low, high, ids, scope.platform, scope.content_type, by)
        found = self.whole.get(memo)
        if found is None:
            if len(self.whole) > 256:
                self.whole.clear()
            found = self.whole[memo] = month_sums(workspace.db, first_month, last_month, scope, by)
            _UNSAVED[workspace.path] = self
        return found

    def daily_sums(
        self, workspace: Workspace, start: date, end: date, scope: ResultScope
    ) -> list[SumRow]:
        """Result sums per day and platform (cached until the results change)."""
        ids = None if scope.campaign_ids is None else tuple(scope.campaign_ids)
        memo = (start, end, ids, scope.platform, scope.content_type)
        found = self.day_sums.get(memo)
        if found is None:
            if len(self.day_sums) > 256:
                self.day_sums.clear()
            found = self.day_sums[memo] = daily_result_sums(workspace.db, start, end, scope)
            _UNSAVED[workspace.path] = self
        return found

    def values_in_force(self, platform: str | None, day: date) -> dict[str, Decimal]:
        """Metric → value per unit in force for a platform on a day (memoised)."""
        slot = (platform, day)
        found = self.values.get(slot)
        if found is None:
            found = {}
            for metric in VALUED_METRICS:
                value = value_in_force(self.valuations, metric, platform, day)
                if value is not None:
                    found[metric] = value / 1000 if metric == "impressions" else value
            self.values[slot] = found
        return found

    def piece(self, workspace: Workspace, low: date, high: date) -> list[PieceRow]:
        """The cached sums of a part of a month (read from the rows once per state).

        Where the rest of the month is shorter, the part is the month's sums (kept per month)
        minus the rest's rows: fewer rows read, and a month cut in two reads one side only.
        """
        found = self.pieces.get((low, high))
        if found is None:
            if len(self.pieces) > 512:
                self.pieces.clear()
            first, last = month_bounds(f"{low:%Y-%m}")
            rest = [(a, b) for a, b in ((first, low - _DAY), (high + _DAY, last)) if a <= b]
            if high <= last and sum((b - a).days + 1 for a, b in rest) < (high - low).days + 1:
                found = _minus(
                    month_pieces(workspace.db, f"{low:%Y-%m}"),
                    [row for a, b in rest for row in self.piece(workspace, a, b)],
                )
            else:
                found = piece_sums(workspace.db, low, high)
            self.pieces[(low, high)] = found
            _UNSAVED[workspace.path] = self
        return found


_DAY = timedelta(days=1)


def _minus(whole: list[PieceRow], parts: list[PieceRow]) -> list[PieceRow]:
    """The sums of ``whole`` less those of ``parts``, per campaign, platform and content type."""
    sums: dict[tuple[int | None, str | None, str | None], tuple[int, ...]] = {
        (row.campaign_id, row.platform, row.content_type): row.sums for row in whole
    }
    for row in parts:
        key = (row.campaign_id, row.platform, row.content_type)
        sums[key] = tuple(map(sub, sums[key], row.sums))
    return [PieceRow(*key, values) for key, values in sums.items() if any(values)]


_CACHE: weakref.WeakKeyDictionary[Workspace, _Context] = weakref.WeakKeyDictionary()


def clear_cache(saved: Workspace | None = None) -> None:
    """Forget every cached cost ledger and partial-month sum, as a new process would
    (benchmarks, tests): what was built is saved first. With ``saved``, what is kept for that
    workspace between runs is forgotten too."""
    save_caches()
    _CACHE.clear()
    if saved is not None:
        engine_cache.forget(saved.path)


def _horizon(today: date, campaigns: list[Campaign], span: tuple[date, date] | None) -> date:
    """The last day monthly costs without an end run to: today or the latest date known."""
    latest = [today, *(c.end for c in campaigns)]
    if span is not None:
        latest.append(span[1])
    return max(latest)


def _ledger(
    cached: _Context | None,
    saved: dict[str, Any] | None,
    tokens: dict[str, int],
    cost_rows: list[tuple[Any, ...]],
    campaigns: list[Campaign],
    horizon: date,
) -> tuple[CostLedger, list[Cost] | None, str]:
    """The shared-out costs (and the cost records, when they had to be read for it).

    Taken from the copy an earlier run saved when the costs and campaigns are the same (a
    later horizon — another day — shares out again only the months it adds), updated month by
    month after an edit, or built.
    """
    if cached is None and saved is not None:
        found = saved.get("ledger")
        ledger = None
        if found is not None and tuple(found[:2]) == (tokens["costs"], tokens["campaigns"]):
            try:
                ledger = CostLedger.from_plain(found[3])
            except (TypeError, ValueError, AttributeError):  # not what this version saves
                ledger = None
        if ledger is not None:
            if found[2] == horizon.toordinal():
                return ledger, None, "saved"
            costs = codecs.COSTS.from_rows(cost_rows)
            before = (costs, campaigns, date.fromordinal(found[2]))
            return reallocate(ledger, before, (costs, campaigns, horizon)), costs, "saved"
    if cached is None:
        costs = codecs.COSTS.from_rows(cost_rows)
        return allocate(costs, campaigns, horizon), costs, "built"
    old_costs, costs = _records_before_and_after(cached, cost_rows)
    before = (old_costs, cached.campaigns, cached.horizon)
    return reallocate(cached.ledger, before, (costs, campaigns, horizon)), costs, "updated"


def _records_before_and_after(
    cached: _Context, cost_rows: list[tuple[Any, ...]]
) -> tuple[list[Cost], list[Cost]]:
    """The cost records before and after a write, each row made a record once.

    Rows the write left alone keep the records already made; where there are none yet (the
    ledger was read back from the cache folder), only the changed old rows are made records,
    the rest of the old list is the new one's records (equal rows, equal records).
    """
    if cached.cost_rows is cost_rows:  # a campaign edit or a new horizon
        costs = cached.costs()
        return costs, costs
    made = (
        dict(zip(cached.cost_rows, cached.records_of_costs, strict=True))
        if cached.records_of_costs is not None
        else {}
    )
    fresh = [row for row in cost_rows if row not in made]
    made.update(zip(fresh, codecs.COSTS.from_rows(fresh), strict=True))
    costs = [made[row] for row in cost_rows]
    gone = [row for row in cached.cost_rows if row not in made]
    made.update(zip(gone, codecs.COSTS.from_rows(gone), strict=True))
    return [made[row] for row in cached.cost_rows], costs


def _changed(cached: _Context | None, tokens: dict[str, int], *names: str) -> bool:
    """Whether any of the named tables changed since the cached state (always, without one)."""
    return cached is None or any(cached.tokens.get(n) != tokens.get(n) for n in names)


# ---------------------------------------------------------------------------- kept between runs
#: Contexts holding work not yet in the cache folder: workspace path → its latest context.
_UNSAVED: dict[Path, _Context] = {}
#: How many entries of each result cache are saved (the latest used: the next run's questions).
_SAVED_ENTRIES = 64


def _month_tokens(months: dict[str, int], low: date, high: date) -> tuple[int | None, ...]:
    """The change tokens of the result months from ``low`` to ``high`` (a saved entry's key)."""
    return tuple(months.get(month) for month, _, _ in _months(low, high))


def _plain_sums(cache: dict[tuple[Any, ...], list[Any]], months: dict[str, int]) -> dict[Any, Any]:
    """A result cache (keys start with the period's first and last day) as plain data."""
    plain = {}
    for memo, rows in list(cache.items())[-_SAVED_ENTRIES:]:
        low, high = memo[0], memo[1]
        plain[(low.toordinal(), high.toordinal(), *memo[2:])] = (
            _month_tokens(months, low, high),
            [tuple(row) for row in rows],
        )
    return plain


def _sums_from_plain(plain: Any, months: dict[str, int], row: Callable[..., Any]) -> dict[Any, Any]:
    """The saved entries whose months still have the tokens they were read under."""
    cache = {}
    for key, (tokens, rows) in plain.items():
        low, high = date.fromordinal(key[0]), date.fromordinal(key[1])
        if tokens == _month_tokens(months, low, high):
            cache[(low, high, *key[2:])] = [row(*values) for values in rows]
    return cache


def _saved_result_sums(saved: dict[str, Any] | None, months: dict[str, int]) -> dict[str, Any]:
    """The result caches an earlier run saved, as far as the months are unchanged."""
    caches: dict[str, Any] = {"pieces": {}, "edges": {}, "day_sums": {}, "whole": {}}
    if saved is None:
        return caches
    try:
        caches["pieces"] = _sums_from_plain(saved.get("pieces", {}), months, PieceRow)
        caches["day_sums"] = _sums_from_plain(saved.get("day_sums", {}), months, SumRow)
        caches["whole"] = _sums_from_plain(saved.get("whole", {}), months, SumRow)
        caches["edges"] = _sums_from_plain(saved.get("edges", {}), months, SumRow)
    except (TypeError, ValueError, AttributeError):  # not what this version saves: unused
        return {"pieces": {}, "edges": {}, "day_sums": {}, "whole": {}}
    return caches


def save_caches() -> None:
    """Put what the engine worked out into the cache folder (at exit, and by
    :func:`clear_cache`): the ledger with the tokens it rests on, and the latest result sums."""
    while _UNSAVED:
        try:
            path, ctx = _UNSAVED.popitem()
        except KeyError:  # emptied by another thread meanwhile
            return
        ledger = (ctx.tokens["costs"], ctx.tokens["campaigns"], ctx.horizon.toordinal())
        try:
            payload = {
                "ledger": (*ledger, ctx.ledger.to_plain()),
                "pieces": _plain_sums(ctx.pieces, ctx.months),
                "day_sums": _plain_sums(ctx.day_sums, ctx.months),
                "whole": _plain_sums(ctx.whole, ctx.months),
                "edges": _plain_sums(ctx.edges, ctx.months),
            }
        except RuntimeError:  # a worker thread was adding to it: the next run builds it again
            continue
        engine_cache.save(path, payload)


atexit.register(save_caches)


@dataclass(frozen=True)
class _KeptSums:
    """The result caches that survive a write, and the months whose sums changed."""

    caches: dict[str, Any]
    changed: set[str] | None  # None: every month (nothing kept)


def _months_between(low: date | None, high: date | None) -> set[str] | None:
    """Every ``YYYY-MM`` from ``low`` to ``high`` (None for an open range: every month)."""
    if low is None or high is None:
        return None
    return {month for month, _, _ in _months(low, high)}


def _kept(
    cache: dict[Any, Any], period: Callable[[Any], tuple[Any, Any]], changed: set[str] | None
) -> dict[Any, Any]:
    """The entries of a cache whose period touches none of the changed months."""
    if changed is None:
        return {}
    if not changed:
        return cache
    kept = {}
    for key, value in cache.items():
        months = _months_between(*period(key))
        if months is not None and not months & changed:
            kept[key] = value
    return kept


def _kept_result_sums(cached: _Context | None, months: dict[str, int]) -> _KeptSums:
    """Partial-month and daily sums of months whose token did not change are kept."""
    if cached is None:
        return _KeptSums({"pieces": {}, "edges": {}, "day_sums": {}, "whole": {}}, None)
    before = cached.months
    changed = {m for m in before.keys() | months.keys() if before.get(m) != months.get(m)}
    return _KeptSums(
        {
            "pieces": _kept(cached.pieces, lambda key: key, changed),
            "edges": _kept(cached.edges, lambda key: key[:2], changed),
            "day_sums": _kept(cached.day_sums, lambda key: key[:2], changed),
            "whole": _kept(cached.whole, lambda key: key[:2], changed),
        },
        changed,
    )


def context(workspace: Workspace, today: date | None = None) -> _Context:
    """The cached records, cost ledger and result sums of the workspace.

    After a write only what rests on the changed tables is rebuilt: the ledger when costs,
    campaigns, settings, valuations or other returns changed (or the horizon moved, and then
    only the months touched), the partial-month and daily result sums of the months whose
    results changed.
    """
    today = today or date.today()
    stamp = (*data_version(workspace.db), today)
    cached = _CACHE.get(workspace)
    if cached is not None and cached.stamp == stamp:
        return cached
    tokens = revisions(workspace.db)
    same_results = not _changed(cached, tokens, "results")
    span = cached.span if cached is not None and same_results else result_span(workspace.db)
    months = cached.months if cached is not None and same_results else month_revisions(workspace.db)
    saved = engine_cache.load(workspace.path) if cached is None else None
    kept = _kept_result_sums(cached, months)
    if cached is None:
        kept = _KeptSums(_saved_result_sums(saved, months), None)

    def reread(table: str, read: Callable[[], Any]) -> Any:
        return read() if _changed(cached, tokens, table) else getattr(cached, table)

    settings = reread("settings", workspace.settings)
    campaigns = reread("campaigns", workspace.campaigns)
    valuations = reread("valuations", workspace.valuations)
    other_returns = reread("other_returns", workspace.other_returns)
    cost_rows = (
        cached.cost_rows
        if cached is not None and not _changed(cached, tokens, "costs")
        else workspace.cost_rows()
    )
    horizon = _horizon(today, campaigns, span)
    costs: list[Cost] | None = None
    if (
        cached is None
        or _changed(cached, tokens, "costs", "campaigns")
        or (cached.horizon != horizon)
    ):
        ledger, costs, ledger_from = _ledger(cached, saved, tokens, cost_rows, campaigns, horizon)
        same_ledger = False
    else:
        ledger, same_ledger, ledger_from = cached.ledger, True, "kept"
        costs = cached.records_of_costs
    # the daily series hold costs, valued and other returns, and margins: kept only when
    # none of those changed, and then only for months whose results did not change
    same_days = same_ledger and not _changed(
        cached, tokens, "settings", "valuations", "other_returns"
    )
    built = _Context(
        stamp,
        tokens,
        settings,
        campaigns,
        valuations,
        other_returns,
        cost_rows,
        ledger,
        horizon,
        span,
        months,
        values=(
            cached.values
            if cached is not None and not _changed(cached, tokens, "valuations")
            else {}
        ),
        days=(
            _kept(cached.days, lambda query: (query.start, query.end), kept.changed)
            if cached is not None and same_days
            else {}
        ),
        **kept.caches,
        records_of_costs=costs,
        ledger_from=ledger_from,
    )
    _CACHE[workspace] = built
    if not same_ledger and costs is not None:
        _UNSAVED[workspace.path] = built  # a ledger built or updated here
    return built


# ---------------------------------------------------------------------------- the period
def _period(ctx: _Context, workspace: Workspace, query: Query) -> tuple[date, date] | None:
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


def _segments(ctx: _Context, start: date, end: date) -> list[tuple[date, date]]:
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
def _campaign_ids(ctx: _Context, query: Query) -> list[int] | None:
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
    ctx: _Context,
    query: Query,
    bys: tuple[str | None, ...],
    *,
    with_results: bool = True,
) -> tuple[dict[str | None, dict[str, _Totals]], tuple[date, date] | None]:
    """Additive parts per group for several groupings in one pass over the sums.

    ``bys`` is one grouping, or platform and category with campaign or with month (result
    sums come per campaign or month *and* platform, so they serve platform too). Without
    results only the costs (and none of the returns) are summed.
    """
    if len(bys) > 1 and (
        not set(bys) <= {"campaign", "month", "platform", "category"}
        or {"campaign", "month"} <= set(bys)
    ):
        raise ValueError(f"cannot group by {bys} in one pass")
    out: dict[str | None, dict[str, _Totals]] = {by: defaultdict(_Totals) for by in bys}
    period = _period(ctx, workspace, query)
    if period is None or period[1] < period[0]:
        return {by: {} for by in bys}, period
    start, end = period
    ids = _campaign_ids(ctx, query)
    platform = query.platform
    result_bys = [by for by in bys if by != "category"] if with_results else []
    if result_bys:
        scope = ResultScope(ids, platform, query.content_type)
        sql_by = next((by for by in result_bys if by in ("campaign", "month")), None)
        for row, day in _result_rows(workspace, ctx, start, end, scope, sql_by):
            for by in result_bys:
                value = row.platform if by == "platform" else row.group
                _add_result_row(out[by][_group_label(by, value)], row, day, ctx)
        if query.content_type is None:
            wanted = None if ids is None else set(ids)
            for other in ctx.other_returns:
                if not start <= other.date <= end:
                    continue
                if wanted is not None and other.campaign_id not in wanted:
                    continue
                if platform is not None and not _same(other.platform, platform):
                    continue
                for by in result_bys:
                    key = {
                        "campaign": other.campaign_id,
                        "platform": other.platform,
                        "month": f"{other.date:%Y-%m}",
                    }.get(by or "")
                    out[by][_group_label(by, key)].other += other.amount
    if query.content_type is None:
        keep = _cost_filter(ids, platform)
        for by, costs in _cost_groups(ctx.ledger, start, end, keep, bys).items():
            groups = out[by]
            for label, (cost, ad) in costs.items():
                groups[label].cost_units += cost
                groups[label].ad_units += ad
    return {by: dict(groups) for by, groups in out.items()}, period


def _result_rows(
    workspace: Workspace,
    ctx: _Context,
    start: date,
    end: date,
    scope: ResultScope,
    by: str | None,
) -> Iterator[tuple[SumRow, date]]:
    """Result sums per platform (and campaign or month), each with a day its valuations hold.

    The period is cut where a valuation starts; whole months are summed by SQL over
    ``result_months``, partial months come from the cached pieces, filtered here.
    """
    for low, high in _segments(ctx, start, end):
        edges, first_month, last_month = split_months(low, high)
        if first_month is not None and last_month is not None:
            for row in ctx.whole_month_sums(workspace, first_month, last_month, scope, by):
                yield row, low
        for edge_low, edge_high in edges:
            for row in _edge_rows(workspace, ctx, edge_low, edge_high, scope, by):
                yield row, low


def _edge_rows(
    workspace: Workspace, ctx: _Context, low: date, high: date, scope: ResultScope, by: str | None
) -> list[SumRow]:
    """A partial month's sums for one filter and grouping, from its cached pieces (memoised)."""
    ids = None if scope.campaign_ids is None else tuple(scope.campaign_ids)
    memo = (low, high, ids, scope.platform, scope.content_type, by)
    found = ctx.edges.get(memo)
    if found is not None:
        return found
    wanted = None if ids is None else set(ids)
    platform = scope.platform.casefold() if scope.platform else None
    month = f"{low:%Y-%m}"
    merged: dict[tuple[Any, str | None], tuple[int, ...]] = {}
    for piece in ctx.piece(workspace, low, high):
        if wanted is not None and piece.campaign_id not in wanted:
            continue
        if platform is not None and (piece.platform or "").casefold() != platform:
            continue
        if scope.content_type is not None and piece.content_type != scope.content_type:
            continue
        group = piece.campaign_id if by == "campaign" else month if by == "month" else None
        slot = (group, piece.platform)
        sums = merged.get(slot)
        merged[slot] = piece.sums if sums is None else tuple(map(add, sums, piece.sums))
    found = [SumRow(group, platform, sums) for (group, platform), sums in merged.items()]
    if len(ctx.edges) > 1024:
        ctx.edges.clear()
    ctx.edges[memo] = found
    _UNSAVED[workspace.path] = ctx
    return found


_METRIC_INDEX = {name: index for index, name in enumerate(SUMMED)}
_REVENUE = len(COUNT_METRICS)


def _add_result_row(target: _Totals, row: SumRow, day: date, ctx: _Context) -> None:
    sums = row.sums
    target.counts = list(map(add, target.counts, sums))  # stops at the counts (shorter)
    target.revenue_units += sums[_REVENUE]
    for metric, value in ctx.values_in_force(row.platform, day).items():
        quantity = sums[_METRIC_INDEX[metric]]
        if quantity:
            target.valued += quantity * value


def _months(start: date, end: date) -> Iterator[tuple[str, date, date]]:
    month = f"{start:%Y-%m}"
    while True:
        first, last = month_bounds(month)
        if first > end:
            return
        yield month, max(first, start), min(last, end)
        month = f"{last + timedelta(days=1):%Y-%m}"


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
        for key, units in ledger.key_totals(start, end, keep).items():
            campaign_id, platform, category = key
            advertising = category == _ADVERTISING
            for by in by_key:
                value = (
                    campaign_id if by == "campaign" else platform if by == "platform" else category
                )
                slot = out[by][_group_label(by, value)]
                slot[0] += units
                if advertising:
                    slot[1] += units
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
    counts = dict(zip(COUNT_METRICS, totals.counts, strict=True))
    cost = from_units(totals.cost_units) if costs_defined else None
    ad_spend = from_units(totals.ad_units) if costs_defined else None
    ltv = kpi.lifetime_value(settings)
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
    ctx: _Context,
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
    month sums per platform; the campaign breakdown from a second one, over costs alone when
    it is in ``cost_only`` (its return figures are then ``None``, as by category).
    """
    for by in bys:
        if by not in ("campaign", "platform", "month", "category"):
            raise ValueError(f"cannot break down by {by!r}")
    ctx = context(workspace, today)
    # one pass: the month sums per platform give month, platform and (costs only) category
    shared = ("month", *(by for by in bys if by in ("platform", "category")))
    grouped, period = _grouped_totals(workspace, ctx, query, shared)
    by_month = grouped["month"]
    figures = _summary(workspace, ctx, query, by_month, period)
    rows: dict[Breakdown, list[BreakdownRow]] = {}
    for by in bys:
        if by != "campaign":
            rows[by] = _rows(ctx, query, by, grouped[by])
    if "campaign" in bys:
        # with a content type filter costs are not defined: the rows come from the results
        costs_only = "campaign" in cost_only and query.content_type is None
        campaigns, _ = _grouped_totals(
            workspace, ctx, query, ("campaign",), with_results=not costs_only
        )
        rows["campaign"] = _rows(ctx, query, "campaign", campaigns["campaign"], costs_only)
    return figures, rows


def _return_of(totals: _Totals, settings: Settings) -> Decimal:
    direct = kpi.direct_return(from_units(totals.revenue_units), settings.gross_margin)
    return direct + totals.valued + totals.other


def _break_even(
    workspace: Workspace,
    ctx: _Context,
    query: Query,
    by_month: dict[str, _Totals],
    period: tuple[date, date],
) -> date | None:
    """Scan day by day only the months in which break-even can happen (monthly bounds)."""
    cost_before = Decimal(0)
    return_before = Decimal(0)
    for month, low, high in _months(*period):
        part = by_month.get(month, _Totals())
        cost_after = cost_before + from_units(part.cost_units)
        return_after = return_before + _return_of(part, ctx.settings)
        # inside the month cumulative return ≤ return_after, cumulative cost ≥ cost_before
        if return_after >= cost_before and cost_after > 0:
            month_query = replace(query, start=low, end=high)
            days = ctx.days.get(month_query)
            if days is None:
                if len(ctx.days) > 256:
                    ctx.days.clear()
                days = ctx.days[month_query] = daily_series(workspace, ctx, month_query)
            found = break_even_date(days, cost_before, return_before)
            if found is not None:
                return found
        cost_before, return_before = cost_after, return_after
    return None


def daily_series(
    workspace: Workspace, ctx: _Context, query: Query
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
    groups = _grouped_totals(workspace, ctx, query, (by,))[0][by]
    return _rows(ctx, query, by, groups)


def _rows(
    ctx: _Context, query: Query, by: str, groups: dict[str, _Totals], costs_only: bool = False
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


def _ordered_keys(groups: dict[str, _Totals], by: str, ctx: _Context) -> list[str]:
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
