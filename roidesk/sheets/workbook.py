"""The workspace workbook: export, blank template and import (SPEC "The workspace workbook").

Reading uses python-calamine (fast); writing uses openpyxl. An import validates every cell
first and writes nothing unless all of them are good; then it writes in one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from roidesk.core.money import figure_kind
from roidesk.core.problems import InputError, Problem
from roidesk.core.records import (
    Campaign,
    CampaignStatus,
    Client,
    ContentType,
    Cost,
    CostCategory,
    Goal,
    ImportBatch,
    Objective,
    OtherReturn,
    Repeat,
    Result,
    Settings,
    Valuation,
    canonical_platform,
)
from roidesk.engine.goals import figure_name
from roidesk.sheets import contract as c
from roidesk.sheets.files import write_atomically
from roidesk.storage import Workspace

_FOUR_PLACES = Decimal("0.0001")
_MONEY_FORMAT = "#,##0.00##"
_DATE_FORMAT = "yyyy-mm-dd"
#: A goal on a rate (CTR, ROI, …) holds a fraction and shows it as Excel's percent.
_PERCENT_FORMAT = "0.00##%"


@dataclass(frozen=True, slots=True)
class _Shown:
    """A value written with its own number format."""

    value: Any
    number_format: str


def _goal_value(kpi: str, value: Decimal) -> Any:
    """A goal's baseline or target: in % where its KPI is a rate, as the window shows it."""
    return _Shown(value, _PERCENT_FORMAT) if figure_kind(figure_name(kpi)) == "percent" else value


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_TEMPLATE_ROWS = 1000


# ---------------------------------------------------------------------- writing
def _writer():  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    return Workbook(write_only=True)


