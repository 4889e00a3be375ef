"""The dashboard page: filters, figure cards and charts, recomputed in the background.

A filter change or a write starts a single-shot timer (at once: changes made together make one
refresh; a typed date waits for a pause in typing); when it fires, a
:class:`~roidesk.ui.ops.BackgroundOp` runs :func:`compute_dashboard` (plain data, no widgets)
on the page's own connection to the file (kept between refreshes, so the engine's cache stays
warm) and hands the result back on the GUI thread, where it is drawn. One computation runs at a
time: a request made meanwhile runs when it ends, and the outdated result is not drawn.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.figures import Query
from roidesk.core.verdict import ROI_EXPLAINED
from roidesk.storage import Workspace
from roidesk.ui.dashboard.cards import FigureCards, MoreFigures
from roidesk.ui.dashboard.drawing import DashboardCharts
from roidesk.ui.dashboard.filters import DashboardFilters
from roidesk.ui.dashboard.series import DashboardData, compute_dashboard
from roidesk.ui.ops import KeptWorkspace, LatestOnly, Progress
from roidesk.ui.text import tr

#: How long a typed date waits for the next keystroke before the dashboard recomputes.
TYPING_PAUSE_MS = 300


class DashboardWidget(QWidget):
    """Cards and charts over a period and filter; every part updates together."""

    #: A refresh was drawn (cards and every chart hold the new data).
    refreshed = Signal()
    #: A refresh failed (the message says why).
    failed = Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        today: Callable[[], date] = date.today,
        locale_hint: str = "",
    ) -> None:
        """``locale_hint`` (the system's locale) says how numbers are written where the
        workspace's settings name no locale, as in the status bar."""
        super().__init__(parent)
        self.workspace = workspace
        self._today = today
        self.locale_hint = locale_hint
        #: The page's own connection for its background work (closed when the page goes,
        #: also when the window switches workspace and deletes it).
        self.connection = KeptWorkspace(workspace.path)
        self.destroyed.connect(self.connection.close)
        self.latest = LatestOnly(self, self.connection, self._compute)
        self.data: DashboardData | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._compute)

        self.filters = DashboardFilters(today)
        self.message = QLabel()
        self.message.setStyleSheet("color: #8a5a00; font-weight: bold; padding: 4px;")
        self.message.setVisible(False)
        #: the answer in one sentence, above everything it sums up
        # one line, not word-wrapped: a wrapping label made the scroll area lay the page out
        # for its height at the narrowest width (twice as tall, charts never ranged); a
        # sentence longer than the window is cut, whole in its tooltip
        self.answer = QLabel()
        self.answer.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.answer.setStyleSheet("font-size: 13pt; font-weight: 600; padding: 4px 2px;")
        self.answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer.setVisible(False)
        self.figure_cards = FigureCards()
        #: what tells the two ROIs apart, under the cards where they stand side by side
        self.roi_note = QLabel(tr(ROI_EXPLAINED))
        self.roi_note.setToolTip(tr(ROI_EXPLAINED))
        self.roi_note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.roi_note.setStyleSheet("color: #5f5f5f; padding: 0 2px;")
        self.cards = self.figure_cards.cards
        self.more_figures = MoreFigures()
        self.charts = DashboardCharts(today)
        self.filters.changed.connect(self.refresh)
        self.filters.dates_typed.connect(self.refresh_after_typing)
        self.charts.bar_chosen.connect(self._bar_chosen)
        content = QWidget()
        layout = QVBoxLayout(content)
        parts = (self.filters, self.answer, self.message, self.figure_cards, self.roi_note)
        for part in (*parts, self.more_figures, self.charts):
            layout.addWidget(part)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.reload_choices()
        self.refresh()

    # ---------------------------------------------------------------- filters
    def reload_choices(self) -> None:
        """Fill the client, campaign, platform and content-type choices from the workspace."""
        self.filters.reload_choices(self.workspace)

    def query(self) -> Query:
        """The query the filters describe."""
        return self.filters.query()

    def select(self, combo: QComboBox, value: object) -> None:
        """Choose the entry of one of the filters whose data is ``value`` (refreshes)."""
        self.filters.select(combo, value)

    def set_period(self, start: date | None, end: date | None) -> None:
        """Show a custom period (both None: the whole span)."""
        self.filters.set_period(start, end)

    def _bar_chosen(self, by: str, key: object) -> None:
        combo = self.filters.platform if by == "platform" else self.filters.campaign
        self.filters.select(combo, key)

    # ---------------------------------------------------------------- refresh
    def refresh(self) -> None:
        """Recompute once the current event is handled (changes made together, as a reset of
        every filter, make one refresh)."""
        self._timer.start(0)

    def refresh_after_typing(self) -> None:
        """Recompute when the typing has paused (a date typed digit by digit)."""
        self._timer.start(TYPING_PAUSE_MS)

    def refresh_now(self) -> DashboardData:
        """Compute and draw at once in this thread (benchmarks and screenshots)."""
        self._timer.stop()
        data = compute_dashboard(self.workspace, self.query(), self._today(), self.locale_hint)
        self.show_data(data)
        return data

    def _compute(self) -> None:
        """Start a computation of what the filters show (or ask for one when this one ends)."""
        self._timer.stop()  # this computation answers every change made so far
        if self.latest.busy():
            return
        query, today, hint = self.query(), self._today(), self.locale_hint

        def work(workspace: Workspace | None, _progress: Progress) -> DashboardData:
            assert workspace is not None
            return compute_dashboard(workspace, query, today, hint)

        self.latest.run(work, self.show_data, self._failed)

    def _failed(self, message: str) -> None:
        self.message.setText(tr("The dashboard could not be computed: {}").format(message))
        self.message.setVisible(True)
        self.failed.emit(message)

    def wait_for_workers(self) -> None:
        """Block until the running computation's worker has ended (closing the page, tests);
        its result is drawn by the event loop."""
        self.latest.wait()

    def show_data(self, data: DashboardData) -> None:
        """Draw a result (GUI thread only): the filters' "Show all", the message, the cards
        and the charts."""
        self.data = data
        self.filters.show_back(data.query)
        self.message.setText(tr(data.empty_message))
        self.message.setVisible(bool(data.empty_message))
        self.answer.setText(tr(data.verdict))
        self.answer.setToolTip(tr(data.verdict))
        self.answer.setVisible(bool(data.verdict))
        self.figure_cards.show_cards(data.cards)
        self.more_figures.show_figures(data.more)
        self.charts.draw(data)
        self.refreshed.emit()

    def closeEvent(self, event: object) -> None:
        """Let a running computation finish before the widget goes, then close its
        connection."""
        self.wait_for_workers()
        self.connection.close()
        super().closeEvent(event)  # type: ignore[arg-type]
