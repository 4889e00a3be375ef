"""Bytes to cells: xlsx/xlsm through calamine (see ``untrusted``), csv/tsv streamed with bounds,
encoding and delimiter sniffed."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain, compress, groupby, repeat
from operator import not_
from pathlib import Path
from typing import BinaryIO, NoReturn

from roidesk.core.problems import InputError, Problem
from roidesk.sheets.exports import untrusted

Cell = str | float | int | bool | date | datetime | None

#: Letters that Polish/Czech/Hungarian text has in Windows-1250 but which cp1252 turns into junk.
_CP1250_HINTS = set("ąęłńśźżćőűĄĘŁŃŚŹŻĆŐŰčřšžťďňČŘŠŽ")
_CP1252_JUNK = set("¹³¿œŸ¥£ê")
#: Characters str.splitlines breaks lines at but csv (universal newlines) does not.
_OTHER_LINE_BREAKS = "\v\f\x1c\x1d\x1e\x85\u2028\u2029"
#: Bounds on delimited text: beyond them it is no export (or it is made to hang a reader).
MAX_LINE_CHARS = 1 << 20
MAX_BLANK_RUN = 10_000
MAX_LINES = 2_000_000
_CHUNK_BYTES = 4 << 20
_SNIFF_CHARS = 65536  # the text sniff_delimiter looks at
_CODE_PAGE_SAMPLE = 16 << 20  # the bytes that decide between Windows-1250 and -1252
_TOO_BIG = "the file needs more memory to read than this computer has free"


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
        with path.open("rb") as handle:
            if handle.read(4) == b"PK\x03\x04" or path.suffix.lower() in (".xlsx", ".xlsm"):
                return _read_workbook(path)
            handle.seek(0)
            return read_text_stream(path, handle)
    except MemoryError:
        raise InputError(Problem(_TOO_BIG, path.name)) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise InputError(Problem(f"cannot read the file: {reason}", path.name)) from None


def _read_workbook(path: Path) -> RawFile:
    """An xlsx/xlsm, checked and read out of harm's way (see ``untrusted``)."""
    sheets = [RawSheet(s.name, s.rows, s.merged) for s in untrusted.read_workbook(path)]
    return RawFile(path, sheets, encoding="xlsx")


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
    """Parse delimited text (csv/tsv) given as bytes into one sheet named after the file."""
    return read_text_stream(path, io.BytesIO(data))


def read_text_stream(path: Path, stream: BinaryIO) -> RawFile:
    """Parse delimited text (csv/tsv) into one sheet named after the file, a few MB at a time:
    a line longer than :data:`MAX_LINE_CHARS`, a file of more than :data:`MAX_LINES` lines and
    a run of :data:`MAX_BLANK_RUN` blank lines followed by more data are refused where they
    are found (trailing blank lines, however many, are dropped)."""
    head = stream.read(_CHUNK_BYTES)
    codec, errors = _codec_of(head)
    try:
        return _TextReader(path, codec, errors).read(head, stream)
    except _NotUtf8:  # read again from the start, in the code page its first MBs suggest
        stream.seek(0)
        code_page = _code_page(stream.read(_CODE_PAGE_SAMPLE))
        stream.seek(0)
        head = stream.read(_CHUNK_BYTES)
        return _TextReader(path, code_page, "replace").read(head, stream)


class _NotUtf8(Exception):
    """Raised where a file read as UTF-8 turns out not to be."""