def _cell(sheet: Any, value: Any) -> Any:
    """A write-only cell: dates formatted as dates, money as numbers, text never a formula."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, _Shown):
        cell = _cell(sheet, value.value)
        cell.number_format = value.number_format
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = _DATE_FORMAT
        return cell
    if isinstance(value, Decimal):
        cell = WriteOnlyCell(sheet, value=float(value) if value == int(value) else value)
        cell.number_format = _MONEY_FORMAT
        return cell
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"  # text, never a formula
        cell.quotePrefix = True
        return cell
    return WriteOnlyCell(sheet, value=value)


def _add_sheet(book: Any, name: str, rows: Iterable[list[Any]], widths: dict[int, int]) -> Any:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(name)
    columns = c.COLUMNS[name]
    for index, header in enumerate(columns, start=1):
        width = max(len(header) + 2, widths.get(index, 12))
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    header_cells = []
    for header in columns:
        cell = _cell(sheet, header)
        cell.font = Font(bold=True)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    return sheet


def _blank(value: Any) -> Any:
    return None if value in ("", None) else value


def export_workbook(workspace: Workspace, out: str | Path) -> None:
    """Write every table of the workspace to ``out``, one sheet each (the round-trip format)."""
    settings = workspace.settings()
    clients = workspace.clients()
    campaigns = workspace.campaigns()
    client_names = {client.id: client.name for client in clients}
    campaign_names = {campaign.id: campaign.name for campaign in campaigns}

    def campaign_name(campaign_id: int | None) -> str | None:
        return campaign_names.get(campaign_id) if campaign_id is not None else None

    book = _writer()
    _add_sheet(book, c.SETTINGS, _settings_rows(settings), {1: 22, 2: 24})
    _add_sheet(book, c.CLIENTS, ([x.name, _blank(x.notes)] for x in clients), {1: 24, 2: 40})
    _add_sheet(
        book,
        c.CAMPAIGNS,
        (
            [
                x.name,
                client_names.get(x.client_id) if x.client_id is not None else None,
                _blank(", ".join(x.platforms)),
                x.objective.value if x.objective else None,
                x.start,
                x.end,
                x.budget,
                x.status.value,
                _blank(x.notes),
            ]
            for x in campaigns
        ),
        {1: 28, 2: 20, 3: 28, 9: 30},
    )
    _add_sheet(
        book,
        c.GOALS,
        (
            [
                campaign_name(g.campaign_id),
                g.kpi,
                _goal_value(g.kpi, g.baseline),
                _goal_value(g.kpi, g.target),
                g.deadline,
            ]
            for g in workspace.goals()
        ),
        {1: 28},
    )
    _add_sheet(
        book,
        c.COSTS,
        (
            [
                x.start,
                x.end,
                x.repeat.value,
                x.until,
                campaign_name(x.campaign_id),
                x.platform,
                c.CATEGORY_LABELS[x.category],
                _blank(x.description),
                x.amount,
                x.hours,
                x.hourly_rate,
            ]
            for x in workspace.costs()
        ),
        {5: 28, 7: 22, 8: 30},
    )
    metric_fields = list(c.RESULT_FIELDS.values())
    _add_sheet(
        book,
        c.RESULTS,
        (
            [
                r.date,
                campaign_name(r.campaign_id),
                r.platform,
                r.content_type.value if r.content_type else None,
                *(getattr(r, name) for name in metric_fields),
                r.revenue,
            ]
            for r in _all_results(workspace)
        ),
        {2: 28},
    )
    _add_sheet(
        book,
        c.VALUATIONS,
        (
            [c.METRIC_LABELS[v.metric], v.platform, v.valid_from, v.value_per_unit, _blank(v.note)]
            for v in workspace.valuations()
        ),
        {1: 18, 5: 30},
    )
    _add_sheet(
        book,
        c.OTHER_RETURNS,
        (
            [o.date, campaign_name(o.campaign_id), o.platform, o.amount, _blank(o.description)]
            for o in workspace.other_returns()
        ),
        {2: 28, 5: 40},
    )
    write_atomically(out, book.save)  # the old export stays whole until the new one is


def _all_results(workspace: Workspace, page: int = 50_000) -> Iterable[Result]:
    offset = 0
    while True:
        chunk = workspace.results(offset=offset, limit=page)
        if not chunk:
            return
        yield from chunk
        offset += page


def _settings_rows(settings: Settings) -> list[list[Any]]:
    rows = []
    for label, name in c.SETTING_ROWS.items():
        value = getattr(settings, name)
        rows.append([label, value])
    return rows


def write_template(out: str | Path) -> None:
    """Write the blank template: the contract's sheets with drop-down lists for the choices."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    lists = book.create_sheet("Lists")
    list_ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(c.CHOICES.items(), start=1):
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=column, value=value)
        list_ranges[name] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
    defaults = Settings()
    for sheet_name, columns in c.COLUMNS.items():
        sheet = book.create_sheet(sheet_name)
        sheet.freeze_panes = "A2"
        for index, header in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=header)
            cell.font = Font(bold=True)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(len(header) + 4, 14)
            source = list_ranges.get(header)
            if source and sheet_name != c.SETTINGS:
                validation = DataValidation(type="list", formula1=source, allow_blank=True)
                validation.error = f"Choose one of the listed {header.lower()} values."
                validation.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")
                sheet.add_data_validation(validation)
            if header in ("Date", "End date", "Until", "Start date", "Deadline", "Valid from"):
                for row in range(2, _TEMPLATE_ROWS + 1):
                    sheet.cell(row=row, column=index).number_format = _DATE_FORMAT
        if sheet_name == c.SETTINGS:
            for row, (label, name) in enumerate(c.SETTING_ROWS.items(), start=2):
                sheet.cell(row=row, column=1, value=label)
                value = getattr(defaults, name)
                if name in ("currency", "gross_margin", "business_name"):
                    sheet.cell(row=row, column=2, value=value if name != "gross_margin" else 1)
    book.move_sheet("Lists", offset=len(book.sheetnames))
    write_atomically(out, book.save)


# ---------------------------------------------------------------------- reading
@dataclass
class _SheetRows:
    """One sheet's header-mapped rows, with the Excel row number of each."""

    name: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def read_contract_sheets(path: Path) -> dict[str, _SheetRows] | None:
    """The contract sheets found in a workbook, or ``None`` when it has none of them."""
    from roidesk.sheets.exports import untrusted  # checked, read in a limited child

    wanted = {s: c.canonical_name(s, list(c.COLUMNS)) for s in untrusted.sheet_names(path)}
    found: dict[str, _SheetRows] = {}
    for sheet in untrusted.read_workbook(path, only=[s for s, name in wanted.items() if name]):
        name = wanted[sheet.name] or ""
        found[name] = _map_rows(name, sheet.name, sheet.rows, path.name)
    return found or None


