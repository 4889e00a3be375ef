"""Series snapshot tests: what each chart and card shows on a small hand-computed workspace."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.figures import Query
from roidesk.core.records import Campaign, Cost, CostCategory, Goal, OtherReturn, Result
from roidesk.storage import Workspace
from roidesk.ui.dashboard.series import DashboardData, compute_dashboard, timestamp

TODAY = date(2026, 2, 28)
D = Decimal
PERIOD = Query(date(2026, 1, 1), date(2026, 2, 28))


def build_golden(workspace: Workspace) -> int:
    """One Facebook campaign, two months: costs 100 / 300+50, returns 150 / 600 (margin 100 %)."""
    campaign = workspace.add_campaign(
        Campaign("Spring", date(2026, 1, 1), date(2026, 3, 31), platforms=("Facebook",))
    )
    assert campaign.id is not None
    ad = CostCategory.ADVERTISING
    workspace.add_costs(
        [
            Cost(date(2026, 1, 10), ad, Decimal(100), campaign_id=campaign.id, platform="Facebook"),
            Cost(date(2026, 2, 10), ad, Decimal(300), campaign_id=campaign.id, platform="Facebook"),
            Cost(date(2026, 2, 12), CostCategory.CONTENT, Decimal(50), campaign_id=campaign.id),
        ]
    )
    workspace.add_results(
        [
            Result(
                date(2026, 1, 15),
                "Facebook",
                campaign.id,
                impressions=10000,
                engagements=400,
                link_clicks=200,
                leads=10,
                new_customers=2,
                revenue=Decimal(150),
            ),
            Result(
                date(2026, 2, 15),
                "Facebook",
                campaign.id,
                impressions=20000,
                engagements=600,
                link_clicks=300,
                leads=5,
                new_customers=3,
                revenue=Decimal(600),
            ),
        ]
    )
    workspace.add_goal(
        Goal(campaign.id, "ctr", Decimal("0.01"), Decimal("0.02"), date(2026, 3, 31))
    )
    return campaign.id


@pytest.fixture
def golden(workspace: Workspace) -> DashboardData:
    """The dashboard data of the golden workspace for January–February."""
    build_golden(workspace)
    return compute_dashboard(workspace, PERIOD, TODAY)


def test_cards_show_the_hand_computed_figures(golden: DashboardData) -> None:
    """Cards: cost 450, return 750, net 300, ROI 66.67 %, ROAS 750/400, CPL 450/15, CAC 450/5."""
    values = {card.name: card.value for card in golden.cards}
    assert values["cost"] == "€450.00"
    assert values["total_return"] == "€750.00"
    assert values["net_return"] == "€300.00"
    assert values["roi_total"] == "66.67\u00a0%"
    assert values["roas"] == "1.88×"
    assert values["cpl"] == "€30.00"
    assert values["cac"] == "€90.00"
    assert values["ltv_cac"] == "—"


def test_card_tooltip_names_definition_and_inputs(golden: DashboardData) -> None:
    """A card's tooltip says how the figure is defined and shows the inputs behind it."""
    roi = next(card for card in golden.cards if card.name == "roi_total")
    assert "(total return − cost) / cost" in roi.tooltip
    assert "total return: €750.00" in roi.tooltip
    assert "cost: €450.00" in roi.tooltip


def test_previous_period_with_no_data_says_so(golden: DashboardData) -> None:
    """Nov–Dec 2025 had nothing: every card says so (not a dash, not a division by zero), and
    the tooltip names that period."""
    assert {card.change for card in golden.cards} == {"no data in the previous period"}
    cost = next(card for card in golden.cards if card.name == "cost")
    assert cost.tooltip.endswith("previous period (2025-11-01 – 2025-12-31): €0.00")


def test_an_open_period_has_no_previous_period(workspace: Workspace) -> None:
    """ "All" (and "from a day on") has nothing before it to compare with: the cards say so,
    and no tooltip names a previous period."""
    build_golden(workspace)
    data = compute_dashboard(workspace, Query(), TODAY)
    assert {card.change for card in data.cards} == {"all time: no previous period"}
    assert not any("previous period" in card.tooltip for card in data.cards)
    from_january = compute_dashboard(workspace, Query(start=date(2026, 1, 1)), TODAY)
    assert {card.change for card in from_january.cards} == {"all time: no previous period"}


