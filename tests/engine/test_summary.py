"""Every SPEC rule on hand-computed golden workspaces, each written as a workbook in the test."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from golden_workbooks import Sheets, campaign, cost

from roidesk.core.figures import Query
from roidesk.core.money import format_percent
from roidesk.engine import (
    breakdown,
    campaign_payback,
    daily_cumulative,
    previous_period,
    summarize,
)
from roidesk.storage import Workspace

Golden = Callable[[Sheets], Workspace]
JAN1, MAR31 = date(2025, 1, 1), date(2025, 3, 31)


def _cost(ws: Workspace, start: date, end: date, **filters: object) -> Decimal | None:
    return summarize(ws, Query(start=start, end=end, **filters)).cost  # type: ignore[arg-type]


def test_cost_range_cut_by_the_period(golden: Golden) -> None:
    """€310 spread over 31 January days is €10 a day: 11–20 January takes €100."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [cost(JAN1, 310, **{"End date": date(2025, 1, 31), "Campaign": "A"})],
        }
    )
    assert _cost(ws, date(2025, 1, 11), date(2025, 1, 20)) == Decimal(100)
    assert _cost(ws, date(2024, 12, 1), date(2025, 1, 1)) == Decimal(10)
    assert _cost(ws, JAN1, MAR31) == Decimal(310)


def test_uneven_spread_puts_the_extra_unit_on_the_first_days(golden: Golden) -> None:
    """€100 over 3 days: 33.3334 + 33.3333 + 33.3333, so every split adds up exactly."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [cost(JAN1, 100, **{"End date": date(2025, 1, 3), "Campaign": "A"})],
        }
    )
    assert _cost(ws, JAN1, JAN1) == Decimal("33.3334")
    assert _cost(ws, date(2025, 1, 2), date(2025, 1, 3)) == Decimal("66.6666")


def test_monthly_recurrence_on_the_31st_across_february_in_a_leap_year(golden: Golden) -> None:
    """A €50 cost from 31 Jan 2024 falls on 29 Feb 2024 (leap year) and 30 April, until May."""
    ws = golden(
        {
            "Campaigns": [campaign("A", date(2024, 1, 1), date(2024, 12, 31))],
            "Costs": [
                cost(
                    date(2024, 1, 31),
                    50,
                    **{"Repeat": "monthly", "Until": date(2024, 5, 15), "Campaign": "A"},
                )
            ],
        }
    )
    assert _cost(ws, date(2024, 2, 29), date(2024, 2, 29)) == Decimal(50)
    assert _cost(ws, date(2024, 2, 1), date(2024, 2, 28)) == Decimal(0)
    assert _cost(ws, date(2024, 4, 30), date(2024, 4, 30)) == Decimal(50)
    # Jan 31, Feb 29, Mar 31, Apr 30; May 31 is after "until"
    assert _cost(ws, date(2024, 1, 1), date(2024, 12, 31)) == Decimal(200)


def test_monthly_recurrence_on_the_31st_in_a_common_february(golden: Golden) -> None:
    """From 31 Jan 2025 the February occurrence is the 28th."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [
                cost(
                    date(2025, 1, 31),
                    50,
                    **{"Repeat": "monthly", "Until": MAR31, "Campaign": "A"},
                )
            ],
        }
    )
    assert _cost(ws, date(2025, 2, 28), date(2025, 2, 28)) == Decimal(50)
    assert _cost(ws, JAN1, MAR31) == Decimal(150)


def test_general_cost_shared_by_campaign_costs_of_the_month(golden: Golden) -> None:
    """April: A spent €300, B €100; a general €40 goes €30 to A and €10 to B."""
    april = date(2025, 4, 1)
    ws = golden(
        {
            "Campaigns": [
                campaign("A", april, date(2025, 4, 30)),
                campaign("B", april, date(2025, 4, 30)),
            ],
            "Costs": [
                cost(april, 300, Campaign="A"),
                cost(date(2025, 4, 20), 100, Campaign="B"),
                cost(date(2025, 4, 10), 40, Category="Tools & subscriptions"),
            ],
        }
    )
    rows = {row.label: row.figures.cost for row in breakdown(ws, Query(), "campaign")}
    assert rows == {"A": Decimal(330), "B": Decimal(110)}
    a_id = ws.campaign_by_name("A").id  # type: ignore[union-attr]
    assert summarize(ws, Query(campaign_id=a_id)).cost == Decimal(330)


def test_general_cost_in_a_month_without_campaign_costs_goes_evenly_to_active_ones(
    golden: Golden,
) -> None:
    """March: A and B active, neither has costs; a general €90 gives each €45."""
    ws = golden(
        {
            "Campaigns": [
                campaign("A", JAN1, MAR31),
                campaign("B", date(2025, 3, 15), date(2025, 6, 1)),
            ],
            "Costs": [cost(date(2025, 3, 5), 90, Category="Staff time")],
        }
    )
    rows = {row.label: row.figures.cost for row in breakdown(ws, Query(), "campaign")}
    assert rows == {"A": Decimal(45), "B": Decimal(45)}


