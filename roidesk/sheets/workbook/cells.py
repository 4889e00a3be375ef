"""A workspace workbook read: its contract sheets, and typed access to each row's cells.

Cells are read by the one parser (:mod:`roidesk.core.parsing`); every bad cell becomes a
:class:`~roidesk.core.problems.Problem` naming file, sheet, row, column and reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from roidesk.core import parsing
from roidesk.core.problems import Problem
from roidesk.core.text import describe_unwritable
from roidesk.sheets import contract as c


@dataclass
class SheetRows:
    """One sheet's header-mapped rows, with the Excel row number of each."""

    name: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def read_contract_sheets(path: Path) -> dict[str, SheetRows] | None:
    """The contract sheets found in a workbook, or ``None`` when it has none of them."""
    from roidesk.sheets.exports import untrusted  # checked, read in a limited child

    wanted = {s: c.canonical_name(s, list(c.COLUMNS)) for s in untrusted.sheet_names(path)}
    found: dict[str, SheetRows] = {}
    for sheet in untrusted.read_workbook(path, only=[s for s, name in wanted.items() if name]):
        name = wanted[sheet.name] or ""
        found[name] = _map_rows(name, sheet.name, sheet.rows)
    return found or None


def _map_rows(name: str, sheet_name: str, values: list[list[Any]]) -> SheetRows:
    result = SheetRows(sheet_name)
    if not values:
        return result
    columns: dict[int, str] = {}
    for index, text in enumerate(values[0]):
        column = c.canonical_name(text, c.COLUMNS[name])
        if column is not None and column not in columns.values():
            columns[index] = column
    for offset, row in enumerate(values[1:], start=2):
        cells = {col: row[i] if i < len(row) else None for i, col in columns.items()}
        cells = {k: (None if v == "" else v) for k, v in cells.items()}
        if any(v is not None for v in cells.values()):
            result.rows.append((offset, cells))
    return result


def plain(number: Decimal) -> str:
    """A number as the user wrote it, without exponent or trailing zeros."""
    return format(number.normalize(), "f")


class Cells:
    """Typed access to one row's cells; every bad cell becomes a Problem."""

    def __init__(self, file: str, sheet: str, row: int, cells: dict[str, Any]) -> None:
        self.file, self.sheet, self.row, self.cells = file, sheet, row, cells
        self.problems: list[Problem] = []

    def problem(self, column: str, reason: str) -> None:
        """Note what is wrong with this row's cell in ``column``."""
        self.problems.append(Problem(reason, self.file, self.sheet, self.row, column))

    def refused(self, column: str) -> bool:
        """True when this row's cell in ``column`` has a problem already."""
        return any(p.column == column for p in self.problems)

    def text(self, column: str) -> str | None:
        """The cell as trimmed text (None when empty); text no workbook can hold is a problem."""
        value = self.cells.get(column)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = " ".join(str(value).split()) if not isinstance(value, str) else value.strip()
        unwritable = describe_unwritable(text)
        if unwritable is not None:
            self.problem(column, unwritable)
        return text or None

    def required_text(self, column: str) -> str | None:
        """:meth:`text`, and a problem when the cell is empty."""
        text = self.text(column)
        if text is None:
            self.problem(column, "is empty; a value is required")
        return text

    def date(self, column: str, required: bool = False) -> date | None:
        """The cell as a date (an Excel date, ISO or day-first text)."""
        value = self.cells.get(column)
        if value is None:
            if required:
                self.problem(column, "is empty; a date is required")
            return None
        try:
            return parsing.parse_date(value, "dmy")
        except parsing.CellError as error:
            self.problem(column, f"{error} (use an Excel date or YYYY-MM-DD)")
            return None

    def _parsed(self, column: str, parse: Callable[[Any, str], Any]) -> Any:
        value = self.cells.get(column)
        if value is None:
            return None
        mark = parsing.typed_decimal_mark(value) if isinstance(value, str) else "."
        try:
            return parse(value, mark)
        except parsing.CellError as error:
            self.problem(column, str(error))
            return None

    def decimal(self, column: str, *, minimum: Decimal | None = None) -> Decimal | None:
        """The cell as an exact number, at least ``minimum`` when given."""
        number: Decimal | None = self._parsed(column, parsing.parse_decimal)
        if number is not None and minimum is not None and number < minimum:
            self.problem(column, f"{plain(number)} is below {plain(minimum)}")
            return None
        return number

    def money(self, column: str) -> Decimal | None:
        """The cell as money (four places, rounded half-up; also hours and rates)."""
        money: Decimal | None = self._parsed(column, parsing.parse_money)
        return money

    def count(self, column: str) -> int | None:
        """The cell as a whole number of 0 or more."""
        number = self.decimal(column)
        if number is None:
            return None
        if number != number.to_integral_value() or number < 0:
            self.problem(column, f"{plain(number)} is not a whole number of 0 or more")
            return None
        return int(number)

    def choice(self, column: str, choices: dict[str, Any], required: bool = False) -> Any:
        """The choice the cell names (case-insensitive), a problem when it names none."""
        text = self.text(column)
        if text is None:
            if required:
                self.problem(column, "is empty; a value is required")
            return None
        found = choices.get(text.casefold())
        if found is None:
            allowed = ", ".join(sorted({str(k) for k in choices if k}))
            self.problem(column, f"{text!r} is not one of: {allowed}")
        return found


def choice_map(values: Iterable[Any], labels: Callable[[Any], Iterable[str]]) -> dict[str, Any]:
    """Each of ``values`` under each of its labels, casefolded."""
    mapping: dict[str, Any] = {}
    for value in values:
        for label in labels(value):
            mapping[label.casefold()] = value
    return mapping
