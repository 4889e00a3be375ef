"""A workspace workbook's rows checked and turned into records, sheet by sheet, before anything
is written: the plan an import writes (or, with any problem, does not)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

from roidesk.core.problems import Problem
from roidesk.core.records import (
    RESULT_SOURCES,
    Campaign,
    CampaignStatus,
    Client,
    ContentType,
    Cost,
    CostCategory,
    Goal,
    Objective,
    OtherReturn,
    OtherReturnKind,
    Repeat,
    Result,
    Valuation,
    canonical_platform,
)
from roidesk.core.valuations import APPLIES_TO, range_problem
from roidesk.sheets import contract as c
from roidesk.sheets.workbook.cells import Cells, SheetRows, choice_map, plain

_CATEGORIES = choice_map(CostCategory, lambda v: (v.value, c.CATEGORY_LABELS[v], v.name))
_REPEATS = choice_map(Repeat, lambda v: (v.value,))
_KINDS = choice_map(OtherReturnKind, lambda v: (v.value, c.KIND_LABELS[v], v.name))
_OBJECTIVES = choice_map(Objective, lambda v: (v.value,))
_STATUSES = choice_map(CampaignStatus, lambda v: (v.value,))
_CONTENT_TYPES = choice_map(ContentType, lambda v: (v.value, v.name.replace("_", " ")))
_METRICS = choice_map(c.METRIC_LABELS, lambda v: (v, c.METRIC_LABELS[v]))
_SOURCES = choice_map(RESULT_SOURCES, lambda v: (v,))
_APPLIES_TO = choice_map(APPLIES_TO, lambda v: (v,))


class Plan:
    """Everything parsed from a workbook, validated, ready to write."""

    def __init__(self) -> None:
        self.settings: dict[str, Any] = {}
        self.clients: list[Client] = []
        self.campaigns: list[tuple[Campaign, str | None]] = []
        self.goals: list[tuple[Goal, str]] = []
        self.costs: list[tuple[Cost, str | None]] = []
        self.results: list[tuple[Result, str | None]] = []
        self.valuations: list[Valuation] = []
        self.other_returns: list[tuple[OtherReturn, str | None]] = []
        self.problems: list[Problem] = []
        self.dates_of: dict[str, list[date]] = {}

    def note_campaign(self, name: str | None, *days: date | None) -> None:
        """Remember the days a campaign's rows name (a campaign created for them spans them)."""
        if name:
            self.dates_of.setdefault(name.casefold(), []).extend(d for d in days if d)


def make_plan(sheets: dict[str, SheetRows], file: str) -> Plan:
    """Every row of every contract sheet read into ``Plan``; its problems listed there."""
    plan = Plan()
    readers: dict[str, Callable[[Plan, Cells], None]] = {
        c.SETTINGS: _setting,
        c.CLIENTS: _client,
        c.CAMPAIGNS: _campaign,
        c.GOALS: _goal,
        c.COSTS: _cost,
        c.RESULTS: _result,
        c.VALUATIONS: _valuation,
        c.OTHER_RETURNS: _other_return,
    }
    for name, read in readers.items():
        for row in _rows(sheets.get(name), file):
            read(plan, row)
            plan.problems.extend(row.problems)
    return plan


def _rows(sheet: SheetRows | None, file: str) -> Iterator[Cells]:
    if sheet is None:
        return
    for row, cells in sheet.rows:
        yield Cells(file, sheet.name, row, cells)


def _setting_label(label: str) -> str:
    """``Currency (ISO code)`` → ``Currency``; case-insensitive."""
    bare = label.split("(")[0].strip().casefold()
    for known in c.SETTING_ROWS:
        if known.casefold() == bare:
            return known
    return label


def _setting(plan: Plan, row: Cells) -> None:
    label = row.text("Setting")
    key = c.SETTING_ROWS.get(_setting_label(label)) if label else None
    if key is None:
        row.problem("Setting", f"{label!r} is not a known setting")
        return
    if key in ("business_name", "currency"):
        text = row.text("Value")
        if key == "currency" and text is not None:
            if len(text) != 3 or not text.isalpha():
                row.problem("Value", f"{text!r} is not a three-letter ISO currency code")
                return
            text = text.upper()
        if text is not None:
            plan.settings[key] = text
        return
    number = row.decimal("Value", minimum=Decimal(0))
    if key == "gross_margin" and number is not None and number > 1:
        row.problem("Value", f"{plain(number)} is above 1 (write 40 % as 0.4)")
        return
    plan.settings[key] = number


def _client(plan: Plan, row: Cells) -> None:
    name = row.required_text("Name")
    if name:
        plan.clients.append(Client(name=name, notes=row.text("Notes") or ""))


