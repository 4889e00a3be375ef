"""Goal statuses and suggested values computed from a golden workspace."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from golden_workbooks import Sheets, campaign, cost

from roidesk.engine import counts_a_sale_twice, goal_statuses, suggested_values
from roidesk.engine.goals import figure_name
from roidesk.storage import Workspace

JAN1 = date(2025, 1, 1)


def test_goal_status_from_campaign_start_to_today(golden: Callable[[Sheets], Workspace]) -> None:
    """Leads 0 → 100 by 31 Mar; 30 leads by 31 Jan (30 of 89 days): progress 0.3."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, date(2025, 3, 31))],
            "Goals": [
                {
                    "Campaign": "A",
                    "KPI": "leads",
                    "Baseline": 0,
                    "Target": 100,
                    "Deadline": date(2025, 3, 31),
                }
            ],
            "Results": [
                {"Date": date(2025, 1, d), "Campaign": "A", "Leads": 1} for d in range(1, 31)
            ]
            + [{"Date": date(2025, 2, 5), "Campaign": "A", "Leads": 50}],
        }
    )
    (status,) = goal_statuses(ws, date(2025, 1, 31))
    assert status.actual == Decimal(30)
    assert status.progress == Decimal("0.3")
    assert status.elapsed_share == Decimal(30) / Decimal(89)
    assert status.pace == Decimal("0.3") / (Decimal(30) / Decimal(89))
    assert status.projected == Decimal(30) / (Decimal(30) / Decimal(89))


def test_kpi_names() -> None:
    """Goal KPIs name figures; common spellings are understood; unknown ones are None."""
    assert figure_name("CPL") == "cpl"
    assert figure_name("Engagement rate") == "engagement_rate"
    assert figure_name("followers") == "followers_gained"
    assert figure_name("happiness") is None


def test_suggested_values(golden: Callable[[Sheets], Workspace]) -> None:
    """Facebook: €50 ads / 200 paid clicks = €0.25 an organic click (its 60 organic clicks
    are not in the CPC); 2 of 10 leads × €40 AOV = €8 a lead, for paid and organic ones."""
    ws = golden(
        {
            "Settings": [
                {"Setting": "Average order value", "Value": 40},
                {"Setting": "Lifetime value", "Value": 400},
            ],
            "Campaigns": [campaign("A", JAN1, date(2025, 3, 31))],
            "Costs": [cost(JAN1, 50, Campaign="A", Platform="Facebook")],
            "Results": [
                {
                    "Date": JAN1,
                    "Campaign": "A",
                    "Platform": "Facebook",
                    "Link clicks": 200,
                    "Leads": 10,
                    "New customers": 2,
                    "Followers gained": 40,
                    "Source": "paid",
                },
                {"Date": JAN1, "Campaign": "A", "Platform": "Facebook", "Link clicks": 60},
                {"Date": JAN1, "Campaign": "A", "Platform": "TikTok", "Link clicks": 999},
            ],
        }
    )
    suggestions = suggested_values(ws, "Facebook", None, None)
    found = {(s.metric, s.formula): s.value for s in suggestions}
    assert found[("link_clicks", "advertising cost ÷ paid link clicks")] == Decimal("0.25")
    assert {s.metric: s.applies_to for s in suggestions} == {
        "link_clicks": "organic",
        "sessions": "organic",
        "leads": "all",
        "followers_gained": "all",
    }
    assert found[("leads", "new customers ÷ leads × average order value")] == Decimal(8)
    assert found[("leads", "new customers ÷ leads × lifetime value")] == Decimal(80)
    assert found[
        ("followers_gained", "new customers ÷ followers gained × lifetime value")
    ] == Decimal(20)


def test_double_counting_warning(golden: Callable[[Sheets], Workspace]) -> None:
    """Valuing new customers on rows that also carry revenue is flagged; without revenue not."""
    ws = golden(
        {
            "Results": [{"Date": JAN1, "Platform": "Facebook", "New customers": 1}],
            "Valuations": [{"Metric": "New customers", "Valid from": JAN1, "Value per unit": 100}],
        }
    )
    assert not counts_a_sale_twice(ws)
    golden({"Results": [{"Date": JAN1, "Platform": "Instagram", "Revenue": 50}]})
    assert counts_a_sale_twice(ws)


def test_a_ratio_goal_projects_its_actual_without_pace(
    golden: Callable[[Sheets], Workspace],
) -> None:
    """Engagement rate goal 2 % → 4.8 %: 60 engagements on 1,000 impressions by 31 Jan is
    6 %, progress (6 − 2) / (4.8 − 2) = 10/7; pace not defined, projected 6 % (was 11.76 %-style
    extrapolation)."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, date(2025, 3, 31))],
            "Goals": [
                {
                    "Campaign": "A",
                    "KPI": "engagement rate",
                    "Baseline": 0.02,
                    "Target": 0.048,
                    "Deadline": date(2025, 3, 31),
                }
            ],
            "Results": [
                {"Date": date(2025, 1, 10), "Campaign": "A", "Impressions": 1000, "Engagements": 60}
            ],
        }
    )
    (status,) = goal_statuses(ws, date(2025, 1, 31))
    assert status.actual == Decimal("0.06")
    assert status.progress == Decimal("0.04") / Decimal("0.028")
    assert status.pace is None
    assert status.projected == Decimal("0.06")
    assert not status.accumulates
