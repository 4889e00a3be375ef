"""The report period an export's title lines give."""

from __future__ import annotations

from datetime import date

from roidesk.sheets.exports.values import period_from_lines


def test_period_from_preambles() -> None:
    """The period lines GA4, LinkedIn and Google Ads titles write."""
    assert period_from_lines(["# 20251201-20251231"]) == (date(2025, 12, 1), date(2025, 12, 31))
    assert period_from_lines(
        ["Report Start: August 18, 2019, 12:00 AM", "Report End: September 16, 2019, 11:59 PM"]
    ) == (date(2019, 8, 18), date(2019, 9, 16))
    assert period_from_lines(["July 8, 2025 - July 31, 2025"]) == (
        date(2025, 7, 8),
        date(2025, 7, 31),
    )
    assert period_from_lines(["All time"]) == (None, None)
