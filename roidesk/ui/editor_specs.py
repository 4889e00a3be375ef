"""What each editor shows: its columns, its repository methods, its rules and its new row.

One function per editor returns a :class:`RecordStore` and the :class:`Column` list; the
:class:`EditorContext` keeps the names of campaigns and clients for the choice columns.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from roidesk.core.benchmarks import (
    BENCHMARK_KPIS,
    shipped_benchmarks,
    shown_benchmark,
    target_hint,
)
from roidesk.core.money import NumberStyle, figure_kind
from roidesk.core.records import (
    COUNT_METRICS,
    VALUED_METRICS,
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
    Valuation,
)
from roidesk.core.valuations import default_applies_to, range_problem
from roidesk.engine.goals import figure_name
from roidesk.engine.state import context
from roidesk.storage import Workspace, WorkspaceError
from roidesk.ui.record_model import Column, ColumnKind, RecordStore
from roidesk.ui.text import tr


#: Human names of result metrics and goal KPIs (the stored value is the figure name).
def metric_labels() -> dict[str, str]:
    """Metric name → label shown to the user."""
    return {
        "impressions": tr("Impressions"),
        "reach": tr("Reach"),
        "engagements": tr("Engagements"),
        "followers_gained": tr("Followers gained"),
        "link_clicks": tr("Link clicks"),
        "sessions": tr("Sessions"),
        "leads": tr("Leads"),
        "conversions": tr("Conversions"),
        "new_customers": tr("New customers"),
        "revenue": tr("Revenue"),
    }


def kpi_labels() -> dict[str, str]:
    """Goal KPI (figure name) → label."""
    return {
        **metric_labels(),
        "total_return": tr("Total return"),
        "net_return": tr("Net return"),
        "roi_total": tr("ROI (total)"),
        "roi_direct": tr("ROI (direct)"),
        "roas": tr("ROAS"),
        "engagement_rate": tr("Engagement rate"),
        "ctr": tr("CTR"),
        "conversion_rate": tr("Conversion rate"),
        "cpc": tr("CPC"),
        "cpl": tr("CPL"),
        "cpa": tr("CPA"),
        "cac": tr("CAC"),
    }


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class EditorContext:
    """Names of campaigns and clients for choice columns; today's date (injectable)."""

    def __init__(self, workspace: Workspace, today: Callable[[], date] = date.today) -> None:
        self.workspace = workspace
        self.today = today
        self.campaign_names: dict[int, str] = {}
        self.client_names: dict[int, str] = {}
        self.refresh()

    def data_start(self) -> date:
        """Where the data starts: the earliest result's date, else today (a new valuation is
        valid from there, so it values every result unless the user says otherwise)."""
        span = context(self.workspace, self.today()).span
        return span[0] if span is not None else self.today()

    def refresh(self) -> None:
        """Read the names again (after campaigns or clients changed)."""
        self.campaign_names = {c.id: c.name for c in self.workspace.campaigns() if c.id}
        self.client_names = {c.id: c.name for c in self.workspace.clients() if c.id}

    def campaign_choices(self) -> list[tuple[str, Any]]:
        """Campaigns, after a blank "general" choice."""
        return [(tr("(general)"), None), *_by_name(self.campaign_names)]

    def client_choices(self) -> list[tuple[str, Any]]:
        """Clients, after a blank choice."""
        return [("", None), *_by_name(self.client_names)]


def _by_name(names: dict[int, str]) -> list[tuple[str, Any]]:
    return sorted(((name, key) for key, name in names.items()), key=lambda p: p[0].casefold())


def _enum_choices(kind: Any, blank: bool = False) -> Callable[[], list[tuple[str, Any]]]:
    def choices() -> list[tuple[str, Any]]:
        options = [(tr(member.value.capitalize()), member) for member in kind]
        return ([("", None)] if blank else []) + options

    return choices


def _unique_name(existing: set[str], stem: str) -> str:
    names = {name.casefold() for name in existing}
    if stem.casefold() not in names:
        return stem
    number = 2
    while f"{stem} {number}".casefold() in names:
        number += 1
    return f"{stem} {number}"


def _money_not_negative(record: Any, *keys: str) -> list[tuple[str, str]]:
    return [
        (key, tr("must not be negative"))
        for key in keys
        if getattr(record, key) is not None and getattr(record, key) < 0
    ]


