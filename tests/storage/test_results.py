"""Bulk writes: typed records in one executemany with month sums once per transaction, and
the old hand-over of already-encoded columns and rows (kept until the importer hands records)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.records import ContentType, Cost, CostCategory, Repeat, Result
from roidesk.storage import Workspace

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


def test_columns_go_in_complete_and_in_order(workspace: Workspace) -> None:
    """250 rows given column by column are stored complete, in file order, and summed."""
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


def test_cost_rows_go_in_complete_and_in_order(workspace: Workspace) -> None:
    """250 encoded costs are stored in order; a row of the wrong width is refused before
    anything is written."""
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


def test_typed_results_round_trip_with_their_source(workspace: Workspace) -> None:
    """Records handed over in bulk read back equal, ids given in order, the source kept."""
    records = [
        Result(date(2026, 5, 1), "Facebook", content_type=ContentType.VIDEO, impressions=10,
               revenue=Decimal("12.3456"), source="paid"),
        Result(date(2026, 5, 2), "Facebook", impressions=3, source="organic"),
        Result(date(2026, 6, 30), None, leads=2),
    ]  # fmt: skip
    assert workspace.add_results(iter(records)) == 3
    stored = workspace.results()
    assert [replace(r, id=None) for r in stored] == records
    assert [r.id for r in stored] == [1, 2, 3]


def test_month_sums_are_kept_per_source(workspace: Workspace) -> None:
    """Paid, organic and untold rows of one month and platform are three month-sum rows."""
    workspace.add_results(
        [
            Result(date(2026, 5, 1), "Facebook", impressions=10, source="paid"),
            Result(date(2026, 5, 9), "Facebook", impressions=20, source="paid"),
            Result(date(2026, 5, 2), "Facebook", impressions=3, source="organic"),
            Result(date(2026, 5, 3), "Facebook", impressions=4),
        ]
    )
    sums = workspace.db.execute(
        "SELECT source, row_count, impressions FROM result_months ORDER BY source"
    ).fetchall()
    assert sums == [(None, 1, 4), ("organic", 1, 3), ("paid", 2, 30)]
    [paid] = workspace.results(where=None, order_by="impressions", descending=True, limit=1)
    workspace.update_result(replace(paid, source="organic"))
    sums = workspace.db.execute(
        "SELECT source, row_count, impressions FROM result_months ORDER BY source"
    ).fetchall()
    assert sums == [(None, 1, 4), ("organic", 2, 23), ("paid", 1, 10)]


def test_typed_results_stop_as_a_whole(workspace: Workspace) -> None:
    """The progress hook sees each batch and can stop the write: nothing of it is stored."""
    workspace.add_results([Result(date(2026, 1, 2), "Facebook", impressions=5)])
    seen: list[int] = []

    def stop(done: int) -> None:
        seen.append(done)
        if done:
            raise KeyboardInterrupt

    many = (Result(date(2026, 1, 1 + i % 31), "X", impressions=1) for i in range(5_000))
    with pytest.raises(KeyboardInterrupt):
        workspace.add_results(many, progress=stop)
    assert seen == [0, 2_000]
    assert workspace.result_count() == 1
    assert _months(workspace) == [("2026-01", "Facebook", 1, 5, 0)]


def test_typed_costs_round_trip(workspace: Workspace) -> None:
    """Costs handed over in bulk read back equal (money, dates, recurrence), count returned."""
    costs = [
        Cost(date(2026, 2, 1), CostCategory.ADVERTISING, Decimal("12.50"), platform="TikTok"),
        Cost(date(2026, 2, 2), CostCategory.STAFF, None, hours=Decimal("1.5"),
             hourly_rate=Decimal(40), repeat=Repeat.MONTHLY, until=date(2026, 5, 2)),
    ]  # fmt: skip
    assert workspace.add_costs(iter(costs)) == 2
    assert [replace(c, id=None) for c in workspace.costs()] == costs
