"""Cell blocks as tab-separated text, the way Excel and LibreOffice copy and paste them."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence


def to_tsv(block: Sequence[Sequence[str]]) -> str:
    """Rows of cells as tab-separated lines (cells with tabs, newlines or quotes are quoted)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(block)
    return out.getvalue()


def from_tsv(text: str) -> list[list[str]]:
    """Tab-separated text as rows of cells; the trailing newline Excel adds makes no row."""
    if not text:
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter="\t")]
