"""One reading of numbers and dates, for platform exports, the workspace workbook and the
window's editors alike.

A cell is a Python value as a reader gives it (text, int, float, bool, date) or text a user
typed. Numbers keep their exact decimal value (never a binary float in a total); the decimal
mark (``","`` or ``"."``) and the day/month order are the caller's, inferred per column by
:func:`decimal_mark` and :func:`date_order` where a whole column is at hand. Every refusal is a
:class:`CellError` whose message the caller places (file, sheet, row, column); nothing else
escapes (no ``OverflowError``, no ``decimal.InvalidOperation``).

Limits: numbers beyond what a business could have (:data:`MAX_NUMBER`, and the tighter
:data:`MAX_MONEY` for money, which is stored as 64-bit ten-thousandths), non-finite numbers,
dates outside :data:`FIRST_YEAR`–:data:`LAST_YEAR` and cells holding an Excel error are refused.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

#: Cell texts exports use for "nothing here".
EMPTY_TOKENS = frozenset(
    {"", "-", "--", "—", "–", "na", "n/a", "n.a.", "(not set)", "(none)", "null", "none"}
)
#: What Excel writes in a cell whose formula failed (and what a CSV saved by Excel holds).
EXCEL_ERRORS = frozenset(
    {"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)
#: Counts and other numbers above this are refused (no business has 10^15 of anything).
MAX_NUMBER = Decimal(10) ** 15
#: Money above this is refused: stored as integer ten-thousandths in 64 bits (at most about
#: 9.2 × 10^14), with room left for sums.
MAX_MONEY = Decimal(10) ** 14
#: Dates outside these years are refused (a typo, or a serial number read as a date).
FIRST_YEAR, LAST_YEAR = 1900, 2100
FOUR_PLACES = Decimal("0.0001")
#: Characters of the longest text read as a number (spaces, marks and a currency included).
_LONGEST_NUMBER = 100

_CURRENCY = re.compile(
    r"(?i)[€$£¥₹]|\b(?:zł|zl|kr|ft|huf|pln|eur|usd|gbp|nok|sek|dkk|chf|czk|ron)\b\.?"
)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_ONE_COMMA_THREE = re.compile(r"^[+-]?\d{1,3},\d{3}$")
_ONE_DOT_THREE = re.compile(r"^[+-]?\d{1,3}\.\d{3}$")
_EXCEL_EPOCH = date(1899, 12, 30)
#: Plain numbers read as Excel serial days: from 1954 (below, a number is more likely a count
#: than a day) to the last day of LAST_YEAR.
_FIRST_SERIAL = 20000
_LAST_SERIAL = (date(LAST_YEAR, 12, 31) - _EXCEL_EPOCH).days


class CellError(ValueError):
    """A cell that cannot be read as what its column holds; the message says why."""


def is_empty(value: object) -> bool:
    """True for None and the placeholders exports write for "no value"."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip().casefold() in EMPTY_TOKENS
    return False


def excel_error(value: object) -> str | None:
    """The Excel error a cell holds (``#N/A``, ``#DIV/0!``, …), else None."""
    if isinstance(value, str) and value[:1] == "#":
        text = value.strip().upper()
        if text in EXCEL_ERRORS:
            return text
    return None


def _refuse_excel_error(value: object) -> None:
    error = excel_error(value)
    if error is not None:
        raise CellError(f"cell holds the Excel error {error}")


# ------------------------------------------------------------------ numbers
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
        mark = _mark_of(_clean_number_text(raw))
        if mark:
            votes[mark] += times
    if votes[","] == votes["."] == 0:
        return ""
    return "," if votes[","] > votes["."] else "."


def typed_decimal_mark(text: str) -> str:
    """The decimal mark of one number on its own (typed, or one cell of a workbook): as
    :func:`decimal_mark` where the text tells, else a lone comma is a decimal comma."""
    return decimal_mark([text]) or ("," if "," in text and "." not in text else ".")


def _mark_of(text: str) -> str:
    """The decimal mark one cleaned number text shows, ``""`` when it does not tell."""
    has_comma, has_dot = "," in text, "." in text
    if has_comma and has_dot:
        return "," if text.rfind(",") > text.rfind(".") else "."
    if has_comma:
        if text.count(",") > 1:
            return "."
        return "" if _ONE_COMMA_THREE.match(text) else ","
    if has_dot:
        if text.count(".") > 1:
            return ","
        return "" if _ONE_DOT_THREE.match(text) else "."
    return ""