# ---------------------------------------------------------------------- campaigns
def campaign_editor(ctx: EditorContext) -> tuple[RecordStore, list[Column]]:
    """Campaigns: name, client, platforms, objective, dates (three months), budget, status."""
    ws = ctx.workspace

    def validate(record: Campaign) -> list[tuple[str, str]]:
        problems = []
        for cid, name in ctx.campaign_names.items():
            if cid != record.id and name.casefold() == record.name.strip().casefold():
                problems.append(("name", tr("another campaign is already called that")))
        if record.end < record.start:
            problems += [("end", tr("the end is before the start"))]
            problems += [("start", tr("the start is after the end"))]
        return problems + _money_not_negative(record, "budget")

    def new_record() -> Campaign:
        start = ctx.today()
        name = _unique_name(set(ctx.campaign_names.values()), tr("New campaign"))
        return Campaign(name, start, add_months(start, 3) - timedelta(days=1))

    store = RecordStore(
        noun=tr("campaign"),
        load=ws.campaigns,
        add=ws.add_campaign,
        update=ws.update_campaign,
        delete=lambda r: ws.delete_campaign(r.id),
        new_record=new_record,
        validate=validate,
        transaction=ws.transaction,
    )
    columns = [
        Column("name", tr("Name"), ColumnKind.TEXT, required=True),
        Column("client_id", tr("Client"), ColumnKind.CHOICE, ctx.client_choices),
        Column(
            "platforms",
            tr("Platforms"),
            ColumnKind.PLATFORMS,
            tooltip=tr("Comma-separated, e.g. Facebook, Instagram"),
        ),
        Column("objective", tr("Objective"), ColumnKind.CHOICE, _enum_choices(Objective, True)),
        Column("start", tr("Start"), ColumnKind.DATE, required=True),
        Column("end", tr("End"), ColumnKind.DATE, required=True),
        Column("budget", tr("Budget"), ColumnKind.MONEY),
        Column("status", tr("Status"), ColumnKind.CHOICE, _enum_choices(CampaignStatus), True),
        Column("notes", tr("Notes"), ColumnKind.TEXT),
    ]
    return store, columns


# ---------------------------------------------------------------------- goals
def goal_unit(goal: Goal) -> str:
    """The unit a goal's baseline and target are shown and typed in: its KPI's (a CTR goal
    of 1.5 % is typed 1.5 and stored 0.015, as every ratio is)."""
    kind = figure_kind(figure_name(goal.kpi))
    return kind if kind in ("money", "percent") else "number"


def goal_target_hint(ctx: EditorContext, goal: Goal) -> str:
    """A target from published benchmarks for the goal's KPI: the industry setting's row for
    the first of the campaign's platforms that has one ("" where none does)."""
    name = figure_name(goal.kpi)
    if name not in BENCHMARK_KPIS:
        return ""
    state = context(ctx.workspace, ctx.today())
    settings = state.settings
    if not settings.industry:
        return ""
    campaign = next((c for c in state.campaigns if c.id == goal.campaign_id), None)
    platforms: tuple[str | None, ...] = (*(campaign.platforms if campaign else ()), None)
    numbers = NumberStyle(settings.currency, settings.locale)
    for platform in platforms:
        row = shown_benchmark(shipped_benchmarks(), settings.industry, platform, name)
        if row is not None:
            return target_hint(row, row.platform, numbers)
    return ""


