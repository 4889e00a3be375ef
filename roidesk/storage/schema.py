"""The workspace file's schema: numbered migrations, version stamp, file identity.

Storage conventions (documented in the README):

* money and hours are INTEGER ten-thousandths of the unit (``12.50`` → ``125000``), so SQL
  sums are exact and every European currency fits;
* dates are ISO ``YYYY-MM-DD`` text, which sorts and compares correctly;
* goal baselines/targets and settings are Decimal text (they can be small ratios).
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

#: ``PRAGMA application_id`` of every roidesk workspace ("RDSK").
APPLICATION_ID = 0x5244534B

MIGRATIONS = Migrations("roidesk")

# Spelled out, not taken from core.records.COUNT_METRICS: a migration must create the same
# tables forever, whatever the current code's constants become.
_METRIC_COLUMNS = (
    "impressions",
    "reach",
    "engagements",
    "followers_gained",
    "link_clicks",
    "sessions",
    "leads",
    "conversions",
    "new_customers",
)


@MIGRATIONS(name="0001_initial")
def m0001_initial(db: Database) -> None:
    """Create every table of the first workspace format."""
    metric_cols = ",\n".join(f"    {name} INTEGER" for name in _METRIC_COLUMNS)
    metric_sums = ",\n".join(f"    {name} INTEGER NOT NULL DEFAULT 0" for name in _METRIC_COLUMNS)
    script = f"""
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'workbook',
    rows INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX import_batches_fingerprint ON import_batches(fingerprint);
CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    notes TEXT NOT NULL DEFAULT ''
);
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL COLLATE NOCASE UNIQUE,
    client_id INTEGER REFERENCES clients(id),
    platforms TEXT NOT NULL DEFAULT '',
    objective TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    budget INTEGER,
    status TEXT NOT NULL DEFAULT 'active',
    notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX campaigns_client ON campaigns(client_id);
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
    kpi TEXT NOT NULL,
    baseline TEXT NOT NULL,
    target TEXT NOT NULL,
    deadline TEXT NOT NULL
);
CREATE INDEX goals_campaign ON goals(campaign_id);
CREATE TABLE costs (
    id INTEGER PRIMARY KEY,
    start_date TEXT NOT NULL,
    end_date TEXT,
    repeat TEXT NOT NULL DEFAULT 'none',
    until TEXT,
    campaign_id INTEGER REFERENCES campaigns(id),
    platform TEXT,
    category TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    amount INTEGER,
    hours INTEGER,
    hourly_rate INTEGER,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE CASCADE
);
CREATE INDEX costs_start ON costs(start_date);
CREATE INDEX costs_campaign ON costs(campaign_id);
CREATE INDEX costs_batch ON costs(batch_id);
CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id),
    platform TEXT,
    content_type TEXT,
{metric_cols},
    revenue INTEGER,
    batch_id INTEGER REFERENCES import_batches(id) ON DELETE CASCADE
);
CREATE INDEX results_date ON results(date);
CREATE INDEX results_campaign_date ON results(campaign_id, date);
CREATE INDEX results_platform_date ON results(platform, date);
CREATE INDEX results_batch ON results(batch_id);
CREATE TABLE result_months (
    month TEXT NOT NULL,
    campaign_id INTEGER,
    platform TEXT,
    content_type TEXT,
    row_count INTEGER NOT NULL,
{metric_sums},
    revenue INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX result_months_month ON result_months(month);
CREATE TABLE valuations (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    platform TEXT,
    valid_from TEXT NOT NULL,
    value_per_unit INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE other_returns (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id),
    platform TEXT,
    amount INTEGER NOT NULL,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX other_returns_date ON other_returns(date);
"""
    # one statement at a time: executescript() would COMMIT the migration's transaction
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


#: Tables whose rows the engine's cost ledger and records cache are built from.
RECORD_TABLES = ("settings", "campaigns", "costs", "valuations", "other_returns")


@MIGRATIONS(name="0002_revisions")
def m0002_revisions(db: Database) -> None:
    """Add change tokens: ``records`` for the tables the cost ledger is built from, ``results``
    for the result sums. Triggers set a fresh random token on every change, so a cache keyed
    on a token is never mistaken for the state of a file restored from a backup and edited."""
    db.execute("CREATE TABLE revisions (name TEXT PRIMARY KEY, token INTEGER NOT NULL)")
    db.execute("INSERT INTO revisions VALUES ('records', random()), ('results', random())")
    watched = [(table, "records") for table in RECORD_TABLES] + [("result_months", "results")]
    for table, name in watched:
        for event in ("INSERT", "UPDATE", "DELETE"):
            db.execute(
                f"CREATE TRIGGER {table}_{event.lower()}_revision AFTER {event} ON {table} "
                f"BEGIN UPDATE revisions SET token = random() WHERE name = '{name}'; END"
            )


@MIGRATIONS(name="0003_month_revisions")
def m0003_month_revisions(db: Database) -> None:
    """Add a change token per month of results, so an import into this month keeps what the
    engine has read of every other month."""
    db.execute("CREATE TABLE month_revisions (month TEXT PRIMARY KEY, token INTEGER NOT NULL)")
    db.execute(  # DISTINCT over (month, random()) would repeat months: distinct months first
        "INSERT INTO month_revisions "
        "SELECT month, random() FROM (SELECT DISTINCT month FROM result_months)"
    )
    bump = (
        "INSERT INTO month_revisions (month, token) VALUES ({row}.month, random()) "
        "ON CONFLICT (month) DO UPDATE SET token = excluded.token"
    )
    for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
        body = "; ".join(bump.format(row=row) for row in rows)
        db.execute(
            f"CREATE TRIGGER result_months_{event.lower()}_month_revision AFTER {event} "
            f"ON result_months BEGIN {body}; END"
        )


@MIGRATIONS(name="0004_month_sum_indexes")
def m0004_month_sum_indexes(db: Database) -> None:
    """Covering indexes on ``result_months`` in the two orders the engine groups by (month and
    platform; campaign and platform): SQLite then sums in index order, without sorting, and
    never reads the table itself. They hold only the month sums (thousands of rows)."""
    sums = ", ".join([*_METRIC_COLUMNS, "revenue"])
    db.execute(
        "CREATE INDEX result_months_by_month ON result_months "
        f"(month, platform, campaign_id, content_type, {sums})"
    )
    db.execute(
        "CREATE INDEX result_months_by_campaign ON result_months "
        f"(campaign_id, platform, month, content_type, {sums})"
    )


@MIGRATIONS(name="0005_table_revisions")
def m0005_table_revisions(db: Database) -> None:
    """A change token per record table as well: a valuation edit then keeps the cost ledger,
    and a cost edit re-reads the costs alone. ``records`` still changes with any of them."""
    for table in RECORD_TABLES:
        db.execute("INSERT INTO revisions VALUES (?, random())", [table])
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"{table}_{event.lower()}_revision"
            db.execute(f"DROP TRIGGER {name}")
            db.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "
                f"UPDATE revisions SET token = random() WHERE name IN ('records', '{table}'); END"
            )


#: The costs table's columns, spelled out (as the table has them since 0001).
_COST_COLUMNS = (
    "id",
    "start_date",
    "end_date",
    "repeat",
    "until",
    "campaign_id",
    "platform",
    "category",
    "description",
    "amount",
    "hours",
    "hourly_rate",
    "batch_id",
)


@MIGRATIONS(name="0006_cost_shares")
def m0006_cost_shares(db: Database) -> None:
    """Keep the shared-out costs in the file (``storage.cost_shares``).

    ``cost_shares`` holds per month (``year * 12 + month - 1``) JSON lists of the units per
    campaign, platform and category and of their runs of equal days; ``cost_ledger`` the
    horizon they were shared out to (NULL: not yet). Triggers log every cost change (old and
    new row) and every campaign added, removed or moved in ``cost_changes`` /
    ``campaign_changes``, so whoever writes next (or the engine, reading) shares out again only
    the months those touch.
    """
    cost_columns = ", ".join(_COST_COLUMNS)
    statements = [
        "CREATE TABLE cost_ledger (id INTEGER PRIMARY KEY CHECK (id = 1), horizon TEXT)",
        "INSERT INTO cost_ledger VALUES (1, NULL)",
        "CREATE TABLE cost_shares (month INTEGER PRIMARY KEY, sums TEXT NOT NULL, "
        "runs TEXT NOT NULL)",
        f"CREATE TABLE cost_changes AS SELECT {cost_columns} FROM costs WHERE 0",
        "CREATE TABLE campaign_changes (start_date TEXT NOT NULL, end_date TEXT NOT NULL)",
    ]
    for statement in statements:
        db.execute(statement)

    def log_cost(row: str) -> str:
        values = ", ".join(f"{row}.{column}" for column in _COST_COLUMNS)
        return f"INSERT INTO cost_changes ({cost_columns}) VALUES ({values})"

    def log_campaign(row: str) -> str:
        return f"INSERT INTO campaign_changes VALUES ({row}.start_date, {row}.end_date)"

    for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
        body = "; ".join(log_cost(row) for row in rows)
        db.execute(
            f"CREATE TRIGGER costs_{event.lower()}_change AFTER {event} ON costs BEGIN {body}; END"
        )
        body = "; ".join(log_campaign(row) for row in rows)
        when = (  # a new name, client or status shares out nothing again
            " WHEN OLD.id IS NOT NEW.id OR OLD.start_date IS NOT NEW.start_date "
            "OR OLD.end_date IS NOT NEW.end_date"
            if event == "UPDATE"
            else ""
        )
        db.execute(
            f"CREATE TRIGGER campaigns_{event.lower()}_change AFTER {event} ON campaigns"
            f"{when} BEGIN {body}; END"
        )


@MIGRATIONS(name="0007_result_pieces")
def m0007_result_pieces(db: Database) -> None:
    """Keep in the file the sums of the side of each month a valuation cuts mid-way that the
    engine reads from the rows (``storage.result_pieces``): ``result_pieces`` holds per side a
    JSON list of ``[campaign id, platform, content type, [sums]]``; a trigger logs in
    ``result_month_changes`` every month whose sums change, so whoever writes next sums its
    sides again, and the engine trusts no side of a month logged since."""
    db.execute(
        "CREATE TABLE result_pieces (first_day TEXT NOT NULL, last_day TEXT NOT NULL, "
        "sums TEXT NOT NULL, PRIMARY KEY (first_day, last_day))"
    )
    db.execute("CREATE TABLE result_month_changes (month TEXT PRIMARY KEY)")
    log = "INSERT OR IGNORE INTO result_month_changes VALUES ({row}.month)"
    for event, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW"))):
        body = "; ".join(log.format(row=row) for row in rows)
        db.execute(
            f"CREATE TRIGGER result_months_{event.lower()}_change AFTER {event} "
            f"ON result_months BEGIN {body}; END"
        )


def revision_bump(table: str) -> str:
    """The statement that marks a record table changed (what its triggers run since 0005)."""
    return f"UPDATE revisions SET token = random() WHERE name IN ('records', '{table}')"


#: Holds a row only inside a roidesk transaction that inserts many costs and logs them itself
#: at once (``cost_shares.costs_logged_at_once``); never committed with one.
BULK_COST_INSERT = "bulk_cost_insert"


@MIGRATIONS(name="0008_bulk_cost_insert")
def m0008_bulk_cost_insert(db: Database) -> None:
    """Let roidesk log an import's thousands of new costs in one statement: the insert triggers
    of ``costs`` (the change log of 0006, the token of 0005) skip rows while
    ``bulk_cost_insert`` holds a row, which only roidesk's own bulk insert puts there (and
    takes out before it logs the new rows itself, as the triggers would have). Writes by any
    other program are logged row by row, as before. One trigger run per row was half of the
    insert's time."""
    db.execute(f"CREATE TABLE {BULK_COST_INSERT} (active INTEGER NOT NULL)")
    quiet = f"WHEN NOT EXISTS (SELECT 1 FROM {BULK_COST_INSERT})"
    columns = ", ".join(_COST_COLUMNS)
    values = ", ".join(f"NEW.{column}" for column in _COST_COLUMNS)
    bodies = {
        "costs_insert_revision": revision_bump("costs"),
        "costs_insert_change": f"INSERT INTO cost_changes ({columns}) VALUES ({values})",
    }
    for name, body in bodies.items():
        db.execute(f"DROP TRIGGER {name}")
        db.execute(f"CREATE TRIGGER {name} AFTER INSERT ON costs {quiet} BEGIN {body}; END")


def schema_version() -> int:
    """The schema version this build writes: the number of known migrations."""
    return len(MIGRATIONS._migrations)
