"""The engine's one cache: after any write, by anyone, the next answer is the one a fresh
connection computes from scratch; within one state, an answer asked again is the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from roidesk.core.figures import Query
from roidesk.core.records import (
    Campaign,
    Cost,
    CostCategory,
    ImportBatch,
    Repeat,
    Result,
    Valuation,
)
from roidesk.engine import breakdown, summarize, summary_with_breakdowns
from roidesk.storage import Workspace
from roidesk.storage.demo import write_demo

TODAY = date(2025, 6, 30)
JANUARY = Query(start=date(2025, 1, 1), end=date(2025, 1, 31))
BYS = ("month", "campaign", "platform", "category")
QUESTIONS = [
    Query(),
    JANUARY,
    Query(start=date(2025, 1, 5), end=date(2025, 3, 15)),
    Query(start=date(2025, 1, 5), end=date(2025, 1, 15), platform="Facebook"),
]


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


def _answers(workspace: Workspace) -> list[Any]:
    """Every question's summary with all its breakdowns."""
    return [summary_with_breakdowns(workspace, query, BYS, TODAY) for query in QUESTIONS]


def _from_scratch(path: Path) -> list[Any]:
    """The same answers from a new connection (a cache of its own, built from the file)."""
    with Workspace.open(path) as fresh:
        return _answers(fresh)


def _asked_and_checked(workspace: Workspace) -> list[Any]:
    """Ask every question and check it against a fresh connection's answer."""
    answers = _answers(workspace)
    assert answers == _from_scratch(workspace.path)
    return answers


def test_an_import_of_results_shows_in_the_next_answers(workspace: Workspace) -> None:
    """Results added after a summary change the return at once, as from scratch."""
    campaign_id = _seeded(workspace)
    _asked_and_checked(workspace)
    workspace.add_results(
        [Result(date(2025, 1, 20), "Facebook", campaign_id, link_clicks=5, revenue=Decimal(25))]
    )
    _asked_and_checked(workspace)
    figures = summarize(workspace, JANUARY, TODAY)
    assert (figures.revenue, figures.link_clicks, figures.cost) == (Decimal(75), 45, Decimal(100))


def test_a_cost_edit_shows_in_the_next_answers(workspace: Workspace) -> None:
    """Editing, adding and deleting a cost: each next answer equals the one from scratch."""
    campaign_id = _seeded(workspace)
    _asked_and_checked(workspace)
    cost = workspace.costs()[0]
    workspace.update_cost(replace(cost, amount=Decimal("100.0001")))
    _asked_and_checked(workspace)
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal("100.0001")
    tools = workspace.add_cost(
        Cost(date(2025, 1, 7), CostCategory.TOOLS, Decimal(30), campaign_id=campaign_id)
    )
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal("130.0001")
    assert tools.id is not None
    workspace.delete_cost(tools.id)
    _asked_and_checked(workspace)
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal("100.0001")


def test_an_import_and_its_undo_show_in_the_next_answers(workspace: Workspace) -> None:
    """An import's results and ad spend, then the import deleted as a whole."""
    campaign_id = _seeded(workspace)
    _asked_and_checked(workspace)
    with workspace.transaction():
        batch = workspace.add_import_batch(ImportBatch("ads.csv", "f1", "2025-02-01", "export"))
        workspace.add_results(
            [Result(date(2025, 2, 3), "TikTok", campaign_id, leads=3, batch_id=batch.id)]
        )
        workspace.add_costs(
            [Cost(date(2025, 2, 3), CostCategory.ADVERTISING, Decimal(9), campaign_id=campaign_id,
                  platform="TikTok", batch_id=batch.id)]
        )  # fmt: skip
    answers = _asked_and_checked(workspace)
    assert answers[0][0].leads == 3 and answers[0][0].cost == Decimal(109)
    assert batch.id is not None
    workspace.delete_import_batch(batch.id)
    answers = _asked_and_checked(workspace)
    assert answers[0][0].leads == 0 and answers[0][0].cost == Decimal(100)


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
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(100)
    workspace.add_cost(
        Cost(date(2025, 1, 3), CostCategory.TOOLS, Decimal(22), campaign_id=campaign_id)
    )
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(122)
    _asked_and_checked(workspace)


