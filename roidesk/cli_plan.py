"""``roidesk plan`` (RONI of stopping a platform, the budget planner) and ``roidesk benchmarks``.

Only argparse is imported here at start-up; the engine is imported when a command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from roidesk.core.problems import InputError, Problem

if TYPE_CHECKING:
    from roidesk.core.benchmarks import Benchmark
    from roidesk.core.planning import Projection
    from roidesk.engine.planning import StopAnswer
    from roidesk.storage import Workspace

#: The projected month's figures the text output shows, in order.
PLAN_FIGURES = (
    "cost",
    "ad_spend",
    "revenue",
    "total_return",
    "net_return",
    "roi_total",
    "roas",
    "leads",
    "cpl",
    "conversions",
    "cpa",
)


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value.is_finite():
        raise argparse.ArgumentTypeError(f"not a number: {text!r}")
    return value


def add_parsers(sub: Any, iso_date: Any) -> None:
    """Add ``plan`` and ``benchmarks`` to the ``roidesk`` parser's subcommands."""
    plan = sub.add_parser(
        "plan", help="look ahead: what stopping a platform would cost, or a new budget bring"
    )
    plan.add_argument("path", type=Path)
    what = plan.add_mutually_exclusive_group(required=True)
    what.add_argument("--stop", metavar="PLATFORM", help="the platform you would stop")
    what.add_argument(
        "--budget",
        nargs="+",
        metavar="PLATFORM=AMOUNT",
        help="a new monthly advertising budget per platform",
    )
    plan.add_argument("--months", type=int, default=1, help="months you would stop (default 1)")
    plan.add_argument(
        "--carry-over",
        type=_decimal,
        default=Decimal(0),
        metavar="F",
        help="share of the return that continues without spending, 0 to 1 (default 0)",
    )
    plan.add_argument(
        "--exponent",
        type=_decimal,
        default=None,
        metavar="E",
        help="diminishing returns: paid results scale as (new ÷ basis) ** E (default 0.8)",
    )
    plan.add_argument("--basis-from", type=iso_date, metavar="D")
    plan.add_argument("--basis-to", type=iso_date, metavar="D")
    plan.add_argument("--json", action="store_true", help="machine-readable output")

    bench = sub.add_parser("benchmarks", help="list the published benchmarks shipped with roidesk")
    bench.add_argument("--industry")
    bench.add_argument("--platform")
    bench.add_argument("--json", action="store_true", help="machine-readable output")


# ---------------------------------------------------------------------------- plan
def basis_from_args(args: argparse.Namespace) -> tuple[date, date] | None:
    """The basis period of ``--basis-from``/``--basis-to`` (both or neither)."""
    start, end = args.basis_from, args.basis_to
    if start is None and end is None:
        return None
    if start is None or end is None:
        raise InputError(Problem("give both --basis-from and --basis-to, or neither"))
    if end < start:
        raise InputError(Problem("--basis-to is before --basis-from"))
    return start, end


def budgets_from_args(items: list[str], flag: str = "--budget") -> dict[str, Decimal]:
    """``PLATFORM=AMOUNT`` arguments as budgets; every bad one is named."""
    from roidesk.core.records import canonical_platform

    budgets: dict[str, Decimal] = {}
    problems = []
    for item in items:
        name, sep, amount = item.partition("=")
        platform = canonical_platform(name)
        try:
            value = Decimal(amount.strip().replace(",", ".")) if sep else None
        except InvalidOperation:
            value = None
        if platform is None or value is None or not value.is_finite():
            problems.append(Problem(f"{flag} {item!r}: write PLATFORM=AMOUNT, e.g. Instagram=500"))
        else:
            budgets[platform] = value
    if problems:
        raise InputError(problems)
    return budgets


def print_plan(workspace: Workspace, args: argparse.Namespace, out: TextIO | None = None) -> None:
    """Run ``roidesk plan`` on an open workspace and print the answer (to stdout)."""
    out = out or sys.stdout
    from roidesk.core.planning import DEFAULT_EXPONENT, project_month
    from roidesk.core.records import canonical_platform
    from roidesk.engine import planning
    from roidesk.engine.state import context

    basis = basis_from_args(args)
    if args.stop:
        if args.exponent is not None:
            raise InputError(Problem("--exponent belongs to --budget, not --stop"))
        platform = canonical_platform(args.stop) or args.stop
        answer = planning.plan_stop(workspace, platform, args.months, args.carry_over, basis)
        _print_stop(workspace, answer, args.json, out)
        return
    budgets = budgets_from_args(args.budget)
    exponent = DEFAULT_EXPONENT if args.exponent is None else args.exponent
    found = planning.plan_basis(workspace, basis)
    projection = project_month(
        found, budgets, context(workspace).valuations, date.today(), exponent
    )
    _print_budget(workspace, (found.start, found.end), exponent, projection, args.json, out)


