"""The engine's one cache: what it works out once per state of a workspace.

A :class:`Context` holds the records the figures need (settings, campaigns, valuations, other
returns), the cost ledger (every cost spread and shared out in memory by
:func:`roidesk.core.costs.allocate`) and the sums and answers asked for so far. The one rule:
a context serves while :meth:`Workspace.change_stamp` and the day are what they were when it
was built; any write at all (this connection's, a restore, another program's) and the next
question builds a new one from the file. Nothing is kept on disk and nothing outlives a write,
but the shared-out costs, which are remembered by the very records they come from
(:func:`shared_out`): a write that changed no cost or campaign, or a second connection to the
same file, takes them instead of sharing out again.
"""

from __future__ import annotations

import threading
import weakref
from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar, cast

from roidesk.core.costs import allocate, cost_horizon
from roidesk.core.ledger import CostLedger
from roidesk.core.months import month_bounds, month_key
from roidesk.core.records import (
    VALUED_METRICS,
    Campaign,
    Cost,
    OtherReturn,
    Settings,
    Valuation,
)
from roidesk.core.valuations import Priced, change_dates, priced_in_force
from roidesk.storage import Workspace
from roidesk.storage.aggregates import (
    ResultScope,
    SumRow,
    daily_result_sums,
    less,
    month_sums,
    range_sums,
    result_span,
)

T = TypeVar("T")
_DAY = timedelta(days=1)
#: How many sums and answers one state keeps: enough for the filters a user goes back and
#: forth between (a dashboard's answer on 1M rows, 300 campaign rows, takes ~280 KB).
KEPT = 256


@dataclass
class Context:
    """What the engine knows about one state of a workspace (see the module's rule)."""

    stamp: tuple[Any, ...]
    settings: Settings
    campaigns: list[Campaign]
    valuations: list[Valuation]
    other_returns: list[OtherReturn]
    ledger: CostLedger
    horizon: date
    span: tuple[date, date] | None  # first and last day of any result row
    _cuts: list[date] = field(default_factory=list)
    _kept: dict[Hashable, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._cuts = sorted(change_dates(self.valuations))

    def remembered(self, question: Hashable, answer: Callable[[], T]) -> T:
        """The answer to ``question`` given before in this state, else ``answer()``, kept."""
        found = self._kept.get(question)
        if found is None:
            if len(self._kept) >= KEPT:
                self._kept.clear()
            found = self._kept[question] = answer()
        return cast(T, found)

    def values_in_force(self, platform: str | None, source: str, day: date) -> dict[str, Priced]:
        """Metric → value, low and high per unit in force on a platform's rows of a source
        on a day (impressions per one); a metric valued at nothing there is left out."""
        since = bisect_right(self._cuts, day)  # the same values until the next valuation

        def values() -> dict[str, Priced]:
            found = {}
            for metric in VALUED_METRICS:
                price = priced_in_force(self.valuations, metric, platform, day, source)
                if price is not None:
                    found[metric] = (
                        Priced(*(part / 1000 for part in price))
                        if metric == "impressions"
                        else price
                    )
            return found

        return self.remembered(("values", platform, source, since), values)

    def whole_month_sums(
        self, workspace: Workspace, first: str, last: str, scope: ResultScope, by: str | None
    ) -> list[SumRow]:
        """Result sums of the whole months ``first``..``last`` (``result_months``)."""
        return self.remembered(
            ("months", first, last, _scope_key(scope), by),
            lambda: month_sums(workspace.db, first, last, scope, by),
        )

    def edge_sums(
        self, workspace: Workspace, low: date, high: date, scope: ResultScope, by: str | None
    ) -> list[SumRow]:
        """Result sums of a part of a month: from the rows (by the date index), or where the
        rest of the month is shorter, the month's sums less the rest's rows (fewer rows read;
        both sides of a month a valuation cuts then read the shorter side only)."""

        def summed() -> list[SumRow]:
            month = month_key(low)
            first, last = month_bounds(month)
            rest = [(a, b) for a, b in ((first, low - _DAY), (high + _DAY, last)) if a <= b]
            if (
                month_key(high) != month
                or sum((b - a).days + 1 for a, b in rest) * 2 >= (last - first).days + 1
            ):
                return range_sums(workspace.db, low, high, scope, by)
            whole = self.whole_month_sums(workspace, month, month, scope, by)
            parts = [row for a, b in rest for row in self.edge_sums(workspace, a, b, scope, by)]
            return less(whole, parts)

        return self.remembered(("edge", low, high, _scope_key(scope), by), summed)

    def daily_sums(
        self, workspace: Workspace, start: date, end: date, scope: ResultScope
    ) -> list[SumRow]:
        """Result sums per day and platform, from the rows."""
        return self.remembered(
            ("days", start, end, _scope_key(scope)),
            lambda: daily_result_sums(workspace.db, start, end, scope),
        )


def _scope_key(scope: ResultScope) -> Hashable:
    ids = None if scope.campaign_ids is None else tuple(scope.campaign_ids)
    return ids, scope.platform, scope.content_type


#: The one cache: the latest context of each open workspace.
_CACHE: weakref.WeakKeyDictionary[Workspace, Context] = weakref.WeakKeyDictionary()


def context(workspace: Workspace, today: date | None = None) -> Context:
    """The context of the workspace's current state: the cached one, or built anew."""
    today = today or date.today()
    stamp = (*workspace.change_stamp(), today)
    cached = _CACHE.get(workspace)
    if cached is not None and cached.stamp == stamp:
        return cached
    built = _build(workspace, stamp, today)
    _CACHE[workspace] = built
    return built


def _build(workspace: Workspace, stamp: tuple[Any, ...], today: date) -> Context:
    """Read the records and share out the costs of the workspace as it is now."""
    campaigns = workspace.campaigns()
    span = result_span(workspace.db)
    horizon = cost_horizon(today, (c.end for c in campaigns), None if span is None else span[1])
    return Context(
        stamp=stamp,
        settings=workspace.settings(),
        campaigns=campaigns,
        valuations=workspace.valuations(),
        other_returns=workspace.other_returns(),
        ledger=shared_out(workspace.costs(), campaigns, horizon),
        horizon=horizon,
        span=span,
    )


#: The shared-out costs of the last few inputs (costs, campaigns, horizon): a write that
#: changed no cost or campaign (an import of results, a valuation) and a second connection to
#: the same file (the window's and the dashboard's) take them instead of sharing out again.
#: Keyed by the records themselves, so they can never be stale.
_SHARED_OUT: OrderedDict[Hashable, CostLedger] = OrderedDict()
_SHARED_OUT_KEPT = 2
_SHARING_OUT = threading.Lock()


def shared_out(costs: Sequence[Cost], campaigns: Sequence[Campaign], horizon: date) -> CostLedger:
    """:func:`roidesk.core.costs.allocate` of these records, computed once per distinct input."""
    key = (tuple(costs), tuple(campaigns), horizon)
    with _SHARING_OUT:  # a second thread asking for the same waits, then takes it
        ledger = _SHARED_OUT.get(key)
        if ledger is None:
            ledger = allocate(costs, campaigns, horizon)
            _SHARED_OUT[key] = ledger
            while len(_SHARED_OUT) > _SHARED_OUT_KEPT:
                _SHARED_OUT.popitem(last=False)
        else:
            _SHARED_OUT.move_to_end(key)
        return ledger


def clear_cache() -> None:
    """Forget every context and shared-out ledger, as a new process would (benchmarks)."""
    _CACHE.clear()
    with _SHARING_OUT:
        _SHARED_OUT.clear()
