"""The dashboard's figure cards (a title, the value, a detail line such as ROI's range, and the
change against the previous period) and the compact "more figures" panel below them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from roidesk.ui.dashboard.series import CARDS, MORE_FIGURES, Card, MoreFigure
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
        #: ROI (total)'s range, the paid-equivalent beside the returns (hidden when empty)
        self.detail = QLabel("")
        self.detail.setStyleSheet("color: #444444; font-size: 8pt;")
        self.detail.setVisible(False)
        self.detail.setWordWrap(True)  # a benchmark's source never widens the card
        self.change = QLabel("")
        self.trend = "-"  # none set yet
        self.show_trend("")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        for label in (self.title, self.value, self.detail, self.change):
            layout.addWidget(label)
        layout.addStretch(1)  # a card beside a taller one keeps its lines at the top

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
        for column in range(5):  # equal columns: a card's detail line does not widen it
            grid.setColumnStretch(column, 1)

    def show_cards(self, cards: list[Card]) -> None:
        """Show each card's value, change, trend colour and definition (its tooltip)."""
        for card in cards:
            widget = self.cards[card.name]
            widget.value.setText(card.value)
            widget.detail.setText(card.detail)
            widget.detail.setVisible(bool(card.detail))
            widget.change.setText(tr(card.change))
            widget.show_trend(card.trend)
            widget.setToolTip(card.tooltip)


#: A group of the "more figures" panel longer than this is shared out over columns of equal
#: length.
ROWS_PER_COLUMN = 7


class MoreFigures(QFrame):
    """Every figure the cards do not show, compact, in columns by group under one title (as a
    card has); each figure's definition is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("MoreFigures { background: white; border: 1px solid #d0d0d0; }")
        self.title = QLabel(tr("More figures"))
        self.title.setStyleSheet("color: #555555;")
        #: figure name → (its label, its value)
        self.labels: dict[str, tuple[QLabel, QLabel]] = {}
        #: figure name → the published benchmark beside it (hidden when there is none)
        self.benchmarks: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 6, 8, 6)
        outer.setSpacing(4)
        outer.addWidget(self.title)
        row_of_columns = QHBoxLayout()
        row_of_columns.setContentsMargins(0, 0, 0, 0)
        row_of_columns.setSpacing(28)
        outer.addLayout(row_of_columns)
        for group, members in MORE_FIGURES:
            columns = -(-len(members) // ROWS_PER_COLUMN)
            length = -(-len(members) // columns)
            for start in range(0, len(members), length):
                title = tr(group) if start == 0 else ""
                chunk = [name for name, _ in members[start : start + length]]
                row_of_columns.addLayout(self._column(title, chunk))
        row_of_columns.addStretch(1)

    def _column(self, title: str, names: list[str]) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        heading = QLabel(title)
        heading.setStyleSheet("font-weight: bold; font-size: 8pt;")
        grid.addWidget(heading, 0, 0, 1, 3)
        for row, name in enumerate(names, start=1):
            label, value = QLabel(), QLabel("—")
            label.setStyleSheet("color: #555555; font-size: 8pt;")
            value.setStyleSheet("font-size: 9pt; font-weight: bold;")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            benchmark = QLabel("")
            benchmark.setStyleSheet("color: #666666; font-size: 8pt;")
            benchmark.setVisible(False)
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(benchmark, row, 2)
            self.labels[name] = (label, value)
            self.benchmarks[name] = benchmark
        grid.setRowStretch(len(names) + 1, 1)
        return grid

    def show_figures(self, groups: list[tuple[str, list[MoreFigure]]]) -> None:
        """Show each figure's label, value and definition (the tooltip of both)."""
        for _group, members in groups:
            for figure in members:
                label, value = self.labels[figure.name]
                label.setText(tr(figure.label))
                value.setText(figure.value)
                label.setToolTip(figure.tooltip)
                value.setToolTip(figure.tooltip)
                benchmark = self.benchmarks[figure.name]
                benchmark.setText(f"· {figure.benchmark}" if figure.benchmark else "")
                benchmark.setToolTip(figure.tooltip)
                benchmark.setVisible(bool(figure.benchmark))
