"""The shared-out costs, kept in the workspace file as costs and campaigns are written.

Sharing out every cost day by day (``core.costs.allocate``) is the slowest part of a first answer;
so the file keeps its outcome in ``cost_shares``: per month (``year * 12 + month − 1``) a JSON list
``sums`` of ``[campaign id, platform, category, units]`` and a JSON list ``runs`` of each one's
``[[first day, last day, units per day], …]`` (days as ordinals, money in ten-thousandths; the runs
are decoded only for the months a question needs days of), with the horizon it was shared out to in
``cost_ledger``. Triggers (migration 0006) log every cost change (old and new row) in
``cost_changes`` and every campaign added, removed or moved in ``campaign_changes``:

* :func:`refresh` runs at the end of every roidesk write transaction
  (``Workspace.transaction``) and shares out again, in that same transaction, only the months
  (and, where that suffices, the categories) the logged changes touch; then empties the logs;
* :func:`read` gives the engine the stored ledger and whatever is logged since (written by
  another program), so it shares those months out again in memory, without writing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from roidesk.core.costs import (
    CostLedger,
    DayCostRow,
    Reshare,
    allocate,
    cost_horizon,
    month_span,
    months_to_share_again,
    to_share_again,
)
from roidesk.core.records import Campaign, Cost, Repeat
from roidesk.storage import codecs
from roidesk.storage.aggregates import result_span
from roidesk.storage.schema import BULK_COST_INSERT, revision_bump

if TYPE_CHECKING:
    from roidesk.storage.workspace import Workspace

#: Months per DELETE … IN (…) statement (well under SQLite's variable limit).
_CHUNK = 500


@dataclass(frozen=True)
class StoredLedger:
    """The ledger as the file keeps it, and what changed since it was shared out."""

    ledger: CostLedger
    horizon: date
    changed_costs: list[Cost]  # old and new versions of every cost changed since
    moved_campaigns: list[tuple[date, date]]  # (start, end) of campaigns added, removed, moved

    @property
    def current(self) -> bool:
        """Whether nothing changed since (only the horizon may have moved)."""
        return not self.changed_costs and not self.moved_campaigns


def _stored_horizon(db: Database) -> date | None:
    row = db.execute("SELECT horizon FROM cost_ledger").fetchone()
    return None if row is None or row[0] is None else date.fromisoformat(row[0])


def _changed_costs(db: Database) -> list[Cost]:
    return codecs.COSTS.from_rows(
        db.execute(f"SELECT {codecs.COSTS.select_list} FROM cost_changes").fetchall()
    )


@contextmanager
def costs_logged_at_once(db: Database) -> Iterator[None]:
    """Costs inserted inside are logged at the end in one statement, not row by row by the
    triggers: each new row in ``cost_changes`` and a new ``costs`` token, as the triggers would
    have logged them (migration 0008). For inserts only (the rows with ids above the largest
    before); call inside the transaction that inserts them."""
    before = db.execute("SELECT coalesce(max(id), 0) FROM costs").fetchone()[0]
    db.execute(f"INSERT INTO {BULK_COST_INSERT} VALUES (1)")
    try:
        yield
    finally:
        db.execute(f"DELETE FROM {BULK_COST_INSERT}")
    columns = codecs.COSTS.select_list
    logged = db.execute(
        f"INSERT INTO cost_changes ({columns}) SELECT {columns} FROM costs WHERE id > ?", [before]
    )
    if logged.rowcount:
        db.execute(revision_bump("costs"))


def _moved_campaigns(db: Database) -> list[tuple[date, date]]:
    return [
        (date.fromisoformat(start), date.fromisoformat(end))
        for start, end in db.execute("SELECT start_date, end_date FROM campaign_changes")
    ]


def read(db: Database) -> StoredLedger | None:
    """The stored ledger, or None where the file has none yet."""
    horizon = _stored_horizon(db)
    if horizon is None:
        return None
    ledger = _ledger_of(_month_rows(db, None))
    return StoredLedger(ledger, horizon, _changed_costs(db), _moved_campaigns(db))


def current_months(db: Database, months: set[int], horizon: date) -> CostLedger | None:
    """The stored shares of ``months`` when the file's are up to date for ``horizon`` (nothing
    logged since), else None: after a roidesk write, what the engine would share out again."""
    if _stored_horizon(db) != horizon or _logged(db):
        return None
    return _ledger_of(_month_rows(db, months))


def _month_rows(db: Database, months: set[int] | None) -> list[tuple[int, str, str]]:
    """The stored (month, sums JSON, runs JSON) of ``months`` (every month for None)."""
    sql = "SELECT month, sums, runs FROM cost_shares"
    if months is None:
        return db.execute(sql).fetchall()
    found = []
    for chunk in _chunks(months):
        marks = ", ".join("?" for _ in chunk)
        found += db.execute(f"{sql} WHERE month IN ({marks})", chunk).fetchall()
    return found


def _ledger_of(rows: list[tuple[int, str, str]]) -> CostLedger:
    """A ledger of stored months: sums decoded now, runs when a question needs them."""
    return CostLedger.from_stored(
        (month, json.loads(sums), partial(json.loads, runs)) for month, sums, runs in rows
    )


def _write(db: Database, months: Iterable[tuple[int, list[Any]]]) -> None:
    db.conn.executemany(
        "INSERT OR REPLACE INTO cost_shares (month, sums, runs) VALUES (?, ?, ?)",
        (
            (month, _json([entry[:4] for entry in entries]), _json([e[4] for e in entries]))
            for month, entries in months
        ),
    )


def refresh(workspace: Workspace, today: date | None = None) -> None:
    """Share out again what the logged changes touch (everything, where nothing is stored
    yet) and empty the logs. Call inside the transaction that wrote the changes."""
    db = workspace.db
    stored = _stored_horizon(db)
    if stored is not None and not _logged(db):
        return
    costs, day_rows = _costs_to_share(db)
    campaigns = workspace.campaigns()
    span = result_span(db)
    horizon = cost_horizon(
        today or date.today(), (c.end for c in campaigns), None if span is None else span[1]
    )
    if stored is None:
        db.execute("DELETE FROM cost_shares")
        _write(db, allocate(costs, campaigns, horizon, day_rows=day_rows).month_entries())
    else:
        plan = _plan(db, costs, campaigns, (stored, horizon))
        if plan.months:
            fresh = allocate(
                costs, campaigns, horizon, plan.months, plan.categories, day_rows=day_rows
            )
            new = dict(fresh.month_entries(plan.months, plan.categories))
            if plan.categories is not None:  # the other categories' entries stay
                for month, entries in _stored_months(db, plan.months):
                    kept = [entry for entry in entries if entry[2] not in plan.categories]
                    new[month] = kept + new.get(month, [])
            _delete_months(db, plan.months)
            _write(db, ((month, entries) for month, entries in new.items() if entries))
    db.execute("UPDATE cost_ledger SET horizon = ?", [horizon.isoformat()])
    db.execute("DELETE FROM cost_changes")
    db.execute("DELETE FROM campaign_changes")


#: The costs of one day that do not repeat and have an amount (``DayCostRow``).
_ONE_DAY = (
    "repeat <> 'monthly' AND (end_date IS NULL OR end_date <= start_date) AND amount IS NOT NULL"
)


def _costs_to_share(db: Database) -> tuple[list[Cost], list[DayCostRow]]:
    """Every cost: those of one day that do not repeat as plain rows (an import's thousands of
    daily ad spends: no record made of each), the others as records; both in id order."""
    day_rows = db.execute(
        f"SELECT id, start_date, campaign_id, platform, category, amount FROM costs "
        f"WHERE {_ONE_DAY} ORDER BY id"
    ).fetchall()
    others = codecs.COSTS.from_rows(
        db.execute(
            f"SELECT {codecs.COSTS.select_list} FROM costs WHERE NOT ({_ONE_DAY}) ORDER BY id"
        ).fetchall()
    )
    return others, day_rows


def _plan(
    db: Database, costs: list[Cost], campaigns: list[Campaign], horizons: tuple[date, date]
) -> Reshare:
    """What the logged changes ask to share out again. Only costs of no campaign can be shared
    out again category by category; where a cost of a campaign changed (an import's ad spend:
    thousands of rows), a campaign moved or the horizon did, every category of the months is,
    and the months come from the logged dates alone (no records made of the logged rows).
    ``costs`` holds at least every monthly cost (the others do not move with the horizon)."""
    moved = _moved_campaigns(db)
    of_campaigns = db.execute(
        "SELECT EXISTS (SELECT 1 FROM cost_changes WHERE campaign_id IS NOT NULL)"
    ).fetchone()[0]
    if not of_campaigns and not moved and horizons[0] == horizons[1]:
        return to_share_again(_changed_costs(db), moved, costs, campaigns, horizons)
    later = max(horizons)
    spans = {
        month_span(
            date.fromisoformat(start),
            None if end is None else date.fromisoformat(end),
            repeat == Repeat.MONTHLY,
            None if until is None else date.fromisoformat(until),
            later,
        )
        for start, end, repeat, until in db.execute(
            "SELECT DISTINCT start_date, end_date, repeat, until FROM cost_changes"
        )
    }
    return Reshare(months_to_share_again(spans, moved, costs, horizons))


def _logged(db: Database) -> bool:
    return (
        db.execute(
            "SELECT EXISTS (SELECT 1 FROM cost_changes) OR EXISTS (SELECT 1 FROM campaign_changes)"
        ).fetchone()[0]
        == 1
    )


def _chunks(months: set[int]) -> Iterable[list[int]]:
    ordered = iter(sorted(months))
    while chunk := list(islice(ordered, _CHUNK)):
        yield chunk


def _stored_months(db: Database, months: set[int]) -> Iterable[tuple[int, list[Any]]]:
    for month, sums, runs in _month_rows(db, months):
        entries = zip(json.loads(sums), json.loads(runs), strict=True)
        yield month, [[*entry, runs_of] for entry, runs_of in entries]


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"))


def _delete_months(db: Database, months: set[int]) -> None:
    for chunk in _chunks(months):
        marks = ", ".join("?" for _ in chunk)
        db.execute(f"DELETE FROM cost_shares WHERE month IN ({marks})", chunk)
