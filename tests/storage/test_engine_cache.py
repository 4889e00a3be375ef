"""The saved cost ledger: reused by the next run of an unchanged file, never a stale one."""

from __future__ import annotations

import marshal
from datetime import date
from decimal import Decimal

from roidesk.core.costs import CostLedger
from roidesk.core.figures import Query
from roidesk.core.records import Campaign, Cost, CostCategory, Repeat
from roidesk.engine import summarize
from roidesk.engine.summary import clear_cache, context
from roidesk.storage import Workspace, engine_cache

TODAY = date(2025, 6, 30)


def _costs(workspace: Workspace) -> None:
    campaign = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 6, 30)))
    workspace.add_cost(
        Cost(date(2025, 1, 15), CostCategory.STAFF, Decimal(40), repeat=Repeat.MONTHLY,
             campaign_id=campaign.id)
    )  # fmt: skip
    workspace.add_cost(Cost(date(2025, 2, 1), CostCategory.TOOLS, Decimal(9)))  # once


def test_the_next_run_on_an_unchanged_file_reuses_the_saved_ledger(workspace: Workspace) -> None:
    """Costs are shared out once; a later run (fresh engine state) reads them back, same figures."""
    _costs(workspace)
    first = summarize(workspace, Query(), TODAY)
    assert context(workspace, TODAY).costs is not None  # built here
    clear_cache()
    again = summarize(workspace, Query(), TODAY)
    assert context(workspace, TODAY).costs is None  # read back
    assert again == first
    assert again.cost == Decimal(40 * 6 + 9)


def test_a_file_changed_between_runs_never_gets_the_old_ledger(workspace: Workspace) -> None:
    """A cost added while the engine was not looking changes the token: the ledger is rebuilt."""
    _costs(workspace)
    summarize(workspace, Query(), TODAY)
    clear_cache()
    with Workspace.open(workspace.path) as other:
        other.add_cost(Cost(date(2025, 3, 3), CostCategory.OTHER, Decimal(100)))
    assert summarize(workspace, Query(), TODAY).cost == Decimal(40 * 6 + 9 + 100)


def test_a_damaged_cache_file_is_ignored_and_the_workspace_never_written(
    workspace: Workspace,
) -> None:
    """Garbage in the cache folder changes nothing; reading figures leaves the file as it was."""
    _costs(workspace)
    before = workspace.path.read_bytes()
    summarize(workspace, Query(), TODAY)
    engine_cache._file_for(workspace.path).write_bytes(b"\x00not marshal")
    clear_cache()
    assert summarize(workspace, Query(), TODAY).cost == Decimal(40 * 6 + 9)
    assert workspace.path.read_bytes() == before


def test_a_ledger_read_back_equals_the_one_saved(workspace: Workspace) -> None:
    """Runs, month sums and first/last day survive the round trip through the cache file."""
    _costs(workspace)
    ledger = context(workspace, TODAY).ledger
    again = CostLedger.from_plain(marshal.loads(marshal.dumps(ledger.to_plain())))
    assert again.to_plain() == ledger.to_plain()
    assert (again.first_day(), again.last_day()) == (date(2025, 1, 15), date(2025, 6, 15))
    assert again.key_totals(None, None, None) == ledger.key_totals(None, None, None)