def test_another_connection_s_write_shows_in_the_next_answers(workspace: Workspace) -> None:
    """A write by another connection (the window's worker, a second window) is seen."""
    campaign_id = _seeded(workspace)
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(100)
    with Workspace.open(workspace.path) as other:
        other.add_cost(
            Cost(date(2025, 1, 4), CostCategory.TOOLS, Decimal(5), campaign_id=campaign_id)
        )
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(105)
    _asked_and_checked(workspace)


def test_a_plain_sql_write_on_the_same_connection_shows_in_the_next_answers(
    workspace: Workspace,
) -> None:
    """A write that goes around the repository (a script on ``workspace.db``) is seen too."""
    _seeded(workspace)
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(100)
    workspace.db.execute("UPDATE costs SET amount = 1200000")
    workspace.db.conn.commit()
    assert summarize(workspace, JANUARY, TODAY).cost == Decimal(120)


def test_a_valuation_or_margin_edit_shows_at_once(workspace: Workspace) -> None:
    """€0.50 a click on 40 clicks is €20 valued; a 40 % margin makes €50 revenue €20 direct."""
    _seeded(workspace)
    summarize(workspace, JANUARY, TODAY)
    workspace.add_valuation(Valuation("link_clicks", date(2024, 1, 1), Decimal("0.50")))
    assert summarize(workspace, JANUARY, TODAY).valued_return == Decimal(20)
    workspace.save_settings(replace(workspace.settings(), gross_margin=Decimal("0.4")))
    figures = summarize(workspace, JANUARY, TODAY)
    assert figures.direct_return == Decimal(20) and figures.total_return == Decimal(40)
    _asked_and_checked(workspace)


def test_a_margin_edit_moves_the_break_even_date_at_once(workspace: Workspace) -> None:
    """€100 cost, €50 + €60 revenue: break-even 20 January at 100 % margin, none at 50 %."""
    campaign_id = _seeded(workspace)
    workspace.add_results([Result(date(2025, 1, 20), "Facebook", campaign_id, revenue=Decimal(60))])
    assert summarize(workspace, JANUARY, TODAY).break_even_date == date(2025, 1, 20)
    workspace.save_settings(replace(workspace.settings(), gross_margin=Decimal("0.5")))
    assert summarize(workspace, JANUARY, TODAY).break_even_date is None


def test_a_new_day_runs_monthly_costs_without_an_end_into_it(workspace: Workspace) -> None:
    """A €10 monthly tool from 15 January, no end: on 20 February it has cost €20, not €10."""
    workspace.add_cost(
        Cost(date(2025, 1, 15), CostCategory.TOOLS, Decimal(10), repeat=Repeat.MONTHLY)
    )
    assert summarize(workspace, Query(), date(2025, 1, 31)).cost == Decimal(10)
    assert summarize(workspace, Query(), date(2025, 2, 20)).cost == Decimal(20)


def test_the_same_question_in_the_same_state_gives_the_same_answer_until_a_write(
    workspace: Workspace,
) -> None:
    """The dashboard back on a filter it showed gets the answer it got; a caller changing its
    rows changes no later answer; a write shows at once."""
    campaign_id = _seeded(workspace)
    bys = ("month", "platform", "campaign")
    first, rows = summary_with_breakdowns(workspace, JANUARY, bys, TODAY)
    platforms = [row.key for row in rows["platform"]]
    assert platforms == ["Facebook", "no platform"]  # the cost has no platform
    rows["platform"].clear()  # what one caller does with its lists is its own business
    again, rows_again = summary_with_breakdowns(workspace, JANUARY, bys, TODAY)
    assert again == first
    assert [row.key for row in rows_again["platform"]] == platforms
    assert [row.figures.cost for row in rows_again["campaign"]] == [Decimal(100)]
    first_rows = breakdown(workspace, JANUARY, "campaign", TODAY)
    first_rows.clear()
    assert [row.figures.cost for row in breakdown(workspace, JANUARY, "campaign", TODAY)] == [
        Decimal(100)
    ]
    workspace.add_cost(
        Cost(date(2025, 1, 5), CostCategory.TOOLS, Decimal(20), campaign_id=campaign_id)
    )
    after, rows_after = summary_with_breakdowns(workspace, JANUARY, bys, TODAY)
    assert after.cost == Decimal(120)
    assert [row.figures.cost for row in rows_after["campaign"]] == [Decimal(120)]


