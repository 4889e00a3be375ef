"""Rounding and formatting of money and ratios, and the JSON form of the figures.

Figures are exact Decimals; they are rounded (half-up) only here, when shown or exported:
money to the currency's minor unit (ISO 4217), ratios to four decimals.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from roidesk.core.figures import Figures

#: Digits after the decimal point of currencies whose minor unit is not 2 (ISO 4217).
_MINOR_UNITS: dict[str, int] = {
    "HUF": 2,  # ISO says 2; cash has no fillér, but invoices and exports use 2
    "JPY": 0,
    "KRW": 0,
    "ISK": 0,
    "CLP": 0,
    "VND": 0,
    "XAF": 0,
    "XOF": 0,
    "BHD": 3,
    "KWD": 3,
    "OMR": 3,
    "JOD": 3,
    "TND": 3,
    "LYD": 3,
    "IQD": 3,
}

_SYMBOLS: dict[str, str] = {"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}
#: Currencies written after the amount with a decimal comma in their home locale.
_SUFFIX_COMMA = {"HUF": "Ft", "PLN": "zł", "NOK": "kr", "SEK": "kr", "DKK": "kr", "CZK": "Kč"}

#: Money fields of :class:`Figures`; every other Decimal field is a ratio.
MONEY_FIELDS: frozenset[str] = frozenset(
    {
        "cost",
        "direct_return",
        "valued_return",
        "other_return",
        "total_return",
        "net_return",
        "cpc",
        "cpm",
        "cpl",
        "cpa",
        "cac",
        "ltv",
        "ad_spend",
        "revenue",
    }
)

DASH = "—"
_RATIO_STEP = Decimal("0.0001")


def minor_unit(currency: str) -> int:
    """How many decimals the currency's minor unit has (2 unless ISO 4217 says otherwise)."""
    return _MINOR_UNITS.get(currency.upper(), 2)


def round_money(value: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit."""
    return value.quantize(Decimal(1).scaleb(-minor_unit(currency)), rounding=ROUND_HALF_UP)


def round_ratio(value: Decimal) -> Decimal:
    """Round a ratio (a fraction) half-up to four decimals."""
    return value.quantize(_RATIO_STEP, rounding=ROUND_HALF_UP)


def _group(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    return separator.join(parts)


def _number(value: Decimal, decimals: int, decimal_comma: bool) -> str:
    text = f"{abs(value):.{decimals}f}"
    whole, _, fraction = text.partition(".")
    thousands, point = ("\u00a0", ",") if decimal_comma else (",", ".")
    body = _group(whole, thousands) + (point + fraction if fraction else "")
    return ("-" if value < 0 else "") + body


def _decimal_comma(code: str, locale_hint: str) -> bool:
    """Whether money (and so every number beside it) is written ``1 234,56`` (else
    ``1,234.56``): by the locale hint, else by the currency."""
    language = locale_hint.replace("-", "_").split("_")[0].lower()
    if language:
        return language not in ("en", "ga", "mt")
    return code in _SUFFIX_COMMA


def format_count(value: int, currency: str, locale_hint: str = "") -> str:
    """A count with thousands separators written as the workspace's money has them:
    ``3,610,978`` beside ``€1,234.56``, ``3 610 978`` beside ``1 234,56 zł``."""
    return _number(Decimal(value), 0, _decimal_comma(currency.upper(), locale_hint))


def format_money(value: Decimal | None, currency: str, locale_hint: str = "") -> str:
    """Money rounded to the minor unit with the currency sign; ``—`` for ``None``.

    ``locale_hint`` (e.g. ``hu``, ``nl_NL``) picks decimal comma; without it the currency does.
    """
    if value is None:
        return DASH
    code = currency.upper()
    rounded = round_money(value, code)
    comma = _decimal_comma(code, locale_hint)
    number = _number(rounded, minor_unit(code), comma)
    if code in _SUFFIX_COMMA:
        return f"{number}\u00a0{_SUFFIX_COMMA[code]}"
    symbol = _SYMBOLS.get(code)
    if symbol is None:
        return f"{number}\u00a0{code}"
    if comma:
        return f"{number}\u00a0{symbol}"
    return f"-{symbol}{number[1:]}" if number.startswith("-") else f"{symbol}{number}"


def format_ratio(value: Decimal | None) -> str:
    """A ratio as a plain number rounded to four decimals (``0.0123``); ``—`` for ``None``."""
    if value is None:
        return DASH
    return str(round_ratio(value))


def format_percent(value: Decimal | None) -> str:
    """A ratio as a percentage with two decimals (``0.43118`` → ``43.12 %``); ``—`` for None."""
    if value is None:
        return DASH
    percent = round_ratio(value) * 100
    return f"{percent:,.2f}\u00a0%"


def figures_to_json(figures: Figures, currency: str = "EUR") -> dict[str, Any]:
    """The figures as JSON values: money and ratios as decimal strings, counts as ints.

    Money is rounded to the currency's minor unit and ratios (fractions) to four decimals,
    as SPEC "Rules" asks of exported figures; dates are ISO; ``None`` becomes ``null``.
    """
    out: dict[str, Any] = {}
    for field in fields(figures):
        value = getattr(figures, field.name)
        if value is None:
            out[field.name] = None
        elif isinstance(value, date):
            out[field.name] = value.isoformat()
        elif isinstance(value, Decimal):
            if field.name in MONEY_FIELDS:
                out[field.name] = str(round_money(value, currency))
            else:
                out[field.name] = str(round_ratio(value))
        else:
            out[field.name] = int(value)
    return out
