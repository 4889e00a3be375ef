"""Experiments: the two-proportion z-test, its interval, verdict and sample size (hand-computed)."""

from __future__ import annotations

import pytest

from roidesk.core.experiments import Group, Verdict, compare, more_needed, needed_per_group


def test_a_clear_difference_is_b_and_not_luck() -> None:
    """100/10,000 against 150/10,000 clicks is a real difference an owner can act on."""
    # pooled p = 250/20,000 = 0.0125; SE = √(0.0125·0.9875·(2/10,000)) = 0.00157123
    # z = 0.005 / 0.00157123 = 3.1822 → p = erfc(3.1822/√2) = 0.0014615
    # unpooled SE = √(0.01·0.99/10⁴ + 0.015·0.985/10⁴) = 0.00157083; ± 1.96·SE = ± 0.0030788
    outcome = compare(Group(100, 10_000), Group(150, 10_000))
    assert outcome.rate_a == pytest.approx(0.01)
    assert outcome.rate_b == pytest.approx(0.015)
    assert outcome.difference == pytest.approx(0.005)
    assert outcome.p_value == pytest.approx(0.0014615, abs=1e-7)
    assert outcome.ci_low == pytest.approx(0.0019212, abs=1e-7)
    assert outcome.ci_high == pytest.approx(0.0080788, abs=1e-7)
    assert outcome.verdict is Verdict.B
    # (1.96·√(2·0.0125·0.9875) + 0.8416·√(0.0099 + 0.014775))² / 0.005² = 7,749.8 → 7,750
    assert outcome.needed_per_group == 7_750


def test_a_lower_b_is_a_verdict_for_a() -> None:
    """When B does worse beyond luck, the verdict names A and the interval lies below zero."""
    # pooled 540/20,000 = 0.027; SE = √(0.027·0.973·0.0002) = 0.0022922; z = −2.6176 → p = 0.008856
    outcome = compare(Group(300, 10_000), Group(240, 10_000))
    assert outcome.p_value == pytest.approx(0.008856, abs=1e-6)
    assert outcome.verdict is Verdict.A
    assert outcome.ci_high is not None and outcome.ci_high < 0


def test_a_small_difference_on_little_data_is_none_yet() -> None:
    """1.0 % against 1.2 % on 1,000 impressions each cannot be told from luck."""
    # pooled 22/2,000 = 0.011; SE = √(0.011·0.989·0.002) = 0.0046645; z = 0.42877 → p = 0.66809
    outcome = compare(Group(10, 1_000), Group(12, 1_000))
    assert outcome.p_value == pytest.approx(0.66809, abs=1e-5)
    assert outcome.verdict is Verdict.NONE
    assert outcome.ci_low is not None and outcome.ci_low < 0 < (outcome.ci_high or 0)
    # (1.96·√(2·0.011·0.989) + 0.8416·√(0.0099 + 0.011856))² / 0.002² = 42,692.6 → 42,693
    assert outcome.needed_per_group == 42_693
    assert more_needed(outcome, Group(10, 1_000), Group(12, 1_000)) == 41_693


def test_an_empty_group_is_not_defined() -> None:
    """A group with no impressions in the period gives nulls, no verdict and a reason."""
    outcome = compare(Group(0, 0), Group(12, 1_000))
    assert outcome.rate_a is None
    assert outcome.rate_b == pytest.approx(0.012)
    assert (outcome.difference, outcome.p_value, outcome.ci_low, outcome.needed_per_group) == (
        None,
        None,
        None,
        None,
    )
    assert outcome.verdict is Verdict.NONE
    assert "group A has no data" in outcome.reason


def test_more_successes_than_trials_is_not_defined() -> None:
    """Conversions above clicks (separate tracking) is not a proportion: no p-value is invented."""
    outcome = compare(Group(12, 10), Group(5, 100))
    assert outcome.p_value is None
    assert "more successes than trials" in outcome.reason


def test_equal_rates_need_no_sample_size() -> None:
    """With no difference observed there is no size that would show it."""
    assert needed_per_group(0.02, 0.02) is None
    assert compare(Group(20, 1_000), Group(40, 2_000)).verdict is Verdict.NONE


def test_json_keys_are_the_documented_ones() -> None:
    """``roidesk compare --json`` carries exactly SPEC's keys."""
    keys = set(compare(Group(1, 10), Group(2, 10)).as_json())
    assert keys == {
        "rate_a",
        "rate_b",
        "difference",
        "p_value",
        "ci_low",
        "ci_high",
        "verdict",
        "needed_per_group",
    }


def test_sentences_say_the_verdict_plainly() -> None:
    """The owner reads the verdict as a sentence: the winner, or how much more data it needs."""
    from roidesk.core.experiments import RateKpi, plain_sentence

    a, b = Group(100, 10_000), Group(150, 10_000)
    assert plain_sentence(compare(a, b), RateKpi.CTR, a, b) == (
        "B's click rate is higher, and that is not luck."
    )
    a, b = Group(10, 1_000), Group(12, 1_000)
    # needs 42,693 each, has 1,000: 41,693 more → about 42,000
    assert plain_sentence(compare(a, b), RateKpi.CTR, a, b) == (
        "Not enough data yet: about 42,000 more impressions each."
    )
    empty = Group(0, 0)
    assert plain_sentence(compare(empty, b), RateKpi.CTR, empty, b) == (
        "Not defined: group A has no data in the period."
    )


def test_a_group_is_kind_equals_value() -> None:
    """``--a platform=Instagram`` parses; a misspelt kind is refused with the kinds named."""
    from roidesk.core.experiments import GroupSpec, parse_group
    from roidesk.core.problems import InputError

    assert parse_group("platform=Instagram") == GroupSpec("platform", "Instagram")
    assert parse_group("content_type=Video") == GroupSpec("content_type", "video")
    with pytest.raises(InputError, match="KIND one of campaign, platform"):
        parse_group("plattform=Instagram")
    with pytest.raises(InputError, match="content type is one of"):
        parse_group("content_type=gif")


def test_a_negligible_difference_is_called_equal() -> None:
    """1.490 % against 1.489 % would need hundreds of times the data: say they are equal."""
    from roidesk.core.experiments import RateKpi, plain_sentence

    a, b = Group(1_490, 100_000), Group(1_489, 100_000)
    outcome = compare(a, b)
    assert outcome.needed_per_group is not None and outcome.needed_per_group > 100 * 100_000
    assert plain_sentence(outcome, RateKpi.CTR, a, b) == (
        "No difference beyond luck: the click rates are as good as equal."
    )