def stop_json(answer: StopAnswer, currency: str) -> dict[str, Any]:
    """The JSON of ``plan --stop``: money rounded to the currency's minor unit."""
    from roidesk.core.money import round_money

    result = answer.result
    money = {
        name: str(round_money(getattr(result, name), currency))
        for name in ("cost_saved", "return_lost", "roni", "roni_low", "roni_high")
    }
    return {
        **money,
        "platform": answer.platform,
        "months": answer.months,
        "carry_over": str(answer.carry_over),
        "basis_from": answer.basis[0].isoformat(),
        "basis_to": answer.basis[1].isoformat(),
        "basis_months": str(answer.basis_months.quantize(Decimal("0.0001"))),
    }


def _print_stop(workspace: Workspace, answer: StopAnswer, as_json: bool, out: TextIO) -> None:
    from roidesk.core.money import format_money, format_percent

    settings = workspace.settings()
    if as_json:
        print(json.dumps(stop_json(answer, settings.currency), indent=2), file=out)
        return

    def money(value: Decimal) -> str:
        return format_money(value, settings.currency, settings.locale)

    result = answer.result
    start, end = answer.basis
    print(
        f"If you stop {answer.platform} for {answer.months} month(s) — basis "
        f"{start.isoformat()} – {end.isoformat()} "
        f"({answer.basis_months.quantize(Decimal('0.01'))} months), "
        f"carry-over {format_percent(answer.carry_over)}:",
        file=out,
    )
    print(f"  Cost saved   {money(result.cost_saved)}", file=out)
    print(f"  Return lost  {money(result.return_lost)}", file=out)
    ranged = (
        ""
        if result.roni_low == result.roni_high
        else (f"  (range {money(result.roni_low)} to {money(result.roni_high)})")
    )
    print(f"  RONI         {money(result.roni)}{ranged}", file=out)
    verdict = (
        "stopping would cost you more than it saves"
        if result.roni > 0
        else "stopping would save more than it costs"
        if result.roni < 0
        else "stopping would save as much as it costs"
    )
    print(f"  ({verdict})", file=out)


def budget_json(projection: Projection, currency: str) -> dict[str, Any]:
    """The JSON of ``plan --budget``: the summary's keys for the projected month, plus the
    valued return's range (the total return's and ROI's are among the summary's keys)."""
    from roidesk.core.money import figures_to_json, round_money

    out = figures_to_json(projection.figures, currency)
    out["valued_return_low"] = str(round_money(projection.valued_return_low, currency))
    out["valued_return_high"] = str(round_money(projection.valued_return_high, currency))
    return out


def _print_budget(
    workspace: Workspace,
    basis: tuple[date, date],
    exponent: Decimal,
    projection: Projection,
    as_json: bool,
    out: TextIO,
) -> None:
    from roidesk.cli_summary import format_figure
    from roidesk.core.figures import LABELS

    settings = workspace.settings()
    if as_json:
        data = budget_json(projection, settings.currency)
        data.update(basis_from=basis[0].isoformat(), basis_to=basis[1].isoformat())
        data["exponent"] = str(exponent)
        print(json.dumps(data, indent=2), file=out)
        return
    print(
        f"The month these budgets would bring (basis {basis[0].isoformat()} – "
        f"{basis[1].isoformat()}, exponent {exponent}):",
        file=out,
    )
    figures = projection.figures
    for name in PLAN_FIGURES:
        text = format_figure(name, getattr(figures, name), settings.currency, settings.locale)
        if name in ("total_return", "roi_total"):
            low = getattr(figures, f"{name}_low")
            high = getattr(figures, f"{name}_high")
            if low != high:
                text += (
                    f"  (range {format_figure(name, low, settings.currency, settings.locale)}"
                    f" to {format_figure(name, high, settings.currency, settings.locale)})"
                )
        print(f"  {LABELS[name]:<24}{text}", file=out)


# ---------------------------------------------------------------------------- benchmarks
def print_benchmarks(args: argparse.Namespace, out: TextIO | None = None) -> None:
    """``roidesk benchmarks``: the table, or the rows of one industry and/or platform."""
    out = out or sys.stdout
    from roidesk.core.benchmarks import industries, select, shipped_benchmarks

    rows = shipped_benchmarks()
    chosen = select(rows, args.industry, args.platform)
    if not chosen and args.industry and not select(rows, args.industry):
        known = "; ".join(industries(rows))
        raise InputError(
            Problem(f"no benchmarks for industry {args.industry!r} (industries: {known})")
        )
    if args.json:
        print(json.dumps([row.as_json() for row in chosen], indent=2, ensure_ascii=False), file=out)
        return
    for row in chosen:
        print(_benchmark_line(row), file=out)
    if not chosen:
        print("no benchmarks match", file=out)


def _benchmark_line(row: Benchmark) -> str:
    from roidesk.core.benchmarks import MONEY_KPIS
    from roidesk.core.money import format_percent

    def shown(value: Decimal | None) -> str:
        if value is None:
            return "—"
        if row.kpi in MONEY_KPIS:
            return f"{value} {row.currency}"
        return format_percent(value)

    return (
        f"{row.industry} · {row.platform} · {row.kpi}: {row.statistic} {shown(row.median)} "
        f"(top quartile {shown(row.top_quartile)}) · {row.source}, {row.year} · {row.link}"
    )
