"""Other returns by kind: they add up to the other return of the same question."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from roidesk.core.figures import Query
from roidesk.core.records import Campaign, OtherReturn, OtherReturnKind
from roidesk.engine import summarize
from roidesk.engine.other_returns import other_returns_by_kind
from roidesk.storage import Workspace

TODAY = date(2025, 12, 31)
JANUARY = Query(start=date(2025, 1, 1), end=date(2025, 1, 31))


def test_sums_per_kind_add_up_to_the_other_return(workspace: Workspace) -> None:
    """January: referral €300 + €50, support saved €120, no kind €30 (other); a February
    referral is outside. Facebook alone: the €300 referral."""
    campaign = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 3, 31))).id
    referral, support = OtherReturnKind.REFERRAL.value, OtherReturnKind.SUPPORT_SAVED.value
    for day, amount, kind, platform in (
        (date(2025, 1, 5), 300, referral, "Facebook"),
        (date(2025, 1, 9), 50, referral, None),
        (date(2025, 1, 12), 120, support, None),
        (date(2025, 1, 20), 30, None, None),
        (date(2025, 2, 2), 999, referral, None),
    ):
        workspace.add_other_return(OtherReturn(day, Decimal(amount), campaign, platform, kind=kind))
    by_kind = other_returns_by_kind(workspace, JANUARY, TODAY)
    assert by_kind == {
        OtherReturnKind.SUPPORT_SAVED: Decimal(120),
        OtherReturnKind.REFERRAL: Decimal(350),
        OtherReturnKind.OTHER: Decimal(30),
    }
    assert sum(by_kind.values()) == summarize(workspace, JANUARY, TODAY).other_return
    facebook = Query(JANUARY.start, JANUARY.end, platform="Facebook")
    assert other_returns_by_kind(workspace, facebook, TODAY) == {
        OtherReturnKind.REFERRAL: Decimal(300)
    }
    assert other_returns_by_kind(workspace, Query(content_type="video"), TODAY) == {}
