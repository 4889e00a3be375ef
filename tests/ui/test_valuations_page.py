"""The Valuations page: suggested values with one-click use, the double-count warning."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.records import Cost, CostCategory, Result, Valuation

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.fixture
def priced(window):
    """€200 of Facebook ads in March for 400 paid clicks, 20 leads and 5 new customers, and
    100 organic clicks (not in the paid CPC)."""
    ws = window.workspace
    spring = ws.campaign_by_name("Spring").id
    ws.add_cost(
        Cost(
            date(2026, 3, 1),
            CostCategory.ADVERTISING,
            amount=Decimal(200),
            campaign_id=spring,
            platform="Facebook",
        )
    )
    ws.add_results(
        [
            Result(
                date(2026, 3, 2),
                "Facebook",
                spring,
                link_clicks=400,
                leads=20,
                new_customers=5,
                revenue=Decimal(100),
                source="paid",
            ),
            Result(date(2026, 3, 2), "Facebook", spring, link_clicks=100, source="organic"),
        ]
    )
    ws.save_settings(ws.settings().__class__(average_order_value=Decimal(30)))
    window.refresh_all()
    return window


def test_suggestion_shows_value_and_formula_and_use_adds_it(priced):
    """Per organic click on Facebook in the last 3 months: €200 ÷ 400 paid clicks = €0.50,
    said to be for organic clicks; Use adds it from the first result on (undoable)."""
    page = priced.pages["valuations"]
    priced.show_page("valuations")
    page.platform_box.setCurrentIndex(page.platform_box.findData("Facebook"))
    button = page.use_buttons["link_clicks:advertising cost ÷ paid link clicks"]
    row = button.parentWidget()
    texts = " ".join(label.text() for label in row.findChildren(type(page.warning)))
    assert "per organic one: €0.50" in texts and "advertising cost ÷ paid link clicks" in texts
    # the inputs in the workspace's money and counts (it read "advertising cost 200.00")
    assert "(advertising cost €200.00; paid link clicks 400)" in texts
    lead = page.use_buttons["leads:new customers ÷ leads × average order value"]
    lead_texts = " ".join(w.text() for w in lead.parentWidget().findChildren(type(page.warning)))
    assert "paid and organic: €7.50" in lead_texts  # 5 ÷ 20 × €30
    button.click()
    added = priced.workspace.valuations()[-1]
    assert (added.metric, added.platform, added.value_per_unit, added.valid_from) == (
        "link_clicks",
        "Facebook",
        Decimal("0.5"),
        date(2026, 3, 2),  # the first result's day: it values what is already there
    )
    priced.undo_action.trigger()
    assert priced.workspace.valuations() == []


def test_double_count_warning(priced):
    """Valuing new customers while results carry revenue shows the warning; removing it hides it."""
    page = priced.pages["valuations"]
    priced.show_page("valuations")
    assert not page.warning.isVisibleTo(page)
    model = priced.models["valuations"]
    model.add_record(Valuation("new_customers", date(2026, 1, 1), Decimal(40)))
    assert page.warning.isVisibleTo(page)
    assert "counted twice" in page.warning.text()
    priced.undo_action.trigger()
    assert not page.warning.isVisibleTo(page)
