"""The planner over a real workspace: the basis from storage and the engine, hand-computed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from planning_workspace import BASIS, TODAY, planning_workspace

from roidesk.core.problems import InputError
from roidesk.engine.planning import plan_basis, plan_budget, plan_stop, planned_platforms

D = Decimal


@pytest.fixture
def ws(tmp_path: Path):  # type: ignore[no-untyped-def]
    """The planning workspace (see tests/planning_workspace.py)."""
    workspace = planning_workspace(tmp_path / "plan.roidesk")
    yield workspace
    workspace.close()


def test_the_basis_splits_results_by_source_and_costs_by_platform(ws) -> None:  # type: ignore[no-untyped-def]
    """Paid and organic Facebook results stay apart; advertising 300 on Facebook, 450 in all."""
    found = plan_basis(ws, BASIS, TODAY)
    parts = {(p.platform, p.source): p for p in found.parts}
    assert parts[("Facebook", "paid")].counts["link_clicks"] == 600
    assert parts[("Facebook", "paid")].revenue == D(900)
    assert parts[("Facebook", None)].counts["leads"] == 6
    assert found.cost == D(450)
    assert found.ad_cost_of("facebook") == D(300)
    assert found.other_return == D(60)
    assert found.months == 3


def test_stopping_facebook_for_three_months_with_a_quarter_carried_over(ws) -> None:  # type: ignore[no-untyped-def]
    """Facebook: C 300 + the 150 without platform shared out to it (the only platform with
    costs), T 900 + 36 leads × 10 + 60 = 1,320 over 3 months; stop 3 months, carry-over
    0.25: saves 450, loses 990, RONI 540."""
    answer = plan_stop(ws, "Facebook", 3, D("0.25"), BASIS, TODAY)
    result = answer.result
    assert (result.cost_saved, result.return_lost, result.roni) == (D(450), D(990), D(540))
    assert result.roni_low <= result.roni <= result.roni_high
    assert answer.basis == BASIS


def test_the_default_basis_is_the_last_three_whole_months(ws) -> None:  # type: ignore[no-untyped-def]
    """On 10 April 2026 the default basis is January to March, the data's whole span."""
    assert plan_stop(ws, "Facebook", 1, today=TODAY).basis == BASIS


def test_budget_for_facebook_with_exponent_one(ws) -> None:  # type: ignore[no-untyped-def]
    """Facebook 100 → 400 a month, e = 1: 800 paid + 100 organic clicks, 42 leads (420 of
    value), revenue 1,200, other 20: total 1,640; cost 50 + 400; ROAS 3."""
    figures = plan_budget(ws, {"Facebook": D(400)}, D(1), BASIS, TODAY).figures
    assert (figures.link_clicks, figures.leads) == (900, 42)
    assert figures.revenue == D(1200)
    assert figures.total_return == D(1640)
    assert figures.cost == D(450)
    assert figures.roas == D(3)
    assert (figures.total_return_low, figures.total_return_high) == (D(1430), D(2060))


def test_instagram_without_advertising_cannot_be_scaled(ws) -> None:  # type: ignore[no-untyped-def]
    """Instagram had results but no advertising cost: refused, naming the basis period."""
    with pytest.raises(
        InputError, match="Instagram cannot be scaled: no advertising cost in 2026-01-01"
    ):
        plan_budget(ws, {"Instagram": D(100)}, basis=BASIS, today=TODAY)


def test_platforms_with_advertising_come_first(ws) -> None:  # type: ignore[no-untyped-def]
    """The page's spin boxes: Facebook at 100 a month, Instagram at 0 (cannot be scaled)."""
    assert planned_platforms(plan_basis(ws, BASIS, TODAY)) == [
        ("Facebook", D(100)),
        ("Instagram", D(0)),
    ]


def test_stopping_a_platform_with_nothing_in_the_basis_is_refused(ws) -> None:  # type: ignore[no-untyped-def]
    """LinkedIn had no costs and no returns: there is nothing to stop, said so (not RONI 0)."""
    with pytest.raises(InputError, match="LinkedIn had no costs and no returns in 2026-01-01"):
        plan_stop(ws, "LinkedIn", 1, basis=BASIS, today=TODAY)
