"""Where the table is in an export and what its columns mean: the sheet, the header row, the
column mapping, the platform and the report period (the wizard lets the user change them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from roidesk.core.problems import InputError, Problem
from roidesk.core.records import canonical_platform
from roidesk.sheets.exports import mapping as m
from roidesk.sheets.exports import values as v
from roidesk.sheets.exports.reading import RawFile, RawSheet


@dataclass
class Analysis:
    """Where the table is in a file and what its columns mean (the wizard lets the user edit it)."""

    file: RawFile
    sheet: RawSheet
    header_row: int  # 0-based index into sheet.rows; -1 when no header was found
    headers: list[str]
    mapping: dict[str, int]
    platform: str | None
    period: tuple[date | None, date | None]


def find_header_row(rows: list[list[Any]]) -> int:
    """The header row's index: the row most of whose cells are known header names, else -1."""
    best, best_known = -1, 0
    for index, row in enumerate(rows[:60]):
        if row and isinstance(row[0], str) and row[0].startswith("#"):
            continue
        known = m.known_header_count(row)
        if known > best_known:
            best, best_known = index, known
    if best >= 0:
        return best
    for index, row in enumerate(rows[:60]):
        cells = [c for c in row if c is not None and c != ""]
        commented = bool(row) and isinstance(row[0], str) and row[0].startswith("#")
        if len(cells) >= 2 and all(isinstance(c, str) for c in cells) and not commented:
            return index
    return -1


def _fill_merged_labels(sheet: RawSheet) -> None:
    """A merged label applies to every row it spans; a merged number stays in its first cell."""
    for r0, c0, r1, c1 in sheet.merged:
        if r0 >= len(sheet.rows) or c0 >= len(sheet.rows[r0]):
            continue
        label = sheet.rows[r0][c0]
        if not isinstance(label, str) or not label.strip():
            continue
        for r in range(r0, min(r1, len(sheet.rows) - 1) + 1):
            row = sheet.rows[r]
            for c in range(c0, c1 + 1):
                if c < len(row) and (row[c] is None or row[c] == ""):
                    row[c] = label


def _data_sheet(raw: RawFile) -> RawSheet:
    scored = [(m.known_header_count(r) for r in s.rows[:60]) for s in raw.sheets]
    best = [max(sc, default=0) for sc in scored]
    return raw.sheets[best.index(max(best))] if raw.sheets else RawSheet("", [])


def analyse(
    raw: RawFile,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: dict[str, int] | None = None,
    platform: str | None = None,
) -> Analysis:
    """Choose the sheet, the header row, the column mapping, the platform and the period."""
    if sheet is not None:
        chosen = next((s for s in raw.sheets if s.name == sheet), None)
        if chosen is None:
            raise InputError(Problem(f"no sheet named '{sheet}'", raw.path.name))
    else:
        chosen = _data_sheet(raw)
    _fill_merged_labels(chosen)
    index = find_header_row(chosen.rows) if header_row is None else header_row
    headers = m.unique_headers(chosen.rows[index]) if 0 <= index < len(chosen.rows) else []
    preamble = [
        " ".join(", ".join(str(c) for c in row if c not in (None, "")).split())
        for row in chosen.rows[: max(index, 0) if index >= 0 else len(chosen.rows)]
    ]
    return Analysis(
        file=raw,
        sheet=chosen,
        header_row=index,
        headers=headers,
        mapping=dict(mapping) if mapping is not None else m.auto_mapping(headers),
        platform=canonical_platform(platform) or m.detect_platform(headers),
        period=v.period_from_lines(preamble),
    )
