"""The import history: every import with what it became and what it left out; remove one
(undoable, as the import was) or import its file again with another mapping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.records import ImportBatch
from roidesk.storage import Workspace
from roidesk.ui.text import tr


def kind_text(kind: str) -> str:
    """What was imported, in words: ``export:Facebook`` → ``Facebook export``."""
    if kind.startswith("export:"):
        platform = kind.split(":", 1)[1]
        return tr("export") if platform == "unknown" else tr("{} export").format(platform)
    return tr("workspace workbook") if kind == "workbook" else kind


def when_text(stamp: str) -> str:
    """An import's time as the user's clock reads it (``2026-11-03 14:05``)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def _plain_count(value: int) -> str:
    return f"{value:,}"


def became_text(results: int, costs: int, count: Callable[[int], str] = _plain_count) -> str:
    """What an import added, in words (``340 results, 12 costs``; ``nothing left``)."""
    parts = []
    if results:
        parts.append(tr("{} results").format(count(results)) if results != 1 else tr("1 result"))
    if costs:
        parts.append(tr("{} costs").format(count(costs)) if costs != 1 else tr("1 cost"))
    return ", ".join(parts) or tr("nothing (its rows were removed)")


class ImportsPage(QWidget):
    """Imports, newest first: file, when, kind, rows read, what they became, what was left
    out; Remove and Import again act on the selected one."""

    #: Remove this batch (the window does it as an undoable command).
    remove_requested = Signal(object)
    #: Import this batch's file again in the wizard, replacing it.
    reimport_requested = Signal(object)

    COLUMNS = ("File", "Imported", "What", "Rows read", "Became", "Left out")

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        count_text: Callable[[int], str] = _plain_count,
    ) -> None:
        """``count_text`` writes counts the workspace's way."""
        super().__init__(parent)
        self.workspace = workspace
        self.count_text = count_text
        self.batches: list[ImportBatch] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addWidget(QLabel(f"<h2 style='margin:0'>{tr('Imports')}</h2>"))
        hint = QLabel(
            tr(
                "Every file imported into this workspace, what it became and what it left "
                "out. Remove an import to take its results and costs out again (Edit ▸ Undo "
                "brings them back), or import its file again with another mapping."
            )
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5f5f5f;")
        layout.addWidget(hint)
        bar = QHBoxLayout()
        self.remove_button = QPushButton(tr("Remove Import"))
        self.again_button = QPushButton(tr("Import Again with Another Mapping…"))
        self.remove_button.clicked.connect(self._remove)
        self.again_button.clicked.connect(self._again)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.again_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.empty = QLabel(tr("Nothing imported yet: File ▸ Import… brings in a platform export."))
        self.empty.setStyleSheet("color: #5f5f5f; padding: 6px 0;")
        layout.addWidget(self.empty)
        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(title) for title in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        layout.addWidget(self.table, 1)
        layout.addStretch(0)
        self.refresh()

    def refresh(self) -> None:
        """Read the imports again (after an import, a removal, an undo)."""
        self.batches = list(reversed(self.workspace.import_batches()))
        contents = self.workspace.batch_contents()
        self.table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            results, costs = contents.get(batch.id or 0, (0, 0))
            cells = (
                batch.source,
                when_text(batch.imported_at),
                kind_text(batch.kind),
                self.count_text(batch.rows),
                became_text(results, costs, self.count_text),
                batch.left_out or tr("nothing"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if column == 3:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for column in range(len(self.COLUMNS) - 1):
            header.resizeSection(column, min(header.sectionSize(column), 320))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.empty.setVisible(not self.batches)
        self.table.setVisible(bool(self.batches))
        self._selection_changed()

    def selected(self) -> ImportBatch | None:
        """The import of the selected row."""
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.batches[min(rows)] if rows else None

    def select_row(self, row: int) -> None:
        """Select an import by its row (newest first)."""
        self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.remove_button.setEnabled(chosen)
        self.again_button.setEnabled(chosen)

    def _remove(self) -> None:
        batch = self.selected()
        if batch is not None:
            self.remove_requested.emit(batch)

    def _again(self) -> None:
        batch = self.selected()
        if batch is not None:
            self.reimport_requested.emit(batch)
