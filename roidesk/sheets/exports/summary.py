"""What an export import did, as the command line prints it and the wizard shows it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from roidesk.core.money import format_count, format_money


def _natural(name: str) -> list[Any]:
    """A name's sort key, its numbers compared as numbers (``Spring 2`` before ``Spring 10``)."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _count(number: int, noun: str, currency: str) -> str:
    """``1 row``, ``2,920 rows``: the number with thousands separators (as the workspace's
    money has them) and the noun agreeing."""
    return f"{format_count(number, currency)} {noun}" + ("" if number == 1 else "s")


@dataclass
class ExportImport:
    """What an import did: the summary the CLI prints and the wizard shows."""

    source: str
    sheet: str
    platform: str | None
    rows_imported: int = 0  # the file's data rows read
    results_stored: int = 0  # the result rows they became (rows of one key summed)
    costs_added: int = 0
    skipped: dict[str, list[int]] = field(default_factory=dict)
    period: tuple[date | None, date | None] = (None, None)
    totals: dict[str, Decimal] = field(default_factory=dict)
    created_campaigns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    batch_id: int | None = None
    currency: str = ""  # the workspace's after the import: how the money totals are shown
    sources: list[str] = field(default_factory=list)  # "organic" / "paid" of the results stored

    def lines(self) -> list[str]:
        """Human lines for the command line and the wizard's summary page."""
        out = [
            f"{self.source}: imported {_count(self.rows_imported, 'row', self.currency)}"
            + (f" as {self.platform}" if self.platform else "")
            + f" ({_count(self.costs_added, 'advertising cost', self.currency)})"
            + (
                f", stored as {_count(self.results_stored, 'result', self.currency)} "
                "(one per day, campaign, platform, source, content type and post or ad)"
                if self.results_stored != self.rows_imported
                else ""
            )
        ]
        if self.sources:
            out.append(f"{self.source}: stored as " + " and ".join(self.sources) + " results")
        start, end = self.period
        if start:
            out.append(f"{self.source}: period {start.isoformat()} to {(end or start).isoformat()}")
        if self.totals:
            out.append(
                f"{self.source}: totals "
                + ", ".join(
                    f"{name.replace('_', ' ')} {self._shown(name, value)}"
                    for name, value in self.totals.items()
                )
            )
        for reason, rows in self.skipped.items():
            shown = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            out.append(f"{self.source}: left out {len(rows)} {reason} (rows {shown})")
        out += [f"{self.source}: {note}" for note in self.notes]
        if self.created_campaigns:
            named = sorted(self.created_campaigns, key=_natural)  # "Campaign 2" before "… 10"
            out.append(f"{self.source}: created campaigns: " + ", ".join(named))
        return out

    def _shown(self, name: str, value: Decimal) -> str:
        """A total as the owner reads it: money in the currency, counts with thousands."""
        if name in ("spend", "revenue"):
            return format_money(value, self.currency) if self.currency else f"{value:,.2f}"
        return format_count(int(value), self.currency) if value == int(value) else f"{value:,}"
