"""Break-even over a workspace (SPEC): the first day from which cumulative total return stays at
or above cumulative cost to the period's end; each ``--by`` row gives what its own query gives."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from roidesk.core.figures import Query
from roidesk.core.records import Campaign, Cost, CostCategory, OtherReturn, Result
from roidesk.engine import breakdown, summarize, summary_with_breakdown
from roidesk.storage import Workspace

TODAY = date(2025, 12, 31)
JAN_TO_APR = Query(start=date(2025, 1, 1), end=date(2025, 4, 30))


def _seeded(workspace: Workspace) -> tuple[int, int]:
    """Facebook (campaign A): €100 on 1 Jan and €100 on 1 Feb; revenue €120 on 10 Jan and
    €100 on 15 Mar — cumulative C/T 100/120 from 10 Jan (reached), 200/120 from 1 Feb (lost),
    200/220 from 15 Mar (regained). LinkedIn (campaign B): €50 on 1 Jan, €10 revenue (never)."""
    a = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 12, 31))).id
    b = workspace.add_campaign(Campaign("B", date(2025, 1, 1), date(2025, 12, 31))).id
    assert a is not None and b is not None
    for day, amount, campaign, platform in (
        (date(2025, 1, 1), 100, a, "Facebook"),
        (date(2025, 2, 1), 100, a, "Facebook"),
        (date(2025, 1, 1), 50, b, "LinkedIn"),
    ):
        workspace.add_cost(
            Cost(
                day,
                CostCategory.ADVERTISING,
                Decimal(amount),
                campaign_id=campaign,
                platform=platform,
            )
        )
    workspace.add_results(
        [
            Result(date(2025, 1, 10), "Facebook", a, revenue=Decimal(120)),
            Result(date(2025, 3, 15), "Facebook", a, revenue=Decimal(100)),
            Result(date(2025, 1, 10), "LinkedIn", b, revenue=Decimal(10)),
        ]
    )
    return a, b


def test_reached_lost_and_regained(workspace: Workspace) -> None:
    """Facebook January to April: reached 10 Jan, lost 1 Feb, regained for good 15 Mar."""
    _seeded(workspace)
    facebook = replace(JAN_TO_APR, platform="Facebook")
    assert summarize(workspace, facebook, TODAY).break_even_date == date(2025, 3, 15)


def test_a_period_that_ends_below_cost_has_no_break_even(workspace: Workspace) -> None:
    """Facebook January–February ends at C 200 > T 120: not defined (it was reached on
    10 Jan), while January alone breaks even on 10 Jan."""
    _seeded(workspace)
    jan_feb = Query(start=date(2025, 1, 1), end=date(2025, 2, 28), platform="Facebook")
    assert summarize(workspace, jan_feb, TODAY).break_even_date is None
    january = replace(jan_feb, end=date(2025, 1, 31))
    assert summarize(workspace, january, TODAY).break_even_date == date(2025, 1, 10)


def test_never_breaks_even(workspace: Workspace) -> None:
    """All platforms: C 250, T 230 on 30 April; LinkedIn alone C 50, T 10: never."""
    _seeded(workspace)
    assert summarize(workspace, JAN_TO_APR, TODAY).break_even_date is None
    linkedin = replace(JAN_TO_APR, platform="LinkedIn")
    assert summarize(workspace, linkedin, TODAY).break_even_date is None


def test_a_negative_other_return_inside_a_month_is_seen(workspace: Workspace) -> None:
    """A −€150 correction on 10 Apr and +€150 on 20 Apr (April nets 0): T falls to 70 < 200
    from 10 Apr, so break-even is 20 Apr, not 15 Mar."""
    a, _b = _seeded(workspace)
    for day, amount in ((date(2025, 4, 10), -150), (date(2025, 4, 20), 150)):
        workspace.add_other_return(OtherReturn(day, Decimal(amount), a, "Facebook"))
    facebook = replace(JAN_TO_APR, platform="Facebook")
    assert summarize(workspace, facebook, TODAY).break_even_date == date(2025, 4, 20)


def test_rows_by_platform_and_campaign_carry_their_own_break_even(workspace: Workspace) -> None:
    """`--by platform` and `--by campaign` rows give the date `--platform X` and
    `--campaign X` give: Facebook/A 15 Mar, LinkedIn/B none (before: a dash for every row)."""
    a, b = _seeded(workspace)
    _, platforms = summary_with_breakdown(workspace, JAN_TO_APR, "platform", TODAY)
    assert {row.key: row.figures.break_even_date for row in platforms} == {
        "Facebook": date(2025, 3, 15),
        "LinkedIn": None,
    }
    _, campaigns = summary_with_breakdown(workspace, JAN_TO_APR, "campaign", TODAY)
    assert {row.key: row.figures.break_even_date for row in campaigns} == {
        str(a): date(2025, 3, 15),
        str(b): None,
    }
    alone = summarize(workspace, replace(JAN_TO_APR, campaign_id=a), TODAY)
    assert alone.break_even_date == date(2025, 3, 15)


def test_rows_by_month_break_even_inside_their_month(workspace: Workspace) -> None:
    """By month (all platforms): January C 150, T 130 → none; February C 100, T 0 → none;
    March C 0 → none (April has no row: nothing in it); with Facebook only, January breaks
    even on 10 Jan."""
    _seeded(workspace)
    rows = breakdown(workspace, JAN_TO_APR, "month", TODAY, break_even=True)
    assert [row.figures.break_even_date for row in rows] == [None, None, None]
    facebook = replace(JAN_TO_APR, platform="Facebook")
    rows = breakdown(workspace, facebook, "month", TODAY, break_even=True)
    assert rows[0].key == "2025-01" and rows[0].figures.break_even_date == date(2025, 1, 10)


def test_break_even_on_the_first_day_of_a_month(workspace: Workspace) -> None:
    """€100 cost on 1 Jan, €150 revenue on 1 Mar: short until the end of February, so
    break-even is 1 Mar (alone and as a `--by campaign` row; February's totals show it)."""
    a = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 12, 31))).id
    assert a is not None
    workspace.add_cost(
        Cost(date(2025, 1, 1), CostCategory.ADVERTISING, Decimal(100), campaign_id=a)
    )
    workspace.add_results([Result(date(2025, 3, 1), "Facebook", a, revenue=Decimal(150))])
    assert summarize(workspace, JAN_TO_APR, TODAY).break_even_date == date(2025, 3, 1)
    _, rows = summary_with_breakdown(workspace, JAN_TO_APR, "campaign", TODAY)
    assert {row.key: row.figures.break_even_date for row in rows} == {str(a): date(2025, 3, 1)}