def test_general_cost_in_a_month_with_no_campaign_active_stays_general(golden: Golden) -> None:
    """July: no campaign runs, so €60 stays unallocated: in the total, in no campaign."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [
                cost(date(2025, 7, 1), 60, Category="Tools & subscriptions"),
                cost(JAN1, 10, Campaign="A"),
            ],
        }
    )
    rows = {row.key: row.figures.cost for row in breakdown(ws, Query(), "campaign")}
    a_id = str(ws.campaign_by_name("A").id)  # type: ignore[union-attr]
    assert rows == {a_id: Decimal(10), "general": Decimal(60)}
    assert summarize(ws, Query()).cost == Decimal(70)
    assert summarize(ws, Query(campaign_id=int(a_id))).cost == Decimal(10)


def test_no_platform_costs_go_to_platforms_by_tagged_costs(golden: Golden) -> None:
    """A's €300 Facebook and €100 Instagram ads share an untagged €80 content cost 60 : 20."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [
                cost(JAN1, 300, Campaign="A", Platform="Facebook"),
                cost(JAN1, 100, Campaign="A", Platform="Instagram"),
                cost(date(2025, 1, 9), 80, Campaign="A", Category="Content creation"),
                cost(date(2025, 2, 9), 25, Campaign="A", Category="Content creation"),
            ],
        }
    )
    rows = {row.key: row.figures.cost for row in breakdown(ws, Query(), "platform")}
    # February has no tagged cost: its €25 stays "no platform"
    assert rows == {"Facebook": Decimal(360), "Instagram": Decimal(120), "no platform": Decimal(25)}
    facebook = summarize(ws, Query(platform="facebook"))
    assert facebook.cost == Decimal(360)
    assert facebook.ad_spend == Decimal(300)


def test_valuation_changing_mid_period(golden: Golden) -> None:
    """A lead is worth €10, from 16 January €20: one lead a day in January is 15×10 + 16×20."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Results": [
                {"Date": date(2025, 1, day), "Campaign": "A", "Platform": "Facebook", "Leads": 1}
                for day in range(1, 32)
            ],
            "Valuations": [
                {"Metric": "Leads", "Valid from": JAN1, "Value per unit": 10},
                {"Metric": "Leads", "Valid from": date(2025, 1, 16), "Value per unit": 20},
            ],
        }
    )
    assert summarize(ws, Query(start=JAN1, end=date(2025, 1, 31))).valued_return == Decimal(470)
    assert summarize(ws, Query()).valued_return == Decimal(470)
    by_month = breakdown(ws, Query(), "month")
    assert [(row.key, row.figures.valued_return) for row in by_month] == [("2025-01", Decimal(470))]


def test_platform_valuation_beats_a_newer_general_one(golden: Golden) -> None:
    """Facebook leads keep their older €5; Instagram leads take the general €20."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Results": [
                {"Date": date(2025, 3, 10), "Campaign": "A", "Platform": "Facebook", "Leads": 2},
                {"Date": date(2025, 3, 10), "Campaign": "A", "Platform": "Instagram", "Leads": 2},
            ],
            "Valuations": [
                {
                    "Metric": "Leads",
                    "Platform": "Facebook",
                    "Valid from": JAN1,
                    "Value per unit": 5,
                },
                {"Metric": "Leads", "Valid from": date(2025, 3, 1), "Value per unit": 20},
            ],
        }
    )
    rows = {row.key: row.figures.valued_return for row in breakdown(ws, Query(), "platform")}
    assert rows == {"Facebook": Decimal(10), "Instagram": Decimal(40)}


def test_impressions_are_valued_per_thousand(golden: Golden) -> None:
    """2,500 impressions at €4 per 1,000 are worth €10."""
    ws = golden(
        {
            "Results": [{"Date": JAN1, "Platform": "TikTok", "Impressions": 2500}],
            "Valuations": [{"Metric": "Impressions", "Valid from": JAN1, "Value per unit": 4}],
        }
    )
    assert summarize(ws, Query()).valued_return == Decimal(10)


