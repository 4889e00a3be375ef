"""The workspace workbook written: every table of the workspace, one sheet each (SPEC "The
workspace workbook"), the format an import reads back.

Text a workbook cannot hold (control characters, unpaired surrogates: put there by another
SQLite tool, since imports and editors refuse them) is written with those characters replaced;
the summary says in how many cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from roidesk.core.money import figure_kind
from roidesk.core.records import Result, Settings
from roidesk.core.text import clean_for_workbook
from roidesk.engine.goals import figure_name
from roidesk.sheets import contract as c
from roidesk.sheets.files import write_atomically
from roidesk.storage import Workspace

MONEY_FORMAT = "#,##0.00##"
DATE_FORMAT = "yyyy-mm-dd"
#: A goal on a rate (CTR, ROI, …) holds a fraction and shows it as Excel's percent.
PERCENT_FORMAT = "0.00##%"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class WorkbookExport:
    """What an export wrote: the file, and how many cells had characters replaced."""

    path: Path
    cleaned_cells: int = 0

    def notes(self) -> list[str]:
        """What the owner should know beyond "written", for the command line and the window."""
        if not self.cleaned_cells:
            return []
        cells = "1 cell" if self.cleaned_cells == 1 else f"{self.cleaned_cells:,} cells"
        return [
            f"{cells} held control characters a spreadsheet cannot hold; they were replaced "
            "with \ufffd in the workbook (the workspace is unchanged)"
        ]


@dataclass(frozen=True, slots=True)
class _Shown:
    """A value written with its own number format."""

    value: Any
    number_format: str


def _goal_value(kpi: str, value: Decimal) -> Any:
    """A goal's baseline or target: in % where its KPI is a rate, as the window shows it."""
    return _Shown(value, PERCENT_FORMAT) if figure_kind(figure_name(kpi)) == "percent" else value


class _Book:
    """A write-only openpyxl workbook whose cells are typed and whose text is writable."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self.book = Workbook(write_only=True)
        self.cleaned_cells = 0

    def cell(self, sheet: Any, value: Any) -> Any:
        """A write-only cell: dates as dates, money as numbers, text never a formula."""
        from openpyxl.cell import WriteOnlyCell

        if isinstance(value, _Shown):
            cell = self.cell(sheet, value.value)
            cell.number_format = value.number_format
            return cell
        if isinstance(value, date):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = DATE_FORMAT
            return cell
        if isinstance(value, Decimal):
            cell = WriteOnlyCell(sheet, value=float(value) if value == int(value) else value)
            cell.number_format = MONEY_FORMAT
            return cell
        if isinstance(value, str):
            return self._text(sheet, value)
        return WriteOnlyCell(sheet, value=value)

    def _text(self, sheet: Any, value: str) -> Any:
        from openpyxl.cell import WriteOnlyCell

        value, replaced = clean_for_workbook(value)
        if replaced:
            self.cleaned_cells += 1
        cell = WriteOnlyCell(sheet, value=value)
        if value.startswith(_FORMULA_STARTS):
            cell.data_type = "s"  # text, never a formula
            cell.quotePrefix = True
        return cell

    def add_sheet(self, name: str, rows: Iterable[list[Any]], widths: dict[int, int]) -> None:
        """A contract sheet: bold headers, frozen first row, the given column widths."""
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        sheet = self.book.create_sheet(name)
        columns = c.COLUMNS[name]
        for index, header in enumerate(columns, start=1):
            width = max(len(header) + 2, widths.get(index, 12))
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header_cells = []
        for header in columns:
            cell = self.cell(sheet, header)
            cell.font = Font(bold=True)
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in rows:
            sheet.append([self.cell(sheet, value) for value in row])


def _blank(value: Any) -> Any:
    return None if value in ("", None) else value


def export_workbook(workspace: Workspace, out: str | Path) -> WorkbookExport:
    """Write every table of the workspace to ``out``, one sheet each (the round-trip format)."""
    names = _Names(workspace)
    book = _Book()
    book.add_sheet(c.SETTINGS, _settings_rows(workspace.settings()), {1: 22, 2: 24})
    book.add_sheet(c.CLIENTS, ([x.name, _blank(x.notes)] for x in names.clients), {1: 24, 2: 40})
    book.add_sheet(c.CAMPAIGNS, _campaign_rows(names), {1: 28, 2: 20, 3: 28, 9: 30})
    book.add_sheet(c.GOALS, _goal_rows(workspace, names), {1: 28})
    book.add_sheet(c.COSTS, _cost_rows(workspace, names), {5: 28, 7: 22, 8: 30})
    book.add_sheet(c.RESULTS, _result_rows(workspace, names), {2: 28})
    book.add_sheet(
        c.VALUATIONS,
        (
            [
                c.METRIC_LABELS[v.metric],
                v.platform,
                v.valid_from,
                v.value_per_unit,
                v.low,
                v.high,
                v.applies_to,
                _blank(v.note),
            ]
            for v in workspace.valuations()
        ),
        {1: 18, 8: 30},
    )
    book.add_sheet(
        c.OTHER_RETURNS,
        (
            [
                o.date,
                names.campaign(o.campaign_id),
                o.platform,
                c.kind_label(o.kind),
                o.amount,
                _blank(o.description),
            ]
            for o in workspace.other_returns()
        ),
        {2: 28, 4: 30, 6: 40},
    )
    write_atomically(out, book.book.save)
    return WorkbookExport(Path(out), book.cleaned_cells)


class _Names:
    """The workspace's clients and campaigns, and their names by id."""

    def __init__(self, workspace: Workspace) -> None:
        self.clients = workspace.clients()
        self.campaigns = workspace.campaigns()
        self._clients = {client.id: client.name for client in self.clients}
        self._campaigns = {campaign.id: campaign.name for campaign in self.campaigns}

    def client(self, client_id: int | None) -> str | None:
        return self._clients.get(client_id) if client_id is not None else None

    def campaign(self, campaign_id: int | None) -> str | None:
        return self._campaigns.get(campaign_id) if campaign_id is not None else None


