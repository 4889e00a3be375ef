"""Bulk writes: typed records in one executemany with month sums once per transaction."""

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


def test_month_sums_cover_old_and_new_rows_of_touched_months(workspace: Workspace) -> None:
    """Several months in one call; a month that already had rows sums old and new together."""
    workspace.add_results([Result(date(2026, 1, 2), "Facebook", impressions=5)])
    workspace.add_results(
        [
            Result(date(2026, 1, 31), "Facebook", impressions=7, revenue=Decimal(1)),
            Result(date(2026, 2, 1), "Facebook", impressions=1),
            Result(date(2026, 2, 28), "Instagram", impressions=2, revenue=Decimal("2.5")),
            Result(date(2027, 12, 1), "Facebook"),
        ]
    )
    assert _months(workspace) == [
        ("2026-01", "Facebook", 2, 12, 10_000),
        ("2026-02", "Facebook", 1, 1, 0),
        ("2026-02", "Instagram", 1, 2, 25_000),
        ("2027-12", "Facebook", 1, 0, 0),
    ]


def test_rows_go_in_complete_and_in_order(workspace: Workspace) -> None:
    """250 records are stored complete, in the order given, and summed per month."""
    records = [
        Result(
            date(2026, 7, 1 + i % 31),
            "X" if i % 3 else "Y",
            impressions=i,
            revenue=Decimal(i * 7) / 10_000 if i % 5 else None,
        )
        for i in range(250)
    ]
    assert workspace.add_results(records) == 250
    stored = workspace.db.execute(
        f"SELECT {', '.join(COLUMNS)} FROM results ORDER BY id"
    ).fetchall()
    assert stored == [
        (r.date.isoformat(), r.platform, r.impressions, None if r.revenue is None else i * 7)
        for i, r in enumerate(records)
    ]
    # 0..249: sum 31,125; multiples of 3: 84 rows summing 10,458; of 5: 6,125; of 15: 2,040
    assert _months(workspace) == [
        ("2026-07", "X", 166, 20_667, 7 * 16_582),  # 31,125 - 10,458 - 6,125 + 2,040
        ("2026-07", "Y", 84, 10_458, 7 * 8_418),  # 10,458 - 2,040
    ]


def test_bulk_transaction_is_all_or_nothing_and_gives_the_cache_back(
    workspace: Workspace,
) -> None:
    """An import's transaction rolls back as a whole and leaves the page cache as it was."""
    cache = workspace.db.execute("PRAGMA cache_size").fetchone()[0]
    with pytest.raises(RuntimeError), workspace.bulk_transaction():
        workspace.add_results([Result(date(2026, 5, 1), "X", impressions=1)])
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
