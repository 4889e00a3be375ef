"""The report period an export's title or preamble lines give (cells themselves are read by
:mod:`roidesk.core.parsing`, the one parser of numbers and dates)."""

from __future__ import annotations

import re
from datetime import date

from roidesk.core.parsing import CellError, parse_date

_PERIOD_PATTERNS = [
    re.compile(r"(\d{8})\s*[-–]\s*(\d{8})"),
    re.compile(
        r"([^\W\d_]+\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})"
        r"\s*[-–]\s*"
        r"([^\W\d_]+\.? \d{1,2},? \d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})"
    ),
]
_START = re.compile(
    r"(?i)(?:reporting starts|report start|start date|berichtsstart|startdatum|kezdő dátum|"
    r"data rozpoczęcia|startdato)\s*:?\s*(.+)"
)
_END = re.compile(
    r"(?i)(?:reporting ends|report end|end date|berichtsende|einddatum|záró dátum|"
    r"data zakończenia|sluttdato)\s*:?\s*(.+)"
)


def _loose_date(text: str) -> date | None:
    text = text.strip().strip('"').split(", 12:")[0].split(", 11:")[0]
    text = re.sub(r",\s*\d{1,2}:\d{2}.*$", "", text)
    for candidate in (text, text.split()[0] if text.split() else text):
        try:
            return parse_date(candidate, "dmy")
        except CellError:
            continue
    return None


def period_from_lines(lines: list[str]) -> tuple[date | None, date | None]:
    """The period a preamble or title gives (``# 20251201-20251231``, ``Report Start: …``)."""
    start = end = None
    for line in lines:
        text = line.lstrip("#").strip().strip('"')
        for pattern in _PERIOD_PATTERNS:
            if match := pattern.search(text):
                first, last = _loose_date(match.group(1)), _loose_date(match.group(2))
                if first and last:
                    return first, last
        if start is None and (match := _START.match(text)):
            start = _loose_date(match.group(1))
        elif end is None and (match := _END.match(text)):
            end = _loose_date(match.group(1))
    return start, end


#: What joins the two days of a date range written in one cell: a dash with spaces around it,
#: an en or em dash, "to", "bis", "tot", "do", "til" or "..".
_RANGE_JOIN = re.compile(r"\s+[-–—]\s+|\s*[–—]\s*|\s+(?:to|bis|tot|do|til)\s+|\s*\.\.\s*", re.I)
_HAS_DIGIT = re.compile(r"\d")


def split_range(text: str) -> tuple[str, str] | None:
    """A cell's date range as its two day texts (``05/01/2026 – 11/01/2026``), or None."""
    parts = _RANGE_JOIN.split(text.strip())
    if len(parts) != 2 or not all(_HAS_DIGIT.search(part) for part in parts):
        return None
    return parts[0].strip(), parts[1].strip()
