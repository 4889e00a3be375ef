"""The bulk path for already-encoded result columns (imports write through it)."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.records import CostCategory, Result
from roidesk.storage import Workspace
from roidesk.storage import workspace as workspace_module

COLUMNS = ["date", "platform", "impressions", "revenue"]


def _months(workspace: Workspace) -> list[tuple]:
    return workspace.db.execute(
        "SELECT month, platform, row_count, impressions, revenue FROM result_months "
        "ORDER BY month, platform"
    ).fetchall()


def _columns(rows: list[tuple]) -> dict[str, list]:
    return {name: [row[i] for row in rows] for i, name in enumerate(COLUMNS)}


def test_encoded_rows_read_back_as_records(workspace: Workspace) -> None:
    """Money given in ten-thousandths and ISO dates come back as the same Decimal and date."""
    assert workspace.add_result_columns(_columns([("2026-03-05", "Facebook", 10, 123_400)])) == 1
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
    workspace.add_result_columns(
        _columns(
            [
                ("2026-01-31", "Facebook", 7, 10_000),
                ("2026-02-01", "Facebook", 1, None),
                ("2026-02-28", "Instagram", 2, 25_000),
                ("2027-12-01", "Facebook", None, None),
            ]
        )
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
    workspace.add_result_columns(
        _columns([(f"2026-04-0{d}", "TikTok", d, None) for d in (1, 2, 3)])
    )
    assert workspace._result_indexes() == before and len(before) == 4
    assert _months(workspace) == [("2026-04", "TikTok", 3, 6, 0)]


def test_failed_bulk_insert_leaves_indexes_and_rows(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row that breaks a constraint rolls back the whole call, dropped indexes included."""
    before = workspace._result_indexes()
    monkeypatch.setattr(workspace_module, "_REBUILD_INDEXES_FROM", 2)
    with pytest.raises(Exception, match="NOT NULL"):
        workspace.add_result_columns(_columns([("2026-04-01", "X", 1, None), (None, "X", 1, None)]))
    assert workspace._result_indexes() == before
    assert workspace.result_count() == 0


def test_unknown_column_is_refused(workspace: Workspace) -> None:
    """A column name that is not in the results table never reaches the SQL text."""
    with pytest.raises(ValueError, match="not result columns"):
        workspace.add_result_columns({"date": ["2026-01-01"], "id; DROP TABLE results": [1]})


def test_columns_summed_in_python_as_sql_sums_them(workspace: Workspace) -> None:
    """Months no earlier row has: sums from the columns equal what SQL would sum; stale go."""
    workspace.add_results([Result(date(2026, 1, 2), "Facebook", impressions=5)])
    workspace.db.execute(
        "INSERT INTO result_months (month, platform, row_count, impressions) "
        "VALUES ('2026-03', 'Stale', 9, 99)"
    )
    rows = [
        ("2026-03-01", "Facebook", 7, None),
        ("2026-03-31", "Facebook", None, 15_000),
        ("2026-03-02", "TikTok", 4, 1),
        ("2026-04-30", "Facebook", 1, 20_000),
    ]
    assert workspace.add_result_columns(_columns(rows)) == 4
    expected = [
        ("2026-01", "Facebook", 1, 5, 0),
        ("2026-03", "Facebook", 2, 7, 15_000),
        ("2026-03", "TikTok", 1, 4, 1),
        ("2026-04", "Facebook", 1, 1, 20_000),
    ]
    assert _months(workspace) == expected
    workspace.refresh_month_sums(["2026-01", "2026-03", "2026-04"])
    assert _months(workspace) == expected


def test_columns_into_shared_month_and_chunk_hook(workspace: Workspace) -> None:
    """A month with earlier rows sums old and new; the chunk hook sees progress and can stop."""
    workspace.add_results([Result(date(2026, 1, 2), "Facebook", impressions=5)])
    seen: list[tuple[int, int]] = []
    rows = [("2026-01-31", "Facebook", 7, 10_000), ("2026-02-01", "Facebook", 1, None)]
    workspace.add_result_columns(_columns(rows), before_chunk=lambda *at: seen.append(at))
    assert seen == [(0, 2), (1, 2)]
    assert _months(workspace) == [
        ("2026-01", "Facebook", 2, 12, 10_000),
        ("2026-02", "Facebook", 1, 1, 0),
    ]

    def stop(done: int, total: int) -> None:
        if done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        workspace.add_result_columns(_columns(rows), before_chunk=stop)
    assert workspace.result_count() == 3
    with pytest.raises(ValueError, match="different lengths"):
        workspace.add_result_columns({"date": ["2026-01-01"], "impressions": []})


