"""The demo workspace: a small agency with a café and a flower shop as clients, one year.

Deterministic (a seeded generator, fixed dates), so screenshots and tests see the same numbers.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from roidesk.core.records import (
    Campaign,
    CampaignStatus,
    Client,
    ContentType,
    Cost,
    CostCategory,
    Goal,
    Objective,
    OtherReturn,
    Repeat,
    Result,
    Settings,
    Valuation,
)
from roidesk.storage.workspace import Workspace

DEMO_START = date(2025, 11, 1)
DEMO_END = date(2026, 10, 31)

#: Average daily activity per platform: impressions, click-through, engagement rate, cost/day.
_PLATFORM_PROFILE = {
    "Facebook": (1800, Decimal("0.011"), Decimal("0.035"), Decimal("9.50")),
    "Instagram": (2600, Decimal("0.008"), Decimal("0.055"), Decimal("8.00")),
    "TikTok": (4200, Decimal("0.006"), Decimal("0.070"), Decimal("7.00")),
    "Google Ads": (900, Decimal("0.045"), Decimal("0.004"), Decimal("14.00")),
    "LinkedIn": (500, Decimal("0.009"), Decimal("0.020"), Decimal("12.00")),
}


@dataclass(frozen=True)
class _DemoCampaign:
    name: str
    client: str
    platforms: tuple[str, ...]
    objective: Objective
    start: date
    end: date
    budget: Decimal
    order_value: Decimal
    lead_rate: Decimal
    sale_rate: Decimal


_CAFE = "Café Aurora"
_SHOP = "Bloom Blumenladen"

_CAMPAIGNS = (
    _DemoCampaign(
        "Morning Coffee Club",
        _CAFE,
        ("Instagram", "Facebook"),
        Objective.ENGAGEMENT,
        date(2025, 11, 1),
        date(2026, 4, 30),
        Decimal(2400),
        Decimal("7.80"),
        Decimal("0.010"),
        Decimal("0.060"),
    ),
    _DemoCampaign(
        "Summer Terrace Evenings",
        _CAFE,
        ("Instagram", "TikTok"),
        Objective.TRAFFIC,
        date(2026, 5, 1),
        date(2026, 8, 31),
        Decimal(2000),
        Decimal("14.50"),
        Decimal("0.008"),
        Decimal("0.050"),
    ),
    _DemoCampaign(
        "Pumpkin Spice Launch",
        _CAFE,
        ("Facebook", "Instagram", "TikTok"),
        Objective.SALES,
        date(2026, 9, 1),
        date(2026, 10, 31),
        Decimal(1500),
        Decimal("6.90"),
        Decimal("0.006"),
        Decimal("0.080"),
    ),
    _DemoCampaign(
        "Valentine's Bouquets",
        _SHOP,
        ("Facebook", "Instagram", "Google Ads"),
        Objective.SALES,
        date(2026, 1, 15),
        date(2026, 2, 14),
        Decimal(1200),
        Decimal("54.00"),
        Decimal("0.015"),
        Decimal("0.045"),
    ),
    _DemoCampaign(
        "Wedding Season Leads",
        _SHOP,
        ("Facebook", "LinkedIn", "Google Ads"),
        Objective.LEADS,
        date(2026, 3, 1),
        date(2026, 8, 31),
        Decimal(3000),
        Decimal("380.00"),
        Decimal("0.040"),
        Decimal("0.004"),
    ),
    _DemoCampaign(
        "Mother's Day Gifts",
        _SHOP,
        ("Instagram", "TikTok"),
        Objective.SALES,
        date(2026, 4, 15),
        date(2026, 5, 10),
        Decimal(900),
        Decimal("42.00"),
        Decimal("0.010"),
        Decimal("0.035"),
    ),
    _DemoCampaign(
        "Always-on Search",
        _SHOP,
        ("Google Ads",),
        Objective.TRAFFIC,
        date(2025, 11, 1),
        date(2026, 10, 31),
        Decimal(2600),
        Decimal("48.00"),
        Decimal("0.020"),
        Decimal("0.025"),
    ),
)

_CONTENT = {
    "Facebook": (ContentType.IMAGE, ContentType.VIDEO, ContentType.CAROUSEL, ContentType.TEXT),
    "Instagram": (ContentType.STORY_REEL, ContentType.IMAGE, ContentType.CAROUSEL),
    "TikTok": (ContentType.VIDEO, ContentType.LIVE),
    "Google Ads": (ContentType.TEXT,),
    "LinkedIn": (ContentType.TEXT, ContentType.IMAGE, ContentType.POLL_CONTEST),
}


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _month_starts(start: date, end: date) -> list[date]:
    months, current = [], date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
    return months


def _month_end(first: date) -> date:
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return following - timedelta(days=1)


def write_demo(path: str | Path) -> Path:
    """Write the demo workspace to ``path`` (replacing a previous demo file there)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    rng = random.Random(2026)
    with Workspace.create(path) as workspace, workspace.transaction():
        workspace.save_settings(
            Settings(
                business_name="Lumen Social (demo)",
                currency="EUR",
                gross_margin=Decimal("0.65"),
                average_order_value=Decimal("24.00"),
                purchases_per_year=Decimal(6),
                years_retained=Decimal(2),
            )
        )
        clients = {
            _CAFE: workspace.add_client(
                Client(_CAFE, "Specialty coffee and cake, two tables outside; owner posts herself.")
            ),
            _SHOP: workspace.add_client(
                Client(_SHOP, "Florist: weddings, events and walk-in bouquets.")
            ),
        }
        costs: list[Cost] = []
        results: list[Result] = []
        for spec in _CAMPAIGNS:
            campaign = workspace.add_campaign(
                Campaign(
                    name=spec.name,
                    start=spec.start,
                    end=spec.end,
                    client_id=clients[spec.client].id,
                    platforms=spec.platforms,
                    objective=spec.objective,
                    budget=spec.budget,
                    status=CampaignStatus.FINISHED,
                    notes=f"Demo campaign for {spec.client}.",
                )
            )
            costs.extend(_campaign_costs(spec, campaign.id, rng))  # type: ignore[arg-type]
            results.extend(_campaign_results(spec, campaign.id, rng))  # type: ignore[arg-type]
            _add_goals(workspace, spec, campaign.id)  # type: ignore[arg-type]
        costs.append(
            Cost(
                start=DEMO_START,
                category=CostCategory.TOOLS,
                amount=Decimal("11.99"),
                repeat=Repeat.MONTHLY,
                until=DEMO_END,
                description="Canva Pro subscription",
            )
        )
        costs.append(
            Cost(
                start=date(2025, 11, 30),
                category=CostCategory.TOOLS,
                amount=Decimal("19.00"),
                repeat=Repeat.MONTHLY,
                until=DEMO_END,
                platform="Instagram",
                description="Scheduling tool (billed on the 30th)",
            )
        )
        costs.append(
            Cost(
                start=date(2026, 1, 1),
                end=date(2026, 6, 30),
                category=CostCategory.AGENCY,
                amount=Decimal("1800.00"),
                description="Freelance photographer retainer, January–June",
            )
        )
        workspace.add_costs(costs)
        workspace.add_results(results)
        for valuation in (
            Valuation(
                "leads", DEMO_START, Decimal("12.00"), note="What a wedding enquiry is worth"
            ),
            Valuation("followers_gained", DEMO_START, Decimal("0.40")),
            Valuation("link_clicks", DEMO_START, Decimal("0.30")),
            Valuation(
                "link_clicks",
                date(2026, 3, 1),
                Decimal("0.45"),
                platform="Google Ads",
                note="Average paid CPC on Google Ads",
            ),
            Valuation("engagements", date(2026, 5, 1), Decimal("0.02")),
        ):
            workspace.add_valuation(valuation)
        workspace.add_other_return(
            OtherReturn(
                date(2026, 6, 12),
                Decimal("650.00"),
                campaign_id=workspace.campaign_by_name("Wedding Season Leads").id,  # type: ignore[union-attr]
                platform="LinkedIn",
                description="Corporate event order after a LinkedIn conversation",
            )
        )
        workspace.add_other_return(
            OtherReturn(
                date(2026, 3, 20),
                Decimal("120.00"),
                description="Support calls saved by Instagram FAQ highlights",
            )
        )
    return path


