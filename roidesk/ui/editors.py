"""An editor page of the main window: a table with Add, Delete and a filter box (the Results,
Valuations and Settings pages have modules of their own), and how the workspace writes numbers.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.money import NumberStyle
from roidesk.core.records import Settings
from roidesk.ui.clipboard import from_tsv, to_tsv
from roidesk.ui.delegates import CellDelegate
from roidesk.ui.record_model import PLAIN_ROLE, SORT_ROLE, Column, ColumnKind, RecordTableModel
from roidesk.ui.text import tr


def system_locale() -> str:
    """The system's locale name (``hu_HU``), or ``""`` where it names none (``C``)."""
    name = QLocale.system().name()
    return "" if name in ("C", "") else name


def numbers_of(settings: Settings) -> NumberStyle:
    """How a workspace with these settings writes numbers: its locale setting, else the
    system's, else its currency's."""
    return NumberStyle(settings.currency, settings.locale or system_locale())


#: Locales that write dates month first (11/01/2026 is the first of November).
MONTH_FIRST_LOCALES = ("en_US", "es_US", "en_PH", "en_CA", "fil_PH")


def date_order_of(settings: Settings) -> str:
    """How a workspace with these settings types dates that are not ISO: ``"mdy"`` where its
    locale (else the system's) writes the month first, else ``"dmy"``."""
    locale = (settings.locale or system_locale()).replace("-", "_")
    return "mdy" if locale.startswith(MONTH_FIRST_LOCALES) else "dmy"


INVALID_STYLE = "background-color: #f8d0d0;"


