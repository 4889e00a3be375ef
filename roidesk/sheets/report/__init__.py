"""The client report workbook (``roidesk report``, File ▸ Report…).

:func:`write_report` gathers the figures from the engine, lays out the workbook (summary with
highlights, detail sheets, native charts, definitions), saves it and adds the cached values of
its formula cells. The file appears complete or not at all.
"""

from __future__ import annotations

import argparse
import io
import re
from datetime import date
from functools import partial
from pathlib import Path

from roidesk.core.problems import InputError, Problem
from roidesk.sheets.files import write_atomically
from roidesk.sheets.report.cached import add_cached_values
from roidesk.sheets.report.model import ReportData, ReportRequest, gather, last_full_month
from roidesk.sheets.report.writer import build, sheet_title
from roidesk.storage import Workspace

__all__ = [
    "ReportData",
    "ReportRequest",
    "client_requests",
    "last_full_month",
    "report_file_name",
    "report_from_args",
    "request_from_args",
    "sheet_title",
    "write_report",
]


def write_report(
    workspace: Workspace, out: str | Path, request: ReportRequest, today: date | None = None
) -> ReportData:
    """Write the report for ``request`` to ``out`` (replaced only once complete)."""
    data = gather(workspace, request, today)
    write_workbook(data, out)
    return data


def write_workbook(data: ReportData, out: str | Path) -> None:
    """Write the workbook of gathered ``data`` to ``out`` (replaced only once complete)."""
    out = Path(out)
    book, cached = build(data)
    saved = io.BytesIO()
    book.save(saved)
    write_atomically(out, partial(add_cached_values, saved, cached))


def report_file_name(name: str, start: date, extension: str) -> str:
    """``Client — 2026-11.pdf``: the name of a monthly report, safe on every file system."""
    safe = re.sub(r'[<>:"/\\|?*\x00-\x1f]', " ", name).strip(" .") or "roidesk"
    return f"{' '.join(safe.split())} — {start:%Y-%m}.{extension}"


def client_requests(
    workspace: Workspace, today: date | None = None
) -> list[tuple[str, ReportRequest]]:
    """Every client's name and the request of its report for the last full month."""
    start, end = last_full_month(today or date.today())
    clients = workspace.clients()
    if not clients:
        raise InputError(
            [Problem("this workspace has no clients to report on", file=str(workspace.path))]
        )
    return [(c.name, ReportRequest(start, end, c.id)) for c in clients]


def request_from_args(
    workspace: Workspace, args: argparse.Namespace, today: date | None = None
) -> ReportRequest:
    """The period and client the command line asks for (default: the last full month).

    Only ``--from``: up to today. Only ``--to``: from the first day of that month.
    """
    today = today or date.today()
    start, end = args.start, args.end
    if start is None and end is None:
        start, end = last_full_month(today)
    elif start is None:
        start = end.replace(day=1)
    elif end is None:
        end = max(today, start)
    if end < start:
        raise InputError([Problem("--to is before --from", file=str(workspace.path))])
    client_id = None
    if args.client:
        client = workspace.client_by_name(args.client)
        if client is None:
            known = ", ".join(c.name for c in workspace.clients()) or "none"
            raise InputError(
                [
                    Problem(
                        f"no client named {args.client!r} (clients: {known})",
                        file=str(workspace.path),
                    )
                ]
            )
        client_id = client.id
    return ReportRequest(start, end, client_id)


def report_from_args(workspace: Workspace, args: argparse.Namespace) -> ReportData:
    """``roidesk report PATH OUT.xlsx [--from D] [--to D] [--client C]``."""
    return write_report(workspace, args.out, request_from_args(workspace, args))
