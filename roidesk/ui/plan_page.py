"""The Plan page: "If I stop…" (RONI) and the budget planner (SPEC "Looking ahead").

Every change (basis period, platform, months, carry-over, a budget, the exponent) asks for one
computation on a worker (``ui.ops.BackgroundOp`` on a connection of the page's own); the worker
returns plain data (:class:`PlanData`) and only the GUI thread writes it into the widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.figures import LABELS, Figures, Query
from roidesk.core.money import NumberStyle
from roidesk.core.planning import (
    DEFAULT_EXPONENT,
    PAID,
    Projection,
    cannot_scale_reason,
    default_basis,
    project_month,
)
from roidesk.core.problems import InputError
from roidesk.core.records import Settings
from roidesk.core.sensitivity import Swing
from roidesk.engine.planning import StopAnswer
from roidesk.storage import Workspace
from roidesk.ui.clipboard import to_tsv
from roidesk.ui.editors import numbers_of
from roidesk.ui.ops import KeptWorkspace, LatestOnly, Progress
from roidesk.ui.text import tr

#: The projected month's rows: figure name, label (the ROI and total return show a range).
COMPARED = (
    ("cost", "Cost"),
    ("ad_spend", "Advertising cost"),
    ("total_return", "Total return"),
    ("roi_total", "ROI (total)"),
    ("roas", "ROAS"),
    ("leads", "Leads"),
    ("cpl", "CPL"),
)
COLUMNS = ("This month so far", "As in the basis, per month", "With these budgets")


@dataclass(frozen=True)
class PlanRequest:
    """What the page asks the worker (plain values, read on the GUI thread)."""

    basis: tuple[date, date]
    today: date
    stop_platform: str | None
    months: int
    carry_over: Decimal
    budgets: dict[str, Decimal]
    exponent: Decimal


@dataclass(frozen=True)
class PlanData:
    """The worker's answer: plain data for the GUI thread to show."""

    request: PlanRequest
    settings: Settings
    #: every platform of the basis period and its advertising cost per month (0: cannot scale)
    platforms: list[tuple[str, Decimal]]
    stop: StopAnswer | None
    stop_error: str
    this_month: Figures
    as_basis: Projection | None
    planned: Projection | None
    plan_error: str
    problems: dict[str, str] = field(default_factory=dict)  # platform → why it cannot scale
    #: platforms with advertising cost but no paid results in the basis: a budget moves cost only
    unpaid: set[str] = field(default_factory=set)
    #: ROI (total) of the basis period and each valuation's swing from its low to its high
    basis_roi: Decimal | None = None
    swings: list[Swing] = field(default_factory=list)


def compute_plan(workspace: Workspace, request: PlanRequest) -> PlanData:
    """Everything the page shows for a request (worker thread: no widgets here)."""
    from roidesk.engine import planning, summarize
    from roidesk.engine.sensitivity import roi_sensitivity
    from roidesk.engine.state import context

    today = request.today
    found = planning.plan_basis(workspace, request.basis, today)
    platforms = planning.planned_platforms(found)
    problems = {
        name: cannot_scale_reason(name, *request.basis)
        for name, monthly in platforms
        if not monthly
    }
    paid = {
        (part.platform or "").casefold()
        for part in found.parts
        if part.source == PAID and any(part.counts.values())
    }
    unpaid = {name for name, monthly in platforms if monthly and name.casefold() not in paid}
    stop, stop_error = None, ""
    if request.stop_platform:
        try:
            stop = planning.plan_stop(
                workspace,
                request.stop_platform,
                request.months,
                request.carry_over,
                request.basis,
                today,
            )
        except InputError as error:
            stop_error = str(error)
    valuations = context(workspace, today).valuations
    budgets = {p: v for p, v in request.budgets.items() if p not in problems}
    as_basis = planned = None
    plan_error = ""
    try:
        as_basis = project_month(found, {}, valuations, today, request.exponent)
        planned = project_month(found, budgets, valuations, today, request.exponent)
    except InputError as error:
        plan_error = str(error)
    return PlanData(
        request=request,
        settings=context(workspace, today).settings,
        platforms=platforms,
        stop=stop,
        stop_error=stop_error,
        this_month=planning.this_month(workspace, today),
        as_basis=as_basis,
        planned=planned,
        plan_error=plan_error,
        problems=problems,
        unpaid=unpaid,
        basis_roi=summarize(workspace, Query(*request.basis), today).roi_total,
        swings=roi_sensitivity(workspace, Query(*request.basis), today),
    )


