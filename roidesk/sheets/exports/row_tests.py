"""Which rows of an export the import leaves out (totals, notes, repeated headers, blank rows,
rows without any mapped value), and the cell tests that find them: every row's few telling
cells are tested once per distinct cell, and only flagged rows are looked at whole."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from itertools import compress
from operator import itemgetter
from typing import Any

from roidesk.core.parsing import is_empty

#: Words a totals row starts with, in our users' languages.
TOTALS_WORDS = (
    "total", "totals", "grand total", "gesamt", "gesamtsumme", "summe", "összesen", "totaal",
    "suma", "razem", "sum", "totalt", "i alt",
)  # fmt: skip
_TOTALS = re.compile(rf"(?i)^\s*({'|'.join(TOTALS_WORDS)})\b")


@lru_cache(maxsize=8192)
def is_totals(text: str) -> bool:
    """A cell that labels a totals row (memoised: exports repeat the same labels)."""
    return _TOTALS.match(text) is not None


@lru_cache(maxsize=8192)
def empty_text(text: str) -> bool:
    """A "no value" text (memoised)."""
    return is_empty(text)


def row_checks(width: int, dimension: int | None, values_at: list[int]) -> dict[int, set[str]]:
    """Which tests (see :func:`row_test`) look at which cell of a row: rows no test flags are
    kept as they are; flagged rows are looked at whole."""
    checks: defaultdict[int, set[str]] = defaultdict(set)
    checks[0].add("first")
    checks[1].add("blank")
    checks[width - 2].add("totals")
    checks[width - 1].add("totals")
    checks[values_at[0]].add("no value")
    if dimension is not None:
        checks[dimension].add("dimension")
    return dict(checks)


def row_test(name: str, header: list[Any]) -> Callable[[Any], bool]:
    """The test :func:`row_checks` names, on one cell."""
    if name == "first":
        return partial(_odd_first, header[0] if header else None)
    return {
        "blank": _blank,
        "totals": _is_totals_cell,
        "no value": _no_value,
        "dimension": _empty_dimension,
    }[name]


def _blank(cell: Any) -> bool:
    return cell is None or cell == ""


def _no_value(cell: Any) -> bool:
    return cell is None or (type(cell) is str and empty_text(cell))


def _is_totals_cell(cell: Any) -> bool:
    return type(cell) is str and is_totals(cell)


def _empty_dimension(cell: Any) -> bool:
    return cell is None or str(cell).strip() == ""


def _odd_first(first_name: Any, cell: Any) -> bool:
    return (
        cell is None
        or cell == ""
        or cell == first_name
        or (type(cell) is str and (cell.startswith("#") or is_totals(cell)))
    )


def _nonempty(row: list[Any]) -> int:
    return sum(1 for c in row if c is not None and c != "")


def _skip_reason(row: list[Any], header: list[Any], dimension: int | None) -> str | None:
    """Why a row is left out (totals, notes, repeated header, blank), or None to keep it."""
    if not row:
        return "blank rows"
    first = row[0]
    if first is None or first == "" or len(row) < 2 or row[1] is None or row[1] == "":
        filled = _nonempty(row)  # only rows that look thin pay for counting their cells
        if filled == 0:
            return "blank rows"
        if filled == 1 and len(header) > 2:
            return "notes"
    if first == header[0] and row[: len(header)] == header[: len(row)]:
        return "repeated header rows"
    if isinstance(first, str) and (first.startswith("#") or is_totals(first)):
        return "notes" if first.startswith("#") else "totals rows"
    for cell in row[-2:]:
        if isinstance(cell, str) and is_totals(cell):
            return "totals rows"
    if dimension is not None and (
        dimension >= len(row) or row[dimension] is None or str(row[dimension]).strip() == ""
    ):
        return "totals rows"
    return None


def _bad_rows(
    column: Sequence[Any], is_bad: Callable[[Any], bool], distinct: set[Any] | None = None
) -> list[int]:
    """Indexes of the cells ``is_bad`` flags, testing each distinct cell once (``distinct``:
    the column's distinct cells, when known)."""
    bad = {cell for cell in (set(column) if distinct is None else distinct) if is_bad(cell)}
    if not bad:
        return []
    return list(compress(range(len(column)), map(bad.__contains__, column)))


def _any_of(tests: list[Callable[[Any], bool]], cell: Any) -> bool:
    return any(test(cell) for test in tests)


def suspicious_rows(
    data: list[list[Any]],
    header: list[Any],
    dimension: int | None,
    values_at: list[int],
    columns: dict[int, list[Any]],
    distinct: dict[int, set[Any]],
) -> set[int]:
    """Rows :func:`_skip_reason` or the mapped-value check might leave out (a superset).

    Checked column by column on each distinct cell: blank first cells, a ``#``, totals or
    header label, totals in the last two cells, an empty dimension or first mapped value, and
    every row whose width differs from the usual one. When all rows are equally wide, the
    columns read go into ``columns`` (by index) and their distinct cells into ``distinct``,
    for the caller to reuse.
    """
    widths = set(map(len, data))
    usual_width = next(iter(widths)) if len(widths) == 1 else None
    width = usual_width or Counter(map(len, data)).most_common(1)[0][0]
    if width < 2 or not values_at or values_at[0] >= width:
        return set(range(len(data)))
    if dimension is not None and dimension >= width:
        return set(range(len(data)))
    usual = range(len(data))
    rows = data
    if len(widths) > 1:
        usual = [i for i, row in enumerate(data) if len(row) == width]  # type: ignore[assignment]
        rows = [data[i] for i in usual]
    checks = {
        col: partial(_any_of, [row_test(name, header) for name in names])
        for col, names in row_checks(width, dimension, values_at).items()
    }
    flagged: set[int] = set()
    for col, test in checks.items():
        cells = columns.get(col) or list(map(itemgetter(col), rows))
        cells_distinct = set(cells)
        if rows is data:
            columns[col] = cells
            distinct[col] = cells_distinct
        flagged.update(_bad_rows(cells, test, cells_distinct))
    suspicious = {usual[i] for i in flagged}
    if len(widths) > 1:
        suspicious.update(i for i, row in enumerate(data) if len(row) != width)
    return suspicious


def row_reason(
    row: list[Any], header: list[Any], dimension: int | None, values_at: list[int]
) -> str | None:
    """Why one row is left out, mapped values included; None to keep it."""
    reason = _skip_reason(row, header, dimension)
    if reason is None:
        width = len(row)
        for c in values_at:  # usually the first mapped cell already holds a value
            if c < width:
                cell = row[c]
                if cell is not None and (type(cell) is not str or not empty_text(cell)):
                    break
        else:
            reason = "rows without any mapped value"
    return reason
