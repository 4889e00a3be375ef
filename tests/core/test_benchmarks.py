"""The benchmark table: every figure sourced, the schema checked, the row for an industry."""

from __future__ import annotations

from decimal import Decimal

import pytest

from roidesk.core.benchmarks import (
    ALL_INDUSTRIES,
    BENCHMARK_KPIS,
    COLUMNS,
    MONEY_KPIS,
    benchmark_for,
    benchmark_phrase,
    industries,
    parse_benchmarks,
    select,
    shipped_benchmarks,
    shown_benchmark,
)
from roidesk.core.problems import InputError

HEADER = ",".join(COLUMNS)
GOOD = (
    "Legal,Facebook,ctr,0.0161,,average,,Legal,,WordStream: Facebook benchmarks,2017,"
    "https://example.org/a"
)


def test_every_shipped_row_names_its_source_year_and_link() -> None:
    """No figure without a source: title, a plausible year and an https link on every row."""
    rows = shipped_benchmarks()
    assert rows
    for row in rows:
        assert row.source.strip() and row.source_industry.strip()
        assert 2000 <= row.year <= 2100
        assert row.link.startswith("https://")
        assert row.median is not None or row.top_quartile is not None
        assert row.kpi in BENCHMARK_KPIS
        if row.kpi in MONEY_KPIS:
            assert row.currency


def test_shipped_table_covers_the_platforms_kpis_and_industries_asked_for() -> None:
    """Issue 25's floor: five platforms, five KPIs, six industries, three sources."""
    rows = shipped_benchmarks()
    assert {"Facebook", "Instagram", "LinkedIn", "TikTok", "Google Ads"} <= {
        r.platform for r in rows
    }
    assert len({r.kpi for r in rows}) >= 5
    assert len([i for i in industries(rows) if i != ALL_INDUSTRIES]) >= 6
    assert len({r.source.split(":")[0] for r in rows}) >= 3


def test_ratios_are_fractions_not_percent() -> None:
    """A CTR of 1.61 % is stored as 0.0161: a ratio above 1 would be a percent typed in."""
    for row in shipped_benchmarks():
        if row.kpi not in MONEY_KPIS and row.kpi != "roas" and row.median is not None:
            assert row.median < 1, row


def test_a_row_without_a_source_or_figure_is_refused_with_its_place() -> None:
    """A row missing its source and a row with no figure are both named by row and column."""
    text = "\n".join(
        [
            HEADER,
            GOOD,
            "Legal,Facebook,cpc,1.81,,average,USD,Legal,,,2017,https://example.org/b",
            "Legal,Facebook,cpc,,,average,USD,Legal,,A source,2017,https://example.org/c",
        ]
    )
    with pytest.raises(InputError) as caught:
        parse_benchmarks(text, "bench.csv")
    places = {(p.row, p.column) for p in caught.value.problems}
    assert places == {(3, "source"), (4, "median")}


def test_a_money_figure_needs_its_currency_and_a_link_must_be_https() -> None:
    """A cost per click without currency, or a plain-http link, is not taken."""
    text = "\n".join(
        [HEADER, "Legal,Facebook,cpc,1.81,,average,,Legal,,A source,2017,http://example.org"]
    )
    with pytest.raises(InputError) as caught:
        parse_benchmarks(text)
    assert {p.column for p in caught.value.problems} == {"currency", "link"}


def test_rows_of_an_industry_and_platform_are_found_case_blind() -> None:
    """`roidesk benchmarks --industry legal --platform facebook` finds the Legal rows."""
    rows = parse_benchmarks(f"{HEADER}\n{GOOD}")
    assert select(rows, "legal", "FACEBOOK") == rows
    assert select(rows, "retail") == []


