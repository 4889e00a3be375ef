"""Named periods relative to today, shared by the status bar, the dashboard and reports."""

from __future__ import annotations

from datetime import date, timedelta


def preset_period(preset: str, today: date) -> tuple[date | None, date | None]:
    """The (start, end) of a period preset relative to ``today`` (None = open).

    ``last 12 months`` is the twelve whole months before the current one, so that it compares
    like with like and matches the monthly charts; ``all`` (or anything unknown) is open.
    """
    month_start = today.replace(day=1)
    if preset == "this month":
        next_month = (month_start + timedelta(days=32)).replace(day=1)
        return month_start, next_month - timedelta(days=1)
    if preset == "last month":
        end = month_start - timedelta(days=1)
        return end.replace(day=1), end
    if preset == "this quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        after = (first + timedelta(days=95)).replace(day=1)
        return first, after - timedelta(days=1)
    if preset == "last 12 months":
        year, month = divmod(today.year * 12 + today.month - 1 - 12, 12)
        return date(year, month + 1, 1), month_start - timedelta(days=1)
    if preset == "year to date":
        return date(today.year, 1, 1), today
    return None, None
