"""An xlsx/xlsm from anywhere read so that no file can take the app down or hang it.

Three guards, in this order:

1. :func:`check_package` looks at the zip and the heads of its XML parts before any reader does:
   entry count, total and per-entry uncompressed size, compression ratio of big entries, the
   declared dimension of each sheet and the shared-string count, through a bounded parser that
   refuses DTDs (so entity definitions: billion laughs, external entities). Absurd values are
   refused with a message naming the file (and the sheet).
2. python-calamine reads the workbook in a child process with a memory limit (RLIMIT_AS) and a
   CPU-time limit, so that what the checks cannot see (a cell in the far corner with no
   dimension declared, sizes the zip lies about, a panic or an abort in the native reader)
   ends the child, never the app. The rows come back in batches (marshal, or pickle where
   cells hold dates): the parent loads one while the child writes the next. The cost, measured
   on the import benchmark's 100,000-row xlsx (benchmarks/import_bench.py): a quarter to
   half a second over reading in-process, for its start-up and the transfer.
3. While the child reads, :func:`scan_cells` streams each sheet's XML (Python's zipfile stops at
   the declared size and checks the CRC) for what calamine reads as empty: Excel error cells
   (``t="e"``), put back into the rows as their text (``#N/A``) for the value parser to refuse,
   and formulas without a saved value, refused with their sheet, row and column.

Every failure is an :class:`InputError` naming the file: never a traceback.
"""

from __future__ import annotations

import contextlib
import marshal
import multiprocessing
import os
import pickle
import re
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path, PurePosixPath
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, ParseError, fromstring

from roidesk.core.problems import InputError, Problem

#: Beyond these a file is refused before it is read (an export is far below every one).
MAX_ENTRIES = 10_000
MAX_TOTAL_SIZE = 1 << 30  # uncompressed bytes, all entries
MAX_ENTRY_SIZE = 512 << 20  # uncompressed bytes, one entry
MAX_RATIO = 200  # uncompressed : compressed, for entries above BIG_ENTRY
BIG_ENTRY = 10 << 20
MAX_SHARED_STRINGS = 10_000_000
MAX_CELLS = 20_000_000  # the cells a declared dimension spans (Excel allows 17 billion)
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
#: The head of an XML part read to find its root and first elements.
HEAD_BYTES = 64 << 10
#: What the reading child may use: address space, CPU seconds; and the parent's wait for it.
CHILD_MEMORY = 1 << 30
CHILD_CPU_SECONDS = 60
CHILD_WAIT_SECONDS = 120
_BATCH_ROWS = 5_000
_LISTED = 20  # problems of one kind named before "and N more"

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REFERENCE = re.compile(r"\$?([A-Za-z]{1,4})\$?([0-9]{1,8})")
_P = rb"(?:[A-Za-z_][\w.-]*:)?"  # an optional namespace prefix
_ERROR_CELL = re.compile(
    rb"<" + _P + rb"c\s([^>]*?\bt=[\"']e[\"'][^>]*)>\s*<" + _P + rb"v>([^<]{1,40})</" + _P + rb"v>"
)
_FORMULA_CELL = re.compile(
    rb"<" + _P + rb"c(\s[^>]*?)?(?<!/)>\s*<" + _P + rb"f\b[^>]*?(?:/>|>[^<]*</" + _P + rb"f>)"
    rb"\s*(<" + _P + rb"v\s*/>|<" + _P + rb"v>\s*</" + _P + rb"v>)?\s*</" + _P + rb"c>"
)
_CELL_REFERENCE = re.compile(rb"\br=[\"']([A-Z]{1,3})([0-9]{1,7})[\"']")
_STRING_TYPE = re.compile(rb"\bt=[\"'](?:str|s|inlineStr)[\"']")
#: Substrings a sheet with a formula or an error cell has (plain searches: a regex over every
#: byte of a 60 MB sheet costs half a second, these a tenth).
_MARKS = (b"f>", b'"e"', b"'e'")

Cell = Any


@dataclass
class SheetPart:
    """One worksheet of the package: its name, where its XML is, what its head declares."""

    name: str
    part: str
    dimension: str = ""


