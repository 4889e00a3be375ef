"""Property tests: split periods and breakdowns add up exactly, whatever the data."""

from __future__ import annotations

import itertools
from dataclasses import fields
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roidesk.core.costs import from_units, occurrence_dates, to_units
from roidesk.core.figures import Figures, Query
from roidesk.core.records import (
    Campaign,
    Cost,
    CostCategory,
    OtherReturn,
    Repeat,
    Result,
    Settings,
    Valuation,
)
from roidesk.core.valuations import value_in_force
from roidesk.engine import breakdown, summarize
from roidesk.storage import Workspace

FIRST = date(2024, 1, 1)
SPAN = 120
PLATFORMS = st.sampled_from([None, "Facebook", "Instagram", "TikTok"])
DAYS = st.integers(0, SPAN - 1).map(lambda n: FIRST + timedelta(days=n))
MONEY = st.integers(0, 500_000).map(lambda n: Decimal(n) / 100)
ADDITIVE = (
    "cost",
    "ad_spend",
    "revenue",
    "direct_return",
    "valued_return",
    "other_return",
    "total_return",
    "impressions",
    "engagements",
    "link_clicks",
    "leads",
    "new_customers",
)


@st.composite
def costs(draw: st.DrawFn, campaign_ids: list[int]) -> Cost:
    start = draw(DAYS)
    kind = draw(st.sampled_from(["day", "range", "monthly", "hours"]))
    campaign_id = draw(st.sampled_from([None, *campaign_ids]))
    common = {
        "campaign_id": campaign_id,
        "platform": draw(PLATFORMS),
        "category": draw(st.sampled_from([CostCategory.ADVERTISING, CostCategory.CONTENT])),
    }
    if kind == "range":
        end = start + timedelta(days=draw(st.integers(1, 60)))
        return Cost(start, amount=draw(MONEY), end=end, **common)
    if kind == "monthly":
        until = start + timedelta(days=draw(st.integers(0, 100)))
        return Cost(start, amount=draw(MONEY), repeat=Repeat.MONTHLY, until=until, **common)
    if kind == "hours":
        hours = Decimal(draw(st.integers(1, 40))) / 4
        return Cost(start, hours=hours, hourly_rate=Decimal("33.33"), **common)
    return Cost(start, amount=draw(MONEY), **common)