def test_change_against_previous_period(workspace: Workspace) -> None:
    """February against January: cost 350 vs 100 is +250 %, ROI 71.43 % vs 50 % is +21.4 pts."""
    build_golden(workspace)
    data = compute_dashboard(workspace, Query(date(2026, 2, 1), date(2026, 2, 28)), TODAY)
    changes = {card.name: card.change for card in data.cards}
    assert changes["cost"] == "+250.0 % vs previous period"
    assert changes["roi_total"] == "+21.4 pts vs previous period"
    assert changes["ltv_cac"] == "— vs previous period"  # LTV is not defined in either month
    tips = {card.name: card.tooltip.splitlines()[-1] for card in data.cards}
    assert tips["cost"] == "previous period (2026-01-01 – 2026-01-31): €100.00"
    assert tips["roi_total"] == (
        "previous period (2026-01-01 – 2026-01-31): 50.00\u00a0% (better now)"
    )
    # better or worse for the owner: more return and ROI; CPL 70 vs 10 and CAC 116.67 vs 50
    # cost more per lead and customer; more cost is neither; LTV : CAC is not defined
    trends = {card.name: card.trend for card in data.cards}
    assert trends == {
        "cost": "",
        "total_return": "better",
        "net_return": "better",
        "roi_total": "better",
        "roi_direct": "better",
        "roas": "better",
        "cpl": "worse",
        "cac": "worse",
        "ltv_cac": "",
    }


def test_roi_card_shows_its_range_and_the_returns_card_the_paid_equivalent() -> None:
    """ROI (total) 30 % with every valuation low / high at 12 % / 48 %: "(range 12.00 % –
    48.00 %)"; €1,240 paid-equivalent beside (never in) the €5,000 total return."""
    from roidesk.core.figures import Figures
    from roidesk.core.money import NumberStyle
    from roidesk.ui.dashboard.series import cards_from

    figures = Figures(
        cost=Decimal(1000),
        total_return=Decimal(5000),
        roi_total=Decimal("0.3"),
        roi_total_low=Decimal("0.12"),
        roi_total_high=Decimal("0.48"),
        total_return_low=Decimal(4000),
        total_return_high=Decimal(6000),
        paid_equivalent=Decimal(1240),
    )
    cards = {c.name: c for c in cards_from(figures, Figures(), NumberStyle("EUR", "en"), None)}
    assert cards["roi_total"].detail == "(range 12.00\u00a0% – 48.00\u00a0%)"
    assert cards["total_return"].value == "€5,000.00"
    assert cards["total_return"].detail == (
        "+ €1,240.00 paid-equivalent\n(not counted in the return)"
    )
    assert "€4,000.00 – €6,000.00" in cards["total_return"].tooltip
    assert cards["cost"].detail == cards["roi_direct"].detail == ""


def test_no_range_where_low_and_high_are_the_value() -> None:
    """Valuations without low/high (or none at all): no range line, no paid-equivalent line."""
    from roidesk.core.figures import Figures
    from roidesk.core.money import NumberStyle
    from roidesk.ui.dashboard.series import cards_from

    roi = Decimal("0.3")
    figures = Figures(roi_total=roi, roi_total_low=roi, roi_total_high=roi, paid_equivalent=None)
    cards = {c.name: c for c in cards_from(figures, Figures(), NumberStyle("EUR", "en"), None)}
    assert cards["roi_total"].detail == cards["total_return"].detail == ""


def test_more_figures_show_every_figure_the_cards_do_not(golden: DashboardData) -> None:
    """January–February: CTR 500/30,000 = 1.67 %, engagement rate 1,000/30,000 = 3.33 %,
    conversion rate 0/500 = 0 %, CPC €400/500 = €0.80, CPM €400/30 = €13.33, CPA (no
    conversions) —; each with its
    definition; with the cards every SPEC figure but the low/high variants is on the page."""
    shown = {f.name: f for _group, members in golden.more for f in members}
    assert shown["ctr"].value == "1.67\u00a0%"
    assert shown["engagement_rate"].value == "3.33\u00a0%"
    assert shown["conversion_rate"].value == "0.00\u00a0%"
    assert shown["cpc"].value == "€0.80"
    assert shown["cpm"].value == "€13.33"
    assert shown["cpa"].value == "—"
    assert shown["impressions"].value == "30,000"
    assert shown["ctr"].tooltip == "CTR = link clicks / impressions"
    assert shown["other_return"].value == "€0.00"
    from roidesk.core.figures import Figures

    on_cards = {card.name for card in golden.cards}
    ranges = {"total_return_low", "total_return_high", "roi_total_low", "roi_total_high"}
    assert set(Figures.names()) - ranges == on_cards | set(shown) - {"payback_days"}
    assert shown["payback_days"].value == "—"  # no campaign chosen


