"""Reading what users type or paste into a cell: numbers with either decimal mark, dates.

Pure functions (no Qt) so the rules are easy to test: Europeans type ``1 234,50 €``, Excel
pastes ``1234.5`` or ``1,234.50``, dates arrive as ISO or day-first with dots or slashes.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

_NOT_NUMBER = re.compile(r"[^0-9,.\-+]")


class ParseError(ValueError):
    """The text is not a value of the column's kind; the message says why, for the user."""


def parse_decimal(text: str) -> Decimal | None:
    """A number from text with a decimal comma or point, thousands marks and a currency sign.

    ``""`` is ``None`` (not given). A single comma is a decimal comma (``12,5``); with both
    marks the last one is the decimal mark (``1.234,50`` and ``1,234.50``).
    """
    cleaned = _NOT_NUMBER.sub("", text.strip())
    if not text.strip():
        return None
    if not cleaned or not any(ch.isdigit() for ch in cleaned):
        raise ParseError(f"“{text.strip()}” is not a number")
    if "," in cleaned and "." in cleaned:
        decimal_mark = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_mark == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_mark, ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(",") > 1:
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ParseError(f"“{text.strip()}” is not a number") from error
    if not value.is_finite():
        raise ParseError(f"“{text.strip()}” is not a number")
    return value


def parse_count(text: str) -> int | None:
    """A whole, non-negative count (``1 200`` and ``1.200`` are twelve hundred)."""
    stripped = text.strip()
    if not stripped:
        return None
    digits = re.sub(r"[\s\u00a0\u202f.,']", "", stripped)
    if not digits.isdigit():
        raise ParseError(f"“{stripped}” is not a whole number of zero or more")
    return int(digits)


def parse_date(text: str) -> date | None:
    """A date from ISO text (``2026-03-01``) or day-first text (``1.3.2026``, ``01/03/2026``)."""
    stripped = text.strip()
    if not stripped:
        return None
    stripped = stripped.split("T")[0].split(" ")[0]
    try:
        return date.fromisoformat(stripped)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\.?", stripped)
    if match:
        first, month, last = (int(part) for part in match.groups())
        year, day = (first, last) if first > 31 else (last, first)
        try:
            return date(year, month, day)
        except ValueError:
            pass
    raise ParseError(f"“{text.strip()}” is not a date (write it as 2026-03-31 or 31.03.2026)")


def plain_decimal(value: Decimal | None) -> str:
    """A Decimal as plain text without exponent (what a copy puts on the clipboard)."""
    if value is None:
        return ""
    text = format(value, "f")
    return text
