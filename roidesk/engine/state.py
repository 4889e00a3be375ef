"""What the engine keeps per workspace, between questions and between runs.

A :class:`Context` holds the records, the shared-out cost ledger and the result sums read so
far for one state of the workspace. After a write, the change tokens (``storage.aggregates``)
decide what is read or shared out again. A new run takes the cost ledger the file keeps
(``storage.cost_shares``) and the result sums an earlier run saved in the user's cache folder
(``storage.engine_cache``, at exit, with the month tokens they rest on).
"""

from __future__ import annotations

import atexit
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from operator import add
from pathlib import Path
from typing import Any, TypeVar, cast

from roidesk.core.costs import (
    CostLedger,
    allocate,
    change_between,
    cost_horizon,
    month_bounds,
    month_key,
    reshare,
    to_share_again,
)
from roidesk.core.figures import Query
from roidesk.core.records import (
    VALUED_METRICS,
    Campaign,
    Cost,
    OtherReturn,
    Settings,
    Valuation,
)
from roidesk.core.valuations import value_in_force
from roidesk.storage import Workspace, codecs, cost_shares, engine_cache, result_pieces
from roidesk.storage.aggregates import (
    PieceRow,
    ResultScope,
    SumRow,
    daily_result_sums,
    data_version,
    month_pieces,
    month_revisions,
    month_sums,
    piece_sums,
    pieces_less,
    result_span,
    revisions,
)

T = TypeVar("T")
#: How many answers a workspace state keeps: enough for the filters a user goes back and forth
#: between; a dashboard's answer on 1M rows (300 campaign rows, 48 months) takes ~280 KB.
ANSWERS_KEPT = 16


@dataclass
class Context:
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
    #: answers already given in this state (the engine's summaries with their breakdowns)
    answers: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    records_of_costs: list[Cost] | None = None
    #: where the ledger came from: "stored" (kept in the file), "built", "updated" or "kept"
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

    def remembered(self, question: tuple[Any, ...], answer: Callable[[], T]) -> T:
        """The answer to ``question`` given before in this workspace state, else ``answer()``,
        kept (the dashboard back on a filter it showed; the state goes with the next write)."""
        found = self.answers.get(question)
        if found is None:
            if len(self.answers) >= ANSWERS_KEPT:
                self.answers.clear()
            found = self.answers[question] = answer()
        return cast(T, found)

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
            first, last = month_bounds(month_key(low))
            rest = [(a, b) for a, b in ((first, low - _DAY), (high + _DAY, last)) if a <= b]
            if high <= last and sum((b - a).days + 1 for a, b in rest) < (high - low).days + 1:
                found = pieces_less(
                    month_pieces(workspace.db, month_key(low)),
                    [row for a, b in rest for row in self.piece(workspace, a, b)],
                )
            else:
                found = piece_sums(workspace.db, low, high)
            self.pieces[(low, high)] = found
            _UNSAVED[workspace.path] = self
        return found


_DAY = timedelta(days=1)


_CACHE: weakref.WeakKeyDictionary[Workspace, Context] = weakref.WeakKeyDictionary()


def clear_cache(saved: Workspace | None = None) -> None:
    """Forget every cached cost ledger and partial-month sum, as a new process would
    (benchmarks, tests): what was built is saved first. With ``saved``, what is kept for that
    workspace between runs is forgotten too."""
    save_caches()
    _CACHE.clear()
    if saved is not None:
        engine_cache.forget(saved.path)


def forget_answers() -> None:
    """Forget the answers kept in memory, not the caches they were computed from (benchmarks:
    a question not asked before in a warm state)."""
    for kept in _CACHE.values():
        kept.answers.clear()


def _horizon(today: date, campaigns: list[Campaign], span: tuple[date, date] | None) -> date:
    """The last day monthly costs without an end run to: today or the latest date known."""
    return cost_horizon(today, (c.end for c in campaigns), None if span is None else span[1])