@dataclass
class CellFindings:
    """What the XML holds that calamine reads as empty: errors to put back, formulas to refuse."""

    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row0, col0) -> "#N/A"
    formulas: list[tuple[int, str]] = field(default_factory=list)  # (row1, column letters)


def _refuse(path: Path, reason: str, sheet: str | None = None) -> InputError:
    return InputError(Problem(reason, path.name, sheet=sheet))


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):,.0f} MB"


# ------------------------------------------------------------------------------ the package


def check_package(path: Path) -> list[SheetPart]:
    """The workbook's sheets, once the zip and its XML heads look like a spreadsheet's."""
    try:
        with zipfile.ZipFile(path) as package:
            _check_entries(path, package.infolist())
            sheets = _sheet_parts(path, package)
            _check_shared_strings(path, package)
            for sheet in sheets:
                _check_dimension(path, package, sheet)
            return sheets
    except InputError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise _refuse(path, f"not a readable xlsx workbook (damaged zip: {error})") from None
    except (NotImplementedError, RuntimeError) as error:  # a compression or password we lack
        raise _refuse(path, f"not a readable xlsx workbook ({error})") from None
    except OSError as error:
        raise _refuse(path, f"cannot read the file: {error.strerror or error}") from None


def _check_entries(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise _refuse(path, f"not a spreadsheet export: the xlsx holds {len(entries):,} parts")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TOTAL_SIZE:
        raise _refuse(path, f"the xlsx unpacks to {_megabytes(total)}, more than a workbook needs")
    for entry in entries:
        if entry.file_size > MAX_ENTRY_SIZE:
            raise _refuse(
                path, f"the xlsx part {entry.filename} unpacks to {_megabytes(entry.file_size)}"
            )
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > BIG_ENTRY and ratio > MAX_RATIO:
            raise _refuse(
                path,
                f"the xlsx part {entry.filename} unpacks {ratio:,.0f} times larger than it is "
                "stored (a zip bomb, not a spreadsheet)",
            )


def _read_whole(package: zipfile.ZipFile, name: str, limit: int = 16 << 20) -> bytes:
    """A small part (workbook, relationships), refused when not small."""
    with package.open(name) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"{name} is larger than a workbook needs")
    return data


def _parse_small(path: Path, package: zipfile.ZipFile, name: str) -> Any:
    try:
        return fromstring(_read_whole(package, name), forbid_dtd=True)
    except (DefusedXmlException, ParseError) as error:
        raise _refuse(
            path, f"not a readable xlsx workbook ({name}: {_xml_reason(error)})"
        ) from None


def _xml_reason(error: Exception) -> str:
    if isinstance(error, DefusedXmlException):
        return "it declares a DTD or entities, which a spreadsheet never needs"
    return str(error).splitlines()[0][:120] if str(error) else type(error).__name__


def _sheet_parts(path: Path, package: zipfile.ZipFile) -> list[SheetPart]:
    """Sheet name → its XML part, as the workbook and its relationships say."""
    names = set(package.namelist())
    if "xl/workbook.xml" not in names:
        raise _refuse(path, "not an xlsx workbook (it has no xl/workbook.xml)")
    book = _parse_small(path, package, "xl/workbook.xml")
    targets: dict[str | None, str] = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = _parse_small(path, package, "xl/_rels/workbook.xml.rels")
        for rel in rels.iter(f"{_PKG_REL}Relationship"):
            targets[rel.get("Id")] = rel.get("Target", "")
    sheets = []
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        if part in names:
            sheets.append(SheetPart(sheet.get("name", ""), part))
    return sheets


class _Enough(Exception):
    """Raised from the parser's target once the head has told what was wanted."""


class _HeadTarget:
    """Records the first elements' (local name, attributes) until ``stop_at`` starts."""

    def __init__(self, stop_at: set[str], limit: int = 32) -> None:
        self.stop_at = stop_at
        self.limit = limit
        self.elements: list[tuple[str, dict[str, str]]] = []

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        name = tag.rsplit("}", 1)[-1]
        self.elements.append((name, dict(attributes)))
        if name in self.stop_at or len(self.elements) >= self.limit:
            raise _Enough

    def end(self, tag: str) -> None:
        return None

    def data(self, text: str) -> None:
        return None

    def close(self) -> None:
        return None


