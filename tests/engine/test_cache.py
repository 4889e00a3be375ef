"""The engine cache: every write shows in the next figures; only what it touched is rebuilt."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from roidesk.core.figures import Query
from roidesk.core.records import Campaign, Cost, CostCategory, Result
from roidesk.engine import breakdown, summarize, summary_with_breakdowns
from roidesk.engine.state import ANSWERS_KEPT, context
from roidesk.storage import Workspace
from roidesk.storage.demo import write_demo

TODAY = date(2025, 6, 30)
JANUARY = Query(start=date(2025, 1, 1), end=date(2025, 1, 31))


def _seeded(workspace: Workspace) -> int:
    campaign = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 3, 31)))
    assert campaign.id is not None
    workspace.add_cost(
        Cost(date(2025, 1, 1), CostCategory.ADVERTISING, Decimal(100), campaign_id=campaign.id)
    )
    workspace.add_results(
        [Result(date(2025, 1, 10), "Facebook", campaign.id, link_clicks=40, revenue=Decimal(50))]
    )
    return campaign.id


def test_an_import_of_results_keeps_the_cost_ledger_and_shows_the_new_rows(
    workspace: Workspace,
) -> None:
    """Adding results changes the return at once; the costs are not shared out again."""
    campaign_id = _seeded(workspace)
    assert summarize(workspace, JANUARY, TODAY).revenue == Decimal(50)
    ledger = context(workspace, TODAY).ledger
    workspace.add_results(
        [Result(date(2025, 1, 20), "Facebook", campaign_id, link_clicks=5, revenue=Decimal(25))]
    )
    figures = summarize(workspace, JANUARY, TODAY)
    assert (figures.revenue, figures.link_clicks, figures.cost) == (Decimal(75), 45, Decimal(100))
    assert context(workspace, TODAY).ledger is ledger


def test_a_cost_edit_keeps_the_partial_month_sums_and_shows_the_new_cost(
    workspace: Workspace,
) -> None:
    """Editing a cost changes the cost at once; partial months are not read from the rows again."""
    campaign_id = _seeded(workspace)
    part = Query(start=date(2025, 1, 5), end=date(2025, 1, 15))
    assert summarize(workspace, part, TODAY).link_clicks == 40
    pieces = context(workspace, TODAY).pieces
    workspace.add_cost(
        Cost(date(2025, 1, 7), CostCategory.CONTENT, Decimal(30), campaign_id=campaign_id)
    )
    figures = summarize(workspace, part, TODAY)
    assert (figures.cost, figures.link_clicks) == (Decimal(30), 40)
    assert context(workspace, TODAY).pieces is pieces


def test_a_restored_backup_then_a_new_edit_never_reuses_figures_of_the_undone_state(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Undo (restore a backup) then a different edit: the figures are those of the new state."""
    campaign_id = _seeded(workspace)
    backup = tmp_path / "before.roidesk"
    workspace.save_copy(backup)
    workspace.add_cost(
        Cost(date(2025, 1, 2), CostCategory.TOOLS, Decimal(11), campaign_id=campaign_id)
    )
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(111)
    workspace.restore_from(backup)
    workspace.add_cost(
        Cost(date(2025, 1, 3), CostCategory.TOOLS, Decimal(22), campaign_id=campaign_id)
    )
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(122)


def test_another_connection_s_write_shows_in_the_next_figures(
    workspace: Workspace,
) -> None:
    """A write by another connection (the window's worker, a second window) is seen."""
    campaign_id = _seeded(workspace)
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(100)
    with Workspace.open(workspace.path) as other:
        other.add_cost(
            Cost(date(2025, 1, 4), CostCategory.TOOLS, Decimal(5), campaign_id=campaign_id)
        )
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(105)