def _map_rows(name: str, sheet_name: str, values: list[list[Any]], file: str) -> _SheetRows:
    result = _SheetRows(sheet_name)
    if not values:
        return result
    header = values[0]
    columns: dict[int, str] = {}
    for index, text in enumerate(header):
        column = c.canonical_name(text, c.COLUMNS[name])
        if column is not None and column not in columns.values():
            columns[index] = column
    for offset, row in enumerate(values[1:], start=2):
        cells = {col: row[i] if i < len(row) else None for i, col in columns.items()}
        cells = {k: (None if v == "" else v) for k, v in cells.items()}
        if any(v is not None for v in cells.values()):
            result.rows.append((offset, cells))
    return result


class _Cells:
    """Typed access to one row's cells; every bad cell becomes a Problem."""

    def __init__(self, file: str, sheet: str, row: int, cells: dict[str, Any]) -> None:
        self.file, self.sheet, self.row, self.cells = file, sheet, row, cells
        self.problems: list[Problem] = []

    def problem(self, column: str, reason: str) -> None:
        self.problems.append(Problem(reason, self.file, self.sheet, self.row, column))

    def text(self, column: str) -> str | None:
        value = self.cells.get(column)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = " ".join(str(value).split()) if not isinstance(value, str) else value.strip()
        return text or None

    def required_text(self, column: str) -> str | None:
        text = self.text(column)
        if text is None:
            self.problem(column, "is empty; a value is required")
        return text

    def date(self, column: str, required: bool = False) -> date | None:
        value = self.cells.get(column)
        if value is None:
            if required:
                self.problem(column, "is empty; a date is required")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip()[:10])
            except ValueError:
                pass
        self.problem(column, f"{value!r} is not a date (use an Excel date or YYYY-MM-DD)")
        return None

    def decimal(self, column: str, *, minimum: Decimal | None = None) -> Decimal | None:
        value = self.cells.get(column)
        if value is None:
            return None
        number = _to_decimal(value)
        if number is None:
            self.problem(column, f"{value!r} is not a number")
            return None
        if minimum is not None and number < minimum:
            self.problem(column, f"{_plain(number)} is below {_plain(minimum)}")
            return None
        return number

    def money(self, column: str) -> Decimal | None:
        number = self.decimal(column)
        return None if number is None else number.quantize(_FOUR_PLACES, ROUND_HALF_UP)

    def count(self, column: str) -> int | None:
        number = self.decimal(column)
        if number is None:
            return None
        if number != number.to_integral_value() or number < 0:
            self.problem(column, f"{_plain(number)} is not a whole number of 0 or more")
            return None
        return int(number)

    def choice(self, column: str, choices: dict[str, Any], required: bool = False) -> Any:
        text = self.text(column)
        if text is None:
            if required:
                self.problem(column, "is empty; a value is required")
            return None
        found = choices.get(text.casefold())
        if found is None:
            allowed = ", ".join(sorted({str(k) for k in choices if k}))
            self.problem(column, f"{text!r} is not one of: {allowed}")
        return found


def _to_decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        text = value.strip().replace("\u00a0", "").replace(" ", "")
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        return number if number.is_finite() else None
    return None


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def _choice_map(values: Iterable[Any], labels: Callable[[Any], Iterable[str]]) -> dict[str, Any]:
    mapping: dict[str, Any] = {}
    for value in values:
        for label in labels(value):
            mapping[label.casefold()] = value
    return mapping


_CATEGORIES = _choice_map(CostCategory, lambda v: (v.value, c.CATEGORY_LABELS[v], v.name))
_REPEATS = _choice_map(Repeat, lambda v: (v.value,))
_OBJECTIVES = _choice_map(Objective, lambda v: (v.value,))
_STATUSES = _choice_map(CampaignStatus, lambda v: (v.value,))
_CONTENT_TYPES = _choice_map(ContentType, lambda v: (v.value, v.name.replace("_", " ")))
_METRICS = _choice_map(c.METRIC_LABELS, lambda v: (v, c.METRIC_LABELS[v]))


@dataclass
class WorkbookImport:
    """What an import of a workspace workbook wrote."""

    counts: dict[str, int]
    created_campaigns: list[str]
    batch_id: int | None