def read_head(
    path: Path, package: zipfile.ZipFile, name: str, stop_at: set[str], sheet: str | None = None
) -> list[tuple[str, dict[str, str]]]:
    """The first elements of an XML part, read from at most HEAD_BYTES of it with a parser that
    refuses DTDs; refused when its root does not start within them."""
    target = _HeadTarget(stop_at)
    parser = DefusedXMLParser(target=target, forbid_dtd=True)
    try:
        with package.open(name) as part:
            head = part.read(HEAD_BYTES)
        parser.feed(head)
        parser.close()
    except _Enough:
        return target.elements
    except (DefusedXmlException, ParseError) as error:
        if target.elements:  # the head told what was wanted before the XML went wrong
            return target.elements
        raise _refuse(path, f"unreadable XML in {name} ({_xml_reason(error)})", sheet) from None
    if not target.elements:
        raise _refuse(path, f"unreadable XML in {name} (no content in its first 64 KB)", sheet)
    return target.elements


def _check_shared_strings(path: Path, package: zipfile.ZipFile) -> None:
    """A shared-string count beyond any export, or beyond what the part could hold, is a lie
    that would make the reader reserve gigabytes."""
    name = "xl/sharedStrings.xml"
    try:
        info = package.getinfo(name)
    except KeyError:
        return
    head = read_head(path, package, name, {"sst"})
    attributes = head[0][1] if head else {}
    declared = max(_count(attributes.get("count")), _count(attributes.get("uniqueCount")))
    possible = info.file_size // 5 + 1  # "<si/>" is the shortest string there is
    if declared > MAX_SHARED_STRINGS or declared > possible:
        raise _refuse(
            path,
            f"the workbook declares {declared:,} shared strings, but its part could hold at "
            f"most {possible:,}; the file is damaged or made to break readers",
        )


def _count(text: str | None) -> int:
    return int(text) if text and text.isdigit() and len(text) < 20 else 0


def _check_dimension(path: Path, package: zipfile.ZipFile, sheet: SheetPart) -> None:
    head = read_head(path, package, sheet.part, {"dimension", "sheetData"}, sheet.name)
    dimension = next((attrs.get("ref", "") for tag, attrs in head if tag == "dimension"), "")
    sheet.dimension = dimension
    if not dimension:
        return
    corners = [_REFERENCE.fullmatch(corner) for corner in dimension.split(":")]
    if not all(corners) or len(corners) > 2:
        raise _refuse(path, f"the sheet's dimension {dimension!r} is not a cell range", sheet.name)
    rows = [int(match.group(2)) for match in corners if match]
    columns = [column_number(match.group(1)) for match in corners if match]
    if max(rows) > EXCEL_ROWS or max(columns) > EXCEL_COLUMNS or min(rows) < 1:
        raise _refuse(
            path, f"the sheet's dimension {dimension} is beyond what Excel allows", sheet.name
        )
    cells = (max(rows) - min(rows) + 1) * (max(columns) - min(columns) + 1)
    if cells > MAX_CELLS:
        raise _refuse(
            path,
            f"the sheet spans {dimension} ({cells:,} cells): far more than an export holds; "
            "delete the cells far outside the data, or copy the data to a new file",
            sheet.name,
        )


