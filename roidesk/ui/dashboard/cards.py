"""The dashboard's figure cards: a title, the value and its change against the previous period."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from roidesk.ui.dashboard.series import CARDS, Card
from roidesk.ui.text import tr

#: The colour of a card's change (dark shades of the charts' colour-blind-safe green and
#: vermillion, legible as 8-point text on white).
TREND_COLOURS = {"better": "#00704f", "worse": "#b34700", "": "#666666"}


class FigureCard(QFrame):
    """One figure: title, value, change against the previous period; tooltip = definition."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("FigureCard { background: white; border: 1px solid #d0d0d0; }")
        self.title = QLabel(title)
        self.title.setStyleSheet("color: #555555;")
        self.value = QLabel("—")
        self.value.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.change = QLabel("")
        self.trend = "-"  # none set yet
        self.show_trend("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        for label in (self.title, self.value, self.change):
            layout.addWidget(label)

    def show_trend(self, trend: str) -> None:
        """Colour the change: green when the figure got better, red when worse, grey else."""
        if trend != self.trend:  # a style sheet set again re-polishes the label
            self.trend = trend
            colour = TREND_COLOURS.get(trend, TREND_COLOURS[""])
            weight = "bold" if trend else "normal"
            self.change.setStyleSheet(f"color: {colour}; font-size: 8pt; font-weight: {weight};")


class FigureCards(QWidget):
    """Every card of the dashboard, in two rows of five (the page fits a laptop screen)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[str, FigureCard] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, (name, title, _definition) in enumerate(CARDS):
            card = FigureCard(tr(title))
            self.cards[name] = card
            grid.addWidget(card, index // 5, index % 5)

    def show_cards(self, cards: list[Card]) -> None:
        """Show each card's value, change, trend colour and definition (its tooltip)."""
        for card in cards:
            widget = self.cards[card.name]
            widget.value.setText(card.value)
            widget.change.setText(tr(card.change))
            widget.show_trend(card.trend)
            widget.setToolTip(card.tooltip)
