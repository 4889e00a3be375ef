"""The main window: a sidebar of pages (Dashboard, the editors, Settings), the menus, one undo
stack for every edit, a banner when the workspace is read-only, and the status bar.

The pages are built by :mod:`roidesk.ui.pages`, File ▸ … is :mod:`roidesk.ui.file_actions`,
the status bar :mod:`roidesk.ui.status_bar`. Start-up stays fast: the window paints with the
editors only; the dashboard (pyqtgraph) and the status-bar figures come right after.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
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
)
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from roidesk.core.money import NumberStyle, with_decimal_mark
from roidesk.engine import goal_statuses
from roidesk.engine.goals import figure_name
from roidesk.resources import icon_paths
from roidesk.storage import Workspace
from roidesk.ui.banner import Banner, read_only_message
from roidesk.ui.commands import EditStack
from roidesk.ui.dialogs import Dialogs, FiguresHelp, about_text
from roidesk.ui.editors import TablePage, date_order_of, numbers_of
from roidesk.ui.file_actions import FileActions, dropped_spreadsheets
from roidesk.ui.imports_page import ImportsPage
from roidesk.ui.ops import wait_for_ops
from roidesk.ui.pages import Formats, build_dashboard, build_editor_pages
from roidesk.ui.parsing import plain_decimal
from roidesk.ui.record_model import RecordTableModel
from roidesk.ui.results_page import ResultsPage
from roidesk.ui.settings_page import SettingsPage
from roidesk.ui.status_bar import FiguresStatus
from roidesk.ui.text import tr
from roidesk.ui.valuations_page import ValuationsPage

#: Actions that change the workspace (disabled while it is read-only).
WRITING_ACTIONS = ("import", "add", "delete", "clear", "paste")


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
        self.undo_stack = EditStack(self)
        self.pages: dict[str, QWidget] = {}
        self.models: dict[str, RecordTableModel] = {}
        self._goal_status: dict[Any, Any] | None = None
        self._painted = False
        self._closed = False
        self._help: FiguresHelp | None = None
        self.setAcceptDrops(True)
        self._set_icon()
        self._build_frame()
        self.status = FiguresStatus(
            self.statusBar(), self.qsettings, lambda: self.workspace, self.numbers, today
        )
        self.figures_label = self.status.label
        self._figures_timer = self.status.timer
        self.files = FileActions(self)
        self.undo_stack.indexChanged.connect(self._data_changed)
        self.undo_stack.refused.connect(self.show_problem)
        self._build_actions()
        self._build_menus()
        self._build_pages()
        self._show_read_only()
        self._update_title()
        self.files.remember(workspace.path)
        self._restore_geometry()
        self.installEventFilter(self)

    # ------------------------------------------------------------------ start-up
    def _set_icon(self) -> None:
        icon = QIcon()
        for path in icon_paths():
            icon.addFile(str(path))
        self.setWindowIcon(icon)

    def _build_frame(self) -> None:
        """The banner across the top; under it the sidebar beside the stack of pages."""
        self.banner = Banner()
        self.sidebar = QListWidget()
        self.sidebar.setFixedWidth(170)
        self.sidebar.setSpacing(2)
        self.sidebar.setIconSize(QSize(16, 16))
        self.stack = QStackedWidget()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.banner)
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        column.addLayout(row, 1)
        self.setCentralWidget(central)
        self.sidebar.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.sidebar.currentRowChanged.connect(self._page_shown)

    def _restore_geometry(self) -> None:
        self.resize(1280, 800)
        geometry = self.qsettings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.qsettings.value("window/state")
        if state is not None:
            self.restoreState(state)

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
        self._set_page_widget("dashboard", build_dashboard(self.workspace, self.today))
        self.refresh_figures()
        self.tell_notice()

    def tell_notice(self) -> None:
        """Say once what opening the workspace did to it (an earlier development build's file
        converted, with its backup), in a message box."""
        notice, self.workspace.notice = self.workspace.notice, None
        if notice:
            self.dialogs.information(self, tr("Workspace converted"), notice)

    # ------------------------------------------------------------------ numbers
    def numbers(self) -> NumberStyle:
        """How the workspace writes numbers: its locale setting, else the system's, else its
        currency's (the status bar, the tables and the dashboard alike)."""
        return numbers_of(self._settings_cache)

    def _formats(self) -> Formats:
        """How the editors write values (read when shown: the settings may change)."""

        def decimal_text(value: Decimal) -> str:
            return with_decimal_mark(plain_decimal(value), self.numbers().decimal_comma)

        return Formats(
            currency=lambda: self._settings_cache.currency,
            money=lambda value: self.numbers().money(value),
            decimal=decimal_text,
            percent=lambda value: self.numbers().percent(value),
            count=lambda value: self.numbers().count(value),
            date_order=lambda: date_order_of(self._settings_cache),
        )

    # ------------------------------------------------------------------ pages
    def _build_pages(self) -> None:
        """One page per editor over the open workspace; the dashboard page comes first (a
        placeholder until the first paint)."""
        self._settings_cache = self.workspace.settings()
        built = build_editor_pages(
            self.workspace,
            self.undo_stack,
            self.today,
            self._formats(),
            self._goal_status_text,
            self,
        )
        self.context = built.context
        self.models = built.models
        self._add_page("dashboard", tr("Dashboard"), QLabel(tr("Loading the dashboard…")))
        for name, title, page in built.pages:
            self._add_page(name, title, page)
            if isinstance(page, (TablePage, SettingsPage)):
                page.problem.connect(self.show_problem)
            if isinstance(page, TablePage):
                page.remember_widths(self.qsettings)
            if isinstance(page, SettingsPage):
                page.settings_changed.connect(self._settings_changed)
            if isinstance(page, ImportsPage):
                page.remove_requested.connect(self.files.remove_import)
                page.reimport_requested.connect(self.files.import_again)
        for made in self.models.values():
            made.records_changed.connect(self._records_changed)
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

    def page_names(self) -> list[str]:
        """The pages in sidebar order."""
        return list(self.pages)

    def show_page(self, name: str) -> None:
        """Bring a page to the front."""
        self.sidebar.setCurrentRow(self.page_names().index(name))

    def current_page(self) -> QWidget:
        """The page in front."""
        page = self.stack.currentWidget()
        assert page is not None  # the window always has pages
        return page

    def _page_shown(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            name = self.page_names()[row]
            self.qsettings.setValue("window/page", name)
            page = self.pages[name]
            if isinstance(page, (ValuationsPage, ImportsPage)):
                page.refresh()

    # ------------------------------------------------------------------ actions and menus
    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)
        elif shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        key, files = QKeySequence.StandardKey, self.files
        self.actions_by_name: dict[str, QAction] = {
            "new": self._action(tr("&New Workspace…"), files.new_workspace, key.New),
            "open": self._action(tr("&Open…"), files.open_dialog, key.Open),
            "save_copy": self._action(tr("Save a &Copy As…"), files.save_copy_dialog, key.SaveAs),
            "import": self._action(tr("&Import…"), files.import_dialog, "Ctrl+I"),
            "export": self._action(tr("&Export Workbook…"), files.export_dialog, "Ctrl+E"),
            "template": self._action(tr("Blank &Template…"), files.template_dialog),
            "report": self._action(tr("&Report…"), files.open_report, key.Print),
            "quit": self._action(tr("&Quit"), self.close, key.Quit),
            # not Ctrl+Ins: that is one of Copy's standard keys (an ambiguous shortcut)
            "add": self._action(tr("&Add Row"), self.add_row, "Ctrl++"),
            "delete": self._action(tr("&Delete Rows"), self.delete_rows, key.Delete),
            "clear": self._action(tr("C&lear Cells"), self.clear_cells, "Backspace"),
            "copy": self._action(tr("&Copy"), self.copy, key.Copy),
            "paste": self._action(tr("&Paste"), self.paste, key.Paste),
            "find": self._action(tr("&Find…"), self.find_rows, key.Find),
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
        bar, named = self.menuBar(), self.actions_by_name
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(named["new"])
        file_menu.addAction(named["open"])
        self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self.files.fill_recent_menu)
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
        self.status.fill_period_menu(self.view_menu.addMenu(tr("Status Bar &Period")))
        self.view_menu.addAction(named["refresh"])
        self.view_menu.addAction(named["full_screen"])
        self.view_menu.addSeparator()
        self.page_actions: list[QAction] = []
        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(named["figures_help"])
        help_menu.addAction(named["about"])

    def _add_page_actions(self) -> None:
        for action in self.page_actions:
            self.view_menu.removeAction(action)
        self.page_actions = []
        for number, name in enumerate(self.page_names(), start=1):
            title = self.sidebar.item(number - 1).text()
            action = self._action(
                title,
                lambda n=name: self.show_page(n),  # type: ignore[misc]
                f"Ctrl+{number}" if number < 10 else None,
            )
            self.view_menu.addAction(action)
            self.page_actions.append(action)

    def showEvent(self, event: Any) -> None:
        """Fill the View menu with the pages (once they exist)."""
        if not self.page_actions:
            self._add_page_actions()
        super().showEvent(event)

    # ------------------------------------------------------------------ status bar
    def set_period(self, key: str) -> None:
        """Choose the status bar's period."""
        self.status.set_period(key)

    def refresh_figures(self) -> None:
        """Show the period's cost, return and ROI in the status bar."""
        self.status.refresh()

    def show_problem(self, message: str) -> None:
        """A refused value or a failed step: said once in the status bar, never a dialog."""
        self.statusBar().showMessage(message, 10_000)

    # ------------------------------------------------------------------ read-only workspaces
    def _show_read_only(self) -> None:
        """A read-only workspace: the banner says so, every edit and import is refused."""
        read_only = bool(getattr(self.workspace, "read_only", False))
        message = read_only_message(self.workspace) if read_only else None
        self.banner.say(message)
        self.undo_stack.refusal = message
        for name in WRITING_ACTIONS:
            self.actions_by_name[name].setEnabled(not read_only)
        for made in self.models.values():
            made.read_only = read_only
        for page in self.pages.values():
            if isinstance(page, TablePage):
                page.add_button.setEnabled(not read_only)
                page.delete_button.setEnabled(not read_only)
            elif isinstance(page, SettingsPage):
                page.setEnabled(not read_only)

    def refuse_if_read_only(self) -> bool:
        """True (and the reason in the status bar) when the workspace cannot be changed."""
        if self.undo_stack.refusal is None:
            return False
        self.show_problem(self.undo_stack.refusal)
        return True

    # ------------------------------------------------------------------ change propagation
    def _records_changed(self) -> None:
        sender = self.sender()
        if sender in (self.models.get("campaigns"), self.models.get("clients")):
            self.context.refresh()
            results_page = self.pages.get("results")
            if isinstance(results_page, ResultsPage):
                results_page.refresh_choices()

    def _data_changed(self) -> None:
        if self._closed:  # clearing the undo stack on closing: nothing left to show
            return
        self._goal_status = None
        goals = self.models.get("goals")
        if goals is not None and goals.rowCount():
            goals.dataChanged.emit(
                goals.index(0, 0), goals.index(goals.rowCount() - 1, goals.columnCount() - 1)
            )
        self.status.refresh_soon()
        self.data_changed.emit()
        imports = self.pages.get("imports")
        if isinstance(imports, ImportsPage) and imports.isVisible():
            imports.refresh()
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
            statuses = goal_statuses(self.workspace, self.today())
            self._goal_status = {s.goal.id: s for s in statuses}
        status = self._goal_status.get(goal.id)
        value = getattr(status, field, None) if status is not None else None
        if value is None:
            return "—"
        numbers = self.numbers()
        if field in ("progress", "pace"):
            return numbers.percent(value)
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

    # ------------------------------------------------------------------ the open workspace
    def _update_title(self) -> None:
        name = self.workspace.settings().business_name
        self.setWindowTitle(
            tr("{name} — {file} — roidesk").format(name=name, file=self.workspace.path.name)
        )

    def set_workspace(self, workspace: Workspace) -> None:
        """Show another workspace: pages are rebuilt, undo history starts afresh."""
        wait_for_ops(self)
        self.undo_stack.clear()
        self.files.discard_snapshots()
        old = self.workspace
        self.workspace = workspace
        while self.stack.count():
            widget = self.stack.widget(0)
            assert widget is not None
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.sidebar.blockSignals(True)
        self.sidebar.clear()
        self.sidebar.blockSignals(False)
        self.pages.clear()
        for made in self.models.values():
            made.deleteLater()
        self.models = {}
        self._goal_status = None
        self._build_pages()
        self._add_page_actions()
        self._show_read_only()
        if self._painted:
            self._set_page_widget("dashboard", build_dashboard(self.workspace, self.today))
        old.close()
        self._update_title()
        self.files.remember(workspace.path)
        self.refresh_figures()
        self.workspace_changed.emit(workspace)
        if self._painted:
            self.tell_notice()

    def import_file(self, path: Any) -> None:
        """Import a spreadsheet (File ▸ Import…, a drop) as one undoable step."""
        self.files.import_file(path)

    # ------------------------------------------------------------------ drag and drop
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept spreadsheets dragged onto the window."""
        if dropped_spreadsheets(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import each dropped spreadsheet."""
        files = dropped_spreadsheets(event)
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

    def find_rows(self) -> None:
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

    def closeEvent(self, event: QCloseEvent) -> None:
        """Remember geometry, state and the workspace; wait for background work."""
        wait_for_ops(self)
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        self.qsettings.setValue("window/state", self.saveState())
        self.qsettings.setValue("last_workspace", str(self.workspace.path.resolve()))
        self.qsettings.sync()
        self._closed = True
        self.undo_stack.clear()
        self.files.discard_snapshots()
        # a closed window refreshes no figures: clearing the undo stack (or an edit just
        # before closing) scheduled one, which ran on the workspace after it was closed
        self.status.stop()
        super().closeEvent(event)
