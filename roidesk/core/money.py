"""Rounding and formatting of money and ratios, and the JSON form of the figures.

Figures are exact Decimals; they are rounded (half-up) only here, when shown or exported:
money to the currency's minor unit (ISO 4217), ratios to four decimals.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from roidesk.core.figures import Figures
from roidesk.core.records import COUNT_METRICS

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
        "paid_equivalent",
        "total_return_low",
        "total_return_high",
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

#: Ratios of :class:`Figures` read as percentages (``0.0123`` is ``1.23 %``).
PERCENT_FIELDS: frozenset[str] = frozenset(
    {
        "roi_direct",
        "roi_total",
        "roi_total_low",
        "roi_total_high",
        "engagement_rate",
        "ctr",
        "conversion_rate",
    }
)
#: Ratios of :class:`Figures` read as multiples (ROAS ``3.2`` is ``3.20×``).
TIMES_FIELDS: frozenset[str] = frozenset({"roas", "ltv_cac"})


def figure_kind(name: str | None) -> str:
    """How a figure (or a goal on it) is read: ``money`` in the currency, ``percent``,
    ``times`` (a multiple), ``count`` (whole things), else ``number``."""
    if name in MONEY_FIELDS:
        return "money"
    if name in PERCENT_FIELDS:
        return "percent"
    if name in TIMES_FIELDS:
        return "times"
    if name in COUNT_METRICS:
        return "count"
    return "number"


DASH = "—"
_RATIO_STEP = Decimal("0.0001")


def minor_unit(currency: str) -> int:
    """How many decimals the currency's minor unit has (2 unless ISO 4217 says otherwise)."""
    return _MINOR_UNITS.get(currency.upper(), 2)


@lru_cache(maxsize=64)
def _quantum(currency: str) -> Decimal:
    """The currency's minor unit as a Decimal step (``0.01``)."""
    return Decimal(1).scaleb(-minor_unit(currency))


