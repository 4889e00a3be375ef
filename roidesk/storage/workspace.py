"""The workspace file: opening, refusing foreign or newer files, and the repository methods.

All SQL of roidesk lives in this package. Methods take and return core records.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from roidesk.core.experiments import SavedExperiment
from roidesk.core.records import (
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
from roidesk.storage import codecs, guards, opening, results, upgrade
from roidesk.storage import experiments as experiment_sums
from roidesk.storage.errors import ReadOnlyWorkspace, RecordInUse, WorkspaceError
from roidesk.storage.results import ResultFilter
from roidesk.storage.schema import APPLICATION_ID, MIGRATIONS, schema_version

R = TypeVar("R")

#: Page cache during a bulk insert, in KiB as ``PRAGMA cache_size`` takes it (negative).
_BULK_CACHE_KIB = -65_536

__all__ = ["RecordInUse", "ResultFilter", "Workspace", "WorkspaceError"]


class Workspace:
    """One open ``.roidesk`` file and everything stored in it."""

    def __init__(self, path: Path, db: Database) -> None:
        self.path = path
        self.db = db
        self._writing = False  # inside an outermost transaction()
        self._commits = 0  # outermost transactions committed and restores (change_stamp)
        #: A one-line message for the user about what opening did (a file of an earlier
        #: development build converted); None when there is nothing to say.
        self.notice: str | None = None
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
        notice = None
        if opened.development is not None:
            # An earlier development build's file: converted (after a backup), then opened.
            opened.connection.close()
            notice = upgrade.convert_development_build(path)
            opened = opening.connect(path, existing=True, busy_timeout=busy_timeout)
        db = Database(opened.connection)
        db.execute("PRAGMA foreign_keys = ON")
        workspace = cls(path, db)
        workspace.notice = notice
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

        The outermost block first takes the file's write lock (``guards.write_lock``: another
        writer is waited for, then refused as busy) and is refused on a read-only workspace.
        """
        if self._writing:
            with self.db.atomic():
                yield self
            return
        lock = guards.write_lock(self.path, self.db.conn, read_only=self.read_only)
        self._writing = True
        try:
            with lock, self.db.atomic():
                yield self
            self._commits += 1
        finally:
            self._writing = False

    def change_stamp(self) -> tuple[int, int, int]:
        """A value that changes with every write to the file: this object's committed
        transactions and restores, this connection's changed rows (``total_changes``) and
        SQLite's ``data_version`` (commits by other connections). What the engine keys its
        cache on."""
        changes = self.db.execute("SELECT total_changes()").fetchone()[0]
        others = self.db.execute("PRAGMA data_version").fetchone()[0]
        return self._commits, int(changes), int(others)

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
            self._commits += 1

    # ------------------------------------------------------------------ settings
    def settings(self) -> Settings:
        """The workspace settings (defaults for anything never set)."""
        stored = {row[0]: row[1] for row in self.db.execute("SELECT key, value FROM settings")}
        return codecs.settings_from_rows(stored)

    def save_settings(self, settings: Settings) -> None:
        """Store every setting."""
        guards.check_text("settings", dict(codecs.settings_to_rows(settings)))
        with self.transaction():
            self.db.conn.executemany(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                codecs.settings_to_rows(settings),
            )

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
        sql = f"INSERT INTO {table.name} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
        guards.check_text(table.name, row)
        with self.transaction():
            cursor = self.db.execute(sql, list(row.values()))
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
            users = self._users_of(table.name, record_id)
            raise RecordInUse(
                f"This {table.name[:-1].replace('_', ' ')} is still used by "
                f"{users or 'other rows'}; delete those or move them to another first."
            ) from error

    def _users_of(self, table_name: str, record_id: int) -> str:
        """The rows that refer to a record, in words (``12 costs and 340 results``)."""
        counts = []
        for (other,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall():
            for key in self.db.execute(f"PRAGMA foreign_key_list({other})").fetchall():
                if key[2] != table_name:
                    continue
                (count,) = self.db.execute(
                    f"SELECT count(*) FROM {other} WHERE {key[3]} = ?", [record_id]
                ).fetchone()
                if count:
                    noun = other.replace("_", " ")
                    counts.append(f"{count:,} {noun if count != 1 else noun[:-1]}")
        return " and ".join([", ".join(counts[:-1]), counts[-1]] if len(counts) > 1 else counts)

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

    def cost(self, cost_id: int) -> Cost:
        """One cost by id."""
        return self._get(codecs.COSTS, cost_id)

    def add_cost(self, cost: Cost) -> Cost:
        """Store a new cost."""
        return self._insert(codecs.COSTS, cost)

    def add_costs(self, costs: Iterable[Cost]) -> int:
        """Store many costs in one transaction (one ``executemany``); returns how many."""
        with self.transaction():
            cursor = self.db.conn.executemany(
                results.insert_sql(codecs.COSTS), codecs.COSTS.rows(costs)
            )
        return int(cursor.rowcount)

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

    def batch_contents(self) -> dict[int, tuple[int, int]]:
        """What each import became: batch id → (results, costs) it added."""
        found: dict[int, list[int]] = {}
        for position, table in enumerate(("results", "costs")):
            for batch_id, count in self.db.execute(
                f"SELECT batch_id, count(*) FROM {table} WHERE batch_id IS NOT NULL "
                "GROUP BY batch_id"
            ).fetchall():
                found.setdefault(batch_id, [0, 0])[position] = count
        return {batch_id: (counts[0], counts[1]) for batch_id, counts in found.items()}

    def delete_import_batch(self, batch_id: int) -> None:
        """Undo an import as a whole: its costs and results go with it."""
        with self.transaction():
            months = results.months_of(self.db.conn, "batch_id = ?", [batch_id])
            self.db.execute("DELETE FROM import_batches WHERE id = ?", [batch_id])
            results.refresh_month_sums(self.db.conn, months)

    # ------------------------------------------------------------------ experiments
    def experiments(self) -> list[SavedExperiment]:
        """The saved experiments, oldest first."""
        return experiment_sums.saved_experiments(self.db)

    def add_experiment(self, experiment: SavedExperiment) -> SavedExperiment:
        """Save an experiment."""
        with self.transaction():
            return experiment_sums.save_experiment(self.db, experiment)

    def delete_experiment(self, experiment_id: int) -> None:
        """Remove a saved experiment."""
        with self.transaction():
            experiment_sums.delete_experiment(self.db, experiment_id)

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
        column = results.order_column(order_by)
        direction = "DESC" if descending else "ASC"
        sql = f"SELECT {codecs.RESULTS.select_list} FROM results"
        if clause:
            sql += f" WHERE {clause}"
        sql += f" ORDER BY {column} {direction}, id {direction}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return codecs.RESULTS.from_rows(self.db.execute(sql, params).fetchall())

    def result_count(self, where: ResultFilter | None = None) -> int:
        """How many result rows match."""
        clause, params = (where or ResultFilter()).sql()
        sql = "SELECT count(*) FROM results" + (f" WHERE {clause}" if clause else "")
        return int(self.db.execute(sql, params).fetchone()[0])

    def result(self, result_id: int) -> Result:
        """One result row by id."""
        return self._get(codecs.RESULTS, result_id)

    def add_results(
        self, records: Iterable[Result], *, progress: Callable[[int], None] | None = None
    ) -> int:
        """Store many result rows in one transaction (one ``executemany`` per few thousand
        rows) and rewrite the month sums of the months they fall in once; returns how many.
        ``progress(done)`` is called before each few thousand rows; it may raise to abandon
        the whole write."""
        with self._bulk_cache(), self.transaction():
            count, months = results.insert_results(self.db.conn, records, progress)
            results.refresh_month_sums(self.db.conn, months)
        return count

    def add_result(self, result: Result) -> Result:
        """Store one result row."""
        with self.transaction():
            stored = self._insert(codecs.RESULTS, result)
            results.refresh_month_sums(self.db.conn, {result.date.isoformat()[:7]})
        return stored

    def update_result(self, result: Result) -> None:
        """Replace a stored result row."""
        assert result.id is not None
        with self.transaction():
            old = self.result(result.id)
            self._update(codecs.RESULTS, result)
            months = {old.date.isoformat()[:7], result.date.isoformat()[:7]}
            results.refresh_month_sums(self.db.conn, months)

    def delete_results(self, result_ids: Sequence[int]) -> None:
        """Delete result rows by id."""
        if not result_ids:
            return
        marks = ", ".join("?" for _ in result_ids)
        with self.transaction():
            months = results.months_of(self.db.conn, f"id IN ({marks})", result_ids)
            self.db.execute(f"DELETE FROM results WHERE id IN ({marks})", list(result_ids))
            results.refresh_month_sums(self.db.conn, months)

    def refresh_month_sums(self, months: Iterable[str]) -> None:
        """Rewrite the per-month sums of the result rows of the given ``YYYY-MM`` months."""
        with self.transaction():
            results.refresh_month_sums(self.db.conn, months)

    # ------------------------------------------------------------------ helpers
    def is_empty(self) -> bool:
        """True when the workspace holds no campaigns, costs or results."""
        for name in ("campaigns", "costs", "results", "clients", "valuations", "other_returns"):
            if self.db.execute(f"SELECT 1 FROM {name} LIMIT 1").fetchone():
                return False
        return True

    def is_untouched(self) -> bool:
        """True for a workspace just created with nothing in it and no settings chosen yet."""
        return self.is_empty() and not self.db.execute("SELECT 1 FROM settings LIMIT 1").fetchone()
