"""The result sums the planner asks for: a period's totals per platform and source.

Whole calendar months come from ``result_months`` (which keeps the source), the partial months
at the period's edges from ``results`` by the date index — the same split as the engine's sums.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from operator import add
from typing import NamedTuple

from sqlite_utils import Database

from roidesk.core.months import split_months
from roidesk.storage.results import SUMMED


class SourceSums(NamedTuple):
    """The sums of one platform and source (``None`` = organic, as the SPEC reads it)."""

    platform: str | None
    source: str | None
    sums: tuple[int, ...]  # in ``SUMMED`` order: the counts, then revenue in ten-thousandths


def sums_by_platform_and_source(db: Database, start: date, end: date) -> list[SourceSums]:
    """Result sums from ``start`` to ``end`` (both included) per platform and source."""
    if end < start:
        return []
    sums_sql = ", ".join(f"coalesce(sum({column}), 0)" for column in SUMMED)
    edges, first_month, last_month = split_months(start, end)
    merged: dict[tuple[str | None, str | None], tuple[int, ...]] = defaultdict(
        lambda: (0,) * len(SUMMED)
    )
    queries: list[tuple[str, list[str]]] = []
    if first_month is not None and last_month is not None:
        queries.append(
            (
                f"SELECT platform, source, {sums_sql} FROM result_months "
                "WHERE month BETWEEN ? AND ? GROUP BY platform, source",
                [first_month, last_month],
            )
        )
    for low, high in edges:
        queries.append(
            (
                f"SELECT platform, source, {sums_sql} FROM results "
                "WHERE date BETWEEN ? AND ? GROUP BY platform, source",
                [low.isoformat(), high.isoformat()],
            )
        )
    for sql, params in queries:
        for row in db.execute(sql, params):
            key = (row[0], row[1])
            merged[key] = tuple(map(add, merged[key], row[2:]))
    return [SourceSums(platform, source, sums) for (platform, source), sums in merged.items()]
