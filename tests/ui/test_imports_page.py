"""The import history page: what each import became and left out, remove (undoable), import
again replacing it, and the list after a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QWizard

from roidesk.sheets.exports.importer import import_export
from roidesk.storage import Workspace
from roidesk.ui.imports_page import ImportsPage

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")

EXPORT = (
    "Campaign name,Day,Amount spent (EUR),Impressions\n"
    "Spring,2026-02-01,10.50,1000\n"
    "Spring,2026-02-02,4.25,500\n"
    "Spring,2026-02-03,1.00,100\n"
    "Total,,15.75,1600\n"
)


@pytest.fixture
def imported(window, tmp_path) -> Path:
    """A Meta export of three days and a totals row, imported into the window's workspace."""
    export = tmp_path / "meta-february.csv"
    export.write_text(EXPORT)
    import_export(window.workspace, export)
    window.refresh_all()
    window.show_page("imports")
    return export


def _row(page: ImportsPage, row: int) -> list[str]:
    return [page.table.item(row, c).text() for c in range(page.table.columnCount())]


def test_each_import_says_what_it_became_and_what_it_left_out(window, imported):
    """File, kind, rows read, three results and three costs, the totals row left out."""
    page = window.pages["imports"]
    assert page.table.rowCount() == 1
    file, _when, what, rows, became, left_out = _row(page, 0)
    assert (file, what, rows) == ("meta-february.csv", "Facebook export", "3")
    assert became == "3 results, 3 costs"
    assert left_out == "1 totals rows (row 5)"


def test_removing_an_import_takes_its_rows_out_and_undo_brings_them_back(window, imported):
    """Remove Import: its results and costs go (the earlier cost stays); Undo restores the
    file as it was, Redo removes them again."""
    page = window.pages["imports"]
    ws = window.workspace
    assert (ws.result_count(), len(ws.costs())) == (3, 4)
    page.select_row(0)
    page.remove_button.click()
    assert (ws.result_count(), len(ws.costs())) == (0, 1)
    assert page.table.rowCount() == 0 and page.empty.isVisibleTo(page)
    assert "3 results and 3 costs taken out" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    assert (window.workspace.result_count(), len(window.workspace.costs())) == (3, 4)
    assert page.table.rowCount() == 1
    window.undo_stack.redo()
    assert window.workspace.result_count() == 0


def test_import_again_opens_the_wizard_replacing_the_earlier_import(
    qtbot, window, dialogs, imported
):
    """Import Again: the wizard on the chosen file offers (ticked) to replace its import, and
    landing it leaves one import, not two (nothing counted twice)."""
    page = window.pages["imports"]
    page.select_row(0)
    dialogs.paths.append(imported)
    page.again_button.click()
    wizard = window.files.import_wizard
    assert wizard is not None and wizard.replace
    for _ in range(4):  # file, sheet, mapping, source and period: then the preview
        wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    assert wizard.preview_page.replace_box.isVisibleTo(wizard.preview_page)
    assert wizard.preview_page.replace_box.isChecked() and wizard.preview_page.isComplete()
    wizard.preview_page.replace_box.setChecked(False)  # beside the earlier one: refused
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.preview_page.replace_box.setChecked(True)
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.next()
    qtbot.waitUntil(lambda: not wizard.import_op.running)
    wizard.accept()
    assert len(window.workspace.import_batches()) == 1
    assert window.workspace.result_count() == 3


def test_the_history_survives_a_restart(window, imported, tmp_path):
    """Imports are stored with the workspace: a fresh page on a new connection to the file
    (as after a restart) lists them."""
    with Workspace.open(window.workspace.path) as reopened:
        page = ImportsPage(reopened)
        assert _row(page, 0)[0] == "meta-february.csv"
        assert _row(page, 0)[4] == "3 results, 3 costs"
        page.deleteLater()
