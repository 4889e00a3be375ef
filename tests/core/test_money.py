"""Rounding and formatting happen only at the edge, half-up, to the currency's minor unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.figures import Figures
from roidesk.core.money import (
    figures_to_json,
    format_money,
    format_percent,
    format_ratio,
    round_money,
)


def test_round_money_half_up_per_currency() -> None:
    """0.125 EUR → 0.13 (half-up, not banker's); JPY has no minor unit; KWD has three."""
    assert round_money(Decimal("0.125"), "EUR") == Decimal("0.13")
    assert round_money(Decimal("2.5"), "JPY") == Decimal(3)
    assert round_money(Decimal("1.0005"), "KWD") == Decimal("1.001")


def test_format_money() -> None:
    """Symbols, grouping and the dash for an undefined value."""
    assert format_money(Decimal("1234.5"), "EUR") == "€1,234.50"
    assert format_money(Decimal("-3"), "USD") == "-$3.00"
    assert format_money(Decimal("1234567.891"), "HUF") == "1\u00a0234\u00a0567,89\u00a0Ft"
    assert format_money(None, "EUR") == "—"


def test_format_ratio_and_percent() -> None:
    """Ratios show four decimals half-up; percent is the ratio × 100."""
    assert format_ratio(Decimal("0.12345")) == "0.1235"
    assert format_percent(Decimal("43.117647")) == "4,311.76\u00a0%"
    assert format_ratio(None) == format_percent(None) == "—"


def test_figures_to_json_types() -> None:
    """Money and ratios are decimal strings, counts ints, dates ISO, None null."""
    figures = Figures(
        cost=Decimal("10.005"), roi_total=Decimal(2) / 3, break_even_date=date(2025, 2, 3), leads=7
    )
    data = figures_to_json(figures, "EUR")
    assert data["cost"] == "10.01"
    assert data["roi_total"] == "0.6667"
    assert data["break_even_date"] == "2025-02-03"
    assert data["leads"] == 7
    assert data["roas"] is None
    assert list(data) == list(Figures.names())


def test_counts_are_written_as_the_money_beside_them() -> None:
    """3,610,978 beside €1,234.56; 3 610 978 beside 1 234,56 zł (a locale hint decides first)."""
    from roidesk.core.money import format_count

    assert format_count(3610978, "EUR") == "3,610,978"
    assert format_count(3610978, "PLN") == "3\u00a0610\u00a0978"
    assert format_count(3610978, "EUR", "nl_NL") == "3\u00a0610\u00a0978"
    assert format_count(-1234, "USD") == "-1,234"
    assert format_count(7, "HUF") == "7"
