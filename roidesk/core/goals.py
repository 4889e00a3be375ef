"""Goal progress, pace and projection (SPEC "Goal progress")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.kpi import ratio


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


def pace(progress_: Decimal | None, elapsed: Decimal | None) -> Decimal | None:
    """Progress ÷ elapsed share (1 = on track, above 1 = ahead)."""
    return ratio(progress_, elapsed)


def projected(actual: Decimal | None, baseline: Decimal, elapsed: Decimal | None) -> Decimal | None:
    """The value at the deadline if the change so far continues at today's pace."""
    if actual is None:
        return None
    change = ratio(actual - baseline, elapsed)
    return None if change is None else baseline + change
