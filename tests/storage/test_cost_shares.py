"""The shared-out costs the file keeps: after any write, what sharing out afresh would give."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from ledgers import units_per_key_and_day

from roidesk.core.costs import allocate
from roidesk.core.figures import Query
from roidesk.core.records import Campaign, Client, Cost, CostCategory, Repeat
from roidesk.engine import summarize, summary_with_breakdown
from roidesk.engine.state import clear_cache, context
from roidesk.storage import Workspace, cost_shares

MARCH = Query(start=date(2025, 3, 1), end=date(2025, 3, 31))


def _assert_current(workspace: Workspace) -> None:
    stored = cost_shares.read(workspace.db)
    assert stored is not None and stored.current
    fresh = allocate(workspace.costs(), workspace.campaigns(), stored.horizon)
    assert units_per_key_and_day(stored.ledger) == units_per_key_and_day(fresh)


def _march_costs(workspace: Workspace) -> tuple[Campaign, Campaign, Cost]:
    """A (Jan–Jun, €40 staff on the 15th monthly), B (March, €50 Facebook ads on 10 March)
    and €9 of tools every month with no campaign."""
    a = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 6, 30)))
    b = workspace.add_campaign(Campaign("B", date(2025, 3, 1), date(2025, 3, 31)))
    workspace.add_cost(
        Cost(date(2025, 1, 15), CostCategory.STAFF, Decimal(40), repeat=Repeat.MONTHLY,
             until=date(2025, 6, 30), campaign_id=a.id)
    )  # fmt: skip
    workspace.add_cost(
        Cost(date(2025, 3, 10), CostCategory.ADVERTISING, Decimal(50), campaign_id=b.id,
             platform="Facebook")
    )  # fmt: skip
    tools = workspace.add_cost(
        Cost(date(2025, 1, 1), CostCategory.TOOLS, Decimal(9), repeat=Repeat.MONTHLY,
             until=date(2025, 6, 30))
    )  # fmt: skip
    return a, b, tools


def _march_by_campaign(
    workspace: Workspace, today: date = date(2025, 6, 30)
) -> dict[str, Decimal | None]:
    rows = summary_with_breakdown(workspace, MARCH, "campaign", today)[1]
    return {row.label: row.figures.cost for row in rows}


def test_every_write_keeps_the_shares_in_the_file_true(workspace: Workspace) -> None:
    """Adding, editing and deleting costs and moving campaigns: the file's shares stay what
    sharing out afresh gives, and the figures follow (€9 of tools in March split 40 : 50)."""
    a, b, tools = _march_costs(workspace)
    _assert_current(workspace)
    assert _march_by_campaign(workspace) == {"A": Decimal(44), "B": Decimal(55)}

    workspace.update_cost(replace(tools, amount=Decimal(18)))  # only its category again
    _assert_current(workspace)
    assert _march_by_campaign(workspace) == {"A": Decimal(48), "B": Decimal(60)}

    workspace.update_campaign(replace(a, name="A renamed"))  # shares out nothing again
    assert not workspace.db.execute("SELECT * FROM campaign_changes").fetchall()
    _assert_current(workspace)

    workspace.update_campaign(replace(b, end=date(2025, 4, 30)))
    _assert_current(workspace)
    ads = next(c for c in workspace.costs() if c.category == CostCategory.ADVERTISING)
    assert ads.id is not None
    workspace.delete_cost(ads.id)  # March tools now all A's: 40 + 18
    _assert_current(workspace)
    assert _march_by_campaign(workspace) == {"A renamed": Decimal(58)}


def test_a_failed_write_leaves_the_shares_as_they_were(workspace: Workspace) -> None:
    """A transaction that fails writes neither the cost nor new shares."""
    _march_costs(workspace)
    before = workspace.db.execute("SELECT month, sums, runs FROM cost_shares").fetchall()
    with pytest.raises(RuntimeError), workspace.transaction():
        workspace.add_cost(Cost(date(2025, 3, 3), CostCategory.OTHER, Decimal(100)))
        raise RuntimeError("the user's import failed half-way")
    assert workspace.db.execute("SELECT month, sums, runs FROM cost_shares").fetchall() == before
    _assert_current(workspace)


def test_writes_by_another_program_are_shared_out_when_read(workspace: Workspace) -> None:
    """A cost inserted with a plain SQLite tool is logged; the engine shares its month out
    again in memory (the file untouched by reading), the next roidesk write stores it."""
    _march_costs(workspace)
    connection = sqlite3.connect(workspace.path)
    connection.execute(
        "INSERT INTO costs (start_date, category, amount) VALUES ('2025-03-20', 'other', 300000)"
    )
    connection.commit()
    connection.close()
    clear_cache(saved=workspace)
    before = workspace.path.read_bytes()
    assert summarize(workspace, MARCH, date(2025, 6, 30)).cost == Decimal(40 + 50 + 9 + 30)
    assert context(workspace, date(2025, 6, 30)).ledger_from == "stored"
    assert workspace.path.read_bytes() == before
    workspace.add_client(Client("Café Nord"))  # any roidesk write
    _assert_current(workspace)


def test_a_file_of_the_previous_format_gets_its_shares_when_opened(workspace: Workspace) -> None:
    """Opening a file written before the file kept shares (format 5) shares out its costs once,
    after the usual backup."""
    _march_costs(workspace)
    path = workspace.path
    workspace.db.execute("DELETE FROM cost_shares")
    workspace.db.execute("UPDATE cost_ledger SET horizon = NULL")
    workspace.db.execute("PRAGMA user_version = 5")
    workspace.db.execute(
        "DELETE FROM _sqlite_migrations WHERE name IN ('0006_cost_shares', '0008_bulk_cost_insert')"
    )
    for statement in (
        "DROP TABLE cost_ledger", "DROP TABLE cost_shares", "DROP TABLE cost_changes",
        "DROP TABLE campaign_changes", "DROP TABLE bulk_cost_insert",
        *(f"DROP TRIGGER {t}_{e}_change" for t in ("costs", "campaigns")
          for e in ("insert", "update", "delete")),
    ):  # fmt: skip
        workspace.db.execute(statement)
    workspace.db.conn.commit()
    workspace.close()
    with Workspace.open(path) as reopened:
        _assert_current(reopened)
        assert _march_by_campaign(reopened) == {"A": Decimal(44), "B": Decimal(55)}
    assert path.with_name(f"{path.name}.v5.bak").exists()


def test_a_later_day_and_an_ad_cost_share_out_what_they_touch(workspace: Workspace) -> None:
    """The next write on a later day also shares out the months a monthly cost without an end
    gained, and an ad cost of a campaign the months of its dates (no record made of it)."""
    a, _, _ = _march_costs(workspace)
    workspace.add_cost(
        Cost(date(2025, 1, 5), CostCategory.TOOLS, Decimal(12), repeat=Repeat.MONTHLY)
    )
    workspace.db.execute(
        "INSERT INTO costs (start_date, campaign_id, platform, category, amount) "
        f"VALUES ('2025-05-07', {a.id}, 'Instagram', 'advertising', 200000)"
    )
    cost_shares.refresh(workspace, today=date(2030, 2, 10))
    workspace.db.conn.commit()
    _assert_current(workspace)
    stored = cost_shares.read(workspace.db)
    assert stored is not None and stored.horizon == date(2030, 2, 10)
    assert stored.ledger.last_day() == date(2030, 2, 5)  # the €12 of 5 February 2030


def test_after_an_edit_the_engine_reads_the_months_the_write_shared_out(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine does not share out again what the edit's own transaction just stored: it
    reads those months, and the figures are those of sharing out afresh (€9 + €9 → €18).
    (Campaign A runs to 2099, so the horizon — the latest date known — is the same for the
    write and the engine, whatever the day.)"""
    from roidesk.engine import state

    a, _, tools = _march_costs(workspace)
    workspace.update_campaign(replace(a, end=date(2099, 12, 31)))
    today = date(2025, 6, 30)
    assert _march_by_campaign(workspace, today) == {"A": Decimal(44), "B": Decimal(55)}
    workspace.update_cost(replace(tools, amount=Decimal(18)))

    def refused(*_: object) -> None:
        raise AssertionError("shared out again in memory")

    with monkeypatch.context() as patched:
        patched.setattr(state, "reshare", refused)
        assert _march_by_campaign(workspace, today) == {"A": Decimal(48), "B": Decimal(60)}
    ctx = context(workspace, today)
    assert ctx.ledger_from == "updated"
    fresh = allocate(workspace.costs(), workspace.campaigns(), ctx.horizon)
    assert units_per_key_and_day(ctx.ledger) == units_per_key_and_day(fresh)