def column_number(letters: str) -> int:
    """``A`` → 1, ``XFD`` → 16384."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


# ---------------------------------------------------------------------------- cell scanning


def _sheet_chunks(package: zipfile.ZipFile, part: str) -> Iterator[bytes]:
    """A sheet's XML in pieces that end where a row starts, so that no cell is cut in two
    (a row longer than 16 MB is cut anyway: at worst a cell there goes unscanned)."""
    carry = b""
    with package.open(part) as stream:
        while chunk := stream.read(1 << 20):
            text = carry + chunk
            tail = max(0, len(text) - (64 << 10))  # rows are short: look near the end first
            cut = max(text.rfind(b"<row", tail), text.rfind(b":row", tail) - 1)
            if cut <= 0:
                cut = max(text.rfind(b"<row"), text.rfind(b":row") - 1)
            if cut <= 0 and len(text) > 16 << 20:
                cut = len(text)
            if cut > 0:
                yield text[:cut]
                carry = text[cut:]
            else:
                carry = text
    yield carry


def scan_cells(path: Path, sheet: SheetPart) -> CellFindings:
    """Error cells and formulas without a saved value in one sheet (empty cells to calamine):
    one quick pass for the marks every such cell has, a second, cell by cell, only where the
    first found one (an export of plain values never needs it)."""
    findings = CellFindings()
    with zipfile.ZipFile(path) as package:
        if not _has_marks(package, sheet.part):
            return findings
        for chunk in _sheet_chunks(package, sheet.part):
            if any(mark in chunk for mark in _MARKS):
                _scan_chunk(chunk, findings)
    return findings


def _has_marks(package: zipfile.ZipFile, part: str) -> bool:
    """True when a formula (``</f>``, also in the master of shared formulas) or an error type
    occurs in the part; reads all of it otherwise (so the CRC is checked)."""
    tail = b""
    with package.open(part) as stream:
        while chunk := stream.read(1 << 20):
            seam = tail + chunk[:8]
            if any(mark in chunk or mark in seam for mark in _MARKS):
                return True
            tail = chunk[-8:]
    return False


def _scan_chunk(chunk: bytes, findings: CellFindings) -> None:
    if b'"e"' in chunk or b"'e'" in chunk:
        for match in _ERROR_CELL.finditer(chunk):
            where = _CELL_REFERENCE.search(match.group(1))
            if where:
                row, column = int(where.group(2)) - 1, column_number(where.group(1).decode()) - 1
                text = match.group(2).decode("utf-8", errors="replace").strip()
                findings.errors[(row, column)] = text
    for match in _FORMULA_CELL.finditer(chunk):
        attributes = match.group(1) or b""
        if match.group(2) is None or not _STRING_TYPE.search(attributes):
            where = _CELL_REFERENCE.search(attributes)
            if where:
                findings.formulas.append((int(where.group(2)), where.group(1).decode()))
            else:
                findings.formulas.append((0, ""))


def formula_problems(path: Path, sheet: str, formulas: list[tuple[int, str]]) -> list[Problem]:
    """One problem per formula cell without a saved value (the first few, then how many more)."""
    reason = (
        "cell holds a formula with no saved value; open the file in Excel or LibreOffice "
        "and save it again"
    )
    problems = [
        Problem(reason, path.name, sheet=sheet, row=row or None, column=column or None)
        for row, column in formulas[:_LISTED]
    ]
    if len(formulas) > _LISTED:
        more = len(formulas) - _LISTED
        problems.append(Problem(f"and {more:,} more such cells", path.name, sheet=sheet))
    return problems


def put_back_errors(rows: list[list[Cell]], errors: dict[tuple[int, int], str]) -> None:
    """Error cells get their text back (``#N/A``), where calamine left them empty."""
    for (row, column), text in errors.items():
        if row >= len(rows):
            rows.extend([] for _ in range(row - len(rows) + 1))
        cells = rows[row]
        if column >= len(cells):
            cells.extend([""] * (column - len(cells) + 1))
        if cells[column] in ("", None):
            cells[column] = text


# ----------------------------------------------------------------------- the reading child


def _limit_child() -> None:
    """The child's own ceiling: memory and CPU time (never above what it inherited); its
    standard error silenced (an abort in the native reader prints a Rust backtrace there:
    the parent says what happened)."""
    with contextlib.suppress(OSError):
        silent = os.open(os.devnull, os.O_WRONLY)
        os.dup2(silent, 2)
        os.close(silent)
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        for kind, wanted in (
            (resource.RLIMIT_AS, CHILD_MEMORY),
            (resource.RLIMIT_CPU, CHILD_CPU_SECONDS),
        ):
            soft, hard = resource.getrlimit(kind)
            ceiling = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
            if soft == resource.RLIM_INFINITY or soft > ceiling:
                resource.setrlimit(kind, (ceiling, hard))


def read_in_child(path: str, channel: Connection, only: frozenset[str] | None = None) -> None:
    """The child's work: every sheet's cells (or those named in ``only``) through calamine,
    sent in batches:
    ``("sheet", name, merged)``, ``("rows", [...])``..., then ``("done",)`` or
    ``("error", reason)``."""
    _limit_child()
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(path)
        for name in book.sheet_names:
            if only is not None and name not in only:
                continue
            sheet = book.get_sheet_by_name(name)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []]
            _send(channel, ("sheet", name, merged))
            rows = sheet.to_python(skip_empty_area=False)
            for start in range(0, len(rows), _BATCH_ROWS):
                _send(channel, ("rows", rows[start : start + _BATCH_ROWS]))
            del rows
        _send(channel, ("done",))
    except MemoryError:
        _send(channel, ("error", "it needs more memory than a spreadsheet export should"))
    except BaseException as error:  # calamine's errors, and a Rust panic (a BaseException)
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        _send(channel, ("error", reason))
    finally:
        channel.close()


