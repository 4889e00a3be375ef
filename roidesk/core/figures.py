"""What a summary answers: the query (period and filter) and the figures (SPEC names)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Query:
    """A period (both ends included; ``None`` = open) and a filter."""

    start: date | None = None
    end: date | None = None
    client_id: int | None = None
    campaign_id: int | None = None
    platform: str | None = None
    content_type: str | None = None


@dataclass(frozen=True, slots=True)
class Figures:
    """Every figure of SPEC "What every number means"; ``None`` where not defined.

    Field names are the JSON keys of ``roidesk summary --json``. Money and ratios are exact
    Decimals (ratios as fractions); counts are ints.
    """

    cost: Decimal | None = None
    direct_return: Decimal | None = None
    valued_return: Decimal | None = None
    other_return: Decimal | None = None
    total_return: Decimal | None = None
    net_return: Decimal | None = None
    roi_direct: Decimal | None = None
    roi_total: Decimal | None = None
    roas: Decimal | None = None
    engagement_rate: Decimal | None = None
    ctr: Decimal | None = None
    conversion_rate: Decimal | None = None
    cpc: Decimal | None = None
    cpm: Decimal | None = None
    cpl: Decimal | None = None
    cpa: Decimal | None = None
    cac: Decimal | None = None
    ltv: Decimal | None = None
    ltv_cac: Decimal | None = None
    break_even_date: date | None = None
    ad_spend: Decimal | None = None
    revenue: Decimal | None = None
    impressions: int = 0
    reach: int = 0
    engagements: int = 0
    followers_gained: int = 0
    link_clicks: int = 0
    sessions: int = 0
    leads: int = 0
    conversions: int = 0
    new_customers: int = 0
    #: organic link clicks priced at the platform's paid CPC: beside the returns, never in them
    paid_equivalent: Decimal | None = None
    #: total return and ROI (total) with every valuation at its low / high value
    total_return_low: Decimal | None = None
    total_return_high: Decimal | None = None
    roi_total_low: Decimal | None = None
    roi_total_high: Decimal | None = None

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The figure names, in SPEC order."""
        return tuple(f.name for f in fields(cls))


#: Human labels of the figures, in SPEC order.
LABELS: dict[str, str] = {
    "cost": "Cost",
    "direct_return": "Direct return",
    "valued_return": "Valued return",
    "other_return": "Other return",
    "total_return": "Total return",
    "net_return": "Net return",
    "roi_direct": "ROI (direct)",
    "roi_total": "ROI (total)",
    "roas": "ROAS",
    "engagement_rate": "Engagement rate",
    "ctr": "CTR",
    "conversion_rate": "Conversion rate",
    "cpc": "CPC",
    "cpm": "CPM",
    "cpl": "CPL",
    "cpa": "CPA",
    "cac": "CAC",
    "ltv": "LTV",
    "ltv_cac": "LTV : CAC",
    "break_even_date": "Break-even date",
    "ad_spend": "Advertising cost",
    "revenue": "Revenue",
    "impressions": "Impressions",
    "reach": "Reach (summed over days and platforms)",
    "engagements": "Engagements",
    "followers_gained": "Followers gained",
    "link_clicks": "Link clicks",
    "sessions": "Sessions",
    "leads": "Leads",
    "conversions": "Conversions",
    "new_customers": "New customers",
    "paid_equivalent": "Paid-equivalent value",
    "total_return_low": "Total return (low)",
    "total_return_high": "Total return (high)",
    "roi_total_low": "ROI (total, low)",
    "roi_total_high": "ROI (total, high)",
}