def test_a_long_part_of_a_month_equals_the_month_less_its_short_rest(
    workspace: Workspace,
) -> None:
    """3–31 January (read as January less 1–2 January) counts exactly the rows of those days."""
    campaign = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 3, 31)))
    workspace.add_results(
        [
            Result(date(2025, 1, day), platform, campaign.id, link_clicks=day, revenue=Decimal(day))
            for day in (1, 2, 3, 15, 31)
            for platform in ("Facebook", "TikTok")
        ]
    )
    late = summarize(workspace, Query(start=date(2025, 1, 3), end=date(2025, 1, 31)), TODAY)
    early = summarize(workspace, Query(start=date(2025, 1, 1), end=date(2025, 1, 2)), TODAY)
    middle = summarize(workspace, Query(start=date(2025, 1, 2), end=date(2025, 1, 30)), TODAY)
    assert (late.link_clicks, late.revenue) == (98, Decimal(98))  # (3 + 15 + 31) × 2
    assert (early.link_clicks, early.revenue) == (6, Decimal(6))
    assert middle.link_clicks == 40  # (2 + 3 + 15) × 2: both ends cut off
    tiktok = Query(start=date(2025, 1, 3), end=date(2025, 1, 31), platform="TikTok")
    assert summarize(workspace, tiktok, TODAY).link_clicks == 49


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The demo workspace: general costs, staff time, valuations, other returns, two clients."""
    return Workspace.open(
        write_demo(tmp_path_factory.mktemp("demo") / "demo.roidesk", date(2026, 11, 15))
    )


@pytest.mark.parametrize(
    "query",
    [
        Query(),
        Query(start=date(2026, 3, 10), end=date(2026, 8, 20)),
        # campaign 9: Valentine's Bouquets 2026 (15 January – 14 February)
        Query(start=date(2026, 2, 1), end=date(2026, 2, 28), campaign_id=9),
        Query(client_id=1),
        Query(platform="Instagram"),
        Query(content_type="video"),
    ],
)
def test_one_pass_of_all_breakdowns_equals_each_asked_alone(demo: Workspace, query: Query) -> None:
    """The dashboard's shared pass gives exactly the figures of separate summary and breakdowns."""
    bys = ("month", "campaign", "platform", "category")
    today = date(2026, 11, 23)
    figures, rows = summary_with_breakdowns(demo, query, bys, today)
    assert figures == summarize(demo, query, today)
    for by in bys:
        assert rows[by] == breakdown(demo, query, by, today)
    assert rows["platform"] and rows["campaign"]
    _, costs = summary_with_breakdowns(demo, query, ("campaign",), today, cost_only=("campaign",))
    alone = {row.key: row.figures for row in breakdown(demo, query, "campaign", today)}
    for row in costs["campaign"]:
        assert row.figures.cost == alone[row.key].cost
        assert row.figures.ad_spend == alone[row.key].ad_spend
        if query.content_type is None:
            assert row.figures.total_return is None and row.figures.roi_total is None


def test_an_import_into_one_month_keeps_what_was_read_of_other_months(
    workspace: Workspace,
) -> None:
    """Rows added in March: March's partial sums are read again, January's are kept."""
    campaign_id = _seeded(workspace)
    january = Query(start=date(2025, 1, 5), end=date(2025, 1, 15))
    march = Query(start=date(2025, 3, 5), end=date(2025, 3, 15))
    assert summarize(workspace, january, TODAY).link_clicks == 40
    assert summarize(workspace, march, TODAY).link_clicks == 0
    january_piece = context(workspace, TODAY).pieces[(date(2025, 1, 5), date(2025, 1, 15))]
    workspace.add_results([Result(date(2025, 3, 9), "Facebook", campaign_id, link_clicks=7)])
    assert summarize(workspace, march, TODAY).link_clicks == 7
    assert summarize(workspace, january, TODAY).link_clicks == 40
    pieces = context(workspace, TODAY).pieces
    assert pieces[(date(2025, 1, 5), date(2025, 1, 15))] is january_piece


