"""The import wizard: file → sheet and header row → mapping → what the figures are (paid or
organic, period, whole site, engagements: :mod:`.import_truth_page`) → preview → import.

The import runs in the background (:mod:`roidesk.ui.ops`) on a workspace connection of its own;
its progress, success or failure come back on the GUI thread, and Cancel rolls it back. A
mapping the user edits is remembered (QSettings) for the next file with the same headers.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from roidesk.core.money import NumberStyle
from roidesk.core.problems import InputError
from roidesk.core.records import ImportBatch
from roidesk.sheets.batches import fingerprint
from roidesk.sheets.exports import mapping as fields
from roidesk.sheets.exports.convert import Converted
from roidesk.sheets.exports.importer import (
    Analysis,
    ExportImport,
    ImportCancelled,
    analyse,
    convert,
    import_export,
)
from roidesk.sheets.exports.reading import RawFile, read_file
from roidesk.storage import Workspace, WorkspaceError
from roidesk.ui.editor_specs import metric_labels
from roidesk.ui.import_truth_page import TruthPage
from roidesk.ui.ops import BackgroundOp, Cancelled, Progress
from roidesk.ui.text import tr

PREVIEW_ROWS = 200
_PROBLEM_BRUSH = QBrush(QColor("#f4b6b6"))
_LEFT_OUT_BRUSH = QBrush(QColor("#8a8a8a"))
_TEN_THOUSANDTHS = Decimal(10_000)


def field_labels() -> dict[str, str]:
    """What each field a column can import as is called in the wizard (words, not names)."""
    return {
        "campaign": tr("Campaign name"),
        "date": tr("Date (day)"),
        "start": tr("Reporting starts"),
        "end": tr("Reporting ends"),
        "spend": tr("Amount spent"),
        "currency": tr("Currency"),
        **metric_labels(),
    }


def field_label(name: str) -> str:
    """A field's label (a field without one: its name in words)."""
    return field_labels().get(name) or name.replace("_", " ").capitalize()


def _stored_text(field: str, value: Any, numbers: NumberStyle) -> str:
    """A converted value as it will be stored, written the workspace's way: money (stored in
    ten-thousandths) as an amount of its currency, counts with thousands separators."""
    if value is None:
        return ""
    if field in ("spend", "revenue"):
        return numbers.money(Decimal(value) / _TEN_THOUSANDTHS)
    return numbers.count(int(value))


def headers_key(headers: list[str]) -> str:
    """The QSettings key a mapping is remembered under: a digest of the header names."""
    digest = hashlib.sha256("\x1f".join(h.casefold() for h in headers).encode()).hexdigest()
    return f"import/mappings/{digest[:24]}"


def import_work(analysis: Analysis, options: dict[str, Any]) -> Callable[..., ExportImport]:
    """The wizard's background work: import one analysed file (a Cancel rolls it back)."""

    def work(workspace: Workspace | None, progress: Progress) -> ExportImport:
        assert workspace is not None
        try:
            return import_export(
                workspace,
                analysis.file.path,
                analysis=analysis,
                progress=progress,
                cancelled=progress.cancelled,
                **options,
            )
        except ImportCancelled as cancelled:
            raise Cancelled from cancelled

    return work


class _FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(tr("File"))
        self.setSubTitle(tr("An export from Meta, Google Ads, LinkedIn, TikTok, X or GA4."))
        self.path_edit = QLineEdit()
        browse = QPushButton(tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit)
        row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self.path_edit.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, tr("Import"), "", tr("Spreadsheets (*.xlsx *.xlsm *.csv *.tsv)")
        )
        if name:
            self.path_edit.setText(name)

    def isComplete(self) -> bool:
        return Path(self.path_edit.text()).is_file()

    def validatePage(self) -> bool:
        try:
            self.owner.raw = read_file(Path(self.path_edit.text()))
        except InputError as error:
            self.error_label.setText(str(error))
            return False
        return True


