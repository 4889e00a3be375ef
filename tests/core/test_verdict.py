"""The dashboard's one-sentence answer, from hand-computed figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.figures import Figures
from roidesk.core.money import NumberStyle
from roidesk.core.verdict import before_phrase, best_platform, verdict

EUR = NumberStyle("EUR", "en_IE")
PLN = NumberStyle("PLN", "pl_PL")


def test_the_sentence_says_return_per_unit_range_best_platform_and_comparison():
    """€1,000 cost and €1,790 returned (€1,200–€2,400 at low/high values): every €1 returned
    €1.79; Google Ads has the best ROI; ROI 79 % beats 50 % the year before."""
    now = Figures(
        cost=Decimal(1000),
        total_return=Decimal(1790),
        total_return_low=Decimal(1200),
        total_return_high=Decimal(2400),
        roi_total=Decimal("0.79"),
    )
    platforms = {
        "Facebook": Figures(cost=Decimal(600), roi_total=Decimal("0.2")),
        "Google Ads": Figures(cost=Decimal(400), roi_total=Decimal("1.65")),
        "Instagram": Figures(cost=None, roi_total=None, total_return=Decimal(50)),
    }
    before = Figures(cost=Decimal(800), roi_total=Decimal("0.5"))
    assert verdict(now, before, platforms, EUR, "the 12 months before") == (
        "Every €1 spent returned €1.79 (range €1.20–€2.40). Best: Google Ads. "
        "Better than the 12 months before."
    )


def test_the_sentence_is_written_the_workspace_way_and_leaves_out_what_it_cannot_say():
    """In złoty with a decimal comma; no range without low/high, no best of one platform,
    no comparison without the period before; worse is said as plainly as better."""
    now = Figures(cost=Decimal(300), total_return=Decimal(250), roi_total=Decimal("-0.1667"))
    one = {"Facebook": Figures(cost=Decimal(300), roi_total=Decimal("-0.1667"))}
    assert verdict(now, None, one, PLN) == "Every 1\u00a0zł spent returned 0,83\u00a0zł."
    before = Figures(cost=Decimal(300), roi_total=Decimal(0))
    assert verdict(now, before, one, PLN, "the month before").endswith(
        "Worse than the month before."
    )


def test_returns_without_cost_ask_for_costs_and_nothing_says_nothing():
    """A period with returns but no cost says what to add; an empty period says nothing."""
    assert "no cost is entered" in verdict(Figures(total_return=Decimal(90)), None, {}, EUR)
    assert verdict(Figures(), None, {}, EUR) == ""


def test_best_platform_needs_two_with_cost_and_the_period_before_is_named_in_months_or_days():
    """Best of one says nothing; a whole-month period is named in months, others in days."""
    assert best_platform({"X": Figures(cost=Decimal(1), roi_total=Decimal(1))}) is None
    assert before_phrase(date(2025, 12, 1), date(2026, 11, 30)) == "the 12 months before"
    assert before_phrase(date(2026, 11, 1), date(2026, 11, 30)) == "the month before"
    assert before_phrase(date(2026, 11, 3), date(2026, 12, 2)) == "the 30 days before"
