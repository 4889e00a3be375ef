"""The Results editor's model: a window over millions of rows, never all of them at once.

``rowCount`` is ``Workspace.result_count(filter)``; rows are read in pages of
:data:`PAGE_SIZE` with ``Workspace.results(offset, limit, where, order_by)`` when a view asks
for them, and only the last :data:`PAGES_KEPT` pages stay in memory. Sorting and filtering
happen in SQL (``order_by`` and :class:`ResultFilter`), so no proxy model walks the rows.
``rows_fetched`` counts every row read, for tests and the benchmark.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from roidesk.core.records import Result
from roidesk.storage import ResultFilter, Workspace
from roidesk.ui.parsing import plain_decimal
from roidesk.ui.record_model import Column, ModelIndex, RecordStore, RecordTableModel

PAGE_SIZE = 200
PAGES_KEPT = 50


class ResultsTableModel(RecordTableModel):
    """Result rows of a workspace, paged from SQLite on demand."""

    def __init__(
        self,
        workspace: Workspace,
        store: RecordStore,
        columns: Sequence[Column],
        undo_stack: QUndoStack,
        currency: Callable[[], str] = lambda: "EUR",
        money_text: Callable[[Decimal], str] = plain_decimal,
        parent: Any = None,
        count_text: Callable[[int], str] | None = None,
        decimal_text: Callable[[Decimal], str] = plain_decimal,
    ) -> None:
        self.workspace = workspace
        self.result_filter = ResultFilter()
        self.order_by = "id"
        self.descending = False
        self._count = 0
        self._pages: OrderedDict[int, list[Result]] = OrderedDict()
        self.rows_fetched = 0
        #: False until the rows are first counted (when the Results page is first shown), so
        #: opening a big workspace does not wait for ``count(*)`` over every row.
        self.counted = False
        self._constructing = True
        super().__init__(
            store,
            columns,
            undo_stack,
            currency,
            money_text,
            parent,
            decimal_text,
            count_text=count_text,
        )
        self._constructing = False

    # ------------------------------------------------------------------ paging
    def reload(self) -> None:
        """Count the matching rows again and forget every cached page."""
        if self._constructing:
            return
        self.counted = True
        self.beginResetModel()
        self._pages.clear()
        self.invalid.clear()
        self._count = self.workspace.result_count(self.result_filter)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        """How many rows match the filter (counted in SQL)."""
        return 0 if parent.isValid() else self._count

    def record_at(self, row: int) -> Result:
        """The result in a row, reading its page when it is not cached."""
        number, position = divmod(row, PAGE_SIZE)
        page = self._pages.get(number)
        if page is None:
            page = self.workspace.results(
                offset=number * PAGE_SIZE,
                limit=PAGE_SIZE,
                where=self.result_filter,
                order_by=self.order_by,
                descending=self.descending,
            )
            self.rows_fetched += len(page)
            self._pages[number] = page
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page[position]

    @property
    def cached_rows(self) -> int:
        """How many rows are in memory now."""
        return sum(len(page) for page in self._pages.values())

    def set_filter(self, result_filter: ResultFilter) -> None:
        """Show only the rows matching the filter."""
        self.result_filter = result_filter
        self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL by a column."""
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self.order_by = self.columns[column].key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self._pages.clear()
        self.layoutChanged.emit()

    # ------------------------------------------------------------------ RecordSink
    def row_of(self, record_id: Any) -> int:
        """The cached row of a record, or -1 (rows outside the cache are not searched)."""
        for number, page in self._pages.items():
            for position, record in enumerate(page):
                if record.id == record_id:
                    return number * PAGE_SIZE + position
        return -1

    def write_update(self, record: Any) -> None:
        """Store a changed row and repaint it."""
        self.store.update(record)
        row = self.row_of(record.id)
        if row >= 0:
            number, position = divmod(row, PAGE_SIZE)
            self._pages[number][position] = record
            for column in self.columns:
                self.invalid.pop((record.id, column.key), None)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        self.records_changed.emit()

    def write_inserts(self, records: Sequence[Any]) -> list[Any]:
        """Store new rows; the window is read again."""
        with self.store.transaction():
            stored = [self.store.add(record) for record in records]
        self.reload()
        self.records_changed.emit()
        return stored

    def write_deletes(self, records: Sequence[Any]) -> None:
        """Delete rows in one statement; the window is read again."""
        self.workspace.delete_results([record.id for record in records])
        self.reload()
        self.records_changed.emit()
