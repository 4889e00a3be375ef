"""Plain-language highlights and recommendations drawn from the report's figures.

Each :class:`Statement` names the cells it rests on as :data:`CellKey` tuples; the writer turns
them into addresses (``Platforms!J5``) printed next to the sentence, so a reader can check it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from roidesk.core import verdict as core_verdict
from roidesk.core.figures import LABELS
from roidesk.core.money import (
    MONEY_FIELDS,
    PERCENT_FIELDS,
    NumberStyle,
    format_money,
    with_decimal_mark,
)
from roidesk.engine import GoalStatus
from roidesk.engine.goals import figure_name
from roidesk.sheets.report.model import ReportData

#: A cell the writer knows: (table, row key, column key), e.g. ("platform", "TikTok", "cost").
CellKey = tuple[str, str, str]

#: Pace below this is "behind"; a CPL change below this share is "steady".
BEHIND_PACE = Decimal("0.9")
STEADY_CHANGE = Decimal("0.05")


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence and the cells that prove it."""

    text: str
    refs: tuple[CellKey, ...]


def _money(data: ReportData, value: Decimal | None) -> str:
    return format_money(value, data.settings.currency, data.settings.locale)


def _numbers(data: ReportData) -> NumberStyle:
    """How the workspace writes numbers (its locale setting, else its currency's home)."""
    return NumberStyle(data.settings.currency, data.settings.locale)


def _percent(data: ReportData, value: Decimal | None) -> str:
    """A ratio as a percentage in the workspace's decimal mark (``205,23 %`` beside zł)."""
    return _numbers(data).percent(value)


def _goal_value(data: ReportData, kpi: str, value: Decimal) -> str:
    name = figure_name(kpi)
    if name in MONEY_FIELDS:
        return _money(data, value)
    if name in PERCENT_FIELDS:
        return _percent(data, value)
    return with_decimal_mark(f"{value.normalize():,f}", _numbers(data).decimal_comma)


def _overall(data: ReportData) -> list[Statement]:
    now, before = data.figures, data.previous
    if not now.cost and not now.total_return:
        return [Statement("No costs and no results were recorded in this period.", ())]
    text = (
        f"Social media cost {_money(data, now.cost)} and returned "
        f"{_money(data, now.total_return)} in this period"
    )
    refs: list[CellKey] = [("figure", "cost", "now"), ("figure", "total_return", "now")]
    if now.roi_total is not None:
        text += f": a return on investment (ROI, total) of {_percent(data, now.roi_total)}"
        refs.append(("figure", "roi_total", "now"))
        if before.roi_total is not None:
            text += f", against {_percent(data, before.roi_total)} the period before"
            refs.append(("figure", "roi_total", "before"))
    return [Statement(text + ".", tuple(refs))]


def _platform_extremes(data: ReportData) -> list[Statement]:
    ranked = [p for p in data.platforms if p.figures.roi_total is not None]
    if not ranked:
        return []
    ranked.sort(key=lambda p: p.figures.roi_total or Decimal(0), reverse=True)
    best = ranked[0]
    ref_best: CellKey = ("platform", best.label, "roi_total")
    if len(ranked) == 1:
        return [
            Statement(
                f"{best.label} is the only platform with a cost this period: "
                f"ROI {_percent(data, best.figures.roi_total)}.",
                (ref_best,),
            )
        ]
    worst = ranked[-1]
    text = (
        f"Best platform by ROI: {best.label} ({_percent(data, best.figures.roi_total)}); "
        f"weakest: {worst.label} ({_percent(data, worst.figures.roi_total)})."
    )
    if (worst.figures.roi_total or 0) < 0:
        text += (
            f" {worst.label} returned less than it cost: review what it is for before "
            "spending more there."
        )
    return [Statement(text, (ref_best, ("platform", worst.label, "roi_total")))]


def _cpl(data: ReportData) -> list[Statement]:
    now, before = data.figures.cpl, data.previous.cpl
    refs: tuple[CellKey, ...] = (("figure", "cpl", "now"), ("figure", "cpl", "before"))
    if now is None or before is None or before == 0:
        return []
    change = (now - before) / before
    if abs(change) < STEADY_CHANGE:
        return [Statement(f"Cost per lead held steady at {_money(data, now)}.", refs)]
    if change > 0:
        return [
            Statement(
                f"Cost per lead rose from {_money(data, before)} to {_money(data, now)} "
                f"(+{_percent(data, change)}): each new lead is getting more expensive.",
                refs,
            )
        ]
    return [
        Statement(
            f"Cost per lead fell from {_money(data, before)} to {_money(data, now)} "
            f"({_percent(data, change)}): leads are getting cheaper.",
            refs,
        )
    ]