def test_zero_cost_and_zero_clicks_are_not_defined(golden: Golden) -> None:
    """No cost: ROI undefined (CPL is a plain 0); no clicks: CTR 0, CPC and conversion rate None."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Results": [
                {"Date": JAN1, "Campaign": "A", "Impressions": 100, "Leads": 1, "Revenue": 50}
            ],
        }
    )
    figures = summarize(ws, Query())
    assert figures.cost == Decimal(0)
    assert figures.roi_total is None and figures.roi_direct is None
    assert figures.cpl == Decimal(0)
    assert figures.ctr == Decimal(0)
    assert figures.cpc is None and figures.conversion_rate is None and figures.roas is None


def test_forty_percent_margin(golden: Golden) -> None:
    """€1,000 revenue at 40 % margin is a €400 direct return; on €250 cost ROI is 0.6."""
    ws = golden(
        {
            "Settings": [{"Setting": "Gross margin", "Value": 0.4}],
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [cost(JAN1, 250, Campaign="A")],
            "Results": [{"Date": JAN1, "Campaign": "A", "Revenue": 1000, "Link clicks": 50}],
        }
    )
    figures = summarize(ws, Query())
    assert figures.direct_return == Decimal(400)
    assert figures.roi_direct == Decimal("0.6")
    assert figures.roas == Decimal(4)
    assert figures.cpc == Decimal(5)


def test_hootsuite_calculator_default(golden: Golden) -> None:
    """1,000 visits × 10 % × 50 % × $1,500 = $75,000 on $1,700 → ROI 4,311.76 %."""
    ws = golden(
        {
            "Settings": [{"Setting": "Currency", "Value": "USD"}],
            "Campaigns": [campaign("Hootsuite", JAN1, MAR31)],
            "Costs": [cost(JAN1, 1700, Campaign="Hootsuite")],
            "Results": [
                {
                    "Date": date(2025, 1, 15),
                    "Campaign": "Hootsuite",
                    "Sessions": 1000,
                    "Leads": 100,
                    "New customers": 50,
                }
            ],
            "Valuations": [{"Metric": "New customers", "Valid from": JAN1, "Value per unit": 1500}],
        }
    )
    figures = summarize(ws, Query())
    assert figures.valued_return == Decimal(75000)
    assert figures.roi_total == Decimal(73300) / Decimal(1700)
    assert format_percent(figures.roi_total) == "4,311.76\u00a0%"


def test_other_returns_count_by_date_and_campaign(golden: Golden) -> None:
    """An other return counts in its period and campaign only."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Other returns": [
                {"Date": date(2025, 2, 1), "Campaign": "A", "Amount": 300},
                {"Date": date(2025, 2, 2), "Amount": 20},
            ],
        }
    )
    a_id = ws.campaign_by_name("A").id  # type: ignore[union-attr]
    assert summarize(ws, Query()).other_return == Decimal(320)
    assert summarize(ws, Query(campaign_id=a_id)).other_return == Decimal(300)
    assert summarize(ws, Query(end=JAN1)).other_return == Decimal(0)


def test_content_type_filter_leaves_cost_figures_undefined(golden: Golden) -> None:
    """Costs carry no content type: with the filter cost and ROI are None, CTR is not."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [cost(JAN1, 100, Campaign="A")],
            "Results": [
                {
                    "Date": JAN1,
                    "Campaign": "A",
                    "Content type": "video",
                    "Impressions": 200,
                    "Link clicks": 4,
                },
                {"Date": JAN1, "Campaign": "A", "Content type": "image", "Impressions": 100},
            ],
        }
    )
    figures = summarize(ws, Query(content_type="video"))
    assert figures.cost is None and figures.roi_total is None and figures.cpc is None
    assert figures.ctr == Decimal("0.02")
    assert figures.impressions == 200


def test_break_even_date_and_daily_cumulative(golden: Golden) -> None:
    """€100 spent on 1 Jan, €30 revenue a day: cumulative return reaches cost on 4 January."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [cost(JAN1, 100, Campaign="A")],
            "Results": [
                {"Date": date(2025, 1, day), "Campaign": "A", "Revenue": 30} for day in range(1, 11)
            ],
        }
    )
    assert summarize(ws, Query()).break_even_date == date(2025, 1, 4)
    a_id = ws.campaign_by_name("A").id  # type: ignore[union-attr]
    assert campaign_payback(ws, a_id) == (date(2025, 1, 4), 3)  # type: ignore[arg-type]
    series = daily_cumulative(ws, Query(start=JAN1, end=date(2025, 1, 4)))
    assert series == [
        (JAN1, Decimal(100), Decimal(30)),
        (date(2025, 1, 2), Decimal(100), Decimal(60)),
        (date(2025, 1, 3), Decimal(100), Decimal(90)),
        (date(2025, 1, 4), Decimal(100), Decimal(120)),
    ]


def test_category_breakdown_has_no_return_figures(golden: Golden) -> None:
    """By cost category the return figures are not applicable (None)."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, MAR31)],
            "Costs": [
                cost(JAN1, 100, Campaign="A"),
                cost(JAN1, 20, Campaign="A", Category="Other"),
            ],
            "Results": [{"Date": JAN1, "Campaign": "A", "Revenue": 500}],
        }
    )
    rows = breakdown(ws, Query(), "category")
    assert [(row.key, row.figures.cost) for row in rows] == [
        ("advertising", Decimal(100)),
        ("other", Decimal(20)),
    ]
    assert all(row.figures.total_return is None and row.figures.roi_total is None for row in rows)


def test_previous_period() -> None:
    """March's previous period is February; 10 days' previous is the 10 days before."""
    march = previous_period(Query(start=date(2024, 3, 1), end=date(2024, 3, 31)))
    assert (march.start, march.end) == (date(2024, 2, 1), date(2024, 2, 29))
    days = previous_period(Query(start=date(2025, 1, 5), end=date(2025, 1, 14), platform="X"))
    assert (days.start, days.end, days.platform) == (
        date(2024, 12, 26),
        JAN1 + (date(2025, 1, 4) - JAN1),
        "X",
    )
