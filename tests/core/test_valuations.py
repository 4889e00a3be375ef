"""The valuation in force: platform-specific beats general, among equals the newest wins."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.records import Valuation
from roidesk.core.valuations import (
    applies_to,
    counts_sales_twice,
    range_problem,
    value_in_force,
    valued_return,
)

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
    found = valued_return(quantities, "TikTok", date(2024, 4, 1), VALUATIONS)
    assert found.value == Decimal("28.5")


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


CLICKS = [
    Valuation("link_clicks", date(2024, 1, 1), Decimal("0.40"), id=1),
    Valuation("leads", date(2024, 1, 1), Decimal(20), id=2),
]


def test_a_paid_click_is_not_valued_again() -> None:
    """One valuation of €0.40 per click (organic by default): 10 organic clicks €4, 10 paid
    clicks €0 (already bought at their price), 10 clicks of no source €4 (organic)."""
    day = date(2024, 2, 1)
    assert valued_return({"link_clicks": 10}, "Facebook", day, CLICKS, "organic").value == 4
    assert valued_return({"link_clicks": 10}, "Facebook", day, CLICKS, "paid").value == 0
    assert valued_return({"link_clicks": 10}, "Facebook", day, CLICKS, None).value == 4


def test_leads_are_valued_whatever_their_source() -> None:
    """Leads apply to all by default: 2 paid leads + 3 organic leads at €20 = €100."""
    day = date(2024, 2, 1)
    paid = valued_return({"leads": 2}, None, day, CLICKS, "paid").value
    organic = valued_return({"leads": 3}, None, day, CLICKS, "organic").value
    assert paid + organic == Decimal(100)


def test_applies_to_all_values_paid_clicks_too() -> None:
    """A click valuation the owner set to 'all' values 10 paid clicks: 10 × €0.40 = €4."""
    valuations = [
        Valuation("link_clicks", date(2024, 1, 1), Decimal("0.40"), applies_to="all", id=1)
    ]
    found = valued_return({"link_clicks": 10}, None, date(2024, 2, 1), valuations, "paid")
    assert found.value == Decimal(4)


def test_a_platform_valuation_that_does_not_apply_leaves_the_row_unvalued() -> None:
    """A Facebook click valuation (organic) beats the general 'all' one on Facebook's paid
    clicks and values them at nothing: the general €1 is NOT used instead; on TikTok it is."""
    valuations = [
        Valuation("link_clicks", date(2024, 1, 1), Decimal(1), applies_to="all", id=1),
        Valuation("link_clicks", date(2024, 1, 1), Decimal("0.50"), platform="Facebook", id=2),
    ]
    day = date(2024, 2, 1)
    assert value_in_force(valuations, "link_clicks", "Facebook", day, "paid") is None
    assert value_in_force(valuations, "link_clicks", "Facebook", day, "organic") == Decimal("0.5")
    assert value_in_force(valuations, "link_clicks", "TikTok", day, "paid") == Decimal(1)


def test_low_and_high_default_to_the_value() -> None:
    """Leads €20 (low €10, high €30), clicks €0.40 without a range; 2 leads and 10 organic
    clicks: value 2×20 + 10×0.40 = €44, low 2×10 + 4 = €24, high 2×30 + 4 = €64."""
    valuations = [
        Valuation("link_clicks", date(2024, 1, 1), Decimal("0.40"), id=1),
        Valuation("leads", date(2024, 1, 1), Decimal(20), low=Decimal(10), high=Decimal(30)),
    ]
    found = valued_return({"leads": 2, "link_clicks": 10}, None, date(2024, 2, 1), valuations)
    assert found == (Decimal(44), Decimal(24), Decimal(64))


def test_default_applies_to_by_metric() -> None:
    """Clicks, sessions, engagements, impressions: organic; followers, leads, sales: all."""
    day = date(2024, 1, 1)
    for metric in ("impressions", "engagements", "link_clicks", "sessions"):
        assert applies_to(Valuation(metric, day, Decimal(1))) == "organic"
    for metric in ("followers_gained", "leads", "conversions", "new_customers"):
        assert applies_to(Valuation(metric, day, Decimal(1))) == "all"
    assert applies_to(Valuation("leads", day, Decimal(1), applies_to="organic")) == "organic"


def test_range_must_hold_the_value() -> None:
    """Low above the value or high below it is refused with a sentence saying which."""
    assert range_problem(Decimal(20), Decimal(10), Decimal(30)) is None
    assert range_problem(Decimal(20), None, None) is None
    assert range_problem(Decimal(20), Decimal(25), None) == (
        "low",
        "25 is above the value per unit (20)",
    )
    assert range_problem(Decimal("0.40"), None, Decimal("0.3")) == (
        "high",
        "0.3 is below the value per unit (0.4)",
    )
