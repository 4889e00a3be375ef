"""What the client report shows, gathered from the engine (no openpyxl here).

:func:`gather` asks the engine once for every table the workbook needs: the figures of the
period and of the previous one, breakdowns by platform, campaign, cost category and month, and
the goals of the campaigns in scope as they stood at the end of the period.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from roidesk.core.figures import Figures, Query
from roidesk.core.records import Campaign, CostCategory, Settings
from roidesk.engine import (
    BreakdownRow,
    GoalStatus,
    breakdown,
    goal_statuses,
    previous_period,
    summarize,
)
from roidesk.storage import Workspace

#: How many months the trend sheet shows at least (ending with the period's last month).
TREND_MONTHS = 12


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What to report on: a closed period and optionally one client; with ``plan_budgets``
    (platform, monthly advertising budget) a "Next month" sheet plans the whole workspace."""

    start: date
    end: date
    client_id: int | None = None
    plan_budgets: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True, slots=True)
class NextMonth:
    """The planner's month for the budgets asked: the basis period per month and the month
    the budgets would bring (``roidesk plan --budget``, the Plan page)."""

    basis: tuple[date, date]
    exponent: Decimal
    budgets: tuple[tuple[str, Decimal], ...]
    as_basis: Figures
    planned: Figures


@dataclass(frozen=True, slots=True)
class PlatformRow:
    """One platform's figures this period and its ROI (total) the period before."""

    label: str
    figures: Figures
    previous_roi: Decimal | None


@dataclass(frozen=True, slots=True)
class CategoryRow:
    """Cost of one category this period and the period before."""

    category: str
    cost: Decimal
    previous_cost: Decimal


@dataclass(frozen=True, slots=True)
class CampaignRow:
    """One campaign's figures (``campaign`` is ``None`` for the unallocated row)."""

    label: str
    campaign: Campaign | None
    client: str
    figures: Figures


@dataclass(frozen=True, slots=True)
class ReportData:
    """Everything the report writes."""

    title_name: str
    settings: Settings
    request: ReportRequest
    previous_start: date
    previous_end: date
    as_of: date
    today: date
    figures: Figures
    previous: Figures
    platforms: list[PlatformRow]
    campaigns: list[CampaignRow]
    categories: list[CategoryRow]
    months: list[BreakdownRow]
    goals: list[tuple[str, GoalStatus]]
    #: How many of the last ``months`` rows are the report's period (the rest are context).
    period_months: int = 0
    #: Other returns of the period by kind (in words), where any carries a kind; else empty.
    other_by_kind: tuple[tuple[str, Decimal], ...] = ()
    #: The "Next month" sheet's plan (None: no budgets asked, no sheet).
    next_month: NextMonth | None = None


def last_full_month(today: date) -> tuple[date, date]:
    """The first and last day of the calendar month before ``today``'s."""
    end = today.replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


def month_start(day: date, months_back: int) -> date:
    """The first day of the month ``months_back`` months before ``day``'s month."""
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def _empty_month() -> Figures:
    """The figures of a month without any cost or result."""
    zero = Decimal(0)
    return Figures(
        cost=zero,
        ad_spend=zero,
        revenue=zero,
        direct_return=zero,
        valued_return=zero,
        other_return=zero,
        total_return=zero,
        net_return=zero,
    )


def _trend_months(
    workspace: Workspace, query: Query, request: ReportRequest, today: date
) -> tuple[list[BreakdownRow], int]:
    """Month rows from ``TREND_MONTHS`` before the period end to the period's last month,
    without the empty months before the first data, and how many of them are the period's.

    The period's months are asked for the period alone, so their sums (and the trend's
    cumulative ROI) equal the summary's even where the period starts or ends mid-month.
    """
    first = month_start(request.end, TREND_MONTHS - 1)
    rows: list[BreakdownRow] = []
    if first < request.start:
        before = replace(query, start=first, end=request.start - timedelta(days=1))
        rows = _month_rows(workspace, before, first, request.start, today)
    period = _month_rows(
        workspace, query, request.start.replace(day=1), request.end + timedelta(days=1), today
    )
    rows.extend(period)
    while rows and len(rows) > len(period) and not _has_data(rows[0]):
        rows.pop(0)
    return rows, len(period)


def _has_data(row: BreakdownRow) -> bool:
    figures = row.figures
    return bool(figures.cost or figures.total_return or figures.impressions or figures.leads)


def _month_rows(
    workspace: Workspace, query: Query, first: date, stop: date, today: date
) -> list[BreakdownRow]:
    """One row per calendar month from ``first`` to before ``stop`` (empty months as zero)."""
    found = {row.key: row for row in breakdown(workspace, query, "month", today)}
    out: list[BreakdownRow] = []
    month = first
    while month < stop:
        key = f"{month:%Y-%m}"
        out.append(found.get(key) or BreakdownRow(key, key, _empty_month()))
        month = month_start(month, -1)
    return out


