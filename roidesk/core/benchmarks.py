"""Published benchmarks per industry, platform and KPI (SPEC "Looking ahead": Benchmarks).

The table ships as ``resources/benchmarks.csv``. Every row names its source (title, year, link);
a figure the sources did not publish is an empty cell, never an estimate. Ratios are fractions
(0.0161 is 1.61 %), money is in the row's currency (the sources' US dollars). Where a source
gives an average rather than a median, the row's ``statistic`` says so.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from roidesk.core.money import NumberStyle
from roidesk.core.problems import InputError, Problem

#: The KPIs a benchmark may give (the figure names of ``Figures``).
BENCHMARK_KPIS: tuple[str, ...] = (
    "ctr",
    "cpc",
    "cpm",
    "engagement_rate",
    "conversion_rate",
    "cpl",
    "cpa",
    "roas",
)
#: The KPIs given in money (the others are ratios, as fractions).
MONEY_KPIS = frozenset({"cpc", "cpm", "cpl", "cpa"})
#: The industry of the rows that cover every industry a source studied.
ALL_INDUSTRIES = "All industries"
STATISTICS = ("median", "average")
COLUMNS: tuple[str, ...] = (
    "industry",
    "platform",
    "kpi",
    "median",
    "top_quartile",
    "statistic",
    "currency",
    "source_industry",
    "note",
    "source",
    "year",
    "link",
)
RESOURCE_NAME = "benchmarks.csv"


@dataclass(frozen=True, slots=True)
class Benchmark:
    """One published figure: what it is for, its value(s), and where it was read."""

    industry: str
    platform: str
    kpi: str
    median: Decimal | None
    top_quartile: Decimal | None
    statistic: str
    currency: str
    source_industry: str
    note: str
    source: str
    year: int
    link: str

    def as_json(self) -> dict[str, str | int | None]:
        """The row as ``roidesk benchmarks --json`` writes it (numbers as decimal strings)."""
        return {
            "industry": self.industry,
            "platform": self.platform,
            "kpi": self.kpi,
            "median": None if self.median is None else str(self.median),
            "top_quartile": None if self.top_quartile is None else str(self.top_quartile),
            "statistic": self.statistic,
            "currency": self.currency or None,
            "source_industry": self.source_industry,
            "note": self.note,
            "source": self.source,
            "year": self.year,
            "link": self.link,
        }


def parse_benchmarks(text: str, file: str = RESOURCE_NAME) -> list[Benchmark]:
    """The rows of a benchmarks CSV; every bad cell is named (row, column, reason)."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise InputError(Problem(f"missing columns: {', '.join(missing)}", file=file, row=1))
    rows: list[Benchmark] = []
    problems: list[Problem] = []
    for number, raw in enumerate(reader, start=2):
        found = _row(raw, file, number)
        if isinstance(found, Benchmark):
            rows.append(found)
        else:
            problems.extend(found)
    if problems:
        raise InputError(problems)
    return rows


def _row(raw: dict[str, str], file: str, number: int) -> Benchmark | list[Problem]:
    cells = {name: (raw.get(name) or "").strip() for name in COLUMNS}
    problems: list[Problem] = []

    def bad(column: str, reason: str) -> None:
        problems.append(Problem(reason, file=file, row=number, column=column))

    for name in ("industry", "platform", "source", "link", "source_industry"):
        if not cells[name]:
            bad(name, "empty: every benchmark names what it is for and its source")
    if cells["kpi"] not in BENCHMARK_KPIS:
        bad("kpi", f"{cells['kpi']!r} is not one of {', '.join(BENCHMARK_KPIS)}")
    if cells["statistic"] not in STATISTICS:
        bad("statistic", f"{cells['statistic']!r} is not one of {', '.join(STATISTICS)}")
    if cells["link"] and not cells["link"].startswith("https://"):
        bad("link", "not an https:// link")
    if cells["kpi"] in MONEY_KPIS and not cells["currency"]:
        bad("currency", "a money figure needs its currency")
    values = {name: _number(cells[name], name, bad) for name in ("median", "top_quartile")}
    if values["median"] is None and values["top_quartile"] is None and not problems:
        bad("median", "neither a median nor a top quartile: a row without a figure")
    year = cells["year"]
    if not (year.isdigit() and 2000 <= int(year) <= 2100):
        bad("year", f"{year!r} is not a year")
    if problems:
        return problems
    return Benchmark(
        industry=cells["industry"],
        platform=cells["platform"],
        kpi=cells["kpi"],
        median=values["median"],
        top_quartile=values["top_quartile"],
        statistic=cells["statistic"],
        currency=cells["currency"],
        source_industry=cells["source_industry"],
        note=cells["note"],
        source=cells["source"],
        year=int(year),
        link=cells["link"],
    )


def _number(text: str, column: str, bad: Callable[[str, str], None]) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value < 0:
        bad(column, f"{text!r} is not a number of zero or more")
        return None
    return value