def test_encoded_costs_read_back_as_records(workspace: Workspace) -> None:
    """Costs given as ISO dates, the category's text and ten-thousandths read back as records."""
    added = workspace.add_cost_rows(
        ["start_date", "end_date", "category", "amount", "platform"],
        [("2026-02-01", None, "advertising", 125_000, "TikTok"),
         ("2026-02-02", "2026-02-09", "advertising", 1, None)],
    )  # fmt: skip
    assert added == 2
    first, second = workspace.costs()
    assert (first.start, first.end, first.category, first.amount, first.platform) == (
        date(2026, 2, 1), None, CostCategory.ADVERTISING, Decimal("12.50"), "TikTok"
    )  # fmt: skip
    assert (second.end, second.amount) == (date(2026, 2, 9), Decimal("0.0001"))
    with pytest.raises(ValueError, match="not cost columns"):
        workspace.add_cost_rows(["amount; DROP TABLE costs"], [(1,)])


@pytest.mark.parametrize("parameters", [None, 16, 30])
def test_columns_go_in_by_the_hundred_in_order(
    workspace: Workspace, parameters: int | None
) -> None:
    """250 rows: by the hundred (or as many as SQLite's parameter limit lets), then the rest
    one by one, all complete and in file order."""
    if parameters:  # 4 columns: 4 or 7 rows per statement (the month sums need 15)
        workspace.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, parameters)
    rows = [
        (f"2026-07-{1 + i % 31:02d}", "X" if i % 3 else "Y", i, i * 7 if i % 5 else None)
        for i in range(250)
    ]
    assert workspace.add_result_columns(_columns(rows)) == 250
    stored = workspace.db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM results ORDER BY id"
    ).fetchall()
    assert stored == rows
    # 0..249: sum 31,125; multiples of 3: 84 rows summing 10,458; of 5: 6,125; of 15: 2,040
    assert _months(workspace) == [
        ("2026-07", "X", 166, 20_667, 7 * 16_582),  # 31,125 - 10,458 - 6,125 + 2,040
        ("2026-07", "Y", 84, 10_458, 7 * 8_418),  # 10,458 - 2,040
    ]


def test_a_column_of_one_value_is_one_parameter(workspace: Workspace) -> None:
    """The same platform object on every row is bound once per statement (16 parameters:
    5 rows of 3 varying values and the platform), and every row still gets it."""
    workspace.db.conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 16)
    rows = [(f"2026-08-{1 + i % 31:02d}", "Meta", i, i * 3) for i in range(23)]
    columns = _columns(rows)
    columns["platform"] = ["Meta"] * 23  # one object
    assert workspace_module._one_value(columns["platform"])
    assert not workspace_module._one_value([1, 1.0, True])  # equal is not the same value
    assert workspace.add_result_columns(columns) == 23
    stored = workspace.db.execute(f"SELECT {', '.join(COLUMNS)} FROM results ORDER BY id")
    assert stored.fetchall() == rows
    # 0..22 sum to 253
    assert _months(workspace) == [("2026-08", "Meta", 23, 253, 759)]


def test_cost_rows_go_in_by_the_hundred_in_order(workspace: Workspace) -> None:
    """250 encoded costs: two statements of a hundred, then fifty one by one, in order; a row
    of the wrong width is refused before anything is written."""
    rows = [(f"2026-02-{1 + i % 28:02d}", "advertising", i + 1) for i in range(250)]
    assert workspace.add_cost_rows(["start_date", "category", "amount"], rows) == 250
    stored = workspace.db.execute("SELECT start_date, category, amount FROM costs ORDER BY id")
    assert stored.fetchall() == rows
    with pytest.raises(ValueError, match="other than 3 values"):
        workspace.add_cost_rows(
            ["start_date", "category", "amount"], [("2026-03-01", "advertising")]
        )
    assert len(workspace.costs()) == 250


def test_bulk_transaction_is_all_or_nothing_and_gives_the_cache_back(
    workspace: Workspace,
) -> None:
    """An import's transaction rolls back as a whole and leaves the page cache as it was."""
    cache = workspace.db.execute("PRAGMA cache_size").fetchone()[0]
    with pytest.raises(RuntimeError), workspace.bulk_transaction():
        workspace.add_result_columns(_columns([("2026-05-01", "X", 1, None)]))
        assert workspace.db.execute("PRAGMA cache_size").fetchone()[0] != cache
        raise RuntimeError
    assert workspace.result_count() == 0
    assert workspace.db.execute("PRAGMA cache_size").fetchone()[0] == cache
