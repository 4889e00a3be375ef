"""The window's questions and messages, in one replaceable object (tests swap it out so no
modal dialog ever opens), plus the About text and the "What the figures mean" help."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from roidesk.ui.text import tr

WORKSPACE_FILTER = "roidesk workspace (*.roidesk)"
SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.xlsm *.csv)"
WORKBOOK_FILTER = "Excel workbook (*.xlsx)"
#: File ▸ Open: workspaces first; a spreadsheet chosen here is offered for import.
OPEN_FILTER = f"{WORKSPACE_FILTER};;{SPREADSHEET_FILTER};;All files (*)"


def file_filter(text: str) -> str:
    """A file chooser's filter in the user's language (the patterns stay as they are)."""
    return ";;".join(tr(part) for part in text.split(";;"))


class Dialogs:
    """File choosers and messages shown by the main window."""

    def open_path(self, parent: QWidget, title: str, file_filter: str) -> Path | None:
        """Ask for an existing file; ``None`` when cancelled."""
        name, _ = QFileDialog.getOpenFileName(parent, title, "", file_filter)
        return Path(name) if name else None

    def save_path(
        self, parent: QWidget, title: str, file_filter: str, suggested: str = ""
    ) -> Path | None:
        """Ask for a file to write (the dialog confirms overwriting); ``None`` when cancelled."""
        name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
        return Path(name) if name else None

    def error(self, parent: QWidget, title: str, message: str) -> None:
        """Say that something could not be done."""
        QMessageBox.warning(parent, title, message)

    def ask(self, parent: QWidget, title: str, question: str) -> bool:
        """Ask a yes-or-no question; True for yes."""
        answer = QMessageBox.question(parent, title, question)
        return answer == QMessageBox.StandardButton.Yes

    def information(self, parent: QWidget, title: str, message: str) -> None:
        """Say something worth a dialog (About)."""
        QMessageBox.about(parent, title, message)


def about_text(workspace_path: Path) -> str:
    """Version, licence, where the data lives and the open file (rich text)."""
    from roidesk import __version__
    from roidesk.paths import data_dir

    return tr(
        "<h3>roidesk {version}</h3>"
        "<p>What your social media marketing really returns — offline, in one file.</p>"
        "<p>Licence: MIT. No account, no cloud, no network.</p>"
        "<p>Your data folder: <code>{data}</code><br>Open workspace: <code>{path}</code></p>"
    ).format(version=__version__, data=data_dir(), path=workspace_path)


def figures_help_html() -> str:
    """The definitions of every figure (SPEC "What every number means"), as a table."""
    rows = [
        (
            tr("Cost"),
            tr(
                "All costs in the period. Staff time = hours × rate; a date range is "
                "spread evenly per day; a monthly cost counts once per month."
            ),
        ),
        (tr("Direct return"), tr("Attributed revenue × gross margin (Settings).")),
        (
            tr("Valued return"),
            tr("Each result × the valuation in force for that metric, platform and date."),
        ),
        (tr("Other return"), tr("Other returns dated in the period.")),
        (tr("Total return"), tr("Direct + valued + other return.")),
        (tr("Net return"), tr("Total return − cost.")),
        (tr("ROI (direct)"), tr("(Direct return − cost) ÷ cost.")),
        (tr("ROI (total)"), tr("(Total return − cost) ÷ cost. A dash when there is no cost.")),
        (tr("ROAS"), tr("Revenue ÷ advertising cost.")),
        (tr("Engagement rate"), tr("Engagements ÷ impressions.")),
        (tr("CTR"), tr("Link clicks ÷ impressions.")),
        (tr("Conversion rate"), tr("Conversions ÷ link clicks.")),
        (tr("CPC / CPM"), tr("Advertising cost ÷ link clicks; ÷ impressions × 1,000.")),
        (tr("CPL, CPA, CAC"), tr("Cost ÷ leads, ÷ conversions, ÷ new customers.")),
        (
            tr("LTV"),
            tr(
                "Average order value × purchases per year × years retained, or entered "
                "directly; LTV : CAC beside it."
            ),
        ),
        (
            tr("Break-even"),
            tr(
                "The first day from which cumulative return stays at or above cumulative "
                "cost to the end of the period; none if it ends below. Payback: days from "
                "the campaign start."
            ),
        ),
        (
            tr("Goal progress"),
            tr(
                "(Actual − baseline) ÷ (target − baseline); for a count or a money sum, "
                "pace = progress ÷ share of the time gone and projected = value at the "
                "deadline at today's pace; a rate, cost per result or ROI has no pace and "
                "its projection is its actual."
            ),
        ),
    ]
    body = "".join(f"<tr><td><b>{name}</b></td><td>{text}</td></tr>" for name, text in rows)
    return (
        f"<h3>{tr('What the figures mean')}</h3>"
        f"<table cellspacing='0' cellpadding='4'>{body}</table>"
        f"<p>{tr('A division by zero is shown as a dash: the figure is not defined.')}</p>"
    )


class FiguresHelp(QDialog):
    """A non-modal window with the figure definitions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("What the figures mean"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        layout = QVBoxLayout(self)
        browser = QTextBrowser()
        browser.setHtml(figures_help_html())
        layout.addWidget(browser)
        self.resize(640, 560)