@cache
def shipped_benchmarks() -> tuple[Benchmark, ...]:
    """The table shipped with the app (``resources/benchmarks.csv``)."""
    from roidesk.resources import resource_path

    path = resource_path(RESOURCE_NAME)
    return tuple(parse_benchmarks(path.read_text(encoding="utf-8"), str(path)))


def industries(rows: Iterable[Benchmark]) -> list[str]:
    """The industries the table has, "All industries" first, the rest alphabetically."""
    names = {row.industry for row in rows}
    rest = sorted((n for n in names if n != ALL_INDUSTRIES), key=str.casefold)
    return ([ALL_INDUSTRIES] if ALL_INDUSTRIES in names else []) + rest


def select(
    rows: Iterable[Benchmark], industry: str | None = None, platform: str | None = None
) -> list[Benchmark]:
    """The rows of one industry and/or platform (either ``None``: every one), case-blind."""
    return [
        row
        for row in rows
        if (industry is None or row.industry.casefold() == industry.casefold())
        and (platform is None or row.platform.casefold() == platform.casefold())
    ]


def benchmark_for(
    rows: Sequence[Benchmark], industry: str | None, platform: str, kpi: str
) -> Benchmark | None:
    """The benchmark to show beside a KPI: the industry's newest row for the platform and KPI,
    else the newest all-industries row, else None (a median is preferred to an average)."""
    for wanted in (industry, ALL_INDUSTRIES):
        if wanted is None:
            continue
        found = [row for row in select(rows, wanted, platform) if row.kpi == kpi]
        if found:
            return max(found, key=lambda row: (row.year, row.statistic == "median"))
    return None


#: The platform of the rows that cover every platform a source studied (the view of no
#: platform filter shows these rows only).
ALL_PLATFORMS = "All platforms"
#: The KPIs given as ratios shown in per cent (ROAS is a multiple).
_PERCENT_KPIS = frozenset({"ctr", "engagement_rate", "conversion_rate"})


def shown_benchmark(
    rows: Sequence[Benchmark], industry: str | None, platform: str | None, kpi: str
) -> Benchmark | None:
    """The benchmark for a view: none without an industry setting; the view's platform, or
    the all-platforms row when no platform is chosen (none when the table has no such row)."""
    if not industry:
        return None
    return benchmark_for(rows, industry, platform or ALL_PLATFORMS, kpi)


def short_source(row: Benchmark) -> str:
    """The source's publisher and year, for a chart label (``WordStream & LocaliQ, 2021``)."""
    return f"{row.source.split(':')[0].strip()}, {row.year}"


def benchmark_value(row: Benchmark, value: Decimal, numbers: NumberStyle) -> str:
    """A benchmark figure as the user reads it: ratios in per cent (ROAS as a multiple), money
    in the row's currency (in the workspace's style when it is the workspace's currency)."""
    if row.kpi in _PERCENT_KPIS:
        return numbers.percent(value)
    if row.kpi == "roas":
        return numbers.times(value)
    if row.currency.upper() == numbers.currency.upper():
        return numbers.money(value)
    return f"{value.quantize(Decimal('0.01'))} {row.currency}"


def benchmark_phrase(row: Benchmark, numbers: NumberStyle) -> str:
    """What the dashboard writes beside a KPI: ``Food & restaurants median 1.20 % (WordStream
    & LocaliQ, 2021)`` (the top quartile follows where published)."""
    parts = []
    if row.median is not None:
        parts.append(f"{row.statistic} {benchmark_value(row, row.median, numbers)}")
    if row.top_quartile is not None:
        parts.append(f"top quartile {benchmark_value(row, row.top_quartile, numbers)}")
    return f"{row.industry} {', '.join(parts)} ({short_source(row)})"


def benchmark_tooltip(row: Benchmark) -> str:
    """The benchmark's full source: title, year, link, what the source called the industry."""
    lines = [f"{row.source} ({row.year})", row.link]
    if row.source_industry != row.industry:
        lines.append(f"the source's industry: {row.source_industry}")
    if row.note:
        lines.append(row.note)
    return "\n".join(lines)


def suggested_target(row: Benchmark) -> tuple[Decimal, Decimal]:
    """The span a goal's target may be taken from: the median to the top quartile (the
    median alone, or the top quartile alone, where only one was published)."""
    low = row.median if row.median is not None else row.top_quartile
    high = row.top_quartile if row.top_quartile is not None else row.median
    assert low is not None and high is not None  # a row has at least one figure
    return low, high


def target_hint(row: Benchmark, platform: str, numbers: NumberStyle) -> str:
    """What the goal editor suggests: ``1.20 % – 2.00 % (Facebook: Food & restaurants median
    to top quartile, Acme Ads, 2024)``."""
    low, high = suggested_target(row)
    span = benchmark_value(row, low, numbers)
    if high != low:
        span += f" – {benchmark_value(row, high, numbers)}"
    which = row.statistic
    if row.median is not None and row.top_quartile is not None:
        which += " to top quartile"
    elif row.median is None:
        which = "top quartile"
    return f"{span} ({platform}: {row.industry} {which}, {short_source(row)})"
