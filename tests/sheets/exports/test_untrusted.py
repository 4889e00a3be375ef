"""Untrusted xlsx: absurd packages refused before any reader touches them, the native reader
kept in a child it cannot take down with it, and what it reads as empty told apart."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import hostile
import openpyxl
import pytest

from roidesk.core.problems import InputError
from roidesk.sheets.exports import untrusted
from roidesk.sheets.exports.reading import read_file


def _refusal(path: Path) -> str:
    """The message read_file refuses ``path`` with (failing the test when it reads it)."""
    with pytest.raises(InputError) as refused:
        read_file(path)
    assert all(problem.file == path.name for problem in refused.value.problems)
    return str(refused.value)


def test_a_plain_workbook_reads_through_the_child(tmp_path: Path) -> None:
    """The control: a sound xlsx comes back cell for cell (numbers as numbers)."""
    raw = read_file(hostile.good_xlsx(tmp_path / "good.xlsx"))
    assert [sheet.name for sheet in raw.sheets] == ["Report"]
    assert raw.sheets[0].rows == [list(hostile.HEADERS), ["Spring", "2025-01-02", 12.5, 100.0]]


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (hostile.xlsx_bomb, "unpacks to 2,048 MB"),
        (hostile.many_entries, "holds 20,000 parts"),
        (hostile.lying_shared_strings, "declares 2,000,000,000 shared strings"),
        (hostile.far_corner, "spans A1:XFD1048576 (17,179,869,184 cells)"),
        (hostile.beyond_excel, "beyond what Excel allows"),
        (hostile.billion_laughs, "declares a DTD or entities"),
        (lambda path: hostile.billion_laughs(path, "strings"), "declares a DTD or entities"),
        (hostile.external_entity, "declares a DTD or entities"),
        (hostile.truncated_zip, "damaged zip"),
    ],
)
def test_absurd_packages_are_refused_before_reading(tmp_path: Path, make, said: str) -> None:
    """Each trick is named in the refusal, before the reader is started at all."""
    path = make(tmp_path / "hostile.xlsx")
    with pytest.raises(InputError) as refused:
        untrusted.check_package(path)
    assert said in str(refused.value)
    assert said in _refusal(path)


def test_a_bomb_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    """Sizes the zip lies about pass the first checks; the inflating scan meets the lie
    (Python's zip reader stops at the declared size and the CRC fails) and the reader is
    ended, before it inflates GBs."""
    message = _refusal(hostile.xlsx_bomb(tmp_path / "bomb.xlsx", lying=True))
    assert "damaged zip" in message


def test_a_far_corner_without_a_dimension_ends_the_child_not_the_app(tmp_path: Path) -> None:
    """With no dimension declared, calamine reserves the whole sheet (17 billion cells) and
    aborts; the abort happens in the child and comes back as a refusal."""
    message = _refusal(hostile.far_corner(tmp_path / "corner.xlsx", declared=False))
    assert "could not be read" in message


@pytest.mark.parametrize("make", [hostile.malformed_xml, hostile.malformed_references])
def test_broken_sheet_xml_is_refused_with_the_file_named(tmp_path: Path, make) -> None:
    """XML cut off inside a cell, and cell references naming no cell, are refusals."""
    assert "not a readable xlsx workbook" in _refusal(make(tmp_path / "broken.xlsx"))


def test_a_formula_without_a_saved_value_is_refused_where_it_is(tmp_path: Path) -> None:
    """calamine reads such a cell as empty: a spend would silently be no spend."""
    with pytest.raises(InputError) as refused:
        read_file(hostile.formula_without_value(tmp_path / "formula.xlsx"))
    (problem,) = refused.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Report", 2, "C")
    assert "formula with no saved value" in problem.reason


def test_formulas_as_openpyxl_writes_them_are_refused(tmp_path: Path) -> None:
    """A workbook written by openpyxl (formulas saved without results) names every such cell;
    a formula with a saved result reads as that result."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Campaign name", "Amount spent (EUR)"])
    sheet.append(["Spring", "=2*5"])
    sheet.append(["Summer", "=SUM(B2:B2)"])
    book.save(tmp_path / "openpyxl.xlsx")
    with pytest.raises(InputError) as refused:
        read_file(tmp_path / "openpyxl.xlsx")
    assert [(p.row, p.column) for p in refused.value.problems] == [(2, "B"), (3, "B")]


