"""Big CSV exports read, checked, converted and summed in one pass by DuckDB.

Why DuckDB: a 100,000-row export is 1.3 million cells. Python makes an object of each before it
can look at it, which alone costs about what the bare ``csv`` module pass does; DuckDB's CSV
reader splits, casts and sums them natively, on every core, and hands back only the few
thousand sums per day and campaign that the import writes.

The columnar path takes only what it can read exactly as the Python path would, and says so
by returning None; the caller then reads the file the usual way. It takes:

* UTF-8 text (a BOM allowed) with no NUL, lone carriage return or other line break Python
  would split at; quoted cells as the ``csv`` module reads them (no cell starting with blanks
  before a quote, which DuckDB would drop; no row above the data spanning lines);
* every data row as wide as the header;
* numbers DuckDB reads as Python does (``_READ_AS``): counts, money with at most four
  decimals after one decimal mark shared by the number columns, no negatives; ISO dates
  (``2025-07-31``); empty cells. Counts whose first rows show no decimal mark are read as
  text and cast: a dot or comma in one (a thousands separator to Python) leaves the file to
  the Python path;
* no row the Python path might leave out (totals, notes, repeated headers, blank first cells
  or dimension, no mapped value), checked by SQL tests that flag at least every such row;
* a date on every row.

Anything else (thousands separators, currency signs, text dates, "no value" tokens, totals
rows…) is read by the Python path, which names every bad cell's row and column.
"""

from __future__ import annotations

import csv
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from roidesk.core.records import COUNT_METRICS
from roidesk.sheets.exports import mapping as m
from roidesk.sheets.exports import values as v
from roidesk.sheets.exports.reading import RawFile, RawSheet, sniff_delimiter
from roidesk.sheets.exports.row_tests import TOTALS_WORDS, row_checks, row_test
from roidesk.sheets.exports.summed import Summed

#: Files smaller than this are read by the Python path: it is as fast there, and starting
#: DuckDB is not free.
MIN_BYTES = 1_000_000
#: Rows the decimal mark is decided from (as the Python path decides it).
_SAMPLE_ROWS = 5000
#: Lines read in Python to find the header row (the Python path looks at the first 60 rows).
_HEAD_LINES = 61
_HEAD_BYTES = 1 << 20
#: Bytes, and characters beyond ASCII, that make the text something the columnar path does
#: not read (NUL, and what Python splits lines at besides \n and \r\n).
_REFUSED = (b"\x00", b"\v", b"\f", b"\x1c", b"\x1d", b"\x1e")
_REFUSED_BEYOND_ASCII = ("\x85".encode(), "\u2028".encode(), "\u2029".encode())
#: Every character ``str.strip`` removes (Unicode whitespace), for RE2.
_WHITESPACE = r"[\s\x{0B}\x{1C}-\x{1F}\x{85}\p{Z}]"
#: At least every first cell the Python path takes for a totals label (no word boundary, so
#: it flags more, never fewer).
_TOTALS = rf"(?i)^{_WHITESPACE}*({'|'.join(TOTALS_WORDS)})"
#: How DuckDB's reader reads the cells of each kind of column. What it takes as a number or
#: an ISO date, Python's readers take as the same value (counts rounded half up to whole
#: ones, as Python rounds them); a trillion and more it refuses, as Python does. Checked
#: after: money to four places (six are read, so a fifth or sixth decimal shows), no
#: negatives, four-digit years. Anything else it refuses, and the Python path reads the file.
_READ_AS = {"count": "DECIMAL(12, 0)", "money": "DECIMAL(18, 6)", "date": "DATE"}
#: Kinds whose cells are values (no header or totals text) once read: counts read as text
#: ("digits") are cast to ``DECIMAL(12, 0)`` right after.
_VALUES = {*_READ_AS, "digits"}
#: Years Python's ISO pattern reads.
_FIRST_DAY, _LAST_DAY = date(1000, 1, 1), date(9999, 12, 31)
_PLAIN_CURRENCY = r"[A-Za-z]{3}"
_EMPTY = ", ".join(f"'{token}'" for token in sorted(v.EMPTY_TOKENS) if token)
_local = threading.local()
#: The thread a file is scanned on while DuckDB reads it, where the caller has not scanned it.
_CHECKS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="roidesk-csv-check")


