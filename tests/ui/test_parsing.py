"""Reading typed and pasted cell text: both decimal marks, thousands marks, day-first dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.ui.parsing import ParseError, parse_count, parse_date, parse_decimal, parse_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("1.234,56 €", Decimal("1234.56")),
        ("€1,234.56", Decimal("1234.56")),
        ("1 234 567 Ft", Decimal(1234567)),
        ("1,234,567", Decimal(1234567)),
        ("-0.30", Decimal("-0.30")),
        ("", None),
    ],
)
def test_decimal_with_either_mark(text, expected):
    """European and English spellings of an amount read as the same exact Decimal."""
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["lots", "€", "1.2.3,4,5", "nan"])
def test_not_a_number(text):
    """Text without a readable number is refused with the text in the message."""
    with pytest.raises(ParseError, match="is not a number"):
        parse_decimal(text)


def test_counts_are_whole_and_not_negative():
    """Counts accept thousands marks and refuse fractions and minus signs."""
    assert parse_count("1 200") == 1200
    assert parse_count("1.200") == 1200
    with pytest.raises(ParseError):
        parse_count("-3")
    with pytest.raises(ParseError):
        parse_count("2,5x")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-31", date(2026, 3, 31)),
        ("31.03.2026", date(2026, 3, 31)),
        ("1/3/2026", date(2026, 3, 1)),
        ("2026.03.31.", date(2026, 3, 31)),
        ("2026-03-31T00:00:00", date(2026, 3, 31)),
    ],
)
def test_dates_iso_or_day_first(text, expected):
    """ISO dates and the day-first dates Europeans type (Hungarian year-first too)."""
    assert parse_date(text) == expected


def test_impossible_date_is_refused():
    """31 February is not a date."""
    with pytest.raises(ParseError, match="is not a date"):
        parse_date("31.02.2026")


@pytest.mark.parametrize("text", ["1e20", "1e400", "inf", "-inf", "NaN", "#N/A"])
def test_absurd_numbers_are_refused_with_a_message(text):
    """An editor refuses what no amount can be, with a message instead of a traceback."""
    with pytest.raises(ParseError):
        parse_decimal(text)


def test_dates_outside_1900_to_2100_are_refused_in_the_editor():
    """A year typed as 1850 or 2150 is a typo the editor refuses, saying how to write dates."""
    for text in ("1850-01-01", "1.1.2150"):
        with pytest.raises(ParseError, match="2026-03-31"):
            parse_date(text)


def test_text_a_workbook_cannot_hold_is_refused_other_text_kept():
    """A pasted terminal escape is refused (the workspace must stay exportable); tabs,
    line breaks and any language's letters are kept as typed."""
    with pytest.raises(ParseError, match="U\\+001B"):
        parse_text("\x1b[31mRed sale")
    assert parse_text("Zażółć\tgęślą\njaźń") == "Zażółć\tgęślą\njaźń"