class TablePage(QWidget):
    """One editor: heading, Add / Delete buttons, a filter box and the table."""

    #: Something was refused or failed; the message is for the status bar.
    problem = Signal(str)

    def __init__(
        self, title: str, hint: str, model: RecordTableModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.title = title
        layout = self.page_layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        heading = QLabel(f"<h2 style='margin:0'>{title}</h2>")
        layout.addWidget(heading)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            # a quiet grey that still reads as text (palette(mid) was near the background)
            note.setStyleSheet("color: #5f5f5f;")
            layout.addWidget(note)
        self.bar = QHBoxLayout()
        self.add_button = QPushButton(tr("Add"))
        self.add_button.clicked.connect(self.add_row)
        self.delete_button = QPushButton(tr("Delete"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.bar.addWidget(self.add_button)
        self.bar.addWidget(self.delete_button)
        self.bar.addStretch(1)
        self.find_box = QLineEdit()
        self.find_box.setPlaceholderText(tr("Filter rows…"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(260)
        self.bar.addWidget(self.find_box)
        layout.addLayout(self.bar)
        self.body = QHBoxLayout()
        self.table = QTableView()
        self.table.setItemDelegate(CellDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.body.addWidget(self.table, 1)
        layout.addLayout(self.body, 1)
        self.proxy: QSortFilterProxyModel | None = None
        #: where the column widths the user sets are kept (the window's QSettings)
        self.width_settings: QSettings | None = None
        self._sizing = False
        self._attach_model()
        model.problem.connect(self.problem)

    def _attach_model(self) -> None:
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.model)
        proxy.setSortRole(SORT_ROLE)
        proxy.setFilterKeyColumn(-1)
        proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy = proxy
        self.find_box.textChanged.connect(proxy.setFilterFixedString)
        self.table.setModel(proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self._sized = False

    def showEvent(self, event: Any) -> None:
        """Size the columns to their contents the first time the page is shown (not at start)."""
        if not self._sized:
            self._sized = True
            self.size_columns()
        super().showEvent(event)

    def remember_widths(self, settings: QSettings) -> None:
        """Keep the column widths the user sets in ``settings`` (and start from them)."""
        self.width_settings = settings
        self.table.horizontalHeader().sectionResized.connect(self._width_changed)

    def _width_key(self, column: int) -> str:
        return f"columns/{self.model.store.noun}/{self.model.columns[column].key}"

    def _width_changed(self, column: int, _old: int, new: int) -> None:
        if self.width_settings is not None and not self._sizing and new > 0:
            self.width_settings.setValue(self._width_key(column), new)

    def size_columns(self) -> None:
        """The widths the user last gave the columns; else wide enough for their title, their
        first rows and a typical value of their kind (an empty new workspace showed dates and
        amounts cut), none wider than 260 pixels."""
        self._sizing = True
        try:
            self.table.resizeColumnsToContents()
            metrics = self.table.fontMetrics()
            for column, spec in enumerate(self.model.columns):
                least = metrics.horizontalAdvance(self.typical_text(spec)) + 28
                width = min(max(self.table.columnWidth(column), least), 260)
                saved = self._saved_width(column)
                self.table.setColumnWidth(column, saved or width)
        finally:
            self._sizing = False

    def _saved_width(self, column: int) -> int:
        if self.width_settings is None:
            return 0
        saved = self.width_settings.value(self._width_key(column), 0)
        try:
            return int(str(saved))
        except ValueError:
            return 0

    def typical_text(self, column: Column) -> str:
        """A value as wide as the column's usually are (what its width must show whole)."""
        if column.kind is ColumnKind.DATE:
            return "2026-12-31"
        if column.kind is ColumnKind.MONEY:
            return self.model.money_text(Decimal("123456.78"))
        if column.kind in (ColumnKind.COUNT, ColumnKind.DECIMAL):
            return "1,234,567"
        if column.kind is ColumnKind.CHOICE and column.choices is not None:
            return max((label for label, _ in column.choices()), key=len, default="")
        if column.kind is ColumnKind.PLATFORMS:
            return "Facebook, Instagram"
        return "A name of some length"

    # ------------------------------------------------------------------ index mapping
    def source_index(self, index: QModelIndex) -> QModelIndex:
        """The model index behind a view index."""
        return self.proxy.mapToSource(index) if self.proxy is not None else index

    def view_index(self, row: int, column: int) -> QModelIndex:
        """The view index showing a model cell."""
        index = self.model.index(row, column)
        return self.proxy.mapFromSource(index) if self.proxy is not None else index

    # ------------------------------------------------------------------ actions
    def add_row(self) -> None:
        """Add a new row and put the cursor on it."""
        row = self.model.add_record()
        if row < 0:
            return
        index = self.view_index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()

    def selected_rows(self) -> list[int]:
        """Model rows with a selected cell (or the current cell)."""
        indexes = self.table.selectionModel().selectedIndexes() or [self.table.currentIndex()]
        return sorted({self.source_index(i).row() for i in indexes if i.isValid()})

    def delete_selected(self) -> None:
        """Delete the rows with a selected cell (one undoable step)."""
        rows = self.selected_rows()
        if rows:
            self.model.delete_rows(rows)

    def copy_text(self) -> str:
        """The selected cells as tab-separated text (the bounding block of the selection)."""
        indexes = self.table.selectionModel().selectedIndexes()
        if not indexes:
            current = self.table.currentIndex()
            indexes = [current] if current.isValid() else []
        if not indexes:
            return ""
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        view_model = self.table.model()
        block = [
            [str(view_model.index(row, column).data(PLAIN_ROLE) or "") for column in columns]
            for row in range(rows[0], rows[-1] + 1)
        ]
        return to_tsv(block)

    def paste_text(self, text: str) -> bool:
        """Paste a tab-separated block at the current cell (rows beyond the end are added)."""
        block = from_tsv(text)
        if not block:
            return False
        current = self.table.currentIndex()
        view_model = self.table.model()
        top = current.row() if current.isValid() else view_model.rowCount()
        left = current.column() if current.isValid() else 0
        targets: list[int | None] = []
        for offset in range(len(block)):
            view_row = top + offset
            if view_row < view_model.rowCount():
                targets.append(self.source_index(view_model.index(view_row, left)).row())
            else:
                targets.append(None)
        return self.model.paste_block(targets, left, block)

    def clear_selected_cells(self) -> None:
        """Empty the selected editable cells (one undoable step)."""
        indexes = [self.source_index(i) for i in self.table.selectionModel().selectedIndexes()]
        if not indexes:
            return
        stack = self.model.undo_stack
        stack.beginMacro(tr("Clear cells"))
        try:
            for index in indexes:
                if self.model.flags(index) & Qt.ItemFlag.ItemIsEditable:
                    self.model.setData(index, "")
        finally:
            stack.endMacro()

    def focus_find(self) -> None:
        """Put the cursor in the filter box."""
        self.find_box.setFocus()
        self.find_box.selectAll()

    def select_cell(self, row: int, column: int) -> None:
        """Make a model cell the current one (tests and Find use it)."""
        index = self.view_index(row, column)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )


class GoalsPage(TablePage):
    """Goals with their progress and pace (from the engine) beside each row."""
