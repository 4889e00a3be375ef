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
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from roidesk.core.records import Campaign, Cost, Repeat, canonical_platform

UNIT = Decimal("0.0001")

#: (campaign id or None, platform or None, category value)
CostKey = tuple[int | None, str | None, str]


def to_units(amount: Decimal) -> int:
    """Money → integer ten-thousandths (half-up)."""
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


def apportion(units: int, weights: Sequence[tuple[object, int]]) -> list[tuple[object, int]]:
    """Share ``units`` in proportion to positive integer weights, exactly (largest remainder)."""
    total = sum(weight for _, weight in weights)
    sign = -1 if units < 0 else 1
    amount = abs(units)
    shares = []
    remainders = []
    for index, (key, weight) in enumerate(weights):
        share, remainder = divmod(amount * weight, total)
        shares.append([key, share])
        remainders.append((-remainder, index))
    left = amount - sum(share for _, share in shares)
    for _, index in sorted(remainders)[:left]:
        shares[index][1] += 1
    return [(key, sign * share) for key, share in shares if share]  # type: ignore[misc]


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


_Cell = tuple[int, int | None, str | None, str]  # (day ordinal, campaign, platform, category)


def allocate(costs: Iterable[Cost], campaigns: Iterable[Campaign], horizon: date) -> CostLedger:
    """Expand and share out every cost; returns the per-day ledger of shares."""
    month_cache: dict[int, int] = {}

    def month_at(ordinal: int) -> int:
        found = month_cache.get(ordinal)
        if found is None:
            found = month_cache[ordinal] = month_index(date.fromordinal(ordinal))
        return found

    own: dict[_Cell, int] = defaultdict(int)
    for cost in costs:
        platform = canonical_platform(cost.platform)
        category = str(cost.category)
        for day, units in cost_days(cost, horizon):
            own[(day.toordinal(), cost.campaign_id, platform, category)] += units

    campaign_month: dict[tuple[int, int], int] = defaultdict(int)
    platform_month: dict[tuple[int, int | None], dict[str, int]] = defaultdict(
        lambda: defaultdict(int)
    )
    for (day, campaign_id, platform, _), units in own.items():
        month = month_at(day)
        if campaign_id is not None:
            campaign_month[(month, campaign_id)] += units
        if platform is not None:
            platform_month[(month, campaign_id)][platform] += units

    spans = sorted(
        (c.id, c.start.toordinal(), c.end.toordinal()) for c in campaigns if c.id is not None
    )
    campaign_weights: dict[int, list[tuple[object, int]]] = {}

    def weights_for_month(month: int) -> list[tuple[object, int]]:
        if month not in campaign_weights:
            by_cost: list[tuple[object, int]] = [
                (cid, campaign_month[(month, cid)])
                for cid, _, _ in spans
                if campaign_month.get((month, cid), 0) > 0
            ]
            if not by_cost:
                first, last = _index_bounds(month)
                by_cost = [(cid, 1) for cid, start, end in spans if start <= last and end >= first]
            campaign_weights[month] = by_cost
        return campaign_weights[month]

    shares_memo: dict[tuple[int, object], list[tuple[object, int]]] = {}

    def shared(units: int, slot: object, weights: list[tuple[object, int]]) -> list:
        found = shares_memo.get((units, slot))
        if found is None:
            found = shares_memo[(units, slot)] = apportion(units, weights)
        return found

    # step 1: general costs to campaigns
    step1: dict[_Cell, int] = defaultdict(int)
    for (day, campaign_id, platform, category), units in own.items():
        if campaign_id is not None:
            step1[(day, campaign_id, platform, category)] += units
            continue
        month = month_at(day)
        weights = weights_for_month(month)
        if not weights:
            step1[(day, None, platform, category)] += units
            continue
        for target, share in shared(units, ("c", month), weights):
            step1[(day, target, platform, category)] += share  # type: ignore[index]

    # step 2: no-platform costs to platforms
    cells: dict[_Cell, int] = defaultdict(int)
    platform_weights: dict[tuple[int, int | None], list[tuple[object, int]]] = {}
    for (day, campaign_id, platform, category), units in step1.items():
        if platform is not None:
            cells[(day, campaign_id, platform, category)] += units
            continue
        slot = (month_at(day), campaign_id)
        if slot not in platform_weights:
            tagged = platform_month.get(slot, {})
            platform_weights[slot] = [(p, w) for p, w in sorted(tagged.items()) if w > 0]
        weights = platform_weights[slot]
        if not weights:
            cells[(day, campaign_id, None, category)] += units
            continue
        for target, share in shared(units, ("p", slot), weights):
            cells[(day, campaign_id, target, category)] += share  # type: ignore[index]
    return CostLedger(cells, month_at)