def test_payback_in_days_for_the_chosen_campaign(workspace: Workspace) -> None:
    """Spring from 1 Jan 2026: cumulative return ≥ cost from 15 Feb (see the monthly series)
    → payback 45 days, shown when Spring is chosen."""
    campaign_id = build_golden(workspace)
    data = compute_dashboard(workspace, Query(campaign_id=campaign_id), TODAY)
    shown = {f.name: f for _group, members in data.more for f in members}
    assert shown["payback_days"].value == "45 days"


def test_the_other_return_tooltip_lists_it_by_kind(workspace: Workspace) -> None:
    """A €200 referral and €50 of no kind in February: other return €250.00, its tooltip
    "referral: €200.00" and "other: €50.00"."""
    campaign_id = build_golden(workspace)
    workspace.add_other_return(
        OtherReturn(date(2026, 2, 3), Decimal(200), campaign_id, kind="referral")
    )
    workspace.add_other_return(OtherReturn(date(2026, 2, 4), Decimal(50), campaign_id))
    data = compute_dashboard(workspace, PERIOD, TODAY)
    other = next(f for _g, members in data.more for f in members if f.name == "other_return")
    assert other.value == "€250.00"
    assert other.tooltip.splitlines()[-2:] == ["referral: €200.00", "other: €50.00"]


def test_monthly_series(golden: DashboardData) -> None:
    """Cost 100/350 and return 150/600 per month; cumulative ROI 50 % then 300/450; break-even
    15 Feb (reached 15 Jan, lost 10 Feb at 400 > 150, held from 15 Feb at 750 ≥ 450)."""
    monthly = golden.monthly
    assert monthly.x == [timestamp(date(2026, 1, 1)), timestamp(date(2026, 2, 1))]
    assert monthly.cost == [100.0, 350.0]
    assert monthly.total_return == [150.0, 600.0]
    assert monthly.cumulative_roi[0] == 0.5
    assert monthly.cumulative_roi[1] == pytest.approx(300 / 450)
    assert monthly.hover[1] == "2026-02\ncost €350.00\nreturn €600.00\ncumulative ROI 66.67\u00a0%"
    assert monthly.break_even_x == timestamp(date(2026, 2, 15))


def test_platform_and_category_series(golden: DashboardData) -> None:
    """The untagged content cost goes to Facebook (its only tagged platform that month)."""
    assert golden.platform_cost.labels[0] == "Facebook"
    assert golden.platform_cost.values[0] == 450.0
    assert sum(golden.platform_cost.values) == 450.0
    assert golden.platform_roi.values[0] == pytest.approx(300 / 450)
    categories = dict(zip(golden.category_cost.labels, golden.category_cost.values, strict=True))
    assert categories == {"advertising": 400.0, "content creation": 50.0}
    assert golden.campaign_cost.labels[0] == "Spring"
    assert golden.campaign_cost.values[0] == 450.0


def test_what_no_platform_carries_has_a_platform_bar_only_with_a_cost(
    workspace: Workspace,
) -> None:
    """A return of no platform alone (a €120 voucher) drew an empty "no platform" slot in both
    platform charts; it counts in the totals, not as a platform. A cost of no platform (of a
    campaign on none) keeps its bar."""
    campaign_id = build_golden(workspace)
    workspace.add_other_return(OtherReturn(date(2026, 2, 20), Decimal(120), campaign_id))
    data = compute_dashboard(workspace, PERIOD, TODAY)
    assert data.platform_cost.labels == data.platform_roi.labels == ["Facebook"]
    assert data.figures.other_return == Decimal(120)
    flyers = workspace.add_campaign(Campaign("Flyers", date(2026, 2, 1), date(2026, 2, 28)))
    workspace.add_cost(  # a campaign on no platform: its cost has no platform to go to
        Cost(date(2026, 2, 1), CostCategory.CONTENT, Decimal(30), campaign_id=flyers.id)
    )
    data = compute_dashboard(workspace, PERIOD, TODAY)
    costs = dict(zip(data.platform_cost.labels, data.platform_cost.values, strict=True))
    assert costs == {"Facebook": 450.0, "no platform": 30.0}
    assert data.platform_roi.labels == ["Facebook", "no platform"]


