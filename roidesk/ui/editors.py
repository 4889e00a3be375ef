"""The editor pages of the main window: a table with Add, Delete and a filter box, plus the
extras some editors need (the Results filter bar, the Valuations suggestions, the Settings form).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.money import NumberStyle
from roidesk.core.records import SALE_METRICS, Settings, Valuation
from roidesk.storage import ResultFilter, Workspace
from roidesk.ui.clipboard import from_tsv, to_tsv
from roidesk.ui.delegates import CellDelegate
from roidesk.ui.editor_specs import EditorContext, metric_labels
from roidesk.ui.parsing import ParseError, parse_date, parse_decimal, plain_decimal
from roidesk.ui.record_model import PLAIN_ROLE, SORT_ROLE, RecordTableModel
from roidesk.ui.results_model import ResultsTableModel
from roidesk.ui.text import tr


def system_locale() -> str:
    """The system's locale name (``hu_HU``), or ``""`` where it names none (``C``)."""
    name = QLocale.system().name()
    return "" if name in ("C", "") else name


def numbers_of(settings: Settings) -> NumberStyle:
    """How a workspace with these settings writes numbers: its locale setting, else the
    system's, else its currency's."""
    return NumberStyle(settings.currency, settings.locale or system_locale())


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
            note.setStyleSheet("color: palette(mid);")
            note.setForegroundRole(note.foregroundRole())
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

    def size_columns(self) -> None:
        """Fit columns to their titles and first rows, none wider than 260 pixels."""
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            if self.table.columnWidth(column) > 260:
                self.table.setColumnWidth(column, 260)

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
        """Fixed widths: fitting a million rows to contents would read them."""

    def showEvent(self, event: Any) -> None:
        """Count the rows the first time the page is shown (not while the window opens)."""
        if not self.model.counted:
            self.model.reload()
        super().showEvent(event)

    def _attach_model(self) -> None:
        self.proxy = None
        self._sized = True
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
                dates.append(parse_date(box.text()))
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


class GoalsPage(TablePage):
    """Goals with their progress and pace (from the engine) beside each row."""