def test_an_import_and_its_undo_keep_the_shares_true(workspace: Workspace) -> None:
    """An import's ad spend (bulk rows of a batch) and the undo that removes it with the batch
    (a cascade, which fires the triggers too): the file's shares follow both."""
    from roidesk.core.records import ImportBatch

    a, b, _ = _march_costs(workspace)
    with workspace.bulk_transaction():
        batch = workspace.add_import_batch(ImportBatch("ads.csv", "f1", "2025-07-01", "export"))
        workspace.add_cost_rows(
            ["start_date", "campaign_id", "platform", "category", "amount", "batch_id"],
            [
                ["2025-03-05", b.id, "Facebook", "advertising", 400000, batch.id],
                ["2025-04-05", a.id, "Instagram", "advertising", 100000, batch.id],
            ],
        )
    _assert_current(workspace)
    # March tools €9 now split A 40 : B 90 (50 + 40 of imported spend): 90,000 units × 40/130
    # = 27,692.3 and × 90/130 = 62,307.7; the unit left over goes to the larger remainder (B)
    assert _march_by_campaign(workspace) == {
        "A": Decimal("42.7692"),
        "B": Decimal("96.2308"),
    }
    assert batch.id is not None
    workspace.delete_import_batch(batch.id)
    _assert_current(workspace)
    assert _march_by_campaign(workspace) == {"A": Decimal(44), "B": Decimal(55)}