def test_trend_series_with_benchmark(golden: DashboardData) -> None:
    """CTR 2 % / 1.5 %, engagement 4 % / 3 %, CPC 0.50 / 1.00, CPL 10 / 70; CTR goal 2 %."""
    trends = {t.name: t for t in golden.trends}
    assert trends["ctr"].values == [0.02, 0.015]
    assert trends["engagement_rate"].values == [0.04, 0.03]
    assert trends["cpc"].values == [0.5, 1.0]
    assert trends["cpl"].values == [10.0, 70.0]
    assert trends["ctr"].benchmark == 0.02
    assert trends["cpl"].benchmark is None


def test_funnel_series(golden: DashboardData) -> None:
    """30,000 → 500 → 15 → 5, step rates 1.67 %, 3 %, 33.33 %."""
    funnel = golden.funnel
    assert funnel.values == [30000.0, 500.0, 15.0, 5.0]
    assert funnel.step_rates == ["", "1.67\u00a0%", "3.00\u00a0%", "33.33\u00a0%"]
    assert funnel.hover[0] == "Impressions: 30,000"
    assert funnel.ticks[1] == "Link clicks 500 · 1.67\u00a0%"


def test_a_funnel_step_over_its_step_before_is_not_defined() -> None:
    """Link clicks with no impressions, or more leads than clicks (counted in other files):
    the rate is "—" with the reason, never "162 %"; after a missing step too."""
    from roidesk.core.figures import Figures
    from roidesk.core.money import NumberStyle
    from roidesk.ui.dashboard.series import funnel_from

    numbers = NumberStyle("EUR", "en")
    funnel = funnel_from(Figures(impressions=0, link_clicks=162, leads=0, new_customers=3), numbers)
    assert funnel.step_rates == ["", "—", "0.00\u00a0%", "—"]
    assert funnel.hover[1] == "Link clicks: 162 (— of previous step: no impressions)"
    assert funnel.hover[3] == "New customers: 3 (— of previous step: no leads)"
    over = funnel_from(Figures(impressions=100, link_clicks=162, leads=5), numbers)
    assert over.step_rates[1] == "—"
    assert over.hover[1].endswith("(— of previous step: more than the impressions, counted apart)")
    assert over.step_rates[2] == "3.09\u00a0%"


def test_goal_series(golden: DashboardData) -> None:
    """CTR so far 500/30,000: (0.016667 − 0.01) / (0.02 − 0.01) = two thirds of the way; a
    ratio does not grow with time: no pace marker, pace "—", projected = actual 1.67 %."""
    goals = golden.goals
    assert goals.labels == ["CTR · Spring"]
    assert goals.progress[0] == pytest.approx(2 / 3, abs=1e-4)
    assert math.isnan(goals.elapsed[0])
    assert goals.hover[0].splitlines()[3] == (
        "pace — (a ratio does not grow with time), projected 1.67\u00a0%"
    )


def test_a_counting_goal_has_a_pace_marker_and_a_projection(workspace: Workspace) -> None:
    """Leads 0 → 60 by 31 Mar: 15 leads by 28 Feb (58 of 89 days) is progress 25 %, pace
    25 % ÷ 58/89 = 38.36 %, projected 15 ÷ 58/89 = 23.02 leads; the marker at 58/89."""
    campaign_id = build_golden(workspace)
    workspace.add_goal(Goal(campaign_id, "leads", Decimal(0), Decimal(60), date(2026, 3, 31)))
    goals = compute_dashboard(workspace, PERIOD, TODAY).goals
    assert goals.labels[1] == "Leads · Spring"
    assert goals.elapsed[1] == pytest.approx(58 / 89)
    assert goals.hover[1].splitlines()[3] == "pace 38.36\u00a0%, projected 23"


def test_goals_follow_the_filters(workspace: Workspace) -> None:
    """Spring runs January–March on Facebook: its goal (and its goal line on the CTR chart)
    shows for any period that touches those months and on Facebook; not for April, another
    client's view or Instagram."""
    from roidesk.core.records import Client

    spring = build_golden(workspace)
    other = workspace.add_client(Client("Another client"))
    shown = {
        "March": Query(date(2026, 3, 31), date(2026, 4, 30)),
        "Facebook": Query(platform="facebook"),
        "Spring": Query(campaign_id=spring),
    }
    hidden = {
        "April": Query(date(2026, 4, 1), date(2026, 4, 30)),
        "2025": Query(date(2025, 1, 1), date(2025, 12, 31)),
        "another client": Query(client_id=other.id),
        "Instagram": Query(platform="Instagram"),
    }
    for name, query in shown.items():
        data = compute_dashboard(workspace, query, TODAY)
        assert data.goals.labels == ["CTR · Spring"], name
        assert {t.name: t.benchmark for t in data.trends}["ctr"] == 0.02, name  # its goal line
    for name, query in hidden.items():
        data = compute_dashboard(workspace, query, TODAY)
        assert data.goals.labels == [], name
        assert {t.name: t.benchmark for t in data.trends}["ctr"] is None, name