class _LayoutPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(tr("Sheet and header row"))
        self.sheet_combo = QComboBox()
        self.header_spin = QSpinBox()
        self.header_spin.setMinimum(1)
        self.table = QTableWidget()
        form = QFormLayout()
        form.addRow(tr("Sheet"), self.sheet_combo)
        form.addRow(tr("Header row"), self.header_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.table)
        self.sheet_combo.currentTextChanged.connect(self._sheet_changed)
        self.header_spin.valueChanged.connect(self._show_rows)

    def initializePage(self) -> None:
        raw = self.owner.raw
        assert raw is not None
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems([s.name for s in raw.sheets])
        guess = analyse(raw)
        self.sheet_combo.setCurrentText(guess.sheet.name)
        self.sheet_combo.blockSignals(False)
        self._set_header(guess)

    def _sheet_changed(self, name: str) -> None:
        if self.owner.raw is not None and name:
            self._set_header(analyse(self.owner.raw, sheet=name))

    def _set_header(self, guess: Analysis) -> None:
        self.header_spin.setMaximum(max(1, len(guess.sheet.rows)))
        self.header_spin.setValue(max(guess.header_row, 0) + 1)
        self._show_rows()

    def _show_rows(self) -> None:
        raw = self.owner.raw
        if raw is None:
            return
        sheet = next((s for s in raw.sheets if s.name == self.sheet_combo.currentText()), None)
        rows = sheet.rows[:30] if sheet else []
        width = max((len(r) for r in rows), default=0)
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(width)
        header = self.header_spin.value() - 1
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                item = QTableWidgetItem("" if cell is None else str(cell)[:80])
                if r == header:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(r, c, item)

    def validatePage(self) -> bool:
        assert self.owner.raw is not None
        self.owner.analysis = analyse(
            self.owner.raw,
            sheet=self.sheet_combo.currentText(),
            header_row=self.header_spin.value() - 1,
        )
        return True


