"""Text that a workbook (and so an export) can hold.

XML 1.0, and so every xlsx file, cannot carry control characters other than tab, line feed and
carriage return, nor unpaired surrogates. A name holding one (an ANSI escape pasted from a
terminal, say) would make the workspace impossible to export, so such text is refused where it
enters (imports, editors) and replaced where it leaves (the export), with the count reported.
"""

from __future__ import annotations

import re

#: Characters XML 1.0 cannot hold: C0 controls except tab, LF and CR; surrogates; U+FFFE/U+FFFF.
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What an unwritable character becomes on export.
REPLACEMENT = "\ufffd"


def unwritable_characters(text: str) -> list[str]:
    """The characters of ``text`` that no workbook can hold, each once, in order of appearance."""
    seen: list[str] = []
    for match in _UNWRITABLE.finditer(text):
        if match.group() not in seen:
            seen.append(match.group())
    return seen


def describe_unwritable(text: str) -> str | None:
    """Why ``text`` cannot be stored (``None`` when it can): names the characters by code point."""
    found = unwritable_characters(text)
    if not found:
        return None
    names = ", ".join(f"U+{ord(c):04X}" for c in found)
    return f"holds control characters that a spreadsheet cannot hold ({names})"


def clean_for_workbook(text: str) -> tuple[str, int]:
    """``text`` with every unwritable character replaced, and how many were replaced."""
    return _UNWRITABLE.subn(REPLACEMENT, text)
