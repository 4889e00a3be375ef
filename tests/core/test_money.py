"""Rounding and formatting happen only at the edge, half-up, to the currency's minor unit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.figures import Figures
from roidesk.core.money import (
    NumberStyle,
    figure_kind,
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


def test_axis_amounts_are_compact_in_one_unit() -> None:
    """1.5e+06 and 500000 on a money axis read 1.5M and 0.5M; one unit per axis, picked by
    the largest tick, thousands only from 10,000 on; decimals as the tick spacing needs."""
    from roidesk.core.money import compact_amounts

    assert compact_amounts([0, 5e5, 1e6, 1.5e6], 5e5) == ["0", "0.5M", "1.0M", "1.5M"]
    assert compact_amounts([0, 2e4, 4e4], 2e4) == ["0", "20k", "40k"]
    assert compact_amounts([0, 250e3, 500e3], 250e3) == ["0", "250k", "500k"]
    assert compact_amounts([0, 2000, 4000, 6000], 2000) == ["0", "2,000", "4,000", "6,000"]
    assert compact_amounts([2e9, 2.5e9], 5e8) == ["2.0bn", "2.5bn"]
    assert compact_amounts([0.045, 0.05], 0.005) == ["0.045", "0.050"]
    assert compact_amounts([-1500, 0, 1500], 1500) == ["-1,500", "0", "1,500"]
    # a decimal-comma workspace (zł, Ft, kr): 1,5M and 2 000
    assert compact_amounts([0, 1.5e6], 5e5, decimal_comma=True) == ["0", "1,5M"]
    assert compact_amounts([2000, 4000], 2000, decimal_comma=True) == ["2\u00a0000", "4\u00a0000"]
    # a tick a float's rounding puts just off zero still reads 0
    assert compact_amounts([-1e-12, 0.5], 0.5) == ["0", "0.5"]


@pytest.mark.parametrize(
    ("name", "value", "euro", "zloty"),
    [
        ("cpc", Decimal("0.355"), "€0.36", "0,36\u00a0zł"),
        ("ctr", Decimal("0.007"), "0.70\u00a0%", "0,70\u00a0%"),
        ("roi_total", Decimal("1.6416"), "164.16\u00a0%", "164,16\u00a0%"),
        ("roas", Decimal("3.2"), "3.20×", "3,20×"),
        ("ltv_cac", Decimal("1234.505"), "1,234.51×", "1\u00a0234,51×"),
        ("leads", Decimal("388.5"), "389", "389"),
        ("impressions", 1234567, "1,234,567", "1\u00a0234\u00a0567"),
        (None, Decimal("2.50"), "2.5", "2,5"),
        ("ctr", None, "—", "—"),
    ],
)
def test_a_figure_is_written_in_its_kind(name, value, euro, zloty):
    """Money in the currency, rates in %, ROAS and LTV : CAC as multiples, counts whole
    (half up), anything else as the plain number; in either way of writing numbers."""
    assert NumberStyle("EUR").figure(name, value) == euro
    assert NumberStyle("PLN", "pl").figure(name, value) == zloty


def test_figure_kinds_cover_every_ratio_of_the_figures():
    """Every Decimal figure that is not money is a percentage or a multiple: none is shown as
    a bare number by mistake."""
    from dataclasses import fields

    decimals = {f.name for f in fields(Figures) if "Decimal" in str(f.type)}
    kinds = {name: figure_kind(name) for name in decimals}
    assert {kind for kind in kinds.values()} == {"money", "percent", "times"}
    assert kinds["roas"] == "times" and kinds["ctr"] == "percent" and kinds["cpl"] == "money"
