"""Typed cell editors: a line with a calendar for dates, a list for choices, checkboxes for
platforms, and a line edit for money and numbers that reads the user's decimal mark (STYLE
item 4). Every editor starts from the text its cell shows and takes that text back unchanged:
dates are typed whole (``2026-11-01`` or ``1.11.2026``), never section by section."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from roidesk.core.records import KNOWN_PLATFORMS
from roidesk.ui.parsing import ParseError, parse_date
from roidesk.ui.record_model import CHOICES_ROLE, KIND_ROLE, ColumnKind
from roidesk.ui.text import tr

ModelIndex = QModelIndex | QPersistentModelIndex


def known_platforms() -> list[str]:
    """The platform names offered in the Platforms editor."""
    return sorted(set(KNOWN_PLATFORMS.values()))


def fit_popup(combo: QComboBox) -> None:
    """Let a combo box's list be as wide as its longest entry (Qt keeps it as narrow as the
    box and cuts names in the middle: "Goo…Ads")."""
    view = combo.view()
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    widest = view.sizeHintForColumn(0) if combo.count() else 0
    view.setMinimumWidth(widest + view.verticalScrollBar().sizeHint().width() + 8)


class PlatformsEditor(QComboBox):
    """A drop-down list of platforms with a checkbox each; the text is the checked names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.item_model = QStandardItemModel(self)
        self.setModel(self.item_model)
        self.item_model.itemChanged.connect(self._sync_text)

    def set_platforms(self, checked: list[str]) -> None:
        """Offer the known platforms plus any others given, with ``checked`` ticked."""
        self.item_model.clear()
        for name in dict.fromkeys([*known_platforms(), *checked]):
            item = QStandardItem(name)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(
                Qt.CheckState.Checked if name in checked else Qt.CheckState.Unchecked
            )
            self.item_model.appendRow(item)
        self.setEditText(", ".join(checked))
        fit_popup(self)

    def _sync_text(self) -> None:
        names = [
            self.item_model.item(row).text()
            for row in range(self.item_model.rowCount())
            if self.item_model.item(row).checkState() == Qt.CheckState.Checked
        ]
        self.setEditText(", ".join(names))


class DateEditor(QLineEdit):
    """A date typed whole as text (ISO or day-first), with a calendar to pick it instead.

    A ``QDateEdit`` types into one section at a time, so ``2026-11-01`` typed over a
    selected ``2026-03-15`` became 2026-12-11; a line edit keeps what was typed, and the
    model parses it (a text that is not a date is refused in the cell, with the reason).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("2026-03-31")
        self.calendar: QCalendarWidget | None = None
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowDown)
        self.calendar_action = QAction(icon, tr("Pick from a calendar"), self)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)

    def typed_date(self) -> date | None:
        """The date the text names, or None (empty or not a date)."""
        try:
            return parse_date(self.text())
        except ParseError:
            return None

    def show_calendar(self) -> None:
        """Open a calendar below the line on the typed date (today when there is none)."""
        calendar = self.calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        typed = self.typed_date()
        if typed is not None:
            calendar.setSelectedDate(QDate(typed.year, typed.month, typed.day))
        calendar.clicked.connect(self.pick)
        calendar.activated.connect(self.pick)
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()

    def pick(self, day: QDate) -> None:
        """Take a date picked in the calendar."""
        self.setText(day.toString("yyyy-MM-dd"))
        if self.calendar is not None:
            self.calendar.close()
        self.setFocus()


class CellDelegate(QStyledItemDelegate):
    """Picks the editor by the column's kind (``KIND_ROLE``)."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: ModelIndex
    ) -> QWidget:
        """A date edit with a calendar popup, a combo box, or a line edit."""
        kind = index.data(KIND_ROLE)
        if kind is ColumnKind.DATE:
            return DateEditor(parent)
        if kind is ColumnKind.CHOICE:
            combo = QComboBox(parent)
            for label, value in index.data(CHOICES_ROLE) or []:
                combo.addItem(label, value)
            fit_popup(combo)
            return combo
        if kind is ColumnKind.PLATFORMS:
            return PlatformsEditor(parent)
        line = QLineEdit(parent)
        if kind in (ColumnKind.MONEY, ColumnKind.DECIMAL, ColumnKind.COUNT):
            line.setAlignment(Qt.AlignmentFlag.AlignRight)
        return line

    def setEditorData(self, editor: QWidget, index: ModelIndex) -> None:
        """Start the editor from the cell's value."""
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, PlatformsEditor):
            text = str(value or "")
            editor.set_platforms([p.strip() for p in text.split(",") if p.strip()])
        elif isinstance(editor, QComboBox):
            position = editor.findData(value)
            editor.setCurrentIndex(max(position, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: ModelIndex) -> None:
        """Hand the editor's value to the model (which validates and pushes an undo command)."""
        value: Any
        if isinstance(editor, PlatformsEditor):
            value = editor.currentText()
        elif isinstance(editor, QComboBox):
            value = editor.currentData()
            if value is None and editor.currentText():
                value = editor.currentText() if editor.currentIndex() < 0 else None
        elif isinstance(editor, QLineEdit):
            value = editor.text()
        else:
            return
        model.setData(index, value, Qt.ItemDataRole.EditRole)
