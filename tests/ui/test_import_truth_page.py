"""The wizard's "what the figures are" page: the period an undated file needs, the whole-site
check box, the engagements' columns and the paid/organic override reach the import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QSettings, Qt

from roidesk.storage import Workspace
from roidesk.ui.import_truth_page import WHOLE_SITE_SENTENCE
from roidesk.ui.import_wizard import ImportWizard


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path) -> None:
    """QSettings write into the test's folder, never the user's."""
    QCoreApplication.setOrganizationName("roidesk-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))


def _wizard_on_page(qtbot, tmp_path: Path, text: str) -> ImportWizard:  # type: ignore[no-untyped-def]
    """The wizard on the truth page for a file holding ``text``, over a new workspace."""
    workspace = tmp_path / "w.roidesk"
    Workspace.create(workspace).close()
    source = tmp_path / "export.csv"
    source.write_text(text, encoding="utf-8")
    wizard = ImportWizard(workspace, source)
    qtbot.addWidget(wizard)
    wizard.restart()
    for _ in range(3):
        wizard.next()
    assert wizard.currentPage() is wizard.truth_page
    return wizard


def _import(qtbot, wizard: ImportWizard) -> None:  # type: ignore[no-untyped-def]
    wizard.next()  # preview
    assert wizard.preview_page.isComplete(), wizard.preview_page.problems_label.text()
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.import_op is not None and not wizard.import_op.running)


def test_undated_file_asks_for_the_period_and_shares_it_out(qtbot, tmp_path: Path) -> None:
    """No dates: Next waits for a period; 15 Jan–14 Mar shares 100 impressions 29/47/24."""
    wizard = _wizard_on_page(qtbot, tmp_path, "Campaign,Impr.,Cost\nSpring,100,10\n")
    page = wizard.truth_page
    assert page.period_box.isVisibleTo(page)
    assert not page.isComplete()
    page.start_edit.setDate(QDate(2026, 1, 15))
    page.end_edit.setDate(QDate(2026, 3, 14))
    assert page.isComplete()
    _import(qtbot, wizard)
    with Workspace.open(tmp_path / "w.roidesk") as workspace:
        found = sorted((r.date, r.impressions) for r in workspace.results())
    assert found == [(date(2026, 1, 15), 29), (date(2026, 2, 1), 47), (date(2026, 3, 1), 24)]


def test_dated_file_asks_no_period(qtbot, tmp_path: Path) -> None:
    """A file with a date column needs no period: the box is hidden, Next is open."""
    wizard = _wizard_on_page(qtbot, tmp_path, "Campaign,Day,Cost\nA,2025-01-01,3\n")
    assert not wizard.truth_page.period_box.isVisibleTo(wizard.truth_page)
    assert wizard.truth_page.isComplete()


def test_whole_site_box_with_its_sentence_for_channel_less_analytics(qtbot, tmp_path: Path) -> None:
    """GA4 without channel column: the check box and what it means are shown; ticked, the
    file imports (unticked the preview would refuse it)."""
    text = "# Start date: 20260301\n# End date: 20260331\nLanding page,Sessions\n/,70\n"
    wizard = _wizard_on_page(qtbot, tmp_path, text)
    page = wizard.truth_page
    assert page.whole_site_check.isVisibleTo(page)
    assert page.whole_site_note.text() == WHOLE_SITE_SENTENCE
    page.whole_site_check.setChecked(True)
    _import(qtbot, wizard)
    with Workspace.open(tmp_path / "w.roidesk") as workspace:
        assert [r.sessions for r in workspace.results()] == [70]


def test_engagement_columns_ticked_and_editable(qtbot, tmp_path: Path) -> None:
    """Likes, Comments, Shares, Saves are ticked as the engagements; unticking Saves leaves
    12 + 3 + 2 = 17 (18 with it)."""
    text = "Date,Impressions,Likes,Comments,Shares,Saves\n2026-02-01,500,12,3,2,1\n"
    wizard = _wizard_on_page(qtbot, tmp_path, text)
    page = wizard.truth_page
    assert page.engagement_columns() == [2, 3, 4, 5]
    saves = page.engagement_list.findItems("Saves", Qt.MatchFlag.MatchExactly)[0]
    saves.setCheckState(Qt.CheckState.Unchecked)
    page.source_combo.setCurrentIndex(page.source_combo.findData("paid"))
    _import(qtbot, wizard)
    with Workspace.open(tmp_path / "w.roidesk") as workspace:
        [result] = workspace.results()
    assert (result.engagements, result.source) == (17, "paid")
