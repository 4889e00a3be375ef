"""The sums of the months valuations cut, kept in the workspace file as results are written.

A period that covers a month a valuation cuts mid-way needs that month's sums on each side of
the cut; whole months come from ``result_months``, but one side must be summed from the rows
(the slowest read of a first answer left) and the other is the month's sums less it. So the
file keeps both sides' sums in ``result_pieces`` (migration 0007), per campaign, platform and
content type:

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
from roidesk.core.valuations import cut_months
from roidesk.storage.aggregates import PieceRow, month_pieces, piece_sums, pieces_less


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
    halves = cut_months(cuts)
    wanted = {side for pair in halves for side in pair}
    kept = _kept_sides(db)
    for first, last in kept - wanted:
        db.execute(
            "DELETE FROM result_pieces WHERE first_day = ? AND last_day = ?",
            [first.isoformat(), last.isoformat()],
        )
    for read, other in halves:
        if read in kept and other in kept and month_key(read[0]) not in changed:
            continue
        from_rows = piece_sums(db, *read)  # the other side is the month's sums less it
        rest = pieces_less(month_pieces(db, month_key(read[0])), from_rows)
        for (first, last), rows in ((read, from_rows), (other, rest)):
            sums = [[*row[:3], list(row.sums)] for row in rows]
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