@st.composite
def workspaces(draw: st.DrawFn) -> dict[str, list]:
    campaigns = []
    for index in range(draw(st.integers(1, 3))):
        start = draw(DAYS)
        campaigns.append(
            Campaign(
                f"C{index}", start, start + timedelta(days=draw(st.integers(0, 60))), id=index + 1
            )
        )
    ids = [c.id for c in campaigns]
    results = [
        Result(
            draw(DAYS),
            platform=draw(PLATFORMS),
            campaign_id=draw(st.sampled_from([None, *ids])),
            impressions=draw(st.integers(0, 5000)),
            engagements=draw(st.integers(0, 300)),
            link_clicks=draw(st.integers(0, 100)),
            leads=draw(st.integers(0, 9)),
            new_customers=draw(st.integers(0, 3)),
            revenue=draw(st.one_of(st.none(), MONEY)),
        )
        for _ in range(draw(st.integers(0, 12)))
    ]
    valuations = [
        Valuation(
            draw(st.sampled_from(["leads", "impressions", "link_clicks"])),
            draw(DAYS),
            draw(MONEY),
            platform=draw(PLATFORMS),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    others = [
        OtherReturn(draw(DAYS), draw(MONEY), campaign_id=draw(st.sampled_from([None, *ids])))
        for _ in range(draw(st.integers(0, 2)))
    ]
    return {
        "campaigns": campaigns,
        "costs": draw(st.lists(costs(ids), max_size=8)),
        "results": results,
        "valuations": valuations,
        "others": others,
    }


_counter = itertools.count()


def _store(data: dict[str, list], folder: Path) -> Workspace:
    ws = Workspace.create(
        folder / f"p{next(_counter)}.roidesk", Settings(gross_margin=Decimal("0.6"))
    )
    for campaign in data["campaigns"]:
        ws.add_campaign(Campaign(campaign.name, campaign.start, campaign.end))
    ws.add_costs(data["costs"])
    ws.add_results(data["results"])
    for valuation in data["valuations"]:
        ws.add_valuation(valuation)
    for other in data["others"]:
        ws.add_other_return(other)
    return ws


def _parts(figures: Figures) -> dict[str, object]:
    return {name: getattr(figures, name) for name in ADDITIVE}


_COUNTS = {"impressions", "engagements", "link_clicks", "leads", "new_customers"}


def _sum(rows: list[Figures]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name in ADDITIVE:
        zero = 0 if name in _COUNTS else Decimal(0)
        out[name] = sum((getattr(f, name) for f in rows), zero)
    return out


TODAY = FIRST + timedelta(days=SPAN + 90)
PROPERTY = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(data=workspaces(), cut=st.integers(1, SPAN + 60))
def test_a_period_split_in_two_adds_up(data: dict[str, list], cut: int, tmp_path: Path) -> None:
    """Costs, returns and counts of two halves of a period add up exactly to the whole."""
    with _store(data, tmp_path) as ws:
        start, end = FIRST, FIRST + timedelta(days=SPAN + 90)
        middle = FIRST + timedelta(days=cut)
        whole = summarize(ws, Query(start=start, end=end), TODAY)
        first = summarize(ws, Query(start=start, end=middle - timedelta(days=1)), TODAY)
        second = summarize(ws, Query(start=middle, end=end), TODAY)
        assert _sum([first, second]) == _parts(whole)


@PROPERTY
@given(data=workspaces())
def test_breakdowns_add_up_to_the_total(data: dict[str, list], tmp_path: Path) -> None:
    """Rows by platform, campaign and month add up to the total; by category the cost does."""
    with _store(data, tmp_path) as ws:
        query = Query(start=FIRST, end=FIRST + timedelta(days=SPAN + 90))
        total = summarize(ws, query, TODAY)
        for by in ("platform", "campaign", "month"):
            rows = [row.figures for row in breakdown(ws, query, by, TODAY)]  # type: ignore[arg-type]
            assert _sum(rows) == _parts(total), by
        categories = breakdown(ws, query, "category", TODAY)
        assert sum((row.figures.cost or Decimal(0) for row in categories), Decimal(0)) == total.cost


def test_figures_fields_cover_the_additive_parts() -> None:
    """The additive figure names checked above are real Figures fields."""
    names = {f.name for f in fields(Figures)}
    assert set(ADDITIVE) <= names


def _naive_returns(
    data: dict[str, list],
    start: date,
    end: date,
    platform: str | None,
    valuations: list[Valuation],
) -> dict:
    """Row by row in Python: what the SQL month sums, pieces and segments must reproduce
    (``valuations`` as stored: their ids say which of two of the same day was entered last)."""
    valued = Decimal(0)
    revenue = Decimal(0)
    leads = 0
    for row in data["results"]:
        if not start <= row.date <= end or (platform and row.platform != platform):
            continue
        leads += row.leads or 0
        revenue += row.revenue or 0
        for metric in ("leads", "impressions", "link_clicks"):
            value = value_in_force(valuations, metric, row.platform, row.date)
            quantity = getattr(row, metric) or 0
            if value is not None:
                valued += quantity * value / (1000 if metric == "impressions" else 1)
    return {"valued_return": valued, "revenue": revenue, "leads": leads}


@PROPERTY
@given(
    data=workspaces(),
    first=st.integers(0, SPAN),
    length=st.integers(0, SPAN),
    platform=PLATFORMS,
)
def test_returns_match_a_row_by_row_computation(
    data: dict[str, list], first: int, length: int, platform: str | None, tmp_path: Path
) -> None:
    """Valued return, revenue and counts equal a naive loop over the rows, for any period."""
    start = FIRST + timedelta(days=first)
    end = start + timedelta(days=length)
    with _store(data, tmp_path) as ws:
        figures = summarize(ws, Query(start=start, end=end, platform=platform), TODAY)
        found = {name: getattr(figures, name) for name in ("valued_return", "revenue", "leads")}
        assert found == _naive_returns(data, start, end, platform, ws.valuations())


@PROPERTY
@given(data=workspaces())
def test_sharing_out_loses_and_invents_nothing(data: dict[str, list], tmp_path: Path) -> None:
    """The whole cost equals Σ amount (or hours × rate) × occurrences, to the ten-thousandth."""
    expected = sum(
        (
            from_units(to_units(cost.total)) * len(occurrence_dates(cost, TODAY))
            for cost in data["costs"]
        ),
        Decimal(0),
    )
    with _store(data, tmp_path) as ws:
        assert summarize(ws, Query(), TODAY).cost == expected
