"""Text a workbook cannot hold is named, and replaced on the way out."""

from __future__ import annotations

from roidesk.core.text import clean_for_workbook, describe_unwritable, unwritable_characters


def test_tab_and_line_breaks_are_fine() -> None:
    """A note with tabs and line breaks, and non-ASCII names, are ordinary text."""
    assert unwritable_characters("Łódź\tcafé\r\nŐrség ✓") == []
    assert describe_unwritable("Kávézó") is None


def test_ansi_escape_and_surrogate_are_named() -> None:
    """An ANSI escape and an unpaired surrogate are refused, each named once by code point."""
    text = "\x1b[31mSale\x1b[0m \ud800"
    assert unwritable_characters(text) == ["\x1b", "\ud800"]
    assert describe_unwritable(text) == (
        "holds control characters that a spreadsheet cannot hold (U+001B, U+D800)"
    )


def test_clean_replaces_and_counts() -> None:
    """The export replaces each unwritable character and says how many there were."""
    assert clean_for_workbook("a\x00b\x1bc") == ("a\ufffdb\ufffdc", 2)
    assert clean_for_workbook("plain") == ("plain", 0)
