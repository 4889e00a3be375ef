"""Undated rows shared out over the months of their report period, exactly."""

from __future__ import annotations

from datetime import date

from roidesk.sheets.exports.months import largest_remainder, months_of, share_out

PERIOD = (date(2026, 1, 15), date(2026, 3, 14))


def test_months_of_a_period_and_their_days() -> None:
    """15 Jan–14 Mar 2026 is 17 days of January, all 28 of February and 14 of March."""
    assert months_of(*PERIOD) == [
        (date(2026, 1, 15), 17),
        (date(2026, 2, 1), 28),
        (date(2026, 3, 1), 14),
    ]


def test_months_across_a_year_end() -> None:
    """December to January moves into the next year."""
    assert months_of(date(2025, 12, 30), date(2026, 1, 2)) == [
        (date(2025, 12, 30), 2),
        (date(2026, 1, 1), 2),
    ]


def test_largest_remainder_by_hand() -> None:
    """100 over 17:28:14 is 28.81, 47.46, 23.73: floors 98, the two largest remainders
    (January, March) get one more each."""
    assert largest_remainder(100, [17, 28, 14]) == [29, 47, 24]


def test_money_split_in_ten_thousandths_adds_up() -> None:
    """1,000.0000 over 17:28:14 is 288.1356 + 474.5763 + 237.2881 (remainders 55, 42, 21 of
    59: January and February get the two extra ten-thousandths)."""
    assert largest_remainder(10_000_000, [17, 28, 14]) == [2_881_356, 4_745_763, 2_372_881]


def test_share_out_one_row_per_month() -> None:
    """Each result row becomes one per month, None stays None, other columns repeat."""
    columns = {
        "date": [PERIOD[0]],
        "campaign_id": [7],
        "impressions": [100],
        "leads": [None],
    }
    assert share_out(columns, ["impressions", "leads"], PERIOD) == {
        "date": [date(2026, 1, 15), date(2026, 2, 1), date(2026, 3, 1)],
        "campaign_id": [7, 7, 7],
        "impressions": [29, 47, 24],
        "leads": [None, None, None],
    }
