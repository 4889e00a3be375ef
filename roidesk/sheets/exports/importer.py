"""A platform export into the workspace: find the table, map it, check every cell, write it all.

Rules (README "import"): totals rows, repeated header rows, notes and blank rows are skipped and
reported; a cell that cannot be read in a mapped column rejects the whole import (nothing is
written). Rows without a date take the report period's start (a spend then becomes one cost
spanning the period); with neither, the import day — the summary says so.
"""

from __future__ import annotations

import dataclasses
import gc
import re
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import partial, wraps
from itertools import compress, repeat
from operator import call, itemgetter, not_
from pathlib import Path
from typing import Any, TypeVar

from roidesk.core import parsing as p
from roidesk.core.money import format_count, format_money
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import (
    COUNT_METRICS,
    Campaign,
    Cost,
    CostCategory,
    ImportBatch,
    Result,
    canonical_platform,
)
from roidesk.sheets.exports import mapping as m
from roidesk.sheets.exports import values as v
from roidesk.sheets.exports.reading import RawFile, RawSheet, read_file
from roidesk.sheets.exports.row_tests import empty_text, is_totals, row_checks, row_test
from roidesk.sheets.exports.summed import Summed

_COUNT_FIELDS = COUNT_METRICS
T = TypeVar("T")


#: Counts read without Decimal: floats below this, digit texts shorter than this (both
#: below the parser's limit, ``core.parsing.MAX_NUMBER``).
_FLOAT_LIMIT = 1e15
_DIGITS_LIMIT = 16


class ImportCancelled(Exception):
    """The user pressed Cancel; nothing was written."""


def _natural(name: str) -> list[Any]:
    """A name's sort key, its numbers compared as numbers (``Spring 2`` before ``Spring 10``)."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", name)]


def _count(number: int, noun: str, currency: str) -> str:
    """``1 row``, ``2,920 rows``: the number with thousands separators (as the workspace's
    money has them) and the noun agreeing."""
    return f"{format_count(number, currency)} {noun}" + ("" if number == 1 else "s")


@dataclass
class Analysis:
    """Where the table is in a file and what its columns mean (the wizard lets the user edit it)."""

    file: RawFile
    sheet: RawSheet
    header_row: int  # 0-based index into sheet.rows; -1 when no header was found
    headers: list[str]
    mapping: dict[str, int]
    platform: str | None
    period: tuple[date | None, date | None]


@dataclass
class Converted:
    """The rows ready to write, column by column, and what was left out."""

    metrics: dict[str, list[Any]]  # field → one value per kept row (ints; money in 1/10000)
    dates: list[date]
    ends: list[date | None]
    campaigns: list[str | None]
    numbers: list[int]  # 1-based row number in the sheet of each kept row
    skipped: dict[str, list[int]]
    problems: list[Problem]
    period: tuple[date | None, date | None]
    currency: str | None
    undated: bool


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

    def lines(self) -> list[str]:
        """Human lines for the command line and the wizard's summary page."""
        out = [
            f"{self.source}: imported {_count(self.rows_imported, 'row', self.currency)}"
            + (f" as {self.platform}" if self.platform else "")
            + f" ({_count(self.costs_added, 'advertising cost', self.currency)})"
            + (
                f", stored as {_count(self.results_stored, 'result', self.currency)} "
                "(one per day, campaign, platform and content type)"
                if self.results_stored != self.rows_imported
                else ""
            )
        ]
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


# ------------------------------------------------------------------ analyse
def _nonempty(row: list[Any]) -> int:
    return sum(1 for c in row if c is not None and c != "")


