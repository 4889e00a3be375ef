"""Delimited text into rows: line breaks inside cells, the sniffer on long files, and the
bounds that keep an endless line or a sea of blank lines from hanging the reader."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roidesk.core.problems import InputError
from roidesk.sheets.exports import reading
from roidesk.sheets.exports.reading import read_text_bytes, sniff_delimiter


@pytest.mark.parametrize("odd", ["\x0c", "\x1e", "\u2028", "\x85", "\v"])
def test_characters_python_splits_at_stay_inside_their_cell(odd: str) -> None:
    """A form feed or Unicode line separator is cell text for csv, never a new row."""
    text = f'Campaign,Cost\r\nA{odd}B,1\r\n"two\r\nlines",2\r\nC,3\n'
    rows = read_text_bytes(Path("x.csv"), text.encode()).sheets[0].rows
    assert rows == [["Campaign", "Cost"], [f"A{odd}B", "1"], ["two\r\nlines", "2"], ["C", "3"]]


def test_plain_text_read_the_same_way() -> None:
    """Without such characters the fast path gives the rows csv gives, endings and all."""
    text = 'Campaign;Cost\r\n"two\nlines";2\rC;3\n\nD;"4;5"\n'
    rows = read_text_bytes(Path("x.csv"), text.encode()).sheets[0].rows
    assert rows == [["Campaign", "Cost"], ["two\nlines", "2"], ["C", "3"], [], ["D", "4;5"]]


def test_sniffer_reads_only_the_first_lines_of_a_long_file() -> None:
    """The first sixty lines decide, however long they are and whatever follows them."""
    head = "a;b;c\n" * 60
    assert sniff_delimiter(head + "x,y,z,w\n" * 20_000) == ";"
    long_lines = ("a;b;" + "c" * 7_000 + "\n") * 10  # ten lines already past 64 KiB
    assert sniff_delimiter(long_lines + "x,y,z,w\n" * 100) == ","
    assert sniff_delimiter(("x" * 70_000) + "\n" + "a\tb\tc\n" * 5) == "\t"


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet="ab é1,;\t\r\n", max_size=80))
def test_text_without_quotes_gives_the_rows_csv_gives(text: str) -> None:
    """Text with no quote character is split without the csv module: the rows must not differ
    (blank lines, \\r, \\r\\n, trailing delimiters, no final line break)."""
    raw = read_text_bytes(Path("x.csv"), text.encode())
    expected = list(csv.reader(io.StringIO(text, newline=""), delimiter=raw.delimiter))
    assert raw.sheets[0].rows == expected


def _refusal(data: bytes, name: str = "x.csv") -> InputError:
    with pytest.raises(InputError) as refused:
        read_text_bytes(Path(name), data)
    return refused.value


def test_a_ten_megabyte_line_is_refused_with_its_number() -> None:
    """One endless line is no export: refused at once (not read into one giant cell)."""
    data = b"Campaign,Cost\nA,1\n" + b"x" * (10 << 20)
    (problem,) = _refusal(data).problems
    assert (problem.file, problem.row) == ("x.csv", 3)
    assert "longer than 1,048,576 characters" in problem.reason


def test_a_long_line_inside_a_block_is_found_too() -> None:
    """A too-long line followed by more lines (so it sits inside a block) names its line."""
    data = b"Campaign,Cost\n" + b"y" * (2 << 20) + b"\nA,1\n"
    assert _refusal(data).problems[0].row == 2


def test_blank_lines_then_data_are_refused_where_the_blanks_begin() -> None:
    """A run of 10,000 blank (or comma-only) lines with data after it is filler or an attack:
    refused, naming the line the run starts on."""
    data = b"Campaign,Cost\nA,1\n" + b",,\n" * 10_000 + b"B,2\n"
    (problem,) = _refusal(data).problems
    assert problem.row == 3
    assert "10,000 blank lines in a row from line 3" in problem.reason


def test_trailing_blank_lines_are_dropped_and_every_row_kept() -> None:
    """A file padded with blank lines to its end (as spreadsheet programs save them) keeps
    every data row, also those in the same block as the run, and is read to its end."""
    data = b"Campaign,Cost\n" + b"A,1\n" * 500 + b",,\r\n" * 30_000
    rows = read_text_bytes(Path("x.csv"), data).sheets[0].rows
    assert rows[:501] == [["Campaign", "Cost"]] + [["A", "1"]] * 500
    assert all(row in ([], ["", "", ""]) for row in rows[501:])
    assert len(rows) <= 501 + 10_000


def test_blank_runs_are_counted_across_quoted_files_too() -> None:
    """The csv path (quotes in the file) has the same bound."""
    data = b'Campaign,Cost\n"A",1\n' + b"\n" * 12_000 + b'"B",2\n'
    assert _refusal(data).problems[0].row == 3


def test_shorter_blank_runs_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blank lines below the bound are rows like any other (the importer skips them)."""
    data = b"Campaign,Cost\nA,1\n" + b"\n" * 9_998 + b"B,2\n"
    rows = read_text_bytes(Path("x.csv"), data).sheets[0].rows
    assert rows[-1] == ["B", "2"] and len(rows) == 10_001


def test_more_lines_than_an_export_has_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beyond MAX_LINES (two million) a file is refused rather than filling the memory."""
    monkeypatch.setattr(reading, "MAX_LINES", 1_000)
    monkeypatch.setattr(reading, "_CHUNK_BYTES", 256)
    assert "more than 1,000 lines" in str(_refusal(b"A,1\n" * 1_200))


def test_a_code_page_found_after_the_first_chunk_is_still_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A Windows-1250 file whose first non-ASCII byte lies beyond the first chunk read is read
    again from its start in that code page, as a whole file read at once was."""
    monkeypatch.setattr(reading, "_CHUNK_BYTES", 64)
    data = ("Kampania;Koszt\n" + "A;1\n" * 50 + "Zażółć;2\n").encode("cp1250")
    raw = read_text_bytes(Path("x.csv"), data)
    assert raw.encoding == "cp1250"
    assert raw.sheets[0].rows[-1] == ["Zażółć", "2"]


_PIECES = st.sampled_from(["a", "b", ",", ";", "\r", "\n", "\r\n", '"', '""', "é", "\u2028"])


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=60), chunk=st.integers(1, 9))
def test_rows_do_not_depend_on_where_chunks_end(pieces: list[str], chunk: int) -> None:
    """Read a few bytes at a time (cutting \\r\\n pairs, quoted cells and UTF-8 sequences),
    a file gives the rows it gives read whole."""
    data = "".join(pieces).encode()
    whole = read_text_bytes(Path("x.csv"), data)
    original = reading._CHUNK_BYTES
    reading._CHUNK_BYTES = chunk
    try:
        pieces_read = read_text_bytes(Path("x.csv"), data)
    except InputError:
        pieces_read = None
    finally:
        reading._CHUNK_BYTES = original
    if pieces_read is None:  # csv refuses some quote soups: then in both ways
        with pytest.raises(InputError):
            read_text_bytes(Path("x.csv"), data)
    else:
        assert pieces_read.sheets[0].rows == whole.sheets[0].rows
