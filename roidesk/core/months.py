"""The calendar of the engine: ``YYYY-MM`` month keys, month indexes, month bounds and the
cutting of a period into partial months at its edges and whole months between."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta

_DAY = timedelta(days=1)


def month_key(day: date) -> str:
    """``YYYY-MM`` of a date."""
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a ``YYYY-MM`` month."""
    year, number = int(month[:4]), int(month[5:7])
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])


def add_months(day: date, months: int, day_of_month: int) -> date:
    """The day ``months`` after ``day``'s month, on ``day_of_month`` or the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day_of_month, last))


def month_index(day: date) -> int:
    """Months since year 0 (``year * 12 + month − 1``): consecutive months are consecutive ints."""
    return day.year * 12 + day.month - 1


def month_of_index(index: int) -> str:
    """``YYYY-MM`` of a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def index_bounds(index: int) -> tuple[int, int]:
    """First and last day (ordinals) of a month index."""
    year, month = divmod(index, 12)
    first = date(year, month + 1, 1)
    return first.toordinal(), first.toordinal() + calendar.monthrange(year, month + 1)[1] - 1


class Months:
    """Month index ↔ day ordinals, memoised (a ledger touches the same months again and again)."""

    def __init__(self) -> None:
        self._bounds: dict[int, tuple[int, int]] = {}

    def bounds(self, month: int) -> tuple[int, int]:
        """First and last day (ordinals) of a month index."""
        found = self._bounds.get(month)
        if found is None:
            found = self._bounds[month] = index_bounds(month)
        return found

    def split(self, first: int, last: int) -> list[tuple[int, int, int]]:
        """(month, first, last) pieces of the day range [first, last]."""
        out = []
        month = month_index(date.fromordinal(first))
        while first <= last:
            _, month_last = self.bounds(month)
            out.append((month, first, min(last, month_last)))
            first = month_last + 1
            month += 1
        return out


def months_of(start: date, end: date) -> Iterator[tuple[str, date, date]]:
    """Each ``YYYY-MM`` month of [start, end] with the part of it inside the period."""
    month = month_key(start)
    while True:
        first, last = month_bounds(month)
        if first > end:
            return
        yield month, max(first, start), min(last, end)
        month = month_key(last + _DAY)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def split_months(start: date, end: date) -> tuple[list[tuple[date, date]], str | None, str | None]:
    """Split [start, end] into partial-month edges (date ranges) and whole months (first, last)."""
    edges: list[tuple[date, date]] = []
    first_whole = start if start.day == 1 else _next_month(start)
    after_end = end + _DAY
    last_whole_end = after_end if after_end.day == 1 else after_end.replace(day=1)
    if first_whole >= last_whole_end:
        return [(start, end)], None, None
    if start < first_whole:
        edges.append((start, first_whole - _DAY))
    if last_whole_end <= end:
        edges.append((last_whole_end, end))
    return edges, month_key(first_whole), month_key(last_whole_end - _DAY)
