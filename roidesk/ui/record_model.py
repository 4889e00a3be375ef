"""One editable table model per editor, adapting a Workspace repository to Qt (STYLE item 4).

A :class:`RecordTableModel` holds the records of one table (campaigns, costs, …: hundreds or
thousands at most) and a list of :class:`Column` that say how each field is shown, edited and
parsed. Edits never write directly: ``setData`` validates and pushes an undo command, and the
command calls back ``write_update`` / ``write_inserts`` / ``write_deletes``, which write through
the Workspace and tell the views. A value that does not parse or breaks a rule is kept in the
cell, painted red with the reason as tooltip, and reported once by ``problem`` (the status bar):
never a dialog.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QUndoStack

from roidesk.core.money import format_percent
from roidesk.core.text import describe_unwritable
from roidesk.storage import WorkspaceError
from roidesk.ui.commands import (
    AddRecordsCommand,
    DeleteRecordsCommand,
    EditRecordCommand,
    PasteCommand,
)
from roidesk.ui.parsing import ParseError, parse_count, parse_date, parse_decimal, plain_decimal
from roidesk.ui.text import tr

#: Role carrying a value's sort key (numbers sort as numbers, dates as dates).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role carrying a column's :class:`ColumnKind` (the delegate picks its editor by it).
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
#: Role carrying a choice column's options as ``[(label, value), …]``.
CHOICES_ROLE = Qt.ItemDataRole.UserRole + 3
#: Role carrying the cell as text a paste reads back (what Copy puts on the clipboard).
PLAIN_ROLE = Qt.ItemDataRole.UserRole + 4

ModelIndex = QModelIndex | QPersistentModelIndex
INVALID_BRUSH = QBrush(QColor("#f8d0d0"))
COMPUTED_BRUSH = QBrush(QColor("#f1f3f6"))


class ColumnKind(Enum):
    """How a column's value is shown and edited."""

    TEXT = "text"
    MONEY = "money"
    DECIMAL = "decimal"
    COUNT = "count"
    DATE = "date"
    CHOICE = "choice"
    PLATFORMS = "platforms"
    COMPUTED = "computed"


Choices = Callable[[], list[tuple[str, Any]]]


@dataclass(frozen=True)
class Column:
    """One column of an editor: a record field (or a computed value) and how to edit it."""

    key: str
    title: str
    kind: ColumnKind
    choices: Choices | None = None
    required: bool = False
    compute: Callable[[Any], str] | None = None
    tooltip: str = ""
    #: For a DECIMAL column whose unit depends on the row (a goal's baseline and target
    #: follow its KPI): ``money``, ``percent`` (shown, typed and pasted in %, stored as a
    #: fraction) or anything else for a plain number.
    unit: Callable[[Any], str] | None = None
    #: What an empty cell shows, for its row (a valuation's empty "Applies to" shows its
    #: metric's default, e.g. "organic (default)"); copies still copy it as empty.
    empty: Callable[[Any], str] | None = None

    @property
    def editable(self) -> bool:
        """Computed columns are read-only."""
        return self.kind is not ColumnKind.COMPUTED


@dataclass
class RecordStore:
    """The repository methods of one table, and what a new row looks like."""

    noun: str
    load: Callable[[], list[Any]]
    add: Callable[[Any], Any]
    update: Callable[[Any], None]
    delete: Callable[[Any], None]
    new_record: Callable[[], Any]
    validate: Callable[[Any], list[tuple[str, str]]]
    transaction: Callable[[], AbstractContextManager[Any]] = nullcontext


