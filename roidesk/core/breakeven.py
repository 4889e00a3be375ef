"""Break-even (SPEC): the first day of the period from which cumulative total return stays at
or above cumulative cost (cost > 0) to the period's end."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal


def holds(cumulative_cost: Decimal, cumulative_return: Decimal) -> bool:
    """Whether a day counts towards break-even: some cost, and return at or above it."""
    return cumulative_cost > 0 and cumulative_return >= cumulative_cost


def last_short_day(
    days: Iterable[tuple[date, Decimal, Decimal]],
    cost_before: Decimal = Decimal(0),
    return_before: Decimal = Decimal(0),
) -> tuple[date | None, bool]:
    """The last day on which break-even does not hold, and whether it holds on the last day.

    ``days`` are (day, cost, return) in order; ``cost_before``/``return_before`` the
    cumulative sums before the first of them.
    """
    cost, total = cost_before, return_before
    short: date | None = None
    holding = False
    for day, day_cost, day_return in days:
        cost += day_cost
        total += day_return
        holding = holds(cost, total)
        if not holding:
            short = day
    return short, holding


def break_even_date(
    days: Iterable[tuple[date, Decimal, Decimal]],
    cost_before: Decimal = Decimal(0),
    return_before: Decimal = Decimal(0),
) -> date | None:
    """The first day from which break-even holds to the last of ``days``; ``None`` when it
    does not hold on the last day (or there are no days)."""
    listed = list(days)
    if not listed:
        return None
    short, holding = last_short_day(listed, cost_before, return_before)
    if not holding:
        return None
    return listed[0][0] if short is None else short + timedelta(days=1)


def payback_days(start: date, break_even: date | None) -> int | None:
    """Days from the campaign start to break-even (``None`` before it breaks even)."""
    return None if break_even is None else (break_even - start).days
