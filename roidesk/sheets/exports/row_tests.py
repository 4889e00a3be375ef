"""The cell tests that flag an export's rows the import may leave out (totals, notes,
repeated headers, blank cells)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache, partial
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
