"""The Experiments page: group A against group B on a rate KPI, with a plain verdict.

The test runs on a worker (``ui.ops.BackgroundOp`` on a connection of the page's own); the
worker returns plain data and only the GUI thread writes it into the widgets. The interval
chart (pyqtgraph) is built when the first answer is shown, so the window starts without it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.experiments import (
    GROUP_KINDS,
    GroupSpec,
    Outcome,
    RateKpi,
    SavedExperiment,
    Verdict,
    plain_sentence,
)
from roidesk.engine.experiments import ExperimentAnswer, run_experiment, saved_answers
from roidesk.storage import Workspace
from roidesk.storage.experiments import group_values
from roidesk.ui.ops import BackgroundOp, KeptWorkspace, Progress
from roidesk.ui.text import tr


def kind_labels() -> dict[str, str]:
    """What each kind of group is called on the page."""
    return {
        "campaign": tr("Campaign"),
        "platform": tr("Platform"),
        "content_type": tr("Content type"),
        "content": tr("Post or ad"),
    }


def kpi_labels() -> dict[RateKpi, str]:
    """The rate KPIs in words."""
    return {
        RateKpi.CTR: tr("Click rate (link clicks ÷ impressions)"),
        RateKpi.CONVERSION_RATE: tr("Conversion rate (conversions ÷ link clicks)"),
        RateKpi.ENGAGEMENT_RATE: tr("Engagement rate (engagements ÷ impressions)"),
    }


@dataclass
class ExperimentRequest:
    """What the user asked: both groups, the KPI and the period (None: all dates)."""

    a: GroupSpec
    b: GroupSpec
    kpi: RateKpi
    start: date | None = None
    end: date | None = None


@dataclass
class ExperimentsData:
    """What the worker hands to the GUI thread."""

    answer: ExperimentAnswer | None
    saved: list[tuple[SavedExperiment, ExperimentAnswer]] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)


def compute_experiments(workspace: Workspace, request: ExperimentRequest | None) -> ExperimentsData:
    """The answer to ``request`` (if any), the saved experiments' answers and the choices."""
    answer = None
    if request is not None:
        answer = run_experiment(
            workspace, request.a, request.b, request.kpi, request.start, request.end
        )
    return ExperimentsData(
        answer=answer,
        saved=saved_answers(workspace),
        choices={kind: group_values(workspace.db, kind) for kind in GROUP_KINDS},
    )


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.2f} %"


def _points(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:+.2f}"


