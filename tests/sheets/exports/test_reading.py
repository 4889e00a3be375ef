"""Delimited text into rows: line breaks inside cells, and the sniffer on long files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
