"""The one parser of numbers and dates: the forms real exports and users write, and its limits."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

import pytest

from roidesk.core.parsing import (
    CellError,
    date_order,
    decimal_mark,
    parse_count,
    parse_date,
    parse_decimal,
    parse_money,
)


@pytest.mark.parametrize(
    ("texts", "mark"),
    [
        (["4,838.80"], "."),
        (["1.234,56"], ","),
        (["12,5"], ","),
        (["1,000"], ""),
        (["7.48E-6"], "."),
    ],
)
def test_decimal_mark_per_column(texts: list[str], mark: str) -> None:
    """The decimal mark is read from the cells that tell; three digits after one mark don't."""
    assert decimal_mark(texts) == mark


@pytest.mark.parametrize(
    ("text", "mark", "expected"),
    [
        ("1 234,50 zł", ",", "1234.50"),
        ("€3.20", ".", "3.20"),
        ("PLN 12", ".", "12"),
        ("(5.00)", ".", "-5.00"),
        ("12%", ".", "12"),
        ("1.000", "thousands", "1000"),
        ("7.48E-6", ".", "0.00000748"),
    ],
)
def test_parse_decimal_forms(text: str, mark: str, expected: str) -> None:
    """Currency symbols and codes, percent, accounting brackets and exponents are read exactly."""
    assert parse_decimal(text, mark) == Decimal(expected)


def test_placeholders_empty_and_junk_refused() -> None:
    """'--', 'NA', '(not set)' are empty; '< 10%' is not a number."""
    assert [parse_decimal(t) for t in (" --", "NA", "(not set)", "-")] == [None] * 4
    with pytest.raises(CellError):
        parse_decimal("< 10%")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-01-31", date(2025, 1, 31)),
        ("20251201", date(2025, 12, 1)),
        ("1.08.2019", date(2019, 8, 1)),
        ("2024.05.03.", date(2024, 5, 3)),
        ("Aug 3, 2024", date(2024, 8, 3)),
        ("3 maja 2024", date(2024, 5, 3)),
        ("12. März 2024", date(2024, 3, 12)),
        (45658, date(2025, 1, 1)),
    ],
)
def test_parse_date_forms(text: object, expected: date) -> None:
    """ISO, compact, dotted, Hungarian, month names and Excel serials are all dates."""
    assert parse_date(text) == expected


def test_date_order_inferred_or_unknown() -> None:
    """A day above 12 tells the order; dotted dates are day-first; all-low slashes are unknown."""
    assert date_order(["03/04/2025", "25/04/2025"]) == "dmy"
    assert date_order(["03/04/2025", "04/25/2025"]) == "mdy"
    assert date_order(["01.02.2025"]) == "dmy"
    assert date_order(["03/04/2025"]) is None
    with pytest.raises(CellError, match="order"):
        parse_date("03/04/2025")


@pytest.mark.parametrize("cell", ["1e20", 1e20, "1e308", 1e308, "1e400", "inf", "nan", "-1e16"])
def test_numbers_beyond_the_limits_are_refused(cell: object) -> None:
    """Absurd or non-finite numbers are a CellError, never an OverflowError or InvalidOperation."""
    with pytest.raises(CellError):
        parse_decimal(cell)
    with pytest.raises(CellError):
        parse_money(cell)


def test_a_megabyte_of_digits_is_refused_at_once() -> None:
    """A cell of a million digits is not a number; it is refused without being converted."""
    with pytest.raises(CellError, match="is not a number"):
        parse_decimal("9" * 1_000_000)


def test_limits_sit_at_ten_to_the_fifteen_and_money_at_ten_to_the_fourteen() -> None:
    """10^15 is still a count and 10^14 still an amount; one more is refused."""
    assert parse_count("1000000000000000") == 10**15
    with pytest.raises(CellError, match="too large"):
        parse_count("1000000000000001")
    assert parse_money("100000000000000") == Decimal("100000000000000.0000")
    with pytest.raises(CellError, match="too large"):
        parse_money("100000000000000.01")


@pytest.mark.parametrize(
    "error", ["#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!"]
)
def test_excel_errors_are_refused_not_read_as_empty(error: str) -> None:
    """A cell holding an Excel error names the error, for numbers and dates alike."""
    with pytest.raises(CellError, match=re.escape(f"cell holds the Excel error {error}")):
        parse_decimal(error)
    with pytest.raises(CellError, match="Excel error"):
        parse_date(error)


@pytest.mark.parametrize(
    "cell", ["1850-03-01", date(1850, 3, 1), datetime(2101, 1, 1), "01.01.2150", 80000]
)
def test_dates_outside_1900_to_2100_are_refused(cell: object) -> None:
    """A date in 1850 or 2150 is a typo, refused with a reason rather than stored."""
    with pytest.raises(CellError, match=r"not a date|outside 1900"):
        parse_date(cell)


def test_money_rounds_half_up_to_four_places() -> None:
    """Money keeps four decimals, rounded half-up as the workspace stores it."""
    assert parse_money("0.00005") == Decimal("0.0001")
    assert parse_money("1.234,56 €", ",") == Decimal("1234.5600")


def test_counts_are_whole_and_not_negative() -> None:
    """A count refuses fractions and minus signs, with the number in the message."""
    assert parse_count("1.200") == 1200
    with pytest.raises(CellError, match="whole number"):
        parse_count("-3")
    with pytest.raises(CellError, match="whole number"):
        parse_count(2.5)
