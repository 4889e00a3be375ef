"""File ▸ Report…: choose a period (default: the last full month), a client, PDF or workbook,
and a file; the report is written in the background (:mod:`roidesk.ui.ops`) on a connection of
its own."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from roidesk.sheets.report import ReportRequest, last_full_month, write_report
from roidesk.storage import Workspace
from roidesk.ui.ops import BackgroundOp, Progress
from roidesk.ui.text import tr


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


#: The formats offered: (suffix, what the user reads), the designed PDF first.
FORMATS = (("pdf", "PDF document (.pdf)"), ("xlsx", "Excel workbook (.xlsx)"))


def default_report_path(workspace_path: Path, name: str, start: date, suffix: str = "xlsx") -> Path:
    """``<workspace folder>/<name> report <YYYY-MM>.xlsx`` with a file-system-safe name."""
    safe = re.sub(r'[<>:"/\\|?*\x00-\x1f]', " ", name).strip(" .") or "roidesk"
    return workspace_path.parent / f"{' '.join(safe.split())} report {start:%Y-%m}.{suffix}"


class ReportDialog(QDialog):
    """Period, client and output file of the client report; writes it in a worker thread."""

    report_written = Signal(Path)
    report_failed = Signal(str)

    def __init__(
        self, workspace: Workspace, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace_path = Path(workspace.path)
        self.setWindowTitle(tr("Client report"))
        self._op: BackgroundOp | None = None
        settings = workspace.settings()
        start, end = last_full_month(today or date.today())

        self.start_edit = QDateEdit(_qdate(start))
        self.end_edit = QDateEdit(_qdate(end))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")

        self.client_combo = QComboBox()
        self.client_combo.addItem(tr("All clients"), None)
        for client in workspace.clients():
            self.client_combo.addItem(client.name, client.id)
        self.client_label = QLabel(tr("Client"))

        self.format_combo = QComboBox()
        for suffix, label in FORMATS:
            self.format_combo.addItem(tr(label), suffix)
        self.path_edit = QLineEdit(
            str(
                default_report_path(
                    self.workspace_path, settings.business_name, start, self.suffix()
                )
            )
        )
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(tr("From"), self.start_edit)
        form.addRow(tr("To"), self.end_edit)
        form.addRow(self.client_label, self.client_combo)
        form.addRow(tr("Format"), self.format_combo)
        form.addRow(tr("Save as"), path_row)
        has_clients = self.client_combo.count() > 1
        self.client_label.setVisible(has_clients)
        self.client_combo.setVisible(has_clients)

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: the report takes about a second
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setOpenExternalLinks(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.write_button = self.buttons.addButton(
            tr("Write report"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.write)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())

    # -- what the user chose
    def request(self) -> ReportRequest:
        """The period and client currently chosen."""
        return ReportRequest(
            _date(self.start_edit.date()),
            _date(self.end_edit.date()),
            self.client_combo.currentData(),
        )

    def suffix(self) -> str:
        """``pdf`` or ``xlsx``, as chosen."""
        return str(self.format_combo.currentData())

    def output_path(self) -> Path:
        """The chosen file, with the format's ending added where missing."""
        path = Path(self.path_edit.text().strip()).expanduser()
        ending = f".{self.suffix()}"
        return path if path.suffix.lower() == ending else path.with_name(path.name + ending)

    @Slot()
    def _format_changed(self) -> None:
        """Another format: the file's ending follows (``.xlsx`` ↔ ``.pdf``)."""
        path = Path(self.path_edit.text().strip())
        if path.suffix.lower() in (".pdf", ".xlsx"):
            self.path_edit.setText(str(path.with_suffix(f".{self.suffix()}")))

    def _browse(self) -> None:
        kind = tr("PDF (*.pdf)") if self.suffix() == "pdf" else tr("Excel (*.xlsx)")
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Save the report as"), self.path_edit.text(), kind
        )
        if chosen:
            self.path_edit.setText(chosen)

    # -- writing
    @Slot()
    def write(self) -> None:
        """Check the choices and start the worker."""
        request = self.request()
        if request.end < request.start:
            self._show_problem(tr("The period ends before it starts."))
            return
        if not self.path_edit.text().strip():
            self._show_problem(tr("Choose a file to save the report in."))
            return
        out = self.output_path()
        if not out.parent.is_dir():
            self._show_problem(tr("The folder {folder} does not exist.").format(folder=out.parent))
            return
        self._set_busy(True)
        self.status.setText(tr("Writing the report…"))

        as_pdf = self.suffix() == "pdf"

        def work(workspace: Workspace | None, _progress: Progress) -> str:
            assert workspace is not None
            if as_pdf:
                from roidesk.ui.report_pdf import write_report_pdf

                write_report_pdf(workspace, out, request)
            else:
                write_report(workspace, out, request)
            return str(out)

        self._op = (
            BackgroundOp(self, work, path=self.workspace_path)
            .on_success(self._written)
            .on_failure(self._failed)
            .run()
        )

    @Slot(str)
    def _written(self, path: str) -> None:
        self._finished_writing()
        url = QUrl.fromLocalFile(path).toString()
        self.status.setText(tr('Wrote <a href="{url}">{path}</a>').format(url=url, path=path))
        self.report_written.emit(Path(path))

    @Slot(str)
    def _failed(self, message: str) -> None:
        self._finished_writing()
        self._show_problem(tr("The report could not be written: {reason}").format(reason=message))
        self.report_failed.emit(message)

    def _show_problem(self, text: str) -> None:
        self.status.setText(f'<span style="color:#b00020">{text}</span>')

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.write_button.setEnabled(not busy)
        widgets = (
            self.start_edit,
            self.end_edit,
            self.client_combo,
            self.format_combo,
            self.path_edit,
        )
        for widget in widgets:
            widget.setEnabled(not busy)

    def _finished_writing(self) -> None:
        self._op = None
        self._set_busy(False)

    def done(self, result: int) -> None:
        """Closing waits for a report being written (about a second) so no thread is cut off."""
        if self._op is not None:
            self._op.wait()
        super().done(result)


def open_report_dialog(parent: QWidget | None, workspace: Workspace) -> ReportDialog:
    """Show the report dialog for ``workspace`` (window-modal) and return it."""
    dialog = ReportDialog(workspace, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
