"""What every write to a workspace passes: a writable file, the write lock, text a workbook holds.

A write starts with ``BEGIN IMMEDIATE`` (:func:`write_lock`): it takes the file's write lock
before it reads anything, waiting up to the connection's busy timeout for another program to let
go. Two roidesk processes writing at once then queue; with a deferred ``BEGIN`` the second would
read, then fail at once with "database is locked" when it tried to write (SQLite cannot wait
there without risking a deadlock).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from roidesk.core.text import describe_unwritable
from roidesk.storage.errors import ReadOnlyWorkspace, RefusedText, WorkspaceBusy, WorkspaceError

#: SQLite's primary result codes (the low byte of an extended code) that are about the file,
#: not the statement: another connection holds a lock, or the file cannot be written.
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
_READ_ONLY_CODES = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN}
#: A table's row, in words, where dropping the plural "s" does not give it.
_NOUNS = {"import_batches": "import batch", "settings": "setting"}


def file_error(path: Path, error: sqlite3.Error) -> WorkspaceError | None:
    """The user's message for an SQLite error about the file itself (locked, read-only), or
    ``None`` for any other error (a constraint, a bug), which the caller lets through."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if code in _BUSY_CODES:
        return WorkspaceBusy(path)
    if code in _READ_ONLY_CODES:
        return ReadOnlyWorkspace(path)
    return None


@contextmanager
def file_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's errors about the file (locked, read-only) into the user's message."""
    try:
        yield
    except sqlite3.OperationalError as error:
        refusal = file_error(path, error)
        if refusal is None:
            raise
        raise refusal from error


@contextmanager
def write_lock(path: Path, conn: sqlite3.Connection, *, read_only: bool) -> Iterator[None]:
    """Refuse a write to a read-only workspace; otherwise, unless a transaction is open already,
    take the write lock (``BEGIN IMMEDIATE``) and commit at the end (roll back on error).

    A lock held elsewhere past the busy timeout becomes :class:`WorkspaceBusy`, a file that
    turns out not to be writable :class:`ReadOnlyWorkspace`; nothing is written either way.
    """
    if read_only:
        raise ReadOnlyWorkspace(path)
    if conn.in_transaction:  # an outer block holds the lock and commits
        yield
        return
    with file_errors(path):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise


def check_text(table: str, row: Mapping[str, Any]) -> None:
    """Refuse a row of ``table`` whose text a workbook cannot hold (so an export never fails on
    it): raises :class:`RefusedText` naming the field and the characters."""
    for column, value in row.items():
        if isinstance(value, str) and (why := describe_unwritable(value)):
            noun = _NOUNS.get(table, table.removesuffix("s")).replace("_", " ")
            field = column.replace("_", " ")
            raise RefusedText(f"{noun.capitalize()} {field} {why}; nothing was saved.")
