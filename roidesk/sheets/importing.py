"""``roidesk import``: send each file to the importer that understands it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from roidesk.core.problems import InputError, Problem
from roidesk.storage import Workspace


@dataclass(frozen=True)
class ImportOptions:
    """What the wizard would ask, given up front on the command line."""

    platform: str | None = None
    campaign: str | None = None
    date_order: str | None = None
    replace: bool = False
    source: str | None = None  # "paid" / "organic" for every result, else what the file tells
    whole_site: bool = False  # an analytics export without channel column is all social
    period: tuple[date | None, date | None] | None = None  # for a file whose rows have no dates


def import_files(
    workspace: Workspace, files: Sequence[Path], options: ImportOptions | None = None
) -> Iterator[str]:
    """Import each file; yields lines saying what was imported, skipped and why."""
    from roidesk.sheets.workbook import import_workbook, read_contract_sheets

    options = options or ImportOptions()
    for path in files:
        path = Path(path)
        if not path.is_file():
            raise InputError(Problem("no such file", file=str(path)))
        sheets = None
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            sheets = read_contract_sheets(path)
        if sheets is None:
            yield from _import_export(workspace, path, options)
            continue
        done = import_workbook(workspace, path, replace=options.replace, sheets=sheets)
        parts = [f"{count} {sheet.lower()}" for sheet, count in done.counts.items() if count]
        yield f"{path.name}: imported " + (", ".join(parts) if parts else "nothing new")
        if done.created_campaigns:
            yield f"{path.name}: created campaigns: " + ", ".join(done.created_campaigns)


def _import_export(workspace: Workspace, path: Path, options: ImportOptions) -> Iterator[str]:
    """A platform export (Meta, Google Ads, LinkedIn, TikTok, X, GA4…): all or nothing."""
    from roidesk.sheets.exports.importer import import_export

    if options.date_order not in (None, "dmy", "mdy", "ymd"):
        raise InputError(Problem("the date order must be dmy, mdy or ymd", file=path.name))
    if options.period is not None and None in options.period:
        reason = "give the report period with both --from and --to"
        raise InputError(Problem(reason, file=path.name))
    done = import_export(
        workspace,
        path,
        platform=options.platform,
        campaign=options.campaign,
        date_order=options.date_order if options.date_order != "ymd" else None,
        replace=options.replace,
        source=options.source,
        whole_site=options.whole_site,
        period=options.period,
    )
    yield from done.lines()
