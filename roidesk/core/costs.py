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
from dataclasses import dataclass
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


def _platform_key(platform: str | None) -> str | None:
    return canonical_platform(platform)


def allocate(costs: Iterable[Cost], campaigns: Iterable[Campaign], horizon: date) -> CostLedger:
    """Expand and share out every cost; returns the per-day ledger of shares."""
    own: dict[tuple[date, int | None, str | None, str], int] = defaultdict(int)
    for cost in costs:
        platform = _platform_key(cost.platform)
        category = str(cost.category)
        for day, units in cost_days(cost, horizon):
            own[(day, cost.campaign_id, platform, category)] += units

    campaign_month: dict[tuple[str, int], int] = defaultdict(int)
    platform_month: dict[tuple[str, int | None], dict[str, int]] = defaultdict(
        lambda: defaultdict(int)
    )
    for (day, campaign_id, platform, _), units in own.items():
        month = month_key(day)
        if campaign_id is not None:
            campaign_month[(month, campaign_id)] += units
        if platform is not None:
            platform_month[(month, campaign_id)][platform] += units

    spans = sorted((c.id, c.start, c.end) for c in campaigns if c.id is not None)
    campaign_weights: dict[str, list[tuple[object, int]]] = {}

    def weights_for_month(month: str) -> list[tuple[object, int]]:
        if month not in campaign_weights:
            by_cost = [
                (cid, campaign_month[(month, cid)])
                for cid, _, _ in spans
                if campaign_month.get((month, cid), 0) > 0
            ]
            if not by_cost:
                first, last = month_bounds(month)
                by_cost = [(cid, 1) for cid, start, end in spans if start <= last and end >= first]
            campaign_weights[month] = by_cost
        return campaign_weights[month]

    # step 1: general costs to campaigns
    step1: dict[tuple[date, int | None, str | None, str], int] = defaultdict(int)
    for (day, campaign_id, platform, category), units in own.items():
        weights = weights_for_month(month_key(day)) if campaign_id is None else []
        if campaign_id is not None or not weights:
            step1[(day, campaign_id, platform, category)] += units
            continue
        for target, share in apportion(units, weights):
            step1[(day, target, platform, category)] += share  # type: ignore[index]

    # step 2: no-platform costs to platforms
    cells: dict[tuple[date, int | None, str | None, str], int] = defaultdict(int)
    platform_weights: dict[tuple[str, int | None], list[tuple[object, int]]] = {}
    for (day, campaign_id, platform, category), units in step1.items():
        if platform is not None:
            cells[(day, campaign_id, platform, category)] += units
            continue
        slot = (month_key(day), campaign_id)
        if slot not in platform_weights:
            tagged = platform_month.get(slot, {})
            platform_weights[slot] = [(p, w) for p, w in sorted(tagged.items()) if w > 0]
        weights = platform_weights[slot]
        if not weights:
            cells[(day, campaign_id, None, category)] += units
            continue
        for target, share in apportion(units, weights):
            cells[(day, campaign_id, target, category)] += share  # type: ignore[index]
    return CostLedger(cells)


@dataclass(frozen=True, slots=True)
class _Series:
    days: list[int]  # date ordinals, ascending
    prefix: list[int]  # prefix[i] = units on days[:i]


class CostLedger:
    """The shared-out costs per day and key, summed over any period in O(keys · log days)."""

    def __init__(self, cells: dict[tuple[date, int | None, str | None, str], int]) -> None:
        per_key: dict[CostKey, dict[int, int]] = defaultdict(lambda: defaultdict(int))
        for (day, campaign_id, platform, category), units in cells.items():
            if units:
                per_key[(campaign_id, platform, category)][day.toordinal()] += units
        self._series: dict[CostKey, _Series] = {}
        for key, days in per_key.items():
            ordered = sorted(days)
            prefix = [0]
            for ordinal in ordered:
                prefix.append(prefix[-1] + days[ordinal])
            self._series[key] = _Series(ordered, prefix)

    def keys(self) -> list[CostKey]:
        """Every (campaign, platform, category) that has costs."""
        return list(self._series)

    def first_day(self) -> date | None:
        """The first day with a cost."""
        firsts = [series.days[0] for series in self._series.values() if series.days]
        return date.fromordinal(min(firsts)) if firsts else None

    def last_day(self) -> date | None:
        """The last day with a cost."""
        lasts = [series.days[-1] for series in self._series.values() if series.days]
        return date.fromordinal(max(lasts)) if lasts else None

    def _sum(self, series: _Series, start: date | None, end: date | None) -> int:
        low = 0 if start is None else bisect_left(series.days, start.toordinal())
        high = len(series.days) if end is None else bisect_right(series.days, end.toordinal())
        return series.prefix[high] - series.prefix[low] if high > low else 0

    def total(self, start: date | None, end: date | None, keep: Callable[[CostKey], bool]) -> int:
        """Units of the kept keys in the period (both ends included; ``None`` = open)."""
        return sum(self._sum(s, start, end) for key, s in self._series.items() if keep(key))

    def grouped(
        self,
        start: date | None,
        end: date | None,
        keep: Callable[[CostKey], bool],
        group: Callable[[CostKey], str],
    ) -> dict[str, int]:
        """Units of the kept keys in the period, summed per group."""
        out: dict[str, int] = defaultdict(int)
        for key, series in self._series.items():
            if keep(key):
                units = self._sum(series, start, end)
                if units:
                    out[group(key)] += units
        return dict(out)

    def daily(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool]
    ) -> dict[date, int]:
        """Units of the kept keys per day in the period."""
        out: dict[int, int] = defaultdict(int)
        for key, series in self._series.items():
            if not keep(key):
                continue
            low = 0 if start is None else bisect_left(series.days, start.toordinal())
            high = len(series.days) if end is None else bisect_right(series.days, end.toordinal())
            for index in range(low, high):
                out[series.days[index]] += series.prefix[index + 1] - series.prefix[index]
        return {date.fromordinal(day): units for day, units in sorted(out.items())}