def goal_editor(
    ctx: EditorContext, status_text: Callable[[Goal, str], str]
) -> tuple[RecordStore, list[Column]]:
    """Goals: campaign, KPI, baseline, target, deadline; actual, progress and pace computed."""
    ws = ctx.workspace

    def validate(record: Goal) -> list[tuple[str, str]]:
        if record.target == record.baseline:
            message = tr("target and baseline are equal: there is nothing to progress")
            return [("target", message), ("baseline", message)]
        return []

    def new_record() -> Goal:
        campaigns = ws.campaigns()
        if not campaigns:
            raise WorkspaceError(tr("Add a campaign first: every goal belongs to one."))
        latest = campaigns[-1]
        assert latest.id is not None
        return Goal(latest.id, "leads", Decimal(0), Decimal(100), latest.end)

    def kpi_choices() -> list[tuple[str, Any]]:
        return [(label, name) for name, label in kpi_labels().items()]

    unit_tip = tr(
        "In the KPI's unit, as its actual shows: rates and ROI in % (type 2.5 for 2.5 %), "
        "costs per result and returns in the currency, counts as numbers"
    )

    store = RecordStore(
        noun=tr("goal"),
        load=ws.goals,
        add=ws.add_goal,
        update=ws.update_goal,
        delete=lambda r: ws.delete_goal(r.id),
        new_record=new_record,
        validate=validate,
        transaction=ws.transaction,
    )
    columns = [
        Column(
            "campaign_id",
            tr("Campaign"),
            ColumnKind.CHOICE,
            lambda: ctx.campaign_choices()[1:],
            required=True,
        ),
        Column("kpi", tr("KPI"), ColumnKind.CHOICE, kpi_choices, required=True),
        Column(
            "baseline",
            tr("Baseline"),
            ColumnKind.DECIMAL,
            required=True,
            tooltip=unit_tip,
            unit=goal_unit,
        ),
        Column(
            "target",
            tr("Target"),
            ColumnKind.DECIMAL,
            required=True,
            tooltip=unit_tip,
            unit=goal_unit,
        ),
        Column("deadline", tr("Deadline"), ColumnKind.DATE, required=True),
        Column(
            "actual",
            tr("Actual so far"),
            ColumnKind.COMPUTED,
            compute=lambda g: status_text(g, "actual"),
        ),
        Column(
            "progress",
            tr("Progress"),
            ColumnKind.COMPUTED,
            compute=lambda g: status_text(g, "progress"),
            tooltip=tr("(actual − baseline) ÷ (target − baseline)"),
        ),
        Column(
            "pace",
            tr("Pace"),
            ColumnKind.COMPUTED,
            compute=lambda g: status_text(g, "pace"),
            tooltip=tr("progress ÷ share of the time gone; 100 % = on track"),
        ),
        Column(
            "projected",
            tr("Projected at deadline"),
            ColumnKind.COMPUTED,
            compute=lambda g: status_text(g, "projected"),
        ),
        Column(
            "suggested",
            tr("Suggested target"),
            ColumnKind.COMPUTED,
            compute=lambda g: goal_target_hint(ctx, g),
            tooltip=tr(
                "From published benchmarks for your industry (Settings) and the campaign's "
                "platforms: between the median and the top quartile, with the source"
            ),
        ),
    ]
    return store, columns


# ---------------------------------------------------------------------- costs
def cost_editor(
    ctx: EditorContext, money_text: Callable[[Decimal], str]
) -> tuple[RecordStore, list[Column]]:
    """Costs: dates, repeat and until, campaign, platform, category, amount or hours × rate."""
    ws = ctx.workspace

    def validate(record: Cost) -> list[tuple[str, str]]:
        problems = _money_not_negative(record, "amount", "hours", "hourly_rate")
        if record.amount is not None and (record.hours is not None):
            message = tr("a cost has an amount or hours × rate, not both: clear one")
            problems += [("amount", message), ("hours", message)]
        if record.end is not None and record.end < record.start:
            problems += [("end", tr("the end is before the start"))]
            problems += [("start", tr("the start is after the end"))]
        if record.until is not None and record.repeat is not Repeat.MONTHLY:
            problems += [("until", tr("“until” is for monthly costs: set Repeat first"))]
        if record.until is not None and record.until < record.start:
            problems += [("until", tr("“until” is before the start"))]
        return problems

    def total(record: Cost) -> str:
        if record.amount is None and (record.hours is None or record.hourly_rate is None):
            return "—"
        text = money_text(record.total)
        return text + tr(" / month") if record.repeat is Repeat.MONTHLY else text

    store = RecordStore(
        noun=tr("cost"),
        load=ws.costs,
        add=ws.add_cost,
        update=ws.update_cost,
        delete=lambda r: ws.delete_cost(r.id),
        # Amount left empty: typing Hours and a rate must not meet "an amount or hours, not both"
        new_record=lambda: Cost(ctx.today(), CostCategory.ADVERTISING),
        validate=validate,
        transaction=ws.transaction,
    )
    columns = [
        Column("start", tr("Date"), ColumnKind.DATE, required=True),
        Column(
            "end",
            tr("End date"),
            ColumnKind.DATE,
            tooltip=tr("For a date range: the cost is spread evenly over its days"),
        ),
        Column("repeat", tr("Repeat"), ColumnKind.CHOICE, _enum_choices(Repeat), required=True),
        Column("until", tr("Until"), ColumnKind.DATE),
        Column("campaign_id", tr("Campaign"), ColumnKind.CHOICE, ctx.campaign_choices),
        Column("platform", tr("Platform"), ColumnKind.TEXT),
        Column(
            "category",
            tr("Category"),
            ColumnKind.CHOICE,
            _enum_choices(CostCategory),
            required=True,
        ),
        Column("description", tr("Description"), ColumnKind.TEXT),
        Column("amount", tr("Amount"), ColumnKind.MONEY),
        Column("hours", tr("Hours"), ColumnKind.DECIMAL),
        Column("hourly_rate", tr("Hourly rate"), ColumnKind.MONEY),
        Column(
            "total",
            tr("Total"),
            ColumnKind.COMPUTED,
            compute=total,
            tooltip=tr("Amount, or hours × hourly rate (per month when it repeats)"),
        ),
    ]
    return store, columns


