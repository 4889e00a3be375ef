"""A platform export into the workspace: find the table (:mod:`.analysis`), read every cell
(:mod:`.convert`), sum the rows per day and campaign, write it all in one transaction.

Rules (README "import", SPEC "Rules"): totals rows, repeated header rows, notes and blank rows
are skipped and reported; a cell that cannot be read in a mapped column rejects the whole import
(nothing is written). Every result has a source (paid / organic). An analytics export counts only
its social traffic. Rows without a date need a report period (the file's or the user's; without
one the import is refused): they are shared out over its months and their spend is one cost
spanning it. The workspace gets typed records (``Workspace.add_results``, ``add_costs``).
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from roidesk.core import parsing as p
from roidesk.core.money import format_money
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import (
    COUNT_METRICS,
    RESULT_SOURCES,
    Campaign,
    ContentType,
    Cost,
    CostCategory,
    ImportBatch,
    Result,
    Settings,
    canonical_platform,
)
from roidesk.core.text import describe_unwritable
from roidesk.sheets.batches import earlier_import
from roidesk.sheets.exports.analysis import Analysis, analyse
from roidesk.sheets.exports.convert import Converted, ImportCancelled, convert
from roidesk.sheets.exports.grouping import Groups, merge_results
from roidesk.sheets.exports.months import share_out
from roidesk.sheets.exports.reading import read_file
from roidesk.sheets.exports.summary import ExportImport
from roidesk.sheets.exports.summed import Summed
from roidesk.storage import Workspace

__all__ = [
    "Analysis",
    "ExportImport",
    "ImportCancelled",
    "analyse",
    "convert",
    "import_export",
    "merge_results",
]

T = TypeVar("T")


def _without_cycle_collection(function: Callable[..., T]) -> Callable[..., T]:
    """Run ``function`` with Python's cycle collector paused (restored afterwards).

    An import makes a million cell objects and no reference cycles; the collector would
    otherwise walk all of them again and again while they are being created.
    """

    @wraps(function)
    def paused(*args: Any, **kwargs: Any) -> T:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_without_cycle_collection
def import_export(
    workspace: Workspace,
    path: Path,
    *,
    platform: str | None = None,
    campaign: str | None = None,
    date_order: str | None = None,
    replace: bool = False,
    analysis: Analysis | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    period: tuple[date | None, date | None] | None = None,
    whole_site: bool = False,
    source: str | None = None,
) -> ExportImport:
    """Import one platform export: all of it in one transaction, or nothing (InputError).

    ``period``: the report period of a file whose rows have no dates; ``whole_site``: an
    analytics export without channel or source column is all social traffic; ``source``:
    "paid" or "organic" for every row instead of what the export tells.
    """
    path = Path(path)
    unwritable = describe_unwritable(campaign or "")
    if unwritable is not None:
        raise InputError(Problem(f"the campaign name given {unwritable}", path.name))
    if source is not None and source not in RESULT_SOURCES:
        raise InputError(Problem("the source must be paid or organic", path.name))
    if analysis is None:
        analysis = analyse(read_file(path), platform=platform)
    elif platform:
        analysis.platform = canonical_platform(platform)
    converted = convert(
        analysis,
        date_order=date_order,
        campaign=campaign,
        cancelled=cancelled,
        period=period,
        whole_site=whole_site,
        source=source,
    )
    if converted.problems:
        raise InputError(converted.problems)
    summed = _summed(converted)
    summed.sort()
    settings = workspace.settings()
    adopt_currency = _adopted_currency(workspace, settings, summed, path)
    notes = _notes(settings, summed, analysis, adopt_currency)
    notes += _left_out_notes(converted, adopt_currency or settings.currency)
    digest, earlier = earlier_import(workspace, path, replace=replace)
    done = ExportImport(
        source=path.name,
        sheet=analysis.sheet.name,
        platform=analysis.platform,
        skipped=summed.skipped,
        period=summed.period,
        notes=notes,
        currency=adopt_currency or settings.currency,
    )
    with workspace.bulk_transaction():
        if adopt_currency is not None:
            workspace.save_settings(dataclasses.replace(settings, currency=adopt_currency))
        if earlier is not None and earlier.id is not None:
            workspace.delete_import_batch(earlier.id)
        _write(workspace, summed, analysis.platform, done, digest, progress, cancelled)
    done.sources = sorted(set(summed.sources))
    return done


def _adopted_currency(
    workspace: Workspace, settings: Settings, summed: Summed, path: Path
) -> str | None:
    """The file's currency where a workspace just created takes it; an InputError where the
    file's money is in another currency than the workspace's."""
    if summed.currency is None or summed.currency == settings.currency.upper():
        return None
    if workspace.is_untouched():
        return summed.currency
    raise InputError(
        Problem(
            f"the file's money is in {summed.currency} but the workspace currency is "
            f"{settings.currency}; convert the file or use a workspace in {summed.currency}",
            path.name,
        )
    )


def _notes(
    settings: Settings, summed: Summed, analysis: Analysis, adopted: str | None
) -> list[str]:
    """What the summary tells beyond the counts: currency, code page, platform, dates."""
    notes: list[str] = []
    if adopted is not None:
        notes.append(f"workspace currency set to {adopted}, the file's currency")
    if summed.currency is None and ("spend" in summed.sums or "revenue" in summed.sums):
        notes.append(f"no currency named in the file: taken as {settings.currency}")
    if analysis.file.code_page_fallback:
        notes.append(f"not Unicode text: read as Windows code page {analysis.file.encoding[2:]}")
    if analysis.platform is None:
        notes.append("platform not recognised from the headers: rows stored without a platform")
    if summed.undated:
        notes.append(_undated_note(summed))
    if "campaign" not in analysis.mapping and not any(summed.labels):
        notes.append(_no_campaign_note(analysis))
    return notes


def _no_campaign_note(analysis: Analysis) -> str:
    """What to do about an export without a campaign column (Meta's ad-level report)."""
    ad_set = next((h for h in analysis.headers if h.casefold().startswith("ad set name")), None)
    offer = f'map "{ad_set}" as the campaign' if ad_set else "map a column as the campaign"
    return (
        "no campaign column: the results are stored without a campaign "
        f"({offer} in the import wizard, or give --campaign NAME)"
    )


def _undated_note(summed: Summed) -> str:
    """What became of rows without dates: dated in their period, shared out by month."""
    start, end = summed.period
    assert start is not None  # an undated file without a period was refused
    spend = "; their spend is one cost spanning the period" if "spend" in summed.sums else ""
    if end is not None and (end.year, end.month) != (start.year, start.month):
        return (
            f"the rows have no dates: shared out over the months of the period {start} to "
            f"{end} in proportion to their days{spend}"
        )
    return f"the rows have no dates: dated {start}, the start of the report period{spend}"


def _left_out_notes(converted: Converted, currency: str) -> list[str]:
    """What an analytics import left out as not social (rows, sessions, revenue, by channel),
    or that the user said its whole traffic was social."""
    if converted.whole_site:
        return ["no channel or source column: all its traffic counted as social (whole site)"]
    left = converted.left_out
    if left is None or not left.rows:
        return []

    def counted(rows: int, sessions: int, revenue: int) -> str:
        money = format_money(_money(revenue), currency)
        return f"{rows} row{'' if rows == 1 else 's'}, {sessions:,} sessions, revenue {money}"

    by_channel = "; ".join(
        f"{name} {counted(*counts)}"
        for name, counts in sorted(left.by_channel.items(), key=lambda item: -item[1][0])
    )
    return [
        f"left out traffic that is not social: {counted(left.rows, left.sessions, left.revenue)}"
        f" (by channel: {by_channel})"
    ]


def left_out_text(skipped: dict[str, list[int]]) -> str:
    """What an import left out, in words kept with its batch: ``2 totals rows (rows 14, 15)``
    (the first ten rows of each reason named)."""
    parts = []
    for reason, rows in skipped.items():
        shown = ", ".join(str(row) for row in rows[:10]) + (", …" if len(rows) > 10 else "")
        parts.append(f"{len(rows)} {reason} (row{'s' if len(rows) > 1 else ''} {shown})")
    return "; ".join(parts)


def _summed(converted: Converted) -> Summed:
    """The converted rows summed per day, campaign name, reporting end, platform and source."""
    keys: list[Sequence[Any]] = [converted.dates, converted.campaigns, converted.ends]
    kinds = (converted.platforms, converted.sources, converted.contents, converted.content_types)
    groups = Groups([*keys, *kinds], len(converted.dates))
    return Summed(
        rows=len(set(converted.numbers)),  # X's rows count once though stored twice
        dates=groups.pick(converted.dates),
        labels=groups.pick(converted.campaigns),
        ends=groups.pick(converted.ends),
        platforms=groups.pick(converted.platforms),
        sources=groups.pick(converted.sources),
        contents=groups.pick(converted.contents),
        content_types=groups.pick(converted.content_types),
        sums={name: groups.sums(column) for name, column in converted.metrics.items()},
        period=converted.period,
        currency=converted.currency,
        skipped=converted.skipped,
        undated=converted.undated,
    )


def _campaign_ids(workspace: Workspace, summed: Summed, done: ExportImport) -> list[int | None]:
    """Each group's campaign id: names matched case-insensitively to stored campaigns, the
    others created spanning their first to last day (in the groups' order)."""
    spans: dict[str, list[date]] = {}  # each campaign name's first and last day
    for label, day in zip(summed.labels, summed.dates, strict=True):
        if label:
            span = spans.get(label)
            if span is None:
                spans[label] = [day, day]
            elif day < span[0]:
                span[0] = day
            elif day > span[1]:
                span[1] = day
    by_name: dict[str, int] = {}
    for label in dict.fromkeys(summed.labels):  # in the groups' order: by first day, then name
        if not label or label.casefold() in by_name:
            continue
        first, last = spans[label]
        found = workspace.campaign_by_name(label)
        if found is None:
            found = workspace.add_campaign(Campaign(name=label, start=first, end=last))
            done.created_campaigns.append(label)
        assert found.id is not None  # a stored campaign
        by_name[label.casefold()] = found.id
    ids = {label: by_name[label.casefold()] for label in spans}
    return [ids[label] if label else None for label in summed.labels]


def _write(
    workspace: Workspace,
    summed: Summed,
    platform: str | None,
    done: ExportImport,
    digest: str,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    """Campaigns, the import batch, the results and the advertising costs of ``summed``."""
    ids = _campaign_ids(workspace, summed, done)
    batch = workspace.add_import_batch(
        ImportBatch(
            source=done.source,
            fingerprint=digest,
            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            kind=f"export:{platform or 'unknown'}",
            rows=summed.rows,
            left_out=left_out_text(summed.skipped),
        )
    )
    assert batch.id is not None  # a stored batch
    done.batch_id = batch.id
    sums = summed.sums
    metric_names = [f for f in (*COUNT_METRICS, "revenue") if f in sums]
    columns: dict[str, list[Any]] = {
        "date": summed.dates,
        "campaign_id": ids,
        "platform": summed.platforms,
        "source": summed.sources,
        "content": summed.contents,
        "content_type": summed.content_types,
    }
    # names differing in case only are one campaign; a result has no reporting end
    merged = merge_results(columns | {name: sums[name] for name in metric_names}, metric_names)
    start, end = summed.period
    if summed.undated and start is not None and end is not None:
        merged = share_out(merged, metric_names, (start, end))
    done.totals = _totals(sums)
    results = _results(merged, metric_names, batch.id)
    watched = _watched(results, len(merged["date"]), progress, cancelled)
    done.results_stored = workspace.add_results(watched)
    done.rows_imported = summed.rows
    if "spend" in sums:
        done.costs_added = workspace.add_costs(_costs(summed, ids, done.source, batch.id))
    if progress:
        progress(summed.rows, summed.rows)


def _results(merged: dict[str, list[Any]], metrics: list[str], batch: int) -> Iterator[Result]:
    """The merged result columns as records (money from ten-thousandths to Decimal)."""
    columns = [merged[name] for name in metrics]
    money_at = metrics.index("revenue") if "revenue" in metrics else -1
    keys = (
        merged["date"],
        merged["campaign_id"],
        merged["platform"],
        merged["source"],
        merged["content"],
        merged["content_type"],
    )
    for day, campaign_id, platform, source, content, kind, *values in zip(
        *keys, *columns, strict=True
    ):
        if money_at >= 0 and values[money_at] is not None:
            values[money_at] = _money(values[money_at])
        yield Result(
            date=day,
            campaign_id=campaign_id,
            platform=platform,
            source=source,
            content=content,
            content_type=ContentType(kind) if kind else None,
            batch_id=batch,
            **dict(zip(metrics, values, strict=True)),
        )


def _watched(
    records: Iterable[T],
    total: int,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> Iterator[T]:
    """``records`` as they are written, with progress reported and Cancel looked at every
    fiftieth of them (Cancel raises :class:`ImportCancelled`: the transaction rolls back)."""
    step = max(1, total // 50)
    for index, record in enumerate(records):
        if index % step == 0:
            if cancelled and cancelled():
                raise ImportCancelled
            if progress:
                progress(index, total)
        yield record


def _totals(metrics: dict[str, list[Any]]) -> dict[str, Decimal]:
    """Each metric's total (money as Decimal with four places) from its values or from sums
    of its values (None where all were None)."""
    totals: dict[str, Decimal] = {}
    for name in (*COUNT_METRICS, "revenue", "spend"):
        if name in metrics:
            values = metrics[name]
            total = sum(filter(None, values))
            if name in ("spend", "revenue"):
                found = total or values.count(None) < len(values)
                totals[name] = _money(total) if found else Decimal(0)
            else:
                totals[name] = total
    return totals


def _costs(summed: Summed, ids: list[int | None], source: str, batch: int) -> list[Cost]:
    """The advertising costs: the spend summed per campaign, day, reporting end and platform,
    in the groups' order (a zero spend is no spend). ``ids`` are each group's campaign id."""
    amounts: dict[tuple[int | None, date, date | None, str | None], int] = {}
    spends = summed.sums["spend"]
    keys = zip(ids, summed.dates, summed.ends, summed.platforms, strict=True)
    for key, amount in zip(keys, spends, strict=True):
        if amount:  # campaign names differing in case only are one campaign
            amounts[key] = amounts.get(key, 0) + amount
    return [
        Cost(
            start=start,
            end=end,
            category=CostCategory.ADVERTISING,
            amount=_money(amount),
            campaign_id=campaign_id,
            platform=platform,
            description=f"{platform or 'ad'} spend from {source}",
            batch_id=batch,
        )
        for (campaign_id, start, end, platform), amount in amounts.items()
    ]


def _money(ten_thousandths: int) -> Decimal:
    """Encoded money back as a Decimal with four places."""
    return Decimal(ten_thousandths).scaleb(-4).quantize(p.FOUR_PLACES)
