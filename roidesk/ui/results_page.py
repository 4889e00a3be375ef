"""The Results editor: the paged result rows with filters by period, campaign and platform."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from roidesk.storage import ResultFilter
from roidesk.ui.delegates import fit_popup
from roidesk.ui.editor_specs import EditorContext
from roidesk.ui.editors import INVALID_STYLE, TablePage
from roidesk.ui.parsing import ParseError, parse_date
from roidesk.ui.results_model import ResultsTableModel
from roidesk.ui.text import tr


class ResultsPage(TablePage):
    """Results: a filter bar (period, campaign, platform) over a model paged from SQL."""

    model: ResultsTableModel

    def __init__(
        self, model: ResultsTableModel, ctx: EditorContext, parent: QWidget | None = None
    ) -> None:
        self.ctx = ctx
        super().__init__(
            tr("Results"),
            tr(
                "Activity data, mostly imported. Rows are read from the file as you scroll; "
                "sorting and filtering run in the database."
            ),
            model,
            parent,
        )
        self.find_box.hide()
        self.from_box = QLineEdit()
        self.from_box.setPlaceholderText(tr("from (date)"))
        self.to_box = QLineEdit()
        self.to_box.setPlaceholderText(tr("to (date)"))
        self.campaign_box = QComboBox()
        self.platform_box = QComboBox()
        self.count_label = QLabel()
        for box in (self.from_box, self.to_box):
            box.setMaximumWidth(110)
            box.editingFinished.connect(self.apply_filter)
        for combo in (self.campaign_box, self.platform_box):
            # filled after the page is first shown: grow with the names (not "Goo…Ads")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMaximumWidth(260)
        self.campaign_box.currentIndexChanged.connect(self.apply_filter)
        self.platform_box.currentIndexChanged.connect(self.apply_filter)
        position = 3
        for widget in (
            QLabel(tr("Period:")),
            self.from_box,
            self.to_box,
            QLabel(tr("Campaign:")),
            self.campaign_box,
            QLabel(tr("Platform:")),
            self.platform_box,
            self.count_label,
        ):
            self.bar.insertWidget(position, widget)
            position += 1
        self.refresh_choices()
        model.modelReset.connect(self._show_count)
        self._show_count()

    def size_columns(self) -> None:
        """The widths the user last gave the columns, else fixed ones (fitting a million rows
        to their contents would read them)."""
        self._sizing = True
        try:
            for column in range(self.model.columnCount()):
                saved = self._saved_width(column)
                if saved:
                    self.table.setColumnWidth(column, saved)
        finally:
            self._sizing = False

    def showEvent(self, event: Any) -> None:
        """Count the rows the first time the page is shown (not while the window opens)."""
        if not self.model.counted:
            self.model.reload()
        super().showEvent(event)

    def _attach_model(self) -> None:
        self.proxy = None
        self._sized = False  # the first show restores the widths the user gave
        self.table.setModel(self.model)
        # No indicator before sorting is switched on: the rows stay in file order (by id).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        widths = {0: 96, 1: 170, 2: 96, 3: 96}
        metrics = self.table.horizontalHeader().fontMetrics()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            fitted = metrics.horizontalAdvance(title) + 28
            self.table.setColumnWidth(column, max(widths.get(column, 92), fitted))

    def refresh_choices(self) -> None:
        """Offer the workspace's campaigns and platforms in the filter."""
        for box, items in (
            (self.campaign_box, self.ctx.campaign_choices()[1:]),
            (self.platform_box, [(p, p) for p in self._platforms()]),
        ):
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(tr("All"), None)
            for label, value in items:
                box.addItem(label, value)
            box.setCurrentIndex(max(box.findData(current), 0))
            fit_popup(box)
            box.blockSignals(False)

    def _platforms(self) -> list[str]:
        names: set[str] = set()
        for campaign in self.ctx.workspace.campaigns():
            names.update(campaign.platforms)
        return sorted(names)

    def apply_filter(self) -> None:
        """Read the filter bar and show the matching rows."""
        dates: list[date | None] = []
        for box in (self.from_box, self.to_box):
            try:
                dates.append(parse_date(box.text(), self.model.date_order()))
                box.setStyleSheet("")
                box.setToolTip("")
            except ParseError as error:
                box.setStyleSheet(INVALID_STYLE)
                box.setToolTip(str(error))
                self.problem.emit(str(error))
                return
        campaign = self.campaign_box.currentData()
        self.model.set_filter(
            ResultFilter(
                start=dates[0],
                end=dates[1],
                campaign_ids=[campaign] if campaign is not None else None,
                platform=self.platform_box.currentData(),
            )
        )

    def _show_count(self) -> None:
        self.count_label.setText(tr("{count} rows").format(count=f"{self.model.rowCount():,}"))
