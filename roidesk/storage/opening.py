"""Opening a workspace file safely: after a crash, beside other programs, read-only.

:func:`connect` is what :meth:`Workspace.open <roidesk.storage.workspace.Workspace.open>` starts
with (docs/design/opening-workspaces.md says why each step is there):

1. the file must start as an SQLite database does (nothing else is handed to SQLite);
2. a file, folder or medium that cannot be written is opened read-only (``mode=ro``);
   otherwise read-write, so that the first read rolls back a hot journal left by a kill
   mid-write, after which ``PRAGMA quick_check`` checks the file;
3. a lock held by another program is waited for (the busy timeout), then refused;
4. identity: roidesk's application id, a format this build reads;
5. schema: the tables, columns, triggers, views and indexes roidesk's own migrations make, so a
   trigger planted by another program never runs inside a roidesk write;
6. roidesk's own temporary files left beside it by an interrupted write are removed.

:func:`drop_foreign_objects` repairs what another program added (after a backup).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlite_utils import Database

from roidesk.storage.errors import (
    AlteredWorkspace,
    ReadOnlyWorkspace,
    WorkspaceError,
)
from roidesk.storage.guards import file_error, write_lock
from roidesk.storage.schema import (
    APPLICATION_ID,
    DEVELOPMENT_MIGRATIONS,
    MIGRATIONS,
    schema_version,
)

#: How long to wait for another program's write lock before refusing, in seconds.
BUSY_TIMEOUT_SECONDS = 5.0
#: How roidesk's temporary files beside a file end: ``<name>.<pid>.roidesk-tmp``.
TEMPORARY_SUFFIX = ".roidesk-tmp"
_SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Opened:
    """A connection to a checked workspace file, and whether it is read-only."""

    connection: sqlite3.Connection
    read_only: bool
    #: The format of an earlier development build's file (converted by ``Workspace.open``).
    development: int | None = None


def connect(path: Path, *, existing: bool, busy_timeout: float | None = None) -> Opened:
    """Open ``path`` (an ``existing`` workspace, or a new file to create) after every check of
    this module; raises a :class:`WorkspaceError` saying what is wrong, changing nothing."""
    timeout = BUSY_TIMEOUT_SECONDS if busy_timeout is None else busy_timeout
    if not existing:
        return Opened(_connect_new(path, timeout), read_only=False)
    if not _is_sqlite_file(path):
        raise WorkspaceError(f"{path}: not a roidesk workspace (not an SQLite database)")
    read_only = not can_write(path)
    recovering = _has_journal(path)
    if read_only and recovering:
        raise WorkspaceError(
            f"{path} was interrupted mid-write and cannot be repaired where it is (it is "
            f"read-only): copy it together with {journal_of(path).name} to a writable folder "
            "and open the copy"
        )
    with _file_errors(path):
        conn = _connect_existing(path, timeout, read_only=read_only)
    try:
        with _file_errors(path):
            version = check_identity(conn, path)  # the first read: rolls back a hot journal
            if recovering:
                check_integrity(conn, path)
            development = development_version(conn)
            if read_only and (version < schema_version() or development is not None):
                raise WorkspaceError(
                    f"{path} was written by an older roidesk and is read-only, so it cannot be "
                    "updated: copy it to a writable folder to open it"
                )
            if version == schema_version() and development is None:
                check_schema(conn, path)
    except BaseException:
        conn.close()
        raise
    if not read_only:
        remove_leftovers(path)
    return Opened(conn, read_only=read_only, development=development)


def development_version(conn: sqlite3.Connection) -> int | None:
    """The format of a file written by a development build before the schema was folded into
    one migration (told apart by the migration names it records), else None."""
    known = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not known:
        return None
    names = {row[0] for row in conn.execute("SELECT name FROM _sqlite_migrations")}
    if not names & DEVELOPMENT_MIGRATIONS:
        return None
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def can_write(path: Path) -> bool:
    """True when roidesk may write ``path``: the file, and its folder (where SQLite makes the
    journal of every write), are writable; false on a read-only medium too."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def journal_of(path: Path) -> Path:
    """The rollback journal SQLite keeps beside ``path`` during a write."""
    return path.with_name(path.name + "-journal")


