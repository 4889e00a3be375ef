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