# ---------------------------------------------------------------------- valuations
def valuation_editor(ctx: EditorContext) -> tuple[RecordStore, list[Column]]:
    """Valuations: metric, platform (blank = all), valid from, value per unit, note."""
    ws = ctx.workspace

    def metric_choices() -> list[tuple[str, Any]]:
        labels = metric_labels()
        out = []
        for name in VALUED_METRICS:
            label = labels[name] + (tr(" (per 1,000)") if name == "impressions" else "")
            out.append((label, name))
        return out

    store = RecordStore(
        noun=tr("valuation"),
        load=ws.valuations,
        add=ws.add_valuation,
        update=ws.update_valuation,
        delete=lambda r: ws.delete_valuation(r.id),
        new_record=lambda: Valuation("leads", ctx.data_start(), Decimal(0)),
        validate=_valuation_problems,
        transaction=ws.transaction,
    )
    columns = [
        Column("metric", tr("Metric"), ColumnKind.CHOICE, metric_choices, required=True),
        Column(
            "platform",
            tr("Platform"),
            ColumnKind.TEXT,
            tooltip=tr("Blank: every platform. A platform's own value beats a general one."),
        ),
        Column(
            "valid_from",
            tr("Valid from"),
            ColumnKind.DATE,
            required=True,
            tooltip=tr(
                "It values results from this day on, until a newer valuation of the same "
                "metric and platform starts; results before it are not valued by it"
            ),
        ),
        Column("value_per_unit", tr("Value per unit"), ColumnKind.MONEY, required=True),
        Column(
            "low",
            tr("Low"),
            ColumnKind.MONEY,
            tooltip=tr("The lowest the value may be (blank: the value). Gives ROI a range."),
        ),
        Column(
            "high",
            tr("High"),
            ColumnKind.MONEY,
            tooltip=tr("The highest the value may be (blank: the value). Gives ROI a range."),
        ),
        Column(
            "applies_to",
            tr("Applies to"),
            ColumnKind.CHOICE,
            _applies_to_choices,
            tooltip=tr(
                "Organic results only, or all (paid too). A paid click or impression is "
                "already bought at its price: valuing it again would count ad spend as value."
            ),
            empty=lambda r: tr("{choice} (default)").format(
                choice=_applies_to_labels()[default_applies_to(r.metric)]
            ),
        ),
        Column("note", tr("Note"), ColumnKind.TEXT),
    ]
    return store, columns


def _applies_to_labels() -> dict[str, str]:
    """What organic and all are called in the window."""
    return {"organic": tr("organic"), "all": tr("all")}


def _applies_to_choices() -> list[tuple[str, Any]]:
    """Blank (the metric's default), organic, all."""
    return [("", None), *((label, key) for key, label in _applies_to_labels().items())]


def _valuation_problems(record: Valuation) -> list[tuple[str, str]]:
    """No negative money; low ≤ value per unit ≤ high."""
    problems = _money_not_negative(record, "value_per_unit", "low", "high")
    found = range_problem(record.value_per_unit, record.low, record.high)
    if found is not None:
        key, _ = found
        message = (
            tr("the low value must not be above the value per unit")
            if key == "low"
            else tr("the high value must not be below the value per unit")
        )
        problems.append((key, message))
    return problems


