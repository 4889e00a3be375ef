"""The sums of the months valuations cut, kept in the workspace file as results are written.

A period that covers a month a valuation cuts mid-way needs that month's sums on each side of
the cut; whole months come from ``result_months``, but one side must be summed from the rows
(the slowest read of a first answer left). So the file keeps that side's sums in
``result_pieces`` (migration 0007), per campaign, platform and content type:

* :func:`refresh` runs at the end of every roidesk write transaction (after
  ``cost_shares.refresh``): it sums again the sides of months whose sums changed (logged by a
  trigger in ``result_month_changes``) and those of new cuts, drops those of cuts gone, and
  empties the log;
* :func:`read` gives the engine the kept sides, except those of months logged since (written
  by another program), which it reads from the rows itself.
"""

from __future__ import annotations

import json
from datetime import date

from sqlite_utils import Database

from roidesk.core.costs import month_key
from roidesk.core.valuations import cut_sides
from roidesk.storage.aggregates import PieceRow, piece_sums


def _changed_months(db: Database) -> set[str]:
    return {row[0] for row in db.execute("SELECT month FROM result_month_changes")}


def _kept_sides(db: Database) -> set[tuple[date, date]]:
    return {
        (date.fromisoformat(first), date.fromisoformat(last))
        for first, last in db.execute("SELECT first_day, last_day FROM result_pieces")
    }


def refresh(db: Database) -> None:
    """Sum again what the logged month changes and the valuations' cuts ask for; empty the
    log. Call inside the transaction that wrote the changes."""
    changed = _changed_months(db)
    cuts = [date.fromisoformat(row[0]) for row in db.execute("SELECT valid_from FROM valuations")]
    wanted = set(cut_sides(cuts))
    kept = _kept_sides(db)
    gone = kept - wanted
    fresh = sorted(side for side in wanted if side not in kept or month_key(side[0]) in changed)
    for first, last in gone:
        db.execute(
            "DELETE FROM result_pieces WHERE first_day = ? AND last_day = ?",
            [first.isoformat(), last.isoformat()],
        )
    for first, last in fresh:
        sums = [[*row[:3], list(row.sums)] for row in piece_sums(db, first, last)]
        db.execute(
            "INSERT OR REPLACE INTO result_pieces (first_day, last_day, sums) VALUES (?, ?, ?)",
            [first.isoformat(), last.isoformat(), json.dumps(sums, separators=(",", ":"))],
        )
    if changed:
        db.execute("DELETE FROM result_month_changes")


def read(db: Database) -> dict[tuple[date, date], list[PieceRow]]:
    """The kept sides whose month was not changed since (by another program)."""
    changed = _changed_months(db)
    found = {}
    for first, last, sums in db.execute("SELECT first_day, last_day, sums FROM result_pieces"):
        if first[:7] in changed:
            continue
        found[(date.fromisoformat(first), date.fromisoformat(last))] = [
            PieceRow(campaign_id, platform, content_type, tuple(values))
            for campaign_id, platform, content_type, values in json.loads(sums)
        ]
    return found
