"""Break-even: the first day cumulative total return reaches cumulative cost."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal


def break_even_date(
    days: Iterable[tuple[date, Decimal, Decimal]],
    cost_before: Decimal = Decimal(0),
    return_before: Decimal = Decimal(0),
) -> date | None:
    """First day whose cumulative return ≥ cumulative cost (> 0), from (day, cost, return).

    ``cost_before``/``return_before`` are the cumulative sums before the first given day.
    """
    cost, total = cost_before, return_before
    for day, day_cost, day_return in days:
        cost += day_cost
        total += day_return
        if cost > 0 and total >= cost:
            return day
    return None


def payback_days(start: date, break_even: date | None) -> int | None:
    """Days from the campaign start to break-even (``None`` before it breaks even)."""
    return None if break_even is None else (break_even - start).days
