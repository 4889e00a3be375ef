"""The File menu's work: new, open (a workspace, or a spreadsheet to import), save a copy,
recent files, import (one undoable step), export, the blank template and the report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMenu, QWidget

from roidesk.core.records import ImportBatch
from roidesk.storage import AlteredWorkspace, Workspace, WorkspaceError, drop_foreign_objects
from roidesk.ui.commands import SnapshotCommand, discard_snapshot, snapshot
from roidesk.ui.dialogs import (
    OPEN_FILTER,
    SPREADSHEET_FILTER,
    WORKBOOK_FILTER,
    WORKSPACE_FILTER,
    file_filter,
)
from roidesk.ui.import_wizard import ImportWizard
from roidesk.ui.ops import BackgroundOp, Progress
from roidesk.ui.report_dialog import open_report_dialog
from roidesk.ui.text import tr

if TYPE_CHECKING:
    from roidesk.ui.main_window import MainWindow

MAX_RECENT = 8
SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def is_spreadsheet(path: Path) -> bool:
    """Whether ``path`` is a file roidesk imports (rather than a workspace)."""
    return path.suffix.lower() in SPREADSHEET_SUFFIXES


def dropped_spreadsheets(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The spreadsheets among the files dragged onto the window."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    files = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [f for f in files if is_spreadsheet(f)]


class FileActions(QObject):
    """What File ▸ … does in one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        #: The import snapshots the undo stack refers to (deleted when it is cleared).
        self.snapshots: list[Path] = []
        self.import_wizard: ImportWizard | None = None

    # ------------------------------------------------------------------ background work
    def run(self, op: BackgroundOp) -> BackgroundOp:
        """Start background work with the status bar's busy indicator."""
        status = self.window.status
        status.job_started()
        return op.when_ended(status.job_ended).run()

    # ------------------------------------------------------------------ workspace files
    def open_path(self, path: Path) -> bool:
        """Open a workspace in this window, or offer to import a spreadsheet into the open
        one; a workspace that cannot be opened is reported and the open one stays."""
        window = self.window
        if is_spreadsheet(path):
            question = tr(
                "{name} is a spreadsheet, not a roidesk workspace. Import it into the open "
                "workspace?"
            ).format(name=path.name)
            if window.dialogs.ask(window, tr("Import the spreadsheet?"), question):
                self.import_file(path)
                return True
            return False
        try:
            workspace = self._open_or_repair(path)
        except (WorkspaceError, OSError) as error:
            window.dialogs.error(window, tr("Cannot open the workspace"), str(error))
            return False
        if workspace is None:
            return False
        window.set_workspace(workspace)
        return True

    def _open_or_repair(self, path: Path) -> Workspace | None:
        """Open a workspace; one another program altered in a way roidesk can undo (foreign
        triggers, views, indexes) is repaired first when the user agrees (None: declined)."""
        try:
            return Workspace.open(path)
        except AlteredWorkspace as altered:
            if not altered.repairable:
                raise
            window = self.window
            question = tr(
                "{name} was changed by another program: {what}.\n\nroidesk can remove what "
                "it added and open the file (a backup is made beside it first; no data is "
                "touched). Repair and open it?"
            ).format(name=path.name, what="; ".join(altered.problems))
            if not window.dialogs.ask(window, tr("Repair the workspace?"), question):
                return None
            done = drop_foreign_objects(path)
            window.dialogs.information(
                window,
                tr("Workspace repaired"),
                tr("{name} was repaired:\n{done}").format(
                    name=path.name, done="\n".join(f"• {line}" for line in done)
                ),
            )
            return Workspace.open(path)

    def open_dialog(self) -> None:
        """File ▸ Open."""
        path = self.window.dialogs.open_path(
            self.window, tr("Open a workspace"), file_filter(OPEN_FILTER)
        )
        if path is not None:
            self.open_path(path)

    def new_workspace(self) -> None:
        """File ▸ New: an empty workspace in a file the user names."""
        window = self.window
        path = window.dialogs.save_path(
            window, tr("New workspace"), file_filter(WORKSPACE_FILTER), tr("My business.roidesk")
        )
        if path is None:
            return
        if path.suffix != ".roidesk":
            path = path.with_suffix(".roidesk")
        try:
            if path.exists():
                if path.resolve() == window.workspace.path.resolve():
                    raise WorkspaceError(tr("That is the workspace open now."))
                path.unlink()  # the save dialog asked before overwriting
            workspace = Workspace.create(path)
        except (WorkspaceError, OSError) as error:
            window.dialogs.error(window, tr("Cannot create the workspace"), str(error))
            return
        window.set_workspace(workspace)

    def save_copy_dialog(self) -> None:
        """File ▸ Save a Copy As: a consistent copy; the open file stays the open one."""
        window = self.window
        current = window.workspace.path
        suggested = current.with_name(current.stem + tr(" copy") + ".roidesk")
        path = window.dialogs.save_path(
            window, tr("Save a copy"), file_filter(WORKSPACE_FILTER), str(suggested)
        )
        if path is None:
            return
        try:
            window.workspace.save_copy(path)
        except (OSError, WorkspaceError) as error:
            window.dialogs.error(window, tr("Cannot save the copy"), str(error))
            return
        window.statusBar().showMessage(tr("Saved a copy as {path}").format(path=path), 8000)

    def recent_files(self) -> list[str]:
        """Recently opened workspaces, newest first."""
        value = self.window.qsettings.value("recent_files", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    def remember(self, path: Path) -> None:
        """Put ``path`` first among the recent files; it is the one to open next time."""
        path_text = str(Path(path).resolve())
        recent = [p for p in self.recent_files() if p != path_text]
        settings = self.window.qsettings
        settings.setValue("recent_files", [path_text, *recent][:MAX_RECENT])
        settings.setValue("last_workspace", path_text)
        self.fill_recent_menu()

    def fill_recent_menu(self) -> None:
        """File ▸ Open Recent: the recent files (those gone greyed out)."""
        menu: QMenu = self.window.recent_menu
        menu.clear()
        for path in self.recent_files():
            action = menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.setData(path)
            action.setEnabled(Path(path).exists())
            action.triggered.connect(lambda _=False, p=path: self.open_path(Path(p)))
        if not menu.actions():
            menu.addAction(tr("(none)")).setEnabled(False)

    # ------------------------------------------------------------------ import
    def import_dialog(self) -> None:
        """File ▸ Import…: choose a file; workbooks import at once, exports go to the wizard."""
        window = self.window
        path = window.dialogs.open_path(
            window, tr("Import a spreadsheet"), file_filter(SPREADSHEET_FILTER)
        )
        if path is not None:
            self.import_file(path)

    def import_file(self, path: Path) -> None:
        """Import a spreadsheet as one undoable step: a workspace workbook at once in the
        background, a platform export through the import wizard."""
        window = self.window
        if window.refuse_if_read_only():
            return
        before = snapshot(window.workspace)

        def work(workspace: Workspace | None, _progress: Progress) -> list[str] | None:
            from roidesk.sheets.importing import import_files
            from roidesk.sheets.workbook import read_contract_sheets

            assert workspace is not None
            if path.suffix.lower() not in (".xlsx", ".xlsm") or read_contract_sheets(path) is None:
                return None  # not a workspace workbook: the wizard's work
            return list(import_files(workspace, [path]))

        def done(lines: list[str] | None) -> None:
            if lines is None:
                window.statusBar().clearMessage()  # the wizard says what happens from here
                self.open_import_wizard(path, before)
            else:
                self._import_done(before, path.name, lines)

        window.statusBar().showMessage(tr("Importing {name}…").format(name=path.name))
        self.run(
            BackgroundOp(window, work, path=window.workspace.path)
            .on_success(done)
            .on_failure(lambda message: self._import_failed(before, path.name, message))
        )

    def open_import_wizard(
        self, path: Path | None, before: Path | None = None, *, replace: bool = False
    ) -> QWidget:
        """The import wizard for a platform export (window-modal, never blocking the loop);
        ``replace``: the file's earlier import is to be replaced (Import Again)."""
        window = self.window
        before = before or snapshot(window.workspace)
        wizard = ImportWizard(
            window.workspace.path, path, window, replace=replace, numbers=window.numbers()
        )
        landed: list[int] = []
        wizard.imported.connect(landed.append)

        def closed(_result: int) -> None:
            if landed:
                self._import_done(before, path.name if path else wizard.windowTitle(), [])
            else:
                discard_snapshot(before)
                window.statusBar().showMessage(
                    tr("Nothing was imported from {name}").format(
                        name=path.name if path else tr("the file")
                    ),
                    15_000,
                )
            wizard.deleteLater()

        wizard.finished.connect(closed)
        wizard.open()
        self.import_wizard = wizard
        return wizard

    def _push_snapshot(self, before: Path, text: str) -> None:
        """One undoable step from the file as it was (``before``) to the file as it is now."""
        window = self.window
        after = snapshot(window.workspace)
        self.snapshots += [before, after]
        window.undo_stack.push(
            SnapshotCommand(window.workspace, before, after, window.refresh_all, text)
        )
        window.refresh_all()

    def _import_done(self, before: Path, name: str, lines: list[str]) -> None:
        window = self.window
        self._push_snapshot(before, tr("Import {name}").format(name=name))
        summary = "; ".join(lines) if lines else tr("Imported {name}").format(name=name)
        window.statusBar().showMessage(summary, 15_000)

    def _import_failed(self, before: Path, name: str, message: str) -> None:
        discard_snapshot(before)
        window = self.window
        window.statusBar().showMessage(
            tr("Nothing was imported from {name}: {message}").format(
                name=name, message=message.splitlines()[0] if message else ""
            ),
            15_000,
        )
        window.dialogs.error(
            window, tr("Nothing was imported from {name}").format(name=name), message
        )

    def remove_import(self, batch: ImportBatch) -> None:
        """Take an import's results and costs out again, as one undoable step (the whole file
        before and after, as the import itself)."""
        window = self.window
        if window.refuse_if_read_only() or batch.id is None:
            return
        results, costs = window.workspace.batch_contents().get(batch.id, (0, 0))
        before = snapshot(window.workspace)
        try:
            window.workspace.delete_import_batch(batch.id)
        except WorkspaceError as error:
            discard_snapshot(before)
            window.show_problem(str(error))
            return
        self._push_snapshot(before, tr("Remove Import of {name}").format(name=batch.source))
        window.statusBar().showMessage(
            tr(
                "Removed the import of {name}: {results} results and {costs} costs taken out"
            ).format(name=batch.source, results=f"{results:,}", costs=f"{costs:,}"),
            15_000,
        )

    def import_again(self, batch: ImportBatch) -> QWidget | None:
        """Choose the file of an import again and open the wizard on it, replacing that
        import (its mapping can be changed on the way)."""
        window = self.window
        if window.refuse_if_read_only():
            return None
        path = window.dialogs.open_path(
            window,
            tr("Choose {name} to import it again").format(name=batch.source),
            file_filter(SPREADSHEET_FILTER),
        )
        if path is None:
            return None
        return self.open_import_wizard(path, replace=True)

    def discard_snapshots(self) -> None:
        """Delete the import snapshots (the undo stack that used them was cleared)."""
        for path in self.snapshots:
            discard_snapshot(path)
        self.snapshots.clear()

    # ------------------------------------------------------------------ export and report
    def export_dialog(self) -> None:
        """File ▸ Export Workbook… (written in the background)."""
        window = self.window
        path = window.dialogs.save_path(
            window,
            tr("Export the workspace workbook"),
            file_filter(WORKBOOK_FILTER),
            str(window.workspace.path.with_suffix(".xlsx")),
        )
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        """Write the workspace workbook in the background on a connection of its own."""

        def work(workspace: Workspace | None, _progress: Progress) -> Path:
            from roidesk.sheets.workbook import export_workbook

            assert workspace is not None
            export_workbook(workspace, path)
            return path

        self.run(
            BackgroundOp(self.window, work, path=self.window.workspace.path)
            .on_success(self._written)
            .on_failure(self._write_failed)
        )

    def template_dialog(self) -> None:
        """File ▸ Blank Template…"""
        window = self.window
        path = window.dialogs.save_path(
            window,
            tr("Save the blank template"),
            file_filter(WORKBOOK_FILTER),
            tr("roidesk template.xlsx"),
        )
        if path is None:
            return

        def work(_workspace: Workspace | None, _progress: Progress) -> Path:
            from roidesk.sheets.workbook import write_template

            write_template(path)
            return path

        self.run(
            BackgroundOp(window, work).on_success(self._written).on_failure(self._write_failed)
        )

    def _written(self, path: Path) -> None:
        self.window.statusBar().showMessage(tr("Wrote {path}").format(path=path), 10_000)

    def _write_failed(self, message: str) -> None:
        self.window.dialogs.error(self.window, tr("Cannot write the file"), message)

    def open_report(self) -> Any:
        """File ▸ Report…"""
        return open_report_dialog(self.window, self.window.workspace)
