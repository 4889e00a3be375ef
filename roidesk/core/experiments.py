"""An experiment: two groups compared on a rate KPI (SPEC "Content and experiments").

Each group's rate, the difference B − A, a two-sided two-proportion z-test with the pooled rate
(p-value), the 95 % confidence interval of the difference (unpooled standard error, z = 1.96),
a verdict (``a``, ``b`` or ``none``) and the sample per group that would show the observed
difference at 80 % power and 5 % significance. Rates are statistics, not money: floats are fine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from roidesk.core.problems import InputError, Problem
from roidesk.core.records import ContentType

#: Two-sided significance level of the verdict.
SIGNIFICANCE = 0.05
#: Needing more than this many times the data there is, a difference is not worth chasing.
HOPELESS = 100
#: z of the 95 % interval (as SPEC states it).
Z_INTERVAL = 1.96
#: z at 1 − α/2 for α = 5 % and at the 80 % power, for the sample size.
_Z_ALPHA = 1.959963984540054
_Z_POWER = 0.8416212335729143


class RateKpi(StrEnum):
    """The rate KPIs an experiment compares: (successes, trials) of each."""

    CTR = "ctr"
    CONVERSION_RATE = "conversion_rate"
    ENGAGEMENT_RATE = "engagement_rate"


#: Per KPI: the count that succeeds and the count it is out of (result metric names).
KPI_COUNTS: dict[RateKpi, tuple[str, str]] = {
    RateKpi.CTR: ("link_clicks", "impressions"),
    RateKpi.CONVERSION_RATE: ("conversions", "link_clicks"),
    RateKpi.ENGAGEMENT_RATE: ("engagements", "impressions"),
}


class Verdict(StrEnum):
    """Which group is better, beyond luck; ``none`` while the data cannot tell."""

    A = "a"
    B = "b"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Group:
    """One side of an experiment: its successes out of its trials."""

    successes: int
    trials: int

    @property
    def rate(self) -> float | None:
        """successes / trials; ``None`` for an empty group."""
        return self.successes / self.trials if self.trials > 0 else None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an experiment shows. ``None`` fields are not defined; ``reason`` says why."""

    rate_a: float | None
    rate_b: float | None
    difference: float | None
    p_value: float | None
    ci_low: float | None
    ci_high: float | None
    verdict: Verdict
    needed_per_group: int | None
    reason: str = ""

    def as_json(self) -> dict[str, object]:
        """The keys of ``roidesk compare --json``."""
        return {
            "rate_a": self.rate_a,
            "rate_b": self.rate_b,
            "difference": self.difference,
            "p_value": self.p_value,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "verdict": str(self.verdict),
            "needed_per_group": self.needed_per_group,
        }


def _undefined(a: Group, b: Group, reason: str) -> Outcome:
    return Outcome(a.rate, b.rate, None, None, None, None, Verdict.NONE, None, reason)


def compare(a: Group, b: Group) -> Outcome:
    """The two-proportion z-test of B against A (see the module docstring)."""
    for name, group in (("A", a), ("B", b)):
        if group.trials <= 0:
            return _undefined(a, b, f"group {name} has no data in the period")
        if not 0 <= group.successes <= group.trials:
            return _undefined(
                a, b, f"group {name} has more successes than trials: not a rate the test applies to"
            )
    rate_a, rate_b = a.successes / a.trials, b.successes / b.trials
    difference = rate_b - rate_a
    pooled = (a.successes + b.successes) / (a.trials + b.trials)
    pooled_se = math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials))
    unpooled_se = math.sqrt(rate_a * (1 - rate_a) / a.trials + rate_b * (1 - rate_b) / b.trials)
    if pooled_se == 0:
        return Outcome(
            rate_a, rate_b, difference, None, None, None, Verdict.NONE, None,
            "both groups have the same rate of 0 % or 100 %: nothing to test",
        )  # fmt: skip
    z = difference / pooled_se
    p_value = math.erfc(abs(z) / math.sqrt(2))
    verdict = Verdict.NONE
    if p_value < SIGNIFICANCE:
        verdict = Verdict.B if difference > 0 else Verdict.A
    return Outcome(
        rate_a=rate_a,
        rate_b=rate_b,
        difference=difference,
        p_value=p_value,
        ci_low=difference - Z_INTERVAL * unpooled_se,
        ci_high=difference + Z_INTERVAL * unpooled_se,
        verdict=verdict,
        needed_per_group=needed_per_group(rate_a, rate_b),
    )


