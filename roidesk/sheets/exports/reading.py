"""Bytes to cells: xlsx/xlsm through calamine, csv/tsv with encoding and delimiter sniffed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import compress, repeat
from operator import not_
from pathlib import Path

from roidesk.core.problems import InputError, Problem

Cell = str | float | int | bool | date | datetime | None

#: Letters that Polish/Czech/Hungarian text has in Windows-1250 but which cp1252 turns into junk.
_CP1250_HINTS = set("ąęłńśźżćőűĄĘŁŃŚŹŻĆŐŰčřšžťďňČŘŠŽ")
_CP1252_JUNK = set("¹³¿œŸ¥£ê")
#: Characters str.splitlines breaks lines at but csv (universal newlines) does not.
_OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"


@dataclass
class RawSheet:
    """One sheet's cells as read (no header found yet); ``merged`` as (row0, col0, row1, col1)."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class RawFile:
    """Every sheet of a file and how its text was decoded."""

    path: Path
    sheets: list[RawSheet]
    encoding: str = ""
    delimiter: str = ""

    @property
    def code_page_fallback(self) -> bool:
        """True when the text was not Unicode and a Windows code page was assumed."""
        return self.encoding.startswith("cp")


def read_file(path: Path) -> RawFile:
    """Read an xlsx, xlsm, csv or tsv file into cells; :class:`InputError` when it can't."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(Problem(f"cannot read the file: {error.strerror}", path.name)) from None
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_workbook(path, data)
    return read_text_bytes(path, data)


def _read_workbook(path: Path, data: bytes) -> RawFile:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = []
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = []
            for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
                merged.append((r0, c0, r1, c1))
            if set(map(type, rows)) - {list}:  # calamine gives lists already
                rows = [list(r) for r in rows]
            sheets.append(RawSheet(name, rows, merged))
    except (InputError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # calamine's own errors, and a Rust panic (BaseException)
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise InputError(Problem(f"not a readable xlsx workbook ({reason})", path.name)) from None
    return RawFile(path, sheets, encoding="xlsx")


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOMs, then UTF-8, then Windows-1250/1252 (the caller reports that)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    as_1252 = data.decode("cp1252", errors="replace")
    as_1250 = data.decode("cp1250", errors="replace")
    score_1250 = sum(ch in _CP1250_HINTS for ch in as_1250)
    score_1252 = sum(ch in _CP1252_JUNK for ch in as_1252)
    if score_1250 > 0 and score_1250 >= score_1252:
        return as_1250, "cp1250"
    return as_1252, "cp1252"


def sniff_delimiter(text: str, suffix: str = "") -> str:
    """The delimiter (``,`` ``;`` or tab) that splits the most lines into the same width."""
    if suffix == ".tsv":
        return "\t"
    head = text[:65536]  # the first 60 lines, without splitting a whole big file
    first = head.splitlines() if len(head) == len(text) else head.splitlines()[:61]
    if len(first) <= 60 and len(head) < len(text):
        first = text.splitlines()
    lines = [ln for ln in first[:60] if ln.strip() and not ln.startswith("#")]
    best, best_score = ",", -1
    for delimiter in (",", ";", "\t"):
        try:
            widths = [len(r) for r in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        mode = max(set(wide), key=wide.count)
        score = wide.count(mode) * 1000 + mode
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_text_bytes(path: Path, data: bytes) -> RawFile:
    """Parse delimited text (csv/tsv) into one sheet named after the file."""
    text, encoding = decode(data)
    if "\x00" in text:
        raise InputError(Problem("not a text file (NUL bytes) nor an xlsx workbook", path.name))
    delimiter = sniff_delimiter(text, path.suffix.lower())
    other_breaks = any(mark in text for mark in _OTHER_LINE_BREAKS)
    if '"' not in text and not other_breaks:
        return RawFile(
            path, [RawSheet(path.stem, _split_rows(text, delimiter))], encoding, delimiter
        )
    if other_breaks:  # splitlines would break these
        lines: Iterable[str] = io.StringIO(text, newline="")
    else:  # the same lines as StringIO(newline="") gives, endings kept, much faster
        lines = text.splitlines(keepends=True)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        rows: list[list[Cell]] = list(reader)  # type: ignore[arg-type]
    except csv.Error as error:
        raise InputError(
            Problem(f"cannot read as CSV ({error})", path.name, row=reader.line_num or 1)
        ) from None
    return RawFile(path, [RawSheet(path.stem, rows)], encoding=encoding, delimiter=delimiter)


def _split_rows(text: str, delimiter: str) -> list[list[Cell]]:
    """The rows csv gives for text without a quote character (nothing is quoted, so a record is
    a line split at the delimiter; a blank line is an empty row), a third faster."""
    lines = text.splitlines()
    rows: list[list[Cell]] = list(map(str.split, lines, repeat(delimiter)))  # type: ignore[arg-type]
    for blank in compress(range(len(lines)), map(not_, lines)):
        rows[blank] = []
    return rows
