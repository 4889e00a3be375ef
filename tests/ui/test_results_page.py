"""The Results page: its filter bar narrows the paged rows by period, campaign and platform."""

from __future__ import annotations

from datetime import date

import pytest

from roidesk.core.records import Result
from tests.ui.test_results_model import add_rows

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def test_filter_bar_reads_dates_and_marks_a_bad_one(window):
    """The Results page filter: a period narrows the rows; a bad date turns the box red."""
    add_rows(window.workspace, 730)
    page = window.pages["results"]
    page.from_box.setText("2026-01-01")
    page.to_box.setText("31.01.2026")
    page.apply_filter()
    assert window.models["results"].rowCount() == 62
    page.to_box.setText("soon")
    page.apply_filter()
    assert "not a date" in page.to_box.toolTip()
    assert window.models["results"].rowCount() == 62


def test_counts_and_revenue_are_written_the_workspace_way(qtbot, window):
    """Results in a US-style workspace show 12,000 and $1,234.50; in a Polish one 12 000."""
    from dataclasses import replace as changed
    from decimal import Decimal

    ws = window.workspace
    ws.add_result(Result(date(2026, 2, 1), impressions=12000, revenue=Decimal("1234.5")))
    ws.save_settings(changed(ws.settings(), currency="USD", locale="en_US"))
    window.refresh_all()
    model = window.models["results"]
    model.reload()
    keys = [c.key for c in model.columns]
    shown = [model.index(0, keys.index(k)).data() for k in ("impressions", "revenue")]
    assert shown == ["12,000", "$1,234.50"]
    ws.save_settings(changed(ws.settings(), currency="PLN", locale="pl_PL"))
    window.refresh_all()
    model.reload()
    assert model.index(0, keys.index("impressions")).data().replace("\u00a0", " ") in (
        "12 000",
        "12\u202f000",
    )
