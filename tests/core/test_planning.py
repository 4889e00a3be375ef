"""RONI and the budget planner (SPEC "Looking ahead"), on hand-computed numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.planning import (
    PlanBasis,
    ResultPart,
    StopBasis,
    default_basis,
    months_in,
    project_month,
    scale_factor,
    stop_platform,
)
from roidesk.core.problems import InputError
from roidesk.core.records import Valuation

D = Decimal
CENT = D("0.01")


def cents(value: Decimal | None) -> Decimal:
    assert value is not None
    return value.quantize(CENT)


# ---------------------------------------------------------------------------- the basis
def test_months_count_whole_months_as_one_each() -> None:
    """1 January–31 March is 3 months, as the SPEC's example says."""
    assert months_in(date(2026, 1, 1), date(2026, 3, 31)) == 3


def test_a_partial_month_counts_by_its_share_of_days() -> None:
    """16–30 April is half of April; 17 January–31 March is 15/31 + 2."""
    assert months_in(date(2026, 4, 16), date(2026, 4, 30)) == D("0.5")
    months = months_in(date(2026, 1, 17), date(2026, 3, 31))
    assert months.quantize(D("1e-12")) == D("2.483870967742")  # 15/31 + 2


def test_default_basis_is_the_last_three_whole_months_before_today() -> None:
    """Mid-December looks at September to November; mid-January crosses the year."""
    assert default_basis(date(2026, 12, 8)) == (date(2026, 9, 1), date(2026, 11, 30))
    assert default_basis(date(2026, 1, 15)) == (date(2025, 10, 1), date(2025, 12, 31))


# ---------------------------------------------------------------------------- RONI
def test_roni_without_carry_over() -> None:
    """C 300 and T 450 over 3 months, stop 2: saves 200, loses 300, RONI +100."""
    result = stop_platform(StopBasis(D(300), D(450), D(450), D(450)), D(3), 2)
    assert (result.cost_saved, result.return_lost, result.roni) == (D(200), D(300), D(100))
    assert result.roni_low == result.roni_high == D(100)


def test_roni_with_a_quarter_carried_over_and_a_valuation_range() -> None:
    """Carry-over 0.25 keeps a quarter of the return: loses 225, RONI 25; T low 300 / high
    600 give RONI −50 to +100."""
    result = stop_platform(StopBasis(D(300), D(450), D(300), D(600)), D(3), 2, D("0.25"))
    assert result.cost_saved == D(200)
    assert result.return_lost == D(225)
    assert result.roni == D(25)
    assert (result.roni_low, result.roni_high) == (D(-50), D(100))


def test_roni_over_a_basis_with_a_partial_month() -> None:
    """1 January–14 February is 1.5 months: C 150 and T 240 are 100 and 160 a month;
    stopping 3 months saves 300 and loses 480."""
    months = months_in(date(2026, 1, 1), date(2026, 2, 14))
    assert months == D("1.5")
    result = stop_platform(StopBasis(D(150), D(240), D(240), D(240)), months, 3)
    assert (result.cost_saved, result.return_lost, result.roni) == (D(300), D(480), D(180))


def test_stopping_an_unprofitable_platform_saves_money() -> None:
    """A platform that cost more than it returned has a negative RONI."""
    result = stop_platform(StopBasis(D(300), D(150), D(150), D(150)), D(3), 1)
    assert result.roni == D(-50)


def test_bad_months_and_carry_over_are_both_refused() -> None:
    """Zero months and a carry-over above 1 are each named, nothing computed."""
    with pytest.raises(InputError) as caught:
        stop_platform(StopBasis(D(1), D(1), D(1), D(1)), D(3), 0, D("1.5"))
    text = str(caught.value)
    assert "months must be 1 or more" in text
    assert "carry-over must be between 0 and 1" in text


# ---------------------------------------------------------------------------- the planner
START, END = date(2026, 1, 1), date(2026, 3, 31)
TODAY = date(2026, 4, 10)


def basis() -> PlanBasis:
    """Three months: Facebook paid (600 clicks, 30 leads, revenue 900) on 300 of ads,
    Facebook organic (300 clicks, 6 leads), Instagram organic (1,200 engagements); 150 of
    other costs, 60 of other returns."""
    return PlanBasis(
        start=START,
        end=END,
        parts=[
            ResultPart("Facebook", "paid", {"link_clicks": 600, "leads": 30}, D(900)),
            ResultPart("Facebook", None, {"link_clicks": 300, "leads": 6}, D(0)),
            ResultPart("Instagram", "organic", {"engagements": 1200}, D(0)),
        ],
        cost=D(450),
        ad_costs={"Facebook": D(300), None: D(0)},
        other_return=D(60),
    )


VALUATIONS = [
    Valuation("leads", START, D(10), low=D(5), high=D(20)),
    Valuation("link_clicks", START, D("0.5")),  # organic by default: paid clicks are bought
    Valuation("engagements", START, D("0.1"), platform="Instagram"),
]