class _GroupPicker(QWidget):
    """A kind (campaign, platform, …) and a value of it, typed or picked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        for kind, label in kind_labels().items():
            self.kind.addItem(label, kind)
        self.value = QComboBox()
        self.value.setEditable(True)
        self.value.setMinimumWidth(260)
        self.choices: dict[str, list[str]] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.value, 1)
        self.kind.currentIndexChanged.connect(self._fill)

    def set_choices(self, choices: dict[str, list[str]]) -> None:
        self.choices = choices
        self._fill()

    def _fill(self) -> None:
        typed = self.value.currentText()
        self.value.clear()
        self.value.addItems(self.choices.get(self.kind.currentData(), []))
        self.value.setEditText(
            typed if typed in self.choices.get(self.kind.currentData(), []) else ""
        )

    def spec(self) -> GroupSpec | None:
        text = self.value.currentText().strip()
        return GroupSpec(self.kind.currentData(), text) if text else None

    def set_spec(self, spec: GroupSpec) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(spec.kind)))
        self.value.setEditText(spec.value)


class ExperimentsPage(QWidget):
    """Pick A, B and the KPI; see both rates, B − A with its 95 % interval, the p-value and
    the verdict in one sentence; save experiments and see their verdicts."""

    #: An answer (or the saved list) has been shown.
    refreshed = Signal()
    #: A computation failed (the message says why).
    failed = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.connection = KeptWorkspace(workspace.path)
        self.data: ExperimentsData | None = None
        self._running: BackgroundOp | None = None
        self._asked = 0  # which request the newest run answers (older answers are stale)
        self._plot: object | None = None

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<h2 style='margin:0'>{tr('Experiments')}</h2>"))
        hint = QLabel(
            tr(
                "Compare two campaigns, platforms, content types or posts on a rate: is B "
                "really better than A, or is it luck?"
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

        layout.addLayout(self._build_form())

        buttons = QHBoxLayout()
        self.compare_button = QPushButton(tr("Compare"))
        self.compare_button.clicked.connect(self.compare)
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("Name to save it under"))
        self.save_button = QPushButton(tr("Save experiment"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.compare_button)
        buttons.addStretch(1)
        buttons.addWidget(self.name)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)

        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.numbers = QLabel()
        self.numbers.setWordWrap(True)
        layout.addWidget(self.verdict)
        layout.addWidget(self.numbers)
        self.chart_box = QVBoxLayout()
        layout.addLayout(self.chart_box)

        layout.addWidget(QLabel(f"<b>{tr('Saved experiments')}</b>"))
        self.saved_table = QTableWidget(0, 4)
        self.saved_table.setHorizontalHeaderLabels(
            [tr("Name"), tr("A against B"), tr("Measure"), tr("Verdict")]
        )
        self.saved_table.horizontalHeader().setStretchLastSection(True)
        self.saved_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.saved_table.cellDoubleClicked.connect(self._open_saved)
        layout.addWidget(self.saved_table, 1)
        self._run(None)

    def _build_form(self) -> QFormLayout:
        """Group A, group B, the measure and the period."""
        form = QFormLayout()
        self.group_a, self.group_b = _GroupPicker(), _GroupPicker()
        self.kpi = QComboBox()
        for kpi, label in kpi_labels().items():
            self.kpi.addItem(label, kpi)
        self.all_dates = QCheckBox(tr("All dates"))
        self.all_dates.setChecked(True)
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
        self.all_dates.toggled.connect(self._period_toggled)
        period = QHBoxLayout()
        for widget in (self.all_dates, QLabel(tr("from")), self.start, QLabel(tr("to")), self.end):
            period.addWidget(widget)
        period.addStretch(1)
        form.addRow(tr("A"), self.group_a)
        form.addRow(tr("B"), self.group_b)
        form.addRow(tr("Measure"), self.kpi)
        form.addRow(tr("Period"), period)
        return form

    def _period_toggled(self, all_dates: bool) -> None:
        for edit in (self.start, self.end):
            edit.setEnabled(not all_dates)

    # ---------------------------------------------------------------- asking
    def request(self) -> ExperimentRequest | None:
        """The experiment as the inputs say, or None (and a message) when one is missing."""
        a, b = self.group_a.spec(), self.group_b.spec()
        if a is None or b is None:
            self.verdict.setText(tr("Pick group A and group B."))
            return None
        start = end = None
        if not self.all_dates.isChecked():
            start, end = (
                date(d.year(), d.month(), d.day()) for d in (self.start.date(), self.end.date())
            )
            if end < start:
                self.verdict.setText(tr("The period ends before it starts."))
                return None
        return ExperimentRequest(a, b, RateKpi(self.kpi.currentData()), start, end)

    def compare(self) -> None:
        """Run the experiment the inputs describe (in the background)."""
        request = self.request()
        if request is not None:
            self._run(request)

    def save(self) -> None:
        """Save the experiment the inputs describe under its name, then show it listed."""
        request = self.request()
        if request is None:
            return
        name = self.name.text().strip() or f"{request.a.value} / {request.b.value}"
        self.workspace.add_experiment(
            SavedExperiment(name, request.a, request.b, request.kpi, request.start, request.end)
        )
        self.name.clear()
        self._run(request)

    def _run(self, request: ExperimentRequest | None) -> None:
        if self._running is not None:
            self._running.wait()

        self._asked += 1
        asked = self._asked

        def work(workspace: Workspace | None, _progress: Progress) -> ExperimentsData:
            assert workspace is not None
            return compute_experiments(workspace, request)

        self._running = (
            BackgroundOp(self, work, path=self.connection)
            .on_success(lambda data: self._computed(data, asked))
            .on_failure(lambda message: self._failed(message, asked))
            .run()
        )

    def _computed(self, data: ExperimentsData, asked: int) -> None:
        if asked != self._asked:
            return  # a newer request is on its way
        self._running = None
        self.show_data(data)

    def _failed(self, message: str, asked: int) -> None:
        if asked != self._asked:
            return
        self._running = None
        self.verdict.setText(tr("The experiment could not be computed: {}").format(message))
        self.failed.emit(message)

    def wait_for_workers(self) -> None:
        """Block until the running computation's worker has ended (closing, tests)."""
        if self._running is not None:
            self._running.wait()

    def closeEvent(self, event: object) -> None:
        """Let a running computation finish, then close the page's connection."""
        self.wait_for_workers()
        self.connection.close()
        super().closeEvent(event)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- showing (GUI thread)
    def show_data(self, data: ExperimentsData) -> None:
        """Write an answer, the saved experiments and the choices into the widgets."""
        self.data = data
        if data.choices:
            self.group_a.set_choices(data.choices)
            self.group_b.set_choices(data.choices)
        if data.answer is not None:
            self._show_answer(data.answer)
        self._show_saved(data.saved)
        self.refreshed.emit()

    def _show_answer(self, answer: ExperimentAnswer) -> None:
        outcome = answer.outcome
        self.verdict.setText(plain_sentence(outcome, answer.kpi, answer.a, answer.b))
        lines = [
            tr("A: {rate} ({s:,} of {n:,})").format(
                rate=_percent(outcome.rate_a), s=answer.a.successes, n=answer.a.trials
            ),
            tr("B: {rate} ({s:,} of {n:,})").format(
                rate=_percent(outcome.rate_b), s=answer.b.successes, n=answer.b.trials
            ),
        ]
        if outcome.difference is not None:
            lines.append(
                tr("B − A: {d} points, 95 % interval {low} to {high}").format(
                    d=_points(outcome.difference),
                    low=_points(outcome.ci_low),
                    high=_points(outcome.ci_high),
                )
            )
        if outcome.p_value is not None:
            p_value = outcome.p_value
            shown = "< 0.0001" if p_value < 0.0001 else f"{p_value:.4f}"
            meaning = (
                tr("below 0.05: not luck") if p_value < 0.05 else tr("0.05 or more: may be luck")
            )
            lines.append(tr("p-value: {p} ({meaning})").format(p=shown, meaning=meaning))
        if outcome.needed_per_group is not None:
            lines.append(
                tr("To show this difference: {n:,} per group").format(n=outcome.needed_per_group)
            )
        self.numbers.setText("<br>".join(html.escape(line) for line in lines))
        self._draw_interval(outcome)

    def _draw_interval(self, outcome: Outcome) -> None:
        """B − A as a point with its 95 % interval as a bar, and the zero line."""
        import pyqtgraph as pg

        if self._plot is None:
            plot = pg.PlotWidget(background="w")
            plot.setFixedHeight(120)
            plot.hideAxis("left")
            plot.setLabel("bottom", tr("B − A, percentage points"))
            plot.setMouseEnabled(x=False, y=False)
            self.chart_box.addWidget(plot)
            self._plot = plot
        plot = self._plot
        assert isinstance(plot, pg.PlotWidget)
        plot.clear()
        plot.addItem(
            pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine))
        )
        if outcome.difference is None or outcome.ci_low is None or outcome.ci_high is None:
            return
        low, mid, high = (v * 100 for v in (outcome.ci_low, outcome.difference, outcome.ci_high))
        colour = "#2e7d32" if outcome.verdict is not Verdict.NONE else "#9e9e9e"
        plot.plot([low, high], [0, 0], pen=pg.mkPen(colour, width=6))
        plot.plot([mid], [0], pen=None, symbol="o", symbolSize=12, symbolBrush="#1a237e")
        span = max(abs(low), abs(high)) * 1.2 or 1
        plot.setXRange(-span, span)
        plot.setYRange(-1, 1)

    def _show_saved(self, saved: list[tuple[SavedExperiment, ExperimentAnswer]]) -> None:
        self.saved_table.setRowCount(len(saved))
        labels = kpi_labels()
        for row, (experiment, answer) in enumerate(saved):
            cells = [
                experiment.name,
                f"{experiment.a.label()}  /  {experiment.b.label()}",
                labels[experiment.kpi].split(" (")[0],
                plain_sentence(answer.outcome, answer.kpi, answer.a, answer.b),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.saved_table.setItem(row, column, item)
        self.saved_table.resizeColumnsToContents()

    def _open_saved(self, row: int, _column: int) -> None:
        """A saved experiment double-clicked: its inputs back in the form, and its answer."""
        if self.data is None or row >= len(self.data.saved):
            return
        experiment = self.data.saved[row][0]
        self.group_a.set_spec(experiment.a)
        self.group_b.set_spec(experiment.b)
        self.kpi.setCurrentIndex(max(0, self.kpi.findData(experiment.kpi)))
        self.all_dates.setChecked(experiment.start is None and experiment.end is None)
        if experiment.start is not None:
            self.start.setDate(
                QDate(experiment.start.year, experiment.start.month, experiment.start.day)
            )
        if experiment.end is not None:
            self.end.setDate(QDate(experiment.end.year, experiment.end.month, experiment.end.day))
        self.compare()
