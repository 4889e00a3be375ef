"""The figure cards and the "more figures" panel show what the series say."""

from __future__ import annotations

from decimal import Decimal

from roidesk.core.figures import Figures
from roidesk.core.money import NumberStyle
from roidesk.ui.dashboard.cards import FigureCards, MoreFigures
from roidesk.ui.dashboard.series import cards_from, more_figures_from

NUMBERS = NumberStyle("EUR", "en")


def test_the_roi_card_shows_its_range_line_only_where_there_is_one(qtbot) -> None:  # type: ignore[no-untyped-def]
    """ROI 30 % between 12 % and 48 %: the range line shows under the value; without a range
    the line is hidden again."""
    cards = FigureCards()
    qtbot.addWidget(cards)
    ranged = Figures(
        roi_total=Decimal("0.3"), roi_total_low=Decimal("0.12"), roi_total_high=Decimal("0.48")
    )
    cards.show_cards(cards_from(ranged, Figures(), NUMBERS, None))
    roi = cards.cards["roi_total"]
    assert roi.value.text() == "30.00\u00a0%"
    assert roi.detail.text() == "(range 12.00\u00a0% – 48.00\u00a0%)"
    assert not roi.detail.isHidden()
    cards.show_cards(cards_from(Figures(roi_total=Decimal("0.3")), Figures(), NUMBERS, None))
    assert roi.detail.isHidden()


def test_more_figures_panel_shows_values_and_definitions(qtbot) -> None:  # type: ignore[no-untyped-def]
    """CPM €5.32 and CTR 1.50 % are written in the workspace's style, each with its
    definition as the tooltip of its name and value."""
    panel = MoreFigures()
    qtbot.addWidget(panel)
    figures = Figures(cpm=Decimal("5.3241"), ctr=Decimal("0.015"), reach=4_900_405)
    panel.show_figures(more_figures_from(figures, NUMBERS))
    label, value = panel.labels["cpm"]
    assert (label.text(), value.text()) == ("CPM", "€5.32")
    assert value.toolTip() == label.toolTip() == "CPM = advertising cost / impressions × 1,000"
    assert panel.labels["ctr"][1].text() == "1.50\u00a0%"
    assert panel.labels["reach"][0].text() == "Reach (summed)"
    assert panel.labels["reach"][1].text() == "4,900,405"
