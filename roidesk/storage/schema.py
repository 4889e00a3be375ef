"""The workspace file's schema: numbered migrations, version stamp, file identity.

Storage conventions (documented in the README):

* money and hours are INTEGER ten-thousandths of the unit (``12.50`` → ``125000``), so SQL
  sums are exact and every European currency fits;
* dates are ISO ``YYYY-MM-DD`` text, which sorts and compares correctly;
* goal baselines/targets and settings are Decimal text (they can be small ratios);
* ``result_months`` is the one derived table: the sums of ``results`` per month, campaign,
  platform, content type and source, rewritten in the transaction of every write of results.
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


@MIGRATIONS(name="0001_workspace")
def m0001_workspace(db: Database) -> None:
    """Create every table of the workspace format."""
    metric_cols = ",\n".join(f"    {name} INTEGER" for name in _METRIC_COLUMNS)
    metric_sums = ",\n".join(f"    {name} INTEGER NOT NULL DEFAULT 0" for name in _METRIC_COLUMNS)
    # covering indexes on the month sums in the two orders the engine groups by (month and
    # platform; campaign and platform): SQLite sums in index order and never reads the table
    sums = ", ".join([*_METRIC_COLUMNS, "revenue"])
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
    rows INTEGER NOT NULL DEFAULT 0,
    left_out TEXT NOT NULL DEFAULT ''
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
    source TEXT,
    content TEXT,
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
    source TEXT,
    row_count INTEGER NOT NULL,
{metric_sums},
    revenue INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX result_months_by_month ON result_months
    (month, platform, campaign_id, content_type, source, {sums});
CREATE INDEX result_months_by_campaign ON result_months
    (campaign_id, platform, month, content_type, source, {sums});
CREATE TABLE valuations (
    id INTEGER PRIMARY KEY,
    metric TEXT NOT NULL,
    platform TEXT,
    valid_from TEXT NOT NULL,
    value_per_unit INTEGER NOT NULL,
    low INTEGER,
    high INTEGER,
    applies_to TEXT,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE other_returns (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    campaign_id INTEGER REFERENCES campaigns(id),
    platform TEXT,
    amount INTEGER NOT NULL,
    kind TEXT,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX other_returns_date ON other_returns(date);
CREATE TABLE experiments (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    a_kind TEXT NOT NULL,
    a_value TEXT NOT NULL,
    b_kind TEXT NOT NULL,
    b_value TEXT NOT NULL,
    kpi TEXT NOT NULL,
    start_date TEXT,
    end_date TEXT
);
"""
    # one statement at a time: executescript() would COMMIT the migration's transaction
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


#: The migrations of the development builds before the schema was folded into one (their
#: files are converted when opened: ``storage.upgrade``).
DEVELOPMENT_MIGRATIONS = frozenset(
    {
        "0001_initial",
        "0002_revisions",
        "0003_month_revisions",
        "0004_month_sum_indexes",
        "0005_table_revisions",
        "0006_cost_shares",
        "0007_result_pieces",
        "0008_bulk_cost_insert",
    }
)

#: The tables that hold what the user entered or imported, parents before children.
USER_TABLES = (
    "settings",
    "import_batches",
    "clients",
    "campaigns",
    "goals",
    "costs",
    "results",
    "valuations",
    "other_returns",
)


def schema_version() -> int:
    """The schema version this build writes: the number of known migrations."""
    return len(MIGRATIONS._migrations)