def round_money(value: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit."""
    return value.quantize(_quantum(currency), rounding=ROUND_HALF_UP)


def round_ratio(value: Decimal) -> Decimal:
    """Round a ratio (a fraction) half-up to four decimals."""
    return value.quantize(_RATIO_STEP, rounding=ROUND_HALF_UP)


#: ``1,234.56`` → ``1 234,56`` (a no-break space between the thousands).
_TO_DECIMAL_COMMA = str.maketrans({",": "\u00a0", ".": ","})


def _number(value: Decimal, decimals: int, decimal_comma: bool) -> str:
    body = with_decimal_mark(f"{abs(value):,.{decimals}f}", decimal_comma)
    return "-" + body if value < 0 else body


@lru_cache(maxsize=64)
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


@lru_cache(maxsize=64)
def _money_style(currency: str, locale_hint: str) -> tuple[Decimal, int, bool, str, str]:
    """How the currency's money is written: (minor-unit step, decimals, decimal comma,
    symbol before the number, text after it)."""
    code = currency.upper()
    comma = _decimal_comma(code, locale_hint)
    before, after = "", ""
    if code in _SUFFIX_COMMA:
        after = f"\u00a0{_SUFFIX_COMMA[code]}"
    elif (symbol := _SYMBOLS.get(code)) is None:
        after = f"\u00a0{code}"
    elif comma:
        after = f"\u00a0{symbol}"
    else:
        before = symbol
    return _quantum(code), minor_unit(code), comma, before, after


def format_money(value: Decimal | None, currency: str, locale_hint: str = "") -> str:
    """Money rounded to the minor unit with the currency sign; ``—`` for ``None``.

    ``locale_hint`` (e.g. ``hu``, ``nl_NL``) picks decimal comma; without it the currency does.
    """
    if value is None:
        return DASH
    step, decimals, comma, before, after = _money_style(currency, locale_hint)
    rounded = value.quantize(step, rounding=ROUND_HALF_UP)
    number = _number(rounded, decimals, comma)
    if before and number.startswith("-"):
        return f"-{before}{number[1:]}{after}"
    return f"{before}{number}{after}"


#: Units of compact axis amounts, largest first: (unit, from which largest amount, suffix);
#: thousands only from ten of them (``1,400``, not ``1.4k``).
_COMPACT_UNITS = ((1e9, 1e9, "bn"), (1e6, 1e6, "M"), (1e3, 1e4, "k"))


def compact_amounts(
    values: Sequence[float], spacing: float, decimal_comma: bool = False
) -> list[str]:
    """An axis's tick amounts in few characters, all in one unit: ``0, 0.5M, 1.0M, 1.5M``,
    ``0, 20k, 40k``, ``0, 2,000, 4,000``, ``0.045`` (with a decimal comma ``1,5M``,
    ``2 000``). The largest amount picks the unit; the tick spacing as many decimals as tell
    neighbouring ticks apart."""
    largest = max((abs(value) for value in values), default=0.0)
    unit, suffix = next(((u, s) for u, low, s in _COMPACT_UNITS if largest >= low), (1.0, ""))
    step = abs(spacing) / unit
    decimals = 0 if step == 0 or step >= 1 else min(6, -math.floor(math.log10(step) + 1e-9))
    out = []
    for value in values:
        text = f"{value / unit:,.{decimals}f}"
        if float(text.replace(",", "")) == 0:
            out.append("0")
            continue
        out.append(with_decimal_mark(text, decimal_comma) + suffix)
    return out


@dataclass(frozen=True, slots=True)
class NumberStyle:
    """How one workspace writes its numbers: money in its currency, counts and percentages
    with the same marks (``locale_hint`` decides first, else the currency's home)."""

    currency: str
    locale_hint: str = ""

    @property
    def decimal_comma(self) -> bool:
        """Whether numbers are written ``1 234,56`` (else ``1,234.56``)."""
        return _decimal_comma(self.currency.upper(), self.locale_hint)

    def money(self, value: Decimal | None) -> str:
        """Money in the currency (``—`` for None)."""
        return format_money(value, self.currency, self.locale_hint)

    def count(self, value: int) -> str:
        """A count with thousands separators."""
        return format_count(value, self.currency, self.locale_hint)

    def percent(self, value: Decimal | None) -> str:
        """A ratio as a percentage (``—`` for None)."""
        return format_percent(value, self.decimal_comma)

    def times(self, value: Decimal | None) -> str:
        """A ratio as a multiple to two decimals (``3.20×``; ``—`` for None)."""
        if value is None:
            return DASH
        rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return with_decimal_mark(f"{rounded:,}×", self.decimal_comma)

    def figure(self, name: str | None, value: Decimal | int | None) -> str:
        """A figure's value (or a goal's) as the user reads it, by :func:`figure_kind`:
        ``€0.36``, ``4.73 %``, ``3.20×``, ``1,051`` (counts rounded to whole), ``2.5``."""
        if value is None:
            return DASH
        kind = figure_kind(name)
        if kind == "money":
            return self.money(Decimal(value))
        if kind == "percent":
            return self.percent(Decimal(value))
        if kind == "times":
            return self.times(Decimal(value))
        if kind == "count" or isinstance(value, int):
            return self.count(int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)))
        return with_decimal_mark(f"{value.normalize():,f}", self.decimal_comma)


def format_ratio(value: Decimal | None) -> str:
    """A ratio as a plain number rounded to four decimals (``0.0123``); ``—`` for ``None``."""
    if value is None:
        return DASH
    return str(round_ratio(value))


def format_percent(value: Decimal | None, decimal_comma: bool = False) -> str:
    """A ratio as a percentage with two decimals (``0.43118`` → ``43.12 %``, with a decimal
    comma ``43,12 %``); ``—`` for None."""
    if value is None:
        return DASH
    percent = round_ratio(value) * 100
    return f"{with_decimal_mark(f'{percent:,.2f}', decimal_comma)}\u00a0%"


def with_decimal_mark(text: str, decimal_comma: bool) -> str:
    """A number written with a point and comma thousands (``+12.5``, ``1,234.56``) in the
    workspace's marks (``+12,5``, ``1 234,56``)."""
    return text.translate(_TO_DECIMAL_COMMA) if decimal_comma else text


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
