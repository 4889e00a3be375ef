"""The valuation in force: platform-specific beats general, among equals the newest wins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.records import Valuation
from roidesk.core.valuations import counts_sales_twice, value_in_force, valued_return

VALUATIONS = [
    Valuation("leads", date(2024, 1, 1), Decimal(10), id=1),
    Valuation("leads", date(2024, 3, 1), Decimal(12), id=2),
    Valuation("leads", date(2023, 6, 1), Decimal(5), platform="Facebook", id=3),
    Valuation("impressions", date(2024, 1, 1), Decimal(3), id=4),
]


def test_newest_general_valuation_on_or_before_the_day() -> None:
    """Before March €10, from 1 March €12, before any valuation nothing."""
    assert value_in_force(VALUATIONS, "leads", "Instagram", date(2024, 2, 29)) == Decimal(10)
    assert value_in_force(VALUATIONS, "leads", "Instagram", date(2024, 3, 1)) == Decimal(12)
    assert value_in_force(VALUATIONS, "leads", None, date(2023, 12, 31)) is None


def test_platform_valuation_beats_newer_general() -> None:
    """Facebook keeps its older €5 though a newer general €12 exists (case-insensitively)."""
    assert value_in_force(VALUATIONS, "leads", "facebook", date(2024, 6, 1)) == Decimal(5)


def test_valued_return_counts_impressions_per_thousand() -> None:
    """2 leads × €12 + 1,500 impressions × €3/1000 = €28.50."""
    quantities = {"leads": 2, "impressions": 1500}
    assert valued_return(quantities, "TikTok", date(2024, 4, 1), VALUATIONS) == Decimal("28.5")


def test_double_count_warning() -> None:
    """Valuing new customers while rows carry revenue counts a sale twice."""
    valuations = [Valuation("new_customers", date(2024, 1, 1), Decimal(100))]
    assert counts_sales_twice(valuations, any_revenue=True)
    assert not counts_sales_twice(valuations, any_revenue=False)
    assert not counts_sales_twice(VALUATIONS, any_revenue=True)


def test_of_two_from_the_same_day_the_one_entered_last_wins() -> None:
    """Two general lead values from 1 March, €0 and then €0.01 entered after it: €0.01,
    whatever order the list is in (a property test found the tie)."""
    same_day = [
        Valuation("leads", date(2024, 3, 1), Decimal(0), id=7),
        Valuation("leads", date(2024, 3, 1), Decimal("0.01"), id=8),
    ]
    for valuations in (same_day, same_day[::-1]):
        assert value_in_force(valuations, "leads", None, date(2024, 3, 1)) == Decimal("0.01")
