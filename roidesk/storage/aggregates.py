"""The sums the engine asks for: result metrics per period piece, without loading rows.

Whole calendar months are read from ``result_months`` (kept true in the transaction of every
write of results); only the partial months at the edges of a period go to ``results``
(indexed on date). Every answer is grouped by platform — valuations differ per platform — plus
at most one breakdown column, and split by source: a group with paid rows comes as
two :class:`SumRow` rows, its paid and its organic sums (valuations apply to organic or all).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import add, sub
from typing import Any, NamedTuple

from sqlite_utils import Database

from roidesk.core.records import VALUED_METRICS
from roidesk.storage.results import SUMMED

#: Breakdown column → (expression on ``result_months``, expression on ``results``).
_GROUPS: dict[str, tuple[str, str]] = {
    "campaign": ("campaign_id", "campaign_id"),
    "month": ("month", "substr(date, 1, 7)"),
    "content_type": ("content_type", "content_type"),
}


@dataclass(frozen=True, slots=True)
class ResultScope:
    """Which result rows count: campaigns (``None`` = all, incl. none), platform, content type."""

    campaign_ids: Sequence[int] | None = None
    platform: str | None = None
    content_type: str | None = None


class SumRow(NamedTuple):
    """Sums of one group: the breakdown value (or None), the platform, the SUMMED totals and
    the source they are of: "paid", or "organic" (rows of no source count as organic).

    A named tuple, not a dataclass: tens of thousands are made per question.
    """

    group: Any
    platform: str | None
    sums: tuple[int, ...]
    source: str = "organic"


#: Where the metrics a valuation prices (link clicks among them) are in SUMMED: their paid
#: part is summed beside the totals. Splitting by sums, not by grouping on ``source``, keeps
#: each query's groups in its index's order (no sorting: grouping on the source was up to
#: 2× slower on 1M rows).
_PAID_AT = tuple(SUMMED.index(metric) for metric in VALUED_METRICS)
_PAID_SQL = ", ".join(
    f"coalesce(sum(CASE WHEN source = 'paid' THEN {SUMMED[at]} END), 0)" for at in _PAID_AT
)
_WIDTH = len(SUMMED)


def _sums_sql() -> str:
    """The SELECT list of the sums: SUMMED, then the paid part of each valued metric."""
    totals = ", ".join(f"coalesce(sum({column}), 0)" for column in SUMMED)
    return f"{totals}, {_PAID_SQL}"


def _split(group: Any, platform: str | None, sums: Sequence[int]) -> Iterable[SumRow]:
    """One group's totals and paid parts as an organic row and, where some, a paid row."""
    paid = sums[_WIDTH:]
    totals = tuple(sums[:_WIDTH])
    if not any(paid):
        yield SumRow(group, platform, totals)
        return
    paid_sums = [0] * _WIDTH
    for at, value in zip(_PAID_AT, paid, strict=True):
        paid_sums[at] = value
    yield SumRow(group, platform, tuple(map(sub, totals, paid_sums)))
    yield SumRow(group, platform, tuple(paid_sums), "paid")


def _filter(scope: ResultScope) -> tuple[list[str], list[Any]]:
    parts: list[str] = []
    params: list[Any] = []
    if scope.campaign_ids is not None:
        ids = list(scope.campaign_ids)
        if not ids:
            parts.append("0")
        else:
            parts.append(f"campaign_id IN ({', '.join('?' for _ in ids)})")
            params.extend(ids)
    if scope.platform is not None:
        parts.append("platform = ? COLLATE NOCASE")
        params.append(scope.platform)
    if scope.content_type is not None:
        parts.append("content_type = ?")
        params.append(scope.content_type)
    return parts, params


def result_span(db: Database) -> tuple[date, date] | None:
    """The first and last date of any result row."""
    # two queries: each uses the date index (one query with both would scan the table)
    low = db.execute("SELECT min(date) FROM results").fetchone()[0]
    high = db.execute("SELECT max(date) FROM results").fetchone()[0]
    if low is None:
        return None
    return date.fromisoformat(low), date.fromisoformat(high)


def month_sums(
    db: Database, first_month: str, last_month: str, scope: ResultScope, by: str | None = None
) -> list[SumRow]:
    """Sums of whole months ``first_month``..``last_month`` (``YYYY-MM``) from ``result_months``."""
    sums_sql = _sums_sql()
    where, params = _filter(scope)
    months = "month BETWEEN ? AND ?"
    if by == "campaign" and _months_apart(first_month, last_month) >= 6:
        # over many months, reading the campaign-ordered covering index whole and summing in
        # its order beats searching the month range and sorting (``+`` keeps SQLite off the
        # month index for this term)
        months = "+month BETWEEN ? AND ?"
    # ungrouped sums are grouped by month (the covering index's order, no sorting) and added
    # up here: a few hundred rows
    group = _GROUPS[by][0] if by else "month"
    clause = " AND ".join([months, *where])
    sql = (
        f"SELECT {group} AS grp, platform, {sums_sql} FROM result_months "
        f"WHERE {clause} GROUP BY grp, platform"
    )
    cursor = db.execute(sql, [first_month, last_month, *params])
    if by:
        return [split for row in cursor for split in _split(row[0], row[1], row[2:])]
    merged: dict[str | None, tuple[int, ...]] = {}
    for row in cursor:
        found = merged.get(row[1])
        merged[row[1]] = row[2:] if found is None else tuple(map(add, found, row[2:]))
    return [
        split for platform, values in merged.items() for split in _split(None, platform, values)
    ]


