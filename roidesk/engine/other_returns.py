"""Other returns by kind: what the "other return" of a question is made of (support saved,
sales outside the shop's tracking, referrals …), so indirect returns are visible as such."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal

from roidesk.core.figures import Query
from roidesk.core.records import OtherReturnKind
from roidesk.engine.state import context
from roidesk.engine.totals import campaign_ids, period_of, same_platform
from roidesk.storage import Workspace


def other_returns_by_kind(
    workspace: Workspace, query: Query, today: date | None = None
) -> dict[OtherReturnKind, Decimal]:
    """The other returns of the query's period and filter summed per kind (no kind: other),
    in the order of :class:`OtherReturnKind`; they add up to ``Figures.other_return``. Under a
    content-type filter there are none (other returns carry no content type)."""
    if query.content_type is not None:
        return {}
    ctx = context(workspace, today)
    period = period_of(ctx, workspace, query)
    if period is None:
        return {}
    ids = campaign_ids(ctx, query)
    wanted = None if ids is None else set(ids)
    sums: dict[OtherReturnKind, Decimal] = defaultdict(Decimal)
    for other in ctx.other_returns:
        if not period[0] <= other.date <= period[1]:
            continue
        if wanted is not None and other.campaign_id not in wanted:
            continue
        if query.platform is not None and not same_platform(other.platform, query.platform):
            continue
        sums[_kind(other.kind)] += other.amount
    return {kind: sums[kind] for kind in OtherReturnKind if kind in sums}


def _kind(value: str | None) -> OtherReturnKind:
    try:
        return OtherReturnKind(value) if value else OtherReturnKind.OTHER
    except ValueError:  # a kind a newer version wrote: counted, as other
        return OtherReturnKind.OTHER
