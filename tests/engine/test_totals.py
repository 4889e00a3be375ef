"""Returns an owner can defend, on hand-computed golden workspaces: valuations by source,
low/high ranges and the paid-equivalent value (SPEC "Valuation", "What every number means")."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from golden_workbooks import Sheets, campaign, cost

from roidesk.core.figures import Figures, Query
from roidesk.engine import breakdown, summarize, summary_with_breakdowns
from roidesk.storage import Workspace

Golden = Callable[[Sheets], Workspace]
JAN1, JAN10, JAN31 = date(2025, 1, 1), date(2025, 1, 10), date(2025, 1, 31)
JANUARY = Query(start=JAN1, end=JAN31)


def result(platform: str, source: str | None, **counts: int) -> dict[str, Any]:
    """A Results row of 10 January in campaign A."""
    row: dict[str, Any] = {"Date": JAN10, "Campaign": "A", "Platform": platform}
    if source is not None:
        row["Source"] = source
    return row | {name.replace("_", " ").capitalize(): value for name, value in counts.items()}


def valuation(metric: str, value: float | str, **extra: Any) -> dict[str, Any]:
    """A Valuations row valid from 1 January 2025."""
    return {"Metric": metric, "Valid from": JAN1, "Value per unit": value, **extra}


def workspace_of(golden: Golden, results: list[dict[str, Any]], valuations: list[Any]) -> Workspace:
    """Campaign A in January, €50 of Facebook advertising on 10 January, the given rows."""
    return golden(
        {
            "Campaigns": [campaign("A", JAN1, JAN31)],
            "Costs": [cost(JAN10, 50, Campaign="A", Platform="Facebook")],
            "Results": results,
            "Valuations": valuations,
        }
    )


def test_a_paid_click_values_nothing_an_organic_one_its_value(golden: Golden) -> None:
    """Clicks at €0.40 (organic by default): 100 paid clicks €0, 30 organic clicks €12, 5
    clicks with no source (organic) €2: valued return €14, ROI (total) (14 − 50) / 50."""
    ws = workspace_of(
        golden,
        [
            result("Facebook", "paid", link_clicks=100),
            result("Facebook", "organic", link_clicks=30),
            result("Facebook", None, link_clicks=5),
        ],
        [valuation("Link clicks", 0.4)],
    )
    figures = summarize(ws, JANUARY)
    assert figures.link_clicks == 135
    assert figures.valued_return == Decimal(14)
    assert figures.roi_total == Decimal("-0.72")


def test_leads_count_whatever_their_source(golden: Golden) -> None:
    """Leads apply to all by default: 2 paid + 3 organic leads at €20 = €100."""
    rows = [result("Facebook", "paid", leads=2), result("Facebook", "organic", leads=3)]
    ws = workspace_of(golden, rows, [valuation("Leads", 20)])
    assert summarize(ws, JANUARY).valued_return == Decimal(100)


def test_leads_set_to_organic_leave_the_paid_ones_unvalued(golden: Golden) -> None:
    """The same 2 paid + 3 organic leads with the valuation set to 'organic': 3 × €20 = €60."""
    rows = [result("Facebook", "paid", leads=2), result("Facebook", "organic", leads=3)]
    ws = workspace_of(golden, rows, [valuation("Leads", 20, **{"Applies to": "organic"})])
    assert summarize(ws, JANUARY).valued_return == Decimal(60)


def test_a_platform_valuation_that_does_not_apply_is_not_replaced(golden: Golden) -> None:
    """General clicks €1 for all, Facebook clicks €0.50 (organic): Facebook's 100 paid clicks
    €0 (the general €1 is NOT used instead), its 30 organic €15; TikTok's 10 paid clicks €10
    (the general one applies to all): €25."""
    ws = workspace_of(
        golden,
        [
            result("Facebook", "paid", link_clicks=100),
            result("Facebook", "organic", link_clicks=30),
            result("TikTok", "paid", link_clicks=10),
        ],
        [
            valuation("Link clicks", 1, **{"Applies to": "all"}),
            valuation("Link clicks", 0.5, Platform="Facebook"),
        ],
    )
    assert summarize(ws, JANUARY).valued_return == Decimal(25)
    by_platform = {row.key: row.figures.valued_return for row in breakdown(ws, JANUARY, "platform")}
    assert by_platform == {"Facebook": Decimal(15), "TikTok": Decimal(10)}


def _range(figures: Figures) -> tuple[Decimal | None, ...]:
    return (
        figures.total_return_low,
        figures.total_return,
        figures.total_return_high,
        figures.roi_total_low,
        figures.roi_total,
        figures.roi_total_high,
    )


def test_low_and_high_on_two_valuations(golden: Golden) -> None:
    """Clicks €0.40 (low €0.20, no high), leads €20 (low €10, high €30); 30 organic clicks
    and 2 paid leads, cost €50: return 12 + 40 = €52, low 6 + 20 = €26, high 12 + 60 = €72;
    ROI (total) (52 − 50)/50 = 0.04, low (26 − 50)/50 = −0.48, high (72 − 50)/50 = 0.44 —
    in the summary and in its month and platform rows."""
    ws = workspace_of(
        golden,
        [result("Facebook", "organic", link_clicks=30), result("Facebook", "paid", leads=2)],
        [
            valuation("Link clicks", 0.4, Low=0.2),
            valuation("Leads", 20, Low=10, High=30),
        ],
    )
    expected = (
        Decimal(26),
        Decimal(52),
        Decimal(72),
        Decimal("-0.48"),
        Decimal("0.04"),
        Decimal("0.44"),
    )
    figures, rows = summary_with_breakdowns(ws, JANUARY, ("month", "platform", "campaign"))
    assert _range(figures) == expected
    assert [_range(row.figures) for row in rows["month"]] == [expected]
    assert [_range(row.figures) for row in rows["platform"]] == [expected]
    assert [_range(row.figures) for row in rows["campaign"]] == [expected]


def test_without_ranges_low_and_high_are_the_return(golden: Golden) -> None:
    """No valuation has a low or high: both ends are the total return (€12) and ROI."""
    ws = workspace_of(
        golden, [result("Facebook", "organic", link_clicks=30)], [valuation("Link clicks", 0.4)]
    )
    figures = summarize(ws, JANUARY)
    assert _range(figures) == (Decimal(12),) * 3 + (Decimal("-0.76"),) * 3


def test_paid_equivalent_of_two_platforms_one_without_paid_clicks(golden: Golden) -> None:
    """Facebook: €50 for 100 paid clicks (CPC €0.50), 30 organic → €15; LinkedIn: 70 organic
    clicks and no paid ones → nothing: €15 in all, never added to the return (no valuations:
    total return €0). By platform: Facebook €15, LinkedIn not defined."""
    ws = workspace_of(
        golden,
        [
            result("Facebook", "paid", link_clicks=100),
            result("Facebook", "organic", link_clicks=30),
            result("LinkedIn", "organic", link_clicks=70),
        ],
        [],
    )
    figures = summarize(ws, JANUARY)
    assert figures.paid_equivalent == Decimal(15)
    assert figures.total_return == Decimal(0)
    by_platform = {
        row.key: row.figures.paid_equivalent for row in breakdown(ws, JANUARY, "platform")
    }
    assert by_platform == {"Facebook": Decimal(15), "LinkedIn": None}


def test_paid_equivalent_sums_each_platform_at_its_own_cpc(golden: Golden) -> None:
    """Facebook CPC €50/100 × 30 organic = €15, Instagram €90/30 = €3 × 4 organic = €12:
    €27 (not the clicks at one pooled CPC: 34 × €140/130 = €36.62)."""
    ws = golden(
        {
            "Campaigns": [campaign("A", JAN1, JAN31)],
            "Costs": [
                cost(JAN10, 50, Campaign="A", Platform="Facebook"),
                cost(JAN10, 90, Campaign="A", Platform="Instagram"),
            ],
            "Results": [
                result("Facebook", "paid", link_clicks=100),
                result("Facebook", "organic", link_clicks=30),
                result("Instagram", "paid", link_clicks=30),
                result("Instagram", None, link_clicks=4),
            ],
        }
    )
    assert summarize(ws, JANUARY).paid_equivalent == Decimal(27)


def test_no_paid_clicks_no_paid_equivalent(golden: Golden) -> None:
    """Only organic clicks anywhere: the paid-equivalent value is not defined (null)."""
    ws = workspace_of(golden, [result("Facebook", "organic", link_clicks=30)], [])
    assert summarize(ws, JANUARY).paid_equivalent is None
