"""The Valuations editor: what a result is worth, with suggested values from your own data
and a warning when a sale would be counted twice."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.figures import Query
from roidesk.core.records import SALE_METRICS, Valuation
from roidesk.core.valuations import default_applies_to
from roidesk.engine import suggested_values, summarize
from roidesk.ui.editor_specs import EditorContext, metric_labels
from roidesk.ui.editors import TablePage
from roidesk.ui.record_model import RecordTableModel
from roidesk.ui.text import tr


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
                "What one lead, follower, click… is worth to you. Each value counts for the "
                "results of its metric (on its platform, or on every platform when Platform is "
                "blank) from its “Valid from” day on; a new one starts where your data starts. "
                "A platform's own value beats a general one; among equals the newest in force "
                "wins."
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
        start, end = self.period()
        platform = self.platform_box.currentData()
        labels = metric_labels()
        for suggestion in suggested_values(self.ctx.workspace, platform, start, end):
            row = QFrame()
            lines = QVBoxLayout(row)
            lines.setContentsMargins(0, 4, 0, 4)
            value = self.money_text(suggestion.value) if suggestion.value is not None else "—"
            title = QLabel(
                self._for_whom(suggestion).format(
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
            use.setToolTip(tr("Add this value as a valuation from where your data starts"))
            use.clicked.connect(lambda _=False, s=suggestion: self.use_suggestion(s))
            use.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            top.addWidget(use)
            lines.addLayout(top)
            lines.addWidget(formula)
            self.suggestion_area.addWidget(row)
            self.use_buttons.setdefault(suggestion.metric + ":" + suggestion.formula, use)

    @staticmethod
    def _for_whom(suggestion: Any) -> str:
        """The title's pattern: which results (paid, organic) the suggested value is for."""
        if suggestion.applies_to == "organic":
            return tr("<b>{metric}</b>, per organic one: {value}")
        return tr("<b>{metric}</b>, paid and organic: {value}")

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
        """Add the suggested value as a valuation valid from where the data starts (from today
        it valued nothing already imported; one undoable step)."""
        if suggestion.value is None:
            return
        value = suggestion.value.quantize(Decimal("0.0001"))
        self.model.add_record(
            Valuation(
                suggestion.metric,
                self.ctx.data_start(),
                value,
                platform=self.platform_box.currentData(),
                note=tr("suggested: {formula}").format(formula=suggestion.formula),
                applies_to=(
                    None
                    if suggestion.applies_to == default_applies_to(suggestion.metric)
                    else suggestion.applies_to
                ),
            )
        )

    def double_count_warning(self) -> str:
        """The warning text when sales are valued while results carry revenue, else ''."""
        valued = {v.metric for v in self.ctx.workspace.valuations()} & SALE_METRICS
        if not valued:
            return ""
        revenue = summarize(self.ctx.workspace, Query()).revenue
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
