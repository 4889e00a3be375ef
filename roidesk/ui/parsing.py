"""What users type or paste into a cell, read by the one parser (:mod:`roidesk.core.parsing`).

A typed value has no column to infer the decimal mark from, so the text itself decides: with
both marks the last one is the decimal mark (``1.234,50`` and ``1,234.50``); a single comma is
a decimal comma (``12,5``), a single point a decimal point. Dates are ISO or day-first.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core import parsing
from roidesk.core.text import describe_unwritable

#: The message's error: the parser's, so one ``except`` catches both.
ParseError = parsing.CellError


def parse_decimal(text: str) -> Decimal | None:
    """A number (amount, hours, rate, goal value) from typed text; ``""`` is ``None``.

    Refused: text without a number, a number beyond what money can be
    (:data:`~roidesk.core.parsing.MAX_MONEY`), ``nan`` and ``inf``.
    """
    stripped = text.strip()
    if not stripped:
        return None
    if parsing.is_empty(stripped):  # "-", "n/a": typed, they are not a number
        raise ParseError(f"“{stripped}” is not a number")
    number = parsing.parse_decimal(stripped, parsing.typed_decimal_mark(stripped))
    if number is not None and not -parsing.MAX_MONEY <= number <= parsing.MAX_MONEY:
        raise ParseError("a number too large (more than 10^14)")
    return number


def parse_count(text: str) -> int | None:
    """A whole, non-negative count (``1 200`` and ``1.200`` are twelve hundred)."""
    stripped = text.strip()
    if not stripped:
        return None
    try:
        return parsing.parse_count(stripped)
    except ParseError:
        raise ParseError(f"“{stripped}” is not a whole number of zero or more") from None


def parse_date(text: str, order: str = "dmy") -> date | None:
    """A date from ISO text (``2026-03-01``) or text in the workspace's order: day first
    (``1.3.2026``, ``01/03/2026``) or, with ``order`` ``"mdy"``, month first (``3/1/2026``)."""
    stripped = text.strip()
    if not stripped:
        return None
    example = "03/31/2026" if order == "mdy" else "31.03.2026"
    try:
        found = parsing.parse_date(stripped, order)
    except ParseError as error:
        raise ParseError(f"{error} (write it as 2026-03-31 or {example})") from None
    if found is None:
        raise ParseError(f"“{stripped}” is not a date (write it as 2026-03-31 or {example})")
    return found


def parse_text(text: str) -> str:
    """Typed or pasted text as it will be stored; refused when no workbook could hold it
    (control characters such as a terminal's escape), so the workspace always exports."""
    unwritable = describe_unwritable(text)
    if unwritable is not None:
        raise ParseError(f"the text {unwritable}")
    return text


def plain_decimal(value: Decimal | None) -> str:
    """A Decimal as plain text without exponent (what a copy puts on the clipboard)."""
    if value is None:
        return ""
    return format(value, "f")
