"""``roidesk summary``: the figures as text or JSON (no Qt, pyqtgraph or openpyxl here)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import fields
from datetime import date
from decimal import Decimal
from typing import Any, TextIO

from roidesk.core.figures import LABELS, Figures, Query
from roidesk.core.money import (
    MONEY_FIELDS,
    PERCENT_FIELDS,
    NumberStyle,
    figures_to_json,
    format_count,
    format_money,
    format_percent,
    format_ratio,
    with_decimal_mark,
)
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import canonical_platform
from roidesk.engine.summary import summarize, summary_with_breakdown
from roidesk.storage import Workspace


def query_from_args(workspace: Workspace, args: argparse.Namespace) -> Query:
    """The query the command-line options ask for; unknown names raise :class:`InputError`."""
    client_id = campaign_id = None
    client_name = getattr(args, "client", None)
    if client_name:
        client = workspace.client_by_name(client_name)
        if client is None:
            known = ", ".join(c.name for c in workspace.clients()) or "none"
            raise InputError(
                [
                    Problem(
                        f"no client named {client_name!r} (clients: {known})",
                        file=str(workspace.path),
                    )
                ]
            )
        client_id = client.id
    campaign_name = getattr(args, "campaign", None)
    if campaign_name:
        campaign = workspace.campaign_by_name(campaign_name)
        if campaign is None:
            raise InputError(
                [Problem(f"no campaign named {campaign_name!r}", file=str(workspace.path))]
            )
        campaign_id = campaign.id
    if args.start is not None and args.end is not None and args.end < args.start:
        raise InputError([Problem("--to is before --from", file=str(workspace.path))])
    content_type = getattr(args, "content_type", None)
    return Query(
        start=args.start,
        end=args.end,
        client_id=client_id,
        campaign_id=campaign_id,
        platform=canonical_platform(getattr(args, "platform", None)),
        content_type=content_type.strip().lower() if content_type else None,
    )


def format_figure(name: str, value: Any, currency: str, locale_hint: str = "") -> str:
    """One figure as the window and the command line show it."""
    if value is None:
        return "—"
    if name in MONEY_FIELDS:
        return format_money(value, currency, locale_hint)
    comma = NumberStyle(currency, locale_hint).decimal_comma
    if name in PERCENT_FIELDS:
        return format_percent(value, comma)
    if isinstance(value, Decimal):
        return with_decimal_mark(format_ratio(value), comma)
    if isinstance(value, int):
        return format_count(value, currency, locale_hint)
    return str(value)


def _text(figures: Figures, currency: str, locale_hint: str) -> list[str]:
    width = max(len(label) for label in LABELS.values())
    return [
        f"  {LABELS[f.name]:<{width}}  "
        f"{format_figure(f.name, getattr(figures, f.name), currency, locale_hint)}"
        for f in fields(figures)
    ]


def print_summary(
    workspace: Workspace, args: argparse.Namespace, out: TextIO | None = None
) -> None:
    """Print the summary (``--json``: one object; ``--by``: a ``rows`` list) to ``out``."""
    out = out or sys.stdout
    query = query_from_args(workspace, args)
    settings = workspace.settings()
    currency = settings.currency
    by = getattr(args, "by", None)
    if by:
        figures, rows = summary_with_breakdown(workspace, query, by)
    else:
        figures, rows = summarize(workspace, query), []
    if getattr(args, "json", False):
        document: dict[str, Any] = figures_to_json(figures, currency)
        document["currency"] = currency
        if by:
            document["by"] = by
            document["rows"] = [
                {"key": row.key, "label": row.label, **figures_to_json(row.figures, currency)}
                for row in rows
            ]
        json.dump(document, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    period = _period_text(query.start, query.end)
    lines = [
        f"{settings.business_name} · {period} · {currency}",
        *_text(figures, currency, settings.locale),
    ]
    for row in rows:
        lines += ["", f"{by}: {row.label}", *_text(row.figures, currency, settings.locale)]
    out.write("\n".join(lines) + "\n")


def _period_text(start: date | None, end: date | None) -> str:
    """The period as a reader says it: both dates, one open end, or all dates."""
    if start is None and end is None:
        return "all dates"
    if start is None:
        return f"up to {end}"
    if end is None:
        return f"from {start}"
    return f"{start} – {end}"
