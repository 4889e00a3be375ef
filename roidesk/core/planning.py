"""Looking ahead from the owner's own history (SPEC "Looking ahead"): what stopping a platform
would cost (RONI) and the month a new advertising budget would bring (the budget planner).

Pure and exact: Decimal throughout, computed at :data:`PRECISION` digits (months of a basis
period and the diminishing-returns power are not finite decimals); rounding happens only when
a figure is shown or exported.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from roidesk.core import kpi
from roidesk.core import valuations as valuations_rule
from roidesk.core.figures import Figures
from roidesk.core.months import month_bounds, months_of
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import COUNT_METRICS, VALUED_METRICS, Settings, Valuation

#: Significant digits of the planner's arithmetic.
PRECISION = 40
#: Diminishing returns of paid results: results scale as (new ÷ basis budget) ** exponent.
DEFAULT_EXPONENT = Decimal("0.8")
DEFAULT_STOP_MONTHS = 1
#: Metrics a valuation applies to organic results only unless it says otherwise (a paid click
#: or impression is already bought at its price, which is in the costs).
PAID = valuations_rule.PAID


# ---------------------------------------------------------------------------- the basis period
def default_basis(today: date) -> tuple[date, date]:
    """The last three whole calendar months before ``today``'s month."""
    end = today.replace(day=1) - timedelta(days=1)
    start = end.replace(day=1)
    for _ in range(2):
        start = (start - timedelta(days=1)).replace(day=1)
    return start, end


def months_in(start: date, end: date) -> Decimal:
    """months(B): each calendar month counts by the share of its days inside ``start``..``end``
    (1 January–31 March is 3; 16–30 April is ½)."""
    total = Decimal(0)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        for month, low, high in months_of(start, end):
            first, last = month_bounds(month)
            total += Decimal((high - low).days + 1) / Decimal((last - first).days + 1)
    return total


def _check_basis(start: date, end: date) -> None:
    if end < start:
        raise InputError(Problem(f"the basis period ends ({end}) before it starts ({start})"))


# ---------------------------------------------------------------------------- if I stop…
@dataclass(frozen=True, slots=True)
class StopBasis:
    """What a platform cost and returned over the basis period (total return low/high: with
    every valuation at its low/high value; equal to the total where none has a range)."""

    cost: Decimal
    total_return: Decimal
    total_return_low: Decimal
    total_return_high: Decimal


@dataclass(frozen=True, slots=True)
class StopResult:
    """RONI of stopping a platform for some months: positive = stopping would cost money."""

    cost_saved: Decimal
    return_lost: Decimal
    roni: Decimal
    roni_low: Decimal
    roni_high: Decimal


def check_stop_options(months: int, carry_over: Decimal) -> None:
    """Refuse months below one and a carry-over outside 0..1, saying which."""
    problems = []
    if months < 1:
        problems.append(Problem(f"months must be 1 or more, not {months}"))
    if not Decimal(0) <= carry_over <= Decimal(1):
        problems.append(Problem(f"carry-over must be between 0 and 1, not {carry_over}"))
    if problems:
        raise InputError(problems)


def stop_platform(
    basis: StopBasis, basis_months: Decimal, months: int, carry_over: Decimal = Decimal(0)
) -> StopResult:
    """Cost saved = C ÷ months(B) × N; return lost = T ÷ months(B) × N × (1 − carry-over);
    RONI = return lost − cost saved, and its range from the low and high total returns."""
    check_stop_options(months, carry_over)
    if basis_months <= 0:
        raise InputError(Problem("the basis period has no days"))
    with localcontext() as ctx:
        ctx.prec = PRECISION
        kept = 1 - carry_over

        def lost(total: Decimal) -> Decimal:
            return total * months * kept / basis_months

        cost_saved = basis.cost * months / basis_months
        return_lost = lost(basis.total_return)
        low = lost(basis.total_return_low) - cost_saved
        high = lost(basis.total_return_high) - cost_saved
        return StopResult(
            cost_saved=cost_saved,
            return_lost=return_lost,
            roni=return_lost - cost_saved,
            roni_low=min(low, high),
            roni_high=max(low, high),
        )