def test_the_goal_line_is_the_latest_goal_s_target(workspace: Workspace) -> None:
    """Spring (January–March) has a CTR goal of 2 %, Summer (April–June) one of 3 %: over the
    half year the CTR chart's goal line is Summer's (the latest deadline), for March alone
    Spring's; the goal progress chart lists both where both are in view."""
    build_golden(workspace)
    summer = workspace.add_campaign(
        Campaign("Summer", date(2026, 4, 1), date(2026, 6, 30), platforms=("Facebook",))
    )
    assert summer.id is not None
    workspace.add_goal(Goal(summer.id, "ctr", Decimal("0.01"), Decimal("0.03"), date(2026, 6, 30)))
    half_year = compute_dashboard(workspace, Query(date(2026, 1, 1), date(2026, 6, 30)), TODAY)
    assert half_year.goals.labels == ["CTR · Spring", "CTR · Summer"]
    assert {t.name: t.benchmark for t in half_year.trends}["ctr"] == 0.03
    march = compute_dashboard(workspace, Query(date(2026, 3, 1), date(2026, 3, 31)), TODAY)
    assert {t.name: t.benchmark for t in march.trends}["ctr"] == 0.02


def test_empty_workspace_says_import(workspace: Workspace) -> None:
    """With no results the dashboard tells the user to import a spreadsheet."""
    data = compute_dashboard(workspace, Query(), TODAY)
    assert "import a spreadsheet" in data.empty_message
    assert data.monthly.x == []


def test_no_costs_says_roi_not_defined(workspace: Workspace) -> None:
    """Results but no costs: ROI is a dash and the user is told to add costs."""
    workspace.add_results([Result(date(2026, 1, 5), "Facebook", impressions=100)])
    data = compute_dashboard(workspace, Query(), TODAY)
    assert "ROI is not defined" in data.empty_message
    roi = next(card for card in data.cards if card.name == "roi_total")
    assert roi.value == "—"
    assert all(math.isnan(v) for v in data.platform_roi.values)


def test_many_campaigns_show_the_costliest_and_one_bar_for_the_rest() -> None:
    """20 campaigns costing 1…20: bars for 20 down to 7, then '6 other campaigns' = 21."""
    from roidesk.core.figures import Figures
    from roidesk.core.money import NumberStyle
    from roidesk.engine import BreakdownRow
    from roidesk.ui.dashboard.series import top_bars

    rows = [
        BreakdownRow(str(i), f"C{i}", Figures(cost=Decimal(i)))  # type: ignore[call-arg]
        for i in range(1, 21)
    ]
    series = top_bars(rows, "cost", NumberStyle("EUR"), 15)
    assert series.labels[:3] == ["C20", "C19", "C18"]
    assert series.labels[-2:] == ["C7", "6 other campaigns"]
    assert series.values[-1] == 21.0  # 1 + 2 + … + 6
    assert series.keys[-1] == ""
    assert len(series.values) == 15


def test_goal_hover_writes_actual_and_target_as_their_figure(golden: DashboardData) -> None:
    """The CTR goal's hover reads 1.67 % of 2.00 %, not 0.01666666… of 0.02."""
    assert golden.goals.hover[0].splitlines()[2] == (
        "actual 1.67\u00a0%, target 2.00\u00a0% by 2026-03-31"
    )


def test_a_decimal_comma_workspace_reads_every_number_its_way(workspace: Workspace) -> None:
    """In złoty the cards, changes, funnel and hovers write 66,67 %, 1,88×, 30\u00a0000 —
    as the money beside them (450,00 zł), not 66.67 % and 30,000."""
    from dataclasses import replace

    build_golden(workspace)
    workspace.save_settings(replace(workspace.settings(), currency="PLN"))
    data = compute_dashboard(workspace, PERIOD, TODAY)
    values = {card.name: card.value for card in data.cards}
    assert values["cost"] == "450,00\u00a0zł"
    assert values["roi_total"] == "66,67\u00a0%"
    assert values["roas"] == "1,88×"
    assert data.funnel.hover[0] == "Impressions: 30\u00a0000"
    assert data.funnel.ticks[1] == "Link clicks 500 · 1,67\u00a0%"
    assert data.monthly.hover[1].endswith("cumulative ROI 66,67\u00a0%")
    assert data.goals.hover[0].splitlines()[2].startswith("actual 1,67\u00a0%, target 2,00\u00a0%")
    february = compute_dashboard(workspace, Query(date(2026, 2, 1), date(2026, 2, 28)), TODAY)
    changes = {card.name: card.change for card in february.cards}
    assert changes["cost"] == "+250,0 % vs previous period"
    assert changes["roi_total"] == "+21,4 pts vs previous period"


