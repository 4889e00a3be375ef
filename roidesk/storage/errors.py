"""What storage tells the user when a workspace cannot be opened or written."""

from __future__ import annotations


class WorkspaceError(Exception):
    """A workspace file cannot be opened or written; the message says why, for the user."""


class RecordInUse(WorkspaceError):
    """A record cannot be deleted while other rows refer to it."""
