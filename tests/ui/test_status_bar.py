"""The status bar: the chosen period's cost, return and ROI, following every edit."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


def test_status_bar_shows_cost_return_and_roi(window):
    """All time: €120.50 of cost, no return, ROI −100.00 % (hand computed)."""
    window.set_period("all")
    assert (
        window.figures_label.text() == "All time: cost €120.50 · return €0.00 · ROI -100.00\u00a0%"
    )


def test_status_bar_follows_an_edit_and_its_undo(qtbot, window):
    """Changing the cost's amount updates the figures; undo puts them back."""
    window.set_period("all")
    model = window.models["costs"]
    column = [c.key for c in model.columns].index("amount")
    model.setData(model.index(0, column), "200")
    qtbot.waitUntil(lambda: "€200.00" in window.figures_label.text())
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: "€120.50" in window.figures_label.text())
