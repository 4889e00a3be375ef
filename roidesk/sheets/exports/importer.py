"""A platform export into the workspace: find the table, map it, check every cell, write it all.

Rules (README "import"): totals rows, repeated header rows, notes and blank rows are skipped and
reported; a cell that cannot be read in a mapped column rejects the whole import (nothing is
written). Rows without a date take the report period's start (a spend then becomes one cost
spanning the period); with neither, the import day — the summary says so.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from roidesk.core.problems import InputError, Problem
from roidesk.core.records import (
    COUNT_METRICS,
    Campaign,
    Cost,
    CostCategory,
    ImportBatch,
    canonical_platform,
)
from roidesk.sheets.exports import mapping as m
from roidesk.sheets.exports import values as v
from roidesk.sheets.exports.reading import RawFile, RawSheet, read_file

_TOTALS = re.compile(
    r"(?i)^\s*(total|totals|grand total|gesamt|gesamtsumme|summe|összesen|totaal|suma|razem|"
    r"sum|totalt|i alt)\b"
)
_COUNT_FIELDS = COUNT_METRICS


@lru_cache(maxsize=8192)
def _is_totals(text: str) -> bool:
    """A cell that labels a totals row (memoised: exports repeat the same labels)."""
    return _TOTALS.match(text) is not None


@lru_cache(maxsize=8192)
def _empty_text(text: str) -> bool:
    return v.is_empty(text)


#: Beyond this a number is a broken cell (money is stored as 64-bit ten-thousandths).
_LIMIT = Decimal(10) ** 12


class ImportCancelled(Exception):
    """The user pressed Cancel; nothing was written."""


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

    metrics: dict[str, list[Any]]  # field → one value per kept row (counts int, money Decimal)
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
    rows_imported: int = 0
    costs_added: int = 0
    skipped: dict[str, list[int]] = field(default_factory=dict)
    period: tuple[date | None, date | None] = (None, None)
    totals: dict[str, Decimal] = field(default_factory=dict)
    created_campaigns: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    batch_id: int | None = None

    def lines(self) -> list[str]:
        """Human lines for the command line and the wizard's summary page."""
        out = [
            f"{self.source}: imported {self.rows_imported} rows"
            + (f" as {self.platform}" if self.platform else "")
            + f" ({self.costs_added} advertising costs)"
        ]
        start, end = self.period
        if start:
            out.append(f"{self.source}: period {start.isoformat()} to {(end or start).isoformat()}")
        if self.totals:
            out.append(
                f"{self.source}: totals "
                + ", ".join(f"{k.replace('_', ' ')} {val}" for k, val in self.totals.items())
            )
        for reason, rows in self.skipped.items():
            shown = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            out.append(f"{self.source}: left out {len(rows)} {reason} (rows {shown})")
        out += [f"{self.source}: {note}" for note in self.notes]
        if self.created_campaigns:
            out.append(f"{self.source}: created campaigns: " + ", ".join(self.created_campaigns))
        return out


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
    if isinstance(first, str) and (first.startswith("#") or _is_totals(first)):
        return "notes" if first.startswith("#") else "totals rows"
    for cell in row[-2:]:
        if isinstance(cell, str) and _is_totals(cell):
            return "totals rows"
    if dimension is not None and (
        dimension >= len(row) or row[dimension] is None or str(row[dimension]).strip() == ""
    ):
        return "totals rows"
    return None


def _fast_numbers(cells: list[Any], count: bool, mark: str) -> list[Any] | None:
    """A whole column of plain numbers converted in one go; None when any cell needs care."""
    kinds = {type(c) for c in cells}
    none = type(None)
    try:
        if count and kinds <= {str, int, none}:
            # "1.5" fails
            counts = {c: None if c is None or c == "" else int(c) for c in set(cells)}
            if all(x is None or 0 <= x < _LIMIT for x in counts.values()):
                return [counts[c] for c in cells]
            return None
        if count and kinds <= {float, int, none}:  # xlsx: whole numbers arrive as floats
            whole = {c: None if c is None else int(c) for c in set(cells)}  # NaN/inf: raise
            if not all(c is None or (float(c).is_integer() and 0 <= c < _LIMIT) for c in whole):
                return None
            return [whole[c] for c in cells]
        if not count and (kinds <= {float, int, none} or (mark == "." and kinds <= {str, none})):
            values = {  # each distinct cell parsed once: exports repeat amounts
                c: None if c is None or c == "" else Decimal(repr(c) if type(c) is float else c)
                for c in set(cells)
            }
            if all(x is None or (x.is_finite() and 0 <= x < _LIMIT) for x in values.values()):
                money = {
                    c: None if x is None else x.quantize(v.FOUR_PLACES) for c, x in values.items()
                }
                return [money[c] for c in cells]
    except (ValueError, ArithmeticError, OverflowError):
        return None
    return None


