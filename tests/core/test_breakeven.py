"""Break-even: the first day cumulative return reaches cumulative cost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.breakeven import break_even_date, payback_days


def test_first_day_return_reaches_cost() -> None:
    """Cost 100 on day 1, return 40 a day: 40, 80, 120 → day 3; payback 2 days from day 1."""
    days = [(date(2024, 1, d), Decimal(100 if d == 1 else 0), Decimal(40)) for d in range(1, 6)]
    found = break_even_date(days)
    assert found == date(2024, 1, 3)
    assert payback_days(date(2024, 1, 1), found) == 2


def test_never_breaks_even_or_no_cost() -> None:
    """Return below cost, or no cost at all: no break-even date."""
    assert break_even_date([(date(2024, 1, 1), Decimal(10), Decimal(5))]) is None
    assert break_even_date([(date(2024, 1, 1), Decimal(0), Decimal(5))]) is None
    assert payback_days(date(2024, 1, 1), None) is None
