"""Suggested valuations with their formula and inputs."""

from __future__ import annotations

from decimal import Decimal

from roidesk.core.suggestions import per_click, per_follower, per_lead


def test_suggestions() -> None:
    """CPC €200/400 paid clicks = €0.50 per organic click; 5 of 50 leads × €30 = €3; 5 of 250
    followers × €300 = €6, both for all results."""
    click = per_click(Decimal(200), 400)
    assert (click.value, click.applies_to) == (Decimal("0.5"), "organic")
    assert click.inputs == {"advertising cost": Decimal(200), "paid link clicks": 400}
    assert per_lead(5, 50, Decimal(30), "average order value").applies_to == "all"
    assert per_follower(5, 250, Decimal(300)).applies_to == "all"
    assert per_lead(5, 50, Decimal(30), "average order value").value == Decimal(3)
    assert per_follower(5, 250, Decimal(300)).value == Decimal(6)


def test_suggestions_without_data_are_not_defined() -> None:
    """No clicks, no leads or no LTV: the value is None, the formula still shown."""
    assert per_click(Decimal(200), 0).value is None
    assert per_lead(5, 0, Decimal(30), "average order value").value is None
    follower = per_follower(5, 250, None)
    assert follower.value is None
    assert follower.formula == "new customers ÷ followers gained × lifetime value"