@dataclass
class Head(RawFile):
    """The first rows of a file the columnar path may read, and the line each row ends on
    (a quoted cell may span lines: the rows above the data must not, for DuckDB to skip
    them)."""

    line_ends: list[int] = field(default_factory=list)
    #: Lines without a quote below the first :data:`_HEAD_LINES` (sample rows), not yet split
    #: into cells (only the sample's columns are wanted, not each row's cells).
    more: list[str] = field(default_factory=list)


def may_read(path: Path) -> bool:
    """Whether the columnar path may read a file at all: text, not a workbook."""
    return Path(path).suffix.lower() not in (".xlsx", ".xlsm")


def read_head(path: Path) -> Head | None:
    """The first rows of a CSV/TSV file of :data:`MIN_BYTES` or more, as one sheet: enough to
    find the header and decide each column's decimal mark; None where they show the file is
    not for the columnar path (see the module). :func:`scan` looks at the rest."""
    path = Path(path)
    if not may_read(path):
        return None
    try:
        if path.stat().st_size < MIN_BYTES:
            return None
        with path.open("rb") as handle:
            data = handle.read(_HEAD_BYTES)
            wanted = _HEAD_LINES + _SAMPLE_ROWS
            while data.count(b"\n") < wanted and (more := handle.read(_HEAD_BYTES)):
                data += more
            whole = not handle.read(1)
    except OSError:
        return None
    if data[:4] == b"PK\x03\x04":
        return None
    wanted = _HEAD_LINES + _SAMPLE_ROWS  # the head, and the sample rows after it
    parts = data.split(b"\n", wanted)
    end = len(data) - len(parts[-1]) if len(parts) > wanted else len(data)
    whole = whole and end == len(data)
    try:
        head = data[:end].decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None  # DuckDB checks the rest
    lines = head.splitlines()
    delimiter = sniff_delimiter("\n".join(lines[:_HEAD_LINES]), path.suffix.lower())
    below: list[str] = []  # the sample lines below the first rows, not split yet
    if '"' not in head:  # as the csv module reads lines without a quote
        lines, below = lines[:_HEAD_LINES], lines[_HEAD_LINES:]
        rows: list[list[Any]] = [line.split(delimiter) if line else [] for line in lines]
        line_ends = list(range(1, len(rows) + 1))
    else:
        quoted = _quoted_rows(head, delimiter, whole=whole)
        if quoted is None:
            return None
        rows, line_ends = quoted
    sheet = RawSheet(path.stem, rows)
    encoding = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8"
    return Head(
        path, [sheet], encoding=encoding, delimiter=delimiter, line_ends=line_ends, more=below
    )


@dataclass(frozen=True)
class FileScan:
    """What one pass over a file's bytes found: its SHA-256 (the import's fingerprint) and,
    where asked, whether anything in it keeps DuckDB from reading it as the Python path would."""

    digest: str
    refused: bool = False  # NUL, or a line break Python splits at besides \n and \r\n
    quoted: bool = False  # a quote character anywhere
    blank_quote: bool = False  # a blank right before a quote, or a blank first byte

    def plain(self, path: Path, delimiter: str) -> bool:
        """True when nothing in the whole file keeps DuckDB from reading it as the Python path
        would: no NUL or line break Python splits at besides \\n and \\r\\n, and with quotes,
        no cell starting with blanks before its quote. (A carriage return alone, a line break
        for Python, stops DuckDB's reader itself: Python reads.)"""
        if self.refused:
            return False
        if not self.quoted or not self.blank_quote:
            return True
        try:  # rare: only now is the whole file held to look closer
            data = Path(path).read_bytes()
        except OSError:
            return False
        return not _blank_before_quote(data, delimiter.encode())


