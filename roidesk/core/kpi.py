"""One small pure function per figure of SPEC "What every number means".

A division by zero (or a missing input) gives ``None``: "not defined", a dash on screen and
``null`` in JSON — never infinity, NaN or an exception.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from roidesk.core.records import Settings

Number = Decimal | int


def ratio(numerator: Number | None, denominator: Number | None) -> Decimal | None:
    """``numerator / denominator`` exactly as far as Decimal goes; ``None`` when undefined."""
    if numerator is None or denominator is None or denominator == 0:
        return None
    return Decimal(numerator) / Decimal(denominator)


def direct_return(revenue: Decimal, gross_margin: Decimal) -> Decimal:
    """Attributed revenue × gross margin."""
    return revenue * gross_margin


def total_return(direct: Decimal, valued: Decimal, other: Decimal) -> Decimal:
    """D + V + O."""
    return direct + valued + other


def net_return(total: Decimal, cost: Decimal | None) -> Decimal | None:
    """T − C (undefined when the cost is)."""
    return None if cost is None else total - cost


def roi(return_: Decimal, cost: Decimal | None) -> Decimal | None:
    """(return − cost) / cost; ``None`` when the cost is zero or undefined."""
    if cost is None or cost == 0:
        return None
    return (return_ - cost) / cost


def roas(revenue: Decimal, ad_spend: Decimal | None) -> Decimal | None:
    """Revenue / advertising cost."""
    return ratio(revenue, ad_spend)


def engagement_rate(engagements: int, impressions: int) -> Decimal | None:
    """Engagements / impressions."""
    return ratio(engagements, impressions)


def ctr(link_clicks: int, impressions: int) -> Decimal | None:
    """Link clicks / impressions."""
    return ratio(link_clicks, impressions)


def conversion_rate(conversions: int, link_clicks: int) -> Decimal | None:
    """Conversions / link clicks."""
    return ratio(conversions, link_clicks)


def cpc(ad_spend: Decimal | None, link_clicks: int) -> Decimal | None:
    """Advertising cost / link clicks."""
    return ratio(ad_spend, link_clicks)


def cpm(ad_spend: Decimal | None, impressions: int) -> Decimal | None:
    """Advertising cost / impressions × 1000."""
    per_impression = ratio(ad_spend, impressions)
    return None if per_impression is None else per_impression * 1000


def cost_per(cost: Decimal | None, count: int) -> Decimal | None:
    """C / a count: CPL (leads), CPA (conversions), CAC (new customers)."""
    return ratio(cost, count)


def lifetime_value(settings: Settings) -> Decimal | None:
    """LTV entered directly, else average order value × purchases per year × years retained."""
    if settings.lifetime_value is not None:
        return settings.lifetime_value
    parts = (settings.average_order_value, settings.purchases_per_year, settings.years_retained)
    if any(part is None for part in parts):
        return None
    aov, per_year, years = parts
    assert aov is not None and per_year is not None and years is not None
    return aov * per_year * years


def ltv_cac(ltv: Decimal | None, cac: Decimal | None) -> Decimal | None:
    """LTV : CAC as one number (3 means "3 : 1")."""
    return ratio(ltv, cac)


def paid_equivalent(platforms: Iterable[tuple[Decimal, int, int]]) -> Decimal | None:
    """What the organic traffic would have cost as ads: per platform (advertising cost, paid
    link clicks, organic link clicks), organic clicks × the paid CPC (cost ÷ paid clicks),
    summed over the platforms with paid clicks; ``None`` when no platform has any."""
    total: Decimal | None = None
    for ad_cost, paid_clicks, organic_clicks in platforms:
        if paid_clicks:
            total = (total or Decimal(0)) + organic_clicks * ad_cost / paid_clicks
    return total
