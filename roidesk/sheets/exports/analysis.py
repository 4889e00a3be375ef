"""Where the table is in an export and what its columns mean: the sheet, the header row, the
column mapping, the platform and the report period (the wizard lets the user change them)."""

from __future__ import annotations

from dataclasses import dataclass, field
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
    #: fields made of several columns summed (engagements = likes + comments + shares + saves)
    parts: dict[str, list[int]] = field(default_factory=dict)
    #: metric → column of its paid twin (X's ``promoted impressions``): each row stores twice
    promoted: dict[str, int] = field(default_factory=dict)
    #: index into sheet.rows where the table ends (a second table below it is not read)
    table_end: int | None = None


def find_table_end(rows: list[list[Any]], header_row: int) -> int | None:
    """Where a second table begins below the first, or None: Universal Analytics writes a
    per-day table after the main one, behind ``#`` comment lines, with a header of its own.
    Its rows are never summed in; a lone ``#`` note between data rows is not a table's end."""
    seen_data = False
    for index in range(header_row + 1, len(rows)):
        row = rows[index]
        first = row[0] if row else None
        if isinstance(first, str) and first.startswith("#"):
            if seen_data and _header_follows(rows, index + 1, rows[header_row]):
                return index
            continue
        if any(c is not None and c != "" for c in row):
            seen_data = True
    return None


def _header_follows(rows: list[list[Any]], start: int, header: list[Any]) -> bool:
    """Whether the first row from ``start`` that is neither blank nor a ``#`` comment is
    another table's header: two or more cells, all text, one a header name some platform
    uses, not the table's own header."""
    for row in rows[start:]:
        cells = [c for c in row if c is not None and c != ""]
        if not cells or (isinstance(cells[0], str) and cells[0].startswith("#")):
            continue
        all_text = len(cells) >= 2 and all(isinstance(c, str) for c in cells)
        return all_text and row != header and m.known_header_count(row) > 0
    return False


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
    """A merged label applies to every row it spans (in its own column: a label merged across
    a row, such as a week's band above its block, stays one cell); a merged number stays in
    its first cell."""
    for r0, c0, r1, _c1 in sheet.merged:
        if r0 >= len(sheet.rows) or c0 >= len(sheet.rows[r0]):
            continue
        label = sheet.rows[r0][c0]
        if not isinstance(label, str) or not label.strip():
            continue
        for r in range(r0 + 1, min(r1, len(sheet.rows) - 1) + 1):
            row = sheet.rows[r]
            if c0 < len(row) and (row[c0] is None or row[c0] == ""):
                row[c0] = label


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
    chosen_mapping = dict(mapping) if mapping is not None else m.auto_mapping(headers)
    return Analysis(
        file=raw,
        sheet=chosen,
        header_row=index,
        headers=headers,
        mapping=chosen_mapping,
        platform=canonical_platform(platform) or m.detect_platform(headers),
        period=v.period_from_lines(preamble),
        parts=_parts(headers, chosen_mapping),
        promoted=m.promoted_mapping(headers),
        table_end=find_table_end(chosen.rows, index) if index >= 0 else None,
    )


def _parts(headers: list[str], mapping: dict[str, int]) -> dict[str, list[int]]:
    """The fields made of several columns: the engagements where only their parts exist."""
    columns = m.engagement_columns(headers, mapping)
    return {"engagements": columns} if columns else {}