# ---------------------------------------------------------------------- other returns
def other_return_editor(ctx: EditorContext) -> tuple[RecordStore, list[Column]]:
    """Other returns: date, amount, campaign, platform, kind, description."""
    ws = ctx.workspace
    store = RecordStore(
        noun=tr("other return"),
        load=ws.other_returns,
        add=ws.add_other_return,
        update=ws.update_other_return,
        delete=lambda r: ws.delete_other_return(r.id),
        new_record=lambda: OtherReturn(ctx.today(), Decimal(0)),
        validate=lambda r: [],
        transaction=ws.transaction,
    )
    columns = [
        Column("date", tr("Date"), ColumnKind.DATE, required=True),
        Column("amount", tr("Amount"), ColumnKind.MONEY, required=True),
        Column("campaign_id", tr("Campaign"), ColumnKind.CHOICE, ctx.campaign_choices),
        Column("platform", tr("Platform"), ColumnKind.TEXT),
        Column(
            "kind",
            tr("Kind"),
            ColumnKind.CHOICE,
            _enum_choices(OtherReturnKind, blank=True),
            tooltip=tr(
                "What the return is: support cost saved, a sale outside the shop's tracking, a"
                " referral, recruitment, a press or speaking invitation (blank: other)"
            ),
        ),
        Column("description", tr("Description"), ColumnKind.TEXT),
    ]
    return store, columns


# ---------------------------------------------------------------------- clients
def client_editor(ctx: EditorContext) -> tuple[RecordStore, list[Column]]:
    """Clients of an agency: name and notes."""
    ws = ctx.workspace

    def validate(record: Client) -> list[tuple[str, str]]:
        for cid, name in ctx.client_names.items():
            if cid != record.id and name.casefold() == record.name.strip().casefold():
                return [("name", tr("another client is already called that"))]
        return []

    store = RecordStore(
        noun=tr("client"),
        load=ws.clients,
        add=ws.add_client,
        update=ws.update_client,
        delete=lambda r: ws.delete_client(r.id),
        new_record=lambda: Client(_unique_name(set(ctx.client_names.values()), tr("New client"))),
        validate=validate,
        transaction=ws.transaction,
    )
    columns = [
        Column("name", tr("Name"), ColumnKind.TEXT, required=True),
        Column("notes", tr("Notes"), ColumnKind.TEXT),
    ]
    return store, columns


# ---------------------------------------------------------------------- results
def result_columns(ctx: EditorContext) -> list[Column]:
    """Results: date, campaign, platform, source, content type, content, every count and
    revenue."""
    labels = metric_labels()
    columns = [
        Column("date", tr("Date"), ColumnKind.DATE, required=True),
        Column("campaign_id", tr("Campaign"), ColumnKind.CHOICE, ctx.campaign_choices),
        Column("platform", tr("Platform"), ColumnKind.TEXT),
        Column(
            "source",
            tr("Source"),
            ColumnKind.CHOICE,
            lambda: [("", None), (tr("paid"), "paid"), (tr("organic"), "organic")],
            tooltip=tr("Paid: bought through an ad platform. Organic: unpaid posts and traffic."),
            empty=lambda r: tr("organic (default)"),
        ),
        Column(
            "content_type", tr("Content type"), ColumnKind.CHOICE, _enum_choices(ContentType, True)
        ),
        Column(
            "content",
            tr("Content"),
            ColumnKind.TEXT,
            tooltip=tr("The post or ad: its name, link or first line of its caption."),
        ),
    ]
    columns += [Column(name, labels[name], ColumnKind.COUNT) for name in COUNT_METRICS]
    columns.append(Column("revenue", labels["revenue"], ColumnKind.MONEY))
    return columns


def result_store(ctx: EditorContext) -> RecordStore:
    """The repository methods of the Results editor."""
    from roidesk.core.records import Result

    ws = ctx.workspace
    return RecordStore(
        noun=tr("result"),
        load=lambda: [],
        add=ws.add_result,
        update=ws.update_result,
        delete=lambda r: ws.delete_results([r.id]),
        new_record=lambda: Result(ctx.today()),
        validate=lambda r: _money_not_negative(r, "revenue"),
        transaction=ws.transaction,
    )


def without_id(record: Any) -> Any:
    """A copy of a record without its id (to add it as a new row)."""
    return replace(record, id=None)
