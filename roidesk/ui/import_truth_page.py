"""The import wizard's page on what the figures are (SPEC "Rules"): paid or organic, the report
period of a file whose rows have no dates, whether an analytics export without channel column
is all social traffic, and which columns add up to the engagements."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from roidesk.sheets.exports.analysis import Analysis
from roidesk.sheets.exports.convert import is_analytics
from roidesk.ui.text import tr

if TYPE_CHECKING:
    from roidesk.ui.import_wizard import ImportWizard

#: What the whole-site check box means, said next to it.
WHOLE_SITE_SENTENCE = (
    "This file has no channel or source column, so roidesk cannot tell visits from social "
    "media apart from search, direct or e-mail ones. Tick this only if every visit in it came "
    "from social media; otherwise export it again with 'Session default channel group' or "
    "'Session source / medium'."
)
#: A date the period edits show as "choose" (no period chosen yet).
_UNCHOSEN = QDate(2000, 1, 1)


def _date_edit() -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(_UNCHOSEN)
    edit.setSpecialValueText(tr("choose a day"))
    edit.setDate(_UNCHOSEN)
    return edit


def _qdate(day: date | None) -> QDate:
    return QDate(day.year, day.month, day.day) if day else _UNCHOSEN


def _day(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == _UNCHOSEN else date(value.year(), value.month(), value.day())


def needs_period(analysis: Analysis) -> bool:
    """Whether the rows have no date column, so the user must say which period they cover."""
    return not ({"date", "start"} & analysis.mapping.keys())


def is_channel_less_analytics(analysis: Analysis) -> bool:
    """An analytics export with neither a channel group nor a source / medium column."""
    mapped = analysis.mapping.keys()
    return is_analytics(analysis) and not ({"channel", "source_medium"} & mapped)


class TruthPage(QWizardPage):
    """Source override, report period, whole-site check box and the engagements' columns."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(tr("What the figures are"))
        self.source_combo = QComboBox()
        self.source_combo.addItem(tr("as the export tells (ads paid, insights organic)"), None)
        self.source_combo.addItem(tr("all paid (advertising)"), "paid")
        self.source_combo.addItem(tr("all organic (unpaid posts and visits)"), "organic")
        self.period_box = QWidget()
        self.period_note = QLabel(
            tr(
                "The rows have no dates: give the period the figures cover. They are shared "
                "out over its months in proportion to their days; spend is one cost over it."
            )
        )
        self.period_note.setWordWrap(True)
        self.start_edit, self.end_edit = _date_edit(), _date_edit()
        period_form = QFormLayout(self.period_box)
        period_form.addRow(self.period_note)
        period_form.addRow(tr("From"), self.start_edit)
        period_form.addRow(tr("To"), self.end_edit)
        self.whole_site_check = QCheckBox(tr("The whole file is social traffic"))
        self.whole_site_note = QLabel(tr(WHOLE_SITE_SENTENCE))
        self.whole_site_note.setWordWrap(True)
        self.engagement_note = QLabel()
        self.engagement_note.setWordWrap(True)
        self.engagement_list = QListWidget()
        form = QFormLayout()
        form.addRow(tr("Paid or organic"), self.source_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.period_box)
        layout.addWidget(self.whole_site_check)
        layout.addWidget(self.whole_site_note)
        layout.addWidget(self.engagement_note)
        layout.addWidget(self.engagement_list)
        for edit in (self.start_edit, self.end_edit):
            edit.dateChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        analysis = self.owner.analysis
        assert analysis is not None
        self.period_box.setVisible(needs_period(analysis))
        self.start_edit.setDate(_qdate(analysis.period[0]))
        self.end_edit.setDate(_qdate(analysis.period[1] or analysis.period[0]))
        analytics = is_channel_less_analytics(analysis)
        self.whole_site_check.setVisible(analytics)
        self.whole_site_note.setVisible(analytics)
        self.whole_site_check.setChecked(False)
        self._fill_engagement_columns(analysis)

    def _fill_engagement_columns(self, analysis: Analysis) -> None:
        """The columns not mapped to a field, ticked where they add up to the engagements."""
        self.engagement_list.clear()
        total = analysis.mapping.get("engagements")
        if total is not None:
            self.engagement_note.setText(
                tr("Engagements: the column '{name}'.").format(name=analysis.headers[total])
            )
            self.engagement_list.setVisible(False)
            return
        ticked = set(analysis.parts.get("engagements", ()))
        self.engagement_note.setText(
            tr("Engagements: the sum of the ticked columns (the file has no engagement total).")
        )
        self.engagement_list.setVisible(True)
        mapped = set(analysis.mapping.values())
        for column, header in enumerate(analysis.headers):
            if column in mapped:
                continue
            item = QListWidgetItem(header)
            item.setData(Qt.ItemDataRole.UserRole, column)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = column in ticked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.engagement_list.addItem(item)

    def engagement_columns(self) -> list[int]:
        """The ticked columns (their sum is the engagements)."""
        items = (self.engagement_list.item(i) for i in range(self.engagement_list.count()))
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def period(self) -> tuple[date | None, date | None]:
        """The period chosen (None where a day is not chosen yet)."""
        return _day(self.start_edit), _day(self.end_edit)

    def isComplete(self) -> bool:
        if not self.period_box.isVisibleTo(self):
            return True
        start, end = self.period()
        return start is not None and end is not None and start <= end

    def options(self) -> dict[str, Any]:
        """What this page adds to the import's options."""
        options: dict[str, Any] = {
            "source": self.source_combo.currentData(),
            "whole_site": self.whole_site_check.isVisibleTo(self)
            and self.whole_site_check.isChecked(),
        }
        if self.period_box.isVisibleTo(self):
            options["period"] = self.period()
        return options

    def validatePage(self) -> bool:
        analysis = self.owner.analysis
        assert analysis is not None
        if "engagements" not in analysis.mapping:
            columns = self.engagement_columns()
            analysis.parts = {"engagements": columns} if columns else {}
        self.owner.import_options.update(self.options())
        return True