def _campaign_costs(spec: _DemoCampaign, campaign_id: int, rng: random.Random) -> list[Cost]:
    costs = []
    for first in _month_starts(spec.start, spec.end):
        start, end = max(first, spec.start), min(_month_end(first), spec.end)
        days = (end - start).days + 1
        for platform in spec.platforms:
            daily = _PLATFORM_PROFILE[platform][3] * Decimal(rng.randint(85, 115)) / 100
            costs.append(
                Cost(
                    start=start,
                    end=end,
                    category=CostCategory.ADVERTISING,
                    amount=(daily * days).quantize(Decimal("0.01")),
                    campaign_id=campaign_id,
                    platform=platform,
                    description=f"{platform} ads {first:%B %Y}",
                )
            )
        costs.append(
            Cost(
                start=end,
                category=CostCategory.STAFF,
                hours=Decimal(rng.choice((4, 5, 6, 8))),
                hourly_rate=Decimal("22.50"),
                campaign_id=campaign_id,
                description="Owner's time: posting, replies, stories",
            )
        )
    costs.append(
        Cost(
            start=spec.start,
            category=CostCategory.CONTENT,
            amount=Decimal(rng.choice((180, 240, 320))),
            campaign_id=campaign_id,
            description="Photo and video shoot",
        )
    )
    return costs


