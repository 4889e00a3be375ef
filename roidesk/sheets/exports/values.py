"""Cell text to numbers and dates, with the decimal mark and day/month order inferred per column."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

#: Cell texts exports use for "nothing here".
EMPTY_TOKENS = frozenset(
    {"", "-", "--", "—", "–", "na", "n/a", "n.a.", "(not set)", "(none)", "null", "none", "nan"}
)
_CURRENCY = re.compile(
    r"(?i)[€$£¥₹]|\b(?:zł|zl|kr|ft|huf|pln|eur|usd|gbp|nok|sek|dkk|chf|czk|ron)\b\.?"
)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_ONE_COMMA_THREE = re.compile(r"^[+-]?\d{1,3},\d{3}$")
_ONE_DOT_THREE = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")
FOUR_PLACES = Decimal("0.0001")
_EXCEL_EPOCH = date(1899, 12, 30)


class CellError(ValueError):
    """A cell that cannot be read as what its column holds."""


def is_empty(value: object) -> bool:
    """True for None and the placeholders exports write for "no value"."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().casefold() in EMPTY_TOKENS
    return False


def _clean_number_text(text: str) -> str:
    text = _CURRENCY.sub("", text)
    text = _SPACES.sub("", text)
    if text.endswith("%"):
        text = text[:-1]
    if text.startswith("(") and text.endswith(")"):  # accounting negative
        text = "-" + text[1:-1]
    return text


def decimal_mark(texts: list[str]) -> str:
    """``","`` or ``"."``: the decimal mark a column's text cells use; ``""`` when none tells."""
    if "".join(texts).isdigit():  # only plain digits (and empty cells): nothing tells
        return ""
    votes = {",": 0, ".": 0}
    for raw, times in Counter(texts).items():  # each distinct text read once, voting as often
        if raw.isdigit():  # plain digits tell nothing
            continue
        text = _clean_number_text(raw)
        has_comma, has_dot = "," in text, "." in text
        if has_comma and has_dot:
            votes["," if text.rfind(",") > text.rfind(".") else "."] += times
        elif has_comma:
            if text.count(",") > 1:
                votes["."] += times
            elif not _ONE_COMMA_THREE.match(text):
                votes[","] += times
        elif has_dot:
            if text.count(".") > 1:
                votes[","] += times
            elif not _ONE_DOT_THREE.match(text):
                votes["."] += times
    if votes[","] == votes["."] == 0:
        return ""
    return "," if votes[","] > votes["."] else "."


def parse_decimal(value: object, mark: str = ".") -> Decimal | None:
    """A cell as an exact Decimal (None when empty); :class:`CellError` when not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellError("a yes/no value, not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("not a number")
        return Decimal(repr(value))
    if isinstance(value, date):
        raise CellError("a date, not a number")
    text = str(value).strip()
    try:
        if mark == "." and text and text[-1].isdigit() and "," not in text:
            return Decimal(text)
        return _slow(text, mark)
    except InvalidOperation:
        return _slow(text, mark)


def _slow(text: str, mark: str) -> Decimal | None:
    if text.casefold() in EMPTY_TOKENS:
        return None
    cleaned = _clean_number_text(text)
    if mark == "thousands":  # a count column: "1.000" and "1,000" are both a thousand
        cleaned = cleaned.replace(".", "").replace(",", "")
    elif mark == ",":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise CellError(f"'{text[:40]}' is not a number") from None
    if not number.is_finite():
        raise CellError(f"'{text[:40]}' is not a number")
    return number


# ------------------------------------------------------------------ dates
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\.?(?:[ T].*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{2,4})\.?(?:[ T,].*)?$")
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "januar", "január", "januari", "stycznia", "styczeń", "sty"),
            ("feb", "february", "februar", "február", "februari", "lutego", "luty", "lut"),
            ("mar", "march", "märz", "mär", "március", "maart", "marca", "marzec", "mars", "márc"),
            ("apr", "april", "április", "kwietnia", "kwiecień", "kwi", "ápr"),
            ("may", "mai", "május", "mei", "maja", "maj", "máj"),
            ("jun", "june", "juni", "június", "czerwca", "czerwiec", "cze", "jún"),
            ("jul", "july", "juli", "július", "lipca", "lipiec", "lip", "júl"),
            ("aug", "august", "augusztus", "augustus", "sierpnia", "sierpień", "sie", "aug."),
            ("sep", "sept", "september", "szeptember", "września", "wrzesień", "wrz", "szept"),
            ("oct", "october", "oktober", "október", "okt", "października", "październik", "paź"),
            ("nov", "november", "november", "listopada", "listopad", "lis"),
            ("dec", "december", "dezember", "december", "grudnia", "grudzień", "gru", "des", "dez"),
        ],
        start=1,
    )
    for name in names
}
_WORDY = re.compile(
    r"^([^\W\d_]+)\.?\s+(\d{1,2}),?\s+(\d{4})|^(\d{1,2})\.?\s+([^\W\d_]+)\.?,?\s+(\d{4})"
)


def date_order(texts: list[str]) -> str | None:
    """``"dmy"``/``"mdy"`` from the cells that tell, else None (``.``-separated means dmy)."""
    dotted = False
    for text in texts:
        match = _DMY.match(text.strip())
        if not match:
            continue
        first, second = int(match.group(1)), int(match.group(2))
        if first > 12 >= second:
            return "dmy"
        if second > 12 >= first:
            return "mdy"
        dotted = dotted or "." in text
    return "dmy" if dotted else None


def needs_order(texts: list[str]) -> bool:
    """True when a column has d/m/y-shaped dates at all (so an order must be known)."""
    return any(_DMY.match(t.strip()) for t in texts)


def parse_date(value: object, order: str | None = None) -> date | None:
    """A cell as a date: real dates, Excel serials, ISO, compact, d.m.y / m/d/y, month names."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("a yes/no value, not a date")
    if isinstance(value, int | float):
        if 20000 <= value <= 80000:
            return _EXCEL_EPOCH + timedelta(days=int(value))
        raise CellError(f"{value} is not a date")
    text = str(value).strip()
    if text.casefold() in EMPTY_TOKENS:
        return None
    try:
        if match := _ISO.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _COMPACT.match(text):
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if match := _DMY.match(text):
            first, second, year = (int(g) for g in match.groups())
            year += 2000 if year < 100 else 0
            if order is None:
                if first > 12 or "." in text:
                    order = "dmy"
                elif second > 12:
                    order = "mdy"
                else:
                    raise CellError(f"'{text}': day/month order unknown")
            day, month = (first, second) if order == "dmy" else (second, first)
            return date(year, month, day)
        if match := _WORDY.match(text):
            if match.group(1):
                month = _MONTHS.get(match.group(1).casefold())
                day, year = int(match.group(2)), int(match.group(3))
            else:
                month = _MONTHS.get(match.group(5).casefold())
                day, year = int(match.group(4)), int(match.group(6))
            if month:
                return date(year, month, day)
        if text.replace(".", "", 1).isdigit():
            return parse_date(float(text), order)
    except ValueError as error:
        if isinstance(error, CellError):
            raise
        raise CellError(f"'{text[:40]}' is not a valid date") from None
    raise CellError(f"'{text[:40]}' is not a date")


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
