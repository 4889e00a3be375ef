"""The sums an experiment compares: one metric pair over the result rows of a filter."""

from __future__ import annotations

from sqlite_utils import Database

from roidesk.core.records import COUNT_METRICS
from roidesk.storage.results import ResultFilter


def pair_sums(db: Database, where: ResultFilter, successes: str, trials: str) -> tuple[int, int]:
    """SUM(successes), SUM(trials) over the rows ``where`` picks (0, 0 when none).

    Successes count only on rows that tell the trials too, so that a row with clicks but no
    impressions does not lift the rate.
    """
    for name in (successes, trials):
        if name not in COUNT_METRICS:
            raise ValueError(f"not a count metric: {name}")
    clause, params = where.sql()
    sql = (
        f"SELECT coalesce(sum(CASE WHEN {trials} IS NOT NULL THEN {successes} END), 0),"
        f" coalesce(sum({trials}), 0) FROM results"
    )
    row = db.execute(sql + (f" WHERE {clause}" if clause else ""), params).fetchone()
    return int(row[0]), int(row[1])