def _settings_rows(settings: Settings) -> list[list[Any]]:
    return [[label, getattr(settings, name)] for label, name in c.SETTING_ROWS.items()]


def _campaign_rows(names: _Names) -> Iterator[list[Any]]:
    for x in names.campaigns:
        yield [
            x.name,
            names.client(x.client_id),
            _blank(", ".join(x.platforms)),
            x.objective.value if x.objective else None,
            x.start,
            x.end,
            x.budget,
            x.status.value,
            _blank(x.notes),
        ]


def _goal_rows(workspace: Workspace, names: _Names) -> Iterator[list[Any]]:
    for g in workspace.goals():
        yield [
            names.campaign(g.campaign_id),
            g.kpi,
            _goal_value(g.kpi, g.baseline),
            _goal_value(g.kpi, g.target),
            g.deadline,
        ]


def _cost_rows(workspace: Workspace, names: _Names) -> Iterator[list[Any]]:
    for x in workspace.costs():
        yield [
            x.start,
            x.end,
            x.repeat.value,
            x.until,
            names.campaign(x.campaign_id),
            x.platform,
            c.CATEGORY_LABELS[x.category],
            _blank(x.description),
            x.amount,
            x.hours,
            x.hourly_rate,
        ]


def _result_rows(workspace: Workspace, names: _Names) -> Iterator[list[Any]]:
    metric_fields = list(c.RESULT_FIELDS.values())
    for r in _all_results(workspace):
        yield [
            r.date,
            names.campaign(r.campaign_id),
            r.platform,
            r.source,
            r.content_type.value if r.content_type else None,
            r.content,
            *(getattr(r, name) for name in metric_fields),
            r.revenue,
        ]


def _all_results(workspace: Workspace, page: int = 50_000) -> Iterator[Result]:
    offset = 0
    while True:
        chunk = workspace.results(offset=offset, limit=page)
        if not chunk:
            return
        yield from chunk
        offset += page
