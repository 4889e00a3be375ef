"""The sums an experiment compares (one metric pair over the result rows of a filter), and the
saved experiments."""

from __future__ import annotations

import dataclasses
from datetime import date

from sqlite_utils import Database

from roidesk.core.experiments import GroupSpec, RateKpi, SavedExperiment
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


def saved_experiments(db: Database) -> list[SavedExperiment]:
    """The saved experiments, oldest first."""
    rows = db.execute(
        "SELECT id, name, a_kind, a_value, b_kind, b_value, kpi, start_date, end_date"
        " FROM experiments ORDER BY id"
    ).fetchall()
    return [
        SavedExperiment(
            name=name,
            a=GroupSpec(a_kind, a_value),
            b=GroupSpec(b_kind, b_value),
            kpi=RateKpi(kpi),
            start=date.fromisoformat(start) if start else None,
            end=date.fromisoformat(end) if end else None,
            id=row_id,
        )
        for row_id, name, a_kind, a_value, b_kind, b_value, kpi, start, end in rows
    ]


def save_experiment(db: Database, experiment: SavedExperiment) -> SavedExperiment:
    """Store an experiment (its groups, KPI and period) and return it with its id."""
    cursor = db.execute(
        "INSERT INTO experiments (name, a_kind, a_value, b_kind, b_value, kpi, start_date,"
        " end_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            experiment.name,
            experiment.a.kind,
            experiment.a.value,
            experiment.b.kind,
            experiment.b.value,
            str(experiment.kpi),
            experiment.start.isoformat() if experiment.start else None,
            experiment.end.isoformat() if experiment.end else None,
        ],
    )
    return dataclasses.replace(experiment, id=cursor.lastrowid)


def delete_experiment(db: Database, experiment_id: int) -> None:
    """Remove a saved experiment."""
    db.execute("DELETE FROM experiments WHERE id = ?", [experiment_id])


def group_values(db: Database, kind: str, limit: int = 500) -> list[str]:
    """The values a group of ``kind`` can take in the file (platforms, content types and
    content as stored; campaigns by name), sorted, at most ``limit``."""
    sql = {
        "campaign": "SELECT name FROM campaigns",
        "platform": "SELECT DISTINCT platform FROM results WHERE platform IS NOT NULL",
        "content_type": "SELECT DISTINCT content_type FROM results WHERE content_type IS NOT NULL",
        "content": "SELECT DISTINCT content FROM results WHERE content IS NOT NULL",
    }[kind]
    rows = db.execute(f"{sql} LIMIT ?", [limit]).fetchall()
    return sorted((str(row[0]) for row in rows), key=str.casefold)