#: The byte strings whose absence rules out a cell starting with blanks before its quote
#: (every mark :func:`_blank_before_quote` looks for holds one of them).
_BLANK_QUOTES = (b' "', b'\t"')


def scan(path: Path, *, checks: bool = True) -> FileScan:
    """Read ``path`` once, in chunks: its fingerprint (``workbook.fingerprint``) and (with
    ``checks``) the bytes the columnar path looks for. One pass feeds both, with no copy of
    the whole file (the import's scan thread runs it while the file is read). Raises OSError."""
    from roidesk.sheets.workbook import fingerprint

    marks = (*_REFUSED, *_REFUSED_BEYOND_ASCII, b'"', *_BLANK_QUOTES)
    seen: set[bytes] = set()
    ends = [b"", b""]  # the file's first byte, and the last bytes of the chunk before

    def look(chunk: bytes) -> None:
        first, tail = ends
        seam = tail + chunk[:2]  # no mark is longer than three bytes
        seen.update(m for m in marks if m not in seen and (_holds(chunk, m) or m in seam))
        ends[:] = [first or chunk[:1], chunk[-2:]]

    digest = fingerprint(path, look if checks else None)
    return FileScan(
        digest=digest,
        refused=any(mark in seen for mark in (*_REFUSED, *_REFUSED_BEYOND_ASCII)),
        quoted=b'"' in seen,
        blank_quote=ends[0] in (b" ", b"\t") or any(mark in seen for mark in _BLANK_QUOTES),
    )


def _holds(chunk: bytes, mark: bytes) -> bool:
    """``mark in chunk``, first looking for each of its bytes alone: a search for one byte is
    ten times quicker than for two or three, and a quote or a non-ASCII lead byte is missing
    from most exports."""
    return all(mark[at : at + 1] in chunk for at in range(len(mark))) and mark in chunk


def _blank_before_quote(data: bytes, delimiter: bytes) -> bool:
    """True where a cell might start with blanks and then a quote: DuckDB's reader reads
    ``, "5"`` as 5, Python's as the text `` "5"`` (two blanks in a row anywhere count too)."""
    starts = (delimiter, b"\n")
    marks = [start + blank + b'"' for start in starts for blank in (b" ", b"\t")]
    marks += [b'  "', b'\t\t"', b' \t"', b'\t "']
    return data[:1] in (b" ", b"\t") or any(mark in data for mark in marks)


def _quoted_rows(
    head: str, delimiter: str, *, whole: bool
) -> tuple[list[list[Any]], list[int]] | None:
    """The rows of text with quotes, as the Python path reads them (the ``csv`` module), and
    the line each ends on; None when ``csv`` refuses them. The last row of a cut head, which
    may be cut, is dropped."""
    reader = csv.reader(head.splitlines(keepends=True), delimiter=delimiter)
    rows: list[list[Any]] = []
    line_ends: list[int] = []
    try:
        for row in reader:
            rows.append(row)
            line_ends.append(reader.line_num)
    except csv.Error:
        return None
    return (rows, line_ends) if whole else (rows[:-1], line_ends[:-1])


def _connection() -> Any:
    """This thread's DuckDB connection (in memory; made once: connecting takes ~20 ms)."""
    connection = getattr(_local, "connection", None)
    if connection is None:
        import duckdb

        # nothing leaves the machine: no extension is ever fetched (reading CSV needs none)
        offline: dict[str, str | bool | int | float | list[str]] = {
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
        }
        connection = duckdb.connect(":memory:", config=offline)
        _local.connection = connection
    return connection


def _sample_columns(
    head: Head, rows: list[list[Any]], skip: int, width: int
) -> list[list[Any]] | None:
    """The first data rows of the head (``rows``, its first lines, then ``head.more``), up to
    the sample size (blank lines are no rows), column by column; None where they are not
    ``width`` cells wide. The lines below the first rows are split all at once, joined by the
    delimiter (cells in row order): a row too wide and another too narrow would pass unseen,
    but DuckDB refuses such rows (``strict_mode``)."""
    rows = [row for row in rows[skip:] if row][:_SAMPLE_ROWS]
    lines = [line for line in head.more if line][: _SAMPLE_ROWS - len(rows)]
    cells = head.delimiter.join(lines).split(head.delimiter) if lines else []
    if len(cells) != len(lines) * width or any(len(row) != width for row in rows):
        return None
    return [[row[col] for row in rows] + cells[col::width] for col in range(width)]


