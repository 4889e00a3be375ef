"""Spreading, monthly recurrence and the two-step sharing-out of costs, in exact units."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from ledgers import units_per_key_and_day

from roidesk.core.costs import (
    allocate,
    apportion,
    cost_days,
    from_units,
    merge_runs,
    occurrence_dates,
    spread,
    to_units,
)
from roidesk.core.ledger import CostLedger
from roidesk.core.records import Campaign, Cost, CostCategory, Repeat

AD = CostCategory.ADVERTISING


def test_units_round_trip() -> None:
    """Money ↔ ten-thousandths, half-up at the fifth decimal."""
    assert to_units(Decimal("12.50")) == 125000
    assert to_units(Decimal("0.00005")) == 1
    assert from_units(125000) == Decimal("12.5")


@given(st.decimals(allow_nan=False, allow_infinity=False, places=6, min_value=-(10**9),
                   max_value=10**9))  # fmt: skip
def test_units_of_short_amounts_skip_rounding_with_the_same_outcome(amount: Decimal) -> None:
    """Amounts of at most four places are scaled without rounding; every amount gets the
    half-up units (-0.00005 → -1, 1.00000 → 10,000, -12.3456 → -123,456)."""
    assert to_units(amount) == int(amount.quantize(Decimal("0.0001"), ROUND_HALF_UP).scaleb(4))
    assert to_units(Decimal("-0.00005")) == -1
    assert to_units(Decimal("1.00000")) == 10_000
    assert to_units(Decimal("-12.3456")) == -123_456


def test_spread_gives_the_remainder_to_the_first_days() -> None:
    """10 units over 3 days: 4, 3, 3 — adding up exactly."""
    assert spread(10, 3) == [4, 3, 3]
    assert spread(-10, 3) == [-4, -3, -3]


def test_recurrence_on_the_31st_clips_to_the_months_end() -> None:
    """31 Jan 2024 → 29 Feb (leap), 31 Mar, 30 Apr; 2023 → 28 Feb."""
    cost = Cost(date(2024, 1, 31), AD, Decimal(1), repeat=Repeat.MONTHLY, until=date(2024, 4, 30))
    assert occurrence_dates(cost, date(2030, 1, 1)) == [
        date(2024, 1, 31),
        date(2024, 2, 29),
        date(2024, 3, 31),
        date(2024, 4, 30),
    ]
    common = Cost(date(2023, 1, 31), AD, Decimal(1), repeat=Repeat.MONTHLY, until=date(2023, 3, 1))
    assert occurrence_dates(common, date(2030, 1, 1)) == [date(2023, 1, 31), date(2023, 2, 28)]


def test_recurrence_without_until_runs_to_the_horizon() -> None:
    """No "until": the cost recurs up to the horizon (today or the latest date known)."""
    cost = Cost(date(2024, 1, 15), AD, Decimal(1), repeat=Repeat.MONTHLY)
    assert len(occurrence_dates(cost, date(2024, 6, 14))) == 5


def test_staff_time_is_hours_times_rate() -> None:
    """7.5 hours at €40 is one €300 day."""
    cost = Cost(date(2024, 1, 1), CostCategory.STAFF, hours=Decimal("7.5"), hourly_rate=Decimal(40))
    assert cost_days(cost, date(2024, 1, 1)) == [(date(2024, 1, 1), 3_000_000)]


def test_apportion_is_exact_by_largest_remainder() -> None:
    """10 units by weights 1:1:1 → 4, 3, 3; ties go to the first."""
    assert apportion(10, [("a", 1), ("b", 1), ("c", 1)]) == [("a", 4), ("b", 3), ("c", 3)]
    assert apportion(7, [("a", 3), ("b", 1)]) == [("a", 5), ("b", 2)]


def test_merge_runs_sums_overlaps() -> None:
    """Overlapping runs become one amount per day."""
    assert merge_runs([(1, 4, 10), (3, 6, 5)]) == [(1, 2, 10), (3, 4, 15), (5, 6, 5)]


def test_pool_costs_go_to_platforms_by_general_tagged_costs() -> None:
    """No campaign active: an untagged €30 general cost follows the general €20 FB : €10 IG."""
    ledger = allocate(
        [
            Cost(date(2024, 5, 2), AD, Decimal(20), platform="Facebook"),
            Cost(date(2024, 5, 2), AD, Decimal(10), platform="Instagram"),
            Cost(date(2024, 5, 9), CostCategory.TOOLS, Decimal(30)),
        ],
        [Campaign("old", date(2023, 1, 1), date(2023, 2, 1), id=1)],
        date(2024, 12, 31),
    )
    totals: dict[str, int] = {}
    for key, units in ledger.key_totals(None, None, None).items():
        totals[f"{key[0]}/{key[1]}"] = totals.get(f"{key[0]}/{key[1]}", 0) + units
    assert totals == {"None/Facebook": 400_000, "None/Instagram": 200_000}


_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2024, 12, 31))


def _costs_of(campaign_ids: list[int | None]) -> st.SearchStrategy[Cost]:
    """Costs in 2024 of one of ``campaign_ids``, any platform, category, range or recurrence."""
    return st.builds(
        Cost,
        start=_days,
        category=st.sampled_from(list(CostCategory)),
        amount=st.integers(1, 100_000).map(lambda cents: Decimal(cents) / 100),
        end=st.one_of(st.none(), _days),
        repeat=st.sampled_from(list(Repeat)),
        until=st.one_of(st.none(), _days),
        campaign_id=st.sampled_from(campaign_ids),
        platform=st.sampled_from([None, "Facebook", "TikTok"]),
    ).filter(lambda cost: cost.end is None or cost.end >= cost.start)


_costs = _costs_of([None, 1, 2, 3])


def _campaign(campaign_id: int, first: date, second: date) -> Campaign:
    return Campaign(f"C{campaign_id}", min(first, second), max(first, second), id=campaign_id)


_campaign_sets = st.tuples(*(st.builds(_campaign, st.just(i), _days, _days) for i in (1, 2, 3)))


def _canonical(ledger: CostLedger) -> tuple[dict[int, dict[object, int]], dict[object, int]]:
    sums = {m: {k: v for k, v in ledger._month_sums[m].items() if v} for m in ledger.months()}
    days: dict[object, int] = {}
    for key in ledger.keys():  # noqa: SIM118 (a ledger, not a dict)
        for day, units in ledger.daily(None, None, lambda k, key=key: k == key).items():  # type: ignore[misc]
            if units:
                days[(key, day)] = units
    return {m: v for m, v in sums.items() if v}, days


def test_one_day_costs_share_out_to_hand_computed_units() -> None:
    """Costs of one day, not repeating (an import's ad spend): each is its day's amount, a
    negative one too, a zero one is nothing, an end on the start day is one day; €10 of tools
    on 31 March follow the campaigns' March costs 12.3456 : 7.6544 (6.1728 and 3.8272); a cost of
    three days beside them is spread (€10 as 3.3334, 3.3333, 3.3333)."""
    costs = [
        Cost(date(2025, 3, 31), AD, Decimal("12.3456"), campaign_id=1, platform="facebook"),
        Cost(date(2025, 3, 2), AD, Decimal("8"), end=date(2025, 3, 2), campaign_id=2,
             platform="TikTok"),
        Cost(date(2025, 3, 3), AD, Decimal("-0.3456"), campaign_id=2, platform="TikTok"),
        Cost(date(2025, 3, 4), AD, Decimal(0), campaign_id=2, platform="TikTok"),
        Cost(date(2025, 3, 31), CostCategory.TOOLS, Decimal(10)),
        Cost(date(2025, 4, 1), AD, Decimal("1.5"), campaign_id=1, platform="Facebook"),
        Cost(date(2025, 4, 5), AD, Decimal(10), end=date(2025, 4, 7), campaign_id=1,
             platform="Facebook"),
    ]  # fmt: skip
    campaigns = [
        Campaign("A", date(2025, 3, 1), date(2025, 4, 30), id=1),
        Campaign("B", date(2025, 3, 1), date(2025, 3, 31), id=2),
    ]
    ledger = allocate(costs, campaigns, date(2025, 4, 30))
    facebook, tiktok = (1, "Facebook", str(AD)), (2, "TikTok", str(AD))
    tools = str(CostCategory.TOOLS)
    assert units_per_key_and_day(ledger) == {
        (facebook, date(2025, 3, 31)): 123_456,
        (facebook, date(2025, 4, 1)): 15_000,
        (facebook, date(2025, 4, 5)): 33_334,
        (facebook, date(2025, 4, 6)): 33_333,
        (facebook, date(2025, 4, 7)): 33_333,
        (tiktok, date(2025, 3, 2)): 80_000,
        (tiktok, date(2025, 3, 3)): -3_456,
        ((1, "Facebook", tools), date(2025, 3, 31)): 61_728,
        ((2, "TikTok", tools), date(2025, 3, 31)): 38_272,
    }


def _once_through_the_general_path(cost: Cost) -> Cost:
    """The same cost as a monthly one that ends on its start day: it occurs once, on that day,
    but is spread and cut into months by the general path (``cost_runs``, month splits)."""
    return replace(cost, repeat=Repeat.MONTHLY, until=cost.start, end=None)


_one_day_costs = st.builds(
    Cost,
    start=_days,
    category=st.sampled_from(list(CostCategory)),
    amount=st.integers(-100_000, 100_000).map(lambda units: Decimal(units).scaleb(-4)),
    campaign_id=st.sampled_from([None, 1, 2, 3]),
    platform=st.sampled_from([None, "Facebook", " tiktok ", ""]),
)


@settings(max_examples=100, deadline=None)
@given(
    one_day=st.lists(_one_day_costs, max_size=8),
    others=st.lists(_costs, max_size=3),
    campaigns=_campaign_sets,
    horizon=_days,
)
def test_one_day_costs_share_out_as_the_general_path_does(
    one_day: list[Cost],
    others: list[Cost],
    campaigns: tuple[Campaign, ...],
    horizon: date,
) -> None:
    """The short path for costs of one day gives the ledger the general path gives."""
    general = [_once_through_the_general_path(cost) for cost in one_day]
    fast = allocate([*one_day, *others], campaigns, horizon)
    slow = allocate([*general, *others], campaigns, horizon)
    assert _canonical(fast) == _canonical(slow)
    assert (fast.first_day(), fast.last_day()) == (slow.first_day(), slow.last_day())