def _campaign(plan: Plan, row: Cells) -> None:
    name = row.required_text("Name")
    start, end = row.date("Start date", required=True), row.date("End date", required=True)
    if start and end and end < start:
        row.problem("End date", "is before the start date")
    platforms = (canonical_platform(x) for x in (row.text("Platforms") or "").split(","))
    campaign = Campaign(
        name=name or "",
        start=start or date.min,
        end=end or date.min,
        platforms=tuple(p for p in platforms if p),
        objective=row.choice("Objective", _OBJECTIVES),
        budget=row.money("Budget"),
        status=row.choice("Status", _STATUSES) or CampaignStatus.ACTIVE,
        notes=row.text("Notes") or "",
    )
    plan.campaigns.append((campaign, row.text("Client")))


def _goal(plan: Plan, row: Cells) -> None:
    campaign_name = row.required_text("Campaign")
    kpi = row.required_text("KPI")
    baseline, target = row.decimal("Baseline"), row.decimal("Target")
    deadline = row.date("Deadline", required=True)
    if baseline is None:
        row.problem("Baseline", "is empty; a number is required")
    if target is None:
        row.problem("Target", "is empty; a number is required")
    plan.note_campaign(campaign_name, deadline)
    goal = Goal(0, kpi or "", baseline or Decimal(0), target or Decimal(0), deadline or date.min)
    plan.goals.append((goal, campaign_name or ""))


def _cost(plan: Plan, row: Cells) -> None:
    start = row.date("Date", required=True)
    end, until = row.date("End date"), row.date("Until")
    repeat = row.choice("Repeat", _REPEATS) or Repeat.NONE
    amount, hours, rate = row.money("Amount"), row.money("Hours"), row.money("Hourly rate")
    _check_cost(row, start, end, until, repeat, amount, hours, rate)
    campaign_name = row.text("Campaign")
    plan.note_campaign(campaign_name, start, end)
    cost = Cost(
        start=start or date.min,
        end=end,
        repeat=repeat,
        until=until,
        category=row.choice("Category", _CATEGORIES, required=True) or CostCategory.OTHER,
        platform=canonical_platform(row.text("Platform")),
        description=row.text("Description") or "",
        amount=amount,
        hours=hours,
        hourly_rate=rate,
    )
    plan.costs.append((cost, campaign_name))


def _check_cost(
    row: Cells,
    start: date | None,
    end: date | None,
    until: date | None,
    repeat: Repeat,
    amount: Decimal | None,
    hours: Decimal | None,
    rate: Decimal | None,
) -> None:
    """A cost's cells that disagree with each other (a refused cell says enough already)."""
    if any(row.refused(column) for column in ("Amount", "Hours", "Hourly rate")):
        pass
    elif amount is None and (hours is None or rate is None):
        row.problem("Amount", "give either an amount, or hours and an hourly rate")
    elif amount is not None and (hours is not None or rate is not None):
        row.problem("Amount", "give either an amount or hours × hourly rate, not both")
    if start and end and end < start:
        row.problem("End date", "is before the date")
    if repeat is Repeat.MONTHLY and until is None:
        row.problem("Until", "a monthly cost needs an 'Until' date")
    if start and until and until < start:
        row.problem("Until", "is before the date")


def _result(plan: Plan, row: Cells) -> None:
    day = row.date("Date", required=True)
    campaign_name = row.text("Campaign")
    plan.note_campaign(campaign_name, day)
    metrics: dict[str, Any] = {name: row.count(header) for header, name in c.RESULT_FIELDS.items()}
    result = Result(
        date=day or date.min,
        platform=canonical_platform(row.text("Platform")),
        content_type=row.choice("Content type", _CONTENT_TYPES),
        revenue=row.money("Revenue"),
        source=row.choice("Source", _SOURCES),
        content=row.text("Content"),
        **metrics,
    )
    plan.results.append((result, campaign_name))


def _valuation(plan: Plan, row: Cells) -> None:
    metric = row.choice("Metric", _METRICS, required=True)
    valid_from = row.date("Valid from", required=True)
    value = row.money("Value per unit")
    if value is None:
        row.problem("Value per unit", "is empty; a number is required")
    low, high = row.money("Low"), row.money("High")
    problem = None if value is None else range_problem(value, low, high)
    if problem is not None:
        which, reason = problem
        row.problem(which.capitalize(), f"{reason}; low ≤ value per unit ≤ high")
    plan.valuations.append(
        Valuation(
            metric=metric or "",
            valid_from=valid_from or date.min,
            value_per_unit=value or Decimal(0),
            platform=canonical_platform(row.text("Platform")),
            note=row.text("Note") or "",
            low=low,
            high=high,
            applies_to=row.choice("Applies to", _APPLIES_TO),
        )
    )


def _other_return(plan: Plan, row: Cells) -> None:
    day = row.date("Date", required=True)
    amount = row.money("Amount")
    if amount is None:
        row.problem("Amount", "is empty; a number is required")
    campaign_name = row.text("Campaign")
    plan.note_campaign(campaign_name, day)
    kind = row.choice("Kind", _KINDS)  # optional: a workbook without it imports as before
    other = OtherReturn(
        date=day or date.min,
        amount=amount or Decimal(0),
        platform=canonical_platform(row.text("Platform")),
        description=row.text("Description") or "",
        kind=None if kind is None else str(kind),
    )
    plan.other_returns.append((other, campaign_name))
