"""The main window: a sidebar of pages (Dashboard, the editors, Settings), the menus, one undo
stack for every edit, and a status bar with the period's cost, return and ROI.

Start-up stays fast: the window paints with the editors only; the dashboard (pyqtgraph) and the
figures in the status bar are built right after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QTextEdit,
    QWidget,
)

from roidesk.core.money import NumberStyle, with_decimal_mark
from roidesk.storage import Workspace, WorkspaceError
from roidesk.ui import editor_specs as specs
from roidesk.ui.commands import SnapshotCommand, discard_snapshot, snapshot
from roidesk.ui.dialogs import (
    SPREADSHEET_FILTER,
    WORKBOOK_FILTER,
    WORKSPACE_FILTER,
    Dialogs,
    FiguresHelp,
    about_text,
)
from roidesk.ui.editors import (
    GoalsPage,
    ResultsPage,
    SettingsPage,
    TablePage,
    ValuationsPage,
    numbers_of,
    system_locale,
)
from roidesk.ui.parsing import plain_decimal
from roidesk.ui.record_model import RecordTableModel
from roidesk.ui.results_model import ResultsTableModel
from roidesk.ui.text import tr
from roidesk.ui.workers import JobRunner

MAX_RECENT = 8
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")


class MainWindow(QMainWindow):
    """The top-level window showing one workspace."""

    #: The open workspace changed (File ▸ New / Open).
    workspace_changed = Signal(object)
    #: Data in the workspace changed (an edit, undo, redo or import).
    data_changed = Signal()
    #: The window was painted for the first time (start-up measurements use it).
    first_painted = Signal()

    def __init__(
        self,
        workspace: Workspace,
        settings: QSettings | None = None,
        dialogs: Dialogs | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.qsettings = settings if settings is not None else QSettings()
        self.dialogs = dialogs or Dialogs()
        self.today = today
        self.undo_stack = QUndoStack(self)
        self.jobs = JobRunner(self)
        self.snapshots: list[Path] = []
        self.pages: dict[str, QWidget] = {}
        self.models: dict[str, RecordTableModel] = {}
        self._goal_status: dict[Any, Any] | None = None
        self._painted = False
        self._closed = False
        self._figures_timer = QTimer(self)
        self._figures_timer.setSingleShot(True)
        self._figures_timer.setInterval(150)
        self._figures_timer.timeout.connect(self.refresh_figures)
        self._help: FiguresHelp | None = None

        self.setAcceptDrops(True)
        self._set_icon()
        self.sidebar = QListWidget()
        self.sidebar.setFixedWidth(170)
        self.sidebar.setSpacing(2)
        self.sidebar.setIconSize(QSize(16, 16))
        self.stack = QStackedWidget()
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.currentRowChanged.connect(self._page_shown)

        self.figures_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.hide()
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.figures_label)
        self.jobs.busy_changed.connect(lambda count: self.busy.setVisible(count > 0))
        self.undo_stack.indexChanged.connect(self._data_changed)

        self._build_actions()
        self._build_menus()
        self._build_pages()
        self._update_title()
        self._remember(workspace.path)
        self.resize(1280, 800)
        geometry = self.qsettings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.qsettings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self.installEventFilter(self)

    # ------------------------------------------------------------------ start-up
    def _set_icon(self) -> None:
        try:
            from roidesk.resources import icon_paths
        except ImportError:
            return
        icon = QIcon()
        try:
            for path in icon_paths():
                icon.addFile(str(path))
        except FileNotFoundError:
            return
        self.setWindowIcon(icon)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After the first paint: build the dashboard and compute the status-bar figures."""
        if watched is self and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)
        return super().eventFilter(watched, event)

    def _after_first_paint(self) -> None:
        if self._closed:  # closed before the deferred build ran: its workspace may be too
            return
        self.first_painted.emit()
        self._add_dashboard_page()
        self.refresh_figures()

    # ------------------------------------------------------------------ pages
    def numbers(self) -> NumberStyle:
        """How the workspace writes numbers: its locale setting, else the system's, else its
        currency's (the status bar, the tables and the dashboard alike)."""
        settings = self._settings_cache
        return numbers_of(settings)

    def _money_text(self, value: Decimal) -> str:
        """Money in the workspace's currency and marks (read when shown: settings may change)."""
        return self.numbers().money(value)

    def _decimal_text(self, value: Decimal) -> str:
        """A number that is not money (hours, a goal's target) in the workspace's mark."""
        return with_decimal_mark(plain_decimal(value), self.numbers().decimal_comma)

    def _build_pages(self) -> None:
        """One page per editor, over the open workspace; the dashboard page comes first."""
        ws = self.workspace
        self._settings_cache = ws.settings()
        self.context = specs.EditorContext(ws, self.today)
        money = self._money_text

        def currency() -> str:
            return self._settings_cache.currency

        def model(name: str, built: tuple[Any, Any]) -> RecordTableModel:
            store, columns = built
            made = RecordTableModel(
                store,
                columns,
                self.undo_stack,
                currency,
                money,
                self,
                self._decimal_text,
                percent_text=lambda value: self.numbers().percent(value),
            )
            self.models[name] = made
            return made

        self._add_page("dashboard", tr("Dashboard"), QLabel(tr("Loading the dashboard…")))
        campaigns = model("campaigns", specs.campaign_editor(self.context))
        self._add_page(
            "campaigns",
            tr("Campaigns"),
            TablePage(
                tr("Campaigns"),
                tr("A new campaign runs three months from today; change any cell in place."),
                campaigns,
            ),
        )
        goals = model("goals", specs.goal_editor(self.context, self._goal_status_text))
        self._add_page(
            "goals",
            tr("Goals"),
            GoalsPage(
                tr("Goals"),
                tr(
                    "SMART goals per campaign: move a KPI from its baseline to a target by a "
                    "deadline. Progress and pace are computed from your data up to today."
                ),
                goals,
            ),
        )
        costs = model("costs", specs.cost_editor(self.context, money))
        self._add_page(
            "costs",
            tr("Costs"),
            TablePage(
                tr("Costs"),
                tr(
                    "Money or time: give an Amount, or Hours and an Hourly rate. An End date "
                    "spreads a cost over days; Repeat monthly until a date for subscriptions."
                ),
                costs,
            ),
        )
        results = ResultsTableModel(
            ws,
            specs.result_store(self.context),
            specs.result_columns(self.context),
            self.undo_stack,
            currency,
            money,
            self,
        )
        self.models["results"] = results
        self._add_page("results", tr("Results"), ResultsPage(results, self.context))
        valuations = model("valuations", specs.valuation_editor(self.context))
        self._add_page(
            "valuations",
            tr("Valuations"),
            ValuationsPage(
                valuations,
                self.context,
                money,
                count_text=lambda value: self.numbers().count(value),
            ),
        )
        others = model("other_returns", specs.other_return_editor(self.context))
        self._add_page(
            "other_returns",
            tr("Other returns"),
            TablePage(
                tr("Other returns"),
                tr(
                    "Money social media brought outside the result rows: a deal closed after a "
                    "LinkedIn conversation, support cost saved."
                ),
                others,
            ),
        )
        clients = model("clients", specs.client_editor(self.context))
        self._add_page(
            "clients",
            tr("Clients"),
            TablePage(
                tr("Clients"),
                tr("For agencies: group campaigns by the client they are for."),
                clients,
            ),
        )
        settings_page = SettingsPage(ws, self.undo_stack)
        settings_page.settings_changed.connect(self._settings_changed)
        settings_page.problem.connect(self.show_problem)
        self._add_page("settings", tr("Settings"), settings_page)
        for page in self.pages.values():
            if isinstance(page, TablePage):
                page.problem.connect(self.show_problem)
        for made in self.models.values():
            made.records_changed.connect(self._records_changed)
        # The dashboard is the answer the owner came for: show it first (its placeholder paints
        # at once; the charts are built after the first paint).
        start = self.qsettings.value("window/page", "dashboard")
        self.show_page(start if isinstance(start, str) and start in self.pages else "dashboard")

    def _add_page(self, name: str, title: str, widget: QWidget) -> None:
        self.pages[name] = widget
        self.stack.addWidget(widget)
        QListWidgetItem(title, self.sidebar)

    def _set_page_widget(self, name: str, widget: QWidget) -> None:
        """Replace a page's widget (the dashboard replaces its placeholder)."""
        old = self.pages[name]
        position = self.stack.indexOf(old)
        current = self.stack.currentIndex()
        self.stack.removeWidget(old)
        old.deleteLater()
        self.stack.insertWidget(position, widget)
        self.pages[name] = widget
        self.stack.setCurrentIndex(current)

    def _add_dashboard_page(self) -> None:
        """The first page: ``roidesk.ui.dashboard.DashboardWidget``, built after the first paint
        (it imports pyqtgraph). Without the module the page says so."""
        try:
            from roidesk.ui.dashboard import DashboardWidget
        except ImportError:
            widget: QWidget = QLabel(tr("The dashboard is not part of this build yet."))
            widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
        else:
            widget = DashboardWidget(
                self.workspace, self, today=self.today, locale_hint=system_locale()
            )
        self._set_page_widget("dashboard", widget)

    def page_names(self) -> list[str]:
        """The pages in sidebar order."""
        return list(self.pages)

    def show_page(self, name: str) -> None:
        """Bring a page to the front."""
        self.sidebar.setCurrentRow(self.page_names().index(name))

    def current_page(self) -> QWidget:
        """The page in front."""
        return self.stack.currentWidget()

    def _page_shown(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            name = self.page_names()[row]
            self.qsettings.setValue("window/page", name)
            page = self.pages[name]
            if isinstance(page, ValuationsPage):
                page.refresh()

    # ------------------------------------------------------------------ actions and menus
    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        key = QKeySequence.StandardKey
        self.actions_by_name: dict[str, QAction] = {
            "new": self._action(tr("&New Workspace…"), self.new_workspace, key.New),
            "open": self._action(tr("&Open…"), self.open_workspace_dialog, key.Open),
            "save_copy": self._action(tr("Save a &Copy As…"), self.save_copy_dialog, key.SaveAs),
            "import": self._action(tr("&Import…"), self.import_dialog, "Ctrl+I"),
            "export": self._action(tr("&Export Workbook…"), self.export_dialog, "Ctrl+E"),
            "template": self._action(tr("Blank &Template…"), self.template_dialog),
            "report": self._action(tr("&Report…"), self.open_report, key.Print),
            "quit": self._action(tr("&Quit"), self.close, key.Quit),
            "add": self._action(tr("&Add Row"), self.add_row, "Ctrl+Ins"),
            "delete": self._action(tr("&Delete Rows"), self.delete_rows, key.Delete),
            "clear": self._action(tr("C&lear Cells"), self.clear_cells, "Backspace"),
            "copy": self._action(tr("&Copy"), self.copy, key.Copy),
            "paste": self._action(tr("&Paste"), self.paste, key.Paste),
            "find": self._action(tr("&Find…"), self.find, key.Find),
            "refresh": self._action(tr("&Refresh Figures"), self.refresh_all, key.Refresh),
            "full_screen": self._action(
                tr("&Full Screen"), self._toggle_full_screen, key.FullScreen
            ),
            "about": self._action(tr("&About roidesk"), self.show_about),
            "figures_help": self._action(
                tr("&What the Figures Mean"), self.show_figures_help, key.HelpContents
            ),
        }
        self.undo_action = self.undo_stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcuts(key.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcuts(key.Redo)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        named = self.actions_by_name
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(named["new"])
        file_menu.addAction(named["open"])
        self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addAction(named["save_copy"])
        file_menu.addSeparator()
        for name in ("import", "export", "template", "report"):
            file_menu.addAction(named[name])
        file_menu.addSeparator()
        file_menu.addAction(named["quit"])
        edit = bar.addMenu(tr("&Edit"))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        for name in ("add", "delete", "clear"):
            edit.addAction(named[name])
        edit.addSeparator()
        for name in ("copy", "paste", "find"):
            edit.addAction(named[name])
        self.view_menu = bar.addMenu(tr("&View"))
        self.period_menu = self.view_menu.addMenu(tr("Status Bar &Period"))
        self._build_period_menu()
        self.view_menu.addAction(named["refresh"])
        self.view_menu.addAction(named["full_screen"])
        self.view_menu.addSeparator()
        self.page_actions: list[QAction] = []
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(named["figures_help"])
        help_menu.addAction(named["about"])
        self._fill_recent_menu()

    def _build_period_menu(self) -> None:
        saved = self.qsettings.value("status/period", "last_12_months")
        self.period = saved if isinstance(saved, str) else "last_12_months"
        from PySide6.QtGui import QActionGroup

        group = QActionGroup(self)
        for key, text in (
            ("this_month", tr("This month")),
            ("last_month", tr("Last month")),
            ("this_year", tr("This year")),
            ("last_12_months", tr("Last 12 months")),
            ("all", tr("All time")),
        ):
            action = QAction(text, self, checkable=True)
            action.setChecked(key == self.period)
            action.triggered.connect(lambda _=False, k=key: self.set_period(k))
            group.addAction(action)
            self.period_menu.addAction(action)

    def _add_page_actions(self) -> None:
        for action in self.page_actions:
            self.view_menu.removeAction(action)
        self.page_actions = []
        for number, name in enumerate(self.page_names(), start=1):
            title = self.sidebar.item(number - 1).text()
            action = self._action(
                title, lambda n=name: self.show_page(n), f"Ctrl+{number}" if number < 10 else None
            )
            self.view_menu.addAction(action)
            self.page_actions.append(action)

    def showEvent(self, event: Any) -> None:
        """Fill the View menu with the pages (once they exist)."""
        if not self.page_actions:
            self._add_page_actions()
        super().showEvent(event)

    # ------------------------------------------------------------------ status bar
    def period_range(self) -> tuple[date | None, date | None, str]:
        """The status bar's period: start, end and its name."""
        today = self.today()
        first = today.replace(day=1)
        if self.period == "this_month":
            return first, today, tr("This month")
        if self.period == "last_month":
            end = first - timedelta(days=1)
            return end.replace(day=1), end, tr("Last month")
        if self.period == "this_year":
            return today.replace(month=1, day=1), today, tr("This year")
        if self.period == "all":
            return None, None, tr("All time")
        from roidesk.core.periods import preset_period

        start, end = preset_period("last 12 months", today)  # the dashboard's definition too
        return start, end, tr("Last 12 months")

    def set_period(self, key: str) -> None:
        """Choose the status bar's period."""
        self.period = key
        self.qsettings.setValue("status/period", key)
        self.refresh_figures()

    def refresh_figures(self) -> None:
        """Show the period's cost, return and ROI (from the engine) in the status bar."""
        start, end, name = self.period_range()
        try:
            from roidesk.core.figures import Query
            from roidesk.engine import summarize
        except ImportError:
            self.figures_label.setText(
                tr("{period}: cost — · return — · ROI —").format(period=name)
            )
            return
        figures = summarize(self.workspace, Query(start=start, end=end), self.today())
        numbers = self.numbers()
        self.figures_label.setText(
            tr("{period}: cost {cost} · return {ret} · ROI {roi}").format(
                period=name,
                cost=numbers.money(figures.cost),
                ret=numbers.money(figures.total_return),
                roi=numbers.percent(figures.roi_total),
            )
        )

    def show_problem(self, message: str) -> None:
        """A refused value or a failed step: said once in the status bar, never a dialog."""
        self.statusBar().showMessage(message, 10_000)

    # ------------------------------------------------------------------ change propagation
    def _records_changed(self) -> None:
        sender = self.sender()
        if sender in (self.models.get("campaigns"), self.models.get("clients")):
            self.context.refresh()
            results_page = self.pages.get("results")
            if isinstance(results_page, ResultsPage):
                results_page.refresh_choices()

    def _data_changed(self) -> None:
        self._goal_status = None
        goals = self.models.get("goals")
        if goals is not None and goals.rowCount():
            goals.dataChanged.emit(
                goals.index(0, 0), goals.index(goals.rowCount() - 1, goals.columnCount() - 1)
            )
        self._figures_timer.start()
        self.data_changed.emit()
        dashboard = self.pages.get("dashboard")
        refresh = getattr(dashboard, "refresh", None)
        if callable(refresh):
            refresh()

    def _settings_changed(self) -> None:
        self._settings_cache = self.workspace.settings()
        self._update_title()
        for made in self.models.values():
            if made.rowCount():
                made.dataChanged.emit(
                    made.index(0, 0), made.index(made.rowCount() - 1, made.columnCount() - 1)
                )

    def _goal_status_text(self, goal: Any, field: str) -> str:
        if self._goal_status is None:
            try:
                from roidesk.engine import goal_statuses

                self._goal_status = {
                    s.goal.id: s for s in goal_statuses(self.workspace, self.today())
                }
            except ImportError:
                self._goal_status = {}
        status = self._goal_status.get(goal.id)
        value = getattr(status, field, None) if status is not None else None
        if value is None:
            return "—"
        numbers = self.numbers()
        if field in ("progress", "pace"):
            return numbers.percent(value)
        from roidesk.engine.goals import figure_name

        return numbers.figure(figure_name(goal.kpi), value)

    def refresh_all(self) -> None:
        """Read everything again from the file (after an import, undo of an import, F5)."""
        self._settings_cache = self.workspace.settings()
        self.context.refresh()
        for made in self.models.values():
            made.reload()
        settings_page = self.pages.get("settings")
        if isinstance(settings_page, SettingsPage):
            settings_page.load()
        results_page = self.pages.get("results")
        if isinstance(results_page, ResultsPage):
            results_page.refresh_choices()
        self._update_title()
        self._data_changed()

    # ------------------------------------------------------------------ workspace files
    def _update_title(self) -> None:
        name = self.workspace.settings().business_name
        self.setWindowTitle(
            tr("{name} — {file} — roidesk").format(name=name, file=self.workspace.path.name)
        )

    def recent_files(self) -> list[str]:
        """Recently opened workspaces, newest first."""
        value = self.qsettings.value("recent_files", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def _remember(self, path: Path) -> None:
        path_text = str(Path(path).resolve())
        recent = [p for p in self.recent_files() if p != path_text]
        self.qsettings.setValue("recent_files", [path_text, *recent][:MAX_RECENT])
        self.qsettings.setValue("last_workspace", path_text)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu: QMenu = self.recent_menu
        menu.clear()
        for path in self.recent_files():
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _=False, p=path: self.open_workspace(Path(p)))
        if not menu.actions():
            menu.addAction(tr("(none)")).setEnabled(False)

    def set_workspace(self, workspace: Workspace) -> None:
        """Show another workspace: pages are rebuilt, undo history starts afresh."""
        if self.jobs.running:
            self.jobs.wait_all()
        self.undo_stack.clear()
        self._discard_snapshots()
        old = self.workspace
        self.workspace = workspace
        while self.stack.count():
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        self.sidebar.blockSignals(False)
        self.pages.clear()
        for made in self.models.values():
            made.deleteLater()
        self.models.clear()
        self._goal_status = None
        self._build_pages()
        self._add_page_actions()
        if self._painted:
            self._add_dashboard_page()
        old.close()
        self._update_title()
        self._remember(workspace.path)
        self.refresh_figures()
        self.workspace_changed.emit(workspace)

    def open_workspace(self, path: Path) -> bool:
        """Open a workspace file in this window; a file that cannot be opened is reported."""
        try:
            workspace = Workspace.open(path)
        except (WorkspaceError, OSError) as error:
            self.dialogs.error(self, tr("Cannot open the workspace"), str(error))
            return False
        self.set_workspace(workspace)
        return True

    def open_workspace_dialog(self) -> None:
        """File ▸ Open."""
        path = self.dialogs.open_path(self, tr("Open a workspace"), WORKSPACE_FILTER)
        if path is not None:
            self.open_workspace(path)

    def new_workspace(self) -> None:
        """File ▸ New: an empty workspace in a file the user names."""
        path = self.dialogs.save_path(
            self, tr("New workspace"), WORKSPACE_FILTER, "My business.roidesk"
        )
        if path is None:
            return
        if path.suffix != ".roidesk":
            path = path.with_suffix(".roidesk")
        try:
            if path.exists():
                if path.resolve() == self.workspace.path.resolve():
                    raise WorkspaceError(tr("That is the workspace open now."))
                path.unlink()  # the save dialog asked before overwriting
            workspace = Workspace.create(path)
        except (WorkspaceError, OSError) as error:
            self.dialogs.error(self, tr("Cannot create the workspace"), str(error))
            return
        self.set_workspace(workspace)

    def save_copy_dialog(self) -> None:
        """File ▸ Save a Copy As: a consistent copy; the open file stays the open one."""
        suggested = self.workspace.path.with_name(self.workspace.path.stem + " copy.roidesk")
        path = self.dialogs.save_path(self, tr("Save a copy"), WORKSPACE_FILTER, str(suggested))
        if path is None:
            return
        try:
            self.workspace.save_copy(path)
        except (OSError, WorkspaceError) as error:
            self.dialogs.error(self, tr("Cannot save the copy"), str(error))
            return
        self.statusBar().showMessage(tr("Saved a copy as {path}").format(path=path), 8000)

    # ------------------------------------------------------------------ import and export
    def import_dialog(self) -> None:
        """File ▸ Import…: choose a file; workbooks import at once, exports go to the wizard."""
        path = self.dialogs.open_path(self, tr("Import a spreadsheet"), SPREADSHEET_FILTER)
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Import a spreadsheet as one undoable step.

        A workspace workbook is imported at once in the background; anything else (a platform
        export) opens the import wizard, when this build has it.
        """
        before = snapshot(self.workspace)

        def work(workspace: Workspace | None) -> list[str] | None:
            from roidesk.sheets.importing import import_files
            from roidesk.sheets.workbook import read_contract_sheets

            assert workspace is not None
            if path.suffix.lower() not in (".xlsx", ".xlsm") or read_contract_sheets(path) is None:
                return None  # not a workspace workbook: the wizard's work
            return list(import_files(workspace, [path]))

        def done(lines: list[str] | None) -> None:
            if lines is None:
                self.open_import_wizard(path, before)
            else:
                self._import_done(before, path.name, lines)

        self.statusBar().showMessage(tr("Importing {name}…").format(name=path.name))
        self.jobs.start(
            self.workspace.path,
            work,
            done,
            lambda message: self._import_failed(before, path.name, message),
        )

    def open_import_wizard(self, path: Path | None, before: Path | None = None) -> QWidget | None:
        """The import wizard for a platform export (window-modal, never blocking the loop)."""
        try:
            from roidesk.ui.import_wizard import ImportWizard
        except ImportError:
            if before is not None:
                discard_snapshot(before)
            self.show_problem(tr("Only workspace workbooks can be imported in this build."))
            return None
        before = before or snapshot(self.workspace)
        wizard = ImportWizard(self.workspace.path, path, self)
        landed: list[int] = []
        wizard.imported.connect(landed.append)

        def closed(_result: int) -> None:
            if landed:
                self._import_done(before, path.name if path else wizard.windowTitle(), [])
            else:
                discard_snapshot(before)
            wizard.deleteLater()

        wizard.finished.connect(closed)
        wizard.open()
        self.import_wizard = wizard
        return wizard

    def _import_done(self, before: Path, name: str, lines: list[str]) -> None:
        after = snapshot(self.workspace)
        self.snapshots += [before, after]
        self.undo_stack.push(
            SnapshotCommand(
                self.workspace,
                before,
                after,
                self.refresh_all,
                tr("Import {name}").format(name=name),
            )
        )
        self.refresh_all()
        summary = "; ".join(lines) if lines else tr("Imported {name}").format(name=name)
        self.statusBar().showMessage(summary, 15_000)

    def _import_failed(self, before: Path, name: str, message: str) -> None:
        discard_snapshot(before)
        self.statusBar().showMessage(
            tr("Nothing was imported from {name}: {message}").format(
                name=name, message=message.splitlines()[0] if message else ""
            ),
            15_000,
        )
        self.dialogs.error(self, tr("Nothing was imported from {name}").format(name=name), message)

    def export_dialog(self) -> None:
        """File ▸ Export Workbook… (written in the background)."""
        path = self.dialogs.save_path(
            self,
            tr("Export the workspace workbook"),
            WORKBOOK_FILTER,
            str(self.workspace.path.with_suffix(".xlsx")),
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the workspace workbook in a worker with its own connection."""

        def work(workspace: Workspace | None) -> Path:
            from roidesk.sheets.workbook import export_workbook

            assert workspace is not None
            export_workbook(workspace, path)
            return path

        self.jobs.start(self.workspace.path, work, self._written, self._write_failed)

    def template_dialog(self) -> None:
        """File ▸ Blank Template…"""
        path = self.dialogs.save_path(
            self, tr("Save the blank template"), WORKBOOK_FILTER, "roidesk template.xlsx"
        )
        if path is None:
            return

        def work(_workspace: Workspace | None) -> Path:
            from roidesk.sheets.workbook import write_template

            write_template(path)
            return path

        self.jobs.start(None, work, self._written, self._write_failed)

    def _written(self, path: Path) -> None:
        self.statusBar().showMessage(tr("Wrote {path}").format(path=path), 10_000)

    def _write_failed(self, message: str) -> None:
        self.dialogs.error(self, tr("Cannot write the file"), message)

    def open_report(self) -> None:
        """File ▸ Report…"""
        try:
            from roidesk.ui.report_dialog import open_report_dialog
        except ImportError:
            self.show_problem(tr("Client reports are not part of this build yet."))
            return
        open_report_dialog(self, self.workspace)

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept spreadsheets dragged onto the window."""
        if _dropped_spreadsheets(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import each dropped spreadsheet."""
        files = _dropped_spreadsheets(event)
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        for path in files:
            self.import_file(path)

    # ------------------------------------------------------------------ edit menu
    def _table_page(self) -> TablePage | None:
        page = self.current_page()
        return page if isinstance(page, TablePage) else None

    @staticmethod
    def _text_focus() -> QWidget | None:
        focus = QGuiApplication.focusObject()
        if isinstance(focus, (QLineEdit, QAbstractSpinBox, QTextEdit)):
            return focus
        return None

    def add_row(self) -> None:
        """Edit ▸ Add Row."""
        page = self._table_page()
        if page is not None:
            page.add_row()

    def delete_rows(self) -> None:
        """Edit ▸ Delete Rows (in a text box: delete the character)."""
        focus = self._text_focus()
        if isinstance(focus, QLineEdit):
            focus.del_()
            return
        page = self._table_page()
        if page is not None:
            page.delete_selected()

    def clear_cells(self) -> None:
        """Edit ▸ Clear Cells (in a text box: backspace)."""
        focus = self._text_focus()
        if isinstance(focus, QLineEdit):
            focus.backspace()
            return
        page = self._table_page()
        if page is not None:
            page.clear_selected_cells()

    def copy(self) -> None:
        """Edit ▸ Copy: the selected cells as tab-separated text (or the text box's text)."""
        focus = self._text_focus()
        if isinstance(focus, QLineEdit):
            focus.copy()
            return
        page = self._table_page()
        if page is not None:
            text = page.copy_text()
            if text:
                QGuiApplication.clipboard().setText(text)

    def paste(self) -> None:
        """Edit ▸ Paste: a tab-separated block at the current cell (or into the text box)."""
        focus = self._text_focus()
        if isinstance(focus, QLineEdit):
            focus.paste()
            return
        page = self._table_page()
        if page is not None:
            page.paste_text(QGuiApplication.clipboard().text())

    def find(self) -> None:
        """Edit ▸ Find: the current editor's filter box."""
        page = self._table_page()
        if page is not None:
            page.focus_find()

    # ------------------------------------------------------------------ help and closing
    def show_about(self) -> None:
        """Help ▸ About."""
        self.dialogs.information(self, tr("About roidesk"), about_text(self.workspace.path))

    def show_figures_help(self) -> None:
        """Help ▸ What the figures mean (a window that stays open beside the work)."""
        if self._help is None:
            self._help = FiguresHelp(self)
        self._help.show()
        self._help.raise_()

    def _toggle_full_screen(self) -> None:
        self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)

    def _discard_snapshots(self) -> None:
        for path in self.snapshots:
            discard_snapshot(path)
        self.snapshots.clear()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember geometry, state and the workspace; wait for background work."""
        self.jobs.wait_all()
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.qsettings.setValue("window/state", self.saveState())
        self.qsettings.setValue("last_workspace", str(self.workspace.path.resolve()))
        self.qsettings.sync()
        self.undo_stack.clear()
        self._discard_snapshots()
        # a closed window refreshes no figures: clearing the undo stack (or an edit just
        # before closing) scheduled one, which ran on the workspace after it was closed
        self._figures_timer.stop()
        self._closed = True
        super().closeEvent(event)


def _dropped_spreadsheets(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [f for f in files if f.suffix.lower() in SPREADSHEET_SUFFIXES]