class _MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(tr("Columns"))
        self.setSubTitle(tr("What each column holds; leave a column empty to skip it."))
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("Column"), tr("Imports as")])
        self.platform_edit = QLineEdit()
        self.campaign_edit = QLineEdit()
        self.order_combo = QComboBox()
        self.order_combo.addItem(tr("as the file tells"), None)
        self.order_combo.addItem(tr("day/month/year"), "dmy")
        self.order_combo.addItem(tr("month/day/year"), "mdy")
        form = QFormLayout()
        form.addRow(tr("Platform"), self.platform_edit)
        form.addRow(tr("Campaign for rows naming none"), self.campaign_edit)
        form.addRow(tr("Date order"), self.order_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        self.combos: list[QComboBox] = []

    def initializePage(self) -> None:
        analysis = self.owner.analysis
        assert analysis is not None
        remembered = self.owner.settings.value(headers_key(analysis.headers))
        mapping = analysis.mapping
        if isinstance(remembered, str):
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                mapping = {k: int(v) for k, v in json.loads(remembered).items()}
        by_column = {col: name for name, col in mapping.items()}
        self.table.setRowCount(len(analysis.headers))
        self.combos = []
        for row, header in enumerate(analysis.headers):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem("", None)
            for name in fields.FIELDS:
                combo.addItem(field_label(name), name)
            index = combo.findData(by_column.get(row))
            combo.setCurrentIndex(max(index, 0))
            self.table.setCellWidget(row, 1, combo)
            self.combos.append(combo)
        # the header names whole (up to a third of the page) and room for the fields' words
        self.table.resizeColumnToContents(0)
        self.table.setColumnWidth(0, min(self.table.columnWidth(0) + 12, 360))
        self.table.setColumnWidth(1, 240)
        self.table.resizeRowsToContents()
        self.platform_edit.setText(analysis.platform or "")

    def mapping(self) -> dict[str, int]:
        """The mapping as edited: field → column (the first column wins for a field)."""
        chosen: dict[str, int] = {}
        for column, combo in enumerate(self.combos):
            name = combo.currentData()
            if name and name not in chosen:
                chosen[name] = column
        return chosen

    def validatePage(self) -> bool:
        analysis = self.owner.analysis
        assert analysis is not None
        analysis.mapping = self.mapping()
        analysis.platform = self.platform_edit.text().strip() or None
        self.owner.settings.setValue(headers_key(analysis.headers), json.dumps(analysis.mapping))
        self.owner.import_options = {
            "campaign": self.campaign_edit.text().strip() or None,
            "date_order": self.order_combo.currentData(),
        }
        return True


#: The import options that decide how cells are read (the rest, such as ``replace``, decide
#: only what the import does with an earlier one).
_CONVERSION_OPTIONS = ("date_order", "campaign", "period", "whole_site", "source")


def conversion_options(options: dict[str, Any]) -> dict[str, Any]:
    """The options :func:`convert` takes, from the wizard's import options."""
    return {key: value for key, value in options.items() if key in _CONVERSION_OPTIONS}


class _PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(tr("Preview"))
        self.setSubTitle(
            tr(
                "The rows as they will be stored (the first {count}); rows left out are "
                "greyed, with the reason."
            ).format(count=PREVIEW_ROWS)
        )
        self.table = QTableWidget()
        self.problems_label = QLabel()
        self.problems_label.setWordWrap(True)
        self.problems_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        #: shown when this file was imported before: replace that import, or import nothing
        self.replace_box = QCheckBox()
        self.replace_box.toggled.connect(self.completeChanged)
        self.replace_box.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.replace_box)
        self.problem_count = 0

    def initializePage(self) -> None:
        analysis = self.owner.analysis
        assert analysis is not None
        try:
            converted = convert(analysis, **conversion_options(self.owner.import_options))
            problems = converted.problems
        except InputError as error:
            converted, problems = None, error.problems
        self.problem_count = len(problems)
        if converted is None or problems:
            self._show_raw(analysis, problems)
        else:
            self._show_stored(converted)
        lines = [str(p) for p in problems[:20]]
        if converted is not None:
            lines += [
                tr("{count} row(s) left out: {reason}").format(count=len(rows), reason=reason)
                for reason, rows in converted.skipped.items()
            ]
        self.problems_label.setText("\n".join(lines) or tr("No problems found."))
        self._offer_replace(analysis.file.path)
        self.completeChanged.emit()

    def _offer_replace(self, path: Path) -> None:
        """When this very file was imported before, offer to replace that import (importing
        it beside it would count everything twice)."""
        earlier = self.owner.earlier_import(path)
        self.replace_box.setVisible(earlier is not None)
        if earlier is not None:
            self.replace_box.setText(
                tr(
                    "Replace its import of {day}: this file was imported before; its rows "
                    "are taken out and these stored instead"
                ).format(day=earlier.imported_at[:10])
            )
            self.replace_box.setChecked(self.owner.replace)

    def validatePage(self) -> bool:
        self.owner.import_options["replace"] = self.replace_box.isVisibleTo(self) and (
            self.replace_box.isChecked()
        )
        return True

    def _show_stored(self, converted: Converted) -> None:
        """What will be stored: one row per kept sheet row, typed (dates, campaigns, numbers),
        with the rows left out between them, greyed, saying why."""
        metrics = list(converted.metrics)
        numbers = self.owner.numbers
        titles = [tr("Date"), tr("Campaign"), *(field_label(m) for m in metrics), tr("Left out")]
        kept = [
            (
                number,
                [
                    converted.dates[i].isoformat(),
                    converted.campaigns[i] or "",
                    *(_stored_text(m, converted.metrics[m][i], numbers) for m in metrics),
                    "",
                ],
            )
            for i, number in enumerate(converted.numbers[:PREVIEW_ROWS])
        ]
        last = kept[-1][0] if len(converted.numbers) > PREVIEW_ROWS else None
        left_out = [
            (number, [""] * (len(titles) - 1) + [reason])
            for reason, numbers in converted.skipped.items()
            for number in numbers
            if last is None or number <= last
        ]
        rows = sorted(kept + left_out, key=lambda pair: pair[0])
        self.table.clear()
        self.table.setColumnCount(len(titles))
        self.table.setHorizontalHeaderLabels(titles)
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([str(number) for number, _ in rows])
        numeric = range(2, 2 + len(metrics))
        for r, (_number, cells) in enumerate(rows):
            out = bool(cells[-1])
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in numeric:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if out:
                    item.setForeground(_LEFT_OUT_BRUSH)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()

    def _show_raw(self, analysis: Analysis, problems: list[Any]) -> None:
        """The file's own cells, those that cannot be read marked (nothing can be stored)."""
        marked = {(p.row, p.column) for p in problems}
        first = analysis.header_row + 1
        rows = analysis.sheet.rows[first : first + PREVIEW_ROWS]
        self.table.clear()
        self.table.setColumnCount(len(analysis.headers))
        self.table.setHorizontalHeaderLabels(analysis.headers)
        for column, name in enumerate(analysis.headers):
            # a long header name shows its start (where platforms put what differs), whole on hover
            label = self.table.horizontalHeaderItem(column)
            assert label is not None
            label.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            label.setToolTip(name)
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([str(first + i + 1) for i in range(len(rows))])
        for r, row in enumerate(rows):
            for c, cell in enumerate(row[: len(analysis.headers)]):
                item = QTableWidgetItem("" if cell is None else str(cell)[:80])
                if (first + r + 1, analysis.headers[c]) in marked:
                    item.setBackground(_PROBLEM_BRUSH)
                self.table.setItem(r, c, item)

    def isComplete(self) -> bool:
        blocked = self.replace_box.isVisibleTo(self) and not self.replace_box.isChecked()
        return self.problem_count == 0 and not blocked


