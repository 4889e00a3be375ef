"""Record ↔ row conversions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from roidesk.core.records import (
    Campaign,
    CampaignStatus,
    Cost,
    CostCategory,
    Objective,
    Repeat,
)
from roidesk.storage import codecs


@settings(max_examples=300)
@given(st.integers(-(10**15), 10**15))
def test_reading_money_keeps_the_value_and_its_places(units: int) -> None:
    """Money read back has the value stored and the usual places (12.50, 0.125, 0.0125)."""
    read = codecs.from_scaled(units)
    slow = codecs.normalize_money(Decimal(units) / codecs.SCALE)
    assert read == slow and str(read) == str(slow)


def test_rows_read_in_bulk_are_the_records_read_one_by_one() -> None:
    """Reading many rows at once (column by column, records made positionally) gives each
    field its own value: a hand-written cost and campaign come back as written."""
    cost = Cost(
        date(2025, 3, 10), CostCategory.STAFF, Decimal("12.50"), hours=Decimal("1.5"),
        hourly_rate=Decimal("40.25"), end=date(2025, 3, 12), repeat=Repeat.MONTHLY,
        until=date(2025, 6, 30), campaign_id=7, platform="Facebook", description="design",
        batch_id=3, id=11,
    )  # fmt: skip
    other = Cost(date(2025, 4, 1), CostCategory.TOOLS, Decimal("9"), id=12)
    rows = [codecs.COSTS.to_stored(cost), codecs.COSTS.to_stored(other)]
    assert rows[0] == (
        11, "2025-03-10", "2025-03-12", "monthly", "2025-06-30", 7, "Facebook", "staff time",
        "design", 125_000, 15_000, 402_500, 3,
    )  # fmt: skip
    assert codecs.COSTS.from_rows(rows) == [cost, other]
    assert codecs.COSTS.from_rows(iter(rows)) == [cost, other]
    assert codecs.COSTS.from_rows([]) == []
    campaign = Campaign(
        "Spring", date(2025, 3, 1), date(2025, 5, 31), client_id=2,
        platforms=("Facebook", "TikTok"), objective=Objective.LEADS, budget=Decimal("500.00"),
        status=CampaignStatus.PAUSED, notes="n", id=4,
    )  # fmt: skip
    assert codecs.CAMPAIGNS.from_rows([codecs.CAMPAIGNS.to_stored(campaign)]) == [campaign]