def _has_journal(path: Path) -> bool:
    try:
        return journal_of(path).stat().st_size > 0
    except OSError:
        return False


def _is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == _SQLITE_HEADER
    except OSError as error:
        raise WorkspaceError(f"{path}: cannot be read ({error.strerror})") from error


def _connect_new(path: Path, timeout: float) -> sqlite3.Connection:
    try:
        return sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    except sqlite3.Error as error:
        raise WorkspaceError(f"{path}: cannot create a workspace there ({error})") from error


def _connect_existing(path: Path, timeout: float, *, read_only: bool) -> sqlite3.Connection:
    """A connection to ``path``: read-write, or ``mode=ro`` (SQLite itself refuses writes, even
    for root), or ``immutable`` where even that cannot open it (a medium where no lock can be
    taken; no journal can be pending, :func:`connect` refused that case)."""
    if not read_only:
        return sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError as error:
        conn.close()
        if (getattr(error, "sqlite_errorcode", 0) & 0xFF) != sqlite3.SQLITE_CANTOPEN:
            raise
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, check_same_thread=False)
    return conn


@contextlib.contextmanager
def _file_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's errors while checking a file into the user's message."""
    try:
        yield
    except sqlite3.Error as error:
        refusal = file_error(path, error)
        if refusal is not None:
            raise refusal from error
        raise WorkspaceError(f"{path}: not a readable workspace ({error})") from error


def check_identity(conn: sqlite3.Connection, path: Path) -> int:
    """Refuse a file that is another program's database or from a newer roidesk; the file's
    format version."""
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and not (app_id == 0 and tables == 0):
        raise WorkspaceError(f"{path}: not a roidesk workspace (it is another SQLite database)")
    if version > schema_version() and development_version(conn) is None:
        raise WorkspaceError(
            f"{path}: written by a newer roidesk (workspace format {version}; this version "
            f"reads up to {schema_version()}). Update roidesk to open it; the file was not "
            "changed."
        )
    return version


def check_integrity(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a damaged file (``PRAGMA quick_check``: every page and index entry readable)."""
    found = [row[0] for row in conn.execute("PRAGMA quick_check(3)")]
    if found != ["ok"]:
        lines = [line for line in found[0].splitlines() if not line.startswith("***")]
        first = lines[0] if lines else found[0]
        raise WorkspaceError(
            f"{path} is damaged (SQLite reports: {first.strip()}): open a backup or an export of it"
        )


# ---------------------------------------------------------------------------------- the schema
@dataclass(frozen=True)
class Schema:
    """What a file's ``sqlite_master`` holds, as far as roidesk cares."""

    #: table → its column names
    columns: Mapping[str, tuple[str, ...]]
    #: table → its columns that must be given a value (NOT NULL, no default)
    required: Mapping[str, frozenset[str]]
    #: (type, name) → creating SQL, of every trigger, view and index with SQL of its own
    objects: Mapping[tuple[str, str], str]
    #: the table each object belongs to
    owners: Mapping[tuple[str, str], str]
    #: every row of ``sqlite_master`` (type, name, table, SQL): equal rows, equal schemas
    master: frozenset[tuple[str, str, str, str | None]]


