"""Break-even: the first day from which cumulative return stays at or above cumulative cost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.breakeven import break_even_date, payback_days


def _days(costs: list[int], returns: list[int]) -> list[tuple[date, Decimal, Decimal]]:
    return [
        (date(2024, 1, index + 1), Decimal(cost), Decimal(ret))
        for index, (cost, ret) in enumerate(zip(costs, returns, strict=True))
    ]


def test_reached_and_held() -> None:
    """Cost 100 on day 1, return 40 a day: 40, 80, 120, 160, 200 → day 3; payback 2 days."""
    found = break_even_date(_days([100, 0, 0, 0, 0], [40] * 5))
    assert found == date(2024, 1, 3)
    assert payback_days(date(2024, 1, 1), found) == 2


def test_lost_and_regained() -> None:
    """Cumulative C 100, 100, 200, 200, 200 vs T 0, 120, 150, 190, 210: reached on day 2,
    lost on day 3 (150 < 200) and day 4, regained for good on day 5."""
    days = _days([100, 0, 100, 0, 0], [0, 120, 30, 40, 20])
    assert break_even_date(days) == date(2024, 1, 5)


def test_lost_at_the_end_is_not_defined() -> None:
    """Reached on day 2 (120 ≥ 100) but below on the last day (150 < 200): not defined, so a
    month that ends in the red shows no break-even date."""
    days = _days([100, 0, 100], [0, 120, 30])
    assert break_even_date(days) is None


def test_held_from_the_first_day() -> None:
    """Return above cost from day 1 to the end: break-even on the period's first day."""
    assert break_even_date(_days([10, 10], [50, 0])) == date(2024, 1, 1)


def test_before_the_first_cost_it_does_not_hold() -> None:
    """Day 1 has return 5 but no cost (C = 0): it does not hold; day 2 (C 10, T 15) does."""
    assert break_even_date(_days([0, 10, 0], [5, 10, 0])) == date(2024, 1, 2)


def test_sums_before_the_days_count() -> None:
    """Cumulative sums carried in: C 100 and T 90 before, +0/+20 → holds from the first day."""
    days = _days([0, 0], [20, 0])
    assert break_even_date(days, Decimal(100), Decimal(90)) == date(2024, 1, 1)


def test_never_breaks_even_or_no_cost() -> None:
    """Return below cost, no cost at all, or no days: no break-even date."""
    assert break_even_date(_days([10], [5])) is None
    assert break_even_date(_days([0], [5])) is None
    assert break_even_date([]) is None
    assert payback_days(date(2024, 1, 1), None) is None
