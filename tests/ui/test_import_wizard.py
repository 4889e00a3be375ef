"""The import wizard: pages, remembered mapping, problem cells marked, background import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt
from PySide6.QtWidgets import QWizard

from roidesk.storage import Workspace
from roidesk.ui.import_wizard import ImportWizard, headers_key

CSV = (
    "Campaign name,Day,Amount spent (EUR),Impressions,Link clicks\n"
    "Spring,2025-03-01,10.50,1000,20\n"
)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    """QSettings write into the test's folder, never the user's."""
    QCoreApplication.setOrganizationName("roidesk-tests")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _workspace(tmp_path: Path) -> Path:
    path = tmp_path / "w.roidesk"
    Workspace.create(path).close()
    return path


def _to_preview(wizard: ImportWizard) -> None:
    for _ in range(4):
        wizard.next()


def _wizard(qtbot, tmp_path: Path, text: str = CSV, name: str = "meta.csv") -> ImportWizard:  # type: ignore[no-untyped-def]
    """The wizard on its first page for a file holding ``text``, over a new workspace."""
    source = tmp_path / name
    source.write_text(text)
    wizard = ImportWizard(_workspace(tmp_path), source)
    qtbot.addWidget(wizard)
    wizard.restart()
    return wizard


def test_import_runs_in_background_and_signals(qtbot, tmp_path: Path) -> None:
    """Walking the pages imports the file on a worker thread and emits imported(batch id)."""
    wizard = _wizard(qtbot, tmp_path)
    _to_preview(wizard)
    assert wizard.mapping_page.mapping()["spend"] == 2
    assert wizard.preview_page.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=10000) as blocker:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.import_op is not None and not wizard.import_op.running)
    assert "imported 1 row " in wizard.run_page.summary.text()
    with Workspace.open(tmp_path / "w.roidesk") as workspace:
        assert workspace.result_count() == 1
        assert workspace.import_batches()[0].id == blocker.args[0]


def test_problem_cells_marked_and_block_import(qtbot, tmp_path: Path) -> None:
    """A cell that cannot be read is coloured in the preview and Next stays disabled."""
    wizard = _wizard(qtbot, tmp_path, "Campaign,Day,Cost\nA,2025-01-01,abc\n", "bad.csv")
    _to_preview(wizard)
    page = wizard.preview_page
    assert not page.isComplete()
    assert page.table.item(0, 2).background().color().name() == "#f4b6b6"
    assert page.table.item(0, 1).background().style() == Qt.BrushStyle.NoBrush
    assert "row 2" in page.problems_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_edited_mapping_remembered_for_same_headers(qtbot, tmp_path: Path) -> None:
    """A mapping the user changed is proposed again for the next file with the same headers."""
    first = _wizard(qtbot, tmp_path)
    first.next()
    first.next()
    clicks_combo = first.mapping_page.combos[4]
    clicks_combo.setCurrentIndex(clicks_combo.findData("engagements"))
    first.next()
    assert QSettings().value(headers_key(first.analysis.headers))
    second = ImportWizard(tmp_path / "w.roidesk", tmp_path / "meta.csv")
    qtbot.addWidget(second)
    second.restart()
    second.next()
    second.next()
    assert second.mapping_page.mapping()["engagements"] == 4
    assert "link_clicks" not in second.mapping_page.mapping()


def test_cancel_rolls_back(qtbot, tmp_path: Path) -> None:
    """A cancelled import reports so and leaves the workspace untouched."""
    from roidesk.sheets.exports.importer import analyse
    from roidesk.sheets.exports.reading import read_file
    from roidesk.ui.import_wizard import import_work
    from roidesk.ui.ops import BackgroundOp

    source = tmp_path / "meta.csv"
    source.write_text(CSV)
    workspace_path = _workspace(tmp_path)
    outcome: list[str] = []
    op = (
        BackgroundOp(QObject(), import_work(analyse(read_file(source)), {}), path=workspace_path)
        .on_success(lambda _done: outcome.append("imported"))
        .on_cancelled(lambda: outcome.append("cancelled"))
    )
    op.cancel()  # Cancel pressed before the first rows were written
    op.run()
    qtbot.wait_until(lambda: not op.running, timeout=10000)
    assert outcome == ["cancelled"]
    with Workspace.open(workspace_path) as workspace:
        assert workspace.result_count() == 0 and workspace.import_batches() == []


def test_preview_shows_what_will_be_stored_and_the_rows_left_out(qtbot, tmp_path: Path) -> None:
    """The preview is the rows as stored (ISO date, campaign, typed numbers in the mapped
    fields' words, written the workspace's way), with the totals row left out greyed and
    saying why."""
    text = (
        "Campaign name,Day,Amount spent (EUR),Impressions,Link clicks\n"
        'Spring,2025-03-01,"1,234.50","12,000",20\n'
        "Total,,1234.50,12000,20\n"
    )
    wizard = _wizard(qtbot, tmp_path, text)
    _to_preview(wizard)
    table = wizard.preview_page.table
    titles = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert titles == ["Date", "Campaign", "Impressions", "Link clicks", "Amount spent", "Left out"]
    assert [table.item(0, c).text() for c in range(5)] == [
        "2025-03-01",
        "Spring",
        "12,000",
        "20",
        "€1,234.50",
    ]
    assert table.rowCount() == 2 and table.verticalHeaderItem(1).text() == "3"
    assert table.item(1, 5).text() != "" and table.item(1, 0).text() == ""
    assert "left out" in wizard.preview_page.problems_label.text()
    assert wizard.preview_page.isComplete()


def test_mapping_choices_are_words(qtbot, tmp_path: Path) -> None:
    """Each column's choices read as words ("Amount spent", "Link clicks"), not field names."""
    wizard = _wizard(qtbot, tmp_path)
    for _ in range(2):
        wizard.next()
    combo = wizard.mapping_page.combos[2]
    assert combo.currentText() == "Amount spent" and combo.currentData() == "spend"
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "Link clicks" in labels and "link_clicks" not in labels and "link clicks" not in labels
