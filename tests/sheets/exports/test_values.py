"""Cell text to numbers and dates: the forms real exports write."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.sheets.exports.values import (
    CellError,
    date_order,
    decimal_mark,
    parse_date,
    parse_decimal,
    period_from_lines,
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