class CostLedger:
    """The shared-out costs per day and key, summed over any period without a day loop.

    Whole months come from per-month sums, the partial months at a period's edges from
    prefix sums per key (binary search).
    """

    def __init__(
        self, cells: dict[_Cell, int], month_at: Callable[[int], int] | None = None
    ) -> None:
        month_at = month_at or (lambda ordinal: month_index(date.fromordinal(ordinal)))
        per_key: dict[CostKey, list[tuple[int, int]]] = defaultdict(list)
        self._month_sums: dict[int, dict[CostKey, int]] = defaultdict(lambda: defaultdict(int))
        for (day, campaign_id, platform, category), units in cells.items():
            if units:
                key = (campaign_id, platform, category)
                per_key[key].append((day, units))
                self._month_sums[month_at(day)][key] += units
        self._days: dict[CostKey, list[int]] = {}
        self._prefix: dict[CostKey, list[int]] = {}
        for key, entries in per_key.items():
            entries.sort()
            self._days[key] = [day for day, _ in entries]
            prefix = [0]
            running = 0
            for _, units in entries:
                running += units
                prefix.append(running)
            self._prefix[key] = prefix
        ordinals = [days[0] for days in self._days.values()]
        self._first = min(ordinals) if ordinals else None
        self._last = max(days[-1] for days in self._days.values()) if ordinals else None

    def keys(self) -> list[CostKey]:
        """Every (campaign, platform, category) that has costs."""
        return list(self._days)

    def first_day(self) -> date | None:
        """The first day with a cost."""
        return None if self._first is None else date.fromordinal(self._first)

    def last_day(self) -> date | None:
        """The last day with a cost."""
        return None if self._last is None else date.fromordinal(self._last)

    def _between(self, key: CostKey, low: int, high: int) -> int:
        days = self._days[key]
        prefix = self._prefix[key]
        return prefix[bisect_right(days, high)] - prefix[bisect_left(days, low)]

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
            month_low, month_high = _index_bounds(month)
            whole = low <= month_low and month_high <= high
            for key, units in sums.items():
                keep_it = kept.get(key)
                if keep_it is None:
                    keep_it = kept[key] = keep(key)
                    labels[key] = group(key)
                if not keep_it:
                    continue
                if not whole:
                    units = self._between(key, max(low, month_low), min(high, month_high))
                if units:
                    out[(name, labels[key])] += units
        return dict(out)

    def total(self, start: date | None, end: date | None, keep: Callable[[CostKey], bool]) -> int:
        """Units of the kept keys in the period (both ends included; ``None`` = open)."""
        return sum(self.by_month(start, end, keep).values())

    def grouped(
        self,
        start: date | None,
        end: date | None,
        keep: Callable[[CostKey], bool],
        group: Callable[[CostKey], str],
    ) -> dict[str, int]:
        """Units of the kept keys in the period, summed per group."""
        out: dict[str, int] = defaultdict(int)
        for (_, label), units in self.by_month(start, end, keep, group).items():
            out[label] += units
        return dict(out)

    def daily(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool]
    ) -> dict[date, int]:
        """Units of the kept keys per day in the period."""
        out: dict[int, int] = defaultdict(int)
        keys: Iterable[CostKey] = self._days
        if start is not None and end is not None:
            months = range(month_index(start), month_index(end) + 1)
            keys = {key for month in months for key in self._month_sums.get(month, {})}
        for key in keys:
            if not keep(key):
                continue
            days = self._days[key]
            prefix = self._prefix[key]
            low = 0 if start is None else bisect_left(days, start.toordinal())
            high = len(days) if end is None else bisect_right(days, end.toordinal())
            for index in range(low, high):
                out[days[index]] += prefix[index + 1] - prefix[index]
        return {date.fromordinal(day): units for day, units in sorted(out.items())}