class _RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.owner = wizard
        self.setTitle(tr("Import"))
        self.progress = QProgressBar()
        self.cancel_button = QPushButton(tr("Cancel import"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.cancel_button)
        layout.addWidget(self.summary)
        self.cancel_button.clicked.connect(self.owner.cancel_import)
        self.done = False

    def initializePage(self) -> None:
        self.done = False
        self.summary.setText(tr("Importing…"))
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.owner.start_import()

    def finish(self, text: str) -> None:
        """Show the outcome and let the wizard close."""
        self.summary.setText(text)
        self.cancel_button.setEnabled(False)
        self.done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.done


class ImportWizard(QWizard):
    """File ▸ Import… and a dropped file: read, map, preview and import a platform export."""

    #: An import landed: its batch id (the window refreshes its views).
    imported = Signal(int)

    def __init__(
        self,
        workspace_path: Path,
        file: Path | None = None,
        parent: QWidget | None = None,
        *,
        replace: bool = False,
        numbers: NumberStyle | None = None,
    ) -> None:
        super().__init__(parent)
        #: the file's earlier import is to be replaced (Imports ▸ Import Again)
        self.replace = replace
        #: how the preview writes numbers (the window's workspace's way)
        self.numbers = numbers or NumberStyle("EUR")
        self.setWindowTitle(tr("Import a platform export"))
        self.workspace_path = Path(workspace_path)
        self.settings = QSettings()
        self.raw: RawFile | None = None
        self.analysis: Analysis | None = None
        # not options/thread: those are QWizard's and QObject's methods
        self.import_options: dict[str, Any] = {}
        self.import_op: BackgroundOp | None = None
        self.file_page = _FilePage(self)
        self.layout_page = _LayoutPage(self)
        self.mapping_page = _MappingPage(self)
        self.truth_page = TruthPage(self)
        self.preview_page = _PreviewPage(self)
        self.run_page = _RunPage(self)
        for page in (
            self.file_page,
            self.layout_page,
            self.mapping_page,
            self.truth_page,
            self.preview_page,
            self.run_page,
        ):
            self.addPage(page)
        if file is not None:
            self.file_page.path_edit.setText(str(file))

    def earlier_import(self, path: Path) -> ImportBatch | None:
        """This file's earlier import into the workspace, if any."""
        try:
            digest = fingerprint(path)
            with Workspace.open(self.workspace_path) as workspace:
                return workspace.batch_by_fingerprint(digest)
        except (OSError, WorkspaceError):
            return None  # the import itself will say what is wrong

    def start_import(self) -> None:
        """Run the import in the background on its own workspace connection."""
        assert self.analysis is not None
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        self.import_op = (
            BackgroundOp(
                self,
                import_work(self.analysis, self.import_options),
                path=self.workspace_path,
            )
            .on_progress(self._progressed)
            .on_success(self._succeeded)
            .on_failure(self._failed)
            .on_cancelled(lambda: self._failed(tr("Cancelled: nothing was imported.")))
            .run()
        )

    def cancel_import(self) -> None:
        """Ask the import to stop; its transaction rolls back."""
        if self.import_op is not None:
            self.import_op.cancel()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        self.run_page.progress.setMaximum(max(total, 1))
        self.run_page.progress.setValue(done)

    @Slot(object)
    def _succeeded(self, result: ExportImport) -> None:
        self.run_page.finish("\n".join(result.lines()))
        if result.batch_id is not None:
            self.imported.emit(result.batch_id)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.run_page.finish(message)

    def wait_for_worker(self) -> None:
        """Stop a running import and wait for it (closing the wizard mid-import)."""
        if self.import_op is not None and self.import_op.running:
            self.cancel_import()
            self.import_op.wait()

    def done(self, result: int) -> None:
        """Closing stops a running import first (its transaction rolls back)."""
        self.wait_for_worker()
        super().done(result)
