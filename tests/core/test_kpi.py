"""Each figure's formula on hand-computed numbers, and "not defined" instead of a crash."""

from __future__ import annotations

from decimal import Decimal

from roidesk.core import kpi
from roidesk.core.records import Settings


def test_roi_is_return_minus_cost_over_cost() -> None:
    """ROI = (T − C) / C: €150 back on €100 is 0.5."""
    assert kpi.roi(Decimal(150), Decimal(100)) == Decimal("0.5")


def test_roi_with_zero_cost_is_not_defined() -> None:
    """A zero cost gives None (a dash), never infinity or ZeroDivisionError."""
    assert kpi.roi(Decimal(150), Decimal(0)) is None
    assert kpi.roi(Decimal(150), None) is None


def test_rates_with_zero_denominators_are_not_defined() -> None:
    """Zero clicks or impressions: CPC, CPM, CTR and conversion rate are None."""
    assert kpi.cpc(Decimal(10), 0) is None
    assert kpi.cpm(Decimal(10), 0) is None
    assert kpi.ctr(0, 0) is None
    assert kpi.conversion_rate(5, 0) is None


def test_cpm_is_cost_per_thousand_impressions() -> None:
    """€12 for 4,000 impressions is a CPM of €3."""
    assert kpi.cpm(Decimal(12), 4000) == Decimal(3)


def test_direct_return_applies_gross_margin() -> None:
    """A 40 % margin keeps €400 of €1,000 revenue."""
    assert kpi.direct_return(Decimal(1000), Decimal("0.4")) == Decimal("400.0")


def test_lifetime_value_from_settings_or_entered() -> None:
    """LTV = €30 × 4 a year × 2.5 years = €300, unless entered directly."""
    settings = Settings(
        average_order_value=Decimal(30),
        purchases_per_year=Decimal(4),
        years_retained=Decimal("2.5"),
    )
    assert kpi.lifetime_value(settings) == Decimal(300)
    entered = Settings(lifetime_value=Decimal(1500), average_order_value=Decimal(30))
    assert kpi.lifetime_value(entered) == Decimal(1500)
    assert kpi.lifetime_value(Settings(average_order_value=Decimal(30))) is None


def test_ltv_cac() -> None:
    """LTV €300 against CAC €100 is 3 (3 : 1); no CAC, no ratio."""
    assert kpi.ltv_cac(Decimal(300), Decimal(100)) == Decimal(3)
    assert kpi.ltv_cac(Decimal(300), None) is None


def test_paid_equivalent_prices_organic_clicks_at_the_paid_cpc() -> None:
    """Facebook €50 for 100 paid clicks (CPC €0.50), 30 organic: €15; LinkedIn €90 for 30 paid
    (CPC €3), 4 organic: €12; TikTok no paid clicks (its 70 organic clicks priced at
    nothing): €27 in all."""
    platforms = [(Decimal(50), 100, 30), (Decimal(90), 30, 4), (Decimal(0), 0, 70)]
    assert kpi.paid_equivalent(platforms) == Decimal(27)


def test_paid_equivalent_needs_paid_clicks() -> None:
    """With no platform that has paid clicks the figure is not defined (not zero)."""
    assert kpi.paid_equivalent([(Decimal(50), 0, 30)]) is None
    assert kpi.paid_equivalent([]) is None
