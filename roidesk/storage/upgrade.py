"""Files of the development builds before the schema was folded into one migration.

Such a file (schema versions 1-8 of those builds, told apart by the names of the migrations
it records) is converted when opened: a backup copy first, then its user tables copied into a
fresh file of today's schema, which replaces it only once everything is in. Anything that
goes wrong leaves the file as it was and says so.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from roidesk.storage import opening, results
from roidesk.storage.errors import WorkspaceError
from roidesk.storage.schema import (
    APPLICATION_ID,
    MIGRATIONS,
    USER_TABLES,
    schema_version,
)


def development_version(path: Path) -> int | None:
    """The schema version of a file written by a development build, else None."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return opening.development_version(conn)
    finally:
        conn.close()


def convert_development_build(path: Path) -> str | None:
    """Convert a development build's file in place (after a backup); the one-line message for
    the user, or None when the file needs no conversion.

    Raises :class:`WorkspaceError` when it cannot be converted; the file is then unchanged.
    """
    version = development_version(path)
    if version is None:
        return None
    backup = _free_name(path.with_name(f"{path.name}.dev{version}.bak"))
    shutil.copy2(path, backup)
    fresh = path.with_name(f".{path.name}.converting")
    fresh.unlink(missing_ok=True)
    try:
        _copy_into_new_file(backup, fresh)
    except (sqlite3.Error, WorkspaceError) as error:
        fresh.unlink(missing_ok=True)
        raise WorkspaceError(
            f"{path}: written by an earlier development build of roidesk (format {version}) "
            f"and could not be converted ({error}). The file was not changed."
        ) from error
    os.replace(fresh, path)
    return (
        f"{path.name} came from an earlier development build of roidesk (format {version}): "
        f"converted to format {schema_version()}; the original is kept as {backup.name}."
    )


def _free_name(path: Path) -> Path:
    """``path``, or with a number added where a file of that name exists already."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return candidate


def _copy_into_new_file(old: Path, fresh: Path) -> None:
    """Write ``fresh`` with today's schema and the user tables of ``old``, month sums made."""
    conn = sqlite3.connect(fresh)
    try:
        db = Database(conn)
        MIGRATIONS.apply(db)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {schema_version()}")
        conn.commit()
        conn.execute("ATTACH DATABASE ? AS old", [str(old)])
        rows = conn.execute("SELECT count(*) FROM old.results").fetchone()[0]
        with conn:
            with results.indexes_rebuilt_when(conn, rows):  # into an empty table: once
                for table in USER_TABLES:
                    _copy_table(conn, table)
            results.refresh_all_month_sums(conn)
        problems = conn.execute("PRAGMA main.foreign_key_check").fetchall()
        if problems:
            raise WorkspaceError(f"{len(problems)} rows refer to rows that do not exist")
        conn.execute("DETACH DATABASE old")
    finally:
        conn.close()


def _copy_table(conn: sqlite3.Connection, table: str) -> None:
    """Copy the columns both files' ``table`` have (a column new since keeps its default)."""
    new = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
    old = {row[1] for row in conn.execute(f"PRAGMA old.table_info({table})")}
    if not old:
        raise WorkspaceError(f"it has no {table} table")
    columns = ", ".join(column for column in new if column in old)
    conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM old.{table}")
    copied = conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
    expected = conn.execute(f"SELECT count(*) FROM old.{table}").fetchone()[0]
    if copied != expected:
        raise WorkspaceError(f"{expected - copied} of the {expected} {table} rows did not copy")
