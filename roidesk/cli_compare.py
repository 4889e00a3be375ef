"""``roidesk compare``: an experiment between two groups on a rate KPI.

Only argparse is imported here at start-up; the engine is imported when the command runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from roidesk.storage import Workspace


def add_parser(sub: Any, iso_date: Any) -> None:
    """Add ``compare`` to the ``roidesk`` parser's subcommands."""
    compare = sub.add_parser("compare", help="an experiment: is B's rate better than A's?")
    compare.add_argument("path", type=Path)
    compare.add_argument("--a", required=True, metavar="FILTER", help="group A, e.g. platform=X")
    compare.add_argument("--b", required=True, metavar="FILTER", help="group B, e.g. content=Reel")
    compare.add_argument("--kpi", required=True, help="ctr, conversion_rate or engagement_rate")
    compare.add_argument("--from", dest="start", type=iso_date, metavar="D")
    compare.add_argument("--to", dest="end", type=iso_date, metavar="D")
    compare.add_argument("--json", action="store_true", help="machine-readable output")


def _percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate * 100:.2f} %"


def print_compare(
    workspace: Workspace, args: argparse.Namespace, out: TextIO | None = None
) -> None:
    """Run ``roidesk compare`` on an open workspace and print the answer (to stdout)."""
    from roidesk.core.experiments import parse_group, parse_kpi, plain_sentence
    from roidesk.core.problems import InputError, Problem
    from roidesk.engine.experiments import run_experiment

    out = out or sys.stdout
    a, b = parse_group(args.a, "--a"), parse_group(args.b, "--b")
    kpi = parse_kpi(args.kpi)
    if args.start and args.end and args.end < args.start:
        raise InputError(Problem("--to is before --from"))
    answer = run_experiment(workspace, a, b, kpi, args.start, args.end)
    outcome = answer.outcome
    if args.json:
        json.dump(outcome.as_json(), out, indent=2)
        out.write("\n")
        return
    sentence = plain_sentence(outcome, kpi, answer.a, answer.b)
    lines = [
        f"A ({a.label()}): {_percent(outcome.rate_a)}"
        f"  ({answer.a.successes:,} of {answer.a.trials:,})",
        f"B ({b.label()}): {_percent(outcome.rate_b)}"
        f"  ({answer.b.successes:,} of {answer.b.trials:,})",
    ]
    if outcome.difference is not None:
        lines.append(f"difference B − A: {outcome.difference * 100:+.2f} points")
    if outcome.ci_low is not None and outcome.ci_high is not None:
        lines.append(
            f"95 % interval: {outcome.ci_low * 100:+.2f} to {outcome.ci_high * 100:+.2f} points"
        )
    if outcome.p_value is not None:
        lines.append(f"p-value: {outcome.p_value:.4f}")
    if outcome.needed_per_group is not None:
        lines.append(f"needed per group (80 % power): {outcome.needed_per_group:,}")
    lines.append(sentence)
    out.write("\n".join(lines) + "\n")
