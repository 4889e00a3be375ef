"""The Results model pages rows from SQLite: a million rows open without reading them all."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from roidesk.core.records import Result
from roidesk.storage import ResultFilter
from roidesk.ui.results_model import PAGE_SIZE, PAGES_KEPT

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def add_rows(workspace, count: int) -> None:
    """``count`` generated rows over two campaigns, in one transaction (add_results)."""
    spring = workspace.campaign_by_name("Spring").id
    summer = workspace.campaign_by_name("Summer").id
    first = date(2026, 1, 1)
    workspace.add_results(
        Result(
            first + timedelta(days=i % 365),
            platform="Facebook" if i % 2 else "Instagram",
            campaign_id=spring if i % 3 else summer,
            impressions=i,
            leads=i % 7,
        )
        for i in range(count)
    )


def test_results_model_passes_qt_model_tester_with_rows(qtmodeltester, qtbot, window):
    """With a few hundred rows (more than a page) the model keeps Qt's contract."""
    add_rows(window.workspace, PAGE_SIZE + 50)
    model = window.models["results"]
    model.reload()
    qtmodeltester.check(model, force_py=True)


def add_million_rows(workspace) -> None:
    """1,000,000 rows in one SQL statement (test-only: ``add_results`` builds a Python record
    per row and takes minutes on a small machine). Dates ascend, so the indexes append."""
    with workspace.transaction():
        workspace.db.execute(
            "INSERT INTO results (date, campaign_id, platform, impressions, leads) "
            "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999) "
            "SELECT date('2026-01-01', '+' || (i / 2740) || ' days'), 1 + (i % 2), "
            "CASE WHEN i % 2 THEN 'Facebook' ELSE 'Instagram' END, i, i % 7 FROM n"
        )
        workspace.refresh_month_sums(f"2026-{month:02d}" for month in range(1, 13))


@pytest.mark.slow
def test_a_million_rows_open_without_reading_them_all(qtbot, window):
    """1,000,000 rows: the count is right, only the pages on screen are read, and scrolling
    to the end reads one more page, not the rows between."""
    add_million_rows(window.workspace)
    model = window.models["results"]
    model.reload()
    window.show_page("results")
    page = window.current_page()
    qtbot.waitUntil(lambda: model.rows_fetched > 0)
    assert model.rowCount() == 1_000_000
    assert model.rows_fetched <= 2 * PAGE_SIZE
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.cached_rows > PAGE_SIZE)
    last = model.index(999_999, 0)
    assert last.data() == (date(2026, 1, 1) + timedelta(days=999_999 // 2740)).isoformat()
    # written the workspace's way (a euro workspace without a locale: 999,999)
    assert model.index(999_999, [c.key for c in model.columns].index("impressions")).data() == (
        "999,999"
    )
    assert model.rows_fetched <= 4 * PAGE_SIZE
    assert model.cached_rows <= PAGES_KEPT * PAGE_SIZE
    assert page.count_label.text() == "1,000,000 rows"


def test_filter_and_sort_run_in_sql(window):
    """Filtering by platform halves the rows; sorting by impressions descending puts the
    largest first."""
    add_rows(window.workspace, 1000)
    model = window.models["results"]
    model.set_filter(ResultFilter(platform="Facebook"))
    assert model.rowCount() == 500
    impressions = [c.key for c in model.columns].index("impressions")
    model.sort(impressions, Qt.SortOrder.DescendingOrder)
    assert model.index(0, impressions).data() == "999"
    assert model.index(0, 2).data() == "Facebook"


def test_editing_a_result_updates_month_sums_and_undoes(window):
    """Typing leads into a result row writes it (month sums too); undo restores it."""
    add_rows(window.workspace, 3)
    model = window.models["results"]
    model.reload()
    leads = [c.key for c in model.columns].index("leads")
    revenue = [c.key for c in model.columns].index("revenue")
    assert model.setData(model.index(0, leads), "1 200")
    assert model.setData(model.index(0, revenue), "99,90")
    stored = window.workspace.result(model.record_at(0).id)
    assert (stored.leads, stored.revenue) == (1200, Decimal("99.90"))
    month = window.workspace.db.execute(
        "SELECT sum(leads) FROM result_months WHERE month = '2026-01'"
    ).fetchone()[0]
    assert month == 1200 + 1 + 2
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert window.workspace.result(stored.id).leads == 0
    assert not model.setData(model.index(0, leads), "-3")


def test_delete_and_undo_restore_the_same_rows(window):
    """Deleting two result rows and undoing puts back the same ids and values."""
    add_rows(window.workspace, 5)
    model = window.models["results"]
    model.reload()
    before = window.workspace.results()
    model.delete_rows([1, 3])
    assert window.workspace.result_count() == 3
    window.undo_action.trigger()
    assert window.workspace.results() == before