def _send(channel: Connection, message: tuple[Any, ...]) -> None:
    """One message: marshal where it can (text and numbers: 14 times faster to write than
    pickle), pickle where cells hold dates."""
    try:
        channel.send_bytes(b"m" + marshal.dumps(message))
    except ValueError:
        channel.send_bytes(b"p" + pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def _receive(data: bytes) -> tuple[Any, ...]:
    view = memoryview(data)[1:]
    message: tuple[Any, ...] = marshal.loads(view) if data[:1] == b"m" else pickle.loads(view)
    return message


@dataclass
class ChildSheet:
    """A sheet as the child sent it."""

    name: str
    merged: list[tuple[int, int, int, int]]
    rows: list[list[Cell]] = field(default_factory=list)


class _Reader:
    """The parent's side: start the child, take its messages, end it whatever happens."""

    def __init__(self, path: Path, only: frozenset[str] | None) -> None:
        context = multiprocessing.get_context("spawn")
        self.path = path
        self.messages, child_end = context.Pipe(duplex=False)
        self.process = context.Process(
            target=read_in_child, args=(str(path), child_end, only), daemon=True
        )
        self.process.start()
        child_end.close()

    def sheets(self) -> list[ChildSheet]:
        """Every sheet the child read; InputError when it failed, died or took too long."""
        sheets: list[ChildSheet] = []
        while True:
            message = self._next()
            if message[0] == "done":
                return sheets
            if message[0] == "error":
                raise _refuse(self.path, f"not a readable xlsx workbook ({message[1]})")
            if message[0] == "sheet":
                sheets.append(ChildSheet(message[1], message[2]))
            else:
                sheets[-1].rows.extend(message[1])

    def _next(self) -> tuple[Any, ...]:
        if not self.messages.poll(CHILD_WAIT_SECONDS):
            raise _refuse(
                self.path,
                f"reading the workbook took longer than {CHILD_WAIT_SECONDS} seconds; "
                "it is not an export roidesk can take",
            )
        try:
            message = _receive(self.messages.recv_bytes())
        except (EOFError, OSError):
            self.process.join(5)
            raise _refuse(
                self.path,
                "the workbook could not be read: reading it ran out of memory or time, or "
                "the reader failed on it (a damaged file, or cells far outside the data)",
            ) from None
        return message

    def close(self) -> None:
        self.messages.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.process.close()


def sheet_names(path: Path) -> list[str]:
    """The sheets of an untrusted xlsx/xlsm, once its package passed the checks (no reader
    started: this is what to call before deciding which sheets to read)."""
    return [part.name for part in check_package(path)]


def read_workbook(path: Path, only: Collection[str] | None = None) -> list[ChildSheet]:
    """Every sheet of an untrusted xlsx/xlsm (or those named in ``only``), the package
    checked, read by a limited child, scanned for what the reader reads as empty."""
    parts = check_package(path)
    if only is not None:
        parts = [part for part in parts if part.name in only]
        if not parts:
            return []
    reader = _Reader(path, None if only is None else frozenset(only))
    try:
        findings = {part.name: scan_cells(path, part) for part in parts}  # while it reads
        problems = [
            problem
            for name, found in findings.items()
            for problem in formula_problems(path, name, found.formulas)
        ]
        if problems:
            raise InputError(problems)
        sheets = reader.sheets()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError) as error:
        raise _refuse(path, f"not a readable xlsx workbook (damaged zip: {error})") from None
    finally:
        reader.close()
    for sheet in sheets:
        if sheet.name in findings:
            put_back_errors(sheet.rows, findings[sheet.name].errors)
    return sheets