def _explained(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555;")
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class PlanPage(QWidget):
    """ "If I stop…" and the budget planner, recomputed in the background as you type."""

    #: The figures shown answer the inputs as they are now.
    refreshed = Signal()
    #: A computation failed (the message says why).
    failed = Signal(str)

    def __init__(
        self, workspace: Workspace, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._today = today
        self.connection = KeptWorkspace(workspace.path)
        self.data: PlanData | None = None
        self.latest = LatestOnly(self, self.connection, self._compute)
        self.budget_spins: dict[str, QDoubleSpinBox] = {}
        self._budget_rows: list[QWidget] = []
        self._spins_for: tuple[tuple[date, date], tuple[str, ...]] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._compute)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(QLabel(f"<h2 style='margin:0'>{tr('Plan')}</h2>"))
        layout.addWidget(
            _explained(
                tr(
                    "Look ahead from your own history: what stopping a platform would cost, "
                    "and what a new monthly advertising budget would bring."
                )
            )
        )
        layout.addWidget(self._basis_box())
        layout.addWidget(self._stop_box())
        layout.addWidget(self._budget_box())
        layout.addWidget(self._swing_box())
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.refresh()

    # ---------------------------------------------------------------- the inputs
    def _basis_box(self) -> QGroupBox:
        box = QGroupBox(tr("Basis period"))
        form = QFormLayout(box)
        start, end = default_basis(self._today())
        self.basis_from = QDateEdit(_qdate(start))
        self.basis_to = QDateEdit(_qdate(end))
        row = QHBoxLayout()
        for edit in (self.basis_from, self.basis_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(lambda _d: self.refresh())
        row.addWidget(self.basis_from)
        row.addWidget(QLabel("–"))
        row.addWidget(self.basis_to)
        row.addStretch(1)
        form.addRow(tr("From – to"), row)
        form.addRow(
            _explained(
                tr(
                    "Both plans assume the months ahead look like these, per month: their "
                    "costs, results and returns (by default the last three whole months; a "
                    "part of a month counts as that part)."
                )
            )
        )
        return box

    def _stop_box(self) -> QGroupBox:
        box = QGroupBox(tr("If I stop…"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.stop_platform = QComboBox()
        self.stop_platform.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.stop_platform.setMinimumContentsLength(12)
        self.stop_platform.currentIndexChanged.connect(lambda _i: self.refresh())
        form.addRow(tr("Platform"), self.stop_platform)
        form.addRow(_explained(tr("The platform you would stop: all its costs and returns.")))
        self.stop_months = QSpinBox()
        self.stop_months.setRange(1, 36)
        self.stop_months.setValue(3)
        self.stop_months.valueChanged.connect(lambda _v: self.refresh())
        form.addRow(tr("Months"), self.stop_months)
        form.addRow(_explained(tr("How long you would stop it.")))
        self.carry_over = QDoubleSpinBox()
        self.carry_over.setRange(0, 100)
        self.carry_over.setDecimals(0)
        self.carry_over.setSingleStep(5)
        self.carry_over.setSuffix(" %")
        self.carry_over.valueChanged.connect(lambda _v: self.refresh())
        form.addRow(tr("Carry-over"), self.carry_over)
        form.addRow(
            _explained(
                tr(
                    "The share of the return you expect to keep coming without spending "
                    "(customers who would find you anyway, a long lag before buying)."
                )
            )
        )
        self.cost_saved = QLabel("—")
        self.return_lost = QLabel("—")
        self.roni = QLabel("—")
        self.roni.setStyleSheet("font-weight: bold;")
        self.stop_verdict = _explained("")
        form.addRow(tr("Cost saved"), self.cost_saved)
        form.addRow(tr("Return lost"), self.return_lost)
        form.addRow(tr("RONI (what stopping costs)"), self.roni)
        form.addRow(self.stop_verdict)
        return box

    def _budget_box(self) -> QGroupBox:
        box = QGroupBox(tr("Budget planner"))
        layout = QVBoxLayout(box)
        layout.addWidget(
            _explained(
                tr(
                    "A monthly advertising budget per platform: its paid results and their "
                    "revenue follow the budget with diminishing returns; everything else stays "
                    "as in the basis, valued with today's valuations."
                )
            )
        )
        self.budget_grid = QGridLayout()
        self.budget_grid.setColumnStretch(2, 1)
        layout.addLayout(self.budget_grid)
        exponent_row = QHBoxLayout()
        self.exponent = QDoubleSpinBox()
        self.exponent.setRange(0.05, 1.0)
        self.exponent.setDecimals(2)
        self.exponent.setSingleStep(0.05)
        self.exponent.setValue(float(DEFAULT_EXPONENT))
        self.exponent.valueChanged.connect(lambda _v: self.refresh())
        exponent_row.addWidget(QLabel(tr("Diminishing returns (exponent)")))
        exponent_row.addWidget(self.exponent)
        exponent_row.addStretch(1)
        layout.addLayout(exponent_row)
        layout.addWidget(
            _explained(
                tr(
                    "Paid results grow as (new budget ÷ basis budget) to this power: 1 means "
                    "twice the money brings twice the results; 0.8 (the default) a little less."
                )
            )
        )
        self.plan_message = QLabel()
        self.plan_message.setWordWrap(True)
        self.plan_message.setStyleSheet("color: #8a5a00;")
        layout.addWidget(self.plan_message)
        grid = QGridLayout()
        self.compared: dict[tuple[str, int], QLabel] = {}
        for column, title in enumerate(COLUMNS, start=1):
            header = QLabel(f"<b>{tr(title)}</b>")
            header.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(header, 0, column)
        for row, (name, label) in enumerate(COMPARED, start=1):
            grid.addWidget(QLabel(tr(label)), row, 0)
            for column in range(1, len(COLUMNS) + 1):
                cell = QLabel("—")
                cell.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(cell, row, column)
                self.compared[(name, column)] = cell
        layout.addLayout(grid)
        copy_row = QHBoxLayout()
        self.copy_button = QPushButton(tr("Copy"))
        self.copy_button.setToolTip(tr("Copy this table as tab-separated text, for Excel"))
        self.copy_button.clicked.connect(self.copy_plan)
        copy_row.addWidget(self.copy_button)
        copy_row.addStretch(1)
        layout.addLayout(copy_row)
        return box

    def _swing_box(self) -> QGroupBox:
        box = QGroupBox(tr("What moves ROI most"))
        layout = QVBoxLayout(box)
        layout.addWidget(
            _explained(
                tr(
                    "ROI (total) of the basis period with one valuation at its low and then at "
                    "its high value, the others at their value: the longest bar is the guess "
                    "that matters most. A valuation without a low or high is not shown."
                )
            )
        )
        self.swing_chart = SwingChart()
        layout.addWidget(self.swing_chart)
        return box

    def request(self) -> PlanRequest:
        """The inputs as they are now (GUI thread)."""
        platform = self.stop_platform.currentData()
        return PlanRequest(
            basis=(_pydate(self.basis_from.date()), _pydate(self.basis_to.date())),
            today=self._today(),
            stop_platform=platform if isinstance(platform, str) else None,
            months=self.stop_months.value(),
            carry_over=Decimal(str(round(self.carry_over.value()))) / 100,
            budgets={
                name: Decimal(str(round(spin.value(), 2)))
                for name, spin in self.budget_spins.items()
                if spin.isEnabled()
            },
            exponent=Decimal(str(round(self.exponent.value(), 2))),
        )

    # ---------------------------------------------------------------- computing
    def refresh(self) -> None:
        """Recompute once the current event is handled (changes made together: one run)."""
        self._timer.start(0)

    def refresh_now(self) -> PlanData:
        """Compute and show at once in this thread (screenshots, benchmarks)."""
        self._timer.stop()
        data = compute_plan(self.workspace, self.request())
        self.show_data(data)
        if self._timer.isActive():  # the budgets were just filled in: answer with them
            self._timer.stop()
            data = compute_plan(self.workspace, self.request())
            self.show_data(data)
        return data

    def _compute(self) -> None:
        self._timer.stop()
        if self.latest.busy():
            return
        request = self.request()
        if request.basis[1] < request.basis[0]:
            self.plan_message.setText(tr("The basis period ends before it starts."))
            return

        def work(workspace: Workspace | None, _progress: Progress) -> PlanData:
            assert workspace is not None
            return compute_plan(workspace, request)

        self.latest.run(work, self.show_data, self._failed)

    def _failed(self, message: str) -> None:
        self.plan_message.setText(tr("The plan could not be computed: {}").format(message))
        self.failed.emit(message)

    def wait_for_workers(self) -> None:
        """Block until the running computation's worker has ended (closing, tests)."""
        self.latest.wait()

    def showEvent(self, event: object) -> None:
        """Shown again: recompute (the workspace may have changed meanwhile; the engine's
        cache answers at once when it did not)."""
        super().showEvent(event)  # type: ignore[arg-type]
        if self.data is not None:
            self.refresh()

    def closeEvent(self, event: object) -> None:
        """Let a running computation finish, then close the page's connection."""
        self.wait_for_workers()
        self.connection.close()
        super().closeEvent(event)  # type: ignore[arg-type]

    def plan_table(self) -> list[list[str]]:
        """The projected month's table as shown: a header row, then one row per figure."""
        rows = [["", *(tr(title) for title in COLUMNS)]]
        for name, label in COMPARED:
            cells = [self.compared[(name, column)].text() for column in range(1, len(COLUMNS) + 1)]
            rows.append([tr(label), *cells])
        return rows

    def copy_plan(self) -> None:
        """Put the projected month's table on the clipboard as tab-separated text."""
        QGuiApplication.clipboard().setText(to_tsv(self.plan_table()))

    # ---------------------------------------------------------------- showing (GUI thread)
    def show_data(self, data: PlanData) -> None:
        """Write an answer into the widgets."""
        self.data = data
        numbers = numbers_of(data.settings)
        self._fill_platforms(data)
        if self._fill_budgets(data):
            self.refresh()  # the spin boxes now hold the basis budgets: compute with them
        self._show_stop(data, numbers)
        self._show_budget(data, numbers)
        self.swing_chart.set_swings(
            [(tr(LABELS.get(s.metric, s.metric)), s.roi_low, s.roi_high) for s in data.swings],
            data.basis_roi,
            lambda value: numbers.figure("roi_total", value),
        )
        self.refreshed.emit()

    def _fill_platforms(self, data: PlanData) -> None:
        names = [name for name, _monthly in data.platforms]
        current = [self.stop_platform.itemData(i) for i in range(self.stop_platform.count())]
        if names == current:
            return
        chosen = self.stop_platform.currentData()
        self.stop_platform.blockSignals(True)
        self.stop_platform.clear()
        for name in names:
            self.stop_platform.addItem(name, name)
        index = self.stop_platform.findData(chosen)
        self.stop_platform.setCurrentIndex(max(index, 0))
        self.stop_platform.blockSignals(False)
        if self.stop_platform.currentData() != data.request.stop_platform:
            self.refresh()

    def _fill_budgets(self, data: PlanData) -> bool:
        """One spin box per platform, holding its basis budget per month; rebuilt when the
        basis or its platforms change. True when the values changed."""
        key = (data.request.basis, tuple(name for name, _ in data.platforms))
        if key == self._spins_for:
            return False
        self._spins_for = key
        for widget in self._budget_rows:
            self.budget_grid.removeWidget(widget)
            widget.deleteLater()
        self._budget_rows = []
        self.budget_spins = {}
        money = numbers_of(data.settings).money
        for row, (name, monthly) in enumerate(data.platforms):
            spin = QDoubleSpinBox()
            spin.setRange(0, 10_000_000)
            spin.setDecimals(2)
            spin.setSingleStep(50)
            spin.setSuffix(f" {data.settings.currency}")
            spin.setMinimumWidth(140)
            spin.setValue(float(monthly.quantize(Decimal("0.01"))))
            spin.setEnabled(monthly > 0)
            spin.valueChanged.connect(lambda _v: self.refresh())
            note = (
                tr("now {amount} a month").format(amount=money(monthly))
                if monthly > 0
                else data.problems.get(name, "")
            )
            if name in data.unpaid:
                note += " · " + tr(
                    "no paid results in the basis period: a budget changes its cost only"
                )
            hint = _explained(note)
            for column, widget in enumerate((QLabel(name), spin, hint)):
                self.budget_grid.addWidget(widget, row, column)
                self._budget_rows.append(widget)
            self.budget_spins[name] = spin
        return True

    def _show_stop(self, data: PlanData, numbers: NumberStyle) -> None:
        stop = data.stop
        if stop is None:
            for label in (self.cost_saved, self.return_lost, self.roni):
                label.setText("—")
            self.stop_verdict.setText(data.stop_error or tr("No platform in the basis period."))
            return
        result = stop.result
        self.cost_saved.setText(numbers.money(result.cost_saved))
        self.return_lost.setText(numbers.money(result.return_lost))
        text = numbers.money(result.roni)
        if result.roni_low != result.roni_high:
            text += "  " + tr("(range {low} to {high})").format(
                low=numbers.money(result.roni_low), high=numbers.money(result.roni_high)
            )
        self.roni.setText(text)
        if result.roni > 0:
            verdict = tr("Stopping would cost you more than it saves.")
        elif result.roni < 0:
            verdict = tr("Stopping would save more than it costs.")
        else:
            verdict = tr("Stopping would save as much as it costs.")
        self.stop_verdict.setText(verdict)

    def _show_budget(self, data: PlanData, numbers: NumberStyle) -> None:
        self.plan_message.setText(data.plan_error)
        columns = (
            data.this_month,
            *(p.figures if p else None for p in (data.as_basis, data.planned)),
        )
        for column, figures in enumerate(columns, start=1):
            for name, _label in COMPARED:
                self.compared[(name, column)].setText(self._cell(numbers, name, figures))

    @staticmethod
    def _cell(numbers: NumberStyle, name: str, figures: Figures | None) -> str:
        if figures is None:
            return "—"
        text = numbers.figure(name, getattr(figures, name))
        if name in ("total_return", "roi_total"):
            low, high = getattr(figures, f"{name}_low"), getattr(figures, f"{name}_high")
            if low is not None and high is not None and low != high:
                text += "  " + tr("({low} to {high})").format(
                    low=numbers.figure(name, low), high=numbers.figure(name, high)
                )
        return text


class SwingChart(QWidget):
    """Horizontal bars, one per valuation: ROI (total) from its low to its high value, with a
    mark at the ROI of the basis period (``bars`` holds what is drawn: label, low, high)."""

    ROW = 26
    LABEL_WIDTH = 150

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, Decimal, Decimal]] = []
        self.roi: Decimal | None = None
        self._text: Callable[[Decimal], str] = str
        self.set_swings([], None, str)

    def set_swings(
        self,
        bars: list[tuple[str, Decimal, Decimal]],
        roi: Decimal | None,
        text: Callable[[Decimal], str],
    ) -> None:
        """Show these bars (largest first) around the basis period's ROI."""
        self.bars, self.roi, self._text = bars, roi, text
        self.setMinimumHeight(self.ROW * max(len(bars), 1) + 8)
        self.setToolTip(
            "\n".join(f"{label}: {text(low)} to {text(high)}" for label, low, high in bars)
        )
        self.update()

    def paintEvent(self, _event: object) -> None:
        """Draw the bars, or say why there are none."""
        painter = QPainter(self)
        palette = QApplication.palette()
        painter.setPen(palette.text().color())
        if not self.bars:
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                tr("No valuation has a low or high value (or ROI is not defined)."),
            )
            return
        values = [v for _, low, high in self.bars for v in (low, high)]
        if self.roi is not None:
            values.append(self.roi)
        least, most = min(values), max(values)
        spread = (most - least) or Decimal(1)
        left, width = self.LABEL_WIDTH, max(self.width() - self.LABEL_WIDTH - 170, 40)

        def x(value: Decimal) -> float:
            return left + float((value - least) / spread) * width

        for row, (label, low, high) in enumerate(self.bars):
            top = 4 + row * self.ROW
            painter.setPen(palette.text().color())
            painter.drawText(
                QRectF(0, top, left - 8, self.ROW - 6),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            bar = QRectF(x(low), top, max(x(high) - x(low), 2.0), self.ROW - 6)
            painter.fillRect(bar, QColor("#4c78a8"))
            painter.drawText(
                QRectF(bar.right() + 6, top, 170, self.ROW - 6),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{self._text(low)} – {self._text(high)}",
            )
        if self.roi is not None:
            painter.setPen(QPen(QColor("#333333"), 1, Qt.PenStyle.DashLine))
            painter.drawLine(int(x(self.roi)), 0, int(x(self.roi)), 4 + len(self.bars) * self.ROW)
