"""Suggested valuations from the workspace's own data (SPEC "Suggested values").

Each says which results it is meant for: a click priced at the paid CPC is for *organic*
clicks only (a paid click is already bought at that price); leads and followers for *all*.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from roidesk.core.kpi import ratio
from roidesk.core.valuations import ALL, ORGANIC


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested value per unit of ``metric``, with the formula and the inputs it used."""

    metric: str
    value: Decimal | None
    formula: str
    inputs: dict[str, Decimal | int | None] = field(default_factory=dict)
    #: the results the value is for: "organic" or "all" (what the valuation is set to)
    applies_to: str = ALL


def per_click(
    ad_spend: Decimal | None, paid_clicks: int, metric: str = "link_clicks"
) -> Suggestion:
    """Per organic click or session: what the same traffic would have cost as pay-per-click,
    the average paid CPC (advertising cost ÷ paid link clicks)."""
    return Suggestion(
        metric,
        ratio(ad_spend, paid_clicks),
        "advertising cost ÷ paid link clicks",
        {"advertising cost": ad_spend, "paid link clicks": paid_clicks},
        ORGANIC,
    )


def per_lead(
    new_customers: int, leads: int, customer_value: Decimal | None, basis: str
) -> Suggestion:
    """Lead-to-customer rate × average order value (or × LTV, per ``basis``)."""
    rate = ratio(new_customers, leads)
    value = None if rate is None or customer_value is None else rate * customer_value
    return Suggestion(
        "leads",
        value,
        f"new customers ÷ leads × {basis}",
        {"new customers": new_customers, "leads": leads, basis: customer_value},
    )


def per_follower(new_customers: int, followers: int, ltv: Decimal | None) -> Suggestion:
    """New customers ÷ followers gained × LTV."""
    rate = ratio(new_customers, followers)
    value = None if rate is None or ltv is None else rate * ltv
    return Suggestion(
        "followers_gained",
        value,
        "new customers ÷ followers gained × lifetime value",
        {"new customers": new_customers, "followers gained": followers, "lifetime value": ltv},
    )