def find_header_row(rows: list[list[Any]]) -> int:
    """The header row's index: the row most of whose cells are known header names, else -1."""
    best, best_known = -1, 0
    for index, row in enumerate(rows[:60]):
        if row and isinstance(row[0], str) and row[0].startswith("#"):
            continue
        known = m.known_header_count(row)
        if known > best_known:
            best, best_known = index, known
    if best >= 0:
        return best
    for index, row in enumerate(rows[:60]):
        cells = [c for c in row if c is not None and c != ""]
        commented = bool(row) and isinstance(row[0], str) and row[0].startswith("#")
        if len(cells) >= 2 and all(isinstance(c, str) for c in cells) and not commented:
            return index
    return -1


def _fill_merged_labels(sheet: RawSheet) -> None:
    """A merged label applies to every row it spans; a merged number stays in its first cell."""
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(sheet.rows) or c0 >= len(sheet.rows[r0]):
            continue
        label = sheet.rows[r0][c0]
        if not isinstance(label, str) or not label.strip():
            continue
        for r in range(r0, min(r1, len(sheet.rows) - 1) + 1):
            row = sheet.rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and (row[c] is None or row[c] == ""):
                    row[c] = label


def _data_sheet(raw: RawFile) -> RawSheet:
    scored = [(m.known_header_count(r) for r in s.rows[:60]) for s in raw.sheets]
    best = [max(sc, default=0) for sc in scored]
    return raw.sheets[best.index(max(best))] if raw.sheets else RawSheet("", [])


def analyse(
    raw: RawFile,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: dict[str, int] | None = None,
    platform: str | None = None,
) -> Analysis:
    """Choose the sheet, the header row, the column mapping, the platform and the period."""
    if sheet is not None:
        chosen = next((s for s in raw.sheets if s.name == sheet), None)
        if chosen is None:
            raise InputError(Problem(f"no sheet named '{sheet}'", raw.path.name))
    else:
        chosen = _data_sheet(raw)
    _fill_merged_labels(chosen)
    index = find_header_row(chosen.rows) if header_row is None else header_row
    headers = m.unique_headers(chosen.rows[index]) if 0 <= index < len(chosen.rows) else []
    preamble = [
        " ".join(", ".join(str(c) for c in row if c not in (None, "")).split())
        for row in chosen.rows[: max(index, 0) if index >= 0 else len(chosen.rows)]
    ]
    return Analysis(
        file=raw,
        sheet=chosen,
        header_row=index,
        headers=headers,
        mapping=dict(mapping) if mapping is not None else m.auto_mapping(headers),
        platform=canonical_platform(platform) or m.detect_platform(headers),
        period=v.period_from_lines(preamble),
    )


# ------------------------------------------------------------------ convert
def _skip_reason(row: list[Any], header: list[Any], dimension: int | None) -> str | None:
    """Why a row is left out (totals, notes, repeated header, blank), or None to keep it."""
    if not row:
        return "blank rows"
    first = row[0]
    if first is None or first == "" or len(row) < 2 or row[1] is None or row[1] == "":
        filled = _nonempty(row)  # only rows that look thin pay for counting their cells
        if filled == 0:
            return "blank rows"
        if filled == 1 and len(header) > 2:
            return "notes"
    if first == header[0] and row[: len(header)] == header[: len(row)]:
        return "repeated header rows"
    if isinstance(first, str) and (first.startswith("#") or is_totals(first)):
        return "notes" if first.startswith("#") else "totals rows"
    for cell in row[-2:]:
        if isinstance(cell, str) and is_totals(cell):
            return "totals rows"
    if dimension is not None and (
        dimension >= len(row) or row[dimension] is None or str(row[dimension]).strip() == ""
    ):
        return "totals rows"
    return None


def _bad_rows(
    column: Sequence[Any], is_bad: Callable[[Any], bool], distinct: set[Any] | None = None
) -> list[int]:
    """Indexes of the cells ``is_bad`` flags, testing each distinct cell once (``distinct``:
    the column's distinct cells, when known)."""
    bad = {cell for cell in (set(column) if distinct is None else distinct) if is_bad(cell)}
    if not bad:
        return []
    return list(compress(range(len(column)), map(bad.__contains__, column)))


