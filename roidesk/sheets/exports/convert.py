"""An export's table to typed columns: the rows kept (see :mod:`.row_tests`), every mapped
cell read by the one parser (:mod:`roidesk.core.parsing`), once per distinct cell, and every
unreadable cell a Problem naming file, sheet, row and column."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP
from functools import partial
from itertools import compress
from operator import itemgetter
from typing import Any

from roidesk.core import parsing as p
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import COUNT_METRICS
from roidesk.core.text import describe_unwritable
from roidesk.sheets.exports import mapping as m
from roidesk.sheets.exports import values as v
from roidesk.sheets.exports.analysis import Analysis
from roidesk.sheets.exports.content import by_distinct, content_text, content_type_of
from roidesk.sheets.exports.grouping import pick
from roidesk.sheets.exports.row_tests import row_reason, suspicious_rows
from roidesk.sheets.exports.traffic import LeftOut, social_traffic

#: Counts read without Decimal: floats below this, digit texts shorter than this (both
#: below the parser's limit, ``core.parsing.MAX_NUMBER``).
_FLOAT_LIMIT = 1e15
_DIGITS_LIMIT = 16
#: Cells of a column that decide its decimal mark and date order.
_TELLING_CELLS = 5000


class ImportCancelled(Exception):
    """The user pressed Cancel; nothing was written."""


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
    undated: bool  # no row has a date: the rows share the report period
    platforms: list[str | None] = field(default_factory=list)  # each kept row's platform
    sources: list[str] = field(default_factory=list)  # each kept row's "paid" / "organic"
    contents: list[str | None] = field(default_factory=list)  # each kept row's post or ad
    content_types: list[str | None] = field(default_factory=list)  # each kept row's kind
    left_out: LeftOut | None = None  # an analytics export's rows that were not social
    whole_site: bool = False  # an analytics export counted whole as social, as the user said

    def only(self, keep: list[bool]) -> None:
        """Keep only the rows ``keep`` marks."""
        for name, values in self.metrics.items():
            self.metrics[name] = list(compress(values, keep))
        self.dates = list(compress(self.dates, keep))
        self.ends = list(compress(self.ends, keep))
        self.campaigns = list(compress(self.campaigns, keep))
        self.numbers = list(compress(self.numbers, keep))
        self.platforms = list(compress(self.platforms, keep))
        self.sources = list(compress(self.sources, keep))
        self.contents = list(compress(self.contents, keep))
        self.content_types = list(compress(self.content_types, keep))

    def with_twins(self, twins: dict[str, list[Any]]) -> None:
        """Every row twice: as it is (organic) and with the metrics of its paid twin columns
        (X's ``promoted …``); a metric without a twin is empty in the paid row."""
        n = len(self.dates)
        for name in twins.keys() - self.metrics.keys():
            self.metrics[name] = [None] * n
        for name, values in self.metrics.items():
            paid = twins.get(name, [None] * n) if name != "spend" else [None] * n
            self.metrics[name] = values + paid
        self.dates, self.ends = self.dates * 2, self.ends * 2
        self.campaigns, self.numbers = self.campaigns * 2, self.numbers * 2
        self.platforms = self.platforms * 2
        self.sources = ["organic"] * n + ["paid"] * n
        self.contents, self.content_types = self.contents * 2, self.content_types * 2


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
    """A campaign cell as a name: whitespace collapsed, placeholders none."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return None if text.casefold() in p.EMPTY_TOKENS else text


@dataclass
class _Table:
    """The kept rows of an export's table (padded to the widest mapped column), where each was
    in the sheet, and what the row check read already."""

    file: str
    sheet: str | None  # named in problems where the file has sheets
    rows: list[list[Any]]
    numbers: list[int]  # 1-based row number in the sheet of each kept row
    skipped: dict[str, list[int]]
    read: dict[int, list[Any]]  # whole columns the row check read, by index
    seen: dict[int, set[Any]]  # and their distinct cells

    def problem(self, reason: str, index: int | None, column: str | None) -> Problem:
        """A problem at kept row ``index`` (None: the whole column) of ``column``."""
        row = None if index is None else self.numbers[index]
        return Problem(reason, self.file, self.sheet, row, column)


def _kept(analysis: Analysis) -> _Table:
    """The rows an import keeps, and those it leaves out by reason (blank rows unreported)."""
    name = analysis.file.path.name
    multiple = len(analysis.file.sheets) > 1 or analysis.file.encoding == "xlsx"
    shown_sheet = analysis.sheet.name if multiple else None
    if analysis.header_row < 0:
        raise InputError(Problem("no data rows (no header row found)", name, shown_sheet))
    header = analysis.sheet.rows[analysis.header_row]
    mapping = analysis.mapping
    # the column naming what a row is about: an empty one marks a totals row
    dimension = mapping.get("campaign", mapping.get("channel", mapping.get("source_medium")))
    first_data = analysis.header_row + 1
    data = analysis.sheet.rows[first_data : analysis.table_end]
    mapped_columns = sorted(set(_read_columns(analysis).values()))
    values_at = [c for c in mapped_columns if c != dimension]
    skipped: dict[str, list[int]] = {}
    dropped: set[int] = set()
    read: dict[int, list[Any]] = {}
    seen: dict[int, set[Any]] = {}
    suspicious = suspicious_rows(data, header, dimension, values_at, read, seen) if data else ()
    for index in sorted(suspicious):
        reason = row_reason(data[index], header, dimension, values_at)
        if reason:
            skipped.setdefault(reason, []).append(first_data + index + 1)
            dropped.add(index)
    skipped.pop("blank rows", None)
    _name_band_rows(skipped)
    kept = [i for i in range(len(data)) if i not in dropped] if dropped else range(len(data))
    if not kept:
        raise InputError(Problem("no data rows", name, shown_sheet))
    numbers = [first_data + i + 1 for i in kept]
    rows = pick(data, kept) if dropped else data
    widest = max(mapped_columns, default=-1)
    if min(map(len, rows)) <= widest:  # ragged rows: pad a copy
        rows = [row + [None] * (widest + 1 - len(row)) for row in rows]
    if dropped:  # what the row check read were the columns of every row
        read, seen = {}, {}
    return _Table(name, shown_sheet, rows, numbers, skipped, read, seen)


#: Why a one-cell row right above a repeated header is left out.
BAND_ROWS = "band rows (the label of the block below them)"


def _name_band_rows(skipped: dict[str, list[int]]) -> None:
    """One-cell rows right above a repeated header row (a hand-kept sheet's "Week 2" above
    its block; blank rows between them allowed) are band rows, not notes."""
    headers = set(skipped.get("repeated header rows", ()))
    notes = skipped.get("notes", [])
    if not headers or not notes:
        return
    bands = [row for row in notes if row + 1 in headers or row + 2 in headers]
    if bands:
        skipped[BAND_ROWS] = bands
        rest = [row for row in notes if row not in bands]
        if rest:
            skipped["notes"] = rest
        else:
            del skipped["notes"]


def _read_columns(analysis: Analysis) -> dict[str, int]:
    """Every column the import reads, by the name its values go under: the mapped fields,
    the parts of fields made of several columns (``engagements#0`` …) and the paid twins
    (``promoted impressions`` …)."""
    columns = dict(analysis.mapping)
    for fld, parts in analysis.parts.items():
        if fld not in analysis.mapping:
            columns |= {f"{fld}#{i}": col for i, col in enumerate(parts)}
    columns |= {f"{m.PROMOTED_PREFIX}{fld}": col for fld, col in analysis.promoted.items()}
    return columns


def convert(
    analysis: Analysis,
    *,
    date_order: str | None = None,
    campaign: str | None = None,
    cancelled: Callable[[], bool] | None = None,
    period: tuple[date | None, date | None] | None = None,
    whole_site: bool = False,
    source: str | None = None,
) -> Converted:
    """Every kept row's field values, column by column; every unreadable cell as a Problem.

    Columns are converted once per distinct cell and mapped over the whole column; only the
    cells that fail are looked up row by row, for their locations. ``period`` is the report
    period the user gave, for a file whose rows have no dates; ``whole_site`` says an
    analytics export without channel or source column is all social traffic; ``source``
    ("paid"/"organic") overrides every row's source.
    """
    table = _kept(analysis)
    reader = _Columns(analysis, table, date_order)
    columns, problems = reader.read(cancelled)
    if reader.failed_rows:
        problems = _without_label_rows(table, columns, problems, reader.failed_rows)
    _sum_parts(columns)
    twins = {
        name[len(m.PROMOTED_PREFIX) :]: columns.pop(name)
        for name in list(columns)
        if name.startswith(m.PROMOTED_PREFIX)
    }
    currency = _currency(analysis, columns, problems)
    n = len(table.rows)
    undated = not _row_dated(columns)
    report_period = _period(analysis, columns)
    if undated and problems:  # the date cells could not be read: say that first
        raise InputError(problems)
    if undated:
        report_period = _given_period(analysis, period)
    dates, ends = _dates_and_ends(columns, report_period, n)
    if "campaign" in columns:
        labels = _labels(columns["campaign"], table, analysis, campaign, problems)
    else:
        labels = [campaign] * n
    metric_fields = [f for f in (*COUNT_METRICS, "revenue", "spend") if f in columns]
    converted = Converted(
        metrics={f: columns[f] for f in metric_fields},
        dates=dates,
        ends=ends,
        campaigns=labels,
        numbers=table.numbers,
        skipped=table.skipped,
        problems=problems,
        period=report_period,
        currency=currency,
        undated=undated,
        platforms=[analysis.platform] * n,
        sources=[_default_source(analysis)] * n,
        contents=by_distinct(columns.get("content"), content_text, n),
        content_types=by_distinct(columns.get("content_type"), content_type_of, n),
    )
    if is_analytics(analysis) and not problems:
        _only_social(converted, columns, analysis, whole_site)
    if twins and not problems:
        converted.with_twins(twins)
    if source is not None:
        converted.sources = [source] * len(converted.dates)
    return converted


def is_analytics(analysis: Analysis) -> bool:
    """A web analytics export (platform Website with an analytics table), whose rows count
    only where their traffic is social."""
    return analysis.platform == "Website" and m.is_analytics(analysis.headers, analysis.mapping)


#: Platforms whose exports are always paid advertising.
_AD_ONLY_PLATFORMS = frozenset({"Google Ads"})


def _default_source(analysis: Analysis) -> str:
    """A platform export's source: paid where it is an ad platform's report (it carries
    spend, or the platform sells only ads), organic for post and page insights."""
    if analysis.platform in _AD_ONLY_PLATFORMS or "spend" in analysis.mapping:
        return "paid"
    return "organic"


#: Why a row whose every number cell is text is left out (a hand-kept sheet's labels).
LABEL_ROWS = "label rows (text where the numbers go, e.g. a week's or month's name)"


def _without_label_rows(
    table: _Table, columns: dict[str, list[Any]], problems: list[Problem], failed: set[int]
) -> list[Problem]:
    """Rows with neither a day nor a number that could be read, only text (a band or label
    row of a hand-kept sheet: "Week 4", "March"), left out and listed, not reported as bad
    cells; the problems of the other rows."""
    numbers = [values for name, values in columns.items() if _is_number_column(name)]
    days = [columns[name] for name in ("date", "start") if name in columns]
    labels = {i for i in failed if all(values[i] is None for values in (*numbers, *days))}
    if not days or len(labels) == len(table.rows):
        # without dates a label row cannot be told from a data row gone wrong: say which
        # it looks like; a file of nothing but such rows: say what is wrong with them
        return _labelled_problems(problems, {table.numbers[i] for i in labels})
    if not labels:
        return problems
    label_rows = {table.numbers[i] for i in labels}
    table.skipped.setdefault(LABEL_ROWS, []).extend(sorted(label_rows))
    keep = [i not in labels for i in range(len(table.rows))]
    for name, values in columns.items():
        columns[name] = list(compress(values, keep))
    table.rows = list(compress(table.rows, keep))
    table.numbers = list(compress(table.numbers, keep))
    table.read, table.seen = {}, {}
    return [problem for problem in problems if problem.row not in label_rows]


def _labelled_problems(problems: list[Problem], label_rows: set[int]) -> list[Problem]:
    """The problems, those of rows holding only text said to be of a label row."""
    if not label_rows:
        return problems
    return [
        dataclasses.replace(
            problem,
            reason=f"the row holds only text, like a label or note, not data ({problem.reason});"
            " delete the row or give the rows dates",
        )
        if problem.row in label_rows
        else problem
        for problem in problems
    ]


def _is_number_column(name: str) -> bool:
    """Whether a column read under ``name`` holds numbers."""
    return name.partition("#")[0].removeprefix(m.PROMOTED_PREFIX) in m.NUMBER_FIELDS


def _sum_parts(columns: dict[str, list[Any]]) -> None:
    """Fields made of several columns (``engagements#0`` …) as their row-by-row sums (None
    where every part is None)."""
    parts: dict[str, list[list[Any]]] = {}
    for name in [n for n in columns if "#" in n]:
        parts.setdefault(name.partition("#")[0], []).append(columns.pop(name))
    for fld, lists in parts.items():
        columns[fld] = [
            None if all(v is None for v in row) else sum(v for v in row if v is not None)
            for row in zip(*lists, strict=True)
        ]


def _row_dated(columns: dict[str, list[Any]]) -> bool:
    """Whether any row has a date of its own."""
    return any(d for f in ("date", "start") if f in columns for d in set(columns[f]))


def _given_period(
    analysis: Analysis, given: tuple[date | None, date | None] | None
) -> tuple[date | None, date | None]:
    """The report period of a file whose rows have no dates: the one the user gave, else
    the one the file names; with neither an InputError naming ``--from``/``--to``."""
    start, end = given if given is not None and given[0] is not None else analysis.period
    if start is None:
        raise InputError(
            Problem(
                "the rows have no dates and the file names no report period: give the period "
                "the figures cover with --from and --to (in the import wizard: the report "
                "period); nothing was imported",
                analysis.file.path.name,
            )
        )
    if end is not None and end < start:
        raise InputError(
            Problem(
                f"the report period ends ({end}) before it starts ({start})",
                analysis.file.path.name,
            )
        )
    return start, end


def _only_social(
    converted: Converted, columns: dict[str, list[Any]], analysis: Analysis, whole_site: bool
) -> None:
    """An analytics export's social rows only, each with the platform and source its channel
    or source / medium names; a file with neither column is refused unless ``whole_site``."""
    channels, source_mediums = columns.get("channel"), columns.get("source_medium")
    if channels is None and source_mediums is None:
        if whole_site:
            converted.whole_site = True
            return
        raise InputError(
            Problem(
                "an analytics export without a channel group or source / medium column is the "
                "whole website's traffic, not only social media: export it with 'Session "
                "default channel group' or 'Session source / medium', or, if all its traffic "
                "came from social media, import it with --whole-site (in the import wizard: "
                "'The whole file is social traffic'); nothing was imported",
                analysis.file.path.name,
            )
        )
    sessions, revenue = columns.get("sessions"), columns.get("revenue")
    traffic = social_traffic(channels, source_mediums, sessions, revenue, None)
    converted.platforms, converted.sources = traffic.platforms, traffic.sources
    converted.left_out = traffic.left_out
    if traffic.left_out.rows:
        converted.only(traffic.keep)
    if not converted.dates:
        raise InputError(
            Problem(
                "no social traffic in the file: every row's channel or source is another one "
                "(search, direct, e-mail …); nothing was imported",
                analysis.file.path.name,
            )
        )


class _Columns:
    """The mapped columns of a table read into values, with the problems of their cells."""

    def __init__(self, analysis: Analysis, table: _Table, date_order: str | None) -> None:
        self.analysis, self.table, self.date_order = analysis, table, date_order
        self.columns: dict[str, list[Any]] = {}
        self.problems: list[Problem] = []
        self.failed_rows: set[int] = set()  # kept-row indexes with a cell that failed
        self.same_dates: list[Any] = []  # the last date column read well, and its dates

    def read(
        self, cancelled: Callable[[], bool] | None
    ) -> tuple[dict[str, list[Any]], list[Problem]]:
        """Every mapped field's column (text fields as they are), and the problems."""
        table, headers = self.table, self.analysis.headers
        for name, col in _read_columns(self.analysis).items():
            if cancelled and cancelled():
                raise ImportCancelled
            cells = table.read.get(col) or list(map(itemgetter(col), table.rows))
            column_name = headers[col] if col < len(headers) else f"Column {col + 1}"
            fld = name.partition("#")[0].removeprefix(m.PROMOTED_PREFIX)
            if fld in m.NUMBER_FIELDS:
                self._numbers(name, cells, table.seen.get(col), column_name)
            elif fld in m.DATE_FIELDS:
                self._dates(fld, cells, table.seen.get(col), column_name)
            else:
                self.columns[fld] = cells
        return self.columns, self.problems

    def _store(
        self, fld: str, parsed: list[Any], failed: list[tuple[int, str]], column: str
    ) -> None:
        self.columns[fld] = parsed
        self.problems += (self.table.problem(reason, i, column) for i, reason in failed)
        self.failed_rows.update(i for i, _reason in failed)

    def _numbers(self, fld: str, cells: list[Any], distinct: set[Any] | None, column: str) -> None:
        texts = [c for c in cells[:_TELLING_CELLS] if isinstance(c, str)]
        count = fld.partition("#")[0].removeprefix(m.PROMOTED_PREFIX) in COUNT_METRICS
        mark = p.decimal_mark(texts) or ("thousands" if count else ".")
        parse = partial(_parse_number, mark=mark, count=count)
        self._store(fld, *_convert_column(cells, parse, distinct), column)

    def _dates(self, fld: str, cells: list[Any], distinct: set[Any] | None, column: str) -> None:
        if fld in ("date", "start") and "end" not in self.analysis.mapping:
            ranges = {c: r for c in (distinct or set(cells)) if isinstance(c, str)
                      if (r := v.split_range(c))}  # fmt: skip
            if ranges:  # a hand-kept sheet's "05/01/2026 – 11/01/2026": the row's period
                self._date_ranges(fld, cells, ranges, column)
                return
        if self.same_dates and self.same_dates[0] == cells:
            self.columns[fld] = self.same_dates[1]  # Meta's reporting start and end: its day
            return
        # distinct texts in order of first appearance decide as all of them would
        texts = list(dict.fromkeys(c for c in cells[:_TELLING_CELLS] if isinstance(c, str)))
        order = self.date_order or p.date_order(texts)
        if order is None and p.needs_order(texts):
            reason = "day/month order is ambiguous; give the date order (dmy or mdy)"
            self.problems.append(self.table.problem(reason, None, column))
            self.columns[fld] = [None] * len(cells)
            return
        parsed, failed = _convert_column(cells, partial(p.parse_date, order=order), distinct)
        if not failed:  # equal cells that all parsed give equal dates
            self.same_dates[:] = [cells, parsed]
        self._store(fld, parsed, failed, column)

    def _date_ranges(
        self, fld: str, cells: list[Any], ranges: dict[Any, tuple[str, str]], column: str
    ) -> None:
        """A date column some of whose cells are ranges: each row's first day under ``fld``,
        its last day (where a range gives one) as the reporting end."""
        starts = [ranges[c][0] if c in ranges else c for c in cells]
        ends = [ranges[c][1] if c in ranges else None for c in cells]
        texts = list(dict.fromkeys(t for t in starts + ends if isinstance(t, str)))
        order = self.date_order or p.date_order(texts[:_TELLING_CELLS])
        if order is None and p.needs_order(texts):
            reason = "day/month order is ambiguous; give the date order (dmy or mdy)"
            self.problems.append(self.table.problem(reason, None, column))
            self.columns[fld] = [None] * len(cells)
            return
        parse = partial(p.parse_date, order=order)
        first_days, failed = _convert_column(starts, parse)
        last_days, failed_ends = _convert_column(ends, parse)
        self._store(fld, first_days, failed + failed_ends, column)
        self.columns["end"] = last_days


def _currency(
    analysis: Analysis, columns: dict[str, list[Any]], problems: list[Problem]
) -> str | None:
    """The currency the money columns' headers and a currency column name (one at most)."""
    mapping = analysis.mapping
    currencies = m.header_currencies(
        analysis.headers, [mapping[f] for f in ("spend", "revenue") if f in mapping]
    )
    if "currency" in columns:
        currencies |= {
            str(c).strip().upper() for c in set(columns["currency"]) if not p.is_empty(c)
        }
    if len(currencies) > 1:
        reason = "money in several currencies: " + ", ".join(sorted(currencies))
        problems.append(Problem(reason, analysis.file.path.name))
    return next(iter(currencies)) if len(currencies) == 1 else None


def _period(analysis: Analysis, columns: dict[str, list[Any]]) -> tuple[date | None, date | None]:
    """The rows' first day to their last day (or last reporting end); without dated rows, the
    period the preamble names."""
    distinct: dict[int, set[Any]] = {}  # by column object: equal date columns are one list
    for f in ("date", "start", "end"):
        if f in columns and id(columns[f]) not in distinct:
            distinct[id(columns[f])] = set(columns[f])
    row_dates = {d for f in ("date", "start") if f in columns for d in distinct[id(columns[f])]}
    row_dates.discard(None)
    if not row_dates:
        return analysis.period
    row_ends = distinct[id(columns["end"])] - {None} if "end" in columns else set()
    return min(row_dates), max(row_ends | row_dates)


def _dates_and_ends(
    columns: dict[str, list[Any]], period: tuple[date | None, date | None], n: int
) -> tuple[list[date], list[date | None]]:
    """Each row's day (undated rows: the period's start) and reporting end (where
    later than its day; undated rows of a period spanning days: the period's end)."""
    found = columns.get("date") or columns.get("start")
    dated = found is not None and None not in found
    default_day = period[0]
    assert default_day is not None  # an undated file without a period was refused
    dates: list[date] = (
        found if found is not None and dated else [d or default_day for d in (found or [None] * n)]
    )
    row_dated = any(d for f in ("date", "start") if f in columns for d in columns[f])
    spans_period = not row_dated and period[0] is not None and period[1] not in (None, period[0])
    period_end = period[1] if spans_period else None
    end_cells = columns.get("end")
    if (
        end_cells is not None
        and end_cells is not dates
        and any(end and end > day for day, end in set(zip(dates, end_cells, strict=True)))
    ):
        ends = [
            end if end and end > day else period_end
            for day, end in zip(dates, end_cells, strict=True)
        ]
        return dates, ends
    return dates, [period_end] * n


def _labels(
    cells: list[Any],
    table: _Table,
    analysis: Analysis,
    campaign: str | None,
    problems: list[Problem],
) -> list[str | None]:
    """Each row's campaign name (``campaign`` where the cell is empty); a name no workbook can
    hold, or an Excel error, is a problem of its row."""
    column = analysis.mapping["campaign"]
    distinct = table.seen.get(column) or set(cells)  # exports repeat a few names on every row
    names = {cell: _campaign_name(cell) or campaign for cell in distinct}
    reasons = {cell: why for cell in distinct if (why := _bad_name(cell))}
    if reasons:
        header = analysis.headers[column] if column < len(analysis.headers) else None
        failing = compress(range(len(cells)), map(reasons.__contains__, cells))
        problems += (table.problem(reasons[cells[i]], i, header) for i in failing)
    return list(map(names.__getitem__, cells))


def _bad_name(cell: Any) -> str | None:
    """Why a campaign cell cannot be a name, or None."""
    if not isinstance(cell, str):
        return None
    error = p.excel_error(cell)
    if error is not None:
        return f"cell holds the Excel error {error}"
    return describe_unwritable(cell)


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
