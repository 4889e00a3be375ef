"""The ledger of shared-out costs: its fast sums (month sums, running totals, runs at the
edges) equal summing its days one by one."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.costs import allocate
from roidesk.core.records import Campaign, Cost, CostCategory, Repeat

_LEDGER_COSTS = [
    Cost(date(2024, 1, 10), CostCategory.ADVERTISING, Decimal(310), end=date(2024, 3, 5),
         campaign_id=1, platform="Facebook"),
    Cost(date(2024, 1, 31), CostCategory.STAFF, Decimal(50), repeat=Repeat.MONTHLY,
         campaign_id=2),
    Cost(date(2024, 2, 15), CostCategory.TOOLS, Decimal("99.99"), repeat=Repeat.MONTHLY),
    Cost(date(2024, 2, 1), CostCategory.ADVERTISING, Decimal(70), end=date(2024, 2, 10),
         campaign_id=2, platform="TikTok"),
]  # fmt: skip
_LEDGER_CAMPAIGNS = [
    Campaign("A", date(2024, 1, 1), date(2024, 6, 30), id=1),
    Campaign("B", date(2024, 1, 15), date(2024, 4, 30), id=2),
]


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (None, None),
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 1, 20), date(2024, 4, 10)),
        (date(2024, 2, 3), date(2024, 2, 20)),
        (date(2024, 2, 1), date(2024, 2, 29)),
        (date(2024, 5, 1), date(2024, 5, 31)),
        (date(2023, 1, 1), date(2023, 12, 31)),
    ],
)
def test_fast_ledger_sums_equal_the_day_by_day_sums(start: date | None, end: date | None) -> None:
    """Per-key and per-month-category totals (running sums, category sums) equal summing days."""
    ledger = allocate(_LEDGER_COSTS, _LEDGER_CAMPAIGNS, date(2024, 6, 30))
    days: dict[tuple[tuple[int | None, str | None, str], str], int] = {}
    for key in ledger.keys():  # noqa: SIM118 (a ledger, not a dict)
        for day, units in ledger.daily(start, end, lambda k, key=key: k == key).items():  # type: ignore[misc]
            slot = (key, f"{day:%Y-%m}")
            days[slot] = days.get(slot, 0) + units
    per_key: dict[tuple[int | None, str | None, str], int] = {}
    per_month_category: dict[tuple[str, str], int] = {}
    for (key, month), units in days.items():
        per_key[key] = per_key.get(key, 0) + units
        per_month_category[(month, key[2])] = per_month_category.get((month, key[2]), 0) + units
    assert ledger.key_totals(start, end, None) == {k: v for k, v in per_key.items() if v}
    assert ledger.month_categories(start, end, None) == {
        k: v for k, v in per_month_category.items() if v
    }
    only_b = ledger.key_totals(start, end, lambda key: key[0] == 2)
    assert only_b == {k: v for k, v in per_key.items() if v and k[0] == 2}
    assert sum(per_key.values()) == sum(ledger.by_month(start, end, lambda key: True).values())
    if start is not None and end is not None:  # per key and day: the same days as one key alone
        per_key_days = ledger.daily_per_key(start, end, None)
        for key in ledger.keys():  # noqa: SIM118 (a ledger, not a dict)
            alone = ledger.daily(start, end, lambda k, key=key: k == key)  # type: ignore[misc]
            assert {d: u for d, u in per_key_days.get(key, {}).items() if u} == alone