def _any_of(tests: list[Callable[[Any], bool]], cell: Any) -> bool:
    return any(test(cell) for test in tests)


def _suspicious_rows(
    data: list[list[Any]],
    header: list[Any],
    dimension: int | None,
    values_at: list[int],
    columns: dict[int, list[Any]],
    distinct: dict[int, set[Any]],
) -> set[int]:
    """Rows :func:`_skip_reason` or the mapped-value check might leave out (a superset).

    Checked column by column on each distinct cell: blank first cells, a ``#``, totals or
    header label, totals in the last two cells, an empty dimension or first mapped value, and
    every row whose width differs from the usual one. When all rows are equally wide, the
    columns read go into ``columns`` (by index) and their distinct cells into ``distinct``,
    for the caller to reuse.
    """
    widths = set(map(len, data))
    usual_width = next(iter(widths)) if len(widths) == 1 else None
    width = usual_width or Counter(map(len, data)).most_common(1)[0][0]
    if width < 2 or not values_at or values_at[0] >= width:
        return set(range(len(data)))
    if dimension is not None and dimension >= width:
        return set(range(len(data)))
    usual = range(len(data))
    rows = data
    if len(widths) > 1:
        usual = [i for i, row in enumerate(data) if len(row) == width]  # type: ignore[assignment]
        rows = [data[i] for i in usual]
    checks = {
        col: partial(_any_of, [row_test(name, header) for name in names])
        for col, names in row_checks(width, dimension, values_at).items()
    }
    flagged: set[int] = set()
    for col, test in checks.items():
        cells = columns.get(col) or list(map(itemgetter(col), rows))
        cells_distinct = set(cells)
        if rows is data:
            columns[col] = cells
            distinct[col] = cells_distinct
        flagged.update(_bad_rows(cells, test, cells_distinct))
    suspicious = {usual[i] for i in flagged}
    if len(widths) > 1:
        suspicious.update(i for i, row in enumerate(data) if len(row) != width)
    return suspicious


def _row_reason(
    row: list[Any], header: list[Any], dimension: int | None, values_at: list[int]
) -> str | None:
    """Why one row is left out, mapped values included; None to keep it."""
    reason = _skip_reason(row, header, dimension)
    if reason is None:
        width = len(row)
        for c in values_at:  # usually the first mapped cell already holds a value
            if c < width:
                cell = row[c]
                if cell is not None and (type(cell) is not str or not empty_text(cell)):
                    break
        else:
            reason = "rows without any mapped value"
    return reason


def _pick(column: Sequence[Any], indexes: Sequence[int]) -> list[Any]:
    """The cells of ``column`` at ``indexes``."""
    if len(indexes) > 1:
        return list(itemgetter(*indexes)(column))
    return [column[i] for i in indexes]


def _parse_number(cell: Any, mark: str, count: bool) -> int | None:
    """One cell as an encoded number: a count as int, money as int ten-thousandths.

    :class:`~roidesk.core.parsing.CellError` for an unreadable, negative or too large number.
    """
    if count:
        kind = type(cell)  # the usual cells of a count column, without Decimal
        if kind is float and cell.is_integer() and 0 <= cell < _FLOAT_LIMIT:
            return int(cell)
        if kind is str and cell.isascii() and cell.isdigit() and len(cell) < _DIGITS_LIMIT:
            return int(cell)
        value = p.parse_decimal(cell, mark)
    else:
        value = p.parse_money(cell, mark)
    if value is None:
        return None
    if value < 0:
        raise p.CellError("a negative number")
    if count:
        return int(value.to_integral_value(ROUND_HALF_UP))
    return int(value.scaleb(4))


