"""The Valuations and Results editors: low/high, "applies to" with its default shown, source."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.records import Result, Valuation

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


def column_of(model, key: str) -> int:
    return [c.key for c in model.columns].index(key)


def test_empty_applies_to_shows_the_metrics_default(window):
    """A click valuation with no choice reads "organic (default)", a lead one "all (default)";
    choosing "all" stores it."""
    model = window.models["valuations"]
    model.add_record(Valuation("link_clicks", date(2026, 1, 1), Decimal("0.4")))
    model.add_record(Valuation("leads", date(2026, 1, 1), Decimal(20)))
    column = column_of(model, "applies_to")
    shown = [model.index(row, column).data() for row in range(model.rowCount())]
    assert shown == ["organic (default)", "all (default)"]
    assert model.setData(model.index(0, column), "all")
    assert window.workspace.valuations()[0].applies_to == "all"
    assert model.index(0, column).data() == "all"


def test_low_above_the_value_is_refused_and_changes_nothing(qtbot, window):
    """Value €20: a low of 25 is refused with a reason; 10 and a high of 30 are stored."""
    model = window.models["valuations"]
    model.add_record(Valuation("leads", date(2026, 1, 1), Decimal(20)))
    low, high = column_of(model, "low"), column_of(model, "high")
    with qtbot.waitSignal(model.problem) as blocker:
        assert not model.setData(model.index(0, low), "25")
    assert "low value must not be above the value per unit" in blocker.args[0]
    assert window.workspace.valuations()[0].low is None
    assert model.setData(model.index(0, low), "10")
    assert model.setData(model.index(0, high), "30")
    (stored,) = window.workspace.valuations()
    assert (stored.low, stored.value_per_unit, stored.high) == (Decimal(10), 20, Decimal(30))
    assert not model.setData(model.index(0, high), "15")
    assert window.workspace.valuations()[0].high == Decimal(30)


def test_result_source_is_organic_by_default_and_can_be_paid(window):
    """A result without a source reads "organic (default)"; choosing "paid" stores it."""
    window.workspace.add_results([Result(date(2026, 1, 5), "Facebook", link_clicks=10)])
    window.refresh_all()
    model = window.models["results"]
    column = column_of(model, "source")
    assert model.index(0, column).data() == "organic (default)"
    assert model.setData(model.index(0, column), "paid")
    assert window.workspace.results()[0].source == "paid"
    assert model.index(0, column).data() == "paid"


def test_a_ctr_goal_is_offered_the_industry_s_benchmark_as_target(window):
    """Legal, a Facebook campaign: a CTR goal suggests WordStream's 1.61 % (2017), with its
    source; a goal on a KPI without a benchmark, or without an industry, suggests nothing."""
    from dataclasses import replace

    from roidesk.core.records import Campaign, Goal

    ws = window.workspace
    ws.save_settings(replace(ws.settings(), industry="Legal"))
    campaign = ws.add_campaign(
        Campaign("Benchmarked", date(2026, 1, 1), date(2026, 3, 31), platforms=("Facebook",))
    )
    model = window.models["goals"]
    deadline = date(2026, 3, 31)
    model.add_record(Goal(campaign.id, "ctr", Decimal(0), Decimal("0.02"), deadline))
    model.add_record(Goal(campaign.id, "leads", Decimal(0), Decimal(50), deadline))
    column = column_of(model, "suggested")
    shown = [model.index(row, column).data() for row in range(model.rowCount())]
    assert shown == [
        "1.61\u00a0% (Facebook: Legal average, WordStream, 2017)",
        "",
    ]
    ws.save_settings(replace(ws.settings(), industry=""))
    assert model.index(0, column).data() == ""
