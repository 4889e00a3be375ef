"""The workspace file: opening, refusing foreign or newer files, and the repository methods.

All SQL of roidesk lives in this package. Methods take and return core records.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import chain, islice, repeat
from operator import is_, itemgetter
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from roidesk.core.records import (
    COUNT_METRICS,
    Campaign,
    Client,
    Cost,
    Goal,
    ImportBatch,
    OtherReturn,
    Result,
    Settings,
    Valuation,
)
from roidesk.storage import codecs, cost_shares, guards, opening, result_pieces
from roidesk.storage.errors import ReadOnlyWorkspace, RecordInUse, WorkspaceError
from roidesk.storage.schema import APPLICATION_ID, MIGRATIONS, schema_version

R = TypeVar("R")

#: Settings rows: record field → stored key.
#: From this many rows, an insert into a no larger results table rebuilds its indexes (measured:
#: dearer below 2,000 rows, cheaper from about 3,000; an import's 2,920 results 31 -> 24 ms).
_REBUILD_INDEXES_FROM = 2_000
#: Page cache during a bulk insert, in KiB as ``PRAGMA cache_size`` takes it (negative).
_BULK_CACHE_KIB = -65_536
#: Rows per INSERT statement in the columnar bulk path (10 columns: 1,000 parameters).
_ROWS_PER_STATEMENT = 100

_SETTING_KEYS = {
    "business_name": "business_name",
    "currency": "currency",
    "gross_margin": "gross_margin",
    "locale": "locale",
    "average_order_value": "average_order_value",
    "purchases_per_year": "purchases_per_year",
    "years_retained": "years_retained",
    "lifetime_value": "lifetime_value",
}


__all__ = ["RecordInUse", "Workspace", "WorkspaceError"]


class Workspace:
    """One open ``.roidesk`` file and everything stored in it."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self._writing = False  # inside an outermost transaction()
        #: True when the file (or its folder) cannot be written: the window shows a banner and
        #: every write is refused with a clear message (set by ``open``).
        self.read_only = False

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(
        cls, path: str | Path, *, create: bool = False, busy_timeout: float | None = None
    ) -> Workspace:
        """Open (or, with ``create``, create) a workspace; migrate an older one after a backup.

        A file left mid-write by a crash is rolled back and checked; one that cannot be written
        opens with :attr:`read_only` set. Raises :class:`WorkspaceError` for a missing, foreign,
        non-SQLite, newer, damaged or busy file, or one another program altered (``opening``).
        ``busy_timeout``: seconds to wait for another program's lock (default: a few).
        """
        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise WorkspaceError(f"{path}: no such workspace file")
        opened = opening.connect(path, existing=exists, busy_timeout=busy_timeout)
        db = Database(opened.connection)
        db.execute("PRAGMA foreign_keys = ON")
        workspace = cls(path, db)
        workspace.read_only = opened.read_only
        if opened.read_only:
            return workspace
        try:
            with guards.file_errors(path):
                # A document that users copy and e-mail: keep it one self-contained file.
                db.execute("PRAGMA journal_mode = DELETE")
                db.execute("PRAGMA synchronous = FULL")
                workspace._migrate(backup=exists)
                opening.check_schema(opened.connection, path)
        except BaseException:
            workspace.close()
            raise
        return workspace

    @classmethod
    def create(cls, path: str | Path, settings: Settings | None = None) -> Workspace:
        """Create a new, empty workspace file (refusing to overwrite a non-empty file)."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise WorkspaceError(f"{path}: a file with that name already exists")
        workspace = cls.open(path, create=True)
        if settings is not None:
            workspace.save_settings(settings)
        return workspace

    def _migrate(self, *, backup: bool) -> None:
        pending = MIGRATIONS.pending(self.db)
        if not pending:
            return
        if backup and MIGRATIONS.applied(self.db):
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            self.db.conn.commit()
            backup_path = self.path.with_name(f"{self.path.name}.v{version}.bak")
            shutil.copy2(self.path, backup_path)
        MIGRATIONS.apply(self.db)
        # a file from before 0006 / 0007: its costs shared out, its cut months summed once
        cost_shares.refresh(self)
        result_pieces.refresh(self.db)
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        self.db.execute(f"PRAGMA user_version = {schema_version()}")
        self.db.conn.commit()

    def close(self) -> None:
        """Close the file."""
        self.db.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        """The schema version recorded in the file."""
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[Workspace]:
        """Group writes: all of them land, or none (nested blocks use savepoints).

        Before the outermost block commits, the shared-out costs and the sums of cut months
        kept in the file are brought up to date with what it wrote (``cost_shares.refresh``,
        ``result_pieces.refresh``: only the months touched).
        """
        lock = guards.write_lock(self.path, self.db.conn, read_only=self.read_only)
        with lock, self.db.atomic():
            if self._writing:
                yield self
                return
            self._writing = True
            try:
                yield self
                cost_shares.refresh(self)
                result_pieces.refresh(self.db)
            finally:
                self._writing = False

    @contextmanager
    def bulk_transaction(self) -> Iterator[Workspace]:
        """:meth:`transaction` for an import's many rows, with a page cache that keeps every
        new page in memory until the commit (the usual 2 MB would write them out half-way,
        syncing the journal first); the cache is back to its size afterwards."""
        with self._bulk_cache(), self.transaction():
            yield self

    @contextmanager
    def _bulk_cache(self) -> Iterator[None]:
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size = {_BULK_CACHE_KIB}")
        try:
            yield
        finally:
            self.db.execute(f"PRAGMA cache_size = {int(cache)}")

    def save_copy(self, target: str | Path) -> None:
        """Write a consistent copy of the file to ``target`` (SQLite's online backup), through
        a temporary file beside it: a kill leaves the old ``target`` or the new, never half."""
        opening.backup_copy(self.db.conn, Path(target))

    def restore_from(self, source: str | Path) -> None:
        """Replace the open file's content with a copy made by :meth:`save_copy` (undo of an
        import restores the file exactly this way)."""
        if self.read_only:
            raise ReadOnlyWorkspace(self.path)
        self.db.conn.commit()
        origin = sqlite3.connect(source)
        try:
            with guards.file_errors(self.path):
                origin.backup(self.db.conn)
        finally:
            origin.close()

    # ------------------------------------------------------------------ settings
    def settings(self) -> Settings:
        """The workspace settings (defaults for anything never set)."""
        stored = {row[0]: row[1] for row in self.db.execute("SELECT key, value FROM settings")}
        defaults = Settings()
        values: dict[str, Any] = {}
        for name, key in _SETTING_KEYS.items():
            default = getattr(defaults, name)
            raw = stored.get(key)
            if raw is None or raw == "":
                values[name] = default
            elif name in ("business_name", "currency", "locale"):
                values[name] = raw
            else:
                values[name] = Decimal(raw)
        return Settings(**values)

    def save_settings(self, settings: Settings) -> None:
        """Store every setting."""
        rows = []
        for name, key in _SETTING_KEYS.items():
            value = getattr(settings, name)
            rows.append({"key": key, "value": "" if value is None else str(value)})
        guards.check_text("settings", {row["key"]: row["value"] for row in rows})
        with self.transaction():
            self.db["settings"].upsert_all(rows, pk="key")

    # ------------------------------------------------------------------ generic CRUD
    def _all(self, table: codecs.Table[R], where: str = "", params: Sequence[Any] = ()) -> list[R]:
        sql = f"SELECT {table.select_list} FROM {table.name}"
        if where:
            sql += f" WHERE {where}"
        sql += " ORDER BY id"
        cursor = self.db.execute(sql, list(params))
        return table.from_rows(cursor)

    def _get(self, table: codecs.Table[R], record_id: int) -> R:
        found = self._all(table, "id = ?", [record_id])
        if not found:
            raise WorkspaceError(f"{table.name}: no row with id {record_id}")
        return found[0]

    def _insert(self, table: codecs.Table[R], record: R) -> R:
        row = table.to_row(record)
        guards.check_text(table.name, row)
        with self.transaction():
            cursor = self.db.execute(*_insert_sql(table, row))
        return replace(record, id=cursor.lastrowid)  # type: ignore[type-var]

    def _update(self, table: codecs.Table[R], record: R) -> None:
        row = table.to_row(record)
        guards.check_text(table.name, row)
        record_id = row.pop("id")
        assignments = ", ".join(f"{column} = ?" for column in row)
        with self.transaction():
            self.db.execute(
                f"UPDATE {table.name} SET {assignments} WHERE id = ?", [*row.values(), record_id]
            )

    def _delete(self, table: codecs.Table[R], record_id: int) -> None:
        try:
            with self.transaction():
                self.db.execute(f"DELETE FROM {table.name} WHERE id = ?", [record_id])
        except sqlite3.IntegrityError as error:
            raise RecordInUse(
                f"This {table.name[:-1].replace('_', ' ')} is still used by other rows; "
                "delete or move those first."
            ) from error

    # clients
    def clients(self) -> list[Client]:
        """All clients, oldest first."""
        return self._all(codecs.CLIENTS)

    def add_client(self, client: Client) -> Client:
        """Store a new client; returns it with its id."""
        return self._insert(codecs.CLIENTS, client)

    def update_client(self, client: Client) -> None:
        """Replace a stored client."""
        self._update(codecs.CLIENTS, client)

    def delete_client(self, client_id: int) -> None:
        """Delete a client no campaign refers to."""
        self._delete(codecs.CLIENTS, client_id)

    def client_by_name(self, name: str) -> Client | None:
        """The client with this name (case-insensitive), if any."""
        found = self._all(codecs.CLIENTS, "name = ? COLLATE NOCASE", [name.strip()])
        return found[0] if found else None

    # campaigns
    def campaigns(self) -> list[Campaign]:
        """All campaigns, oldest first."""
        return self._all(codecs.CAMPAIGNS)

    def campaign(self, campaign_id: int) -> Campaign:
        """One campaign by id."""
        return self._get(codecs.CAMPAIGNS, campaign_id)

    def add_campaign(self, campaign: Campaign) -> Campaign:
        """Store a new campaign; returns it with its id."""
        return self._insert(codecs.CAMPAIGNS, campaign)

    def update_campaign(self, campaign: Campaign) -> None:
        """Replace a stored campaign."""
        self._update(codecs.CAMPAIGNS, campaign)

    def delete_campaign(self, campaign_id: int) -> None:
        """Delete a campaign that no goal, cost, result or other return refers to."""
        self._delete(codecs.CAMPAIGNS, campaign_id)

    def campaign_by_name(self, name: str) -> Campaign | None:
        """The campaign with this name (case-insensitive), if any."""
        found = self._all(codecs.CAMPAIGNS, "name = ? COLLATE NOCASE", [name.strip()])
        return found[0] if found else None

    # goals
    def goals(self, campaign_id: int | None = None) -> list[Goal]:
        """All goals, or those of one campaign."""
        if campaign_id is None:
            return self._all(codecs.GOALS)
        return self._all(codecs.GOALS, "campaign_id = ?", [campaign_id])

    def add_goal(self, goal: Goal) -> Goal:
        """Store a new goal."""
        return self._insert(codecs.GOALS, goal)

    def update_goal(self, goal: Goal) -> None:
        """Replace a stored goal."""
        self._update(codecs.GOALS, goal)

    def delete_goal(self, goal_id: int) -> None:
        """Delete a goal."""
        self._delete(codecs.GOALS, goal_id)

    # costs
    def costs(self) -> list[Cost]:
        """All costs (a workspace has thousands at most: the engine expands them in Python)."""
        return self._all(codecs.COSTS)

    def cost_rows(self) -> list[tuple[Any, ...]]:
        """All costs as stored (``codecs.COSTS`` order, id first): cheaper than records when
        the engine may only need to know whether they changed."""
        sql = f"SELECT {codecs.COSTS.select_list} FROM costs ORDER BY id"
        return self.db.execute(sql).fetchall()

    def cost(self, cost_id: int) -> Cost:
        """One cost by id."""
        return self._get(codecs.COSTS, cost_id)

    def add_cost(self, cost: Cost) -> Cost:
        """Store a new cost."""
        return self._insert(codecs.COSTS, cost)

    def add_costs(self, costs: Iterable[Cost]) -> int:
        """Store many costs in one transaction; returns how many."""
        return self._insert_many(codecs.COSTS, costs)

    def add_cost_rows(self, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
        """Store already-encoded costs (dates as ISO text, money in ten-thousandths, the
        category's text) in one transaction; the bulk path of imports. Returns how many.

        Rows go in by the hundred, one statement per hundred rows (fewer statement runs), and
        are logged for the cost shares in one statement (``cost_shares.costs_logged_at_once``)."""
        known = {f.column for f in codecs.COSTS.fields}
        unknown = [c for c in columns if c not in known]
        if unknown:
            raise ValueError(f"not cost columns: {unknown}")
        rows = list(rows)
        width = len(columns)
        if any(len(row) != width for row in rows):
            raise ValueError(f"cost rows of other than {width} values")
        one_row = f"({', '.join('?' for _ in columns)})"
        sql = f"INSERT INTO costs ({', '.join(columns)}) VALUES {one_row}"
        limit = self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        per_statement = max(1, min(_ROWS_PER_STATEMENT, limit // max(1, width)))
        whole = len(rows) - len(rows) % per_statement
        flat = chain.from_iterable(rows)
        statements = (
            tuple(islice(flat, per_statement * width)) for _ in range(0, whole, per_statement)
        )
        # by the hundred (fewer statement runs), then one by one; logged at once, not by the
        # triggers row by row
        with self.transaction(), cost_shares.costs_logged_at_once(self.db):
            many = f"{sql}{f', {one_row}' * (per_statement - 1)}"
            added = self.db.conn.executemany(many, statements).rowcount if whole else 0
            return added + self.db.conn.executemany(sql, rows[whole:]).rowcount

    def update_cost(self, cost: Cost) -> None:
        """Replace a stored cost."""
        self._update(codecs.COSTS, cost)

    def delete_cost(self, cost_id: int) -> None:
        """Delete a cost."""
        self._delete(codecs.COSTS, cost_id)

    # valuations
    def valuations(self) -> list[Valuation]:
        """All valuations."""
        return self._all(codecs.VALUATIONS)

    def add_valuation(self, valuation: Valuation) -> Valuation:
        """Store a new valuation."""
        return self._insert(codecs.VALUATIONS, valuation)

    def update_valuation(self, valuation: Valuation) -> None:
        """Replace a stored valuation."""
        self._update(codecs.VALUATIONS, valuation)

    def delete_valuation(self, valuation_id: int) -> None:
        """Delete a valuation."""
        self._delete(codecs.VALUATIONS, valuation_id)

    # other returns
    def other_returns(self) -> list[OtherReturn]:
        """All other returns."""
        return self._all(codecs.OTHER_RETURNS)

    def add_other_return(self, other: OtherReturn) -> OtherReturn:
        """Store a new other return."""
        return self._insert(codecs.OTHER_RETURNS, other)

    def update_other_return(self, other: OtherReturn) -> None:
        """Replace a stored other return."""
        self._update(codecs.OTHER_RETURNS, other)

    def delete_other_return(self, other_id: int) -> None:
        """Delete an other return."""
        self._delete(codecs.OTHER_RETURNS, other_id)

    # import batches
    def import_batches(self) -> list[ImportBatch]:
        """Every recorded import, oldest first."""
        return self._all(codecs.IMPORT_BATCHES)

    def add_import_batch(self, batch: ImportBatch) -> ImportBatch:
        """Record an import (call inside the import's transaction)."""
        return self._insert(codecs.IMPORT_BATCHES, batch)

    def batch_by_fingerprint(self, fingerprint: str) -> ImportBatch | None:
        """The earlier import of the same content, if any."""
        found = self._all(codecs.IMPORT_BATCHES, "fingerprint = ?", [fingerprint])
        return found[-1] if found else None

    def delete_import_batch(self, batch_id: int) -> None:
        """Undo an import as a whole: its costs and results go with it."""
        with self.transaction():
            months = self._months_of("batch_id = ?", [batch_id])
            self.db.execute("DELETE FROM import_batches WHERE id = ?", [batch_id])
            self.refresh_month_sums(months)

    # ------------------------------------------------------------------ results
    def results(
        self,
        *,
        offset: int = 0,
        limit: int | None = None,
        where: ResultFilter | None = None,
        order_by: str = "id",
        descending: bool = False,
    ) -> list[Result]:
        """A page of result rows (the Results editor never loads them all)."""
        clause, params = (where or ResultFilter()).sql()
        column = _result_order_column(order_by)
        direction = "DESC" if descending else "ASC"
        sql = f"SELECT {codecs.RESULTS.select_list} FROM results"
        if clause:
            sql += f" WHERE {clause}"
        sql += f" ORDER BY {column} {direction}, id {direction}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        cursor = self.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [codecs.RESULTS.from_row(dict(zip(names, row, strict=True))) for row in cursor]

    def result_count(self, where: ResultFilter | None = None) -> int:
        """How many result rows match."""
        clause, params = (where or ResultFilter()).sql()
        sql = "SELECT count(*) FROM results" + (f" WHERE {clause}" if clause else "")
        return int(self.db.execute(sql, params).fetchone()[0])

    def result(self, result_id: int) -> Result:
        """One result row by id."""
        return self._get(codecs.RESULTS, result_id)

    def add_results(self, results: Iterable[Result]) -> int:
        """Store many result rows in one transaction and keep the month sums true."""
        with self.transaction():
            months: set[str] = set()

            def rows() -> Iterator[Result]:
                for result in results:
                    months.add(result.date.isoformat()[:7])
                    yield result

            count = self._insert_many(codecs.RESULTS, rows())
            self.refresh_month_sums(months)
        return count

    def add_result(self, result: Result) -> Result:
        """Store one result row."""
        with self.transaction():
            stored = self._insert(codecs.RESULTS, result)
            self.refresh_month_sums({result.date.isoformat()[:7]})
        return stored

    def update_result(self, result: Result) -> None:
        """Replace a stored result row."""
        assert result.id is not None
        with self.transaction():
            old = self.result(result.id)
            self._update(codecs.RESULTS, result)
            self.refresh_month_sums({old.date.isoformat()[:7], result.date.isoformat()[:7]})

    def delete_results(self, result_ids: Sequence[int]) -> None:
        """Delete result rows by id."""
        if not result_ids:
            return
        marks = ", ".join("?" for _ in result_ids)
        with self.transaction():
            months = self._months_of(f"id IN ({marks})", list(result_ids))
            self.db.execute(f"DELETE FROM results WHERE id IN ({marks})", list(result_ids))
            self.refresh_month_sums(months)

    def _months_of(self, where: str, params: Sequence[Any]) -> set[str]:
        sql = f"SELECT DISTINCT substr(date, 1, 7) FROM results WHERE {where}"
        return {row[0] for row in self.db.execute(sql, list(params))}

    def refresh_month_sums(self, months: Iterable[str]) -> None:
        """Recompute the per-month sums of result rows for the given ``YYYY-MM`` months."""
        wanted = sorted(set(months))
        if not wanted:
            return
        metrics = [*COUNT_METRICS, "revenue"]
        sums = ", ".join(f"coalesce(sum({m}), 0)" for m in metrics)
        for first in range(0, len(wanted), 500):  # one statement for many months at once
            chunk = wanted[first : first + 500]
            marks = ", ".join("?" for _ in chunk)
            self.db.execute(f"DELETE FROM result_months WHERE month IN ({marks})", chunk)
            self.db.execute(
                f"INSERT INTO result_months (month, campaign_id, platform, content_type, "
                f"row_count, {', '.join(metrics)}) "
                f"SELECT substr(date, 1, 7) AS month, campaign_id, platform, content_type, "
                f"count(*), {sums} FROM results WHERE date >= ? AND date < ? "
                f"AND substr(date, 1, 7) IN ({marks}) "
                "GROUP BY month, campaign_id, platform, content_type",
                [f"{chunk[0]}-01", f"{chunk[-1]}-32", *chunk],
            )

    def add_result_columns(
        self,
        columns: Mapping[str, Sequence[Any]],
        *,
        before_chunk: Callable[[int, int], None] | None = None,
        meanwhile: Callable[[], None] | None = None,
    ) -> int:
        """Store already-encoded result rows given column by column (equally long columns);
        the bulk path of imports. Returns how many rows.

        ``before_chunk(done, total)`` is called before each fiftieth of the rows; it may raise
        to abandon the whole write. ``meanwhile()`` is the caller's work that needs no database,
        done while SQLite builds the indexes. Months that no earlier row has get their sums from
        the columns themselves; months shared with earlier rows are summed again in SQL.
        """
        names = list(columns)
        count = len(columns["date"]) if "date" in columns else 0
        if any(len(columns[name]) != count for name in names):
            raise ValueError("result columns of different lengths")
        if not count:
            self._check_result_columns(names)
            return 0
        metrics = [*COUNT_METRICS, "revenue"]
        sums: list[tuple[Any, ...]] = []

        def alongside() -> None:
            sums.extend(_month_sums(columns, metrics))
            if meanwhile:
                meanwhile()

        large = count >= _REBUILD_INDEXES_FROM
        with self._bulk_cache() if large else nullcontext(), self.db.atomic():
            before = self._insert_result_columns(columns, count, before_chunk, alongside)
            dates = set(columns["date"])
            first, last = min(dates), max(dates)
            shared = (
                before
                and self.db.execute(
                    "SELECT 1 FROM results WHERE date >= ? AND date < ? AND id <= ? LIMIT 1",
                    [f"{first[:7]}-01", f"{last[:7]}-32", before],
                ).fetchone()
            )
            if shared:
                self.refresh_month_sums({day[:7] for day in dates})
            else:
                self.db.execute(
                    "DELETE FROM result_months WHERE month >= ? AND month <= ?",
                    [first[:7], last[:7]],
                )
                marks = ", ".join("?" * (5 + len(metrics)))
                self.db.conn.executemany(
                    f"INSERT INTO result_months (month, campaign_id, platform, content_type, "
                    f"row_count, {', '.join(metrics)}) VALUES ({marks})",
                    sums,
                )
        return count

    def _check_result_columns(self, columns: Iterable[str]) -> None:
        known = {f.column for f in codecs.RESULTS.fields}
        unknown = [c for c in columns if c not in known]
        if unknown or "date" not in columns:
            raise ValueError(f"not result columns: {unknown or 'no date column'}")

    def _insert_result_columns(
        self,
        columns: Mapping[str, Sequence[Any]],
        count: int,
        before_chunk: Callable[[int, int], None] | None = None,
        alongside: Callable[[], None] | None = None,
    ) -> int:
        """Insert ``count`` encoded rows given column by column (inside the caller's
        transaction); the largest id before them. ``alongside()`` runs after the insert; it
        must not use the database.

        A large insert into a small table drops the results indexes and builds them again
        afterwards (cheaper than updating four indexes row by row), in a second thread while
        ``alongside`` runs in this one (SQLite lets go of Python's lock while it sorts).
        """
        names = list(columns)
        self._check_result_columns(names)
        before = self.db.execute("SELECT coalesce(max(id), 0) FROM results").fetchone()[0]
        rebuild = count >= _REBUILD_INDEXES_FROM and count >= before
        indexes = self._result_indexes() if rebuild else []
        for name, _sql in indexes:
            self.db.execute(f"DROP INDEX {name}")
        inserted = self._insert_columnwise(columns, count, before_chunk)
        if inserted != count:
            raise ValueError(f"{inserted} result rows given, {count} announced")
        failures: list[BaseException] = []

        def build() -> None:
            try:
                for _name, create in indexes:
                    self.db.conn.execute(create)
            except BaseException as error:  # re-raised in the calling thread
                failures.append(error)

        builder = threading.Thread(target=build, name="roidesk-index-build")
        if indexes:
            builder.start()
        try:
            if alongside:
                alongside()
        finally:
            if indexes:
                builder.join()
        if failures:
            raise failures[0]
        return before

    def _insert_columnwise(
        self,
        columns: Mapping[str, Sequence[Any]],
        count: int,
        before_chunk: Callable[[int, int], None] | None,
    ) -> int:
        """Insert the rows by the hundred, one statement per hundred rows (fewer statement
        runs: a third less time); how many went in. ``before_chunk(done, total)`` is called
        before each fiftieth of the rows.

        Parameters are numbered column by column, so a statement's values are slices of the
        columns, and a column holding one object throughout (the batch, the platform) is one
        parameter, not one per row.
        """
        names = tuple(columns)
        limit = self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        constant = tuple(n for n in names if _one_value(columns[n]))
        varying = tuple(n for n in names if n not in constant)
        # SQLite before 3.32 takes 999 parameters, later 32,766
        per_statement = max(
            1, min(_ROWS_PER_STATEMENT, (limit - len(constant)) // max(1, len(varying)))
        )
        fixed = [columns[n][0] for n in constant]
        sources = [columns[n] for n in varying]

        def parameters(first: int, last: int) -> Iterator[list[Any]]:
            for start in range(first, last, per_statement):
                values: list[Any] = []
                for column in sources:
                    values += column[start : start + per_statement]
                values += fixed
                yield values

        step = max(1, count // 50)  # the hook's fiftieths, in rows
        chunk = -(-step // per_statement) * per_statement  # in whole statements
        whole = count - count % per_statement
        inserted = 0
        for first in [*range(0, whole, chunk), *([whole] if whole < count else [])]:
            last = min(whole, first + chunk) if first < whole else count
            if before_chunk:  # each fiftieth that starts in these rows
                for done in range(-(-first // step) * step, last, step):
                    before_chunk(done, count)
            if first < whole:
                sql = _columnwise_insert(names, varying, constant, per_statement)
                cursor = self.db.conn.executemany(sql, parameters(first, last))
            else:  # the last rows, fewer than a statement's hundred
                sql = _columnwise_insert(names, varying, constant, last - first)
                cursor = self.db.conn.execute(sql, next(parameters(first, last)))
            inserted += cursor.rowcount
        return inserted

    def _result_indexes(self) -> list[tuple[str, str]]:
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                "AND tbl_name = 'results' AND sql IS NOT NULL ORDER BY name"
            )
        ]

    # ------------------------------------------------------------------ helpers
    def _insert_many(self, table: codecs.Table[R], records: Iterable[R]) -> int:
        count = 0
        columns = [f.column for f in table.fields]
        sql = (
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        converters = [(f.name, f.to_db) for f in table.fields]

        def rows() -> Iterator[list[Any]]:
            nonlocal count
            for record in records:
                count += 1
                yield [to_db(getattr(record, name)) for name, to_db in converters]

        with self.transaction():
            self.db.conn.executemany(sql, rows())
        return count

    def is_empty(self) -> bool:
        """True when the workspace holds no campaigns, costs or results."""
        for name in ("campaigns", "costs", "results", "clients", "valuations", "other_returns"):
            if self.db.execute(f"SELECT 1 FROM {name} LIMIT 1").fetchone():
                return False
        return True

    def is_untouched(self) -> bool:
        """True for a workspace just created with nothing in it and no settings chosen yet."""
        return self.is_empty() and not self.db.execute("SELECT 1 FROM settings LIMIT 1").fetchone()


class ResultFilter:
    """Which result rows to show: a period, a campaign, a platform, a text search."""

    def __init__(
        self,
        *,
        start: date | None = None,
        end: date | None = None,
        campaign_ids: Sequence[int] | None = None,
        platform: str | None = None,
        content_type: str | None = None,
    ) -> None:
        self.start = start
        self.end = end
        self.campaign_ids = campaign_ids
        self.platform = platform
        self.content_type = content_type

    def sql(self) -> tuple[str, list[Any]]:
        """The WHERE clause and its parameters."""
        parts: list[str] = []
        params: list[Any] = []
        if self.start is not None:
            parts.append("date >= ?")
            params.append(self.start.isoformat())
        if self.end is not None:
            parts.append("date <= ?")
            params.append(self.end.isoformat())
        if self.campaign_ids is not None:
            parts.append(f"campaign_id IN ({', '.join('?' for _ in self.campaign_ids)})")
            params.extend(self.campaign_ids)
        if self.platform is not None:
            parts.append("platform = ? COLLATE NOCASE")
            params.append(self.platform)
        if self.content_type is not None:
            parts.append("content_type = ?")
            params.append(self.content_type)
        return " AND ".join(parts), params


def _result_order_column(name: str) -> str:
    allowed = {"id", "date", "campaign_id", "platform", "content_type", *COUNT_METRICS, "revenue"}
    if name not in allowed:
        raise ValueError(f"cannot sort results by {name!r}")
    return name


def _insert_sql(table: codecs.Table[Any], row: dict[str, Any]) -> tuple[str, list[Any]]:
    columns = list(row)
    sql = (
        f"INSERT INTO {table.name} ({', '.join(columns)}) "
        f"VALUES ({', '.join('?' for _ in columns)})"
    )
    return sql, list(row.values())


def _one_value(column: Sequence[Any]) -> bool:
    """True when every cell of a non-empty column is the very object of its first (``[x] * n``;
    equal is not enough: ``1 == 1.0 == True``). Stops at the first other cell."""
    return all(map(is_, column, repeat(column[0])))


@lru_cache(maxsize=16)
def _columnwise_insert(
    names: tuple[str, ...], varying: tuple[str, ...], constant: tuple[str, ...], rows: int
) -> str:
    """An INSERT of ``rows`` results whose parameters come column by column: the ``rows``
    values of each varying column in turn, then one value per constant column."""
    number = {name: index * rows + 1 for index, name in enumerate(varying)}
    shared = {name: len(varying) * rows + index + 1 for index, name in enumerate(constant)}

    def row(offset: int) -> str:
        marks = (f"?{shared[n]}" if n in shared else f"?{number[n] + offset}" for n in names)
        return f"({', '.join(marks)})"

    values = ", ".join(row(offset) for offset in range(rows))
    return f"INSERT INTO results ({', '.join(names)}) VALUES {values}"


def _month_sums(
    columns: Mapping[str, Sequence[Any]], metrics: Sequence[str]
) -> list[tuple[Any, ...]]:
    """``result_months`` rows (month, campaign, platform, content type, row count, sums) of
    encoded result columns, as the SQL in :meth:`Workspace.refresh_month_sums` sums them."""
    dates = columns["date"]
    month_of = {day: day[:7] for day in set(dates)}
    key_columns: list[Sequence[Any]] = [list(map(month_of.__getitem__, dates))]
    fixed: dict[str, Any] = {}
    for name in ("campaign_id", "platform", "content_type"):
        column = columns.get(name)
        distinct = set(column) if column is not None else {None}
        if len(distinct) == 1:
            fixed[name] = next(iter(distinct))
        else:
            key_columns.append(column)  # type: ignore[arg-type]
    keys = zip(*key_columns, strict=True) if len(key_columns) > 1 else key_columns[0]
    groups: defaultdict[Any, list[int]] = defaultdict(list)  # row indexes per key, at C speed
    deque(map(list.append, map(groups.__getitem__, keys), range(len(dates))), maxlen=0)
    present = [columns[name] for name in metrics if name in columns]
    where = [i for i, name in enumerate(metrics) if name in columns]
    sums = []
    for key, indexes in groups.items():
        parts = iter(key[1:] if len(key_columns) > 1 else ())
        month = key[0] if len(key_columns) > 1 else key
        campaign_id, platform, content_type = (
            fixed[name] if name in fixed else next(parts)
            for name in ("campaign_id", "platform", "content_type")
        )
        pick = itemgetter(*indexes) if len(indexes) > 1 else lambda c, i=indexes[0]: (c[i],)
        totals = [0] * len(metrics)
        for at, column in zip(where, present, strict=True):
            totals[at] = sum(filter(None, pick(column)))
        sums.append((month, campaign_id, platform, content_type, len(indexes), *totals))
    return sums