def summed(
    analysis: Any,
    *,
    campaign: str | None,
    name_of: Callable[[Any], str | None],
    scanned: Future[FileScan] | None = None,
) -> Summed | None:
    """The rows of ``analysis`` (made from :func:`read_head`) summed by DuckDB, or None when
    the Python path must read the file. ``name_of`` is the campaign name of a cell;
    ``scanned``, the file's :func:`scan` under way (else it is scanned while DuckDB reads)."""
    import duckdb

    raw: RawFile = analysis.file
    sheet = analysis.sheet
    if analysis.header_row < 0 or any(not row for row in sheet.rows[: analysis.header_row]):
        return None
    header = sheet.rows[analysis.header_row]
    width = len(header)
    mapping: dict[str, int] = analysis.mapping
    dimension = mapping.get("campaign")
    values_at = sorted({c for f, c in mapping.items() if c != dimension})
    if width < 2 or not values_at or max(mapping.values()) >= width:
        return None
    dated = "date" if "date" in mapping else "start" if "start" in mapping else None
    if dated is None:
        return None  # rows without a date take the period's start: the Python path
    skip = analysis.header_row + 1
    if analysis.file.line_ends[analysis.header_row] != skip:
        return None  # a quoted cell over lines above the data: skipping by lines is unsure
    sampled = _sample_columns(analysis.file, sheet.rows, skip, width)
    if sampled is None:
        return None
    kinds: dict[int, str] = {}  # column → what its cells hold
    marks: set[str] = set()
    for fld, col in mapping.items():
        if fld in COUNT_METRICS:
            # where the sample shows no decimal mark, the Python path reads the column's dots
            # and commas as thousands separators: its cells are read as text, and one with a
            # dot or comma sends the file there; else they are read with that mark
            mark = v.decimal_mark(sampled[col])
            kind = "count" if mark else "digits"
            if mark:
                marks.add(mark)
        elif fld in m.NUMBER_FIELDS:
            kind = "money"
            marks.add(_money_mark(sampled[col]))
        elif fld in m.DATE_FIELDS:
            kind = "date"
        elif fld in ("currency", "campaign"):
            kind = fld
        else:
            return None
        if kinds.setdefault(col, kind) != kind:
            return None
    if len(marks) > 1 or marks - {".", ","}:
        return None  # thousands separators, or number columns with different marks
    if kinds.get(0) in _VALUES and any(ch.isdigit() for ch in str(header[0])):
        return None  # a repeated header row might read as a value
    checks = row_checks(width, dimension, values_at)
    cells = [f"c{i}" for i in range(width)]
    types = ", ".join(
        f"'{_raw(cell, kinds.get(col))}': '{_READ_AS.get(kinds.get(col, ''), 'VARCHAR')}'"
        for col, cell in enumerate(cells)
    )
    used = ", ".join(
        f"CAST(t{col} AS DECIMAL(12, 0)) AS {cells[col]}, "
        f"contains(t{col}, '.') OR contains(t{col}, ',') AS {cells[col]}_marked"
        if kinds.get(col) == "digits"
        else cells[col]
        for col in sorted({*mapping.values(), *checks})
    )
    source = (
        f"SELECT {used} FROM read_csv(?, header = false, "
        f"skip = {skip}, delim = ?, quote = '\"', escape = '\"', auto_detect = false, "
        "strict_mode = true, null_padding = false, dateformat = '%Y-%m-%d', "
        f"buffer_size = {_buffer_size(raw.path)}, "
        f"decimal_separator = {_literal(next(iter(marks), '.'))}, columns = {{{types}}})"
    )
    metrics = [f for f in (*COUNT_METRICS, "revenue", "spend") if f in mapping]
    query = _query(source, cells, kinds, mapping, metrics, checks, str(header[0]), dated)
    if scanned is None:
        scanned = _CHECKS.submit(scan, raw.path)  # while DuckDB reads
    try:
        found = _connection().execute(query, [str(raw.path), raw.delimiter]).fetchall()
    except duckdb.Error:
        return None  # a row of another width, text that is not UTF-8…: the Python path
    try:
        if not scanned.result().plain(raw.path, raw.delimiter):
            return None
    except OSError:
        return None
    label_names = checks.get(dimension, set()) if dimension is not None else set()
    label_tests = [row_test(name, header) for name in label_names]
    merged = _merged(found, metrics, campaign, name_of, label_tests)
    if merged is None:
        return None
    summed, in_cells = merged
    currencies = in_cells | m.header_currencies(
        analysis.headers, [mapping[f] for f in ("spend", "revenue") if f in mapping]
    )
    if len(currencies) > 1:
        return None  # the Python path names the currencies
    summed.currency = next(iter(currencies), None)
    return summed