def _campaign_results(spec: _DemoCampaign, campaign_id: int, rng: random.Random) -> list[Result]:
    rows = []
    total = (spec.end - spec.start).days + 1
    for index, day in enumerate(_days(spec.start, spec.end)):
        ramp = Decimal("0.6") + Decimal(index) / Decimal(total) * Decimal("0.8")
        weekend = Decimal("1.25") if day.weekday() >= 5 else Decimal(1)
        for platform in spec.platforms:
            base, ctr, engagement, _ = _PLATFORM_PROFILE[platform]
            impressions = int(base * ramp * weekend * Decimal(rng.randint(70, 130)) / 100)
            clicks = int(impressions * ctr * Decimal(rng.randint(80, 120)) / 100)
            leads = int(clicks * spec.lead_rate * Decimal(rng.randint(0, 200)) / 100)
            conversions = int(clicks * spec.sale_rate * Decimal(rng.randint(0, 200)) / 100)
            new_customers = int(conversions * Decimal(rng.randint(20, 60)) / 100)
            revenue = (spec.order_value * conversions).quantize(Decimal("0.01"))
            rows.append(
                Result(
                    date=day,
                    campaign_id=campaign_id,
                    platform=platform,
                    content_type=rng.choice(_CONTENT[platform]),
                    impressions=impressions,
                    reach=int(impressions * Decimal(rng.randint(55, 80)) / 100),
                    engagements=int(impressions * engagement * Decimal(rng.randint(70, 130)) / 100),
                    followers_gained=rng.randint(0, 6) if platform != "Google Ads" else 0,
                    link_clicks=clicks,
                    sessions=int(clicks * Decimal(rng.randint(75, 95)) / 100),
                    leads=leads,
                    conversions=conversions,
                    new_customers=new_customers,
                    revenue=revenue,
                )
            )
    return rows


def _add_goals(workspace: Workspace, spec: _DemoCampaign, campaign_id: int) -> None:
    if spec.objective is Objective.LEADS:
        workspace.add_goal(Goal(campaign_id, "leads", Decimal(0), Decimal(400), spec.end))
        workspace.add_goal(Goal(campaign_id, "cpl", Decimal(25), Decimal(12), spec.end))
    elif spec.objective is Objective.SALES:
        workspace.add_goal(Goal(campaign_id, "roi_total", Decimal(0), Decimal("1.5"), spec.end))
    elif spec.objective is Objective.ENGAGEMENT:
        workspace.add_goal(
            Goal(campaign_id, "engagement_rate", Decimal("0.03"), Decimal("0.05"), spec.end)
        )
        workspace.add_goal(
            Goal(campaign_id, "followers_gained", Decimal(0), Decimal(900), spec.end)
        )
    else:
        workspace.add_goal(Goal(campaign_id, "ctr", Decimal("0.008"), Decimal("0.015"), spec.end))