def _ledger(
    workspace: Workspace,
    cached: Context | None,
    cost_rows: list[tuple[Any, ...]],
    campaigns: list[Campaign],
    horizon: date,
) -> tuple[CostLedger, list[Cost] | None, str]:
    """The shared-out costs (and the cost records, when they had to be read for it).

    In a new run, the ledger the file keeps (``storage.cost_shares``), with the months that
    changes by another program or a later horizon (another day) touch shared out again; after
    an edit in this run, the cached ledger updated month by month; built where the file keeps
    none.
    """
    if cached is None:
        stored = cost_shares.read(workspace.db)
        if stored is not None and stored.current and stored.horizon == horizon:
            return stored.ledger, None, "stored"
        costs = codecs.COSTS.from_rows(cost_rows)
        if stored is None:
            return allocate(costs, campaigns, horizon), costs, "built"
        plan = to_share_again(
            stored.changed_costs, stored.moved_campaigns, costs, campaigns,
            (stored.horizon, horizon),
        )  # fmt: skip
        return reshare(stored.ledger, plan, costs, campaigns, horizon), costs, "stored"
    old_costs, costs = _records_before_and_after(cached, cost_rows)
    plan = change_between(
        (old_costs, cached.campaigns, cached.horizon), (costs, campaigns, horizon)
    )
    # a roidesk write has shared these months out in the file already: read, not done again
    shared = cost_shares.current_months(workspace.db, plan.months, horizon) if plan.months else None
    if shared is not None:
        return cached.ledger.with_months(shared, plan.months), costs, "updated"
    return reshare(cached.ledger, plan, costs, campaigns, horizon), costs, "updated"


def _records_before_and_after(
    cached: Context, cost_rows: list[tuple[Any, ...]]
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


def _changed(cached: Context | None, tokens: dict[str, int], *names: str) -> bool:
    """Whether any of the named tables changed since the cached state (always, without one)."""
    return cached is None or any(cached.tokens.get(n) != tokens.get(n) for n in names)


# ---------------------------------------------------------------------------- kept between runs
#: Contexts holding work not yet in the cache folder: workspace path → its latest context.
_UNSAVED: dict[Path, Context] = {}
#: How many entries of each result cache are saved (the latest used: the next run's questions).
_SAVED_ENTRIES = 64


def _month_tokens(months: dict[str, int], low: date, high: date) -> tuple[int | None, ...]:
    """The change tokens of the result months from ``low`` to ``high`` (a saved entry's key)."""
    return tuple(months.get(month) for month, _, _ in months_of(low, high))


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
        try:
            payload = {
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
    return {month for month, _, _ in months_of(low, high)}


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


def _kept_result_sums(cached: Context | None, months: dict[str, int]) -> _KeptSums:
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


def context(workspace: Workspace, today: date | None = None) -> Context:
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
        kept.caches["pieces"].update(result_pieces.read(workspace.db))  # kept in the file

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
        ledger, costs, ledger_from = _ledger(workspace, cached, cost_rows, campaigns, horizon)
        same_ledger = False
    else:
        ledger, same_ledger, ledger_from = cached.ledger, True, "kept"
        costs = cached.records_of_costs
    # the daily series hold costs, valued and other returns, and margins: kept only when
    # none of those changed, and then only for months whose results did not change
    same_days = same_ledger and not _changed(
        cached, tokens, "settings", "valuations", "other_returns"
    )
    built = Context(
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
    return built


def edge_rows(
    workspace: Workspace, ctx: Context, low: date, high: date, scope: ResultScope, by: str | None
) -> list[SumRow]:
    """A partial month's sums for one filter and grouping, from its cached pieces (memoised)."""
    ids = None if scope.campaign_ids is None else tuple(scope.campaign_ids)
    memo = (low, high, ids, scope.platform, scope.content_type, by)
    found = ctx.edges.get(memo)
    if found is not None:
        return found
    wanted = None if ids is None else set(ids)
    platform = scope.platform.casefold() if scope.platform else None
    month = month_key(low)
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


def months_of(start: date, end: date) -> Iterator[tuple[str, date, date]]:
    month = month_key(start)
    while True:
        first, last = month_bounds(month)
        if first > end:
            return
        yield month, max(first, start), min(last, end)
        month = month_key(last + timedelta(days=1))