def _campaign_name(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return None if text.casefold() in v.EMPTY_TOKENS else text


def convert(
    analysis: Analysis,
    *,
    date_order: str | None = None,
    campaign: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Converted:
    """Every kept row as a dict of field values; every unreadable cell as a Problem."""
    name, sheet_name = analysis.file.path.name, analysis.sheet.name
    shown_sheet = (
        sheet_name if len(analysis.file.sheets) > 1 or analysis.file.encoding == "xlsx" else None
    )
    if analysis.header_row < 0:
        raise InputError(Problem("no data rows (no header row found)", name, shown_sheet))
    header = analysis.sheet.rows[analysis.header_row]
    mapping = analysis.mapping
    dimension = mapping.get("campaign")
    skipped: dict[str, list[int]] = {}
    kept: list[tuple[int, list[Any]]] = []
    first_data = analysis.header_row + 1
    mapped_columns = sorted(set(mapping.values()))
    values_at = [c for c in mapped_columns if c != dimension]
    for offset, row in enumerate(analysis.sheet.rows[first_data:]):
        number = first_data + offset + 1
        reason = _skip_reason(row, header, dimension)
        if reason is None:
            width = len(row)
            for c in values_at:  # usually the first mapped cell already holds a value
                if c < width:
                    cell = row[c]
                    if cell is not None and (type(cell) is not str or not _empty_text(cell)):
                        break
            else:
                reason = "rows without any mapped value"
        if reason:
            skipped.setdefault(reason, []).append(number)
        else:
            kept.append((number, row))
    skipped.pop("blank rows", None)
    if not kept:
        raise InputError(Problem("no data rows", name, shown_sheet))
    problems: list[Problem] = []
    columns: dict[str, list[Any]] = {}
    kept_rows = [row for _n, row in kept]
    widest = max(mapped_columns, default=-1)
    ragged = any(len(row) <= widest for row in kept_rows)
    for fld, col in mapping.items():
        if ragged:
            cells = [row[col] if col < len(row) else None for row in kept_rows]
        else:
            cells = [row[col] for row in kept_rows]
        column_name = analysis.headers[col] if col < len(analysis.headers) else f"Column {col + 1}"
        if cancelled and cancelled():
            raise ImportCancelled
        if fld in m.NUMBER_FIELDS:
            texts = [c for c in cells[:5000] if isinstance(c, str)]
            mark = v.decimal_mark(texts) or ("thousands" if fld in _COUNT_FIELDS else ".")
            fast = _fast_numbers(cells, fld in _COUNT_FIELDS, mark)
            if fast is not None:
                columns[fld] = fast
                continue
            parsed: list[Any] = []
            for (number, _row), cell in zip(kept, cells, strict=True):
                try:
                    value = v.parse_decimal(cell, mark)
                except v.CellError as error:
                    problems.append(Problem(str(error), name, shown_sheet, number, column_name))
                    value = None
                if value is not None and value < 0:
                    problems.append(
                        Problem("a negative number", name, shown_sheet, number, column_name)
                    )
                    value = None
                elif value is not None and value >= _LIMIT:
                    problems.append(
                        Problem("a number too large", name, shown_sheet, number, column_name)
                    )
                    value = None
                parsed.append(value)
            if fld in _COUNT_FIELDS:
                parsed = [
                    None if x is None else int(x.to_integral_value(ROUND_HALF_UP)) for x in parsed
                ]
            else:
                parsed = [None if x is None else x.quantize(v.FOUR_PLACES) for x in parsed]
            columns[fld] = parsed
        elif fld in m.DATE_FIELDS:
            texts = [c for c in cells[:5000] if isinstance(c, str)]
            order = date_order or v.date_order(texts)
            if order is None and v.needs_order(texts):
                problems.append(
                    Problem(
                        "day/month order is ambiguous; give the date order (dmy or mdy)",
                        name,
                        shown_sheet,
                        None,
                        column_name,
                    )
                )
                columns[fld] = [None] * len(cells)
                continue
            dates = []
            seen: dict[Any, date | None] = {}
            for (number, _row), cell in zip(kept, cells, strict=True):
                if cell in seen:  # exports repeat the same few dates on thousands of rows
                    dates.append(seen[cell])
                    continue
                try:
                    dates.append(v.parse_date(cell, order))
                    if isinstance(cell, str):
                        seen[cell] = dates[-1]
                except v.CellError as error:
                    problems.append(Problem(str(error), name, shown_sheet, number, column_name))
                    dates.append(None)
            columns[fld] = dates
        else:
            columns[fld] = cells
    # currency: from headers of money columns and a currency column
    currencies = m.header_currencies(
        analysis.headers, [mapping[f] for f in ("spend", "revenue") if f in mapping]
    )
    if "currency" in columns:
        currencies |= {str(c).strip().upper() for c in columns["currency"] if not v.is_empty(c)}
    if len(currencies) > 1:
        problems.append(
            Problem("money in several currencies: " + ", ".join(sorted(currencies)), name)
        )
    # period
    row_dates = [d for f in ("date", "start") for d in columns.get(f, []) if d is not None]
    row_ends = [d for d in columns.get("end", []) if d is not None]
    period = (min(row_dates), max(row_ends + row_dates)) if row_dates else analysis.period
    undated = period[0] is None
    default_day = period[0] or datetime.now(UTC).date()
    spans_period = not row_dates and period[0] is not None and period[1] not in (None, period[0])
    n = len(kept)
    dates = columns.get("date") or columns.get("start") or [None] * n
    dates = [d or default_day for d in dates]
    period_end = period[1] if spans_period else None
    ends = [
        end if end and end > day else period_end
        for day, end in zip(dates, columns.get("end") or [None] * n, strict=True)
    ]
    if "campaign" in columns:
        names: dict[Any, str | None] = {}  # exports repeat a few campaign names on every row
        for cell in columns["campaign"]:
            if cell not in names:
                names[cell] = _campaign_name(cell)
        labels = [names[cell] or campaign for cell in columns["campaign"]]
    else:
        labels = [campaign] * n
    metric_fields = [f for f in (*_COUNT_FIELDS, "revenue", "spend") if f in columns]
    return Converted(
        metrics={f: columns[f] for f in metric_fields},
        dates=dates,
        ends=ends,
        campaigns=labels,
        numbers=[number for number, _row in kept],
        skipped=skipped,
        problems=problems,
        period=period,
        currency=next(iter(currencies)) if len(currencies) == 1 else None,
        undated=undated,
    )


# ------------------------------------------------------------------ write
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
    from roidesk.sheets.workbook import earlier_import

    path = Path(path)
    if analysis is None:
        analysis = analyse(read_file(path), platform=platform)
    elif platform:
        analysis.platform = canonical_platform(platform)
    converted = convert(analysis, date_order=date_order, campaign=campaign, cancelled=cancelled)
    if converted.problems:
        raise InputError(converted.problems)
    settings = workspace.settings()
    notes: list[str] = []
    adopt_currency = None
    if (
        converted.currency
        and converted.currency != settings.currency.upper()
        and workspace.is_untouched()
    ):
        # A workspace this import has just created takes the file's currency.
        adopt_currency = converted.currency
        notes.append(f"workspace currency set to {adopt_currency}, the file's currency")
    elif converted.currency and converted.currency != settings.currency.upper():
        raise InputError(
            Problem(
                f"the file's money is in {converted.currency} but the workspace currency is "
                f"{settings.currency}; convert the file or use a workspace in "
                f"{converted.currency}",
                path.name,
            )
        )
    if converted.currency is None and (
        "spend" in converted.metrics or "revenue" in converted.metrics
    ):
        notes.append(f"no currency named in the file: taken as {settings.currency}")
    if analysis.file.code_page_fallback:
        notes.append(f"not Unicode text: read as Windows code page {analysis.file.encoding[2:]}")
    if analysis.platform is None:
        notes.append("platform not recognised from the headers: rows stored without a platform")
    if converted.undated:
        notes.append(
            "no dates or report period in the file: rows dated the import day "
            + datetime.now(UTC).date().isoformat()
        )
    digest, earlier = earlier_import(workspace, path, replace=replace)
    done = ExportImport(
        source=path.name,
        sheet=analysis.sheet.name,
        platform=analysis.platform,
        skipped=converted.skipped,
        period=converted.period,
        notes=notes,
    )
    with workspace.transaction():
        if adopt_currency is not None:
            workspace.save_settings(dataclasses.replace(settings, currency=adopt_currency))
        if earlier is not None:
            workspace.delete_import_batch(earlier.id)
        _write(workspace, converted, analysis.platform, done, digest, progress, cancelled)
    return done


def _write(
    workspace: Any,
    converted: Converted,
    platform: str | None,
    done: ExportImport,
    digest: str,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    n = len(converted.dates)
    dates, labels = converted.dates, converted.campaigns
    spans: dict[str, list[date]] = {}  # each campaign name's first and last day
    for label, day in zip(labels, dates, strict=True):
        if label:
            span = spans.get(label)
            if span is None:
                spans[label] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day
    campaign_ids: dict[str, int] = {}
    for label, (first, last) in spans.items():
        if label.casefold() not in campaign_ids:
            found = workspace.campaign_by_name(label)
            if found is None:
                found = workspace.add_campaign(Campaign(name=label, start=first, end=last))
                done.created_campaigns.append(label)
            campaign_ids[label.casefold()] = found.id
    row_ids = {label: campaign_ids[label.casefold()] for label in spans}
    batch = workspace.add_import_batch(
        ImportBatch(
            source=done.source,
            fingerprint=digest,
            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            kind=f"export:{platform or 'unknown'}",
            rows=n,
        )
    )
    done.batch_id = batch.id
    ids = [row_ids.get(label) if label else None for label in labels]  # type: ignore[arg-type]
    metrics = converted.metrics
    spend_by_day: dict[tuple[int | None, date, date | None], Decimal] = {}
    if "spend" in metrics:
        for campaign_id, day, end, spend in zip(
            ids, dates, converted.ends, metrics["spend"], strict=True
        ):
            if spend:
                key = (campaign_id, day, end)
                spend_by_day[key] = spend_by_day.get(key, Decimal(0)) + spend
    totals: dict[str, Decimal] = {}
    metric_names = [f for f in (*_COUNT_FIELDS, "revenue") if f in metrics]
    for name in (*metric_names, "spend"):
        if name in metrics:
            found = [x for x in metrics[name] if x is not None]
            totals[name] = sum(found, Decimal(0)) if name in ("spend", "revenue") else sum(found)
    done.totals = totals
    description = f"{platform or 'ad'} spend from {done.source}"
    done.costs_added = workspace.add_costs(
        Cost(
            start=start,
            end=end,
            category=CostCategory.ADVERTISING,
            amount=amount,
            campaign_id=campaign_id,
            platform=platform,
            description=description,
            batch_id=batch.id,
        )
        for (campaign_id, start, end), amount in spend_by_day.items()
    )
    iso: dict[date, str] = {}
    for day in dates:
        if day not in iso:
            iso[day] = day.isoformat()
    encoded: list[list[Any]] = [
        [iso[day] for day in dates],
        ids,
        [platform] * n,
        [batch.id] * n,
    ]
    for name in metric_names:
        values = metrics[name]
        if name == "revenue":  # quantized to four places: exact ten-thousandths
            values = [None if x is None else int(x.scaleb(4)) for x in values]
        encoded.append(values)
    step = max(1, n // 50)
    rows: list[tuple[Any, ...]] = []
    for first in range(0, n, step):
        if cancelled and cancelled():
            raise ImportCancelled
        if progress:
            progress(first, n)
        rows += zip(*(column[first : first + step] for column in encoded), strict=True)
    done.rows_imported = workspace.add_result_rows(
        ["date", "campaign_id", "platform", "batch_id", *metric_names], rows
    )
    if progress:
        progress(n, n)
