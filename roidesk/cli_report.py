"""``roidesk report``: one report (workbook or PDF by the file's ending), or one per client.

``roidesk report PATH OUT.xlsx|OUT.pdf [--from D] [--to D] [--client C]`` writes one report;
``roidesk report PATH DIR --each-client [--format pdf|xlsx]`` writes ``Client — 2026-11.pdf``
for every client for last month, all or none: every report is gathered and written to a
temporary file first, and only when all are complete are they renamed into place.
The PDF writer needs Qt: it is imported only when a PDF is asked for.
"""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from roidesk.core.problems import InputError, Problem
from roidesk.sheets.files import TEMPORARY_PREFIX, TEMPORARY_SUFFIX
from roidesk.sheets.report import (
    ReportData,
    client_requests,
    report_file_name,
    request_from_args,
    write_workbook,
)
from roidesk.sheets.report.model import gather
from roidesk.storage import Workspace


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.each_client:
        return "pdf"
    return "pdf" if Path(args.out).suffix.lower() == ".pdf" else "xlsx"


def _writer(fmt: str) -> Callable[[ReportData, Path], object]:
    if fmt == "pdf":
        from roidesk.ui.report_pdf import write_pdf

        return write_pdf
    return write_workbook


def _plan_budgets(
    workspace: Workspace, args: argparse.Namespace, fmt: str
) -> tuple[tuple[str, Decimal], ...]:
    """The ``--plan-budget`` budgets; refused where the sheet cannot honestly go: a PDF, a
    report of one client or one per client (the planner plans the whole workspace)."""
    items = getattr(args, "plan_budget", None) or []
    if not items:
        return ()
    reason = ""
    if fmt != "xlsx":
        reason = "--plan-budget adds a sheet to the workbook: write OUT.xlsx"
    elif args.each_client or args.client:
        reason = "--plan-budget plans the whole workspace: leave out --client and --each-client"
    if reason:
        raise InputError([Problem(reason, file=str(workspace.path))])
    from roidesk.cli_plan import budgets_from_args

    return tuple(budgets_from_args(items, "--plan-budget").items())


def run_report(
    workspace: Workspace, args: argparse.Namespace, today: date | None = None
) -> list[Path]:
    """Carry out ``roidesk report``; returns the files written."""
    fmt = _format_of(args)
    plan = _plan_budgets(workspace, args, fmt)
    if not args.each_client:
        out = Path(args.out)
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(f"{out.name}.{fmt}")
        request = replace(request_from_args(workspace, args, today), plan_budgets=plan)
        data = gather(workspace, request, today)
        _writer(fmt)(data, out)
        return [out]
    if args.client or args.start or args.end:
        raise InputError(
            [
                Problem(
                    "--each-client reports last month for every client: leave out "
                    "--client, --from and --to",
                    file=str(workspace.path),
                )
            ]
        )
    folder = Path(args.out)
    if not folder.is_dir():
        raise InputError([Problem("not a folder", file=str(folder))])
    reports = [
        (folder / report_file_name(name, request.start, fmt), gather(workspace, request, today))
        for name, request in client_requests(workspace, today)
    ]
    return write_all(reports, _writer(fmt))


def write_all(
    reports: list[tuple[Path, ReportData]], write: Callable[[ReportData, Path], object]
) -> list[Path]:
    """Write every report to a temporary beside its target, then rename them all into place;
    if any fails, none is put in place and the temporaries are removed."""
    parts: list[tuple[Path, Path]] = []
    try:
        for target, data in reports:
            part = target.with_name(f"{TEMPORARY_PREFIX}{target.name}-batch{TEMPORARY_SUFFIX}")
            parts.append((part, target))
            write(data, part)
    except BaseException:
        for part, _ in parts:
            with contextlib.suppress(OSError):
                part.unlink()
        raise
    for part, target in parts:
        os.replace(part, target)
    return [target for _, target in parts]