class ValuationsPage(TablePage):
    """Valuations with the engine's suggested values beside them and the double-count warning."""

    def __init__(
        self,
        model: RecordTableModel,
        ctx: EditorContext,
        money_text: Callable[[Decimal], str],
        parent: QWidget | None = None,
        count_text: Callable[[int], str] = lambda value: f"{value:,}",
    ) -> None:
        self.ctx = ctx
        self.money_text = money_text
        self.count_text = count_text
        super().__init__(
            tr("Valuations"),
            tr(
                "What one lead, follower, click… is worth to you. A platform's own value beats "
                "a general one; among equals the newest in force wins."
            ),
            model,
            parent,
        )
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(
            "background:#fff3cd; color:#664d03; border:1px solid #ffe69c; padding:6px;"
        )
        self.warning.hide()
        self.page_layout.insertWidget(2, self.warning)
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMinimumWidth(320)
        panel.setMaximumWidth(380)
        side = QVBoxLayout(panel)
        side.addWidget(QLabel(tr("<b>Suggested values from your data</b>")))
        form = QFormLayout()
        self.platform_box = QComboBox()
        self.period_box = QComboBox()
        for label, days in (
            (tr("Last 3 months"), 91),
            (tr("Last 12 months"), 365),
            (tr("All time"), 0),
        ):
            self.period_box.addItem(label, days)
        form.addRow(tr("Platform:"), self.platform_box)
        form.addRow(tr("Period:"), self.period_box)
        side.addLayout(form)
        self.suggestion_area = QVBoxLayout()
        side.addLayout(self.suggestion_area)
        side.addStretch(1)
        self.body.addWidget(panel)
        self.platform_box.currentIndexChanged.connect(self.refresh_suggestions)
        self.period_box.currentIndexChanged.connect(self.refresh_suggestions)
        self.use_buttons: dict[str, QPushButton] = {}
        self._fill_platforms()
        model.records_changed.connect(self.refresh_warning)

    def _fill_platforms(self) -> None:
        names: set[str] = set()
        for campaign in self.ctx.workspace.campaigns():
            names.update(campaign.platforms)
        self.platform_box.blockSignals(True)
        self.platform_box.clear()
        self.platform_box.addItem(tr("All platforms"), None)
        for name in sorted(names):
            self.platform_box.addItem(name, name)
        self.platform_box.blockSignals(False)

    def period(self) -> tuple[date | None, date | None]:
        """The period the suggestions are computed over."""
        days = self.period_box.currentData() or 0
        today = self.ctx.today()
        return (today - timedelta(days=days - 1) if days else None, today)

    def refresh(self) -> None:
        """Recompute the suggestions and the warning (after data changed)."""
        self.refresh_suggestions()
        self.refresh_warning()

    def refresh_suggestions(self) -> None:
        """Ask the engine for suggested values and show each with its formula and a Use button."""
        while self.suggestion_area.count():
            item = self.suggestion_area.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.use_buttons.clear()
        try:
            from roidesk.engine import suggested_values
        except ImportError:
            self.suggestion_area.addWidget(QLabel("—"))
            return
        start, end = self.period()
        platform = self.platform_box.currentData()
        labels = metric_labels()
        for suggestion in suggested_values(self.ctx.workspace, platform, start, end):
            row = QFrame()
            lines = QVBoxLayout(row)
            lines.setContentsMargins(0, 4, 0, 4)
            value = self.money_text(suggestion.value) if suggestion.value is not None else "—"
            title = QLabel(
                tr("<b>{metric}</b>: {value}").format(
                    metric=labels.get(suggestion.metric, suggestion.metric), value=value
                )
            )
            formula = QLabel(self._formula_text(suggestion))
            formula.setWordWrap(True)
            formula.setStyleSheet("color:#555; font-size:11px;")
            top = QHBoxLayout()
            top.addWidget(title, 1)
            use = QPushButton(tr("Use"))
            use.setEnabled(suggestion.value is not None)
            use.setToolTip(tr("Add this value as a valuation from today"))
            use.clicked.connect(lambda _=False, s=suggestion: self.use_suggestion(s))
            use.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            top.addWidget(use)
            lines.addLayout(top)
            lines.addWidget(formula)
            self.suggestion_area.addWidget(row)
            self.use_buttons.setdefault(suggestion.metric + ":" + suggestion.formula, use)

    def _formula_text(self, suggestion: Any) -> str:
        parts = []
        for name, value in suggestion.inputs.items():
            if isinstance(value, Decimal):  # the money inputs: a cost, an order's value, LTV
                shown = self.money_text(value)
            else:
                shown = "—" if value is None else self.count_text(value)
            parts.append(f"{name} {shown}")
        return f"{suggestion.formula}  ({'; '.join(parts)})"

    def use_suggestion(self, suggestion: Any) -> None:
        """Add the suggested value as a valuation valid from today (one undoable step)."""
        if suggestion.value is None:
            return
        value = suggestion.value.quantize(Decimal("0.0001"))
        self.model.add_record(
            Valuation(
                suggestion.metric,
                self.ctx.today(),
                value,
                platform=self.platform_box.currentData(),
                note=tr("suggested: {formula}").format(formula=suggestion.formula),
            )
        )

    def double_count_warning(self) -> str:
        """The warning text when sales are valued while results carry revenue, else ''."""
        valued = {v.metric for v in self.ctx.workspace.valuations()} & SALE_METRICS
        if not valued:
            return ""
        try:
            from roidesk.core.figures import Query
            from roidesk.engine import summarize

            revenue = summarize(self.ctx.workspace, Query()).revenue
        except ImportError:
            return ""
        if not revenue:
            return ""
        names = ", ".join(sorted(metric_labels()[m].lower() for m in valued))
        return tr(
            "⚠ You value {names} while your results also carry revenue: one sale would be "
            "counted twice (once as revenue, once as a valued {names}). Delete those "
            "valuations, or keep revenue out of the result rows."
        ).format(names=names)

    def refresh_warning(self) -> None:
        """Show or hide the double-count warning."""
        text = self.double_count_warning()
        self.warning.setText(text)
        self.warning.setVisible(bool(text))