def test_planner_with_exponent_one_scales_paid_results_in_proportion() -> None:
    """Facebook 100 → 400 a month with e = 1: paid results ×4 (800 clicks, 40 leads,
    revenue 1,200); organic as in B per month; cost 50 + 400; valued 42 leads × 10 + 100
    organic clicks × 0.5 + 400 engagements × 0.1 = 510; other 20; ROI 1280/450."""
    projection = project_month(basis(), {"Facebook": D(400)}, VALUATIONS, TODAY, D(1))
    figures = projection.figures
    assert projection.scale == {"Facebook": D(4)}
    assert (figures.link_clicks, figures.leads, figures.engagements) == (900, 42, 400)
    assert figures.revenue == D(1200)
    assert figures.cost == D(450)
    assert figures.ad_spend == D(400)
    assert figures.valued_return == D(510)
    assert figures.other_return == D(20)
    assert figures.total_return == D(1730)
    assert cents(figures.roi_total) == D("2.84")  # 1280 / 450
    assert figures.roas == D(3)
    assert cents(figures.cpl) == D("10.71")  # 450 / 42


def test_planner_gives_the_returns_and_roi_as_a_range() -> None:
    """Leads valued 5 to 20: valued 300 to 930, total 1,520 to 2,150, ROI 1070/450 to
    1700/450."""
    projection = project_month(basis(), {"Facebook": D(400)}, VALUATIONS, TODAY, D(1))
    figures = projection.figures
    assert (projection.valued_return_low, projection.valued_return_high) == (D(300), D(930))
    assert (figures.total_return_low, figures.total_return_high) == (D(1520), D(2150))
    assert cents(figures.roi_total_low) == D("2.38")
    assert cents(figures.roi_total_high) == D("3.78")


def test_planner_with_exponent_one_half_has_diminishing_returns() -> None:
    """Four times the budget with e = 0.5 doubles paid results: 400 clicks, 20 leads,
    revenue 600; total 600 + 310 + 20 = 930; ROI 480/450; ROAS 1.5."""
    projection = project_month(basis(), {"Facebook": D(400)}, VALUATIONS, TODAY, D("0.5"))
    figures = projection.figures
    assert projection.scale["Facebook"] == D(2)
    assert (figures.link_clicks, figures.leads) == (500, 22)
    assert figures.revenue == D(600)
    assert figures.total_return == D(930)
    assert cents(figures.roi_total) == D("1.07")
    assert figures.roas == D("1.5")


def test_planner_without_budgets_is_the_basis_per_month() -> None:
    """No new budget: every figure is B per month (Facebook paid results unscaled)."""
    figures = project_month(basis(), {}, VALUATIONS, TODAY).figures
    assert (figures.link_clicks, figures.leads, figures.revenue) == (300, 12, D(300))
    assert figures.cost == D(150)


def test_a_zero_budget_drops_the_paid_results() -> None:
    """Facebook at 0: its paid results and their revenue go, its organic ones stay."""
    figures = project_month(basis(), {"Facebook": D(0)}, VALUATIONS, TODAY).figures
    assert (figures.link_clicks, figures.leads, figures.revenue) == (100, 2, D(0))
    assert figures.ad_spend == D(0)
    assert figures.cost == D(50)


def test_a_platform_without_advertising_cost_is_refused() -> None:
    """Instagram had no advertising in B: there is nothing to scale from, and it says so."""
    with pytest.raises(InputError, match="Instagram cannot be scaled: no advertising cost in"):
        project_month(basis(), {"Instagram": D(100)}, VALUATIONS, TODAY)


@pytest.mark.parametrize("exponent", [D(0), D("-0.5"), D("1.2")])
def test_an_exponent_outside_zero_to_one_is_refused(exponent: Decimal) -> None:
    """0 < e ≤ 1: no gain from spending would be 0, more than proportional is not allowed."""
    with pytest.raises(InputError, match="exponent must be above 0 and at most 1"):
        project_month(basis(), {"Facebook": D(200)}, VALUATIONS, TODAY, exponent)


def test_a_valuation_for_all_results_values_paid_clicks_too() -> None:
    """A click valuation that applies to all results values the 800 paid clicks as well."""
    valuations = [Valuation("link_clicks", START, D("0.5"), applies_to="all")]
    projection = project_month(basis(), {"Facebook": D(400)}, valuations, TODAY, D(1))
    assert projection.figures.valued_return == D(450)  # 900 clicks × 0.5


def test_todays_valuation_is_used_not_the_basis_periods() -> None:
    """A lead valuation raised after the basis values every projected lead at the new value."""
    valuations = [
        Valuation("leads", START, D(10), id=1),
        Valuation("leads", date(2026, 4, 1), D(30), id=2),
    ]
    projection = project_month(basis(), {}, valuations, TODAY)
    assert projection.figures.valued_return == D(360)  # 12 leads × 30


def test_scale_factor_is_exact_where_the_power_is() -> None:
    """(900 ÷ 100) ** 0.5 is exactly 3; e = 1 is the plain ratio."""
    assert scale_factor(D(900), D(100), D("0.5")) == D(3)
    assert scale_factor(D(150), D(100), D(1)) == D("1.5")