# ---------------------------------------------------------------------------- the planner
def same_platform(a: str | None, b: str | None) -> bool:
    """Platform names compared as the engine compares them (case-blind; None is no platform)."""
    return a is not None and b is not None and a.casefold() == b.casefold()


@dataclass(frozen=True, slots=True)
class ResultPart:
    """The results of one platform and source over the basis period."""

    platform: str | None
    source: str | None  # "paid", "organic" or None (organic)
    counts: Mapping[str, int]
    revenue: Decimal


@dataclass(frozen=True, slots=True)
class PlanBasis:
    """Everything the planner takes from the basis period B (totals over B, not per month)."""

    start: date
    end: date
    parts: Sequence[ResultPart]
    cost: Decimal  # every cost in B (advertising included)
    ad_costs: Mapping[str | None, Decimal]  # advertising cost per platform (None: no platform)
    other_return: Decimal
    settings: Settings = field(default_factory=Settings)

    @property
    def months(self) -> Decimal:
        """months(B)."""
        return months_in(self.start, self.end)

    def ad_cost_of(self, platform: str) -> Decimal:
        """The platform's advertising cost over B (0 when it had none)."""
        return sum(
            (cost for name, cost in self.ad_costs.items() if same_platform(name, platform)),
            Decimal(0),
        )


@dataclass(frozen=True, slots=True)
class Projection:
    """The projected month: every figure (counts rounded to whole numbers, ratios from the
    exact counts) and the valued return's range."""

    figures: Figures
    valued_return_low: Decimal
    valued_return_high: Decimal
    scale: Mapping[str, Decimal]  # the factor paid results of each budgeted platform get


def check_budgets(basis: PlanBasis, budgets: Mapping[str, Decimal], exponent: Decimal) -> None:
    """Refuse an exponent outside (0, 1], a negative budget, and a platform that had no
    advertising cost in B (nothing to scale from), each said in one line."""
    problems = []
    if not Decimal(0) < exponent <= Decimal(1):
        problems.append(Problem(f"the exponent must be above 0 and at most 1, not {exponent}"))
    for platform, budget in budgets.items():
        if budget < 0:
            problems.append(Problem(f"{platform}: a budget cannot be negative ({budget})"))
        elif basis.ad_cost_of(platform) <= 0:
            problems.append(Problem(cannot_scale_reason(platform, basis.start, basis.end)))
    if problems:
        raise InputError(problems)


def cannot_scale_reason(platform: str, start: date, end: date) -> str:
    """Why a platform's budget cannot be planned."""
    return (
        f"{platform} cannot be scaled: no advertising cost in {start.isoformat()} – "
        f"{end.isoformat()} (the basis period), so there is nothing to scale from"
    )


def scale_factor(new_budget: Decimal, basis_budget: Decimal, exponent: Decimal) -> Decimal:
    """(new ÷ basis) ** exponent: how paid results follow the budget (0 for no budget)."""
    if new_budget == 0:
        return Decimal(0)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        ratio = new_budget / basis_budget
        return ratio if exponent == 1 else ratio**exponent


def project_month(
    basis: PlanBasis,
    budgets: Mapping[str, Decimal],
    valuations: Sequence[Valuation],
    today: date,
    exponent: Decimal = DEFAULT_EXPONENT,
) -> Projection:
    """The month a new monthly advertising budget per platform would bring.

    Paid results (and their revenue) of a budgeted platform scale by (new ÷ basis monthly
    advertising cost) ** exponent; everything else — organic results, other platforms, other
    costs and other returns — stays as in B per month; results are valued with the valuations
    in force ``today`` (low and high: the range).
    """
    check_budgets(basis, budgets, exponent)
    with localcontext() as ctx:
        ctx.prec = PRECISION
        months = basis.months
        # (new ÷ (basis ÷ months)) as new × months ÷ basis, and every sum over B divided by
        # months(B) once at the end: exact wherever the answer is a finite decimal
        scale = {
            platform: scale_factor(budget * months, basis.ad_cost_of(platform), exponent)
            for platform, budget in budgets.items()
        }
        counts = dict.fromkeys(COUNT_METRICS, Decimal(0))
        revenue = Decimal(0)
        valued = [Decimal(0)] * 3  # value, low, high
        for part in basis.parts:
            factor = _factor(part, scale)
            for metric in COUNT_METRICS:
                counts[metric] += part.counts.get(metric, 0) * factor
            revenue += part.revenue * factor
            for index, value in enumerate(_values_today(valuations, part, today)):
                valued[index] += value * factor
        counts = {metric: total / months for metric, total in counts.items()}
        revenue /= months
        valued = [total / months for total in valued]
        # the budgeted platforms' advertising in B is replaced by the new budgets
        budgeted = sum((basis.ad_cost_of(p) for p in budgets), Decimal(0))
        new_ads = sum(budgets.values(), Decimal(0))
        ad_spend = (sum(basis.ad_costs.values(), Decimal(0)) - budgeted) / months + new_ads
        cost = (basis.cost - budgeted) / months + new_ads
        other = basis.other_return / months
        figures = _figures(counts, revenue, valued, other, cost, ad_spend, basis.settings)
        return Projection(figures, valued[1], valued[2], scale)