def test_the_industrys_newest_median_is_preferred_then_all_industries() -> None:
    """For Legal the newer row wins; an industry without a row falls back to all industries."""
    text = "\n".join(
        [
            HEADER,
            GOOD,
            "Legal,Facebook,ctr,0.02,,median,,Legal,,Newer,2023,https://example.org/n",
            "All industries,Facebook,ctr,0.009,,average,,All,,All,2017,https://example.org/x",
        ]
    )
    rows = parse_benchmarks(text)
    legal = benchmark_for(rows, "Legal", "Facebook", "ctr")
    assert legal is not None and legal.median == Decimal("0.02")
    fallback = benchmark_for(rows, "Retail", "Facebook", "ctr")
    assert fallback is not None and fallback.industry == ALL_INDUSTRIES
    assert benchmark_for(rows, "Legal", "TikTok", "ctr") is None


CAFE_ROWS = parse_benchmarks(
    "\n".join(
        [
            HEADER,
            "Food & restaurants,Facebook,ctr,0.012,0.02,median,,Restaurants,,"
            "Acme Ads: Social benchmarks 2024,2024,https://example.org/c",
            "Food & restaurants,Facebook,cpc,1.5,,average,USD,Restaurants,,"
            "Acme Ads: Social benchmarks 2024,2024,https://example.org/c",
            "Food & restaurants,All platforms,ctr,0.01,,median,,Restaurants,,"
            "Acme Ads: Social benchmarks 2024,2024,https://example.org/c",
        ]
    )
)


def test_the_phrase_beside_a_kpi_names_industry_value_and_source() -> None:
    """The card reads "Food & restaurants median 1.20 %, top quartile 2.00 % (Acme Ads, 2024)"."""
    from roidesk.core.money import NumberStyle

    numbers = NumberStyle("EUR", "en_US")
    row = shown_benchmark(CAFE_ROWS, "Food & restaurants", "Facebook", "ctr")
    assert row is not None
    assert benchmark_phrase(row, numbers) == (
        "Food & restaurants median 1.20\u00a0%, top quartile 2.00\u00a0% (Acme Ads, 2024)"
    )
    cpc = shown_benchmark(CAFE_ROWS, "Food & restaurants", "Facebook", "cpc")
    assert cpc is not None  # a USD figure in a euro workspace keeps its own currency
    assert benchmark_phrase(cpc, numbers) == "Food & restaurants average 1.50 USD (Acme Ads, 2024)"


def test_no_platform_filter_takes_the_all_platforms_row_and_no_industry_shows_nothing() -> None:
    """All platforms shows the source's all-platform figure; without an industry, nothing."""
    row = shown_benchmark(CAFE_ROWS, "Food & restaurants", None, "ctr")
    assert row is not None and row.median == Decimal("0.01")
    assert shown_benchmark(CAFE_ROWS, "Food & restaurants", None, "cpc") is None
    assert shown_benchmark(CAFE_ROWS, "", "Facebook", "ctr") is None


def test_a_goal_target_is_suggested_between_median_and_top_quartile() -> None:
    """CTR median 1.2 %, top quartile 2 %: the suggestion spans both, naming its source; CPC
    with a median alone suggests the median."""
    from roidesk.core.benchmarks import suggested_target, target_hint
    from roidesk.core.money import NumberStyle

    numbers = NumberStyle("EUR", "en_US")
    ctr = shown_benchmark(CAFE_ROWS, "Food & restaurants", "Facebook", "ctr")
    cpc = shown_benchmark(CAFE_ROWS, "Food & restaurants", "Facebook", "cpc")
    assert ctr is not None and cpc is not None
    assert suggested_target(ctr) == (Decimal("0.012"), Decimal("0.02"))
    assert target_hint(ctr, "Facebook", numbers) == (
        "1.20\u00a0% – 2.00\u00a0% (Facebook: Food & restaurants median to top quartile, "
        "Acme Ads, 2024)"
    )
    assert suggested_target(cpc) == (Decimal("1.5"), Decimal("1.5"))
    assert target_hint(cpc, "Facebook", numbers) == (
        "1.50 USD (Facebook: Food & restaurants average, Acme Ads, 2024)"
    )
