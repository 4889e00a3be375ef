"""What moves ROI most for a query (the Plan page's chart): the engine's totals, swung by
:func:`roidesk.core.sensitivity.roi_swings`."""

from __future__ import annotations

from datetime import date

from roidesk.core.figures import Query
from roidesk.core.sensitivity import Swing, roi_swings
from roidesk.engine.state import context
from roidesk.engine.summary import figures_from
from roidesk.engine.totals import Totals, grouped_totals
from roidesk.storage import Workspace


def roi_sensitivity(workspace: Workspace, query: Query, today: date | None = None) -> list[Swing]:
    """ROI (total) of the query with each valuation alone at its low and at its high value,
    the largest span first."""
    ctx = context(workspace, today)

    def answer() -> list[Swing]:
        grouped, _ = grouped_totals(workspace, ctx, query, ("month",))
        total = Totals()
        for part in grouped["month"].values():
            total.add(part)
        figures = figures_from(total, ctx.settings, costs_defined=query.content_type is None)
        return roi_swings(figures.total_return, figures.cost, total.valued_by_metric)

    return list(ctx.remembered(("roi swings", query), answer))
