"""Costs per day: spreading, monthly recurrence and the two-step sharing-out (SPEC "Rules").

Money here is integer ten-thousandths of the currency unit ("units", as stored), so every
share is exact and every split of a period or breakdown adds up to the unit:

* a cost with an end date is spread evenly over its days, both ends included; where the
  amount does not divide evenly, the first days carry one unit (0.0001) more;
* a monthly cost occurs on its start date's day of the month (the month's last day where that
  day does not exist) until its "until" date (or the horizon: today or the latest date known);
* general costs (no campaign) go to campaigns in proportion to each campaign's own costs in
  that calendar month, else evenly among the campaigns active in the month, else stay
  unallocated; then costs with no platform go to platforms in proportion to the campaign's
  own platform-tagged costs in the month (for the unallocated pool: the general
  platform-tagged costs), else stay "no platform". Shares are apportioned by largest
  remainder, ties to the lower campaign id / platform name.
"""

from __future__ import annotations

import calendar
import heapq
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from itertools import accumulate, pairwise
from typing import Any, TypeVar

from roidesk.core.records import Campaign, Cost, Repeat, canonical_platform

UNIT = Decimal("0.0001")
K = TypeVar("K")

#: (campaign id or None, platform or None, category value)
CostKey = tuple[int | None, str | None, str]
#: A cost of one day that does not repeat and has an amount, as storage reads it without
#: making a record (an import's daily ad spend: thousands of them): id, day as ISO text,
#: campaign id, platform, category value, amount in units.
DayCostRow = tuple[int, str, int | None, str | None, str, int]


def to_units(amount: Decimal) -> int:
    """Money → integer ten-thousandths (half-up)."""
    scaled = amount.scaleb(4)
    if scaled.is_finite():  # the usual amount of at most four places: no rounding to do
        whole = int(scaled)
        if whole == scaled:
            return whole
    return int(amount.quantize(UNIT, rounding=ROUND_HALF_UP).scaleb(4))


def from_units(units: int) -> Decimal:
    """Integer ten-thousandths → money."""
    return Decimal(units).scaleb(-4)


def month_key(day: date) -> str:
    """``YYYY-MM`` of a date."""
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a ``YYYY-MM`` month."""
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def add_months(day: date, months: int, day_of_month: int) -> date:
    """The day ``months`` after ``day``'s month, on ``day_of_month`` or the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day_of_month, last))


def occurrence_dates(cost: Cost, horizon: date) -> list[date]:
    """The dates a cost occurs on: its start, or every month on the start's day until "until"."""
    if cost.repeat != Repeat.MONTHLY:
        return [cost.start]
    last = cost.until if cost.until is not None else horizon
    dates: list[date] = []
    step = 0
    while True:
        day = add_months(cost.start, step, cost.start.day)
        if day > last:
            return dates
        dates.append(day)
        step += 1


def spread(units: int, days: int) -> list[int]:
    """Split ``units`` evenly over ``days`` days; the first days carry the remainder."""
    sign = -1 if units < 0 else 1
    whole, extra = divmod(abs(units), days)
    return [sign * (whole + (1 if index < extra else 0)) for index in range(days)]


def cost_days(cost: Cost, horizon: date) -> list[tuple[date, int]]:
    """Every (day, units) of one cost, recurrence and spreading applied."""
    units = to_units(cost.total)
    length = (cost.end - cost.start).days + 1 if cost.end and cost.end > cost.start else 1
    out: list[tuple[date, int]] = []
    shares = spread(units, length)
    for first in occurrence_dates(cost, horizon):
        out.extend((first + timedelta(days=offset), share) for offset, share in enumerate(shares))
    return out


def apportion(
    units: int, weights: Sequence[tuple[K, int]], total: int | None = None
) -> list[tuple[K, int]]:
    """Share ``units`` in proportion to positive integer weights, exactly (largest remainder).

    ``total`` is the sum of the weights, when the caller already knows it.
    """
    if len(weights) == 1:  # the common case: one campaign or platform takes it all
        return [(weights[0][0], units)] if units else []
    if total is None:
        total = sum(weight for _, weight in weights)
    sign = -1 if units < 0 else 1
    amount = abs(units)
    shares: list[int] = []
    remainders: list[tuple[int, int]] = []
    for index, (_, weight) in enumerate(weights):
        share, remainder = divmod(amount * weight, total)
        shares.append(share)
        remainders.append((-remainder, index))
    for _, index in sorted(remainders)[: amount - sum(shares)]:
        shares[index] += 1
    return [(weights[i][0], sign * share) for i, share in enumerate(shares) if share]