def kind_label(kind: str | None) -> str:
    """An other return's kind in words (``support_saved`` → ``Support saved``)."""
    return (kind or "other").replace("_", " ").capitalize()


def other_returns_by_kind(
    workspace: Workspace, request: ReportRequest
) -> tuple[tuple[str, Decimal], ...]:
    """The period's other returns summed by kind, as the engine counts them (in the period,
    of the client's campaigns where the report is for a client); empty where none has a kind."""
    wanted = None
    if request.client_id is not None:
        wanted = {c.id for c in workspace.campaigns() if c.client_id == request.client_id}
    sums: dict[str, Decimal] = {}
    any_kind = False
    for other in workspace.other_returns():
        if not request.start <= other.date <= request.end:
            continue
        if wanted is not None and other.campaign_id not in wanted:
            continue
        any_kind = any_kind or other.kind is not None
        label = kind_label(other.kind)
        sums[label] = sums.get(label, Decimal(0)) + other.amount
    return tuple(sorted(sums.items())) if any_kind else ()


def gather(workspace: Workspace, request: ReportRequest, today: date | None = None) -> ReportData:
    """Ask the engine for every figure the report shows."""
    today = today or date.today()
    settings = workspace.settings()
    query = Query(start=request.start, end=request.end, client_id=request.client_id)
    previous_query = previous_period(query)
    assert previous_query.start is not None and previous_query.end is not None

    figures = summarize(workspace, query, today)
    previous = summarize(workspace, previous_query, today)

    previous_roi = {
        row.key: row.figures.roi_total
        for row in breakdown(workspace, previous_query, "platform", today)
    }
    platforms = [
        PlatformRow(row.label, row.figures, previous_roi.get(row.key))
        for row in breakdown(workspace, query, "platform", today)
    ]

    clients = {c.id: c.name for c in workspace.clients()}
    campaigns = {str(c.id): c for c in workspace.campaigns()}
    campaign_rows = []
    for row in breakdown(workspace, query, "campaign", today):
        campaign = campaigns.get(row.key)
        client = clients.get(campaign.client_id, "") if campaign else ""
        campaign_rows.append(CampaignRow(row.label, campaign, client, row.figures))

    now = {row.key: row.figures.cost for row in breakdown(workspace, query, "category", today)}
    before = {
        row.key: row.figures.cost for row in breakdown(workspace, previous_query, "category", today)
    }
    categories = [
        CategoryRow(str(c), now.get(str(c)) or Decimal(0), before.get(str(c)) or Decimal(0))
        for c in CostCategory
        if str(c) in now or str(c) in before
    ]

    as_of = min(request.end, today)
    in_scope = {
        c.id: c
        for c in campaigns.values()
        if (request.client_id is None or c.client_id == request.client_id)
        and c.start <= request.end
    }
    goals = [
        (in_scope[status.goal.campaign_id].name, status)
        for status in goal_statuses(workspace, as_of)
        if status.goal.campaign_id in in_scope and status.goal.deadline >= request.start
    ]

    months, period_months = _trend_months(workspace, query, request, today)
    title_name = settings.business_name
    if request.client_id is not None:
        title_name = clients.get(request.client_id, title_name)
    return ReportData(
        title_name=title_name,
        settings=settings,
        request=request,
        previous_start=previous_query.start,
        previous_end=previous_query.end,
        as_of=as_of,
        today=today,
        figures=figures,
        previous=previous,
        platforms=platforms,
        campaigns=campaign_rows,
        categories=categories,
        months=months,
        goals=goals,
        period_months=period_months,
        other_by_kind=other_returns_by_kind(workspace, request),
        next_month=next_month(workspace, request.plan_budgets, today),
    )


def next_month(
    workspace: Workspace, budgets: tuple[tuple[str, Decimal], ...], today: date
) -> NextMonth | None:
    """The planner's month for ``budgets`` over the default basis (the last three whole
    months) and exponent; None without budgets. A platform that cannot be scaled is refused
    with the planner's reason."""
    if not budgets:
        return None
    from roidesk.core.planning import DEFAULT_EXPONENT, project_month
    from roidesk.engine.planning import plan_basis
    from roidesk.engine.state import context

    found = plan_basis(workspace, None, today)
    valuations = context(workspace, today).valuations
    as_basis = project_month(found, {}, valuations, today, DEFAULT_EXPONENT)
    planned = project_month(found, dict(budgets), valuations, today, DEFAULT_EXPONENT)
    return NextMonth(
        (found.start, found.end), DEFAULT_EXPONENT, budgets, as_basis.figures, planned.figures
    )
