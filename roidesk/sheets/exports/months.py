"""Undated rows shared out over the calendar months of their report period (SPEC "Rules"):
in proportion to each month's days inside the period, counts as integers and money in
ten-thousandths by largest remainder, one result per month dated its first day inside the
period."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any


def months_of(start: date, end: date) -> list[tuple[date, int]]:
    """Each calendar month of ``start``..``end``: its first day inside the period and how
    many of its days are inside."""
    months: list[tuple[date, int]] = []
    first = start
    while first <= end:
        next_month = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        last = min(end, next_month - timedelta(days=1))
        months.append((first, (last - first).days + 1))
        first = next_month
    return months


def largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` as integers that add up to it exactly:
    each share rounded down, the rest handed one by one to the largest remainders (the
    earlier share first where remainders tie)."""
    whole = sum(weights)
    shares = [total * w // whole for w in weights]
    remainders = [total * w % whole for w in weights]
    left = total - sum(shares)
    for index in sorted(range(len(weights)), key=lambda i: (-remainders[i], i))[:left]:
        shares[index] += 1
    return shares


def share_out(
    columns: dict[str, list[Any]], metrics: Sequence[str], period: tuple[date, date]
) -> dict[str, list[Any]]:
    """Result columns (one row per undated result, metrics as encoded integers) as one row
    per result and month of ``period``; the other columns are repeated, ``date`` set to each
    month's first day inside the period."""
    months = months_of(*period)
    if len(months) < 2:
        return columns
    weights = [days for _first, days in months]
    out: dict[str, list[Any]] = {name: [] for name in columns}
    count = len(columns["date"])
    for row in range(count):
        split = {
            name: largest_remainder(value, weights) if value is not None else [None] * len(months)
            for name in metrics
            for value in (columns[name][row],)
        }
        for at, (first, _days) in enumerate(months):
            for name, values in columns.items():
                if name == "date":
                    out[name].append(first)
                elif name in split:
                    out[name].append(split[name][at])
                else:
                    out[name].append(values[row])
    return out
