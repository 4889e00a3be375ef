"""The Settings page: each field validated, written as one undoable step."""

from __future__ import annotations

from decimal import Decimal

import pytest

pytestmark = pytest.mark.qt_log_ignore(
    "does not support propagateSizeHints", "does not support raise"
)


def test_settings_edit_is_undoable_and_validated(window):
    """Gross margin typed as '65 %' is stored as 0.65; a bad currency is refused in place."""
    page = window.pages["settings"]
    page.editors["gross_margin"].setText("65 %")
    page.commit_field("gross_margin")
    assert window.workspace.settings().gross_margin == Decimal("0.65")
    page.editors["currency"].setText("euro")
    page.commit_field("currency")
    assert window.workspace.settings().currency == "EUR"
    assert "three-letter" in page.editors["currency"].toolTip()
    assert "three-letter" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert window.workspace.settings().gross_margin == Decimal(1)
    page.editors["business_name"].setText("Café Two")
    page.commit_field("business_name")
    assert window.windowTitle().startswith("Café Two")


def test_lifetime_value_used_is_written_as_the_workspace_writes_money(window):
    """€24 × 6 purchases × 2 years = €288.00 (it read "288.00 EUR"); in a Hungarian workspace
    with a Hungarian locale 288,00 Ft, after the currency changes too."""
    page = window.pages["settings"]
    for name, text in (("average_order_value", "24"), ("purchases_per_year", "6")):
        page.editors[name].setText(text)
        page.commit_field(name)
    page.editors["years_retained"].setText("2")
    page.commit_field("years_retained")
    assert page.ltv_label.text() == "Lifetime value used: €288.00"
    for name, text in (("currency", "HUF"), ("locale", "hu_HU")):
        page.editors[name].setText(text)
        page.commit_field(name)
    assert page.ltv_label.text() == "Lifetime value used: 288,00\u00a0Ft"


def test_industry_is_chosen_from_the_benchmark_tables_industries(window):
    """The choice lists the benchmark table's industries; picking one is stored, undo restores."""
    page = window.pages["settings"]
    choice = page.industry
    names = [choice.itemData(i) for i in range(choice.count())]
    assert names[0] == "" and "Legal" in names and "Food & restaurants" in names
    choice.setCurrentIndex(choice.findData("Legal"))
    page.commit_industry()
    assert window.workspace.settings().industry == "Legal"
    window.undo_action.trigger()
    assert window.workspace.settings().industry == ""
    assert choice.currentData() == ""


def test_report_logo_and_accent_colour_are_kept(window, tmp_path):
    """The report's logo path and accent colour are stored (colour as #RRGGBB) and kept
    after reopening; a colour that is not hex is refused in place."""
    from roidesk.storage import Workspace

    page = window.pages["settings"]
    page.editors["logo"].setText(str(tmp_path / "logo.png"))
    page.commit_field("logo")
    page.editors["accent_colour"].setText("7b1e4b")
    page.commit_field("accent_colour")
    page.editors["accent_colour"].setText("maroon")
    page.commit_field("accent_colour")
    assert "#RRGGBB" in page.editors["accent_colour"].toolTip()
    path = window.workspace.path
    with Workspace.open(path) as again:
        settings = again.settings()
    assert settings.accent_colour == "#7B1E4B"
    assert settings.logo == str(tmp_path / "logo.png")


def test_money_fields_are_written_the_workspace_way(qtbot, window):
    """A Polish workspace shows 1234,5 and 62,5 % in Settings, and takes them back unchanged."""
    from dataclasses import replace as changed
    from decimal import Decimal

    ws = window.workspace
    ws.save_settings(
        changed(
            ws.settings(),
            currency="PLN",
            locale="pl_PL",
            gross_margin=Decimal("0.625"),
            average_order_value=Decimal("1234.5"),
        )
    )
    page = window.pages["settings"]
    page.load()
    assert page.editors["average_order_value"].text() == "1234,5"
    assert page.editors["gross_margin"].text() == "62,5 %"
    for name in ("average_order_value", "gross_margin"):
        page.commit_field(name)
    assert ws.settings().average_order_value == Decimal("1234.5")
    assert ws.settings().gross_margin == Decimal("0.625")
    assert window.undo_stack.count() == 0  # nothing changed
