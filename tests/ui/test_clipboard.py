"""Tab-separated cell blocks as Excel writes and reads them."""

from __future__ import annotations

from roidesk.ui.clipboard import from_tsv, to_tsv


def test_round_trip_with_tabs_newlines_and_quotes():
    """A cell holding a tab, a newline or quotes survives copy and paste."""
    block = [["a", "b\tc", 'say "hi"'], ["line1\nline2", "", "3,5"]]
    assert from_tsv(to_tsv(block)) == block


def test_excel_trailing_newline_and_crlf():
    """Excel ends the block with CRLF; that makes no extra empty row."""
    assert from_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert from_tsv("") == []