def needed_per_group(rate_a: float, rate_b: float) -> int | None:
    """Trials per group that show ``rate_b − rate_a`` at 80 % power, 5 % two-sided.

    n = (z_α/2 · √(2 p̄ (1 − p̄)) + z_β · √(p_a (1 − p_a) + p_b (1 − p_b)))² ÷ (p_b − p_a)²,
    p̄ the mean of the two rates, rounded up. ``None`` when the rates are equal.
    """
    if rate_a == rate_b:
        return None
    mean = (rate_a + rate_b) / 2
    spread = _Z_ALPHA * math.sqrt(2 * mean * (1 - mean)) + _Z_POWER * math.sqrt(
        rate_a * (1 - rate_a) + rate_b * (1 - rate_b)
    )
    return math.ceil(spread**2 / (rate_b - rate_a) ** 2)


def more_needed(outcome: Outcome, a: Group, b: Group) -> int | None:
    """Trials the smaller group still lacks to reach ``needed_per_group`` (0 when it has them)."""
    if outcome.needed_per_group is None:
        return None
    return max(0, outcome.needed_per_group - min(a.trials, b.trials))


#: What a group may be: ``KIND=VALUE`` on the command line and the Experiments page.
GROUP_KINDS = ("campaign", "platform", "content_type", "content")


@dataclass(frozen=True, slots=True)
class GroupSpec:
    """Which results form a group: a campaign, platform, content type or content."""

    kind: str
    value: str

    def label(self) -> str:
        """How the group reads to the user: ``platform Instagram``."""
        return f"{self.kind.replace('_', ' ')} {self.value}"


def parse_group(text: str, option: str = "--a") -> GroupSpec:
    """``KIND=VALUE`` as a group; a clear InputError naming the option otherwise."""
    kind, sep, value = text.partition("=")
    kind, value = kind.strip().lower().replace(" ", "_"), value.strip()
    if not sep or kind not in GROUP_KINDS or not value:
        raise InputError(
            Problem(
                f"{option} {text!r}: write KIND=VALUE with KIND one of "
                f"{', '.join(GROUP_KINDS)} (e.g. platform=Instagram)"
            )
        )
    if kind == "content_type" and value.lower() not in {str(t) for t in ContentType}:
        raise InputError(
            Problem(
                f"{option} {text!r}: the content type is one of "
                f"{', '.join(str(t) for t in ContentType)}"
            )
        )
    return GroupSpec(kind, value.lower() if kind == "content_type" else value)


def parse_kpi(text: str) -> RateKpi:
    """A rate KPI by its name; a clear InputError otherwise."""
    try:
        return RateKpi(text.strip().lower())
    except ValueError:
        names = ", ".join(str(k) for k in RateKpi)
        raise InputError(Problem(f"--kpi {text!r}: one of {names}")) from None


#: Per KPI: how the rate and what it counts read in a sentence.
_WORDS: dict[RateKpi, tuple[str, str]] = {
    RateKpi.CTR: ("click rate", "impressions"),
    RateKpi.CONVERSION_RATE: ("conversion rate", "link clicks"),
    RateKpi.ENGAGEMENT_RATE: ("engagement rate", "impressions"),
}


def _about(count: int) -> str:
    """A count rounded to two significant figures, as a person says it: ``about 4,000``."""
    if count < 100:
        return f"{count:,}"
    digits = len(str(count)) - 2
    return f"about {round(count, -digits):,}"


def plain_sentence(outcome: Outcome, kpi: RateKpi, a: Group, b: Group) -> str:
    """The verdict in one sentence an owner reads without statistics."""
    rate, trials = _WORDS[kpi]
    if outcome.p_value is None:
        return f"Not defined: {outcome.reason}."
    if outcome.verdict is not Verdict.NONE:
        winner = "B" if outcome.verdict is Verdict.B else "A"
        return f"{winner}'s {rate} is higher, and that is not luck."
    more = more_needed(outcome, a, b)
    if more is None:
        return f"The two {rate}s are the same so far: no difference to show."
    if more == 0 or more > HOPELESS * max(a.trials, b.trials):
        return f"No difference beyond luck: the {rate}s are as good as equal."
    return f"Not enough data yet: {_about(more)} more {trials} each."


@dataclass(frozen=True, slots=True)
class SavedExperiment:
    """An experiment the user keeps: its groups, KPI and period (open ends: all data)."""

    name: str
    a: GroupSpec
    b: GroupSpec
    kpi: RateKpi
    start: date | None = None
    end: date | None = None
    id: int | None = None