def read_schema(conn: sqlite3.Connection) -> Schema:
    """The schema of the database on ``conn``."""
    columns: dict[str, tuple[str, ...]] = {}
    required: dict[str, frozenset[str]] = {}
    objects: dict[tuple[str, str], str] = {}
    owners: dict[tuple[str, str], str] = {}
    rows = _master_rows(conn)
    for kind, name, table, sql in rows:
        if kind == "table":
            described = conn.execute(
                'SELECT name, "notnull", dflt_value, pk FROM pragma_table_info(?)', [name]
            ).fetchall()
            columns[name] = tuple(row[0] for row in described)
            required[name] = frozenset(
                row[0] for row in described if row[1] and row[2] is None and not row[3]
            )
        elif sql is not None:
            objects[kind, name] = sql
            owners[kind, name] = table
    return Schema(columns, required, objects, owners, rows)


def _master_rows(conn: sqlite3.Connection) -> frozenset[tuple[str, str, str, str | None]]:
    rows = conn.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
    )
    return frozenset(rows)


@lru_cache(maxsize=1)
def expected_schema() -> Schema:
    """The schema roidesk makes: its own migrations applied to an empty in-memory database (so
    this check stays true whatever the migrations become)."""
    conn = sqlite3.connect(":memory:")
    try:
        MIGRATIONS.apply(Database(conn))
        return read_schema(conn)
    finally:
        conn.close()


@dataclass(frozen=True)
class SchemaReport:
    """How a file's schema differs from roidesk's: data lost (``missing``: not repairable), and
    objects another program added, changed or removed (repairable: drop what is not roidesk's,
    create roidesk's own again)."""

    missing: list[str]
    foreign: list[tuple[str, str]]
    changed: list[tuple[str, str]]
    lost: list[tuple[str, str]]

    @property
    def problems(self) -> list[str]:
        """Each difference, in words."""
        return [
            *self.missing,
            *(f"{kind} '{name}' is not roidesk's" for kind, name in self.foreign),
            *(f"roidesk's {kind} '{name}' was changed" for kind, name in self.changed),
            *(f"roidesk's {kind} '{name}' is missing" for kind, name in self.lost),
        ]

    @property
    def repairable(self) -> bool:
        """True when every difference is one :func:`drop_foreign_objects` repairs."""
        return not self.missing


def compare_schema(actual: Schema, expected: Schema) -> SchemaReport:
    """What ``actual`` lacks or has beyond ``expected``. Tables another program added, their
    indexes, and columns it added that may stay empty are left alone: roidesk never reads them."""
    missing: list[str] = []
    for table, wanted in expected.columns.items():
        have = actual.columns.get(table)
        if have is None:
            missing.append(f"table '{table}' is missing")
            continue
        missing += [f"column '{table}.{c}' is missing" for c in wanted if c not in have]
        missing += [
            f"column '{table}.{c}' was added and must be filled"
            for c in sorted(actual.required.get(table, frozenset()) - set(wanted))
        ]
    foreign = sorted(
        key
        for key in actual.objects
        if key not in expected.objects
        and (key[0] != "index" or actual.owners[key] in expected.columns)
    )
    changed = sorted(
        key
        for key, sql in expected.objects.items()
        if key in actual.objects and actual.objects[key] != sql
    )
    lost = sorted(  # (the objects of a missing table are not named again)
        key
        for key in expected.objects
        if key not in actual.objects and expected.owners[key] in actual.columns
    )
    return SchemaReport(missing, foreign, changed, lost)