def _factor(part: ResultPart, scale: Mapping[str, Decimal]) -> Decimal:
    if part.source != PAID:
        return Decimal(1)
    for platform, factor in scale.items():
        if same_platform(platform, part.platform):
            return factor
    return Decimal(1)


def _values_today(
    valuations: Sequence[Valuation], part: ResultPart, today: date
) -> tuple[Decimal, Decimal, Decimal]:
    """The part's valued return (value, low, high) at the valuations in force ``today``."""
    totals = [Decimal(0), Decimal(0), Decimal(0)]
    for metric in VALUED_METRICS:
        quantity = part.counts.get(metric, 0)
        if not quantity:
            continue
        found = valuations_rule.valuation_in_force(valuations, metric, part.platform, today)
        if found is None or not valuations_rule.applies(found, part.source):
            continue
        per = Decimal(1000) if metric == "impressions" else Decimal(1)
        for index, unit in enumerate(valuations_rule.priced(found)):
            totals[index] += quantity * unit / per
    return totals[0], totals[1], totals[2]


def _figures(
    counts: Mapping[str, Decimal],
    revenue: Decimal,
    valued: Sequence[Decimal],
    other: Decimal,
    cost: Decimal,
    ad_spend: Decimal,
    settings: Settings,
) -> Figures:
    direct = kpi.direct_return(revenue, settings.gross_margin)
    total, low, high = (kpi.total_return(direct, value, other) for value in valued)
    ltv = kpi.lifetime_value(settings)
    cac = _per(cost, counts["new_customers"])
    clicks, impressions = counts["link_clicks"], counts["impressions"]
    whole_counts: dict[str, Any] = {metric: whole(counts[metric]) for metric in COUNT_METRICS}
    return Figures(
        cost=cost,
        direct_return=direct,
        valued_return=valued[0],
        other_return=other,
        total_return=total,
        net_return=total - cost,
        roi_direct=kpi.roi(direct, cost),
        roi_total=kpi.roi(total, cost),
        roas=kpi.ratio(revenue, ad_spend),
        engagement_rate=kpi.ratio(counts["engagements"], impressions),
        ctr=kpi.ratio(clicks, impressions),
        conversion_rate=kpi.ratio(counts["conversions"], clicks),
        cpc=kpi.ratio(ad_spend, clicks),
        cpm=None if not impressions else ad_spend / impressions * 1000,
        cpl=_per(cost, counts["leads"]),
        cpa=_per(cost, counts["conversions"]),
        cac=cac,
        ltv=ltv,
        ltv_cac=kpi.ltv_cac(ltv, cac),
        ad_spend=ad_spend,
        revenue=revenue,
        total_return_low=min(low, high),
        total_return_high=max(low, high),
        roi_total_low=kpi.roi(min(low, high), cost),
        roi_total_high=kpi.roi(max(low, high), cost),
        **whole_counts,
    )


def _per(cost: Decimal, count: Decimal) -> Decimal | None:
    return kpi.ratio(cost, count)


def whole(value: Decimal) -> int:
    """A projected count as shown: rounded half-up to a whole number."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