def month_index(day: date) -> int:
    """Months since year 0 (``year * 12 + month − 1``): consecutive months are consecutive ints."""
    return day.year * 12 + day.month - 1


def month_of_index(index: int) -> str:
    """``YYYY-MM`` of a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _index_bounds(index: int) -> tuple[int, int]:
    """First and last day (ordinals) of a month index."""
    year, month = divmod(index, 12)
    first = date(year, month + 1, 1)
    return first.toordinal(), first.toordinal() + calendar.monthrange(year, month + 1)[1] - 1


#: A run of days with the same amount: (first day ordinal, last day ordinal, units per day).
Run = tuple[int, int, int]


class _Months:
    """Month index ↔ day ordinals, memoised (a ledger touches the same months again and again)."""

    def __init__(self) -> None:
        self._bounds: dict[int, tuple[int, int]] = {}

    def bounds(self, month: int) -> tuple[int, int]:
        found = self._bounds.get(month)
        if found is None:
            found = self._bounds[month] = _index_bounds(month)
        return found

    def split(self, first: int, last: int) -> list[tuple[int, int, int]]:
        """(month, first, last) pieces of the day range [first, last]."""
        out = []
        month = month_index(date.fromordinal(first))
        while first <= last:
            _, month_last = self.bounds(month)
            out.append((month, first, min(last, month_last)))
            first = month_last + 1
            month += 1
        return out


def cost_runs(cost: Cost, horizon: date) -> list[Run]:
    """The runs of equal daily amounts of one cost (recurrence and spreading applied)."""
    units = to_units(cost.total)
    length = (cost.end - cost.start).days + 1 if cost.end and cost.end > cost.start else 1
    sign = -1 if units < 0 else 1
    whole, extra = divmod(abs(units), length)
    runs: list[Run] = []
    for first in occurrence_dates(cost, horizon):
        day = first.toordinal()
        if extra:
            runs.append((day, day + extra - 1, sign * (whole + 1)))
        if whole and length > extra:
            runs.append((day + extra, day + length - 1, sign * whole))
    return runs


def merge_runs(runs: Iterable[Run]) -> list[Run]:
    """Overlapping runs → non-overlapping runs whose amount is each day's total."""
    if not isinstance(runs, list):
        runs = list(runs)
    if len(runs) == 1:
        return runs if runs[0][2] else []
    changes: dict[int, int] = defaultdict(int)
    for first, last, per_day in runs:
        changes[first] += per_day
        changes[last + 1] -= per_day
    merged: list[Run] = []
    level = 0
    points = sorted(changes)
    for here, after in pairwise(points):
        level += changes[here]
        if level:
            merged.append((here, after - 1, level))
    return merged


def month_span(
    start: date, end: date | None, monthly: bool, until: date | None, horizon: date
) -> tuple[int, int]:
    """The first and last month a cost from ``start`` (to ``end``, recurring monthly until
    ``until`` or the horizon) can have days in (a superset for recurring costs)."""
    length = (end - start).days if end and end > start else 0
    last = start
    if monthly:
        last = max(start, until if until is not None else horizon)
    return month_index(start), month_index(last + timedelta(days=length + 31))


def _month_span(cost: Cost, horizon: date) -> tuple[int, int]:
    return month_span(cost.start, cost.end, cost.repeat == Repeat.MONTHLY, cost.until, horizon)


