"""The dashboard's answer in one plain sentence: what every unit of money spent returned, its
range, the best platform and how it compares with the period before.

Pure: it reads :class:`~roidesk.core.figures.Figures` and writes with a
:class:`~roidesk.core.money.NumberStyle`, so the dashboard and the report say the same.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from roidesk.core.figures import Figures
from roidesk.core.money import NumberStyle

#: Returned per unit spent, to the cent (what the sentence writes).
_CENT = Decimal("0.01")
#: How the two ROIs differ, for the line where they stand side by side.
ROI_EXPLAINED = (
    "ROI (total) counts every return: revenue, the value you gave leads, followers and clicks, "
    "and other returns. ROI (direct) counts revenue alone (× gross margin)."
)


def per_unit_spent(value: Decimal | None, cost: Decimal | None) -> Decimal | None:
    """What each unit of cost returned (``value`` ÷ ``cost``), to the cent; None when either is
    missing or nothing was spent."""
    if value is None or not cost:
        return None
    return (value / cost).quantize(_CENT, rounding=ROUND_HALF_UP)


def _one(numbers: NumberStyle) -> str:
    """One unit of the currency without decimals (``€1``, ``1 zł``)."""
    written = numbers.money(Decimal(1))
    for decimals in ("1.00", "1,00"):
        written = written.replace(decimals, "1")
    return written


def best_platform(platforms: Mapping[str, Figures]) -> str | None:
    """The platform with the highest ROI (total) among those with a cost; None when fewer than
    two have one (with one, "best" says nothing)."""
    ranked = [
        (figures.roi_total, name)
        for name, figures in platforms.items()
        if figures.cost and figures.roi_total is not None
    ]
    if len(ranked) < 2:
        return None
    return max(ranked, key=lambda pair: pair[0])[1]


def before_phrase(start: date, end: date) -> str:
    """The period before one of the same length, in words: ``the 12 months before`` for whole
    months, else ``the 30 days before``."""
    whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_months:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return "the month before" if months == 1 else f"the {months} months before"
    days = (end - start).days + 1
    return "the day before" if days == 1 else f"the {days} days before"


def comparison(now: Decimal | None, before: Decimal | None, phrase: str) -> str:
    """``Better than the 12 months before.`` (by ROI (total)); ``""`` when either is missing."""
    if now is None or before is None or not phrase:
        return ""
    if now > before:
        return f"Better than {phrase}."
    if now < before:
        return f"Worse than {phrase}."
    return f"As good as {phrase}."


def verdict(
    figures: Figures,
    previous: Figures | None,
    platforms: Mapping[str, Figures],
    numbers: NumberStyle,
    before: str = "",
) -> str:
    """One sentence that answers "did it pay?" for the period (``""`` when nothing happened).

    ``previous`` are the figures of the period before (``before`` names it, e.g. "the 12 months
    before"; empty or None: no comparison), ``platforms`` the period's figures per platform.
    """
    returned = per_unit_spent(figures.total_return, figures.cost)
    if returned is None:
        if figures.total_return:
            return (
                f"{numbers.money(figures.total_return)} returned, but no cost is entered for "
                "this period: add your costs to see what each unit spent brought back."
            )
        return ""
    parts = [f"Every {_one(numbers)} spent returned {numbers.money(returned)}"]
    low = per_unit_spent(figures.total_return_low, figures.cost)
    high = per_unit_spent(figures.total_return_high, figures.cost)
    if low is not None and high is not None and low != high:
        parts[0] += f" (range {numbers.money(low)}–{numbers.money(high)})"
    parts[0] += "."
    best = best_platform(platforms)
    if best is not None:
        parts.append(f"Best: {best}.")
    if previous is not None:
        compared = comparison(figures.roi_total, previous.roi_total, before)
        if compared:
            parts.append(compared)
    return " ".join(parts)
