"""Spreading, monthly recurrence and the two-step sharing-out of costs, in exact units."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ledgers import units_per_key_and_day

from roidesk.core.costs import (
    CostLedger,
    allocate,
    apportion,
    change_between,
    cost_days,
    from_units,
    merge_runs,
    month_index,
    occurrence_dates,
    reshare,
    spread,
    to_units,
)
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


def _reshared(
    ledger: CostLedger,
    before: tuple[list[Cost], list[Campaign], date],
    after: tuple[list[Cost], list[Campaign], date],
) -> CostLedger:
    """The ledger after an edit, as the engine gets it: only what the edit touches again."""
    costs, campaigns, horizon = after
    return reshare(ledger, change_between(before, after), costs, campaigns, horizon)


@settings(max_examples=60, deadline=None)
@given(
    before=st.lists(_costs, max_size=6),
    added=st.lists(_costs, max_size=2),
    removed=st.integers(0, 2),
    campaigns=_campaign_sets,
    moved=_campaign_sets,
    horizon=_days,
    new_horizon=_days,
)
def test_sharing_out_only_changed_months_equals_sharing_out_everything(
    before: list[Cost],
    added: list[Cost],
    removed: int,
    campaigns: tuple[Campaign, ...],
    moved: tuple[Campaign, ...],
    horizon: date,
    new_horizon: date,
) -> None:
    """After any edit of costs, campaigns or the horizon, the reused ledger is the full one."""
    after = before[removed:] + added
    new_campaigns = [campaigns[0], moved[1], campaigns[2]]
    old = allocate(before, campaigns, horizon)
    reused = _reshared(old, (before, list(campaigns), horizon), (after, new_campaigns, new_horizon))
    assert _canonical(reused) == _canonical(allocate(after, new_campaigns, new_horizon))
    assert reused.first_day() == allocate(after, new_campaigns, new_horizon).first_day()
    assert reused.last_day() == allocate(after, new_campaigns, new_horizon).last_day()


_general_costs = _costs_of([None])


@settings(max_examples=150, deadline=None)
@given(
    others=st.lists(_costs, max_size=6),
    general=_general_costs,
    edited=_general_costs,
    campaigns=_campaign_sets,
    horizon=_days,
)
def test_editing_a_cost_of_no_campaign_equals_sharing_out_everything(
    others: list[Cost],
    general: Cost,
    edited: Cost,
    campaigns: tuple[Campaign, ...],
    horizon: date,
) -> None:
    """Such an edit may share out only its categories again; the ledger is the full one."""
    before = [*others, general]
    after = [*others, edited]
    old = allocate(before, campaigns, horizon)
    old.key_totals(None, None, None)  # running totals built: the edit carries them over
    reused = _reshared(old, (before, list(campaigns), horizon), (after, list(campaigns), horizon))
    full = allocate(after, campaigns, horizon)
    assert _canonical(reused) == _canonical(full)
    assert (reused.first_day(), reused.last_day()) == (full.first_day(), full.last_day())
    for start, end in ((None, None), (date(2024, 3, 1), date(2024, 9, 30))):
        assert reused.key_totals(start, end, None) == full.key_totals(start, end, None)


def test_an_ad_cost_of_no_campaign_reweighs_the_platforms_of_a_month_no_campaign_runs_in() -> None:
    """March, no campaign running: €100 of tools go to platforms as the ad spend does — 30:10
    gives Facebook 75, TikTok 25; after the Facebook spend is edited to 10, 50 and 50."""
    campaigns = [Campaign("January only", date(2024, 1, 1), date(2024, 1, 31), id=1)]
    march = date(2024, 3, 1)
    tools = Cost(march, CostCategory.TOOLS, Decimal(100), id=1)
    facebook = Cost(march, CostCategory.ADVERTISING, Decimal(30), platform="Facebook", id=2)
    tiktok = Cost(march, CostCategory.ADVERTISING, Decimal(10), platform="TikTok", id=3)
    before = [tools, facebook, tiktok]
    after = [tools, replace(facebook, amount=Decimal(10)), tiktok]
    horizon = date(2024, 12, 31)
    old = allocate(before, campaigns, horizon)
    reused = _reshared(old, (before, campaigns, horizon), (after, campaigns, horizon))

    def tools_to(ledger: CostLedger) -> dict[str | None, Decimal]:
        totals = ledger.key_totals(None, None, lambda key: key[2] == CostCategory.TOOLS)
        return {platform: from_units(units) for (_, platform, _), units in totals.items()}

    assert tools_to(old) == {"Facebook": Decimal(75), "TikTok": Decimal(25)}
    assert tools_to(reused) == {"Facebook": Decimal(50), "TikTok": Decimal(50)}
    assert _canonical(reused) == _canonical(allocate(after, campaigns, horizon))


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
    april = allocate(costs, campaigns, date(2025, 4, 30), only={2025 * 12 + 3})
    assert units_per_key_and_day(april) == {
        (facebook, date(2025, 4, day)): units
        for day, units in ((1, 15_000), (5, 33_334), (6, 33_333), (7, 33_333))
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
    only=st.one_of(st.none(), st.sets(st.integers(2024 * 12, 2025 * 12), max_size=4)),
)
def test_one_day_costs_share_out_as_the_general_path_does(
    one_day: list[Cost],
    others: list[Cost],
    campaigns: tuple[Campaign, ...],
    horizon: date,
    only: set[int] | None,
) -> None:
    """The short path for costs of one day gives the ledger the general path gives."""
    general = [_once_through_the_general_path(cost) for cost in one_day]
    fast = allocate([*one_day, *others], campaigns, horizon, only)
    slow = allocate([*general, *others], campaigns, horizon, only)
    assert _canonical(fast) == _canonical(slow)
    assert (fast.first_day(), fast.last_day()) == (slow.first_day(), slow.last_day())


def test_costs_of_one_day_given_as_rows_share_out_as_records() -> None:
    """Storage hands over an import's one-day costs as plain rows (id, ISO day, campaign,
    platform, category, units): the ledger is the one their records give, run for run and in
    the same order, whole or for some months."""
    campaigns = [Campaign("A", date(2025, 1, 1), date(2025, 3, 31), id=1),
                 Campaign("B", date(2025, 2, 1), date(2025, 2, 28), id=2)]  # fmt: skip
    records = [
        Cost(date(2025, 1, 3), CostCategory.ADVERTISING, Decimal("12.5"), campaign_id=1,
             platform="facebook", id=1),
        Cost(date(2025, 1, 1), CostCategory.TOOLS, Decimal(30), repeat=Repeat.MONTHLY, id=2),
        Cost(date(2025, 2, 10), CostCategory.ADVERTISING, Decimal("0.0003"), campaign_id=2,
             platform="Instagram", end=date(2025, 2, 10), id=3),
        Cost(date(2025, 2, 1), CostCategory.STAFF, hours=Decimal(2), hourly_rate=Decimal(25),
             id=4),
        Cost(date(2025, 2, 14), CostCategory.ADVERTISING, Decimal(7), platform="TikTok", id=5),
        Cost(date(2025, 1, 20), CostCategory.CONTENT, Decimal(90), end=date(2025, 2, 20),
             campaign_id=1, id=6),
        Cost(date(2025, 3, 1), CostCategory.ADVERTISING, Decimal(0), campaign_id=1, id=7),
    ]  # fmt: skip
    one_day = {1, 3, 5, 7}
    rows = [
        (c.id, c.start.isoformat(), c.campaign_id, c.platform, c.category.value,
         int(c.total * 10_000))
        for c in records if c.id in one_day
    ]  # fmt: skip
    others = [c for c in records if c.id not in one_day]
    horizon = date(2025, 3, 31)
    for only in (None, {month_index(date(2025, 2, 1))}):
        expected = list(allocate(records, campaigns, horizon, only).month_entries())
        given = allocate(others, campaigns, horizon, only, day_rows=rows).month_entries()
        assert expected and list(given) == expected