def check_schema(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a file whose schema another program changed, naming each change."""
    expected = expected_schema()
    if _master_rows(conn) == expected.master:  # the usual case: no column lists needed
        return
    report = compare_schema(read_schema(conn), expected)
    if report.problems:
        raise AlteredWorkspace(path, report.problems, repairable=report.repairable)


def drop_foreign_objects(path: str | Path) -> list[str]:
    """Repair a workspace another program altered: after a backup beside it, drop the triggers,
    views and indexes roidesk did not make and restore roidesk's own, in one transaction; what
    was done, in words (empty: nothing needed doing).

    Refuses (changing nothing) a file that lacks a table or column: that is lost data, which
    only a backup brings back.
    """
    path = Path(path)
    if not path.is_file():
        raise WorkspaceError(f"{path}: no such workspace file")
    if not _is_sqlite_file(path):
        raise WorkspaceError(f"{path}: not a roidesk workspace (not an SQLite database)")
    if not can_write(path):
        raise ReadOnlyWorkspace(path)
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        with _file_errors(path):
            if check_identity(conn, path) != schema_version():
                raise WorkspaceError(f"{path}: open it in roidesk once before repairing it")
            report = compare_schema(read_schema(conn), expected_schema())
            if not report.repairable:
                raise AlteredWorkspace(path, report.problems, repairable=False)
            if not report.problems:
                return []
            backup_copy(conn, _free_name(path, ".before-repair", ".bak"))
            with write_lock(path, conn, read_only=False):
                return _repair(conn, report)
    finally:
        conn.close()


def _repair(conn: sqlite3.Connection, report: SchemaReport) -> list[str]:
    """Drop the foreign objects (triggers and views first), then create roidesk's missing ones."""
    done = []
    order = {"trigger": 0, "view": 1, "index": 2}
    for kind, name in sorted(report.foreign, key=lambda key: order[key[0]]):
        conn.execute(f"DROP {kind.upper()} IF EXISTS {_quoted(name)}")
        done.append(f"dropped {kind} '{name}'")
    expected = expected_schema()
    for kind, name in report.changed:
        conn.execute(f"DROP {kind.upper()} IF EXISTS {_quoted(name)}")
    for kind, name in sorted(
        [*report.changed, *report.lost], key=lambda key: (-order[key[0]], key[1])
    ):
        conn.execute(expected.objects[kind, name])
        done.append(f"restored roidesk's {kind} '{name}'")
    return done


def _quoted(name: str) -> str:
    escaped = name.replace('"', '""')
    return f'"{escaped}"'


# ---------------------------------------------------------------- temporary files and backups
def temporary_beside(path: Path) -> Path:
    """A name for a temporary file beside ``path`` that :func:`remove_leftovers` removes once
    the process that made it is gone (write it, then ``os.replace`` it onto its final name)."""
    return path.with_name(f"{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")


def remove_leftovers(path: Path) -> list[Path]:
    """Remove roidesk's temporary files beside ``path`` left by a process that was killed; the
    files removed. One whose process still runs (writing it now) is kept."""
    removed = []
    for leftover in path.parent.glob(f"{_glob_escape(path.name)}.*{TEMPORARY_SUFFIX}"):
        pid = leftover.name[len(path.name) + 1 : -len(TEMPORARY_SUFFIX)]
        if not pid.isdigit() or _is_running(int(pid)):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()
            removed.append(leftover)
    return removed


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _is_running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name == "nt":  # an open file cannot be deleted there: the unlink fails instead
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, under another user
        return True
    return True


def backup_copy(conn: sqlite3.Connection, target: Path) -> Path:
    """Write a consistent copy of the database on ``conn`` to ``target`` (a new file, with the
    user's umask), through a temporary file, so a kill never leaves half a backup."""
    writing = temporary_beside(target)
    try:
        writing.unlink(missing_ok=True)
        destination = sqlite3.connect(writing)
        try:
            conn.backup(destination)
        finally:
            destination.close()
        os.replace(writing, target)
    except (OSError, sqlite3.Error) as error:
        writing.unlink(missing_ok=True)
        reason = error.strerror if isinstance(error, OSError) else error
        raise WorkspaceError(f"{target}: cannot write a copy there ({reason})") from error
    except BaseException:
        writing.unlink(missing_ok=True)
        raise
    return target


def _free_name(path: Path, middle: str, suffix: str) -> Path:
    """``<name><middle><suffix>`` beside ``path``, numbered from 2 when that exists."""
    candidate = path.with_name(f"{path.name}{middle}{suffix}")
    number = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}{middle}-{number}{suffix}")
        number += 1
    return candidate
