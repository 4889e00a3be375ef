"""Suggested valuations computed over a platform and period of the workspace."""

from __future__ import annotations

from datetime import date

from roidesk.core import kpi
from roidesk.core import suggestions as rules
from roidesk.core.figures import Query
from roidesk.core.suggestions import Suggestion
from roidesk.core.valuations import counts_sales_twice
from roidesk.engine.state import Context, context
from roidesk.engine.summary import summarize
from roidesk.engine.totals import grouped_totals
from roidesk.storage import Workspace
from roidesk.storage.aggregates import any_revenue


def suggested_values(
    workspace: Workspace, platform: str | None, start: date | None, end: date | None
) -> list[Suggestion]:
    """Per organic click and session (average paid CPC: advertising cost ÷ paid link
    clicks), per lead (× AOV and × LTV), per follower."""
    query = Query(start=start, end=end, platform=platform)
    figures = summarize(workspace, query)
    ctx = context(workspace)
    ltv = kpi.lifetime_value(ctx.settings)
    paid_clicks = _paid_clicks(workspace, ctx, query)
    settings = ctx.settings
    return [
        rules.per_click(figures.ad_spend, paid_clicks, "link_clicks"),
        rules.per_click(figures.ad_spend, paid_clicks, "sessions"),
        rules.per_lead(
            figures.new_customers,
            figures.leads,
            settings.average_order_value,
            "average order value",
        ),
        rules.per_lead(figures.new_customers, figures.leads, ltv, "lifetime value"),
        rules.per_follower(figures.new_customers, figures.followers_gained, ltv),
    ]


def _paid_clicks(workspace: Workspace, ctx: Context, query: Query) -> int:
    """The paid link clicks of the query's period and filter."""
    grouped, _ = grouped_totals(workspace, ctx, query, (None,))
    return sum(
        clicks
        for totals in grouped[None].values()
        for (_, paid), clicks in totals.clicks.items()
        if paid
    )


def counts_a_sale_twice(workspace: Workspace) -> bool:
    """True when conversions or new customers are valued while result rows carry revenue.

    The valuation editor shows a warning then (SPEC "Rules").
    """
    return counts_sales_twice(workspace.valuations(), any_revenue(workspace.db))
