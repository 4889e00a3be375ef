"""Between runs: the cost ledger the file keeps and the result sums saved in the cache folder
are reused by the next run, never stale ones."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from roidesk.core.costs import CostLedger
from roidesk.core.figures import Query
from roidesk.core.records import Campaign, Cost, CostCategory, Repeat
from roidesk.engine import summarize, summary_with_breakdown
from roidesk.engine.state import clear_cache, context
from roidesk.storage import Workspace, engine_cache

TODAY = date(2025, 6, 30)


def _costs(workspace: Workspace) -> None:
    campaign = workspace.add_campaign(Campaign("A", date(2025, 1, 1), date(2025, 6, 30)))
    workspace.add_cost(
        Cost(date(2025, 1, 15), CostCategory.STAFF, Decimal(40), repeat=Repeat.MONTHLY,
             campaign_id=campaign.id)
    )  # fmt: skip
    workspace.add_cost(Cost(date(2025, 2, 1), CostCategory.TOOLS, Decimal(9)))  # once


def test_the_next_run_on_an_unchanged_file_reuses_the_ledger_it_keeps(workspace: Workspace) -> None:
    """Costs are shared out as they are written; each run reads them back, same figures."""
    _costs(workspace)
    first = summarize(workspace, Query(), TODAY)
    assert context(workspace, TODAY).ledger_from == "stored"
    clear_cache(saved=workspace)
    again = summarize(workspace, Query(), TODAY)
    assert context(workspace, TODAY).ledger_from == "stored"
    assert again == first
    assert again.cost == Decimal(40 * 6 + 9)


def test_a_file_changed_between_runs_never_gets_the_old_ledger(workspace: Workspace) -> None:
    """A cost added while the engine was not looking changes the token: the ledger is rebuilt."""
    _costs(workspace)
    summarize(workspace, Query(), TODAY)
    clear_cache()
    with Workspace.open(workspace.path) as other:
        other.add_cost(Cost(date(2025, 3, 3), CostCategory.OTHER, Decimal(100)))
    figures = summarize(workspace, Query(), TODAY)
    assert figures.cost == Decimal(40 * 6 + 9 + 100)
    # the other roidesk shared out March again as it wrote: the file's ledger is current
    assert context(workspace, TODAY).ledger_from == "stored"
    clear_cache(saved=workspace)
    assert summarize(workspace, Query(), TODAY) == figures  # as sharing out everything


def test_a_campaign_changed_between_runs_reshares_its_months(workspace: Workspace) -> None:
    """A campaign's dates moved by another program: its general costs go where they now belong."""
    from dataclasses import replace

    campaign = workspace.add_campaign(Campaign("B", date(2025, 1, 1), date(2025, 1, 31)))
    other_campaign = workspace.add_campaign(Campaign("C", date(2025, 2, 1), date(2025, 2, 28)))
    workspace.add_cost(Cost(date(2025, 2, 10), CostCategory.TOOLS, Decimal(30)))  # to C
    summarize(workspace, Query(), TODAY)
    clear_cache()
    with Workspace.open(workspace.path) as other:
        other.update_campaign(replace(campaign, end=date(2025, 2, 28)))  # B runs in February too
    rows = {
        row.label: row.figures.cost
        for row in summary_with_breakdown(workspace, Query(), "campaign", TODAY)[1]
    }
    assert context(workspace, TODAY).ledger_from == "stored"
    assert rows == {"B": Decimal(15), "C": Decimal(15)}  # €30 shared by two running campaigns
    assert other_campaign.id is not None


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


def test_a_ledger_read_back_equals_the_one_written(workspace: Workspace) -> None:
    """Runs, month sums and first/last day survive the round trip through the file's JSON."""
    _costs(workspace)
    ledger = context(workspace, TODAY).ledger
    written = json.dumps(list(ledger.month_entries()))
    again = CostLedger.from_stored(
        (month, [entry[:4] for entry in entries], lambda e=entries: [x[4] for x in e])
        for month, entries in json.loads(written)
    )
    assert json.dumps(sorted(again.month_entries())) == json.dumps(sorted(json.loads(written)))
    assert (again.first_day(), again.last_day()) == (date(2025, 1, 15), date(2025, 6, 15))
    assert again.key_totals(None, None, None) == ledger.key_totals(None, None, None)


def _cut_month(
    workspace: Workspace,
    clicks: dict[date, int] | None = None,
    runs: tuple[date, date] = (date(2025, 3, 1), date(2025, 3, 31)),
) -> int:
    """A campaign running ``runs`` with Facebook link ``clicks`` per day (10 on 10 March and
    30 on 20 March unless given) and a click value of €0.50 that starts on 15 March."""
    from roidesk.core.records import Result, Valuation

    campaign = workspace.add_campaign(Campaign("B", *runs))
    assert campaign.id is not None
    clicks = clicks or {date(2025, 3, 10): 10, date(2025, 3, 20): 30}
    workspace.add_results(
        [Result(day, "Facebook", campaign.id, link_clicks=n) for day, n in clicks.items()]
    )
    workspace.add_valuation(Valuation("link_clicks", date(2025, 3, 15), Decimal("0.50")))
    return campaign.id


