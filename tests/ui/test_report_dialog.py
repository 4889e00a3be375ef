"""The report dialog: sensible defaults, a client chooser only where there are clients, and a
report written off the UI thread."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from roidesk.core.records import Campaign, Client, Cost, CostCategory
from roidesk.sheets.report import ReportRequest
from roidesk.storage import Workspace
from roidesk.ui.report_dialog import ReportDialog, default_report_path, open_report_dialog

TODAY = date(2026, 3, 15)


def _with_client(workspace: Workspace) -> Client:
    client = workspace.add_client(Client("Café Noord"))
    campaign = workspace.add_campaign(
        Campaign("Spring", date(2026, 2, 1), date(2026, 2, 28), client_id=client.id)
    )
    workspace.add_cost(
        Cost(date(2026, 2, 3), CostCategory.ADVERTISING, Decimal(40), campaign_id=campaign.id)
    )
    return client


def test_defaults_to_last_full_month_without_client_chooser(
    qtbot: QtBot, workspace: Workspace
) -> None:
    """A workspace without clients: February (the last full month), no client chooser."""
    dialog = ReportDialog(workspace, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.request() == ReportRequest(date(2026, 2, 1), date(2026, 2, 28), None)
    assert dialog.client_combo.isHidden()
    assert dialog.output_path() == workspace.path.parent / "My business report 2026-02.pdf"
    dialog.format_combo.setCurrentIndex(1)
    assert dialog.output_path() == workspace.path.parent / "My business report 2026-02.xlsx"


def test_client_chooser_lists_clients(qtbot: QtBot, workspace: Workspace) -> None:
    """With clients: 'All clients' first, then each client; the choice goes into the request."""
    client = _with_client(workspace)
    dialog = ReportDialog(workspace, today=TODAY)
    qtbot.addWidget(dialog)
    assert not dialog.client_combo.isHidden()
    items = [dialog.client_combo.itemText(i) for i in range(dialog.client_combo.count())]
    assert items == ["All clients", "Café Noord"]
    dialog.client_combo.setCurrentIndex(1)
    assert dialog.request().client_id == client.id


def test_writes_the_report_in_a_worker(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    """Write report: the worker writes the chosen client's report and the dialog says where."""
    _with_client(workspace)
    dialog = ReportDialog(workspace, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.client_combo.setCurrentIndex(1)
    dialog.format_combo.setCurrentIndex(1)
    dialog.path_edit.setText(str(tmp_path / "noord"))
    with qtbot.waitSignal(dialog.report_written, timeout=60_000) as signal:
        dialog.write_button.click()
    out = tmp_path / "noord.xlsx"
    assert signal.args == [out]
    summary = load_workbook(out)["Summary"]
    assert summary["A1"].value == "Social media report — Café Noord"
    assert "2026-02-01 to 2026-02-28" in summary["A2"].value
    assert "noord.xlsx" in dialog.status.text()
    assert dialog.write_button.isEnabled()


def test_writes_a_pdf_when_chosen(qtbot: QtBot, workspace: Workspace, tmp_path: Path) -> None:
    """The PDF choice (the default) writes a PDF document for the chosen client."""
    _with_client(workspace)
    dialog = ReportDialog(workspace, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.client_combo.setCurrentIndex(1)
    dialog.path_edit.setText(str(tmp_path / "noord"))
    with qtbot.waitSignal(dialog.report_written, timeout=60_000) as signal:
        dialog.write_button.click()
    out = tmp_path / "noord.pdf"
    assert signal.args == [out]
    assert out.read_bytes().startswith(b"%PDF-")
    assert "noord.pdf" in dialog.status.text()


def test_refuses_a_period_that_ends_before_it_starts(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """An end before the start is explained and nothing is written."""
    dialog = ReportDialog(workspace, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "never.xlsx"))
    dialog.end_edit.setDate(QDate(2026, 1, 1))
    dialog.write_button.click()
    assert "ends before it starts" in dialog.status.text()
    assert not (tmp_path / "never.xlsx").exists()


@pytest.mark.qt_log_ignore("does not support propagateSizeHints")  # offscreen platform
def test_open_report_dialog_shows_it(qtbot: QtBot, workspace: Workspace) -> None:
    """The main window's File ▸ Report… entry point shows the dialog."""
    dialog = open_report_dialog(None, workspace)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()


def test_default_report_path_is_file_safe(tmp_path: Path) -> None:
    """Business names with slashes or colons still give a valid file name."""
    path = default_report_path(tmp_path / "w.roidesk", "A/B: Shop", date(2026, 5, 1))
    assert path == tmp_path / "A B Shop report 2026-05.xlsx"