def _grown_category(data: ReportData) -> list[Statement]:
    grown = [c for c in data.categories if c.cost > c.previous_cost]
    if not grown:
        return []
    top = max(grown, key=lambda c: c.cost - c.previous_cost)
    return [
        Statement(
            f"The cost that grew most is {top.category}: from "
            f"{_money(data, top.previous_cost)} to {_money(data, top.cost)} "
            f"(+{_money(data, top.cost - top.previous_cost)}).",
            (("category", top.category, "cost"), ("category", top.category, "previous_cost")),
        )
    ]


def kpi_label(kpi: str) -> str:
    """A goal's KPI in words (``Engagement rate``, not ``engagement_rate``)."""
    name = figure_name(kpi)
    return LABELS[name] if name is not None else kpi


def _goals_off_pace(data: ReportData) -> list[Statement]:
    out = []
    for index, (campaign, status) in enumerate(data.goals):
        if status.pace is None or status.pace >= BEHIND_PACE or status.progress is None:
            continue
        goal = status.goal
        what = (
            f"{campaign}, {kpi_label(goal.kpi)} from "
            f"{_goal_value(data, goal.kpi, goal.baseline)} to "
            f"{_goal_value(data, goal.kpi, goal.target)} by {goal.deadline:%Y-%m-%d}"
        )
        if status.elapsed_share is not None and status.elapsed_share >= 1:
            text = (
                f"Goal missed: {what} got {_percent(data, status.progress)} of the way "
                "by its deadline."
            )
        else:
            text = (
                f"Goal behind pace: {what} is {_percent(data, status.progress)} done with "
                f"{_percent(data, status.elapsed_share)} of its time gone."
            )
        out.append(
            Statement(
                text,
                (
                    ("goal", str(index), "progress"),
                    ("goal", str(index), "elapsed"),
                    ("goal", str(index), "pace"),
                ),
            )
        )
    return out


def _unvalued_platforms(data: ReportData) -> list[Statement]:
    out = []
    for row in data.platforms:
        figures = row.figures
        if row.label == "no platform" or not figures.cost or figures.valued_return:
            continue
        out.append(
            Statement(
                f"{row.label} cost {_money(data, figures.cost)} but none of its results carries "
                "a value: set a value per lead, click or follower for it (Valuations), or "
                "decide whether it is worth the money.",
                (("platform", row.label, "cost"), ("platform", row.label, "valued_return")),
            )
        )
    return out


def _next_money(data: ReportData) -> list[Statement]:
    steady = [
        p
        for p in data.platforms
        if p.figures.roi_total is not None and p.previous_roi is not None and p.figures.cost
    ]
    if not steady:
        return []
    pick = max(steady, key=lambda p: min(p.figures.roi_total or 0, p.previous_roi or 0))
    worst_of_two = min(pick.figures.roi_total or 0, pick.previous_roi or 0)
    if worst_of_two <= 0:
        return [
            Statement(
                "No platform returned more than it cost in both this period and the one before: "
                "test small budgets before adding money anywhere.",
                tuple(("platform", p.label, "roi_total") for p in steady),
            )
        ]
    return [
        Statement(
            f"The next money would likely return most on {pick.label}: its ROI was "
            f"{_percent(data, pick.figures.roi_total)} this period and "
            f"{_percent(data, pick.previous_roi)} the period before, the best of both periods "
            "among platforms.",
            (("platform", pick.label, "roi_total"), ("platform", pick.label, "previous_roi")),
        )
    ]


def highlights(data: ReportData) -> list[Statement]:
    """The statements of the summary sheet, most important first."""
    return [
        *_overall(data),
        *_platform_extremes(data),
        *_next_money(data),
        *_cpl(data),
        *_grown_category(data),
        *_goals_off_pace(data),
        *_unvalued_platforms(data),
    ]


#: The goal states a reader sees, one vocabulary everywhere in the report.
GOAL_STATES = ("reached", "on track", "behind", "missed")


def goal_state(status: GoalStatus) -> str:
    """Where a goal stands in one word: reached, on track, behind or missed (``not measurable
    yet`` while there is nothing to measure; a ratio KPI, which has no pace, is behind while
    short of its target)."""
    if status.progress is not None and status.progress >= 1:
        return "reached"
    if status.elapsed_share is not None and status.elapsed_share >= 1:
        return "missed"
    if status.pace is None:  # nothing measured yet, or a ratio KPI short of its target (no
        # pace: SPEC) — where it stands now is behind the target
        return "not measurable yet" if status.progress is None else "behind"
    return "behind" if status.pace < BEHIND_PACE else "on track"


def verdict(data: ReportData) -> str:
    """The report's answer in one sentence, the dashboard's (:func:`roidesk.core.verdict.verdict`):
    ``Every €1 spent returned €1.79 (range €1.20–€2.40). Best: Google Ads. Better than the
    month before.`` (plain words where nothing was recorded)."""
    request = data.request
    said = core_verdict.verdict(
        data.figures,
        data.previous,
        {row.label: row.figures for row in data.platforms},
        _numbers(data),
        core_verdict.before_phrase(request.start, request.end),
    )
    return said or "No costs and no results were recorded in this period."