def _own_runs(
    costs: Iterable[Cost],
    horizon: date,
    months: _Months,
    only: set[int] | None,
    day_rows: Sequence[DayCostRow] = (),
) -> dict[tuple[int, int | None, str | None, str], list[Run]]:
    """Each cost's runs of equal days cut at month ends, per (month, campaign, platform,
    category) — of the months in ``only``, when given. ``day_rows`` are more costs, of one
    day each, taken in id order with ``costs``.

    A cost of one day that does not repeat (an import's daily ad spend: thousands of them) is
    one run on its day: it takes a short path with the same outcome as :func:`cost_runs` and
    :meth:`_Months.split` (none where it is zero).
    """
    own: dict[tuple[int, int | None, str | None, str], list[Run]] = defaultdict(list)
    low_month, high_month = (min(only), max(only)) if only else (0, 0)
    platforms: dict[str | None, str | None] = {}
    categories: dict[object, str] = {}
    month_of: dict[date, int] = {}  # each day's month index (days repeat across costs)
    days: dict[str, date] = {}  # each ISO day of ``day_rows`` as a date
    monthly = Repeat.MONTHLY

    def one_day(start: date, campaign_id: int | None, platform: str | None, category: str,
                units: int) -> None:  # fmt: skip
        month = month_of.get(start)
        if month is None:
            month = month_of[start] = month_index(start)
        if units and (only is None or month in only):
            day = start.toordinal()
            own[(month, campaign_id, platform, category)].append((day, day, units))

    items: Iterable[Cost | DayCostRow] = (
        heapq.merge(costs, day_rows, key=_id_of) if day_rows else costs
    )
    for cost in items:
        if type(cost) is tuple:
            _, text, campaign_id, stored_platform, category, units = cost
            if stored_platform not in platforms:
                platforms[stored_platform] = canonical_platform(stored_platform)
            start = days.get(text) or days.setdefault(text, date.fromisoformat(text))
            one_day(start, campaign_id, platforms[stored_platform], category, units)
            continue
        assert isinstance(cost, Cost)
        if cost.platform not in platforms:
            platforms[cost.platform] = canonical_platform(cost.platform)
        platform = platforms[cost.platform]
        category = categories.get(cost.category)  # type: ignore[assignment]
        if category is None:
            category = categories[cost.category] = str(cost.category)
        start, end = cost.start, cost.end
        if cost.repeat != monthly and (end is None or end <= start):  # one day, once
            one_day(start, cost.campaign_id, platform, category, to_units(cost.total))
            continue
        if only is not None:
            first_month, last_month = _month_span(cost, horizon)
            if last_month < low_month or first_month > high_month:
                continue
        for first, last, per_day in cost_runs(cost, horizon):
            for month, low, high in months.split(first, last):
                if only is None or month in only:
                    own[(month, cost.campaign_id, platform, category)].append((low, high, per_day))
    return own


def _id_of(item: Cost | DayCostRow) -> int:
    return item[0] if type(item) is tuple else (item.id or 0)  # type: ignore[union-attr,index]


def allocate(
    costs: Iterable[Cost],
    campaigns: Iterable[Campaign],
    horizon: date,
    only: set[int] | None = None,
    categories: set[str] | None = None,
    day_rows: Sequence[DayCostRow] = (),
) -> CostLedger:
    """Expand and share out every cost; returns the ledger of shares (runs of equal days).

    Sharing out is month by month, so ``only`` (month indexes) builds just those months; and
    category by category once the weights (every cost's units per campaign and platform) are
    known, so ``categories`` shares out just those. ``day_rows`` are costs of one day as
    storage reads them (:data:`DayCostRow`), shared out with ``costs`` as if they were records
    (both in id order).
    """
    months = _Months()
    own = _own_runs(costs, horizon, months, only, day_rows)

    campaign_month: dict[tuple[int, int], int] = defaultdict(int)
    platform_month: dict[tuple[int, int | None], dict[str, int]] = defaultdict(
        lambda: defaultdict(int)
    )
    for (month, campaign_id, platform, _), runs in own.items():
        units = sum((high - low + 1) * per_day for low, high, per_day in runs)
        if campaign_id is not None:
            campaign_month[(month, campaign_id)] += units
        if platform is not None:
            platform_month[(month, campaign_id)][platform] += units

    spans = sorted(
        (c.id, c.start.toordinal(), c.end.toordinal()) for c in campaigns if c.id is not None
    )
    campaign_weights: dict[int, list[tuple[int, int]]] = {}

    def weights_for_month(month: int) -> list[tuple[int, int]]:
        if month not in campaign_weights:
            by_cost: list[tuple[int, int]] = [
                (cid, campaign_month[(month, cid)])
                for cid, _, _ in spans
                if campaign_month.get((month, cid), 0) > 0
            ]
            if not by_cost:
                first, last = months.bounds(month)
                by_cost = [(cid, 1) for cid, start, end in spans if start <= last and end >= first]
            campaign_weights[month] = by_cost
        return campaign_weights[month]

    to_campaigns: dict[tuple[int, int], list[tuple[int, int]]] = {}
    to_platforms: dict[tuple[int, tuple[int, int | None]], list[tuple[str, int]]] = {}

    # step 1: general costs to campaigns, day by day (a run shares alike on each of its days)
    step1: dict[tuple[int, int | None, str | None, str], list[Run]] = defaultdict(list)
    for (month, campaign_id, platform, category), runs in own.items():
        if categories is not None and category not in categories:
            continue
        weights = weights_for_month(month) if campaign_id is None else []
        if not weights:
            step1[(month, campaign_id, platform, category)].extend(runs)
            continue
        for low, high, per_day in merge_runs(runs):
            memo = (per_day, month)
            if memo not in to_campaigns:
                to_campaigns[memo] = apportion(per_day, weights)
            for target, share in to_campaigns[memo]:
                step1[(month, target, platform, category)].append((low, high, share))

    # step 2: no-platform costs to platforms
    shared: dict[tuple[int, CostKey], list[Run]] = defaultdict(list)
    platform_weights: dict[tuple[int, int | None], list[tuple[str, int]]] = {}
    weight_totals: dict[tuple[int, int | None], int] = {}
    for (month, campaign_id, platform, category), runs in step1.items():
        if platform is not None:
            shared[(month, (campaign_id, platform, category))].extend(runs)
            continue
        slot = (month, campaign_id)
        by_platform = platform_weights.get(slot)
        if by_platform is None:
            tagged = platform_month.get(slot, {})
            by_platform = platform_weights[slot] = [
                (p, w) for p, w in sorted(tagged.items()) if w > 0
            ]
            weight_totals[slot] = sum(w for _, w in by_platform)
        if not by_platform:
            shared[(month, (campaign_id, None, category))].extend(runs)
            continue
        for low, high, per_day in merge_runs(runs):
            memo_key = (per_day, slot)
            found = to_platforms.get(memo_key)
            if found is None:
                found = to_platforms[memo_key] = apportion(
                    per_day, by_platform, weight_totals[slot]
                )
            for to_platform, share in found:
                shared[(month, (campaign_id, to_platform, category))].append((low, high, share))
    return CostLedger.from_shares(shared)


