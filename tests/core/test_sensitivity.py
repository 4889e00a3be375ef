"""What moves ROI most: each valuation swung alone, hand-computed."""

from __future__ import annotations

from decimal import Decimal

from roidesk.core.sensitivity import Swing, roi_swings

D = Decimal


def test_each_valuation_swings_alone_and_the_largest_span_comes_first() -> None:
    """The owner sees which guess matters most: leads (span 1.2) before engagements (14/15)."""
    # total 1440 over cost 450 (ROI 2.2); leads 360 (180–720), engagements 120 (60–480)
    parts = {"engagements": (D(120), D(60), D(480)), "leads": (D(360), D(180), D(720))}
    swings = roi_swings(D(1440), D(450), parts)
    assert [s.metric for s in swings] == ["leads", "engagements"]
    assert swings[0] == Swing("leads", D("1.8"), D(3))
    assert swings[1].roi_low == D(930) / D(450)
    assert swings[1].roi_high == D(3)
    assert round(swings[1].span, 6) == D("0.933333")


def test_a_valuation_without_a_range_is_not_a_bar() -> None:
    """A valuation whose low and high equal its value cannot move ROI: no bar for it."""
    assert roi_swings(D(100), D(50), {"leads": (D(10), D(10), D(10))}) == []


def test_no_swings_without_a_cost() -> None:
    """ROI is undefined without a cost, so nothing can move it."""
    assert roi_swings(D(100), D(0), {"leads": (D(10), D(5), D(20))}) == []
    assert roi_swings(None, D(50), {"leads": (D(10), D(5), D(20))}) == []
