"""Valued return: result quantities × the valuation in force (SPEC "Valuation").

Among the valuations in force on a date (valid from that date or earlier), one for the
row's platform beats a general one, even a newer general one; among equals the newest wins.
A valuation applies to *organic* or *all* results (``applies_to``; None = the metric's
default); one that does not apply to a row's source values nothing on that row — the next
in line is not used instead. A row without a source counts as organic. Impressions are
valued per 1,000. Every valuation has a low and a high value (both default to the value).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from roidesk.core.records import VALUED_METRICS, Valuation

ORGANIC = "organic"
PAID = "paid"
ALL = "all"
#: What a valuation may apply to (``Valuation.applies_to`` besides None).
APPLIES_TO = (ORGANIC, ALL)
#: Metrics worth the same however they came: valued on paid and organic rows by default.
_ALL_BY_DEFAULT = frozenset({"followers_gained", "leads", "conversions", "new_customers"})


class Priced(NamedTuple):
    """A value per unit at the owner's best guess, lowest and highest."""

    value: Decimal
    low: Decimal
    high: Decimal


def default_applies_to(metric: str) -> str:
    """Organic for impressions, engagements, link clicks and sessions; all for the rest."""
    return ALL if metric in _ALL_BY_DEFAULT else ORGANIC


def applies_to(valuation: Valuation) -> str:
    """What the valuation applies to: its own choice, else its metric's default."""
    return valuation.applies_to or default_applies_to(valuation.metric)


def applies(valuation: Valuation, source: str | None) -> bool:
    """True when the valuation values rows of ``source`` (None counts as organic)."""
    return source != PAID or applies_to(valuation) == ALL


def priced(valuation: Valuation) -> Priced:
    """The valuation's value, low and high (low and high default to the value)."""
    value = valuation.value_per_unit
    low = value if valuation.low is None else valuation.low
    high = value if valuation.high is None else valuation.high
    return Priced(value, low, high)


def range_problem(
    value: Decimal, low: Decimal | None, high: Decimal | None
) -> tuple[str, str] | None:
    """Which of ``low``/``high`` breaks low ≤ value ≤ high, and why; None when they hold."""
    if low is not None and low > value:
        return "low", f"{_plain(low)} is above the value per unit ({_plain(value)})"
    if high is not None and high < value:
        return "high", f"{_plain(high)} is below the value per unit ({_plain(value)})"
    return None


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _same_platform(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def valuation_in_force(
    valuations: Iterable[Valuation], metric: str, platform: str | None, day: date
) -> Valuation | None:
    """The valuation of ``metric`` first in line for ``platform`` on ``day`` (any source)."""
    best: Valuation | None = None
    best_rank: tuple[int, date, int] | None = None
    for valuation in valuations:
        if valuation.metric != metric or valuation.valid_from > day:
            continue
        if valuation.platform is not None and not _same_platform(valuation.platform, platform):
            continue
        rank = (1 if valuation.platform is not None else 0, valuation.valid_from, valuation.id or 0)
        if best_rank is None or rank > best_rank:
            best, best_rank = valuation, rank
    return best


def priced_in_force(
    valuations: Iterable[Valuation],
    metric: str,
    platform: str | None,
    day: date,
    source: str | None = None,
) -> Priced | None:
    """Value, low and high per unit of ``metric`` on a ``source`` row; None: valued at nothing."""
    best = valuation_in_force(valuations, metric, platform, day)
    if best is None or not applies(best, source):
        return None
    return priced(best)


def value_in_force(
    valuations: Iterable[Valuation],
    metric: str,
    platform: str | None,
    day: date,
    source: str | None = None,
) -> Decimal | None:
    """The value per unit of ``metric`` on a ``source`` row of ``platform`` on ``day``;
    ``None`` when none is set or the one in force does not apply to the source."""
    found = priced_in_force(valuations, metric, platform, day, source)
    return None if found is None else found.value


def change_dates(valuations: Iterable[Valuation]) -> list[date]:
    """The dates on which some value in force may change: every "valid from", ascending."""
    return sorted({valuation.valid_from for valuation in valuations})


def valued_return(
    quantities: Mapping[str, int],
    platform: str | None,
    day: date,
    valuations: Sequence[Valuation],
    source: str | None = None,
) -> Priced:
    """Σ quantity × value in force on ``day`` (impressions per 1,000) for one platform's and
    source's sums: at the values, at every low and at every high value."""
    value = low = high = Decimal(0)
    for metric in VALUED_METRICS:
        quantity = quantities.get(metric, 0)
        if not quantity:
            continue
        found = priced_in_force(valuations, metric, platform, day, source)
        if found is None:
            continue
        scale = Decimal(quantity) / 1000 if metric == "impressions" else Decimal(quantity)
        value += scale * found.value
        low += scale * found.low
        high += scale * found.high
    return Priced(value, low, high)


def counts_sales_twice(valuations: Iterable[Valuation], any_revenue: bool) -> bool:
    """True when conversions or new customers are valued while rows also carry revenue."""
    return any_revenue and any(v.metric in ("conversions", "new_customers") for v in valuations)