def _edited_costs(before: Sequence[Cost], after: Sequence[Cost]) -> list[Cost]:
    """The costs in one list and not the other (old and new versions of an edited cost)."""
    old_by_id = {cost.id: cost for cost in before if cost.id is not None}
    new_by_id = {cost.id: cost for cost in after if cost.id is not None}
    changed = [
        cost
        for cost_id in old_by_id.keys() | new_by_id.keys()
        if old_by_id.get(cost_id) != new_by_id.get(cost_id)
        for cost in (old_by_id.get(cost_id), new_by_id.get(cost_id))
        if cost is not None
    ]
    # costs not stored yet have no id; equal ones may repeat (a multiset difference)
    old_count = Counter(cost for cost in before if cost.id is None)
    new_count = Counter(cost for cost in after if cost.id is None)
    changed.extend((old_count - new_count) + (new_count - old_count))
    return changed


def _weigh_nothing(edited: list[Cost], horizon: date, campaigns: Sequence[Campaign]) -> bool:
    """Whether the edited costs weigh in no share of another category.

    Costs of no campaign weigh nothing among campaigns. One with a platform weighs among the
    platforms of what no campaign takes — which happens only in a month no campaign runs in.
    """
    if any(cost.campaign_id is not None for cost in edited):
        return False
    if all(canonical_platform(cost.platform) is None for cost in edited):
        return True
    months = _Months()
    spent = {
        month
        for cost in edited
        for first, last, _ in cost_runs(cost, horizon)
        for month, _, _ in months.split(first, last)
    }
    running: set[int] = set()
    for campaign in campaigns:
        if campaign.id is not None:
            running.update(range(month_index(campaign.start), month_index(campaign.end) + 1))
    return spent <= running


def cost_horizon(today: date, campaign_ends: Iterable[date], last_result: date | None) -> date:
    """The last day monthly costs without an end run to: today or the latest date known."""
    latest = [today, *campaign_ends]
    if last_result is not None:
        latest.append(last_result)
    return max(latest)


@dataclass(frozen=True)
class Reshare:
    """What must be shared out again after a change: months, and only some categories."""

    months: set[int]
    categories: set[str] | None = None  # None: every category of those months


