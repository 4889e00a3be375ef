"""The strip across the top of the window saying why the workspace cannot be changed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from roidesk.storage import Workspace
from roidesk.ui.text import tr


def read_only_message(workspace: Workspace) -> str:
    """Why edits are refused, and what to do: work on a copy."""
    reason = getattr(workspace, "read_only_reason", None) or tr(
        "roidesk cannot write to its file or folder"
    )
    return tr(
        "This workspace is read-only: {reason}. Use File ▸ Save a Copy As… to edit a copy."
    ).format(reason=reason)


class Banner(QLabel):
    """A yellow strip with one message; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(
            "Banner { background: #fff4c2; color: #4d3b00; border-bottom: 1px solid #e0c860;"
            " padding: 6px 12px; font-weight: bold; }"
        )
        self.hide()

    def say(self, message: str | None) -> None:
        """Show ``message`` (None: hide the strip)."""
        self.setText(message or "")
        self.setVisible(bool(message))