class SettingsPage(QWidget):
    """Business name, currency, gross margin and the LTV inputs, each change undoable."""

    problem = Signal(str)
    #: The settings were written (title and figures refresh).
    settings_changed = Signal()

    FIELDS = (
        "business_name",
        "currency",
        "gross_margin",
        "average_order_value",
        "purchases_per_year",
        "years_retained",
        "lifetime_value",
        "locale",
    )

    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        from roidesk.ui.commands import FunctionCommand

        self._command = FunctionCommand
        self.workspace = workspace
        self.undo_stack = undo_stack
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 6)
        outer.addWidget(QLabel(f"<h2 style='margin:0'>{tr('Settings')}</h2>"))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        labels = {
            "business_name": tr("Business name"),
            "currency": tr("Currency (ISO code)"),
            "gross_margin": tr("Gross margin"),
            "average_order_value": tr("Average order value"),
            "purchases_per_year": tr("Purchases per year"),
            "years_retained": tr("Years a customer stays"),
            "lifetime_value": tr("Lifetime value (entered directly)"),
            "locale": tr("Number format (locale, e.g. hu_HU)"),
        }
        hints = {
            "gross_margin": tr("Share of revenue you keep: 65 % or 0.65. 100 % by default."),
            "lifetime_value": tr(
                "Leave empty to compute it: order value × purchases per year × years."
            ),
        }
        self.editors: dict[str, QLineEdit] = {}
        for name in self.FIELDS:
            editor = QLineEdit()
            editor.setMinimumWidth(280)
            editor.setToolTip(hints.get(name, ""))
            editor.editingFinished.connect(lambda n=name: self.commit_field(n))
            form.addRow(labels[name], editor)
            self.editors[name] = editor
        outer.addLayout(form)
        self.ltv_label = QLabel()
        outer.addWidget(self.ltv_label)
        outer.addStretch(1)
        self.load()

    def load(self) -> None:
        """Show the stored settings."""
        settings = self.workspace.settings()
        for name, editor in self.editors.items():
            editor.setText(self._text(name, getattr(settings, name)))
            editor.setStyleSheet("")
        ltv = settings.lifetime_value
        if ltv is None and None not in (
            settings.average_order_value,
            settings.purchases_per_year,
            settings.years_retained,
        ):
            ltv = (
                settings.average_order_value  # type: ignore[operator]
                * settings.purchases_per_year
                * settings.years_retained
            )
        self.ltv_label.setText(
            tr("Lifetime value used: {value}").format(
                value="—" if ltv is None else numbers_of(settings).money(ltv)
            )
        )

    @staticmethod
    def _text(name: str, value: Any) -> str:
        if value is None:
            return ""
        if name == "gross_margin":
            return f"{plain_decimal((value * 100).normalize())} %"
        if isinstance(value, Decimal):
            return plain_decimal(value)
        return str(value)

    def parse(self, name: str, text: str) -> Any:
        """The setting's value for the text; raises ParseError with the reason."""
        text = text.strip()
        if name == "business_name":
            if not text:
                raise ParseError(tr("the business name must be given"))
            return text
        if name == "currency":
            if len(text) != 3 or not text.isalpha():
                raise ParseError(tr("a currency is a three-letter ISO code, e.g. EUR"))
            return text.upper()
        if name == "locale":
            return text
        if name == "gross_margin":
            value = parse_decimal(text.replace("%", ""))
            if value is None:
                return Decimal(1)
            if "%" in text or value > 1:
                value = value / 100
            if not Decimal(0) <= value <= Decimal(1):
                raise ParseError(tr("the gross margin is between 0 % and 100 %"))
            return value.normalize() if value != 1 else Decimal(1)
        value = parse_decimal(text)
        if value is not None and value < 0:
            raise ParseError(tr("must not be negative"))
        return value

    def commit_field(self, name: str) -> None:
        """Validate one field; store it as an undoable step, or mark it red and say why."""
        editor = self.editors[name]
        try:
            value = self.parse(name, editor.text())
        except (ParseError, InvalidOperation) as error:
            editor.setStyleSheet(INVALID_STYLE)
            editor.setToolTip(str(error))
            self.problem.emit(str(error))
            return
        editor.setStyleSheet("")
        old = self.workspace.settings()
        if getattr(old, name) == value:
            return
        from dataclasses import replace

        new = replace(old, **{name: value})
        self.undo_stack.push(
            self._command(
                lambda: self._store(new),
                lambda: self._store(old),
                tr("Change setting {name}").format(name=name.replace("_", " ")),
            )
        )

    def _store(self, settings: Settings) -> None:
        self.workspace.save_settings(settings)
        self.load()
        self.settings_changed.emit()
