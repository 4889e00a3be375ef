"""The Settings page: the business, its currency and number style, margin and defaults."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import (
    Signal,
)
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.money import with_decimal_mark
from roidesk.core.records import Settings
from roidesk.storage import Workspace
from roidesk.ui.editors import INVALID_STYLE, numbers_of
from roidesk.ui.parsing import ParseError, parse_decimal, plain_decimal
from roidesk.ui.text import tr


def parse_colour(text: str) -> str:
    """``#RRGGBB`` of a typed colour (``1f3864`` or ``#1F3864``; '' for none)."""
    if text and not re.fullmatch(r"#?[0-9A-Fa-f]{6}", text):
        raise ParseError(tr("a colour is written #RRGGBB, e.g. #1F3864"))
    return ("#" + text.lstrip("#").upper()) if text else ""


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
        "logo",
        "accent_colour",
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
            "logo": tr("Logo on reports (image file)"),
            "accent_colour": tr("Accent colour on reports (#RRGGBB)"),
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
        self.industry = self._industry_choice()
        form.addRow(tr("Industry (for benchmarks)"), self.industry)
        outer.addLayout(form)
        self.ltv_label = QLabel()
        outer.addWidget(self.ltv_label)
        outer.addStretch(1)
        self.load()

    def _industry_choice(self) -> QComboBox:
        """The industries the benchmark table has (and none): picks the benchmarks shown."""
        from roidesk.core.benchmarks import industries, shipped_benchmarks

        choice = QComboBox()
        choice.addItem(tr("(none chosen)"), "")
        for name in industries(shipped_benchmarks()):
            choice.addItem(name, name)
        choice.setToolTip(tr("Published benchmarks of this industry are shown beside your KPIs."))
        choice.activated.connect(lambda _index: self.commit_industry())
        return choice

    def commit_industry(self) -> None:
        """Store the industry chosen, as an undoable step."""
        value = str(self.industry.currentData() or "")
        old = self.workspace.settings()
        if old.industry == value:
            return
        from dataclasses import replace

        new = replace(old, industry=value)
        self.undo_stack.push(
            self._command(
                lambda: self._store(new),
                lambda: self._store(old),
                tr("Change setting {name}").format(name="industry"),
            )
        )

    def load(self) -> None:
        """Show the stored settings."""
        settings = self.workspace.settings()
        comma = numbers_of(settings).decimal_comma
        for name, editor in self.editors.items():
            editor.setText(self._text(name, getattr(settings, name), comma))
            editor.setStyleSheet("")
        index = self.industry.findData(settings.industry)
        if index < 0:  # an industry the table no longer has: shown, still stored
            self.industry.addItem(settings.industry, settings.industry)
            index = self.industry.count() - 1
        self.industry.setCurrentIndex(index)
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
    def _text(name: str, value: Any, comma: bool = False) -> str:
        """A setting as its field shows it: numbers in the workspace's decimal mark."""
        if value is None:
            return ""
        if name == "gross_margin":
            return f"{with_decimal_mark(plain_decimal((value * 100).normalize()), comma)} %"
        if isinstance(value, Decimal):
            return with_decimal_mark(plain_decimal(value), comma)
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
        if name in ("locale", "logo"):
            return text
        if name == "accent_colour":
            return parse_colour(text)
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
