"""Goal progress, pace and projection (SPEC "Goal progress")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.kpi import ratio
from roidesk.core.records import COUNT_METRICS

#: The money figures that are sums over the period: they grow with time, as counts do. Every
#: other figure a goal can name (rates, costs per result, ROI, ROAS, LTV, LTV : CAC) is a ratio
#: whose value does not grow with time.
SUMMED_MONEY = frozenset(
    {
        "cost",
        "ad_spend",
        "revenue",
        "direct_return",
        "valued_return",
        "other_return",
        "total_return",
        "net_return",
        "total_return_low",
        "total_return_high",
        "paid_equivalent",
    }
)


def accumulates(figure: str | None) -> bool:
    """Whether a goal's figure grows with time (a count or a money sum): only then are pace
    and a projection from the change so far defined (SPEC "Goal progress")."""
    return figure in COUNT_METRICS or figure in SUMMED_MONEY


def progress(actual: Decimal | None, baseline: Decimal, target: Decimal) -> Decimal | None:
    """(actual − baseline) / (target − baseline); ``None`` without an actual or a distance."""
    if actual is None:
        return None
    return ratio(actual - baseline, target - baseline)


def elapsed_share(start: date, deadline: date, today: date) -> Decimal | None:
    """The share of the goal's time gone by today, between 0 and 1."""
    total = (deadline - start).days
    if total <= 0:
        return Decimal(1) if today >= deadline else None
    gone = min(max((today - start).days, 0), total)
    return Decimal(gone) / Decimal(total)


def pace(
    progress_: Decimal | None, elapsed: Decimal | None, growing: bool = True
) -> Decimal | None:
    """Progress ÷ elapsed share (1 = on track, above 1 = ahead); not defined for a ratio KPI
    (``growing`` False), whose value does not grow with time."""
    return ratio(progress_, elapsed) if growing else None


def projected(
    actual: Decimal | None, baseline: Decimal, elapsed: Decimal | None, growing: bool = True
) -> Decimal | None:
    """The value at the deadline if the change so far continues at today's pace; for a ratio
    KPI (``growing`` False), the actual."""
    if actual is None or not growing:
        return actual
    change = ratio(actual - baseline, elapsed)
    return None if change is None else baseline + change