class _Plan:
    """Everything parsed from a workbook, validated, ready to write."""

    def __init__(self) -> None:
        self.settings: dict[str, Any] = {}
        self.clients: list[Client] = []
        self.campaigns: list[tuple[Campaign, str | None]] = []
        self.goals: list[tuple[Goal, str]] = []
        self.costs: list[tuple[Cost, str | None]] = []
        self.results: list[tuple[Result, str | None]] = []
        self.valuations: list[Valuation] = []
        self.other_returns: list[tuple[OtherReturn, str | None]] = []
        self.problems: list[Problem] = []
        self.dates_of: dict[str, list[date]] = {}

    def note_campaign(self, name: str | None, *days: date | None) -> None:
        if name:
            self.dates_of.setdefault(name.casefold(), []).extend(d for d in days if d)


def _plan(sheets: dict[str, _SheetRows], file: str) -> _Plan:
    plan = _Plan()

    def each(name: str) -> Iterable[_Cells]:
        sheet = sheets.get(name)
        if sheet is None:
            return
        for row, cells in sheet.rows:
            cell = _Cells(file, sheet.name, row, cells)
            yield cell
            plan.problems.extend(cell.problems)

    for row in each(c.SETTINGS):
        label = row.text("Setting")
        key = c.SETTING_ROWS.get(_setting_label(label)) if label else None
        if key is None:
            row.problem("Setting", f"{label!r} is not a known setting")
            continue
        if key in ("business_name", "currency"):
            text = row.text("Value")
            if key == "currency" and text is not None:
                if len(text) != 3 or not text.isalpha():
                    row.problem("Value", f"{text!r} is not a three-letter ISO currency code")
                    continue
                text = text.upper()
            if text is not None:
                plan.settings[key] = text
        else:
            minimum = Decimal(0)
            number = row.decimal("Value", minimum=minimum)
            if key == "gross_margin" and number is not None and number > 1:
                row.problem("Value", f"{_plain(number)} is above 1 (write 40 % as 0.4)")
                continue
            plan.settings[key] = number

    for row in each(c.CLIENTS):
        name = row.required_text("Name")
        if name:
            plan.clients.append(Client(name=name, notes=row.text("Notes") or ""))

    for row in each(c.CAMPAIGNS):
        name = row.required_text("Name")
        start, end = row.date("Start date", required=True), row.date("End date", required=True)
        if start and end and end < start:
            row.problem("End date", "is before the start date")
        campaign = Campaign(
            name=name or "",
            start=start or date.min,
            end=end or date.min,
            platforms=tuple(
                p
                for p in (canonical_platform(x) for x in (row.text("Platforms") or "").split(","))
                if p
            ),
            objective=row.choice("Objective", _OBJECTIVES),
            budget=row.money("Budget"),
            status=row.choice("Status", _STATUSES) or CampaignStatus.ACTIVE,
            notes=row.text("Notes") or "",
        )
        plan.campaigns.append((campaign, row.text("Client")))

    for row in each(c.GOALS):
        campaign_name = row.required_text("Campaign")
        kpi = row.required_text("KPI")
        baseline, target = row.decimal("Baseline"), row.decimal("Target")
        deadline = row.date("Deadline", required=True)
        if baseline is None:
            row.problem("Baseline", "is empty; a number is required")
        if target is None:
            row.problem("Target", "is empty; a number is required")
        plan.note_campaign(campaign_name, deadline)
        goal = Goal(
            0, kpi or "", baseline or Decimal(0), target or Decimal(0), deadline or date.min
        )
        plan.goals.append((goal, campaign_name or ""))

    for row in each(c.COSTS):
        start = row.date("Date", required=True)
        end, until = row.date("End date"), row.date("Until")
        repeat = row.choice("Repeat", _REPEATS) or Repeat.NONE
        amount, hours, rate = row.money("Amount"), row.decimal("Hours"), row.money("Hourly rate")
        if amount is None and (hours is None or rate is None):
            row.problem("Amount", "give either an amount, or hours and an hourly rate")
        elif amount is not None and (hours is not None or rate is not None):
            row.problem("Amount", "give either an amount or hours × hourly rate, not both")
        if start and end and end < start:
            row.problem("End date", "is before the date")
        if repeat is Repeat.MONTHLY and until is None:
            row.problem("Until", "a monthly cost needs an 'Until' date")
        if start and until and until < start:
            row.problem("Until", "is before the date")
        campaign_name = row.text("Campaign")
        plan.note_campaign(campaign_name, start, end)
        cost = Cost(
            start=start or date.min,
            end=end,
            repeat=repeat,
            until=until,
            category=row.choice("Category", _CATEGORIES, required=True) or CostCategory.OTHER,
            platform=canonical_platform(row.text("Platform")),
            description=row.text("Description") or "",
            amount=amount,
            hours=None if hours is None else hours.quantize(_FOUR_PLACES, ROUND_HALF_UP),
            hourly_rate=rate,
        )
        plan.costs.append((cost, campaign_name))

    for row in each(c.RESULTS):
        day = row.date("Date", required=True)
        campaign_name = row.text("Campaign")
        plan.note_campaign(campaign_name, day)
        metrics = {name: row.count(header) for header, name in c.RESULT_FIELDS.items()}
        result = Result(
            date=day or date.min,
            platform=canonical_platform(row.text("Platform")),
            content_type=row.choice("Content type", _CONTENT_TYPES),
            revenue=row.money("Revenue"),
            **metrics,
        )
        plan.results.append((result, campaign_name))

    for row in each(c.VALUATIONS):
        metric = row.choice("Metric", _METRICS, required=True)
        valid_from = row.date("Valid from", required=True)
        value = row.money("Value per unit")
        if value is None:
            row.problem("Value per unit", "is empty; a number is required")
        plan.valuations.append(
            Valuation(
                metric=metric or "",
                valid_from=valid_from or date.min,
                value_per_unit=value or Decimal(0),
                platform=canonical_platform(row.text("Platform")),
                note=row.text("Note") or "",
            )
        )

    for row in each(c.OTHER_RETURNS):
        day = row.date("Date", required=True)
        amount = row.money("Amount")
        if amount is None:
            row.problem("Amount", "is empty; a number is required")
        campaign_name = row.text("Campaign")
        plan.note_campaign(campaign_name, day)
        other = OtherReturn(
            date=day or date.min,
            amount=amount or Decimal(0),
            platform=canonical_platform(row.text("Platform")),
            description=row.text("Description") or "",
        )
        plan.other_returns.append((other, campaign_name))
    return plan


