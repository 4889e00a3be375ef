"""The workspace file (SQLite through sqlite-utils). All SQL of roidesk lives here."""

import sys


def _import_sqlite_utils_without_numpy() -> None:
    """Import sqlite-utils without letting it import NumPy and pandas.

    sqlite-utils imports them (about 0.25 s) only to map their column types, and roidesk never
    writes NumPy or pandas values; every ``roidesk`` command and the window's start-up would pay
    for it. Hiding them for this one import is all it takes; they import normally afterwards.
    """
    if "sqlite_utils.db" in sys.modules:
        return
    hidden = [name for name in ("numpy", "pandas") if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import sqlite_utils.db  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


_import_sqlite_utils_without_numpy()

from roidesk.storage.errors import (  # noqa: E402
    AlteredWorkspace,
    ReadOnlyWorkspace,
    RecordInUse,
    RefusedText,
    WorkspaceBusy,
    WorkspaceError,
)
from roidesk.storage.opening import drop_foreign_objects  # noqa: E402
from roidesk.storage.results import ResultFilter  # noqa: E402
from roidesk.storage.workspace import Workspace  # noqa: E402

__all__ = [
    "AlteredWorkspace",
    "ReadOnlyWorkspace",
    "RecordInUse",
    "RefusedText",
    "ResultFilter",
    "Workspace",
    "WorkspaceBusy",
    "WorkspaceError",
    "drop_foreign_objects",
]