def test_parts_of_a_month_count_exactly_the_rows_of_their_days(workspace: Workspace) -> None:
    """3–31 January, 1–2 January and 2–30 January count the rows of those days only."""
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


def test_the_two_equal_halves_of_a_month_add_up_to_it(workspace: Workspace) -> None:
    """1–14 and 15–28 February 2025 (14 days each) count 1 + 14 and 15 + 28 clicks."""
    workspace.add_results(
        [Result(date(2025, 2, day), "Facebook", link_clicks=day) for day in (1, 14, 15, 28)]
    )
    first = Query(start=date(2025, 2, 1), end=date(2025, 2, 14))
    second = Query(start=date(2025, 2, 15), end=date(2025, 2, 28))
    assert summarize(workspace, first, TODAY).link_clicks == 15
    assert summarize(workspace, second, TODAY).link_clicks == 43


def test_a_period_over_two_partial_months_puts_each_row_in_its_own_month(
    workspace: Workspace,
) -> None:
    """10 January – 20 February: January's 40 clicks under January, February's 7 under
    February (the development builds put both under January)."""
    campaign_id = _seeded(workspace)
    workspace.add_results([Result(date(2025, 2, 9), "Facebook", campaign_id, link_clicks=7)])
    query = Query(start=date(2025, 1, 10), end=date(2025, 2, 20))
    rows = breakdown(workspace, query, "month", TODAY)
    assert [(row.key, row.figures.link_clicks) for row in rows] == [("2025-01", 40), ("2025-02", 7)]


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
    today = date(2026, 11, 23)
    figures, rows = summary_with_breakdowns(demo, query, BYS, today)
    assert figures == summarize(demo, query, today)
    for by in BYS:
        assert rows[by] == breakdown(demo, query, by, today)
    assert rows["platform"] and rows["campaign"]
    _, costs = summary_with_breakdowns(demo, query, ("campaign",), today, cost_only=("campaign",))
    alone = {row.key: row.figures for row in breakdown(demo, query, "campaign", today)}
    for row in costs["campaign"]:
        assert row.figures.cost == alone[row.key].cost
        assert row.figures.ad_spend == alone[row.key].ad_spend
        if query.content_type is None:
            assert row.figures.total_return is None and row.figures.roi_total is None


def test_shared_out_costs_are_reused_only_for_the_same_records(workspace: Workspace) -> None:
    """The window's and the dashboard's connections share one sharing-out of the costs, and
    an import of results keeps it; a cost edit shares out again (and its figures show)."""
    from roidesk.engine.state import context

    _seeded(workspace)
    other = Workspace.open(workspace.path)
    try:
        first = context(workspace, TODAY).ledger
        assert context(other, TODAY).ledger is first  # same records: shared out once
        workspace.add_results([Result(date(2025, 1, 9), "Facebook", impressions=10)])
        assert context(workspace, TODAY).ledger is first  # results changed, costs did not
        [cost] = workspace.costs()[:1]
        workspace.update_cost(replace(cost, amount=(cost.amount or Decimal(0)) + 7))
        assert context(workspace, TODAY).ledger is not first
        assert summarize(workspace, Query(), today=TODAY) == summarize(other, Query(), today=TODAY)
    finally:
        other.close()