def _setting_label(label: str) -> str:
    """``Currency (ISO code)`` → ``Currency``; case-insensitive."""
    bare = label.split("(")[0].strip().casefold()
    for known in c.SETTING_ROWS:
        if known.casefold() == bare:
            return known
    return label


#: Bytes a file is read and hashed in at a time.
_CHUNK = 1 << 20


def fingerprint(path: Path, each_chunk: Callable[[bytes], None] | None = None) -> str:
    """The SHA-256 of a file's bytes: the same file imported twice is recognised.
    ``each_chunk`` sees every chunk as it is hashed (one read of the file feeds both)."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
            if each_chunk is not None:
                each_chunk(chunk)
    return digest.hexdigest()


def earlier_import(
    workspace: Workspace, path: Path, *, replace: bool, digest: str | None = None
) -> tuple[str, ImportBatch | None]:
    """The file's fingerprint (``digest``, when the caller has it already) and its earlier
    import, if any.

    Importing the same file again would count everything twice: it is refused with a message
    unless ``replace`` (then the caller removes the earlier batch in its own transaction).
    """
    digest = digest or fingerprint(path)
    earlier = workspace.batch_by_fingerprint(digest)
    if earlier is not None and not replace:
        raise InputError(
            Problem(
                f"this file was already imported on {earlier.imported_at[:10]}; "
                "import it with --replace to replace that import",
                path.name,
            )
        )
    return digest, earlier


def import_workbook(
    workspace: Workspace,
    path: str | Path,
    *,
    replace: bool = False,
    sheets: dict[str, _SheetRows] | None = None,
) -> WorkbookImport:
    """Import a workspace workbook: every cell checked first, then all of it in one transaction.

    Raises :class:`InputError` listing every bad cell (sheet, row, column, reason); nothing is
    written then. Clients and campaigns are matched by name (case-insensitive), else created.
    """
    path = Path(path)
    if sheets is None:
        sheets = read_contract_sheets(path)
    if sheets is None:
        raise InputError(
            Problem("no sheet of the workspace workbook (Campaigns, Costs, Results, …)", path.name)
        )
    plan = _plan(sheets, path.name)
    if plan.problems:
        raise InputError(plan.problems)
    digest, earlier = earlier_import(workspace, path, replace=replace)
    with workspace.transaction():
        if earlier is not None:
            workspace.delete_import_batch(earlier.id)  # type: ignore[arg-type]
        return _write(workspace, plan, path.name, digest)


def _write(workspace: Workspace, plan: _Plan, source: str, digest: str) -> WorkbookImport:
    if plan.settings:
        current = workspace.settings()
        values = {name: getattr(current, name) for name in c.SETTING_ROWS.values()}
        values.update(plan.settings)
        workspace.save_settings(
            Settings(**{**values, "locale": current.locale})  # type: ignore[arg-type]
        )
    client_ids: dict[str, int] = {x.name.casefold(): x.id for x in workspace.clients()}  # type: ignore[misc]

    def client_id(name: str | None) -> int | None:
        if not name:
            return None
        key = name.casefold()
        if key not in client_ids:
            client_ids[key] = workspace.add_client(Client(name=name)).id  # type: ignore[assignment]
        return client_ids[key]

    counts = dict.fromkeys(c.COLUMNS, 0)
    for client in plan.clients:
        if client.name.casefold() not in client_ids:
            client_ids[client.name.casefold()] = workspace.add_client(client).id  # type: ignore[assignment]
            counts[c.CLIENTS] += 1
    campaign_ids: dict[str, int] = {x.name.casefold(): x.id for x in workspace.campaigns()}  # type: ignore[misc]
    for campaign, client_name in plan.campaigns:
        key = campaign.name.casefold()
        if key in campaign_ids:
            continue
        stored = workspace.add_campaign(
            Campaign(**{**_fields(campaign), "client_id": client_id(client_name)})
        )
        campaign_ids[key] = stored.id  # type: ignore[assignment]
        counts[c.CAMPAIGNS] += 1
    created: list[str] = []

    def campaign_id(name: str | None) -> int | None:
        if not name:
            return None
        key = name.casefold()
        if key not in campaign_ids:
            days = sorted(plan.dates_of.get(key, [])) or [datetime.now(UTC).date()]
            stored = workspace.add_campaign(Campaign(name=name, start=days[0], end=days[-1]))
            campaign_ids[key] = stored.id  # type: ignore[assignment]
            created.append(name)
        return campaign_ids[key]

    batch = workspace.add_import_batch(
        ImportBatch(
            source=source,
            fingerprint=digest,
            imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
            kind="workbook",
            rows=sum(len(x) for x in (plan.costs, plan.results)),
        )
    )
    existing_goals = {_key(g) for g in workspace.goals()}
    for goal, name in plan.goals:
        stored_goal = Goal(**{**_fields(goal), "campaign_id": campaign_id(name)})
        if _key(stored_goal) not in existing_goals:
            workspace.add_goal(stored_goal)
            counts[c.GOALS] += 1
    counts[c.COSTS] = workspace.add_costs(
        Cost(**{**_fields(cost), "campaign_id": campaign_id(name), "batch_id": batch.id})
        for cost, name in plan.costs
    )
    counts[c.RESULTS] = workspace.add_results(
        Result(**{**_fields(result), "campaign_id": campaign_id(name), "batch_id": batch.id})
        for result, name in plan.results
    )
    existing_valuations = {_key(v) for v in workspace.valuations()}
    for valuation in plan.valuations:
        if _key(valuation) not in existing_valuations:
            workspace.add_valuation(valuation)
            counts[c.VALUATIONS] += 1
    existing_others = {_key(o) for o in workspace.other_returns()}
    for other, name in plan.other_returns:
        stored_other = OtherReturn(**{**_fields(other), "campaign_id": campaign_id(name)})
        if _key(stored_other) not in existing_others:
            workspace.add_other_return(stored_other)
            counts[c.OTHER_RETURNS] += 1
    return WorkbookImport(counts=counts, created_campaigns=created, batch_id=batch.id)


def _fields(record: Any) -> dict[str, Any]:
    return {name: getattr(record, name) for name in record.__dataclass_fields__ if name != "id"}


def _key(record: Any) -> tuple[Any, ...]:
    return tuple(v for k, v in _fields(record).items())
