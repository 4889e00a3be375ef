"""The bulk path for already-encoded result rows (imports write through it)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.records import Result
from roidesk.storage import Workspace
from roidesk.storage import workspace as workspace_module

COLUMNS = ["date", "platform", "impressions", "revenue"]


def _months(workspace: Workspace) -> list[tuple]:
    return workspace.db.execute(
        "SELECT month, platform, row_count, impressions, revenue FROM result_months "
        "ORDER BY month, platform"
    ).fetchall()


def test_encoded_rows_read_back_as_records(workspace: Workspace) -> None:
    """Money given in ten-thousandths and ISO dates come back as the same Decimal and date."""
    assert workspace.add_result_rows(COLUMNS, [("2026-03-05", "Facebook", 10, 123_400)]) == 1
    [stored] = workspace.results()
    assert (stored.date, stored.platform, stored.impressions, stored.revenue) == (
        date(2026, 3, 5),
        "Facebook",
        10,
        Decimal("12.34"),
    )


def test_month_sums_cover_old_and_new_rows_of_touched_months(workspace: Workspace) -> None:
    """Several months in one call; a month that already had rows sums old and new together."""
    workspace.add_results([Result(date(2026, 1, 2), "Facebook", impressions=5)])
    workspace.add_result_rows(
        COLUMNS,
        [
            ("2026-01-31", "Facebook", 7, 10_000),
            ("2026-02-01", "Facebook", 1, None),
            ("2026-02-28", "Instagram", 2, 25_000),
            ("2027-12-01", "Facebook", None, None),
        ],
    )
    assert _months(workspace) == [
        ("2026-01", "Facebook", 2, 12, 10_000),
        ("2026-02", "Facebook", 1, 1, 0),
        ("2026-02", "Instagram", 1, 2, 25_000),
        ("2027-12", "Facebook", 1, 0, 0),
    ]


def test_large_insert_rebuilds_every_index(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Indexes dropped for a big insert exist again afterwards, and queries still find rows."""
    before = workspace._result_indexes()
    monkeypatch.setattr(workspace_module, "_REBUILD_INDEXES_FROM", 3)
    workspace.add_result_rows(COLUMNS, [(f"2026-04-0{d}", "TikTok", d, None) for d in (1, 2, 3)])
    assert workspace._result_indexes() == before and len(before) == 4
    assert _months(workspace) == [("2026-04", "TikTok", 3, 6, 0)]


def test_failed_bulk_insert_leaves_indexes_and_rows(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row that breaks a constraint rolls back the whole call, dropped indexes included."""
    before = workspace._result_indexes()
    monkeypatch.setattr(workspace_module, "_REBUILD_INDEXES_FROM", 2)
    with pytest.raises(Exception, match="NOT NULL"):
        workspace.add_result_rows(COLUMNS, [("2026-04-01", "X", 1, None), (None, "X", 1, None)])
    assert workspace._result_indexes() == before
    assert workspace.result_count() == 0


def test_unknown_column_is_refused(workspace: Workspace) -> None:
    """A column name that is not in the results table never reaches the SQL text."""
    with pytest.raises(ValueError, match="not result columns"):
        workspace.add_result_rows(["date", "id; DROP TABLE results"], [("2026-01-01", 1)])
