"""A workspace workbook imported: every cell checked first (:mod:`.plan`), then all of it
written in one transaction, or nothing. Clients and campaigns are matched by name
(case-insensitive), else created; goals, valuations and other returns already there are kept
once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from roidesk.core.problems import InputError, Problem
from roidesk.core.records import (
    Campaign,
    Client,
    Cost,
    Goal,
    ImportBatch,
    OtherReturn,
    Result,
    Settings,
)
from roidesk.sheets import contract as c
from roidesk.sheets.batches import earlier_import
from roidesk.sheets.workbook.cells import SheetRows, read_contract_sheets
from roidesk.sheets.workbook.plan import Plan, make_plan
from roidesk.storage import Workspace


@dataclass
class WorkbookImport:
    """What an import of a workspace workbook wrote."""

    counts: dict[str, int]
    created_campaigns: list[str]
    batch_id: int | None


def import_workbook(
    workspace: Workspace,
    path: str | Path,
    *,
    replace: bool = False,
    sheets: dict[str, SheetRows] | None = None,
) -> WorkbookImport:
    """Import a workspace workbook: every cell checked first, then all of it in one transaction.

    Raises :class:`InputError` listing every bad cell (sheet, row, column, reason); nothing is
    written then.
    """
    path = Path(path)
    if sheets is None:
        sheets = read_contract_sheets(path)
    if sheets is None:
        raise InputError(
            Problem("no sheet of the workspace workbook (Campaigns, Costs, Results, …)", path.name)
        )
    plan = make_plan(sheets, path.name)
    if plan.problems:
        raise InputError(plan.problems)
    digest, earlier = earlier_import(workspace, path, replace=replace)
    with workspace.transaction():
        if earlier is not None and earlier.id is not None:
            workspace.delete_import_batch(earlier.id)
        return _Writer(workspace, plan).write(path.name, digest)


class _Writer:
    """One plan written into a workspace, counting what it adds."""

    def __init__(self, workspace: Workspace, plan: Plan) -> None:
        self.workspace, self.plan = workspace, plan
        self.counts = dict.fromkeys(c.COLUMNS, 0)
        self.created: list[str] = []
        self.client_ids = {x.name.casefold(): _id(x.id) for x in workspace.clients()}
        self.campaign_ids = {x.name.casefold(): _id(x.id) for x in workspace.campaigns()}

    def write(self, source: str, digest: str) -> WorkbookImport:
        """Settings, clients, campaigns, then the batch's costs and results, then the rest."""
        workspace, plan, counts = self.workspace, self.plan, self.counts
        if plan.settings:
            self._settings()
        for client in plan.clients:
            if client.name.casefold() not in self.client_ids:
                self.client_ids[client.name.casefold()] = _id(workspace.add_client(client).id)
                counts[c.CLIENTS] += 1
        for campaign, client_name in plan.campaigns:
            if campaign.name.casefold() not in self.campaign_ids:
                self._add_campaign(campaign, client_name)
        batch_id = _id(
            workspace.add_import_batch(
                ImportBatch(
                    source=source,
                    fingerprint=digest,
                    imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    kind="workbook",
                    rows=len(plan.costs) + len(plan.results),
                )
            ).id
        )
        self._goals()
        counts[c.COSTS] = workspace.add_costs(
            Cost(**{**_fields(x), "campaign_id": self.campaign_id(name), "batch_id": batch_id})
            for x, name in plan.costs
        )
        counts[c.RESULTS] = workspace.add_results(
            Result(**{**_fields(x), "campaign_id": self.campaign_id(name), "batch_id": batch_id})
            for x, name in plan.results
        )
        self._valuations_and_other_returns()
        return WorkbookImport(counts=counts, created_campaigns=self.created, batch_id=batch_id)

    def _settings(self) -> None:
        current = self.workspace.settings()
        values = {name: getattr(current, name) for name in c.SETTING_ROWS.values()}
        values.update(self.plan.settings)
        self.workspace.save_settings(Settings(**{**values, "locale": current.locale}))

    def client_id(self, name: str | None) -> int | None:
        """The id of the client named ``name`` (case-insensitive), created if new."""
        if not name:
            return None
        key = name.casefold()
        if key not in self.client_ids:
            self.client_ids[key] = _id(self.workspace.add_client(Client(name=name)).id)
        return self.client_ids[key]

    def _add_campaign(self, campaign: Campaign, client_name: str | None) -> None:
        fields = {**_fields(campaign), "client_id": self.client_id(client_name)}
        stored = self.workspace.add_campaign(Campaign(**fields))
        self.campaign_ids[campaign.name.casefold()] = _id(stored.id)
        self.counts[c.CAMPAIGNS] += 1

    def campaign_id(self, name: str | None) -> int | None:
        """The id of the campaign named ``name``, created over its rows' days if new."""
        if not name:
            return None
        key = name.casefold()
        if key not in self.campaign_ids:
            days = sorted(self.plan.dates_of.get(key, [])) or [datetime.now(UTC).date()]
            stored = self.workspace.add_campaign(Campaign(name=name, start=days[0], end=days[-1]))
            self.campaign_ids[key] = _id(stored.id)
            self.created.append(name)
        return self.campaign_ids[key]

    def _goals(self) -> None:
        existing = {_key(g) for g in self.workspace.goals()}
        for goal, name in self.plan.goals:
            stored = Goal(**{**_fields(goal), "campaign_id": self.campaign_id(name)})
            if _key(stored) not in existing:
                self.workspace.add_goal(stored)
                self.counts[c.GOALS] += 1

    def _valuations_and_other_returns(self) -> None:
        existing = {_key(v) for v in self.workspace.valuations()}
        for valuation in self.plan.valuations:
            if _key(valuation) not in existing:
                self.workspace.add_valuation(valuation)
                self.counts[c.VALUATIONS] += 1
        existing = {_key(o) for o in self.workspace.other_returns()}
        for other, name in self.plan.other_returns:
            stored = OtherReturn(**{**_fields(other), "campaign_id": self.campaign_id(name)})
            if _key(stored) not in existing:
                self.workspace.add_other_return(stored)
                self.counts[c.OTHER_RETURNS] += 1


def _id(record_id: int | None) -> int:
    """A stored record's id (stored records have one)."""
    assert record_id is not None
    return record_id


def _fields(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__ if name != "id"}


def _key(record: Any) -> tuple[Any, ...]:
    return tuple(_fields(record).values())