def _costs_token(workspace: Workspace) -> int:
    return workspace.db.execute("SELECT token FROM revisions WHERE name = 'costs'").fetchone()[0]


def test_a_bulk_insert_logs_its_costs_as_the_triggers_would(workspace: Workspace) -> None:
    """roidesk's bulk insert of costs logs them in one statement: the same log rows and a new
    costs token as the row-by-row triggers give a plain insert of the same rows."""
    a, b, _ = _march_costs(workspace)
    columns = ["start_date", "campaign_id", "platform", "category", "description", "amount"]
    rows = [
        ["2025-03-05", b.id, "Facebook", "advertising", "ads", 400_000],
        ["2025-04-05", a.id, "Instagram", "advertising", "", 100_000],
    ]
    logged = "SELECT * FROM cost_changes ORDER BY rowid"
    with workspace.transaction():
        token = _costs_token(workspace)
        assert workspace.add_cost_rows(columns, rows) == 2
        in_bulk = workspace.db.execute(logged).fetchall()
        assert _costs_token(workspace) != token
        assert not workspace.db.execute("SELECT * FROM bulk_cost_insert").fetchall()
        workspace.db.execute("DELETE FROM cost_changes WHERE id > 3")
        workspace.db.conn.executemany(
            f"INSERT INTO costs ({', '.join(columns)}) VALUES (?, ?, ?, ?, ?, ?)", rows
        )
        by_triggers = workspace.db.execute(logged).fetchall()
    assert in_bulk == [
        (4, "2025-03-05", None, "none", None, b.id, "Facebook", "advertising", "ads", 400_000,
         None, None, None),
        (5, "2025-04-05", None, "none", None, a.id, "Instagram", "advertising", "", 100_000,
         None, None, None),
    ]  # fmt: skip
    assert by_triggers == [(6, *in_bulk[0][1:]), (7, *in_bulk[1][1:])]
    _assert_current(workspace)
    # March: tools €9 split A 40 : B 130 (50 + the €40 inserted twice): 90,000 units × 40/170
    # = 21,176.5 and × 130/170 = 68,823.5; the unit left over goes to B (remainder .53 > .47)
    assert _march_by_campaign(workspace) == {"A": Decimal("42.1176"), "B": Decimal("136.8824")}


def test_a_failed_bulk_insert_leaves_the_triggers_logging(workspace: Workspace) -> None:
    """A bulk insert refused half-way (a campaign that does not exist) writes and logs
    nothing, and leaves no mark that would keep the triggers from logging later writes."""
    _march_costs(workspace)
    with pytest.raises(sqlite3.IntegrityError):
        workspace.add_cost_rows(
            ["start_date", "campaign_id", "category", "amount"],
            [["2025-03-05", 1, "advertising", 1], ["2025-03-06", 99, "advertising", 1]],
        )
    assert workspace.db.execute("SELECT count(*) FROM costs").fetchone()[0] == 3
    assert not workspace.db.execute("SELECT * FROM bulk_cost_insert").fetchall()
    connection = sqlite3.connect(workspace.path)
    connection.execute(
        "INSERT INTO costs (start_date, category, amount) VALUES ('2025-03-20', 'other', 300000)"
    )
    connection.commit()
    assert connection.execute("SELECT start_date FROM cost_changes").fetchall() == [("2025-03-20",)]
    connection.close()
