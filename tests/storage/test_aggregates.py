"""The engine's SQL sums: the same answer as a plain GROUP BY over the rows."""

from __future__ import annotations

from datetime import date

from roidesk.core.records import Campaign, Result
from roidesk.storage import Workspace
from roidesk.storage.aggregates import ResultScope, daily_campaign_sums, daily_result_sums


def _plain(workspace: Workspace, campaign_id: int | None) -> list[tuple[object, ...]]:
    where = "" if campaign_id is None else f" AND campaign_id = {campaign_id}"
    return workspace.db.execute(
        "SELECT date, platform, coalesce(sum(link_clicks), 0), coalesce(sum(leads), 0) "
        f"FROM results WHERE date BETWEEN '2025-03-01' AND '2025-03-31'{where} "
        "GROUP BY date, platform ORDER BY date, platform"
    ).fetchall()


def test_daily_sums_per_platform_equal_a_plain_group_by(workspace: Workspace) -> None:
    """Per day and platform (no platform included, first), with and without a campaign."""
    a = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 6, 30)))
    b = workspace.add_campaign(Campaign("B", date(2025, 1, 1), date(2025, 6, 30)))
    assert a.id is not None and b.id is not None
    rows = [
        Result(date(2025, 3, 2), "Instagram", a.id, link_clicks=3),
        Result(date(2025, 3, 2), "Facebook", a.id, link_clicks=5, leads=1),
        Result(date(2025, 3, 2), None, b.id, link_clicks=7),
        Result(date(2025, 3, 9), "Facebook", b.id, link_clicks=11),
        Result(date(2025, 3, 9), "Facebook", a.id, leads=2),
        Result(date(2025, 4, 1), "Facebook", a.id, link_clicks=100),  # outside
    ]
    workspace.add_results(rows)
    for campaign_id in (None, a.id):
        scope = ResultScope(None if campaign_id is None else [campaign_id])
        found = daily_result_sums(workspace.db, date(2025, 3, 1), date(2025, 3, 31), scope)
        clicks, leads = 4, 6  # positions in SUMMED
        assert [(r.group, r.platform, r.sums[clicks], r.sums[leads]) for r in found] == _plain(
            workspace, campaign_id
        )
    found = daily_result_sums(workspace.db, date(2025, 3, 1), date(2025, 3, 31), ResultScope())
    assert [(r.group, r.platform) for r in found] == [
        ("2025-03-02", None), ("2025-03-02", "Facebook"), ("2025-03-02", "Instagram"),
        ("2025-03-09", "Facebook"),
    ]  # fmt: skip


def test_daily_campaign_sums_equal_a_plain_group_by(workspace: Workspace) -> None:
    """Per day, campaign and platform, for the asked campaigns only (the --by campaign
    break-even read): the same sums as a plain GROUP BY over the rows."""
    a = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 6, 30)))
    b = workspace.add_campaign(Campaign("B", date(2025, 1, 1), date(2025, 6, 30)))
    c = workspace.add_campaign(Campaign("C", date(2025, 1, 1), date(2025, 6, 30)))
    assert a.id is not None and b.id is not None and c.id is not None
    workspace.add_results(
        [
            Result(date(2025, 3, 2), "Instagram", a.id, link_clicks=3),
            Result(date(2025, 3, 2), "Instagram", a.id, link_clicks=4, leads=1),
            Result(date(2025, 3, 2), "Facebook", a.id, link_clicks=5),
            Result(date(2025, 3, 9), None, b.id, link_clicks=7),
            Result(date(2025, 3, 9), "Facebook", c.id, link_clicks=11),  # not asked
            Result(date(2025, 4, 1), "Facebook", a.id, link_clicks=100),  # outside
        ]
    )
    scope = ResultScope([a.id, b.id])
    found = daily_campaign_sums(workspace.db, date(2025, 3, 1), date(2025, 3, 31), scope)
    clicks, leads = 4, 6  # positions in SUMMED
    assert sorted(
        (r.group, r.platform or "", r.sums[clicks], r.sums[leads]) for r in found
    ) == sorted(
        [
            (("2025-03-02", a.id), "Facebook", 5, 0),
            (("2025-03-02", a.id), "Instagram", 7, 1),
            (("2025-03-09", b.id), "", 7, 0),
        ]
    )
