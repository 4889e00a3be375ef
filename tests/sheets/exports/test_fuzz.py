"""Hypothesis fuzzing: malformed CSV and xlsx input raises only InputError, with a location."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import hostile
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from roidesk.core.problems import InputError
from roidesk.core.records import Settings
from roidesk.sheets.exports.importer import analyse, convert, import_export
from roidesk.sheets.exports.reading import read_file
from roidesk.storage import Workspace

_CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["1,5", "1.234,56", "--", "(not set)", "12%", "€3", "Total: x", "#", '"']),
    st.sampled_from(["2025-01-01", "13/01/2025", "01/13/2025", "1.08.2019", "45000", "x"]),
)
_HEADERS = st.lists(
    st.sampled_from(
        ["Campaign", "Day", "Cost", "Impr.", "Clicks", "Currency code", "Reach", "Other", ""]
    ),
    min_size=1,
    max_size=6,
)
_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(path: Path, workspace: Workspace) -> None:
    """Import and accept success or an InputError whose every problem names the file."""
    try:
        import_export(workspace, path, replace=True)
    except InputError as error:
        assert error.problems
        assert all(problem.file == path.name for problem in error.problems)


@_FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_as_csv(tmp_path_factory, data: bytes) -> None:
    """Any bytes at all named .csv: imported or refused with a located InputError."""
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "random.csv"
    path.write_bytes(data)
    with Workspace.create(folder / "w.roidesk", Settings(currency="EUR")) as workspace:
        _check(path, workspace)


@_FUZZ
@given(
    headers=_HEADERS,
    rows=st.lists(st.lists(_CELLS, max_size=7), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_structured_csv(tmp_path_factory, headers, rows, delimiter, encoding) -> None:
    """Export-shaped CSV with hostile cells: imported or refused with a located InputError."""
    folder = tmp_path_factory.mktemp("fuzz")
    lines = [delimiter.join(headers)] + [delimiter.join(r) for r in rows]
    path = folder / "export.csv"
    path.write_bytes("\n".join(lines).encode(encoding, errors="replace"))
    with Workspace.create(folder / "w.roidesk", Settings(currency="EUR")) as workspace:
        _check(path, workspace)


def _storable(cell: object) -> object:
    """What openpyxl can store: no NaN, no control characters."""
    if isinstance(cell, float) and cell != cell:
        return None
    if isinstance(cell, str):
        return ILLEGAL_CHARACTERS_RE.sub("", cell)
    return cell


@_FUZZ
@given(
    headers=_HEADERS,
    rows=st.lists(
        st.lists(st.one_of(_CELLS, st.integers(-5, 90000), st.floats(allow_nan=True)), max_size=6),
        max_size=6,
    ),
    merge=st.booleans(),
)
def test_structured_xlsx(tmp_path_factory, headers, rows, merge) -> None:
    """xlsx with mixed cell types and merges: imported or refused with a located InputError."""
    folder = tmp_path_factory.mktemp("fuzz")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([_storable(c) for c in row])
    if merge and len(rows) >= 2:
        sheet.merge_cells("A2:B3")
    path = folder / "export.xlsx"
    book.save(path)
    with Workspace.create(folder / "w.roidesk", Settings(currency="EUR")) as workspace:
        _check(path, workspace)


@_FUZZ
@given(data=st.binary(max_size=300), keep=st.integers(0, 4000))
def test_broken_xlsx(tmp_path_factory, data: bytes, keep: int) -> None:
    """A truncated or corrupted xlsx zip is refused with an InputError naming the file."""
    folder = tmp_path_factory.mktemp("fuzz")
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    book.active.append(["Campaign", "Cost"])
    book.active.append(["A", 1])
    book.save(buffer)
    whole = buffer.getvalue()
    path = folder / "broken.xlsx"
    path.write_bytes(whole[:keep] + data)
    with Workspace.create(folder / "w.roidesk", Settings(currency="EUR")) as workspace:
        _check(path, workspace)
    assert zipfile.is_zipfile(io.BytesIO(whole))


def test_analyse_and_convert_agree_on_locations(tmp_path: Path) -> None:
    """A rejected cell's Problem carries the file, row and column the preview marks."""
    path = tmp_path / "bad.csv"
    path.write_text("Campaign,Day,Cost\nA,2025-01-01,x\n")
    converted = convert(analyse(read_file(path)))
    [problem] = converted.problems
    assert (problem.file, problem.row, problem.column) == ("bad.csv", 2, "Cost")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    cuts=st.lists(
        st.tuples(st.integers(0, 2_000), st.integers(0, 12), st.binary(max_size=12)),
        min_size=1,
        max_size=4,
    ),
    part=st.sampled_from(["sheet", "strings"]),
)
def test_mangled_sheet_xml(tmp_path_factory, cuts, part: str) -> None:
    """Bytes cut, replaced or inserted anywhere in the sheet or shared-strings XML (broken
    tags, references, entities, encodings): read in the child, imported or refused with an
    InputError naming the file; never another exception, never the test process down."""
    folder = tmp_path_factory.mktemp("fuzz")
    rows = "".join(hostile.data_row(n, f"{n}.5") for n in range(2, 6))
    sheet = hostile.sheet_xml(rows, "A1:D5")
    strings = (
        b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main" count="1" uniqueCount="1"><si><t>Spring</t></si></sst>'
    )
    target = bytearray(sheet if part == "sheet" else strings)
    for at, length, replacement in cuts:
        at = at % (len(target) + 1)
        target[at : at + length] = replacement
    if part == "sheet":
        path = hostile.write_xlsx(folder / "mangled.xlsx", bytes(target), strings)
    else:
        path = hostile.write_xlsx(folder / "mangled.xlsx", sheet, bytes(target))
    with Workspace.create(folder / "w.roidesk", Settings(currency="EUR")) as workspace:
        _check(path, workspace)
