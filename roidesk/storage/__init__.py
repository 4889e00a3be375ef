"""The workspace file (SQLite through sqlite-utils). All SQL of roidesk lives here."""

from roidesk.storage.workspace import RecordInUse, ResultFilter, Workspace, WorkspaceError

__all__ = ["RecordInUse", "ResultFilter", "Workspace", "WorkspaceError"]