def test_a_formula_with_its_saved_value_reads_as_the_value(tmp_path: Path) -> None:
    """Excel saves a formula's result beside it: that is the cell's value."""
    cached = '<c r="C2"><f>10*2</f><v>20</v></c>'
    path = hostile.xlsx_with_spend(tmp_path / "cached.xlsx", cached)
    assert read_file(path).sheets[0].rows[1][2] == 20.0


def test_a_formula_whose_saved_value_is_empty_text_is_read_as_empty(tmp_path: Path) -> None:
    """``=IF(…,"",…)`` saved as empty text is a saved value, not a missing one."""
    empty_text = '<c r="C2" t="str"><f>IF(1,"",2)</f><v></v></c>'
    path = hostile.xlsx_with_spend(tmp_path / "empty.xlsx", empty_text)
    assert read_file(path).sheets[0].rows[1][2] == ""


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!", "#VALUE!"])
def test_error_cells_keep_their_text(tmp_path: Path, error: str) -> None:
    """calamine reads an error cell as empty; it comes back as its text, which no value
    parser takes for a number or a date (never a silent empty spend)."""
    path = hostile.xlsx_with_spend(tmp_path / "error.xlsx", error, kind="e")
    assert read_file(path).sheets[0].rows[1][2] == error


def test_the_scan_finds_cells_across_its_chunk_boundaries(tmp_path: Path) -> None:
    """A sheet of many MB is scanned in pieces cut between rows: a formula in the last row
    and an error in the middle are both found."""
    rows = "".join(hostile.data_row(n, "1.5") for n in range(2, 40_000))
    rows += hostile.data_row(40_000, "#N/A", kind="e")
    rows += "".join(hostile.data_row(n, "1.5") for n in range(40_001, 80_000))
    rows += hostile.data_row(80_000, '<c r="C80000"><f>1+1</f></c>')
    path = hostile.write_xlsx(tmp_path / "long.xlsx", hostile.sheet_xml(rows, "A1:D80000"))
    found = untrusted.scan_cells(path, untrusted.SheetPart("Report", "xl/worksheets/sheet1.xml"))
    assert found.errors == {(39_999, 2): "#N/A"}
    assert found.formulas == [(80_000, "C")]


def test_a_reader_that_takes_too_long_is_ended(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parent waits a bounded time for the child, then ends it with a refusal."""
    monkeypatch.setattr(untrusted, "CHILD_WAIT_SECONDS", 0)
    assert "took longer than 0 seconds" in _refusal(hostile.good_xlsx(tmp_path / "slow.xlsx"))


def test_column_numbers() -> None:
    """Column letters as Excel counts them: A is 1, Z 26, AA 27, XFD the last (16384)."""
    assert [untrusted.column_number(c) for c in ("A", "Z", "AA", "XFD")] == [1, 26, 27, 16384]


def test_date_cells_come_back_as_dates(tmp_path: Path) -> None:
    """Date cells (which marshal cannot carry) cross from the child as dates, beside text and
    numbers in the same batch."""
    book = openpyxl.Workbook()
    book.active.append(["Day", "Campaign name", "Amount spent (EUR)"])
    book.active.append([datetime(2025, 3, 1), "Spring", 12.5])
    book.save(tmp_path / "dated.xlsx")
    rows = read_file(tmp_path / "dated.xlsx").sheets[0].rows
    assert rows[1] == [date(2025, 3, 1), "Spring", 12.5]  # calamine: a date at midnight


def test_shared_formulas_and_single_quotes_are_found(tmp_path: Path) -> None:
    """A shared formula's child cell (``<f t="shared" si="0"/>``) without a value is refused
    though its master has one; an error type written with single quotes is still an error."""
    master = '<c r="C2"><f t="shared" ref="C2:C3" si="0">D2*2</f><v>200</v></c>'
    child = '<c r="C3"><f t="shared" si="0"/></c>'
    rows = hostile.data_row(2, master) + hostile.data_row(3, child)
    rows += hostile.data_row(4, "<c r='C4' t='e'><v>#REF!</v></c>")
    path = hostile.write_xlsx(tmp_path / "shared.xlsx", hostile.sheet_xml(rows, "A1:D4"))
    found = untrusted.scan_cells(path, untrusted.SheetPart("Report", "xl/worksheets/sheet1.xml"))
    assert found.formulas == [(3, "C")]
    assert found.errors == {(3, 2): "#REF!"}
