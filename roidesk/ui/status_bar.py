"""The window's status bar: the period's cost, return and ROI, a busy indicator while
background work runs, and View ▸ Status Bar Period to choose the period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QLabel, QMenu, QProgressBar, QStatusBar

from roidesk.core.figures import Query
from roidesk.core.money import NumberStyle
from roidesk.core.periods import preset_period
from roidesk.engine import summarize
from roidesk.storage import Workspace
from roidesk.ui.text import tr

#: The periods the status bar can show, in menu order.
PERIODS = ("this_month", "last_month", "this_year", "last_12_months", "all")
#: Edits within this time make one recalculation of the figures.
FIGURES_DELAY_MS = 150


def period_names() -> dict[str, str]:
    """Each period's name as the menu and the status bar write it."""
    return {
        "this_month": tr("This month"),
        "last_month": tr("Last month"),
        "this_year": tr("This year"),
        "last_12_months": tr("Last 12 months"),
        "all": tr("All time"),
    }


def period_range(key: str, today: date) -> tuple[date | None, date | None]:
    """The first and last day of a status-bar period (``None``: open)."""
    first = today.replace(day=1)
    if key == "this_month":
        return first, today
    if key == "last_month":
        end = first - timedelta(days=1)
        return end.replace(day=1), end
    if key == "this_year":
        return today.replace(month=1, day=1), today
    if key == "all":
        return None, None
    return preset_period("last 12 months", today)  # the dashboard's definition too


class FiguresStatus(QObject):
    """The period's figures in the status bar, recalculated shortly after each change."""

    def __init__(
        self,
        status_bar: QStatusBar,
        settings: QSettings,
        workspace: Callable[[], Workspace],
        numbers: Callable[[], NumberStyle],
        today: Callable[[], date],
    ) -> None:
        super().__init__(status_bar)
        self.settings = settings
        self._workspace, self._numbers, self._today = workspace, numbers, today
        saved = settings.value("status/period", "last_12_months")
        self.period = saved if saved in PERIODS else "last_12_months"
        self.label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        status_bar.addPermanentWidget(self.busy)
        status_bar.addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(FIGURES_DELAY_MS)
        self.timer.timeout.connect(self.refresh)
        self._jobs = 0

    def fill_period_menu(self, menu: QMenu) -> None:
        """One checkable entry per period."""
        group = QActionGroup(menu)
        for key, text in period_names().items():
            action = QAction(text, menu, checkable=True)
            action.setChecked(key == self.period)
            action.triggered.connect(lambda _=False, k=key: self.set_period(k))
            group.addAction(action)
            menu.addAction(action)

    def period_range(self) -> tuple[date | None, date | None, str]:
        """The chosen period: start, end and its name."""
        start, end = period_range(self.period, self._today())
        return start, end, period_names()[self.period]

    def set_period(self, key: str) -> None:
        """Choose the period (remembered) and show its figures."""
        self.period = key
        self.settings.setValue("status/period", key)
        self.refresh()

    def refresh_soon(self) -> None:
        """Recalculate after the current burst of edits."""
        self.timer.start()

    def stop(self) -> None:
        """No more recalculations (the window is closing)."""
        self.timer.stop()

    def refresh(self) -> None:
        """Show the period's cost, return and ROI (from the engine)."""
        start, end, name = self.period_range()
        figures = summarize(self._workspace(), Query(start=start, end=end), self._today())
        numbers = self._numbers()
        self.label.setText(
            tr("{period}: cost {cost} · return {ret} · ROI {roi}").format(
                period=name,
                cost=numbers.money(figures.cost),
                ret=numbers.money(figures.total_return),
                roi=numbers.percent(figures.roi_total),
            )
        )

    def job_started(self) -> None:
        """Background work started: show the busy indicator."""
        self._jobs += 1
        self.busy.setVisible(True)

    def job_ended(self) -> None:
        """Background work ended: hide the indicator when none is left."""
        self._jobs = max(0, self._jobs - 1)
        self.busy.setVisible(self._jobs > 0)