def test_a_valuation_or_margin_edit_keeps_the_ledger_and_shows_at_once(
    workspace: Workspace,
) -> None:
    """€0.50 a click on 40 clicks is €20 valued; a 40 % margin makes €50 revenue €20 direct."""
    from dataclasses import replace as changed

    from roidesk.core.records import Valuation

    _seeded(workspace)
    summarize(workspace, JANUARY, TODAY)
    ledger = context(workspace, TODAY).ledger
    campaigns = context(workspace, TODAY).campaigns
    workspace.add_valuation(Valuation("link_clicks", date(2024, 1, 1), Decimal("0.50")))
    assert summarize(workspace, JANUARY, TODAY).valued_return == Decimal(20)
    workspace.save_settings(changed(workspace.settings(), gross_margin=Decimal("0.4")))
    figures = summarize(workspace, JANUARY, TODAY)
    assert figures.direct_return == Decimal(20) and figures.total_return == Decimal(40)
    assert context(workspace, TODAY).ledger is ledger
    assert context(workspace, TODAY).campaigns is campaigns


def test_a_margin_edit_moves_the_break_even_date_at_once(workspace: Workspace) -> None:
    """€100 cost, €50 + €60 revenue: break-even 20 January at 100 % margin, none at 50 %."""
    from dataclasses import replace as changed

    campaign_id = _seeded(workspace)
    workspace.add_results([Result(date(2025, 1, 20), "Facebook", campaign_id, revenue=Decimal(60))])
    assert summarize(workspace, JANUARY, TODAY).break_even_date == date(2025, 1, 20)
    workspace.save_settings(changed(workspace.settings(), gross_margin=Decimal("0.5")))
    assert summarize(workspace, JANUARY, TODAY).break_even_date is None


def test_the_same_question_in_the_same_state_is_answered_from_memory_until_a_write(
    workspace: Workspace,
) -> None:
    """The dashboard back on a filter it showed: the answer is the one computed before (not
    summed again), a caller changing its rows changes no later answer; a write shows at once."""
    campaign_id = _seeded(workspace)
    bys = ("month", "platform", "campaign")
    first, rows = summary_with_breakdowns(workspace, JANUARY, bys, TODAY)
    platforms = [row.key for row in rows["platform"]]
    assert platforms == ["Facebook", "no platform"]  # the cost has no platform
    rows["platform"].clear()  # what one caller does with its lists is its own business
    again, rows_again = summary_with_breakdowns(workspace, JANUARY, bys, TODAY)
    assert again is first  # from memory: the very figures of the first answer
    assert [row.key for row in rows_again["platform"]] == platforms
    assert [row.figures.cost for row in rows_again["campaign"]] == [Decimal(100)]
    workspace.add_cost(
        Cost(date(2025, 1, 5), CostCategory.TOOLS, Decimal(20), campaign_id=campaign_id)
    )
    after, rows_after = summary_with_breakdowns(workspace, JANUARY, bys, TODAY)
    assert after.cost == Decimal(120)
    assert [row.figures.cost for row in rows_after["campaign"]] == [Decimal(120)]


def test_a_breakdown_asked_again_is_the_one_given_and_memory_keeps_a_bounded_number(
    workspace: Workspace,
) -> None:
    """A breakdown asked again is the rows given before (in a list of its own); asking many
    different questions keeps at most ``ANSWERS_KEPT`` answers in memory."""
    _seeded(workspace)
    first = breakdown(workspace, JANUARY, "campaign", TODAY)
    again = breakdown(workspace, JANUARY, "campaign", TODAY)
    assert again is not first and again[0] is first[0]
    for days in range(ANSWERS_KEPT + 10):  # more different questions than are kept
        summarize(workspace, Query(start=date(2025, 1, 1) + timedelta(days=days)), TODAY)
    assert 0 < len(context(workspace, TODAY).answers) <= ANSWERS_KEPT