def parse_decimal(value: object, mark: str = ".") -> Decimal | None:
    """A cell as an exact Decimal (None when empty); :class:`CellError` when it is not a
    number, not finite or beyond :data:`MAX_NUMBER`.

    ``mark`` is the decimal mark (``","`` or ``"."``), or ``"thousands"`` for a count column
    where both ``1.000`` and ``1,000`` are a thousand.
    """
    number = _decimal(value, mark)
    if number is not None and not -MAX_NUMBER <= number <= MAX_NUMBER:
        raise CellError("a number too large (more than 10^15)")
    return number


def _decimal(value: object, mark: str) -> Decimal | None:
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
    if len(text) > _LONGEST_NUMBER:  # no number is this long; Decimal would take its time
        raise CellError(f"'{text[:40]}…' is not a number")
    if mark == "." and text and text[-1].isdigit() and "," not in text:
        try:
            number = Decimal(text)
        except InvalidOperation:
            pass
        else:
            if number.is_finite():
                return number
    return _decimal_text(text, mark)


def _decimal_text(text: str, mark: str) -> Decimal | None:
    if text.casefold() in EMPTY_TOKENS:
        return None
    _refuse_excel_error(text)
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


def parse_money(value: object, mark: str = ".") -> Decimal | None:
    """A cell as money: exact, rounded half-up to four places, at most :data:`MAX_MONEY`."""
    number = parse_decimal(value, mark)
    if number is None:
        return None
    if not -MAX_MONEY <= number <= MAX_MONEY:
        raise CellError("an amount too large (more than 10^14)")
    return number.quantize(FOUR_PLACES, ROUND_HALF_UP)


def parse_count(value: object, mark: str = "thousands") -> int | None:
    """A cell as a whole count of zero or more (``1.200`` and ``1 200`` are twelve hundred)."""
    number = parse_decimal(value, mark)
    if number is None:
        return None
    if number < 0 or number != number.to_integral_value():
        raise CellError(f"{format(number.normalize(), 'f')} is not a whole number of 0 or more")
    return int(number)


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
    """A cell as a date between :data:`FIRST_YEAR` and :data:`LAST_YEAR`: real dates, Excel
    serials, ISO, compact, d.m.y / m/d/y (``order`` ``"dmy"`` or ``"mdy"`` where the cell
    does not tell), month names. None when empty."""
    day = _date(value, order)
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise CellError(f"{day.isoformat()} is outside {FIRST_YEAR}–{LAST_YEAR}")
    return day


def _date(value: object, order: str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise CellError("a yes/no value, not a date")
    if isinstance(value, int | float):
        return _serial(value)
    if isinstance(value, time | timedelta):  # what a reader makes of a date before 1900
        raise CellError("a time or duration, not a date (spreadsheets hold no dates before 1900)")
    text = str(value).strip()
    if text.casefold() in EMPTY_TOKENS:
        return None
    _refuse_excel_error(text)
    try:
        found = _date_text(text, order)
    except CellError:
        raise
    except (ValueError, OverflowError):
        raise CellError(f"'{text[:40]}' is not a date: no such day") from None
    if found is None:
        raise CellError(f"'{text[:40]}' is not a date")
    return found


def _serial(value: float) -> date:
    """An Excel serial day number (1900 date system) as a date."""
    if value != value or not _FIRST_SERIAL <= value <= _LAST_SERIAL:
        raise CellError(f"{value} is not a date")
    return _EXCEL_EPOCH + timedelta(days=int(value))


def _date_text(text: str, order: str | None) -> date | None:
    """The date ``text`` spells, None when it has no date shape; ValueError for no such day."""
    if match := _ISO.match(text) or _COMPACT.match(text):
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _DMY.match(text):
        first, second, year = (int(g) for g in match.groups())
        year += 2000 if year < 100 else 0
        if _order(text, first, second, order) == "mdy":
            first, second = second, first
        return date(year, second, first)
    if match := _WORDY.match(text):
        named, number, year_text = match.group(1, 2, 3) if match.group(1) else match.group(5, 4, 6)
        month = _MONTHS.get(named.casefold())
        return date(int(year_text), month, int(number)) if month else None
    if text.replace(".", "", 1).isdigit():
        return _serial(float(text))
    return None


def _order(text: str, first: int, second: int, order: str | None) -> str:
    """The day/month order of one d/m/y text: given, or told by the text itself."""
    if order is not None:
        return order
    if first > 12 or "." in text:
        return "dmy"
    if second > 12:
        return "mdy"
    raise CellError(f"'{text}': day/month order unknown")
