"""The sums of the months valuations cut, kept in the file: always what the rows give."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.records import Campaign, Result, Valuation
from roidesk.storage import Workspace, result_pieces

BEFORE = (date(2025, 3, 1), date(2025, 3, 14))  # 14 days: summed from the rows
AFTER = (date(2025, 3, 15), date(2025, 3, 31))  # 17 days: March's sums less the first side


def _clicks(workspace: Workspace) -> dict[tuple[date, date], int]:
    """Link clicks of each kept side (every row of these tests is one campaign's Facebook)."""
    return {
        side: sum(row.sums[4] for row in rows)
        for side, rows in result_pieces.read(workspace.db).items()
    }


def test_the_cut_side_follows_valuations_and_results(workspace: Workspace) -> None:
    """A valuation from 15 March keeps the sums of 1–14 and 15–31 March; results written there
    change them; a second cut that month or the valuation's removal drops them."""
    campaign = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 6, 30)))
    assert campaign.id is not None
    workspace.add_results(
        [
            Result(date(2025, 3, 2), "Facebook", campaign.id, link_clicks=7),
            Result(date(2025, 3, 14), "Facebook", campaign.id, link_clicks=5),
            Result(date(2025, 3, 15), "Facebook", campaign.id, link_clicks=100),
        ]
    )
    assert _clicks(workspace) == {}
    valuation = workspace.add_valuation(Valuation("link_clicks", date(2025, 3, 15), Decimal("0.5")))
    assert _clicks(workspace) == {BEFORE: 12, AFTER: 100}
    added = workspace.add_result(Result(date(2025, 3, 3), "Facebook", campaign.id, link_clicks=8))
    assert _clicks(workspace) == {BEFORE: 20, AFTER: 100}
    assert added.id is not None
    workspace.delete_results([added.id])
    assert _clicks(workspace) == {BEFORE: 12, AFTER: 100}
    workspace.add_result(Result(date(2025, 3, 31), "Facebook", campaign.id, link_clicks=5))
    assert _clicks(workspace) == {BEFORE: 12, AFTER: 105}
    second = workspace.add_valuation(Valuation("leads", date(2025, 3, 20), Decimal(4)))
    assert _clicks(workspace) == {}  # two cuts in March: the engine reads such months itself
    assert second.id is not None and valuation.id is not None
    workspace.delete_valuation(second.id)
    assert _clicks(workspace) == {BEFORE: 12, AFTER: 105}
    workspace.delete_valuation(valuation.id)
    assert _clicks(workspace) == {}
    assert not workspace.db.execute("SELECT * FROM result_month_changes").fetchall()
