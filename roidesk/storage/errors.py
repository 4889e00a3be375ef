"""What opening or writing a workspace can refuse, as exceptions whose message is for the user.

Every one is a :class:`WorkspaceError`: the command line prints it as one line and exits 1, the
window shows it in a message box; the subclasses let a caller offer more (the window's banner
for a read-only file, its repair question for a file altered by another program).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class WorkspaceError(Exception):
    """A workspace file cannot be opened or written; the message says why, for the user."""


class RecordInUse(WorkspaceError):
    """A record cannot be deleted while other rows refer to it."""


class RefusedText(WorkspaceError):
    """A record's text holds characters no spreadsheet can hold; nothing was written."""


class ReadOnlyWorkspace(WorkspaceError):
    """A write to a workspace opened read-only (its file, folder or medium cannot be written)."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is read-only: save a copy with File ▸ Save As to edit it")
        self.path = path


class WorkspaceBusy(WorkspaceError):
    """Another program or process held the file's write lock for longer than roidesk waits."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is open in another program — try again")
        self.path = path


class AlteredWorkspace(WorkspaceError):
    """The file's schema is not the one roidesk made: another program changed it.

    ``problems`` name each difference; ``repairable`` is true when all of them are objects that
    :func:`roidesk.storage.opening.drop_foreign_objects` can safely drop or restore (foreign
    triggers, views and indexes; missing roidesk triggers and indexes), never data.
    """

    def __init__(self, path: Path, problems: Sequence[str], *, repairable: bool) -> None:
        what = "; ".join(problems)
        advice = (
            " roidesk can remove them (a backup is made first)."
            if repairable
            else " Restore it from a backup or an export."
        )
        super().__init__(f"{path} was changed by another program: {what}.{advice}")
        self.path = path
        self.problems = list(problems)
        self.repairable = repairable