def _money_mark(texts: list[str]) -> str:
    """The decimal mark the Python path reads a money column's cells with (``v.decimal_mark``,
    a dot where none tells), at once where no cell has a comma: then it is a dot, or Python's
    ``decimal_mark`` says comma (``1.234.567``) and DuckDB, reading dots as the mark, refuses
    that cell and leaves the file to the Python path."""
    if "," not in "".join(texts):
        return "."
    return v.decimal_mark(texts) or "."


def _raw(cell: str, kind: str | None) -> str:
    """The name DuckDB's reader gives a column: counts read as text are cast after."""
    return f"t{cell[1:]}" if kind == "digits" else cell


def _buffer_size(path: Path) -> int:
    """DuckDB's read buffer for a file: about a quarter of it (DuckDB reads the buffers on
    its threads at once: one buffer for the whole file, its default, is one thread), at least
    2 MB (no line of an export is longer) and at most 32 MB."""
    return min(max(path.stat().st_size // 4, 2 << 20), 32 << 20)


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _query(
    source: str,
    cells: list[str],
    kinds: dict[int, str],
    mapping: dict[str, int],
    metrics: list[str],
    checks: dict[int, set[str]],
    first: str,
    dated: str,
) -> str:
    """The one query that checks and sums the rows ``source`` reads. Per group of day,
    campaign cell and later reporting end: its row count,
    metric sums, earliest and latest date, smallest number, how many rows the
    Python path must look at, and the currencies named."""
    totals = _literal(_TOTALS)
    odd = []  # SQL flagging at least the rows the Python path's tests flag, and more
    for col, names in checks.items():
        c, kind = cells[col], kinds.get(col)
        if kind == "campaign":
            continue  # tested in Python, on the distinct campaign cells
        if "first" in names and kind in _VALUES:
            odd.append(f"{c} IS NULL")  # a value (the header's text has no digit)
        elif "first" in names:
            odd.append(f"{c} IS NULL OR {c} = {_literal(first)} OR starts_with({c}, '#')")
            odd.append(f"regexp_matches({c}, {totals})")
        if "blank" in names:
            odd.append(f"{c} IS NULL")
        if "totals" in names and kind not in _VALUES:
            odd.append(f"regexp_matches({c}, {totals})")
        # "no value": a row without any mapped value has no date either (counted below)
    numbers = [cells[col] for col, kind in kinds.items() if kind in ("count", "digits", "money")]
    # a dot or comma in a count the sample showed without a mark: thousands for Python
    odd += [f"{cells[col]}_marked" for col, kind in kinds.items() if kind == "digits"]
    # money to four places: a fifth or sixth decimal would be rounded otherwise than Python
    odd += [f"{cells[col]} <> round({cells[col]}, 4)" for col, k in kinds.items() if k == "money"]
    currency = "NULL"
    if "currency" in mapping:
        c = cells[mapping["currency"]]
        named = (
            f"regexp_full_match({c}, {_literal(_PLAIN_CURRENCY)}) AND lower({c}) NOT IN ({_EMPTY})"
        )
        currency = f"CASE WHEN {named} THEN {c} END"
        odd.append(f"{c} IS NOT NULL AND NOT ({named})")  # a sign, or "no value": Python

    def of(fld: str) -> str:
        return cells[mapping[fld]] if fld in mapping else "NULL"

    starts = [of(f) for f in ("date", "start") if f in mapping]
    label = of("campaign")
    rows = (
        f"SELECT {label} AS label, {of(dated)} AS day, {of('end')} AS ending, "
        + "".join(f"{of(f)} AS m_{f}, " for f in metrics)
        + f"least({', '.join(starts)}) AS low, "
        f"greatest({', '.join([*starts, of('end')])}) AS high, "
        f"least({', '.join(numbers) or 'NULL'}) AS smallest, "
        f"({' OR '.join(f'coalesce({test}, false)' for test in odd) or 'false'}) AS odd, "
        f"{currency} AS currency FROM ({source})"
    )
    return (
        "SELECT label, day, CASE WHEN ending > day THEN ending END, count(*), "
        + "".join(
            f"CAST(sum(m_{f}) AS BIGINT), "
            if f in COUNT_METRICS
            else f"CAST(sum(m_{f}) * 10000 AS BIGINT), "  # money in ten-thousandths
            for f in metrics
        )
        + "min(low), max(high), min(smallest), "
        "count(*) FILTER (WHERE odd OR day IS NULL), "
        # (a DISTINCT aggregate makes DuckDB group twice and join: only where there is one)
        + (
            "list(DISTINCT currency) FILTER (WHERE currency IS NOT NULL) "
            if "currency" in mapping
            else "NULL "
        )
        + f"FROM ({rows}) GROUP BY ALL"
    )


def _merged(
    found: list[tuple[Any, ...]],
    metrics: list[str],
    campaign: str | None,
    name_of: Callable[[Any], str | None],
    label_tests: list[Callable[[Any], bool]],
) -> tuple[Summed, set[str]] | None:
    """The groups DuckDB found, merged where raw campaign cells name one campaign, and the
    currencies the currency cells name; None when a row needs the Python path."""
    if not found:
        return None  # no data rows: the Python path says why
    count = len(metrics)
    column = list(zip(*found, strict=True))
    labels, counts = column[0], column[3]
    days, ends = list(column[1]), list(column[2])
    lows, highs, smallest, odd, currency_lists = column[4 + count :]
    if any(odd):
        return None
    low, high = min(lows, default=None), max(highs, default=None)
    least = min((value for value in smallest if value is not None), default=0)
    if least < 0 or (low and low < _FIRST_DAY) or (high and high > _LAST_DAY):
        return None  # a negative number, or a year Python's ISO pattern does not have
    names: dict[Any, str | None] = {}
    for label in dict.fromkeys(labels):
        if any(test(label) for test in label_tests):
            return None  # a totals or empty campaign cell: the Python path looks at it
        names[label] = name_of(label) or campaign
    named = list(map(names.__getitem__, labels))
    sums = [list(values) for values in column[4 : 4 + count]]
    if len(set(names.values())) < len(names):  # cells naming one campaign: their groups merge
        groups: dict[tuple[date, str | None, date | None], int] = {}
        keep = []
        for at, key in enumerate(zip(days, named, ends, strict=True)):
            into = groups.setdefault(key, at)
            if into == at:
                keep.append(at)
                continue
            for values in sums:
                if values[at] is not None:
                    values[into] = values[at] + (values[into] or 0)
        days, ends = [days[at] for at in keep], [ends[at] for at in keep]
        named = [named[at] for at in keep]
        sums = [[values[at] for at in keep] for values in sums]
    currencies = {str(c).strip().upper() for cells in currency_lists if cells for c in cells}
    summed = Summed(
        rows=sum(counts),
        dates=days,
        labels=named,
        ends=ends,
        sums=dict(zip(metrics, sums, strict=True)),
        period=(low, high),
        currency=None,
    )
    return summed, currencies
