"""The dashboard's filters: a period (preset or custom dates) and what to look at (client,
campaign, platform, content type); they describe one :class:`~roidesk.core.figures.Query`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.figures import Query
from roidesk.core.periods import preset_period
from roidesk.core.records import ContentType
from roidesk.storage import Workspace
from roidesk.ui.delegates import fit_popup
from roidesk.ui.text import tr


def qdate(day: date) -> QDate:
    """The Qt date of ``day``."""
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    """The Python date of ``day``."""
    return date(day.year(), day.month(), day.day())


PRESETS = (
    "this month",
    "last month",
    "this quarter",
    "last 12 months",
    "year to date",
    "all",
    "custom",
)


class DashboardFilters(QWidget):
    """Two rows of choices: the period; then client, campaign, platform and content type."""

    #: A choice changed (the dashboard refreshes at once).
    changed = Signal()
    #: A custom date was typed (the dashboard refreshes after a pause in typing).
    dates_typed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.period = QComboBox()
        for preset in PRESETS:
            self.period.addItem(tr(preset), preset)
        self.period.setCurrentIndex(PRESETS.index("last 12 months"))
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit, open_end in (
            (self.start_edit, tr("first day")),
            (self.end_edit, tr("last day")),
        ):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            # an open end ("all") shows as words, not as a date it does not stop at
            edit.setSpecialValueText(open_end)
            edit.dateChanged.connect(self._custom_dates_changed)
        self.client = QComboBox()
        self.campaign = QComboBox()
        self.platform = QComboBox()
        self.content_type = QComboBox()
        self.back = QPushButton(tr("← Show all"))
        self.back.setToolTip(tr("Clear the client, campaign, platform and content type filters"))
        self.back.clicked.connect(self.clear_filters)
        self.back.setVisible(False)
        # two rows (period; then what to look at), so the page fits a laptop screen
        self.filter_bar = QVBoxLayout(self)
        self.filter_bar.setContentsMargins(0, 0, 0, 0)
        rows = (
            ((tr("Period"), self.period), (tr("From"), self.start_edit),
             (tr("to"), self.end_edit)),
            ((tr("Client"), self.client), (tr("Campaign"), self.campaign),
             (tr("Platform"), self.platform), (tr("Content"), self.content_type)),
        )  # fmt: skip
        for row in rows:
            line = QHBoxLayout()
            for caption, widget in row:
                line.addWidget(QLabel(caption))
                line.addWidget(widget)
            if row is rows[1]:
                line.addWidget(self.back)
            line.addStretch(1)
            self.filter_bar.addLayout(line)
        self.period.currentIndexChanged.connect(self._period_changed)
        for combo in (self.client, self.campaign, self.platform, self.content_type):
            combo.currentIndexChanged.connect(lambda _index: self.changed.emit())
            # long campaign names must not widen the page: the popup still shows them whole
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(12)

    def reload_choices(self, workspace: Workspace) -> None:
        """Fill the client, campaign, platform and content-type choices from ``workspace``."""
        combos = (self.client, self.campaign, self.platform, self.content_type)
        for combo in combos:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("All"), None)
        for client in workspace.clients():
            self.client.addItem(client.name, client.id)
        platforms: set[str] = set()
        for campaign in workspace.campaigns():
            self.campaign.addItem(campaign.name, campaign.id)
            platforms.update(campaign.platforms)
        for platform in sorted(platforms):
            self.platform.addItem(platform, platform)
        for kind in ContentType:
            self.content_type.addItem(tr(kind.value), kind.value)
        for combo in combos:
            fit_popup(combo)
            combo.blockSignals(False)
        self._period_changed()

    def _period_changed(self) -> None:
        preset = self.period.currentData()
        custom = preset == "custom"
        self.start_edit.setEnabled(custom)
        self.end_edit.setEnabled(custom)
        today = self._today()
        if not custom:
            start, end = preset_period(preset, today)
            for edit, day in ((self.start_edit, start), (self.end_edit, end)):
                edit.blockSignals(True)
                edit.setDate(qdate(day) if day else edit.minimumDate())
                edit.blockSignals(False)
        else:  # from "all": start the custom range at this month rather than at "first day"
            for edit, day in ((self.start_edit, today.replace(day=1)), (self.end_edit, today)):
                if edit.date() == edit.minimumDate():
                    edit.blockSignals(True)
                    edit.setDate(qdate(day))
                    edit.blockSignals(False)
        self.changed.emit()

    def _custom_dates_changed(self) -> None:
        if self.period.currentData() == "custom":
            self.dates_typed.emit()

    def set_period(self, start: date | None, end: date | None) -> None:
        """Show a custom period (both None: the whole span)."""
        if start is None and end is None:
            self.period.setCurrentIndex(PRESETS.index("all"))
            return
        self.period.blockSignals(True)
        self.period.setCurrentIndex(PRESETS.index("custom"))
        self.period.blockSignals(False)
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(day or self._today()))
            edit.blockSignals(False)
        self._period_changed()

    def select(self, combo: QComboBox, value: object) -> None:
        """Choose the entry whose data is ``value`` (refreshes)."""
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def clear_filters(self) -> None:
        """Back to every client, campaign, platform and content type."""
        for combo in (self.client, self.campaign, self.platform, self.content_type):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.changed.emit()

    def query(self) -> Query:
        """The query the filters describe."""
        preset = self.period.currentData()
        if preset == "custom":
            start: date | None = pydate(self.start_edit.date())
            end: date | None = pydate(self.end_edit.date())
        else:
            start, end = preset_period(preset, self._today())
        return Query(
            start=start,
            end=end,
            client_id=self.client.currentData(),
            campaign_id=self.campaign.currentData(),
            platform=self.platform.currentData(),
            content_type=self.content_type.currentData(),
        )

    def show_back(self, query: Query) -> None:
        """Offer "Show all" while a client, campaign, platform or content type is chosen."""
        chosen = (query.client_id, query.campaign_id, query.platform, query.content_type)
        self.back.setVisible(any(value is not None for value in chosen))