def to_share_again(
    edited: Sequence[Cost],
    moved: Iterable[tuple[date, date]],
    costs: Sequence[Cost],
    campaigns: Sequence[Campaign],
    horizons: tuple[date, date],
) -> Reshare:
    """The months (and categories) to share out again after ``edited`` costs changed (old and
    new versions), campaigns spanning ``moved`` (start, end) were added, removed or moved, and
    the horizon went from ``horizons[0]`` to ``horizons[1]``; ``costs`` and ``campaigns`` are
    the ones after the change.

    Sharing out is month-local, so only the months a changed cost or campaign (or a moved
    horizon) touches change.
    """
    old_horizon, horizon = horizons
    moved = list(moved)
    spans = [_month_span(cost, max(old_horizon, horizon)) for cost in edited]
    touched = months_to_share_again(spans, moved, costs, horizons)
    alone = old_horizon == horizon and edited and not moved
    if alone and _weigh_nothing(list(edited), horizon, campaigns):
        # only the edited costs' own categories are shared out again (the common edit of a
        # tools or fee subscription, or of an ad budget of no campaign)
        return Reshare(touched, {str(cost.category) for cost in edited})
    return Reshare(touched)


def months_to_share_again(
    spans: Iterable[tuple[int, int]],
    moved: Iterable[tuple[date, date]],
    costs: Sequence[Cost],
    horizons: tuple[date, date],
) -> set[int]:
    """Every month of the changed costs' ``spans`` (:func:`month_span`, to the later horizon)
    and of the ``moved`` campaigns, and where the horizon moved, the months monthly costs
    without an end gain or lose (``costs`` as they are after the change)."""
    touched: set[int] = set()
    for first, last in spans:
        touched.update(range(first, last + 1))
    for start, end in moved:
        touched.update(range(month_index(start), month_index(end) + 1))
    old_horizon, horizon = horizons
    if old_horizon != horizon:  # monthly costs without an end run to the horizon
        low, high = sorted((old_horizon, horizon))
        for cost in costs:
            if cost.repeat == Repeat.MONTHLY and cost.until is None:
                touched.update(range(month_index(low), _month_span(cost, high)[1] + 1))
    return touched


def reshare(
    ledger: CostLedger,
    plan: Reshare,
    costs: Sequence[Cost],
    campaigns: Sequence[Campaign],
    horizon: date,
) -> CostLedger:
    """``ledger`` with the months (and categories) of ``plan`` shared out again."""
    if not plan.months:
        return ledger
    if plan.categories is not None:
        fresh = allocate(costs, campaigns, horizon, plan.months, plan.categories)
        return ledger.with_months(fresh, plan.months, plan.categories)
    known = set(ledger.months())
    if len(plan.months & known) * 2 > max(len(known), 1):
        return allocate(costs, campaigns, horizon)
    return ledger.with_months(allocate(costs, campaigns, horizon, plan.months), plan.months)


def change_between(
    before: tuple[Sequence[Cost], Sequence[Campaign], date],
    after: tuple[Sequence[Cost], Sequence[Campaign], date],
) -> Reshare:
    """What must be shared out again to go from ``before`` to ``after`` (costs, campaigns,
    horizon)."""
    old_costs, old_campaigns, old_horizon = before
    costs, campaigns, horizon = after
    moved = [(c.start, c.end) for c in set(old_campaigns) ^ set(campaigns)]
    return to_share_again(
        _edited_costs(old_costs, costs), moved, costs, campaigns, (old_horizon, horizon)
    )


def _keyed_runs(keys: list[CostKey], runs_of: Callable[[], list[Any]]) -> dict[CostKey, list[Run]]:
    return dict(zip(keys, runs_of(), strict=True))


class _LazyRuns(dict[int, dict[CostKey, list[Run]]]):
    """A stored ledger's runs per month, each month's made when first asked for (like the
    ``defaultdict`` of a built ledger: a month without costs gives an empty one)."""

    def __init__(self, pending: dict[int, Callable[[], dict[CostKey, list[Run]]]]) -> None:
        super().__init__()
        self._pending = pending

    def __missing__(self, month: int) -> dict[CostKey, list[Run]]:
        make = self._pending.pop(month, None)
        runs: dict[CostKey, list[Run]] = defaultdict(list, make() if make else {})
        self[month] = runs
        return runs

    def _all(self) -> None:
        for month in list(self._pending):
            self[month]

    def get(self, month: int, default: Any = None) -> Any:  # type: ignore[override]
        return self[month] if month in self._pending else super().get(month, default)

    def __contains__(self, month: object) -> bool:
        return month in self._pending or super().__contains__(month)

    def __iter__(self) -> Iterator[int]:
        self._all()
        return super().__iter__()

    def __len__(self) -> int:
        return len(self._pending) + super().__len__()

    def keys(self) -> Any:
        self._all()
        return super().keys()

    def values(self) -> Any:
        self._all()
        return super().values()

    def items(self) -> Any:
        self._all()
        return super().items()


