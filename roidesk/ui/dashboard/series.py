"""What each dashboard chart and card shows, as plain data (no Qt).

``compute_dashboard`` asks the engine for every figure the dashboard needs and turns the exact
Decimals into the lists of floats and labels the charts draw. This is the only place where money
becomes a float, and only for drawing: every text a user reads (cards, hover) is formatted from
the exact value. The function runs in a worker thread with its own workspace connection.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal

from roidesk.core.benchmarks import (
    BENCHMARK_KPIS,
    benchmark_phrase,
    benchmark_tooltip,
    shipped_benchmarks,
    short_source,
    shown_benchmark,
)
from roidesk.core.figures import LABELS, Figures, Query
from roidesk.core.money import NumberStyle, with_decimal_mark
from roidesk.core.records import COUNT_METRICS, Campaign, Goal, OtherReturnKind
from roidesk.core.verdict import before_phrase, verdict
from roidesk.engine import (
    NO_PLATFORM,
    BreakdownRow,
    GoalStatus,
    campaign_payback,
    goal_statuses,
    previous_period,
    summarize,
    summary_with_breakdowns,
)
from roidesk.engine.goals import figure_name
from roidesk.engine.other_returns import other_returns_by_kind
from roidesk.engine.state import context
from roidesk.storage import Workspace

NAN = math.nan

#: The cards, in order: (figure name, title, definition).
CARDS: tuple[tuple[str, str, str], ...] = (
    ("cost", "Cost", "Σ costs in the period (staff time = hours × rate, shared-out overheads)"),
    ("total_return", "Total return", "direct return + valued return + other return"),
    ("net_return", "Net return", "total return − cost"),
    ("roi_total", "ROI (total)", "(total return − cost) / cost"),
    ("roi_direct", "ROI (direct)", "(direct return − cost) / cost"),
    ("roas", "ROAS", "revenue / advertising cost"),
    ("cpl", "CPL", "cost / leads"),
    ("cac", "CAC", "cost / new customers"),
    ("ltv_cac", "LTV : CAC", "lifetime value / customer acquisition cost"),
)
#: The inputs named in each card's tooltip.
CARD_INPUTS: dict[str, tuple[str, ...]] = {
    "cost": ("cost", "ad_spend"),
    "total_return": ("direct_return", "valued_return", "other_return"),
    "net_return": ("total_return", "cost"),
    "roi_total": ("total_return", "cost"),
    "roi_direct": ("direct_return", "cost"),
    "roas": ("revenue", "ad_spend"),
    "cpl": ("cost", "leads"),
    "cac": ("cost", "new_customers"),
    "ltv_cac": ("ltv", "cac"),
}
#: The one entry of the "more figures" panel that is not a :class:`Figures` field.
PAYBACK = "payback_days"
#: The figures of the "more figures" panel, in groups: (figure name, one-line definition).
MORE_FIGURES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Returns",
        (
            ("direct_return", "attributed revenue × gross margin"),
            ("valued_return", "Σ results × the valuation in force for them"),
            ("other_return", "Σ other returns (support saved, referrals, sales outside the shop…)"),
            ("revenue", "Σ revenue attributed to social media"),
            (
                "paid_equivalent",
                "organic link clicks × the platform's paid CPC: beside the returns,"
                " never added to them",
            ),
            (
                "break_even_date",
                "the first day from which cumulative return stays at or above"
                " cumulative cost to the end of the period",
            ),
            (
                PAYBACK,
                "days from the campaign's start to the day from which its cumulative return"
                " stays at or above its cumulative cost (choose a campaign to see it)",
            ),
        ),
    ),
    (
        "Rates",
        (
            ("ctr", "link clicks / impressions"),
            ("engagement_rate", "engagements / impressions"),
            ("conversion_rate", "conversions / link clicks"),
            ("ltv", "average order value × purchases per year × years retained, or as entered"),
        ),
    ),
    (
        "Costs per result",
        (
            ("ad_spend", "Σ advertising costs in the period"),
            ("cpc", "advertising cost / link clicks"),
            ("cpm", "advertising cost / impressions × 1,000"),
            ("cpa", "cost / conversions"),
        ),
    ),
    (
        "Activity",
        (
            ("impressions", "Σ impressions"),
            ("reach", "Σ reach over days and platforms (people seen twice count twice)"),
            ("engagements", "Σ reactions, comments, shares and saves"),
            ("followers_gained", "Σ followers gained"),
            ("link_clicks", "Σ link clicks"),
            ("sessions", "Σ website sessions"),
            ("leads", "Σ leads"),
            ("conversions", "Σ conversions"),
            ("new_customers", "Σ new customers"),
        ),
    ),
)
RATIO_CARDS = frozenset({"roi_total", "roi_direct"})
#: Cards on which a lower value is the better one (a cost per lead, per customer); on the
#: others but cost a higher one is. Cost is neither: spending more is a choice, not a result.
LOWER_IS_BETTER = frozenset({"cpl", "cac"})
NEITHER_BETTER = frozenset({"cost"})
#: KPI trend lines: (figure name, label, is money).
TRENDS: tuple[tuple[str, str, bool], ...] = (
    ("ctr", "CTR", False),
    ("engagement_rate", "Engagement rate", False),
    ("cpc", "CPC", True),
    ("cpl", "CPL", True),
)
FUNNEL: tuple[tuple[str, str], ...] = (
    ("impressions", "Impressions"),
    ("link_clicks", "Link clicks"),
    ("leads", "Leads"),
    ("new_customers", "New customers"),
)


def to_float(value: Decimal | int | None) -> float:
    """A value for a chart: ``None`` (not defined) becomes NaN, which pyqtgraph leaves out."""
    return NAN if value is None else float(value)


def timestamp(day: date) -> float:
    """Seconds since the epoch at UTC midnight of ``day`` (what DateAxisItem reads)."""
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


def format_value(name: str, value: Decimal | int | date | None, numbers: NumberStyle) -> str:
    """A figure as the user reads it: money in the currency, ratios as %, ROAS as × (in the
    workspace's way of writing numbers)."""
    if isinstance(value, date):
        return value.isoformat()
    return numbers.figure(name, value)


def change_text(
    name: str, now: Decimal | None, before: Decimal | None, numbers: NumberStyle
) -> str:
    """The change against the previous period: points for ROI, relative % otherwise."""
    if now is None or before is None:
        return "— vs previous period"
    comma = numbers.decimal_comma
    if name in RATIO_CARDS:
        points = (now - before) * 100
        return with_decimal_mark(f"{points:+.1f}", comma) + " pts vs previous period"
    if before == 0:
        return "— vs previous period"
    change = (now - before) / abs(before) * 100
    return with_decimal_mark(f"{change:+.1f}", comma) + " % vs previous period"


def trend_of(name: str, now: Decimal | None, before: Decimal | None) -> str:
    """Whether the figure got ``"better"`` or ``"worse"`` than before ("" when it is not
    comparable, did not move, or is cost)."""
    if now is None or before is None or now == before or name in NEITHER_BETTER:
        return ""
    return "better" if (now < before) == (name in LOWER_IS_BETTER) else "worse"


@dataclass(frozen=True)
class Card:
    """One figure card: title, value text, change text and tooltip, and whether the change is
    for the ``"better"`` or ``"worse"`` ("" neither)."""

    name: str
    title: str
    value: str
    change: str
    tooltip: str
    trend: str = ""
    #: a line under the value: ROI (total)'s range, the paid-equivalent beside the returns
    detail: str = ""


@dataclass(frozen=True)
class MoreFigure:
    """One figure of the "more figures" panel: its name, label, value and definition, and
    the published benchmark's figure beside it (empty: none for this industry and platform;
    the industry and source are in the tooltip)."""

    name: str
    label: str
    value: str
    tooltip: str
    benchmark: str = ""


@dataclass(frozen=True)
class Published:
    """A published benchmark beside a KPI: the figures (a ratio as a fraction, money in
    ``currency``), the phrase the card shows, the chart's label and the full source."""

    name: str
    median: Decimal | None
    top_quartile: Decimal | None
    phrase: str
    label: str
    source: str
    #: the figure alone for the compact "More figures" panel (``average 0.90 %``)
    short: str = ""


@dataclass(frozen=True)
class MonthlySeries:
    """Cost vs return per month, the cumulative ROI line and the break-even date."""

    x: list[float] = field(default_factory=list)
    cost: list[float] = field(default_factory=list)
    total_return: list[float] = field(default_factory=list)
    cumulative_roi: list[float] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    break_even_x: float | None = None
    break_even_label: str = ""


@dataclass(frozen=True)
class BarSeries:
    """Bars over categories (platforms, campaigns, cost categories)."""

    keys: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TrendSeries:
    """One KPI per month and its benchmark (a goal's target), if the workspace has one."""

    name: str
    label: str
    x: list[float] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    benchmark: float | None = None
    hover: list[str] = field(default_factory=list)
    #: the published benchmark of the industry setting for the view's platform, if any
    published: Published | None = None


@dataclass(frozen=True)
class FunnelSeries:
    """Impressions → link clicks → leads → new customers, with step conversion rates."""

    labels: list[str] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    step_rates: list[str] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    #: what the axis shows beside each bar: name, count and the rate from the step before
    ticks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GoalSeries:
    """Goal progress bars (fractions of the way) and pace markers (elapsed share of time)."""

    labels: list[str] = field(default_factory=list)
    progress: list[float] = field(default_factory=list)
    elapsed: list[float] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class DashboardData:
    """Everything one dashboard refresh shows."""

    query: Query
    #: how the workspace writes its numbers (its currency names the money axes)
    numbers: NumberStyle
    figures: Figures
    previous: Figures
    cards: list[Card]
    monthly: MonthlySeries
    platform_cost: BarSeries
    platform_roi: BarSeries
    campaign_cost: BarSeries
    category_cost: BarSeries
    trends: list[TrendSeries]
    funnel: FunnelSeries
    goals: GoalSeries
    empty_message: str = ""
    #: the "more figures" panel, group by group: (group title, its figures)
    more: list[tuple[str, list[MoreFigure]]] = field(default_factory=list)
    #: the answer in one sentence (:func:`roidesk.core.verdict.verdict`)
    verdict: str = ""


#: What every card says instead of a change when there is nothing to compare with.
NO_PREVIOUS_PERIOD = "all time: no previous period"
NO_PREVIOUS_DATA = "no data in the previous period"


def has_data(figures: Figures) -> bool:
    """Whether a period has any cost, return or activity at all."""
    return bool(figures.cost or figures.total_return) or any(
        getattr(figures, name) for name in COUNT_METRICS
    )


def published_for(
    industry: str, platform: str | None, numbers: NumberStyle
) -> dict[str, Published]:
    """The published benchmark of each KPI for the industry setting and the view's platform
    (no platform chosen: the sources' all-platform rows); a KPI without one is left out."""
    rows = shipped_benchmarks()
    found = {}
    for name in BENCHMARK_KPIS:
        row = shown_benchmark(rows, industry, platform, name)
        if row is not None:
            found[name] = Published(
                name,
                row.median,
                row.top_quartile,
                benchmark_phrase(row, numbers),
                f"{row.industry} {row.statistic} ({short_source(row)})",
                benchmark_tooltip(row),
                benchmark_phrase(row, numbers).removeprefix(row.industry).split(" (")[0].strip(),
            )
    return found


def _with_published(detail: str, extra: str, published: Published | None) -> tuple[str, str]:
    """A card's detail line and tooltip addition with the benchmark's phrase and source."""
    if published is None:
        return detail, extra
    line = f"· {published.phrase}"
    return (
        f"{detail}\n{line}" if detail else line,
        f"{extra}\n\nbenchmark: {published.phrase}\n{published.source}",
    )


def cards_from(
    figures: Figures,
    previous: Figures,
    numbers: NumberStyle,
    compared: Query | None,
    published: dict[str, Published] | None = None,
) -> list[Card]:
    """The figure cards with their change against the previous period (``compared``; None for
    an open period, which has none), tooltips naming that period and its value, and the
    published benchmark beside a KPI that has one (``published``)."""
    if compared is None:
        nothing_to_compare = NO_PREVIOUS_PERIOD
    else:
        nothing_to_compare = "" if has_data(previous) else NO_PREVIOUS_DATA
    cards = []
    for name, title, definition in CARDS:
        value = getattr(figures, name)
        inputs = "\n".join(
            f"{n.replace('_', ' ')}: {format_value(n, getattr(figures, n), numbers)}"
            for n in CARD_INPUTS[name]
        )
        tooltip = f"{title} = {definition}\n\n{inputs}"
        trend = "" if nothing_to_compare else trend_of(name, value, getattr(previous, name))
        if compared is not None and compared.start is not None and compared.end is not None:
            before = format_value(name, getattr(previous, name), numbers)  # "—": not defined
            tooltip += (
                f"\n\nprevious period ({compared.start.isoformat()} – "
                f"{compared.end.isoformat()}): {before}"
            )
            if trend:
                tooltip += f" ({trend} now)"
        detail, extra = _with_published(
            *card_detail(name, figures, numbers), (published or {}).get(name)
        )
        cards.append(
            Card(
                name=name,
                title=title,
                value=format_value(name, value, numbers),
                change=nothing_to_compare
                or change_text(name, value, getattr(previous, name), numbers),
                tooltip=tooltip + extra,
                trend=trend,
                detail=detail,
            )
        )
    return cards


def card_detail(name: str, figures: Figures, numbers: NumberStyle) -> tuple[str, str]:
    """A card's line under its value and what its tooltip adds: ROI (total) with every
    valuation at its low and high value, where they differ from it; the paid-equivalent value
    beside the total return (never in it)."""
    if name == "roi_total":
        low, high = figures.roi_total_low, figures.roi_total_high
        if low is None or high is None or low == high == figures.roi_total:
            return "", ""
        span = f"{numbers.percent(low)} – {numbers.percent(high)}"
        return f"(range {span})", f"\n\nwith every valuation at its low / high value: {span}"
    if name == "total_return":
        extra = ""
        low, high = figures.total_return_low, figures.total_return_high
        if low is not None and high is not None and not low == high == figures.total_return:
            extra = (
                "\n\nwith every valuation at its low / high value: "
                f"{numbers.money(low)} – {numbers.money(high)}"
            )
        equivalent = figures.paid_equivalent
        if not equivalent:
            return "", extra
        return (
            f"+ {numbers.money(equivalent)} paid-equivalent\n(not counted in the return)",
            extra + "\n\npaid-equivalent: what the organic link clicks would have cost as"
            " ads at each platform's paid CPC; shown beside the return, never added to it",
        )
    return "", ""


def more_figures_from(
    figures: Figures,
    numbers: NumberStyle,
    other_by_kind: dict[OtherReturnKind, Decimal] | None = None,
    payback: int | None = None,
    published: dict[str, Published] | None = None,
) -> list[tuple[str, list[MoreFigure]]]:
    """The figures the cards do not show, in groups, each with its one-line definition; the
    other return's tooltip also lists it by kind (``other_by_kind``); ``payback`` is the chosen
    campaign's payback in days (None: no campaign chosen, or it has not paid back); a KPI with
    a published benchmark (``published``) carries its phrase."""
    kinds = "".join(
        f"\n{kind.value}: {numbers.money(amount)}" for kind, amount in (other_by_kind or {}).items()
    )
    out = []
    for group, members in MORE_FIGURES:
        shown = []
        for name, definition in members:
            if name == PAYBACK:
                value = "—" if payback is None else f"{numbers.count(payback)} days"
                shown.append(MoreFigure(name, "Payback", value, f"Payback = {definition}"))
                continue
            label = LABELS[name]
            if name == "reach":
                label = "Reach (summed)"
            value = format_value(name, getattr(figures, name), numbers)
            tooltip = f"{LABELS[name]} = {definition}"
            if name == "other_return" and kinds:
                tooltip += "\n" + kinds
            bench = (published or {}).get(name)
            if bench is not None:
                tooltip += f"\n\nbenchmark: {bench.phrase}\n{bench.source}"
            short = "" if bench is None else bench.short
            shown.append(MoreFigure(name, label, value, tooltip, short))
        out.append((group, shown))
    return out


def _month_start(key: str) -> date:
    year, month = key.split("-")[:2]
    return date(int(year), int(month), 1)


def monthly_from(
    rows: list[BreakdownRow], break_even: date | None, numbers: NumberStyle
) -> MonthlySeries:
    """Cost and total return per month, and ROI on the running totals up to each month."""
    series = MonthlySeries()
    cost_sum = Decimal(0)
    return_sum = Decimal(0)
    for row in rows:
        cost = row.figures.cost or Decimal(0)
        total = row.figures.total_return or Decimal(0)
        cost_sum += cost
        return_sum += total
        roi = (return_sum - cost_sum) / cost_sum if cost_sum else None
        series.x.append(timestamp(_month_start(row.key)))
        series.cost.append(float(cost))
        series.total_return.append(float(total))
        series.cumulative_roi.append(to_float(roi))
        series.hover.append(
            f"{row.label}\ncost {numbers.money(cost)}"
            f"\nreturn {numbers.money(total)}"
            f"\ncumulative ROI {numbers.percent(roi)}"
        )
    if break_even is not None:
        return MonthlySeries(
            series.x,
            series.cost,
            series.total_return,
            series.cumulative_roi,
            series.hover,
            timestamp(break_even),
            f"break-even {break_even.isoformat()}",
        )
    return series


def bars_from(rows: list[BreakdownRow], figure: str, numbers: NumberStyle) -> BarSeries:
    """One bar per breakdown row with the named figure (NaN where not defined)."""
    series = BarSeries()
    for row in rows:
        value = getattr(row.figures, figure)
        series.keys.append(row.key)
        series.labels.append(row.label)
        series.values.append(to_float(value))
        hover = f"{row.label}: {format_value(figure, value, numbers)}"
        if figure == "roi_total":
            hover += _roi_range(row.figures, numbers)
        series.hover.append(hover)
    return series


def _roi_range(figures: Figures, numbers: NumberStyle) -> str:
    """`` (range 12.00 % – 40.00 %)`` where the valuations give ROI (total) a range, else ""."""
    low, high = figures.roi_total_low, figures.roi_total_high
    if low is None or high is None or low == high:
        return ""
    return f" (range {numbers.percent(low)} – {numbers.percent(high)})"


#: How many campaigns the cost-per-campaign chart names; the rest make one bar.
TOP_CAMPAIGNS = 15


def top_bars(rows: list[BreakdownRow], figure: str, numbers: NumberStyle, limit: int) -> BarSeries:
    """The ``limit`` rows with the largest figure, largest first, and one bar for the rest.

    An agency with hundreds of campaigns gets a chart it can read; the rest's bar names how
    many campaigns it holds and has no key (clicking it filters nothing).
    """
    ranked = sorted(rows, key=lambda row: -(getattr(row.figures, figure) or 0))
    if len(ranked) <= limit:
        return bars_from(ranked, figure, numbers)
    series = bars_from(ranked[: limit - 1], figure, numbers)
    rest = ranked[limit - 1 :]
    total = sum((getattr(row.figures, figure) or Decimal(0) for row in rest), Decimal(0))
    label = f"{len(rest)} other campaigns"
    series.keys.append("")
    series.labels.append(label)
    series.values.append(to_float(total))
    series.hover.append(f"{label}: {format_value(figure, total, numbers)}")
    return series


def trends_from(
    rows: list[BreakdownRow],
    benchmarks: dict[str, Decimal],
    numbers: NumberStyle,
    published: dict[str, Published] | None = None,
) -> list[TrendSeries]:
    """CTR, engagement rate, CPC and CPL per month, with their goal target (``benchmarks``)
    and published benchmark (``published``) where one exists."""
    out = []
    for name, label, _money in TRENDS:
        target = benchmarks.get(name)
        series = TrendSeries(
            name,
            label,
            benchmark=None if target is None else float(target),
            published=(published or {}).get(name),
        )
        for row in rows:
            value = getattr(row.figures, name)
            series.x.append(timestamp(_month_start(row.key)))
            series.values.append(to_float(value))
            series.hover.append(f"{row.label} {label}: {format_value(name, value, numbers)}")
        out.append(series)
    return out


def step_rate(before: int, count: int, before_label: str, numbers: NumberStyle) -> tuple[str, str]:
    """A funnel step's share of the step before, and why it is not defined ("—") where it is
    not: the step before is missing, or smaller (the two were counted apart, as clicks from a
    file without impressions): a step is a part of the one before, never over 100 %."""
    if not before:
        return "—", f": no {before_label.lower()}"
    if count > before:
        return "—", f": more than the {before_label.lower()}, counted apart"
    return numbers.percent(Decimal(count) / before), ""


def funnel_from(figures: Figures, numbers: NumberStyle) -> FunnelSeries:
    """The funnel counts and the conversion rate from each step to the next (numbers written
    as the workspace's money is)."""
    series = FunnelSeries()
    counts = [getattr(figures, name) for name, _label in FUNNEL]
    for index, (name, label) in enumerate(FUNNEL):
        series.labels.append(label)
        series.values.append(float(counts[index]))
        rate = why = ""
        if index > 0:
            rate, why = step_rate(counts[index - 1], counts[index], FUNNEL[index - 1][1], numbers)
        series.step_rates.append(rate)
        count = format_value(name, counts[index], numbers)
        text = f"{label}: {count}"
        series.hover.append(f"{text} ({rate} of previous step{why})" if rate else text)
        series.ticks.append(f"{label} {count}" + (f" · {rate}" if rate else ""))
    return series


def campaigns_in_view(campaigns: Iterable[Campaign], query: Query) -> set[int]:
    """The campaigns whose goals the dashboard shows: those running in the period (for any
    part of it) of the chosen client and campaign, on the chosen platform."""
    shown = set()
    for campaign in campaigns:
        if campaign.id is None:
            continue
        if query.campaign_id is not None and campaign.id != query.campaign_id:
            continue
        if query.client_id is not None and campaign.client_id != query.client_id:
            continue
        if query.start is not None and campaign.end < query.start:
            continue
        if query.end is not None and campaign.start > query.end:
            continue
        if query.platform is not None and query.platform.casefold() not in {
            platform.casefold() for platform in campaign.platforms
        }:
            continue
        shown.add(campaign.id)
    return shown


def goals_from(
    statuses: list[GoalStatus], names: dict[int, str], numbers: NumberStyle
) -> GoalSeries:
    """Progress of each goal and where it should be by now (the pace marker): a ratio KPI
    (a rate, a cost per result, ROI) does not grow with time, so it has no marker, its pace
    reads "—" and its projection is its actual."""
    series = GoalSeries()
    for status in statuses:
        goal = status.goal
        figure = figure_name(goal.kpi) or ""
        kpi = LABELS.get(figure, goal.kpi)
        label = f"{kpi} · {names.get(goal.campaign_id, '?')}"
        series.labels.append(label)
        series.progress.append(to_float(status.progress))
        series.elapsed.append(to_float(status.elapsed_share) if status.accumulates else NAN)
        pace = numbers.percent(status.pace)
        if not status.accumulates:
            pace += " (a ratio does not grow with time)"
        series.hover.append(
            f"{label}\nprogress {numbers.percent(status.progress)}"
            f" (time elapsed {numbers.percent(status.elapsed_share)})"
            f"\nactual {numbers.figure(figure, status.actual)}"
            f", target {numbers.figure(figure, goal.target)}"
            f" by {goal.deadline.isoformat()}"
            f"\npace {pace}, projected {numbers.figure(figure, status.projected)}"
        )
    return series


def benchmarks_from(statuses: list[GoalStatus]) -> dict[str, Decimal]:
    """A goal target per KPI figure, for the goal lines of the trend charts: of the goals shown
    (those of the campaigns in view), the one with the latest deadline for each KPI, so a
    view of two years draws this year's target, not last year's (the last entered of equals)."""
    latest: dict[str, Goal] = {}
    for status in statuses:
        goal = status.goal
        name = figure_name(goal.kpi)
        if name is None:
            continue
        kept = latest.get(name)
        if kept is None or (goal.deadline, goal.id or 0) >= (kept.deadline, kept.id or 0):
            latest[name] = goal
    return {name: goal.target for name, goal in latest.items()}


#: What a cost-based chart or figure says under a content-type filter (SPEC: costs carry no
#: content type, so the figures built on them are not defined).
NO_CONTENT_TYPE_COSTS = "Not defined: costs carry no content type"


def empty_message(workspace: Workspace, figures: Figures, query: Query) -> str:
    """What the user should do when there is nothing (or no cost) to show."""
    if not workspace.results(limit=1):  # any result at all (cheaper than counting 1M rows)
        return "No results yet: import a spreadsheet (File ▸ Import…) to see your figures."
    if query.content_type is not None:
        return (
            "Costs carry no content type: cost, ROI, ROAS, CPL and CAC are not defined for one"
            " content type. Choose “All” content to see them."
        )
    if not figures.cost:
        return "No costs in this period: ROI is not defined. Add your costs to see it."
    return ""


def payback_of(workspace: Workspace, query: Query, today: date) -> int | None:
    """The chosen campaign's payback in days from its start (None: no campaign chosen)."""
    if query.campaign_id is None:
        return None
    return campaign_payback(workspace, query.campaign_id, today)[1]


def compute_dashboard(
    workspace: Workspace, query: Query, today: date, locale_hint: str = ""
) -> DashboardData:
    """Every card and chart series for the query (runs in the worker thread). Numbers are
    written as the workspace's locale setting says, else as ``locale_hint`` (the system's),
    else as its currency is at home."""
    settings = workspace.settings()
    numbers = NumberStyle(settings.currency, settings.locale or locale_hint)
    figures, rows = summary_with_breakdowns(
        workspace,
        query,
        ("month", "platform", "campaign", "category"),
        today,
        cost_only=("campaign",),  # the campaign chart shows cost alone
    )
    months = rows["month"]
    # the row of what no platform carries stays only where it has a cost: other returns of no
    # platform alone drew an empty "no platform" slot in both platform charts (ROI undefined)
    platforms = [row for row in rows["platform"] if row.key != NO_PLATFORM or row.figures.cost]
    campaigns, categories = rows["campaign"], rows["category"]
    # an open period ("all", from a day on) has no previous period to compare with
    open_period = query.start is None or query.end is None
    before = None if open_period else previous_period(query)
    previous = Figures() if before is None else summarize(workspace, before, today)
    # the goals of the campaigns the filters show (the engine's context has them read already)
    records = context(workspace, today).campaigns
    statuses = goal_statuses(
        workspace, today, query.campaign_id, only=campaigns_in_view(records, query)
    )
    names = {c.id: c.name for c in records if c.id is not None}
    published = published_for(settings.industry, query.platform, numbers)
    return DashboardData(
        query=query,
        numbers=numbers,
        figures=figures,
        previous=previous,
        cards=cards_from(figures, previous, numbers, before, published),
        monthly=monthly_from(months, figures.break_even_date, numbers),
        platform_cost=bars_from(platforms, "cost", numbers),
        platform_roi=bars_from(platforms, "roi_total", numbers),
        campaign_cost=top_bars(campaigns, "cost", numbers, TOP_CAMPAIGNS),
        category_cost=bars_from(categories, "cost", numbers),
        trends=trends_from(months, benchmarks_from(statuses), numbers, published),
        funnel=funnel_from(figures, numbers),
        goals=goals_from(statuses, names, numbers),
        empty_message=empty_message(workspace, figures, query),
        more=more_figures_from(
            figures,
            numbers,
            other_returns_by_kind(workspace, query, today),
            payback_of(workspace, query, today),
            published,
        ),
        verdict=verdict(
            figures,
            None if before is None else previous,
            {row.label: row.figures for row in platforms},
            numbers,
            "" if open_period else before_phrase(query.start, query.end),  # type: ignore[arg-type]
        ),
    )
