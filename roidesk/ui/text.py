"""The one way user-visible text is written: through :func:`tr`, so it can be translated."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

#: The translation context of every roidesk string (one catalogue for the whole window).
CONTEXT = "roidesk"


def tr(text: str, disambiguation: str | None = None) -> str:
    """``text`` in the user's language (as written when no translation is installed)."""
    return QCoreApplication.translate(CONTEXT, text, disambiguation)