def test_the_next_run_reuses_the_partial_month_sums_a_valuation_cut(workspace: Workspace) -> None:
    """A month cut mid-way by a valuation is read from the rows once, not again by the next run."""
    _cut_month(workspace)
    first = summarize(workspace, Query(), TODAY)
    assert first.valued_return == Decimal(15)  # only the 30 clicks after 15 March: 30 × 0.50
    pieces = dict(context(workspace, TODAY).pieces)
    assert set(pieces) == {
        (date(2025, 3, 1), date(2025, 3, 14)),  # the two sides of March, kept in the file
        (date(2025, 3, 15), date(2025, 3, 31)),
        (date(2025, 3, 10), date(2025, 3, 14)),
        (date(2025, 3, 15), date(2025, 3, 20)),
    }
    clear_cache()
    assert context(workspace, TODAY).pieces == pieces  # read back, before any question
    assert summarize(workspace, Query(), TODAY) == first


def test_saved_sums_of_a_month_changed_between_runs_are_not_used(workspace: Workspace) -> None:
    """Rows added to the cut month by another program: the next run reads that month again."""
    from roidesk.core.records import Result

    campaign_id = _cut_month(workspace)
    summarize(workspace, Query(), TODAY)
    clear_cache()
    with Workspace.open(workspace.path) as other:
        other.add_results([Result(date(2025, 3, 25), "Facebook", campaign_id, link_clicks=8)])
    ctx = context(workspace, TODAY)
    # March's token changed: nothing of it kept but the sides the other roidesk summed again
    assert set(ctx.pieces) == {
        (date(2025, 3, 1), date(2025, 3, 14)),
        (date(2025, 3, 15), date(2025, 3, 31)),
    }
    assert summarize(workspace, Query(), TODAY).valued_return == Decimal(19)  # 38 × 0.50


def test_a_later_day_extends_the_saved_ledger_instead_of_sharing_out_again(
    workspace: Workspace,
) -> None:
    """Monthly costs without an end run to today: €40 and €5 a month, 6 months by 30 June, 8 by
    31 August (plus €9 once)."""
    _costs(workspace)
    workspace.add_cost(
        Cost(date(2025, 1, 1), CostCategory.TOOLS, Decimal(5), repeat=Repeat.MONTHLY)
    )
    assert summarize(workspace, Query(), TODAY).cost == Decimal(40 * 6 + 9 + 5 * 6)
    clear_cache()
    later = date(2025, 8, 31)
    figures = summarize(workspace, Query(), later)
    assert context(workspace, later).ledger_from == "stored"
    assert figures.cost == Decimal(40 * 8 + 9 + 5 * 8)
    clear_cache(saved=workspace)
    assert summarize(workspace, Query(), later) == figures  # the same as sharing out afresh


def test_a_cost_edit_right_after_opening_uses_the_saved_ledger_correctly(
    workspace: Workspace,
) -> None:
    """The first edit after a run that read the ledger back gives the same cost as from scratch."""
    _costs(workspace)
    summarize(workspace, Query(), TODAY)
    clear_cache()
    summarize(workspace, Query(), TODAY)  # ledger read back, cost records never made
    tools = next(c for c in workspace.costs() if c.category == CostCategory.TOOLS)
    from dataclasses import replace

    workspace.update_cost(replace(tools, amount=Decimal(19)))
    assert summarize(workspace, Query(), TODAY).cost == Decimal(40 * 6 + 19)
    assert context(workspace, TODAY).ledger_from == "updated"


def test_what_is_kept_for_workspaces_long_unused_is_removed(workspace: Workspace) -> None:
    """Saving for one workspace removes the files of workspaces not opened for 60 days (and the
    ledgers folder of the previous version)."""
    import os
    import time

    _costs(workspace)
    old = engine_cache._file_for(workspace.path.with_name("old.roidesk"))
    recent = engine_cache._file_for(workspace.path.with_name("recent.roidesk"))
    old.parent.mkdir(parents=True, exist_ok=True)
    for path, days in ((old, 61), (recent, 59)):
        path.write_bytes(b"x")
        stamp = time.time() - days * 24 * 3600
        os.utime(path, (stamp, stamp))
    legacy = old.parent.parent / "ledgers"  # where the previous version kept its ledgers
    legacy.mkdir()
    (legacy / "0123.bin").write_bytes(b"x")
    summarize(workspace, Query(), TODAY)
    clear_cache()  # saves this workspace's file
    assert engine_cache._file_for(workspace.path).exists()
    assert recent.exists() and not old.exists() and not legacy.exists()


def test_a_new_run_takes_the_cut_month_from_the_file(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sides of a month a valuation cuts are summed as results are written: a new run's
    first question reads no rows for them, (30 + 100) × 0.50; after another program changed
    that month, it reads them again."""
    from roidesk.engine import state

    clicks = {date(2025, 1, 1): 1, date(2025, 3, 10): 10, date(2025, 3, 20): 30}
    _cut_month(workspace, clicks | {date(2025, 5, 31): 100}, (date(2025, 1, 1), date(2025, 5, 31)))
    clear_cache(saved=workspace)
    with monkeypatch.context() as patched:
        patched.setattr(state, "piece_sums", _refused)
        assert summarize(workspace, Query(), TODAY).valued_return == Decimal(65)
    connection = sqlite3.connect(workspace.path)
    connection.execute("UPDATE results SET link_clicks = 20 WHERE date = '2025-03-10'")
    connection.execute("UPDATE result_months SET link_clicks = 50 WHERE month = '2025-03'")
    connection.commit()
    connection.close()
    clear_cache(saved=workspace)
    # still (30 + 100) × 0.50: the month less the side as it is now, not as the file kept it
    assert summarize(workspace, Query(), TODAY).valued_return == Decimal(65)
    assert summarize(workspace, Query(end=date(2025, 3, 14)), TODAY).link_clicks == 21


def _refused(*_: object) -> None:
    raise AssertionError("the cut month was read from the rows")
