"""The result rows and their one derived table, ``result_months``.

``result_months`` holds the sums of ``results`` per month, campaign, platform, content type
and source. Every write of results rewrites the sums of the months it touched, in the same
transaction (:func:`refresh_month_sums`), so the two never disagree.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from itertools import islice
from operator import length_hint
from typing import Any

from roidesk.core.records import COUNT_METRICS, Result
from roidesk.storage import codecs

#: The summed columns of ``result_months`` (revenue in ten-thousandths).
SUMMED: tuple[str, ...] = (*COUNT_METRICS, "revenue")
#: The key columns of ``result_months`` besides the month.
MONTH_KEY = ("campaign_id", "platform", "content_type", "source")
#: Months per statement when month sums are rewritten (SQLite takes at least 999 parameters).
_MONTHS_PER_STATEMENT = 500
#: Rows per executemany batch of a bulk insert (the progress hook is called between batches).
_ROWS_PER_BATCH = 2_000
#: From this many rows, an insert at least as large as the table rebuilds the indexes after it.
_REBUILD_INDEXES_FROM = 2_000


class ResultFilter:
    """Which result rows to show: a period, a campaign, a platform, a content type, content."""

    def __init__(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        campaign_ids: Sequence[int] | None = None,
        platform: str | None = None,
        content_type: str | None = None,
        content: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.campaign_ids = campaign_ids
        self.platform = platform
        self.content_type = content_type
        self.content = content

    def sql(self) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.start is not None:
            parts.append("date >= ?")
            params.append(self.start.isoformat())
        if self.end is not None:
            parts.append("date <= ?")
            params.append(self.end.isoformat())
        if self.campaign_ids is not None:
            parts.append(f"campaign_id IN ({', '.join('?' for _ in self.campaign_ids)})")
            params.extend(self.campaign_ids)
        if self.platform is not None:
            parts.append("platform = ? COLLATE NOCASE")
            params.append(self.platform)
        if self.content_type is not None:
            parts.append("content_type = ?")
            params.append(self.content_type)
        if self.content is not None:  # the post or ad whose name or link contains the text
            parts.append("instr(lower(content), lower(?)) > 0")
            params.append(self.content)
        return " AND ".join(parts), params


def order_column(name: str) -> str:
    """A results column the Results editor may sort by (anything else is refused)."""
    allowed = {"id", "date", *MONTH_KEY, *SUMMED}
    if name not in allowed:
        raise ValueError(f"cannot sort results by {name!r}")
    return name


def months_of(db: sqlite3.Connection, where: str, params: Sequence[Any]) -> set[str]:
    """The ``YYYY-MM`` months of the result rows that match ``where``."""
    sql = f"SELECT DISTINCT substr(date, 1, 7) FROM results WHERE {where}"
    return {row[0] for row in db.execute(sql, list(params))}


def refresh_month_sums(db: sqlite3.Connection, months: Iterable[str]) -> None:
    """Rewrite the ``result_months`` rows of the given ``YYYY-MM`` months from the result rows
    (inside the caller's transaction)."""
    wanted = sorted(set(months))
    sums = ", ".join(f"coalesce(sum({m}), 0)" for m in SUMMED)
    key = ", ".join(MONTH_KEY)
    for first in range(0, len(wanted), _MONTHS_PER_STATEMENT):
        chunk = wanted[first : first + _MONTHS_PER_STATEMENT]
        marks = ", ".join("?" for _ in chunk)
        db.execute(f"DELETE FROM result_months WHERE month IN ({marks})", chunk)
        db.execute(
            f"INSERT INTO result_months (month, {key}, row_count, {', '.join(SUMMED)}) "
            f"SELECT substr(date, 1, 7) AS month, {key}, count(*), {sums} FROM results "
            f"WHERE date >= ? AND date < ? AND substr(date, 1, 7) IN ({marks}) "
            f"GROUP BY month, {key}",
            [f"{chunk[0]}-01", f"{chunk[-1]}-32", *chunk],
        )


def refresh_all_month_sums(db: sqlite3.Connection) -> None:
    """Rewrite every ``result_months`` row from the result rows (one pass over the table)."""
    sums = ", ".join(f"coalesce(sum({m}), 0)" for m in SUMMED)
    key = ", ".join(MONTH_KEY)
    db.execute("DELETE FROM result_months")
    db.execute(
        f"INSERT INTO result_months (month, {key}, row_count, {', '.join(SUMMED)}) "
        f"SELECT substr(date, 1, 7) AS month, {key}, count(*), {sums} FROM results "
        f"GROUP BY month, {key}"
    )


def insert_results(
    db: sqlite3.Connection,
    records: Iterable[Result],
    before_batch: Callable[[int], None] | None = None,
) -> tuple[int, set[str]]:
    """Insert result records, rows made by ``codecs``, one ``executemany`` per batch of a few
    thousand; how many, and the months they fall in. ``before_batch(done)`` is called before
    each batch; it may raise to abandon the caller's transaction.

    A batch binds only the columns it has values in (an export fills about half of them).
    """
    rows = codecs.RESULTS.rows(records)
    names = codecs.RESULTS.columns
    date_at = names.index("date")
    days: set[str] = set()
    count = 0
    with indexes_rebuilt_when(db, length_hint(records)):
        while batch := list(islice(rows, _ROWS_PER_BATCH)):
            if before_batch is not None:
                before_batch(count)
            columns = list(zip(*batch, strict=True))
            filled = tuple(i for i, column in enumerate(columns) if column.count(None) < len(batch))
            sql = _insert_of(tuple(names[i] for i in filled))
            db.executemany(sql, zip(*(columns[i] for i in filled), strict=True))
            days.update(columns[date_at])
            count += len(batch)
    return count, {day[:7] for day in days}


@lru_cache(maxsize=64)
def _insert_of(names: tuple[str, ...]) -> str:
    """The INSERT of one result row of the given columns."""
    return f"INSERT INTO results ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"


@contextmanager
def indexes_rebuilt_when(db: sqlite3.Connection, rows: int) -> Iterator[None]:
    """Around an insert of about ``rows`` results: when that is many and at least as many as the
    table holds, drop the results indexes and build them again after it (sorting once beats
    updating four indexes row by row: 100,000 rows into an empty table 1.0 → 0.6 s)."""
    before = db.execute("SELECT coalesce(max(rowid), 0) FROM results").fetchone()[0]
    if rows < _REBUILD_INDEXES_FROM or rows < before:
        yield
        return
    indexes = db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'results' "
        "AND sql IS NOT NULL ORDER BY name"
    ).fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    yield  # an error rolls the drops back with the caller's transaction
    for _, create in indexes:
        db.execute(create)


def insert_sql(table: codecs.Table[Any]) -> str:
    """The INSERT of one row of every stored column of a table (ids given by SQLite)."""
    columns = table.columns
    return (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
