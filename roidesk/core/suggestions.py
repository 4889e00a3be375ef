"""Suggested valuations from the workspace's own data (SPEC "Suggested values")."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from roidesk.core.kpi import ratio


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A suggested value per unit of ``metric``, with the formula and the inputs it used."""

    metric: str
    value: Decimal | None
    formula: str
    inputs: dict[str, Decimal | int | None] = field(default_factory=dict)


def per_click(
    ad_spend: Decimal | None, link_clicks: int, metric: str = "link_clicks"
) -> Suggestion:
    """What the same traffic would have cost as pay-per-click: average paid CPC."""
    return Suggestion(
        metric,
        ratio(ad_spend, link_clicks),
        "advertising cost ÷ link clicks",
        {"advertising cost": ad_spend, "link clicks": link_clicks},
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