def _months_apart(first_month: str, last_month: str) -> int:
    """How many months after ``first_month`` (``YYYY-MM``) ``last_month`` is."""
    return (
        (int(last_month[:4]) - int(first_month[:4])) * 12
        + int(last_month[5:7])
        - int(first_month[5:7])
    )


def range_sums(
    db: Database, low: date, high: date, scope: ResultScope, by: str | None = None
) -> list[SumRow]:
    """Sums of the result rows from ``low`` to ``high`` (a partial month), by date index."""
    sums_sql = _sums_sql()
    where, params = _filter(scope)
    group = _GROUPS[by][1] if by else "NULL"
    clause = " AND ".join(["date BETWEEN ? AND ?", *where])
    sql = (
        f"SELECT {group} AS grp, platform, {sums_sql} FROM results "
        f"WHERE {clause} GROUP BY grp, platform"
    )
    cursor = db.execute(sql, [low.isoformat(), high.isoformat(), *params])
    return [split for row in cursor for split in _split(row[0], row[1], row[2:])]


def less(whole: list[SumRow], parts: list[SumRow]) -> list[SumRow]:
    """The sums of ``whole`` less those of ``parts``, per group, platform and source (groups
    left with nothing are left out, as a range without their rows would not have them)."""
    sums = {(row.group, row.platform, row.source): row.sums for row in whole}
    for row in parts:
        key = (row.group, row.platform, row.source)
        sums[key] = tuple(map(sub, sums[key], row.sums))
    return [
        SumRow(group, platform, values, source)
        for (group, platform, source), values in sums.items()
        if any(values)
    ]


def daily_result_sums(db: Database, start: date, end: date, scope: ResultScope) -> list[SumRow]:
    """Result sums per day (``group`` = ISO date), platform and source in [start, end], from
    the rows."""
    if end < start:
        return []
    sums_sql = _sums_sql()
    where, params = _filter(scope)
    days = [start.isoformat(), end.isoformat()]
    if scope.platform is not None:
        clause = " AND ".join(["date BETWEEN ? AND ?", *where])
        sql = (
            f"SELECT date, platform, {sums_sql} FROM results WHERE {clause} GROUP BY date, platform"
        )
        rows = db.execute(sql, [*days, *params]).fetchall()
    else:
        # platform by platform along the (platform, date) index: the rows come grouped, with
        # no sorting (by date over the date index, a month's rows were sorted: 3 × slower)
        platforms = [
            row[0]
            for row in db.execute(
                "SELECT DISTINCT platform FROM result_months WHERE month BETWEEN ? AND ?",
                [days[0][:7], days[1][:7]],
            )
        ]
        named = [platform for platform in platforms if platform is not None]
        ways = [(f"platform IN ({', '.join('?' for _ in named)})", named)] if named else []
        if None in platforms:
            ways.append(("platform IS NULL", []))
        rows = []
        for which, names in ways:
            clause = " AND ".join([which, "date BETWEEN ? AND ?", *where])
            sql = (
                f"SELECT date, platform, {sums_sql} FROM results WHERE {clause} "
                "GROUP BY platform, date"
            )
            rows.extend(db.execute(sql, [*names, *days, *params]))
    rows.sort(key=lambda row: (row[0], row[1] is not None, row[1] or ""))
    return [
        split for row in rows for split in _split(row[0], row[1], tuple(int(v) for v in row[2:]))
    ]


def daily_campaign_sums(db: Database, start: date, end: date, scope: ResultScope) -> list[SumRow]:
    """Result sums per day, campaign and platform in [start, end] (``group`` = (ISO date,
    campaign id)): one read for the break-evens of many ``--by campaign`` rows, along the
    (campaign, date) index, so only the rows of the scope's campaigns are read."""
    if end < start:
        return []
    where, params = _filter(scope)
    clause = " AND ".join([*where, "date BETWEEN ? AND ?"])
    sql = (
        f"SELECT date, campaign_id, platform, {_sums_sql()} FROM results WHERE {clause} "
        "GROUP BY campaign_id, date, platform"
    )
    cursor = db.execute(sql, [*params, start.isoformat(), end.isoformat()])
    # paid and organic apart, as every other read: a valuation may value only organic rows
    return [
        split
        for row in cursor
        for split in _split((row[0], row[1]), row[2], tuple(int(v) for v in row[3:]))
    ]


def any_revenue(db: Database) -> bool:
    """True when some result row carries revenue."""
    return (
        db.execute("SELECT 1 FROM result_months WHERE revenue != 0 LIMIT 1").fetchone() is not None
    )
