"""Named periods: the status bar and the dashboard mean the same dates by the same name."""

from __future__ import annotations

from datetime import date

import pytest

from roidesk.core.periods import preset_period


@pytest.mark.parametrize(
    ("preset", "today", "expected"),
    [
        ("this month", date(2024, 2, 10), (date(2024, 2, 1), date(2024, 2, 29))),
        ("last month", date(2026, 1, 5), (date(2025, 12, 1), date(2025, 12, 31))),
        ("this quarter", date(2026, 11, 23), (date(2026, 10, 1), date(2026, 12, 31))),
        ("last 12 months", date(2026, 11, 23), (date(2025, 11, 1), date(2026, 10, 31))),
        ("last 12 months", date(2026, 1, 1), (date(2025, 1, 1), date(2025, 12, 31))),
        ("year to date", date(2026, 11, 23), (date(2026, 1, 1), date(2026, 11, 23))),
        ("all", date(2026, 11, 23), (None, None)),
    ],
)
def test_preset_period(preset: str, today: date, expected: tuple[date | None, date | None]) -> None:
    """Each preset gives the hand-checked dates, leap February and year ends included."""
    assert preset_period(preset, today) == expected