class RecordTableModel(QAbstractTableModel):
    """An editable table of one kind of record, writing through undo commands."""

    #: A value was refused (the message names the problem), or a write failed.
    problem = Signal(str)
    #: Records were written (anything that shows figures should refresh).
    records_changed = Signal()

    def __init__(
        self,
        store: RecordStore,
        columns: Sequence[Column],
        undo_stack: QUndoStack,
        currency: Callable[[], str] = lambda: "EUR",
        money_text: Callable[[Decimal], str] = plain_decimal,
        parent: Any = None,
        decimal_text: Callable[[Decimal], str] = plain_decimal,
        percent_text: Callable[[Decimal], str] = format_percent,
        count_text: Callable[[int], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.columns = list(columns)
        self.undo_stack = undo_stack
        self.currency = currency
        #: How money and other numbers (hours, goal targets) show: the workspace's way.
        self.money_text = money_text
        self.decimal_text = decimal_text
        self.percent_text = percent_text
        self.count_text = count_text or (lambda value: f"{value:,}".replace(",", "\u202f"))
        #: how a typed date that is not ISO is read: ``"dmy"`` or ``"mdy"`` (the workspace's)
        self.date_order: Callable[[], str] = lambda: "dmy"
        self.records: list[Any] = []
        #: (record id, column key) → (text the user typed, why it was refused)
        self.invalid: dict[tuple[Any, str], tuple[str, str]] = {}
        #: The workspace cannot be changed: no cell opens an editor.
        self.read_only = False
        self.reload()

    # ------------------------------------------------------------------ reading
    def reload(self) -> None:
        """Read every record again from the workspace."""
        self.beginResetModel()
        self.records = list(self.store.load())
        self.invalid.clear()
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of records."""
        return 0 if parent.isValid() else len(self.records)

    def record_at(self, row: int) -> Any:
        """The record shown in a row."""
        return self.records[row]

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles (and tooltips); row numbers."""
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
                return column.tooltip
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        """Every field is editable except computed columns (none in a read-only workspace)."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].editable and not self.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Display text, editor value, sort key, red background and tooltip for invalid cells."""
        if not index.isValid() or not (0 <= index.row() < self.rowCount()):
            return None
        record = self.record_at(index.row())
        column = self.columns[index.column()]
        refused = self.invalid.get((record.id, column.key))
        if role == Qt.ItemDataRole.DisplayRole:
            return refused[0] if refused else self.display_text(record, column)
        if role == Qt.ItemDataRole.EditRole:
            return self.edit_value(record, column)
        if role == PLAIN_ROLE:
            return self.plain_text(record, column)
        if role == SORT_ROLE:
            return self.sort_key(record, column)
        if role == Qt.ItemDataRole.BackgroundRole:
            if refused:
                return INVALID_BRUSH
            return COMPUTED_BRUSH if not column.editable else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return refused[1] if refused else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in (
            ColumnKind.MONEY,
            ColumnKind.DECIMAL,
            ColumnKind.COUNT,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == KIND_ROLE:
            return column.kind
        if role == CHOICES_ROLE and column.choices is not None:
            return column.choices()
        return None

    def value(self, record: Any, column: Column) -> Any:
        """The field's stored value."""
        return getattr(record, column.key)

    def display_text(self, record: Any, column: Column) -> str:
        """What the cell shows."""
        if column.compute is not None:
            return column.compute(record)
        value = self.value(record, column)
        if value is None:
            return column.empty(record) if column.empty is not None else ""
        unit = self.unit_of(record, column)
        if column.kind is ColumnKind.MONEY or unit == "money":
            return self.money_text(value)
        if unit == "percent":
            return self.percent_text(value)
        if column.kind is ColumnKind.CHOICE and column.choices is not None:
            for label, choice in column.choices():
                if choice == value:
                    return label
            return str(value)
        if column.kind is ColumnKind.PLATFORMS:
            return ", ".join(value)
        if column.kind is ColumnKind.COUNT:
            return self.count_text(value)
        if isinstance(value, Decimal):
            return self.decimal_text(value)
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    def edit_value(self, record: Any, column: Column) -> Any:
        """The value an editor starts from: the choice value, else text written as the cell
        shows it (ISO dates; numbers in the workspace's decimal mark, every stored digit, so
        accepting the editor unchanged keeps the value exactly)."""
        value = self.value(record, column) if column.compute is None else None
        if column.kind is ColumnKind.CHOICE:
            return value
        if value is None or column.kind in (ColumnKind.DATE, ColumnKind.PLATFORMS):
            return self.plain_text(record, column)
        if self.unit_of(record, column) == "percent":
            return self.decimal_text((value * 100).normalize()) + "%"
        if isinstance(value, Decimal):
            return self.decimal_text(value)
        return self.plain_text(record, column)

    def plain_text(self, record: Any, column: Column) -> str:
        """The value as text a paste can read back (copies use it: numbers without symbols)."""
        if column.compute is not None:
            return column.compute(record)
        value = self.value(record, column)
        if value is None:
            return ""
        if column.kind is ColumnKind.CHOICE or column.kind is ColumnKind.PLATFORMS:
            return self.display_text(record, column)
        if self.unit_of(record, column) == "percent":
            return f"{plain_decimal((value * 100).normalize())}%"  # as Excel reads a paste
        if isinstance(value, Decimal):
            return plain_decimal(value)
        if isinstance(value, date):
            return value.isoformat()
        return str(value)

    @staticmethod
    def unit_of(record: Any, column: Column) -> str | None:
        """The unit of a column whose unit follows the row (see :attr:`Column.unit`)."""
        return column.unit(record) if column.unit is not None else None

    def sort_key(self, record: Any, column: Column) -> Any:
        """Numbers as numbers, dates as ISO text, everything else as folded text."""
        if column.compute is None and column.kind in (
            ColumnKind.MONEY,
            ColumnKind.DECIMAL,
            ColumnKind.COUNT,
        ):
            value = self.value(record, column)
            return float(value) if value is not None else float("-inf")
        return self.display_text(record, column).casefold()

    # ------------------------------------------------------------------ parsing
    def parse(self, column: Column, value: Any, record: Any = None) -> Any:
        """The field value for what an editor or a paste gives into ``record``'s cell;
        raises ParseError."""
        if column.kind is ColumnKind.DATE:
            return _parse_date_value(value, self.date_order())
        text = "" if value is None else str(value)
        if _shows_empty(column, record, text):
            return None  # what an empty cell shows ("organic (default)"), typed back
        if column.kind is ColumnKind.CHOICE:
            return _parse_choice(column, value)
        if column.kind in (ColumnKind.MONEY, ColumnKind.DECIMAL):
            number = parse_decimal(text)
            if (
                number is not None
                and record is not None
                and self.unit_of(record, column) == "percent"
            ):
                return number / 100  # typed as shown: "1.5" and "1,5 %" are 1.5 %
            return number
        if column.kind is ColumnKind.COUNT:
            return parse_count(text)
        if column.kind is ColumnKind.PLATFORMS:
            from roidesk.core.records import canonical_platform

            names = (canonical_platform(part) for part in text.split(","))
            return tuple(dict.fromkeys(name for name in names if name))
        if column.key == "platform":
            from roidesk.core.records import canonical_platform

            return canonical_platform(text)
        return text.strip()

    def check(self, record: Any, column: Column, value: Any) -> tuple[Any, str | None]:
        """The record with ``value`` set, and why it is refused (``None`` when it is fine)."""
        try:
            parsed = self.parse(column, value, record)
        except ParseError as error:
            return record, str(error)
        if column.required and parsed in (None, "", ()):
            return record, tr("{title} must be given").format(title=column.title)
        if isinstance(parsed, str) and (unwritable := describe_unwritable(parsed)):
            return record, unwritable
        updated = replace(record, **{column.key: parsed})
        for key, message in self.store.validate(updated):
            if key == column.key or key == "*":
                return updated, message
        return updated, None

    # ------------------------------------------------------------------ editing
    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Validate the value and push an undo command that writes it."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        column = self.columns[index.column()]
        if not column.editable:
            return False
        record = self.record_at(index.row())
        updated, message = self.check(record, column, value)
        cell = (record.id, column.key)
        if message is not None:
            text = value.toString("yyyy-MM-dd") if isinstance(value, QDate) else str(value or "")
            self.invalid[cell] = (text, message)
            self.dataChanged.emit(index, index)
            self.problem.emit(message)
            return False
        was_invalid = self.invalid.pop(cell, None) is not None
        if updated == record:
            if was_invalid:
                self.dataChanged.emit(index, index)
            return True
        text = tr("Edit {noun} {column}").format(noun=self.store.noun, column=column.title)
        self.undo_stack.push(EditRecordCommand(self, record, updated, text))
        return True

    def add_record(self, record: Any | None = None) -> int:
        """Add a new row (an undoable command); returns its row number."""
        if record is None:
            try:
                record = self.store.new_record()
            except WorkspaceError as error:
                self.problem.emit(str(error))
                return -1
        text = tr("Add {noun}").format(noun=self.store.noun)
        self.undo_stack.push(AddRecordsCommand(self, [record], text))
        return self.rowCount() - 1

    def delete_rows(self, rows: Sequence[int]) -> None:
        """Delete rows (one undoable command)."""
        count = self.rowCount()
        records = [self.record_at(row) for row in sorted(set(rows)) if 0 <= row < count]
        if records:
            text = tr("Delete {count} {noun} row(s)").format(
                count=len(records), noun=self.store.noun
            )
            self.undo_stack.push(DeleteRecordsCommand(self, records, text))

    def paste_block(
        self, rows: Sequence[int | None], left: int, block: Sequence[Sequence[str]]
    ) -> bool:
        """Paste tab-separated cells into ``rows`` (``None``: a new row) from column ``left``.

        All or nothing: the first refused cell is reported and nothing changes.
        """
        editable = [c for c in self.columns[left:] if c.editable]
        updates: list[tuple[Any, Any]] = []
        adds: list[Any] = []
        count = self.rowCount()
        for offset, cells in enumerate(block):
            target = rows[offset] if offset < len(rows) else None
            row = target if target is not None else count + len(adds)
            try:
                original = self.record_at(row) if row < count else self.store.new_record()
            except WorkspaceError as error:
                self.problem.emit(str(error))
                return False
            record = original
            for column, text in zip(editable, cells, strict=False):
                record, message = self.check(record, column, text)
                if message is not None:
                    self.problem.emit(
                        tr("Paste refused: row {row}, {column}: {message}").format(
                            row=row + 1, column=column.title, message=message
                        )
                    )
                    return False
            for key, message in self.store.validate(record):
                self.problem.emit(
                    tr("Paste refused: row {row}: {message}").format(
                        row=row + 1, message=f"{key}: {message}" if key != "*" else message
                    )
                )
                return False
            if row < count:
                if record != original:
                    updates.append((original, record))
            else:
                adds.append(record)
        if not updates and not adds:
            return True
        text = tr("Paste {count} row(s)").format(count=len(block))
        self.undo_stack.push(PasteCommand(self, updates, adds, text))
        return True

    # ------------------------------------------------------------------ RecordSink
    def row_of(self, record_id: Any) -> int:
        """The row showing the record with this id, or -1."""
        for row, record in enumerate(self.records):
            if record.id == record_id:
                return row
        return -1

    def write_update(self, record: Any) -> None:
        """Store a changed record and repaint its row."""
        self.store.update(record)
        row = self.row_of(record.id)
        if row >= 0:
            self.records[row] = record
            for column in self.columns:
                self.invalid.pop((record.id, column.key), None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.records_changed.emit()

    def write_inserts(self, records: Sequence[Any]) -> list[Any]:
        """Store new records (keeping ids they already have) and append their rows."""
        with self.store.transaction():
            stored = [self.store.add(record) for record in records]
        first = len(self.records)
        self.beginInsertRows(QModelIndex(), first, first + len(stored) - 1)
        self.records.extend(stored)
        self.endInsertRows()
        self.records_changed.emit()
        return stored

    def write_deletes(self, records: Sequence[Any]) -> None:
        """Delete records and remove their rows."""
        with self.store.transaction():
            for record in records:
                self.store.delete(record)
        for record in records:
            row = self.row_of(record.id)
            if row >= 0:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.records[row]
                self.endRemoveRows()
        self.records_changed.emit()

    def report_problem(self, message: str) -> None:
        """Tell the window (status bar) why a command could not be carried out."""
        self.problem.emit(message)


def _parse_date_value(value: Any, order: str = "dmy") -> date | None:
    """A date cell's value from a calendar (QDate), a date, or typed text (ISO, or in the
    workspace's day/month ``order``)."""
    if isinstance(value, QDate):
        return date(value.year(), value.month(), value.day()) if value.isValid() else None
    if isinstance(value, date):
        return value
    return parse_date(str(value or ""), order)


def _shows_empty(column: Column, record: Any, text: str) -> bool:
    """True when ``text`` is what the column shows for an empty cell of ``record``."""
    if column.empty is None or record is None or not text.strip():
        return False
    return text.strip().casefold() == column.empty(record).strip().casefold()


def _parse_choice(column: Column, value: Any) -> Any:
    """The option a choice cell's value names (by itself, its label or its text)."""
    options = column.choices() if column.choices else []
    for _label, choice in options:
        if value is not None and choice == value:
            return choice  # the option itself (a StrEnum member, not its text)
    text = "" if value is None else str(value).strip()
    for label, choice in options:
        if text.casefold() in (label.casefold(), str(choice).casefold()):
            return choice
    if not text:
        return None
    labels = ", ".join(label for label, _ in options if label)
    raise ParseError(tr("“{text}” is not one of: {labels}").format(text=text, labels=labels))
