"""Valued return: result quantities × the valuation in force (SPEC "Valuation").

Among the valuations in force on a date (valid from that date or earlier), one for the
row's platform beats a general one, even a newer general one; among equals the newest wins.
Impressions are valued per 1,000.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from decimal import Decimal

from roidesk.core.records import VALUED_METRICS, Valuation


def _same_platform(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.casefold() == b.casefold()


def value_in_force(
    valuations: Iterable[Valuation], metric: str, platform: str | None, day: date
) -> Decimal | None:
    """The value per unit of ``metric`` on ``platform`` on ``day``; ``None`` when none is set."""
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
    return None if best is None else best.value_per_unit


def change_dates(valuations: Iterable[Valuation]) -> list[date]:
    """The dates on which some value in force may change: every "valid from", ascending."""
    return sorted({valuation.valid_from for valuation in valuations})


def valued_return(
    quantities: Mapping[str, int],
    platform: str | None,
    day: date,
    valuations: Sequence[Valuation],
) -> Decimal:
    """Σ quantity × value in force on ``day`` (impressions per 1,000) for one platform's sums."""
    total = Decimal(0)
    for metric in VALUED_METRICS:
        quantity = quantities.get(metric, 0)
        if not quantity:
            continue
        value = value_in_force(valuations, metric, platform, day)
        if value is None:
            continue
        total += quantity * value / 1000 if metric == "impressions" else quantity * value
    return total


def counts_sales_twice(valuations: Iterable[Valuation], any_revenue: bool) -> bool:
    """True when conversions or new customers are valued while rows also carry revenue."""
    return any_revenue and any(v.metric in ("conversions", "new_customers") for v in valuations)
