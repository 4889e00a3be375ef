"""Write a large workspace for benchmarks: ``python benchmarks/engine_data.py --rows 1000000 OUT``.

Four years of daily result rows over hundreds of campaigns, five platforms and every content
type, with per-campaign and general costs (ranges, monthly recurrences, staff time),
valuations (one starting mid-month, one per platform) and other returns. Deterministic for a
given ``--seed``. Rows go in through ``Workspace.add_results`` in one transaction.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from roidesk.core.records import (
    Campaign,
    Client,
    ContentType,
    Cost,
    CostCategory,
    Objective,
    OtherReturn,
    Repeat,
    Result,
    Settings,
    Valuation,
)
from roidesk.storage import Workspace

PLATFORMS = ("Facebook", "Instagram", "LinkedIn", "TikTok", "Google Ads")
FIRST_DAY = date(2022, 1, 1)
LAST_DAY = date(2025, 12, 31)
CONTENT_TYPES = tuple(ContentType)


def _campaigns(rng: random.Random, count: int, clients: list[int]) -> list[Campaign]:
    span = (LAST_DAY - FIRST_DAY).days
    out = []
    for index in range(count):
        length = rng.randint(45, 180)
        start = FIRST_DAY + timedelta(days=rng.randint(0, span - length))
        platforms = tuple(rng.sample(PLATFORMS, rng.randint(1, 3)))
        out.append(
            Campaign(
                name=f"Campaign {index + 1:03d}",
                start=start,
                end=start + timedelta(days=length - 1),
                client_id=clients[index % len(clients)],
                platforms=platforms,
                objective=rng.choice(list(Objective)),
                budget=Decimal(rng.randint(5, 50) * 100),
            )
        )
    return out


def _results(rng: random.Random, campaigns: list[Campaign], rows: int) -> Iterator[Result]:
    slots = [
        (campaign, platform, campaign.start + timedelta(days=offset))
        for campaign in campaigns
        for platform in campaign.platforms
        for offset in range((campaign.end - campaign.start).days + 1)
    ]
    per_slot, extra = divmod(rows, len(slots))
    rand = rng.random
    for index, (campaign, platform, day) in enumerate(slots):
        for repeat in range(per_slot + (1 if index < extra else 0)):
            impressions = int(rand() * 4000) + 100
            clicks = int(impressions * rand() * 0.03)
            leads = int(clicks * rand() * 0.1)
            customers = int(leads * rand() * 0.4)
            yield Result(
                date=day,
                platform=platform,
                campaign_id=campaign.id,
                content_type=CONTENT_TYPES[repeat % len(CONTENT_TYPES)],
                impressions=impressions,
                reach=int(impressions * 0.7),
                engagements=int(impressions * rand() * 0.08),
                followers_gained=int(rand() * 6),
                link_clicks=clicks,
                sessions=int(clicks * 0.85),
                leads=leads,
                conversions=int(clicks * rand() * 0.05),
                new_customers=customers,
                revenue=Decimal(customers * rng.randint(20, 80)) if customers else None,
            )


def _costs(rng: random.Random, campaigns: list[Campaign]) -> list[Cost]:
    costs: list[Cost] = []
    for campaign in campaigns:
        for platform in campaign.platforms:
            costs.append(
                Cost(
                    start=campaign.start,
                    end=campaign.end,
                    category=CostCategory.ADVERTISING,
                    amount=Decimal(rng.randint(300, 5000)) + Decimal("0.37"),
                    campaign_id=campaign.id,
                    platform=platform,
                )
            )
        costs.append(
            Cost(
                start=campaign.start,
                category=CostCategory.CONTENT,
                amount=Decimal(rng.randint(100, 900)),
                campaign_id=campaign.id,
            )
        )
        costs.append(
            Cost(
                start=campaign.start,
                category=CostCategory.STAFF,
                hours=Decimal(rng.randint(4, 20)),
                hourly_rate=Decimal("27.50"),
                repeat=Repeat.MONTHLY,
                until=campaign.end,
                campaign_id=campaign.id,
            )
        )
    costs += [
        Cost(
            FIRST_DAY.replace(day=15),
            CostCategory.TOOLS,
            amount=Decimal("49.99"),
            repeat=Repeat.MONTHLY,
            until=LAST_DAY,
            description="scheduling tool",
        ),
        Cost(
            date(2022, 1, 31),
            CostCategory.AGENCY,
            amount=Decimal(400),
            repeat=Repeat.MONTHLY,
            until=LAST_DAY,
            description="agency retainer on the 31st",
        ),
        Cost(
            date(2022, 3, 1),
            CostCategory.ADVERTISING,
            amount=Decimal(99),
            platform="LinkedIn",
            repeat=Repeat.MONTHLY,
            until=LAST_DAY,
            description="LinkedIn premium",
        ),
    ]
    for year in range(FIRST_DAY.year, LAST_DAY.year + 1):
        costs.append(
            Cost(
                date(year, 1, 1),
                CostCategory.STAFF,
                hours=Decimal(200),
                hourly_rate=Decimal(35),
                end=date(year, 12, 31),
                description="community manager",
            )
        )
    return costs


def _valuations() -> list[Valuation]:
    return [
        Valuation("leads", FIRST_DAY, Decimal(12)),
        Valuation("leads", date(2023, 3, 15), Decimal(9), platform="Facebook"),
        Valuation("followers_gained", FIRST_DAY, Decimal("1.50")),
        Valuation("impressions", FIRST_DAY, Decimal("2.00")),
        Valuation("link_clicks", date(2024, 7, 1), Decimal("0.35")),
        Valuation("leads", date(2024, 10, 20), Decimal(15)),
    ]


def write_bench_workspace(out: Path, rows: int, campaigns: int = 300, seed: int = 7) -> Workspace:
    """Create ``out`` (replacing it) with ``rows`` result rows; returns the open workspace."""
    if out.exists():
        out.unlink()
    out.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    workspace = Workspace.create(
        out,
        Settings(
            business_name="Benchmark agency",
            currency="EUR",
            gross_margin=Decimal("0.6"),
            average_order_value=Decimal(45),
            purchases_per_year=Decimal(3),
            years_retained=Decimal(2),
        ),
    )
    workspace.db.execute("PRAGMA synchronous = OFF")
    with workspace.transaction():
        clients = [workspace.add_client(Client(f"Client {n}")).id for n in range(1, 6)]
        stored = [
            workspace.add_campaign(c)
            for c in _campaigns(rng, campaigns, clients)  # type: ignore[arg-type]
        ]
        workspace.add_costs(_costs(rng, stored))
        for valuation in _valuations():
            workspace.add_valuation(valuation)
        for _ in range(200):
            day = FIRST_DAY + timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days))
            campaign = rng.choice(stored)
            workspace.add_other_return(
                OtherReturn(day, Decimal(rng.randint(50, 900)), campaign_id=campaign.id)
            )
        workspace.add_results(_results(rng, stored, rows))
    workspace.db.execute("PRAGMA synchronous = FULL")
    return workspace


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--campaigns", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    workspace = write_bench_workspace(args.out, args.rows, args.campaigns, args.seed)
    count = workspace.result_count()
    workspace.close()
    print(f"wrote {args.out}: {count:,} result rows in {time.perf_counter() - began:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