def _codec_of(head: bytes) -> tuple[str, str]:
    """The codec a file's first bytes call for (UTF-8 until proven otherwise)."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig", "replace"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", "replace"
    return "utf-8", "strict"


def _code_page(data: bytes) -> str:
    """Windows-1250 where its Central European letters show, else Windows-1252."""
    as_1252 = data.decode("cp1252", errors="replace")
    as_1250 = data.decode("cp1250", errors="replace")
    score_1250 = sum(ch in _CP1250_HINTS for ch in as_1250)
    score_1252 = sum(ch in _CP1252_JUNK for ch in as_1252)
    return "cp1250" if score_1250 > 0 and score_1250 >= score_1252 else "cp1252"


class _TextReader:
    """One pass over a text file: decoded a chunk at a time, cut at line ends, every block of
    lines checked (length, blank runs, count) before it becomes rows."""

    def __init__(self, path: Path, codec: str, errors: str) -> None:
        self.path = path
        self.codec = codec
        self.decoder = codecs.getincrementaldecoder(codec)(errors=errors)
        self.delimiter = ","
        self.blank_chars = ""
        self.rows: list[list[Cell]] = []
        self.lines_read = 0  # physical lines before the current block
        self.blank_run_start = 0  # the 1-based line the current run of blank lines began on
        self.blank_run_too_long = False

    def read(self, head: bytes, stream: BinaryIO) -> RawFile:
        blocks = self._blocks(self._texts(head, stream))
        first = [next(blocks, "")]
        while sum(map(len, first)) < _SNIFF_CHARS and (block := next(blocks, None)) is not None:
            first.append(block)  # at least what the sniffer reads, however the chunks fell
        self.delimiter = sniff_delimiter("".join(first), self.path.suffix.lower())
        self.blank_chars = f' \t\r\n"{self.delimiter}'
        pending = chain(first, blocks)
        for block in pending:
            if '"' in block or any(mark in block for mark in _OTHER_LINE_BREAKS):
                self._read_with_csv(chain([block], pending))
                break
            lines = block.splitlines()
            kept = self._take(lines)
            self.rows.extend(
                _split_rows(lines[:kept] if kept < len(lines) else lines, self.delimiter)
            )
            if kept < len(lines) or self.blank_run_too_long:
                self._only_blanks_follow(chain(lines[kept:], pending))
                break
        return RawFile(
            self.path, [RawSheet(self.path.stem, self.rows)], self._encoding(), self.delimiter
        )

    def _encoding(self) -> str:
        return "utf-8-sig" if self.codec == "utf-8-sig" else self.codec

    def _texts(self, head: bytes, stream: BinaryIO) -> Iterator[str]:
        """The file's text, a chunk at a time."""
        data = head
        while data:
            yield self._decode(data)
            data = stream.read(_CHUNK_BYTES)
        yield self._decode(b"", final=True)

    def _decode(self, data: bytes, final: bool = False) -> str:
        try:
            text: str = self.decoder.decode(data, final)
        except UnicodeDecodeError:
            raise _NotUtf8 from None
        if "\x00" in text:
            raise InputError(
                Problem("not a text file (NUL bytes) nor an xlsx workbook", self.path.name)
            )
        return text

    def _blocks(self, texts: Iterable[str]) -> Iterator[str]:
        """The text in blocks of whole lines (a ``\r`` at a chunk's end waits for its ``\n``)."""
        carry, lines = "", 0
        for text in texts:
            text = carry + text
            cut = max(text.rfind("\n"), text.rfind("\r", 0, len(text) - 1)) + 1
            if cut:
                block = text[:cut]
                lines += block.count("\n") or block.count("\r")  # (for messages: cheap)
                yield block
            carry = text[cut:]
            if len(carry) > MAX_LINE_CHARS:
                self._refuse_long_line(lines + 1)
        if carry:
            yield carry

    def _take(self, lines: list[str]) -> int:
        """Check a block's lines; how many of them to keep: fewer than all (and
        ``blank_run_too_long`` set) when a run of blank lines grows too long to be anything but
        filler, after which every line must be blank."""
        if lines and max(map(len, lines)) > MAX_LINE_CHARS:
            too_long = next(i for i, line in enumerate(lines) if len(line) > MAX_LINE_CHARS)
            self._refuse_long_line(self.lines_read + too_long + 1)
        blanks = list(map(not_, map(str.strip, lines, repeat(self.blank_chars))))
        if True not in blanks:  # the usual block: not one blank line
            self.blank_run_start = 0
            self.lines_read += len(lines)
        elif (kept := self._count_blank_runs(blanks)) < len(lines) or self.blank_run_too_long:
            return kept
        if self.lines_read > MAX_LINES:
            raise InputError(
                Problem(
                    f"the file has more than {MAX_LINES:,} lines: more than an export roidesk "
                    "takes in one go; export a shorter period",
                    self.path.name,
                )
            )
        return len(lines)

    def _count_blank_runs(self, blanks: list[bool]) -> int:
        """Follow the runs of blank lines; the lines to keep (all, unless one run reaches
        MAX_BLANK_RUN: then up to where it does)."""
        at = self.lines_read
        for blank, group in groupby(blanks):
            count = len(list(group))
            if not blank:
                self.blank_run_start = 0
            elif not self.blank_run_start:
                self.blank_run_start = at + 1
            if self.blank_run_start and at + count - self.blank_run_start + 1 >= MAX_BLANK_RUN:
                at = self.blank_run_start - 1 + MAX_BLANK_RUN
                self.blank_run_too_long = True
                kept = at - self.lines_read
                self.lines_read = at
                return kept
            at += count
        self.lines_read = at
        return len(blanks)

    def _only_blanks_follow(self, blocks: Iterable[str]) -> None:
        """After a long run of blank lines: fine if the file ends blank, refused if data
        follows (the run is filler, or the file is made to hang readers)."""
        for block in blocks:
            if block.strip(self.blank_chars):
                start = self.blank_run_start
                raise InputError(
                    Problem(
                        f"more than {MAX_BLANK_RUN:,} blank lines in a row from line {start:,}, "
                        "with more data after them; delete the blank lines and import again",
                        self.path.name,
                        row=start,
                    )
                )

    def _read_with_csv(self, blocks: Iterable[str]) -> None:
        """The rest of the file through the csv module (quotes, or line breaks csv keeps)."""
        first_line = self.lines_read
        reader = csv.reader(self._checked_lines(blocks), delimiter=self.delimiter)
        try:
            self.rows.extend(reader)  # type: ignore[arg-type]
        except csv.Error as error:
            raise InputError(
                Problem(
                    f"cannot read as CSV ({error})",
                    self.path.name,
                    row=first_line + (reader.line_num or 1),
                )
            ) from None

    def _checked_lines(self, blocks: Iterable[str]) -> Iterator[str]:
        blocks = iter(blocks)
        for block in blocks:
            if any(mark in block for mark in _OTHER_LINE_BREAKS):  # splitlines would break these
                lines = list(io.StringIO(block, newline=""))
            else:  # the same lines as StringIO(newline="") gives, endings kept, much faster
                lines = block.splitlines(keepends=True)
            kept = self._take(lines)
            yield from lines[:kept] if kept < len(lines) else lines
            if self.blank_run_too_long:
                self._only_blanks_follow(chain(lines[kept:], blocks))
                return

    def _refuse_long_line(self, line: int) -> NoReturn:
        raise InputError(
            Problem(
                f"line {line:,} is longer than {MAX_LINE_CHARS:,} characters: not a "
                "spreadsheet export",
                self.path.name,
                row=line,
            )
        )


def _split_rows(lines: list[str], delimiter: str) -> list[list[Cell]]:
    """The rows csv gives for lines without a quote character (nothing is quoted, so a record
    is a line split at the delimiter; a blank line is an empty row), a third faster."""
    rows: list[list[Cell]] = list(map(str.split, lines, repeat(delimiter)))  # type: ignore[arg-type]
    for blank in compress(range(len(lines)), map(not_, lines)):
        rows[blank] = []
    return rows