class CostLedger:
    """The shared-out costs as runs of equal days per month and key, summed without day loops.

    Whole months come from per-month sums; the partial months at a period's edges from the
    month's runs of each key.
    """

    def __init__(self) -> None:
        self._runs: dict[int, dict[CostKey, list[Run]]] = defaultdict(lambda: defaultdict(list))
        self._month_sums: dict[int, dict[CostKey, int]] = defaultdict(lambda: defaultdict(int))
        self._first: int | None = None
        self._last: int | None = None
        self._months = _Months()
        # built on first use: per month and category (all keys), and per key a running total
        self._category_sums: dict[int, dict[str, int]] | None = None
        self._running: tuple[int, dict[CostKey, list[int]]] | None = None
        self._asked = 0  # how often key totals were summed without running totals

    @classmethod
    def from_shares(cls, shares: dict[tuple[int, CostKey], list[Run]]) -> CostLedger:
        """A ledger from runs per (month, key), each run inside its month (built in bulk)."""
        ledger = cls()
        first = last = None
        all_runs, month_sums = ledger._runs, ledger._month_sums
        for (month, key), runs in shares.items():
            units = 0
            kept = []
            for run in runs:
                low, high, per_day = run
                if per_day:
                    kept.append(run)
                    units += (high - low + 1) * per_day
                    if first is None or low < first:
                        first = low
                    if last is None or high > last:
                        last = high
            if kept:
                all_runs[month][key].extend(kept)
                month_sums[month][key] += units
        ledger._first, ledger._last = first, last
        return ledger

    @classmethod
    def from_stored(
        cls, months: Iterable[tuple[int, Sequence[Sequence[Any]], Callable[[], list[Any]]]]
    ) -> CostLedger:
        """A ledger as a workspace keeps it: per month, its ``(campaign, platform, category,
        units)`` entries and a function giving each entry's runs in the same order — called
        only when a question needs that month's days (the partial months at a period's edges,
        or days for a chart), since most questions need only month sums."""
        ledger = cls()
        pending: dict[int, Callable[[], dict[CostKey, list[Run]]]] = {}
        for month, entries, runs_of in months:
            keys = [
                (campaign_id, platform, category) for campaign_id, platform, category, _ in entries
            ]
            ledger._month_sums[month] = defaultdict(
                int, zip(keys, (entry[3] for entry in entries), strict=True)
            )
            pending[month] = partial(_keyed_runs, keys, runs_of)
        ledger._runs = _LazyRuns(pending)
        ledger._find_ends()
        return ledger

    def month_entries(
        self, months: set[int] | None = None, categories: set[str] | None = None
    ) -> Iterator[tuple[int, list[tuple[int | None, str | None, str, int, list[Run]]]]]:
        """Per month (of ``months`` only, when given): ``(campaign, platform, category,
        units, runs)`` of each key (of ``categories`` only, when given)."""
        for month, by_key in self._runs.items():
            if months is not None and month not in months:
                continue
            sums = self._month_sums[month]
            entries = [
                (*key, sums[key], runs)
                for key, runs in by_key.items()
                if categories is None or key[2] in categories
            ]
            if entries:
                yield month, entries

    def _find_ends(self) -> None:
        """The first and last day with a cost (runs lie inside their month, which has sums)."""
        months = [month for month, sums in self._month_sums.items() if sums]
        if not months:
            self._first = self._last = None
            return
        self._first = min(run[0] for runs in self._runs[min(months)].values() for run in runs)
        self._last = max(run[1] for runs in self._runs[max(months)].values() for run in runs)

    def months(self) -> list[int]:
        """The month indexes that have costs."""
        return [month for month, sums in self._month_sums.items() if sums]

    def with_months(
        self, other: CostLedger, months: set[int], categories: set[str] | None = None
    ) -> CostLedger:
        """A new ledger: this one with ``months`` taken from ``other`` — only the keys of
        ``categories`` when given (this one is unchanged)."""
        merged = CostLedger()
        for month, by_key in self._runs.items():
            if not by_key:
                continue
            if month not in months:
                merged._runs[month] = by_key
                merged._month_sums[month] = self._month_sums[month]
            elif categories is not None:  # the other categories' keys stay as they were
                sums = self._month_sums[month]
                kept = {key: runs for key, runs in by_key.items() if key[2] not in categories}
                if kept:
                    merged._runs[month] = defaultdict(list, kept)
                    merged._month_sums[month] = defaultdict(int, {k: sums[k] for k in kept})
        for month, by_key in other._runs.items():
            if month not in months or not by_key:
                continue
            if categories is None or month not in merged._runs:
                merged._runs[month] = by_key
                merged._month_sums[month] = other._month_sums[month]
            else:
                sums = other._month_sums[month]
                merged._runs[month].update(by_key)
                merged._month_sums[month].update({key: sums[key] for key in by_key})
        merged._find_ends()
        if categories is not None and self._running is not None:
            merged._running = merged._running_totals_from(self._running, categories)
        return merged

    def _running_totals_from(
        self, earlier: tuple[int, dict[CostKey, list[int]]], categories: set[str]
    ) -> tuple[int, dict[CostKey, list[int]]] | None:
        """Running totals taking the rows of keys outside ``categories`` from ``earlier`` (when
        the months span the same range; otherwise None: built again when asked for)."""
        base, rows = earlier
        if not self._month_sums or min(self._month_sums) != base:
            return None
        length = max(self._month_sums) - base + 1
        if any(len(row) != length + 1 for row in rows.values()):
            return None
        running = {key: row for key, row in rows.items() if key[2] not in categories}
        running.update(self._running_rows(base, length, categories))
        return base, running

    def _running_rows(
        self, base: int, length: int, categories: set[str] | None = None
    ) -> dict[CostKey, list[int]]:
        """Per key (of ``categories``, or every key): the running total over the months from
        ``base``, ``length`` months, as a list whose ``[i]`` is the units before month ``i``."""
        per_month: dict[CostKey, list[int]] = {}
        for month, by_key in self._month_sums.items():
            slot = month - base + 1
            for key, units in by_key.items():
                if categories is not None and key[2] not in categories:
                    continue
                row = per_month.get(key)
                if row is None:
                    row = per_month[key] = [0] * (length + 1)
                row[slot] += units
        return {key: list(accumulate(row)) for key, row in per_month.items()}

    def keys(self) -> list[CostKey]:
        """Every (campaign, platform, category) that has costs."""
        return list({key for sums in self._month_sums.values() for key in sums})

    def first_day(self) -> date | None:
        """The first day with a cost."""
        return None if self._first is None else date.fromordinal(self._first)

    def last_day(self) -> date | None:
        """The last day with a cost."""
        return None if self._last is None else date.fromordinal(self._last)

    @staticmethod
    def _between(runs: list[Run], low: int, high: int) -> int:
        total = 0
        for first, last, per_day in runs:
            days = min(last, high) - max(first, low) + 1
            if days > 0:
                total += days * per_day
        return total

    def by_month(
        self,
        start: date | None,
        end: date | None,
        keep: Callable[[CostKey], bool],
        group: Callable[[CostKey], str] = lambda key: "",
    ) -> dict[tuple[str, str], int]:
        """Units of the kept keys in the period, per (``YYYY-MM``, group)."""
        if self._first is None or self._last is None:
            return {}
        low = self._first if start is None else max(start.toordinal(), self._first)
        high = self._last if end is None else min(end.toordinal(), self._last)
        if high < low:
            return {}
        kept: dict[CostKey, bool] = {}
        labels: dict[CostKey, str] = {}
        out: dict[tuple[str, str], int] = defaultdict(int)
        first_month = month_index(date.fromordinal(low))
        last_month = month_index(date.fromordinal(high))
        for month in range(first_month, last_month + 1):
            sums = self._month_sums.get(month)
            if not sums:
                continue
            name = month_of_index(month)
            month_low, month_high = self._months.bounds(month)
            whole = low <= month_low and month_high <= high
            runs = None if whole else self._runs[month]  # days only where the period cuts
            for key, units in sums.items():
                keep_it = kept.get(key)
                if keep_it is None:
                    keep_it = kept[key] = keep(key)
                    labels[key] = group(key)
                if not keep_it:
                    continue
                if runs is not None:
                    units = self._between(runs[key], low, high)
                if units:
                    out[(name, labels[key])] += units
        return dict(out)

    def _clip(self, start: date | None, end: date | None) -> tuple[int, int] | None:
        """The period as day ordinals clipped to the days with costs (None: no overlap)."""
        if self._first is None or self._last is None:
            return None
        low = self._first if start is None else max(start.toordinal(), self._first)
        high = self._last if end is None else min(end.toordinal(), self._last)
        return (low, high) if low <= high else None

    def _whole_months(self, low: int, high: int) -> tuple[int, int, list[int]]:
        """First and last whole month inside [low, high] (ordinals) and the partial months."""
        first_month = month_index(date.fromordinal(low))
        last_month = month_index(date.fromordinal(high))
        partial = []
        if self._months.bounds(first_month)[0] < low:
            partial.append(first_month)
            first_month += 1
        if last_month >= first_month and high < self._months.bounds(last_month)[1]:
            partial.append(last_month)
            last_month -= 1
        return first_month, last_month, sorted(set(partial))

    def month_categories(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool] | None
    ) -> dict[tuple[str, str], int]:
        """Units per (``YYYY-MM``, category) in the period; ``keep=None`` keeps every key.

        Unfiltered whole months come from per-month category sums; the rest key by key.
        """
        if keep is not None:
            return self.by_month(start, end, keep, lambda key: key[2])
        clipped = self._clip(start, end)
        if clipped is None:
            return {}
        low, high = clipped
        if self._category_sums is None:
            sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for month, by_key in self._month_sums.items():
                for key, units in by_key.items():
                    sums[month][key[2]] += units
            self._category_sums = sums
        first_month, last_month, partial = self._whole_months(low, high)
        out: dict[tuple[str, str], int] = defaultdict(int)
        for month in range(first_month, last_month + 1):
            found = self._category_sums.get(month)
            if found:
                name = month_of_index(month)
                for category, units in found.items():
                    if units:
                        out[(name, category)] += units
        for month in partial:
            name = month_of_index(month)
            for key, runs in self._runs.get(month, {}).items():
                units = self._between(runs, low, high)
                if units:
                    out[(name, key[2])] += units
        return dict(out)

    def _running_totals(self) -> tuple[int, dict[CostKey, list[int]]]:
        """(first month, per key: units of the months before ``first month + i`` at ``[i]``)."""
        if self._running is None:
            if not self._month_sums:
                return 0, {}
            base = min(self._month_sums)
            length = max(self._month_sums) - base + 1
            self._running = (base, self._running_rows(base, length))
        return self._running

    def key_totals(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool] | None
    ) -> dict[CostKey, int]:
        """Units per key in the period: whole months from running totals, edges from runs."""
        clipped = self._clip(start, end)
        if clipped is None:
            return {}
        low, high = clipped
        first_month, last_month, partial = self._whole_months(low, high)
        out: dict[CostKey, int] = {}
        if first_month <= last_month and self._running is None and self._asked < 2:
            # the first two questions (a dashboard's period and the one before) sum the month
            # sums; building running totals pays from the third on
            self._asked += 1
            for month in range(first_month, last_month + 1):
                for key, units in self._month_sums.get(month, {}).items():
                    if keep is None or keep(key):
                        out[key] = out.get(key, 0) + units
            out = {key: units for key, units in out.items() if units}
        elif first_month <= last_month:  # row[i] = units of the months before base + i
            base, running = self._running_totals()
            first_slot, last_slot = first_month - base, last_month - base + 1
            for key, row in running.items():
                if keep is not None and not keep(key):
                    continue
                units = row[last_slot] - row[first_slot]
                if units:
                    out[key] = units
        for month in partial:
            for key, runs in self._runs.get(month, {}).items():
                if keep is not None and not keep(key):
                    continue
                units = self._between(runs, low, high)
                if units:
                    out[key] = out.get(key, 0) + units
        return out

    def daily(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool] | None
    ) -> dict[date, int]:
        """Units of the kept keys per day in the period (``keep=None`` keeps every key)."""
        if self._first is None or self._last is None:
            return {}
        low = self._first if start is None else max(start.toordinal(), self._first)
        high = self._last if end is None else min(end.toordinal(), self._last)
        out: dict[int, int] = defaultdict(int)
        if high < low:
            return {}
        for month in range(
            month_index(date.fromordinal(low)), month_index(date.fromordinal(high)) + 1
        ):
            for key, runs in self._runs.get(month, {}).items():
                if keep is not None and not keep(key):
                    continue
                for first, last, per_day in runs:
                    for day in range(max(first, low), min(last, high) + 1):
                        out[day] += per_day
        return {date.fromordinal(day): units for day, units in sorted(out.items())}