def _campaign_name(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return None if text.casefold() in p.EMPTY_TOKENS else text


def convert(
    analysis: Analysis,
    *,
    date_order: str | None = None,
    campaign: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Converted:
    """Every kept row's field values, column by column; every unreadable cell as a Problem.

    Columns are converted once per distinct cell and mapped over the whole column; only the
    cells that fail are looked up row by row, for their locations.
    """
    name, sheet_name = analysis.file.path.name, analysis.sheet.name
    shown_sheet = (
        sheet_name if len(analysis.file.sheets) > 1 or analysis.file.encoding == "xlsx" else None
    )
    if analysis.header_row < 0:
        raise InputError(Problem("no data rows (no header row found)", name, shown_sheet))
    header = analysis.sheet.rows[analysis.header_row]
    mapping = analysis.mapping
    dimension = mapping.get("campaign")
    first_data = analysis.header_row + 1
    data = analysis.sheet.rows[first_data:]
    mapped_columns = sorted(set(mapping.values()))
    values_at = [c for c in mapped_columns if c != dimension]
    skipped: dict[str, list[int]] = {}
    dropped: set[int] = set()
    read: dict[int, list[Any]] = {}  # whole columns the row check has read already
    seen: dict[int, set[Any]] = {}  # and their distinct cells
    suspicious = _suspicious_rows(data, header, dimension, values_at, read, seen) if data else ()
    for index in sorted(suspicious):
        reason = _row_reason(data[index], header, dimension, values_at)
        if reason:
            skipped.setdefault(reason, []).append(first_data + index + 1)
            dropped.add(index)
    skipped.pop("blank rows", None)
    kept = [i for i in range(len(data)) if i not in dropped] if dropped else range(len(data))
    if not kept:
        raise InputError(Problem("no data rows", name, shown_sheet))
    n = len(kept)
    # 1-based sheet row of each kept row
    numbers = (
        [first_data + i + 1 for i in kept]
        if dropped
        else list(range(first_data + 1, first_data + 1 + n))
    )
    widest = max(mapped_columns, default=-1)
    kept_rows = _pick(data, kept) if dropped else data
    if min(map(len, kept_rows)) <= widest:  # ragged rows: pad a copy
        kept_rows = [row + [None] * (widest + 1 - len(row)) for row in kept_rows]
    if dropped:
        read.clear()
        seen.clear()
    problems: list[Problem] = []
    columns: dict[str, list[Any]] = {}
    same_dates: list[Any] = []  # the last date column read without a problem, and its dates
    for fld, col in mapping.items():
        if cancelled and cancelled():
            raise ImportCancelled
        cells = read.get(col) or list(map(itemgetter(col), kept_rows))
        column_name = analysis.headers[col] if col < len(analysis.headers) else f"Column {col + 1}"

        if fld in m.NUMBER_FIELDS:
            texts = [c for c in cells[:5000] if isinstance(c, str)]
            count = fld in _COUNT_FIELDS
            mark = p.decimal_mark(texts) or ("thousands" if count else ".")
            parse = partial(_parse_number, mark=mark, count=count)
            parsed, failed = _convert_column(cells, parse, seen.get(col))
        elif fld in m.DATE_FIELDS and same_dates and same_dates[0] == cells:
            columns[fld] = same_dates[1]  # Meta's reporting start and end equal to its day
            continue
        elif fld in m.DATE_FIELDS:
            # distinct texts in order of first appearance decide as all of them would
            texts = list(dict.fromkeys(c for c in cells[:5000] if isinstance(c, str)))
            order = date_order or p.date_order(texts)
            if order is None and p.needs_order(texts):
                problems.append(
                    Problem(
                        "day/month order is ambiguous; give the date order (dmy or mdy)",
                        name,
                        shown_sheet,
                        None,
                        column_name,
                    )
                )
                columns[fld] = [None] * n
                continue
            parsed, failed = _convert_column(
                cells, partial(p.parse_date, order=order), seen.get(col)
            )
            if not failed:  # equal cells that all parsed give equal dates
                same_dates[:] = [cells, parsed]
        else:
            columns[fld] = cells
            continue
        columns[fld] = parsed
        problems += (
            Problem(reason, name, shown_sheet, numbers[i], column_name) for i, reason in failed
        )
    # currency: from headers of money columns and a currency column
    currencies = m.header_currencies(
        analysis.headers, [mapping[f] for f in ("spend", "revenue") if f in mapping]
    )
    if "currency" in columns:
        currencies |= {
            str(c).strip().upper() for c in set(columns["currency"]) if not p.is_empty(c)
        }
    if len(currencies) > 1:
        problems.append(
            Problem("money in several currencies: " + ", ".join(sorted(currencies)), name)
        )
    # period
    distinct: dict[int, set[Any]] = {}  # by column object: equal date columns are one list
    for f in ("date", "start", "end"):
        if f in columns and id(columns[f]) not in distinct:
            distinct[id(columns[f])] = set(columns[f])
    row_dates = {d for f in ("date", "start") if f in columns for d in distinct[id(columns[f])]}
    row_dates.discard(None)
    row_ends = distinct[id(columns["end"])] - {None} if "end" in columns else set()
    period = (min(row_dates), max(row_ends | row_dates)) if row_dates else analysis.period
    undated = period[0] is None
    default_day = period[0] or datetime.now(UTC).date()
    spans_period = not row_dates and period[0] is not None and period[1] not in (None, period[0])
    dates = columns.get("date") or columns.get("start") or [None] * n
    if None in distinct.get(id(dates), {None}):
        dates = [d or default_day for d in dates]
    period_end = period[1] if spans_period else None
    later = (
        "end" in columns
        and columns["end"] is not dates
        and any(end and end > day for day, end in set(zip(dates, columns["end"], strict=True)))
    )
    if later:
        ends = [
            end if end and end > day else period_end
            for day, end in zip(dates, columns["end"], strict=True)
        ]
    else:
        ends = [period_end] * n
    if "campaign" in columns:
        # exports repeat a few campaign names on every row
        labels_seen = seen.get(mapping["campaign"]) or set(columns["campaign"])
        names = {cell: _campaign_name(cell) or campaign for cell in labels_seen}
        labels = list(map(names.__getitem__, columns["campaign"]))
    else:
        labels = [campaign] * n
    metric_fields = [f for f in (*_COUNT_FIELDS, "revenue", "spend") if f in columns]
    return Converted(
        metrics={f: columns[f] for f in metric_fields},
        dates=dates,
        ends=ends,
        campaigns=labels,
        numbers=numbers,
        skipped=skipped,
        problems=problems,
        period=period,
        currency=next(iter(currencies)) if len(currencies) == 1 else None,
        undated=undated,
    )


def _convert_column(
    cells: list[Any], parse: Callable[[Any], Any], distinct: set[Any] | None = None
) -> tuple[list[Any], list[tuple[int, str]]]:
    """``parse`` applied to every cell, once per distinct cell (``distinct``, when known); the
    failures by row index.

    A failed cell becomes None. A column mixing yes/no cells with numbers (``True == 1``) is
    parsed cell by cell, so each keeps its own value.
    """
    if distinct is None:
        distinct = set(cells)
    kinds = set(map(type, cells)) if True in distinct or False in distinct else set()
    if bool in kinds and (int in kinds or float in kinds):
        values: list[Any] = []
        failed: list[tuple[int, str]] = []
        for index, cell in enumerate(cells):
            try:
                values.append(parse(cell))
            except p.CellError as error:
                values.append(None)
                failed.append((index, str(error)))
        return values, failed
    table: dict[Any, Any] = {}
    reasons: dict[Any, str] = {}
    for cell in distinct:
        try:
            table[cell] = parse(cell)
        except p.CellError as error:
            table[cell] = None
            reasons[cell] = str(error)
    values = list(map(table.__getitem__, cells))
    if not reasons:
        return values, []
    failing = compress(range(len(cells)), map(reasons.__contains__, cells))
    return values, [(i, reasons[cells[i]]) for i in failing]


# ------------------------------------------------------------------ write
def _without_cycle_collection(function: Callable[..., T]) -> Callable[..., T]:
    """Run ``function`` with Python's cycle collector paused (restored afterwards).

    An import makes a million cell objects and no reference cycles; the collector would
    otherwise walk all of them again and again while they are being created.
    """

    @wraps(function)
    def paused(*args: Any, **kwargs: Any) -> T:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_without_cycle_collection
def import_export(
    workspace: Any,
    path: Path,
    *,
    platform: str | None = None,
    campaign: str | None = None,
    date_order: str | None = None,
    replace: bool = False,
    analysis: Analysis | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ExportImport:
    """Import one platform export: all of it in one transaction, or nothing (InputError)."""
    from roidesk.sheets.batches import earlier_import

    path = Path(path)
    if analysis is None:
        analysis = analyse(read_file(path), platform=platform)
    elif platform:
        analysis.platform = canonical_platform(platform)
    converted = convert(analysis, date_order=date_order, campaign=campaign, cancelled=cancelled)
    if converted.problems:
        raise InputError(converted.problems)
    summed = _summed(converted)
    summed.sort()
    settings = workspace.settings()
    notes: list[str] = []
    adopt_currency = None
    if (
        summed.currency
        and summed.currency != settings.currency.upper()
        and workspace.is_untouched()
    ):
        # A workspace this import has just created takes the file's currency.
        adopt_currency = summed.currency
        notes.append(f"workspace currency set to {adopt_currency}, the file's currency")
    elif summed.currency and summed.currency != settings.currency.upper():
        raise InputError(
            Problem(
                f"the file's money is in {summed.currency} but the workspace currency is "
                f"{settings.currency}; convert the file or use a workspace in "
                f"{summed.currency}",
                path.name,
            )
        )
    if summed.currency is None and ("spend" in summed.sums or "revenue" in summed.sums):
        notes.append(f"no currency named in the file: taken as {settings.currency}")
    if analysis.file.code_page_fallback:
        notes.append(f"not Unicode text: read as Windows code page {analysis.file.encoding[2:]}")
    if analysis.platform is None:
        notes.append("platform not recognised from the headers: rows stored without a platform")
    if summed.undated:
        notes.append(
            "no dates or report period in the file: rows dated the import day "
            + datetime.now(UTC).date().isoformat()
        )
    digest, earlier = earlier_import(workspace, path, replace=replace)
    done = ExportImport(
        source=path.name,
        sheet=analysis.sheet.name,
        platform=analysis.platform,
        skipped=summed.skipped,
        period=summed.period,
        notes=notes,
        currency=adopt_currency or settings.currency,
    )
    with workspace.bulk_transaction():
        if adopt_currency is not None:
            workspace.save_settings(dataclasses.replace(settings, currency=adopt_currency))
        if earlier is not None:
            workspace.delete_import_batch(earlier.id)
        _write(workspace, summed, analysis.platform, done, digest, progress, cancelled)
    return done


def _summed(converted: Converted) -> Summed:
    """The converted rows summed per day, campaign name and reporting end."""
    groups = _Groups([converted.dates, converted.campaigns, converted.ends], len(converted.dates))
    return Summed(
        rows=len(converted.dates),
        dates=groups.pick(converted.dates),
        labels=groups.pick(converted.campaigns),
        ends=groups.pick(converted.ends),
        sums={name: groups.sums(column) for name, column in converted.metrics.items()},
        period=converted.period,
        currency=converted.currency,
        skipped=converted.skipped,
        undated=converted.undated,
    )


def _campaign_ids(workspace: Any, summed: Summed, done: ExportImport) -> list[int | None]:
    """Each group's campaign id: names matched case-insensitively to stored campaigns, the
    others created spanning their first to last day (in the groups' order)."""
    spans: dict[str, list[date]] = {}  # each campaign name's first and last day
    for label, day in zip(summed.labels, summed.dates, strict=True):
        if label:
            span = spans.get(label)
            if span is None:
                spans[label] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day
    by_name: dict[str, int] = {}
    for label in dict.fromkeys(summed.labels):  # in the groups' order: by first day, then name
        if not label or label.casefold() in by_name:
            continue
        first, last = spans[label]
        found = workspace.campaign_by_name(label)
        if found is None:
            found = workspace.add_campaign(Campaign(name=label, start=first, end=last))
            done.created_campaigns.append(label)
        by_name[label.casefold()] = found.id
    ids = {label: by_name[label.casefold()] for label in spans}
    return [ids[label] if label else None for label in summed.labels]


def _write(
    workspace: Any,
    summed: Summed,
    platform: str | None,
    done: ExportImport,
    digest: str,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    """Campaigns, the import batch, the results and the advertising costs of ``summed``."""
    ids = _campaign_ids(workspace, summed, done)
    batch = workspace.add_import_batch(
        ImportBatch(
            source=done.source,
            fingerprint=digest,
            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            kind=f"export:{platform or 'unknown'}",
            rows=summed.rows,
        )
    )
    done.batch_id = batch.id
    sums = summed.sums
    metric_names = [f for f in (*_COUNT_FIELDS, "revenue") if f in sums]
    columns: dict[str, list[Any]] = {"date": summed.dates, "campaign_id": ids}
    # names differing in case only are one campaign; a result has no reporting end
    merged = merge_results(columns | {name: sums[name] for name in metric_names}, metric_names)
    done.totals = _totals(sums)
    results = _results(merged, metric_names, platform, batch.id)
    watched = _watched(results, len(merged["date"]), progress, cancelled)
    done.results_stored = workspace.add_results(watched)
    done.rows_imported = summed.rows
    if "spend" in sums:
        done.costs_added = workspace.add_costs(_costs(summed, ids, platform, done.source, batch.id))
    if progress:
        progress(summed.rows, summed.rows)


def _results(
    merged: dict[str, list[Any]], metrics: list[str], platform: str | None, batch: int
) -> Iterator[Result]:
    """The merged result columns as records (money from ten-thousandths to Decimal)."""
    columns = [merged[name] for name in metrics]
    money_at = metrics.index("revenue") if "revenue" in metrics else -1
    for day, campaign_id, *values in zip(
        merged["date"], merged["campaign_id"], *columns, strict=True
    ):
        if money_at >= 0 and values[money_at] is not None:
            values[money_at] = _money(values[money_at])
        yield Result(
            date=day,
            campaign_id=campaign_id,
            platform=platform,
            batch_id=batch,
            **dict(zip(metrics, values, strict=True)),
        )


def _watched(
    records: Iterable[T],
    total: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[T]:
    """``records`` as they are written, with progress reported and Cancel looked at every
    fiftieth of them (Cancel raises :class:`ImportCancelled`: the transaction rolls back)."""
    step = max(1, total // 50)
    for index, record in enumerate(records):
        if index % step == 0:
            if cancelled and cancelled():
                raise ImportCancelled
            if progress:
                progress(index, total)
        yield record


class _Groups:
    """The row indexes of each distinct key of some equally long columns, in order of each
    key's first row, and what each group's cells add up to. Rows are grouped and their cells
    fetched at C speed; Python works once per group."""

    def __init__(self, keys: Sequence[Sequence[Any]], count: int) -> None:
        varying = [column for column in keys if count and column.count(column[0]) != count]
        row_keys: Iterable[Any] = (
            zip(*varying, strict=True) if len(varying) > 1
            else varying[0] if varying
            else repeat(None, count)
        )  # fmt: skip
        groups: defaultdict[Any, list[int]] = defaultdict(list)
        deque(map(list.append, map(groups.__getitem__, row_keys), range(count)), maxlen=0)
        self.rows = list(groups.values())
        self._firsts = list(map(itemgetter(0), self.rows))
        self._getters = [  # each group's cells of a column as a sequence
            itemgetter(*rows) if len(rows) > 1 else itemgetter(slice(rows[0], rows[0] + 1))
            for rows in self.rows
        ]

    def __len__(self) -> int:
        return len(self.rows)

    def pick(self, column: Sequence[T]) -> list[T]:
        """The cell of each group's first row."""
        return _pick(column, self._firsts)

    def parts(self, column: Sequence[Any]) -> list[Sequence[Any]]:
        """Each group's cells."""
        return list(map(call, self._getters, repeat(column)))

    def sums(self, column: Sequence[Any]) -> list[Any]:
        """Each group's sum (None where all its cells are None)."""
        return _sums(self.parts(column), column)


def _sums(parts: list[Sequence[Any]], column: Sequence[Any]) -> list[Any]:
    """The sum of each group's cells ``parts`` of ``column``: None + None stays None, None + n
    is n."""
    sums: list[Any] = list(map(sum, map(filter, repeat(None), parts)))
    if None in column:  # a group summing to 0 may hold only None
        for at in list(compress(range(len(sums)), map(not_, sums))):
            if parts[at].count(None) == len(parts[at]):
                sums[at] = None
    return sums


def merge_results(columns: dict[str, list[Any]], metrics: Sequence[str]) -> dict[str, list[Any]]:
    """Encoded result columns with one row per distinct key: rows equal in every column but
    ``metrics`` (date, campaign, platform, content type, batch) become one row whose metrics are
    the rows' sums (None where every row has None), in order of each key's first row.

    A result has no ad or post dimension, so an ad-level export's rows of one campaign and day
    are summed by every figure anyway; stored apart they would only look like duplicates.
    """
    keys = [name for name in columns if name not in metrics]
    count = len(columns[keys[0]]) if keys else 0
    if count < 2 or len(set(zip(*(columns[name] for name in keys), strict=True))) == count:
        return columns  # every key once (a set of tuples is quicker than grouping)
    groups = _Groups([columns[name] for name in keys], count)
    merged = {name: groups.pick(columns[name]) for name in keys}
    return merged | {name: groups.sums(columns[name]) for name in metrics}


def _totals(metrics: dict[str, list[Any]]) -> dict[str, Decimal]:
    """Each metric's total (money as Decimal with four places) from its values or from sums
    of its values (None where all were None)."""
    totals: dict[str, Decimal] = {}
    for name in (*_COUNT_FIELDS, "revenue", "spend"):
        if name in metrics:
            values = metrics[name]
            total = sum(filter(None, values))
            if name in ("spend", "revenue"):
                found = total or values.count(None) < len(values)
                totals[name] = _money(total) if found else Decimal(0)
            else:
                totals[name] = total
    return totals


def _costs(
    summed: Summed,
    ids: list[int | None],
    platform: str | None,
    source: str,
    batch: int,
) -> list[Cost]:
    """The advertising costs: the spend summed per campaign, day and reporting end, in the
    groups' order (a zero spend is no spend). ``ids`` are each group's campaign id."""
    amounts: dict[tuple[int | None, date, date | None], int] = {}
    spends = summed.sums["spend"]
    for key, amount in zip(zip(ids, summed.dates, summed.ends, strict=True), spends, strict=True):
        if amount:  # campaign names differing in case only are one campaign
            amounts[key] = amounts.get(key, 0) + amount
    description = f"{platform or 'ad'} spend from {source}"
    return [
        Cost(
            start=start,
            end=end,
            category=CostCategory.ADVERTISING,
            amount=_money(amount),
            campaign_id=campaign_id,
            platform=platform,
            description=description,
            batch_id=batch,
        )
        for (campaign_id, start, end), amount in amounts.items()
    ]


def _money(ten_thousandths: int) -> Decimal:
    """Encoded money back as a Decimal with four places."""
    return Decimal(ten_thousandths).scaleb(-4).quantize(p.FOUR_PLACES)
