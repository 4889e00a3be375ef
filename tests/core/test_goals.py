"""Goal progress, pace and projection on hand-computed numbers."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core import goals


def test_progress_pace_projection() -> None:
    """Leads 0 → 400, 150 after 30 of 120 days: progress 0.375, pace 1.5, projected 600."""
    progress = goals.progress(Decimal(150), Decimal(0), Decimal(400))
    elapsed = goals.elapsed_share(date(2024, 1, 1), date(2024, 4, 30), date(2024, 1, 31))
    assert progress == Decimal("0.375")
    assert elapsed == Decimal(30) / Decimal(120)
    assert goals.pace(progress, elapsed) == Decimal("1.5")
    assert goals.projected(Decimal(150), Decimal(0), elapsed) == Decimal(600)


def test_falling_kpi_goal() -> None:
    """CPL 25 → 12, now 18: progress (18 − 25) / (12 − 25) = 7/13."""
    assert goals.progress(Decimal(18), Decimal(25), Decimal(12)) == Decimal(7) / Decimal(13)


def test_undefined_cases() -> None:
    """Target = baseline, no actual, or no time elapsed: not defined."""
    assert goals.progress(Decimal(5), Decimal(3), Decimal(3)) is None
    assert goals.progress(None, Decimal(0), Decimal(1)) is None
    start = date(2024, 1, 1)
    assert goals.elapsed_share(start, date(2024, 2, 1), start) == Decimal(0)
    assert goals.pace(Decimal("0.1"), Decimal(0)) is None
    assert goals.projected(Decimal(5), Decimal(0), Decimal(0)) is None


def test_ratio_kpi_has_no_pace_and_projects_its_actual() -> None:
    """Engagement rate 2 % → 4.8 %, 3.5 % after 10 of 40 days: progress 15/28; pace not
    defined and the projection is 3.5 % (not 2 % + 1.5 % ÷ 0.25 = 8 %)."""
    growing = goals.accumulates("engagement_rate")
    assert not growing
    elapsed = goals.elapsed_share(date(2024, 1, 1), date(2024, 2, 10), date(2024, 1, 11))
    progress = goals.progress(Decimal("0.035"), Decimal("0.02"), Decimal("0.048"))
    assert progress == Decimal("0.015") / Decimal("0.028")
    assert goals.pace(progress, elapsed, growing) is None
    assert goals.projected(Decimal("0.035"), Decimal("0.02"), elapsed, growing) == Decimal("0.035")


def test_which_kpis_accumulate() -> None:
    """Counts and money sums grow with time; rates, costs per result, ROI, ROAS, LTV do not."""
    for name in ("leads", "link_clicks", "reach", "cost", "total_return", "revenue"):
        assert goals.accumulates(name), name
    for name in ("ctr", "cpl", "cpa", "cpm", "roi_total", "roas", "ltv", "ltv_cac", None):
        assert not goals.accumulates(name), name
