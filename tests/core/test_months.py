"""The engine's calendar: a period cut into partial months at its edges and whole months."""

from __future__ import annotations

from datetime import date

from roidesk.core.months import month_bounds, months_of, split_months


def test_a_period_splits_into_its_edges_and_the_whole_months_between() -> None:
    """10 Jan – 20 Apr: edges 10–31 Jan and 1–20 Apr, whole months February to March."""
    assert split_months(date(2025, 1, 10), date(2025, 4, 20)) == (
        [(date(2025, 1, 10), date(2025, 1, 31)), (date(2025, 4, 1), date(2025, 4, 20))],
        "2025-02",
        "2025-03",
    )


def test_a_period_of_two_adjacent_partial_months_is_one_edge_without_whole_months() -> None:
    """10 Jan – 20 Feb has no whole month: one edge over both (each row keeps its own month)."""
    assert split_months(date(2025, 1, 10), date(2025, 2, 20)) == (
        [(date(2025, 1, 10), date(2025, 2, 20))],
        None,
        None,
    )


def test_whole_months_have_no_edges_and_leap_februaries_end_on_the_29th() -> None:
    """1 Feb – 31 Mar 2024: whole months only; February 2024 has 29 days."""
    assert split_months(date(2024, 2, 1), date(2024, 3, 31)) == ([], "2024-02", "2024-03")
    assert month_bounds("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))


def test_months_of_clips_the_first_and_last_month_to_the_period() -> None:
    """Each month of 15 Dec – 2 Feb with the part of it inside the period."""
    assert list(months_of(date(2024, 12, 15), date(2025, 2, 2))) == [
        ("2024-12", date(2024, 12, 15), date(2024, 12, 31)),
        ("2025-01", date(2025, 1, 1), date(2025, 1, 31)),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 2)),
    ]
