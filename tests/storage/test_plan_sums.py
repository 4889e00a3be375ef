"""Result sums per platform and source over a period (the planner's basis)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.records import Result
from roidesk.storage import Workspace
from roidesk.storage.plan_sums import sums_by_platform_and_source
from roidesk.storage.results import SUMMED

CLICKS = SUMMED.index("link_clicks")
REVENUE = SUMMED.index("revenue")


def test_edges_from_rows_whole_months_from_month_sums_by_source(workspace: Workspace) -> None:
    """31 January–28 February: 20 + 30 paid clicks (not the 10 of 30 January), 5 organic;
    Instagram's 1 March row is outside; revenue 12.5 in ten-thousandths."""
    workspace.add_results(
        [
            Result(date(2026, 1, 30), "Facebook", source="paid", link_clicks=10),
            Result(date(2026, 1, 31), "Facebook", source="paid", link_clicks=20),
            Result(
                date(2026, 2, 10),
                "Facebook",
                source="paid",
                link_clicks=30,
                revenue=Decimal("12.5"),
            ),
            Result(date(2026, 2, 11), "Facebook", link_clicks=5),
            Result(date(2026, 3, 1), "Instagram", source="organic", link_clicks=7),
        ]
    )
    found = {
        (row.platform, row.source): row.sums
        for row in sums_by_platform_and_source(workspace.db, date(2026, 1, 31), date(2026, 2, 28))
    }
    assert set(found) == {("Facebook", "paid"), ("Facebook", None)}
    assert found[("Facebook", "paid")][CLICKS] == 50
    assert found[("Facebook", "paid")][REVENUE] == 125000
    assert found[("Facebook", None)][CLICKS] == 5


def test_a_period_ending_before_it_starts_has_no_sums(workspace: Workspace) -> None:
    """An empty period answers nothing rather than raising."""
    assert sums_by_platform_and_source(workspace.db, date(2026, 2, 1), date(2026, 1, 1)) == []
