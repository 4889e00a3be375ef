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

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import TypeVar

from roidesk.core.ledger import CostKey, CostLedger, Run
from roidesk.core.months import Months, add_months, month_index
from roidesk.core.records import Campaign, Cost, Repeat, canonical_platform

UNIT = Decimal("0.0001")
K = TypeVar("K")


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


def _own_runs(
    costs: Iterable[Cost], horizon: date, months: Months
) -> dict[tuple[int, int | None, str | None, str], list[Run]]:
    """Each cost's runs of equal days cut at month ends, per (month, campaign, platform,
    category).

    A cost of one day that does not repeat (an import's daily ad spend: thousands of them) is
    one run on its day: it takes a short path with the same outcome as :func:`cost_runs` and
    :meth:`Months.split` (none where it is zero).
    """
    own: dict[tuple[int, int | None, str | None, str], list[Run]] = defaultdict(list)
    platforms: dict[str | None, str | None] = {}
    categories: dict[object, str] = {}
    month_of: dict[date, int] = {}  # each day's month index (days repeat across costs)
    monthly = Repeat.MONTHLY
    for cost in costs:
        if cost.platform not in platforms:
            platforms[cost.platform] = canonical_platform(cost.platform)
        platform = platforms[cost.platform]
        category = categories.get(cost.category)
        if category is None:
            category = categories[cost.category] = str(cost.category)
        start, end = cost.start, cost.end
        if cost.repeat != monthly and (end is None or end <= start):  # one day, once
            units = to_units(cost.total)
            if units:
                month = month_of.get(start)
                if month is None:
                    month = month_of[start] = month_index(start)
                day = start.toordinal()
                own[(month, cost.campaign_id, platform, category)].append((day, day, units))
            continue
        for first, last, per_day in cost_runs(cost, horizon):
            for month, low, high in months.split(first, last):
                own[(month, cost.campaign_id, platform, category)].append((low, high, per_day))
    return own


#: Runs per (month, campaign, platform, category) on the way through the two steps.
_Owned = dict[tuple[int, int | None, str | None, str], list[Run]]


def allocate(costs: Iterable[Cost], campaigns: Iterable[Campaign], horizon: date) -> CostLedger:
    """Expand and share out every cost; returns the ledger of shares (runs of equal days).

    Sharing out is month by month: general costs to campaigns by their own costs of the month,
    then costs of no platform to platforms by the platform-tagged costs of the month.
    """
    months = Months()
    own = _own_runs(costs, horizon, months)
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
    step1 = _to_campaigns(own, _CampaignWeights(campaigns, campaign_month, months))
    return CostLedger.from_shares(_to_platforms(step1, platform_month))


class _CampaignWeights:
    """Per month, the campaigns general costs go to and their weights: each campaign's own
    costs of the month, else 1 for every campaign running in it (memoised per month)."""

    def __init__(
        self, campaigns: Iterable[Campaign], own: dict[tuple[int, int], int], months: Months
    ) -> None:
        self._spans = sorted(
            (c.id, c.start.toordinal(), c.end.toordinal()) for c in campaigns if c.id is not None
        )
        self._own = own
        self._months = months
        self._found: dict[int, list[tuple[int, int]]] = {}

    def of(self, month: int) -> list[tuple[int, int]]:
        """The (campaign id, weight) pairs of a month index; empty: the cost stays general."""
        found = self._found.get(month)
        if found is None:
            own = self._own
            found = [
                (cid, own[(month, cid)])
                for cid, _, _ in self._spans
                if own.get((month, cid), 0) > 0
            ]
            if not found:
                first, last = self._months.bounds(month)
                found = [
                    (cid, 1) for cid, start, end in self._spans if start <= last and end >= first
                ]
            self._found[month] = found
        return found


def _to_campaigns(own: _Owned, weights: _CampaignWeights) -> _Owned:
    """Step 1: general costs to campaigns, day by day (a run shares alike on each of its days)."""
    shares: dict[tuple[int, int], list[tuple[int, int]]] = {}
    step1: _Owned = defaultdict(list)
    for (month, campaign_id, platform, category), runs in own.items():
        month_weights = weights.of(month) if campaign_id is None else []
        if not month_weights:
            step1[(month, campaign_id, platform, category)].extend(runs)
            continue
        for low, high, per_day in merge_runs(runs):
            memo = (per_day, month)
            if memo not in shares:
                shares[memo] = apportion(per_day, month_weights)
            for target, share in shares[memo]:
                step1[(month, target, platform, category)].append((low, high, share))
    return step1


def _to_platforms(
    step1: _Owned, platform_month: dict[tuple[int, int | None], dict[str, int]]
) -> dict[tuple[int, CostKey], list[Run]]:
    """Step 2: costs of no platform to the platforms of their campaign's tagged costs."""
    shared: dict[tuple[int, CostKey], list[Run]] = defaultdict(list)
    to_platforms: dict[tuple[int, tuple[int, int | None]], list[tuple[str, int]]] = {}
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
    return shared


def cost_horizon(today: date, campaign_ends: Iterable[date], last_result: date | None) -> date:
    """The last day monthly costs without an end run to: today or the latest date known."""
    latest = [today, *campaign_ends]
    if last_result is not None:
        latest.append(last_result)
    return max(latest)