def _legal(workspace: Workspace) -> None:
    build_golden(workspace)
    workspace.save_settings(replace(workspace.settings(), industry="Legal"))


def test_the_chosen_industry_s_benchmark_is_beside_each_kpi(workspace: Workspace) -> None:
    """Legal on Facebook: CTR beside WordStream's 1.61 % (2017), CPC beside Stackmatix's
    1.81 USD (2026), the CTR trend with its median line; a KPI without a row shows nothing."""
    _legal(workspace)
    data = compute_dashboard(workspace, replace(PERIOD, platform="Facebook"), TODAY)
    more = {f.name: f for _, group in data.more for f in group}
    assert more["ctr"].benchmark == "average 1.61\u00a0%"
    assert "benchmark: Legal average 1.61\u00a0% (WordStream, 2017)" in more["ctr"].tooltip
    assert "https://corcoranpr.com/tag/facebook-advertising/" in more["ctr"].tooltip
    assert more["cpc"].benchmark == "average 1.81 USD"
    assert "Legal average 1.81 USD (Stackmatix, 2026)" in more["cpc"].tooltip
    assert more["cpm"].benchmark == ""
    trends = {t.name: t for t in data.trends}
    ctr = trends["ctr"].published
    assert ctr is not None and ctr.median == Decimal("0.0161") and ctr.top_quartile is None
    assert ctr.label == "Legal average (WordStream, 2017)"
    assert trends["cpl"].published is None
    cards = {c.name: c for c in data.cards}
    assert "benchmark" not in cards["cpl"].tooltip  # no published CPL for Legal on Facebook


def test_no_benchmark_without_an_all_platforms_row_or_an_industry(workspace: Workspace) -> None:
    """All platforms shows only the sources' all-platform rows (the table has none); no industry
    chosen shows nothing: an empty cell is honest."""
    _legal(workspace)
    data = compute_dashboard(workspace, PERIOD, TODAY)
    assert all(f.benchmark == "" for _, group in data.more for f in group)
    assert all(t.published is None for t in data.trends)
    workspace.save_settings(replace(workspace.settings(), industry=""))
    data = compute_dashboard(workspace, replace(PERIOD, platform="Facebook"), TODAY)
    assert all(f.benchmark == "" for _, group in data.more for f in group)


def test_a_card_with_a_benchmark_shows_its_phrase_under_the_value(golden: DashboardData) -> None:
    """The CPL card reads its benchmark under the value; its tooltip names the full source."""
    from roidesk.ui.dashboard.series import Published, cards_from

    cpl = Published("cpl", D(20), None, "Legal median €20.00 (Acme, 2024)", "", "Acme (2024)")
    cards = {
        c.name: c
        for c in cards_from(golden.figures, golden.previous, golden.numbers, None, {"cpl": cpl})
    }
    assert cards["cpl"].detail == "· Legal median €20.00 (Acme, 2024)"
    assert "benchmark: Legal median €20.00 (Acme, 2024)\nAcme (2024)" in cards["cpl"].tooltip
    assert cards["cac"].detail == ""


def test_the_platform_roi_bar_names_its_range(workspace: Workspace) -> None:
    """Leads valued 10 (5–20): Facebook's 15 leads add 150 (75–300) to its 750 of revenue on
    its 450 of cost (the campaign's content cost is Facebook's: its one platform): ROI
    450/450 = 100 %, range 375/450 = 83.33 % to 600/450 = 133.33 % in the bar's hover."""
    from roidesk.core.records import Valuation

    build_golden(workspace)
    workspace.add_valuation(Valuation("leads", date(2026, 1, 1), D(10), low=D(5), high=D(20)))
    data = compute_dashboard(workspace, PERIOD, TODAY)
    at = data.platform_roi.labels.index("Facebook")
    assert data.platform_roi.hover[at] == (
        "Facebook: 100.00\u00a0% (range 83.33\u00a0% – 133.33\u00a0%)"
    )
