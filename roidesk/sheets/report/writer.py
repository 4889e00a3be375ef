"""The client report workbook: layout, formats, formulas, charts and print set-up.

Cells hold the exact figures; number formats show them rounded to the currency's minor unit
or as percentages. Figures a reader can check (net return, ROI, CPL, …) are formulas over the
cells they come from, each with its cached value so that readers that never recalculate still
show it. User text (business, client, campaign and platform names) is always written as text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.chart import BarChart, LineChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from roidesk.core.benchmarks import (
    BENCHMARK_KPIS,
    benchmark_phrase,
    shipped_benchmarks,
    shown_benchmark,
)
from roidesk.core.figures import LABELS, Figures
from roidesk.core.money import (
    MONEY_FIELDS,
    PERCENT_FIELDS,
    TIMES_FIELDS,
    NumberStyle,
    format_count,
    format_money,
    format_percent,
    minor_unit,
)
from roidesk.engine.goals import figure_name
from roidesk.sheets.report.cached import CachedValue
from roidesk.sheets.report.highlights import (
    CellKey,
    Statement,
    goal_state,
    highlights,
    kpi_label,
    verdict,
)
from roidesk.sheets.report.logo import logo_image
from roidesk.sheets.report.model import NextMonth, ReportData

# ------------------------------------------------------------------------------ vocabulary

#: Formulas a reader can check, over the cells of the figures they come from.
FORMULAS: dict[str, str] = {
    "total_return": "{direct_return}+{valued_return}+{other_return}",
    "net_return": "{total_return}-{cost}",
    "roi_direct": "({direct_return}-{cost})/{cost}",
    "roi_total": "({total_return}-{cost})/{cost}",
    "roas": "{revenue}/{ad_spend}",
    "engagement_rate": "{engagements}/{impressions}",
    "ctr": "{link_clicks}/{impressions}",
    "conversion_rate": "{conversions}/{link_clicks}",
    "cpc": "{ad_spend}/{link_clicks}",
    "cpm": "{ad_spend}/{impressions}*1000",
    "cpl": "{cost}/{leads}",
    "cpa": "{cost}/{conversions}",
    "cac": "{cost}/{new_customers}",
    "ltv_cac": "{ltv}/{cac}",
}

#: The Definitions sheet: figure → what it means (SPEC "What every number means").
DEFINITIONS: dict[str, str] = {
    "cost": "All costs in the period: amounts, and staff time as hours × hourly rate. A cost "
    "spanning dates is spread evenly per day; a monthly cost counts once per month. General "
    "costs are shared out to campaigns and platforms in proportion to their own costs.",
    "direct_return": "Revenue attributed to social media × gross margin (workspace setting).",
    "valued_return": "Σ result quantity × the value per unit in force for that metric, platform "
    "and date (Valuations; impressions are valued per 1,000).",
    "other_return": "Σ other returns entered for the period (support cost saved, deals closed).",
    "total_return": "Direct return + valued return + other return.",
    "net_return": "Total return − cost.",
    "roi_direct": "(Direct return − cost) / cost. A dash where the cost is zero.",
    "roi_total": "(Total return − cost) / cost. A dash where the cost is zero.",
    "roas": "Revenue / advertising cost.",
    "engagement_rate": "Engagements / impressions.",
    "ctr": "Click-through rate: link clicks / impressions.",
    "conversion_rate": "Conversions / link clicks.",
    "cpc": "Cost per click: advertising cost / link clicks.",
    "cpm": "Cost per 1,000 impressions: advertising cost / impressions × 1,000.",
    "cpl": "Cost per lead: cost / leads.",
    "cpa": "Cost per acquisition: cost / conversions.",
    "cac": "Customer acquisition cost: cost / new customers.",
    "ltv": "Lifetime value: average order value × purchases per year × years retained "
    "(workspace settings), or the value entered directly.",
    "ltv_cac": "LTV / CAC: how many times a customer pays back what winning them cost.",
    "break_even_date": (
        "The first day from which cumulative total return stays at or above cumulative cost"
        " to the end of the period (none if it ends below)."
    ),
    "ad_spend": "Costs in the category advertising.",
    "revenue": "Revenue attributed to social media in the result rows.",
    "impressions": "Times content was shown.",
    "reach": "People reached, summed over days and platforms (so a person can count twice).",
    "engagements": "Reactions, comments, shares and saves.",
    "followers_gained": "New followers.",
    "link_clicks": "Clicks on links to the website or shop.",
    "sessions": "Website sessions from social media.",
    "leads": "Enquiries, sign-ups and other leads.",
    "conversions": "Purchases, bookings and other conversions.",
    "new_customers": "Customers won.",
    "paid_equivalent": "Per platform: organic link clicks × that platform's paid CPC in the "
    "period (advertising cost ÷ paid link clicks): what the organic traffic would have cost as "
    "ads. Shown beside the returns, never added to them.",
    "total_return_low": "Total return with every valuation at its low value.",
    "total_return_high": "Total return with every valuation at its high value.",
    "roi_total_low": "ROI (total) with every valuation at its low value.",
    "roi_total_high": "ROI (total) with every valuation at its high value.",
}

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_SHEET_INVALID = re.compile(r"[\[\]:*?/\\]")
_DASH = "—"

#: One sans-serif family everywhere (LibreOffice shows Carlito, its metric twin).
_FONT_NAME = "Calibri"
_BOLD = Font(name=_FONT_NAME, bold=True)
_GREY = Font(name=_FONT_NAME, color="595959", italic=True)
_TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))
_WRAP = Alignment(wrap_text=True, vertical="top")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="bottom", horizontal="center")
_RIGHT = Alignment(horizontal="right")


# ------------------------------------------------------------------------------ safety
def sheet_title(name: str, taken: Sequence[str], limit: int = 31) -> str:
    """A valid, unused sheet name: no ``[]:*?/\\``, at most 31 characters, unique (any case)."""
    cleaned = _SHEET_INVALID.sub(" ", ILLEGAL_CHARACTERS_RE.sub("", name))
    cleaned = " ".join(cleaned.split()).strip("'") or "Sheet"
    used = {title.casefold() for title in taken}
    candidate = cleaned[:limit].rstrip()
    number = 1
    while candidate.casefold() in used:
        number += 1
        suffix = f" ({number})"
        candidate = cleaned[: limit - len(suffix)].rstrip() + suffix
    return candidate


def safe_text(text: str) -> str:
    """Text without the control characters a workbook cannot hold."""
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


# ------------------------------------------------------------------------------ formats
DEFAULT_ACCENT = "1F3864"


def accent_hex(setting: str) -> str:
    """``RRGGBB`` of an accent colour setting (``#1f3864``), the default where unset or bad."""
    text = setting.strip().lstrip("#").upper()
    return text if re.fullmatch(r"[0-9A-F]{6}", text) else DEFAULT_ACCENT


def tint(colour: str, share: float = 0.82) -> str:
    """``colour`` (``RRGGBB``) mixed with ``share`` white: a light fill behind dark text."""
    parts = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(p + (255 - p) * share):02X}" for p in parts)


def money_format(currency: str, locale_hint: str = "") -> str:
    """An Excel number format for amounts in ``currency`` written as the workspace writes
    them (its minor unit; its sign before or after the number: ``€1.00``, ``1,00 zł``)."""
    decimals = minor_unit(currency)
    number = "#,##0" + ("." + "0" * decimals if decimals else "")
    shown = format_money(Decimal(1), currency, locale_hint)
    digits = re.search(r"[0-9][0-9.,\s\u00a0]*", shown)
    assert digits is not None
    before, after = shown[: digits.start()].strip(), shown[digits.end() :].strip()
    if before:
        return f'"{before}"{number};-"{before}"{number}'
    return f'{number} "{after}";-{number} "{after}"'


#: A change of a percentage, in percentage points (the value is the difference × 100).
POINTS_FORMAT = '+0.00" pts";-0.00" pts";0.00" pts"'


def kind_of(name: str) -> str:
    """How a figure is formatted: money, percent, ratio, date or count."""
    if name in MONEY_FIELDS:
        return "money"
    if name in PERCENT_FIELDS:
        return "percent"
    if name in TIMES_FIELDS:
        return "ratio"
    if name == "break_even_date":
        return "date"
    return "count"


_FORMATS = {
    "percent": "0.00%",
    "ratio": "0.00",
    "count": "#,##0",
    "number": "#,##0.##",
    "date": "yyyy-mm-dd",
    "text": "@",
    "points": POINTS_FORMAT,
    "signed_percent": "+0.00%;-0.00%;0.00%",
}


def _wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped at word boundaries in ``width`` characters."""
    room = max(int(width * 1.1) - 1, 6)  # a column is about 1.1 characters of 10 pt text
    lines, used = 1, 0
    for word in text.split():
        if used and used + 1 + len(word) > room:
            lines, used = lines + 1, len(word)
        else:
            used += (1 if used else 0) + len(word)
    return lines


# ------------------------------------------------------------------------------ the book
@dataclass
class _Book:
    """The workbook being written, with what the writer learns along the way."""

    data: ReportData
    book: Workbook = field(default_factory=Workbook)
    cached: dict[str, dict[str, CachedValue]] = field(default_factory=lambda: defaultdict(dict))
    where: dict[CellKey, str] = field(default_factory=dict)
    widths: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    headers: dict[str, dict[int, Sequence[str]]] = field(default_factory=lambda: defaultdict(dict))

    @property
    def currency(self) -> str:
        return self.data.settings.currency

    @property
    def accent(self) -> str:
        """The report's accent colour as ``RRGGBB`` (Settings ▸ accent colour, else navy)."""
        return accent_hex(self.data.settings.accent_colour)

    @property
    def heading_font(self) -> Font:
        """Section headings in the accent colour."""
        return Font(name=_FONT_NAME, bold=True, size=12, color=self.accent)

    @property
    def money_format(self) -> str:
        return money_format(self.currency, self.data.settings.locale)

    def __post_init__(self) -> None:
        self.book.remove(self.book.active)  # the default empty sheet

    def new_sheet(self, name: str) -> Worksheet:
        """A new sheet with a valid name no other sheet has."""
        taken = [sheet.title for sheet in self.book.worksheets]
        return self.book.create_sheet(sheet_title(name, taken))

    # -- cells
    def _fit(self, sheet: Worksheet, column: int, text: str) -> None:
        widths = self.widths[sheet.title]
        widths[column] = max(widths.get(column, 0), len(text))

    def text(self, sheet: Worksheet, row: int, column: int, text: str, fit: bool = True) -> Any:
        """User or report text: never a formula."""
        text = safe_text(text)
        cell = sheet.cell(row=row, column=column)
        cell.value = text
        if text.startswith(_FORMULA_STARTS):
            cell.data_type = "s"
            cell.quotePrefix = True
        if fit:
            self._fit(sheet, column, text)
        return cell

    def display(self, value: Any, kind: str) -> str:
        """About what a spreadsheet shows for the value (for column widths)."""
        if value is None:
            return _DASH
        if kind in ("money", "signed_money"):
            return "+" + format_money(Decimal(value), self.currency)
        if kind in ("percent", "signed_percent"):
            return format_percent(Decimal(value))
        if kind == "points":
            return f"+{Decimal(value):.2f} pts"
        if kind in ("count", "number"):
            return format_count(value, self.currency) if isinstance(value, int) else f"{value:,}"
        if kind == "ratio":
            return f"{Decimal(value):.2f}"
        return str(value)

    def value(
        self,
        sheet: Worksheet,
        row: int,
        column: int,
        value: Any,
        kind: str,
        formula: str | None = None,
    ) -> Any:
        """A number, date or dash; a formula (with ``value`` cached) where one is given."""
        cell = sheet.cell(row=row, column=column)
        self._fit(sheet, column, self.display(value, kind))
        if value is None:
            cell.value = _DASH
            cell.alignment = _RIGHT
            return cell
        if kind == "text":
            return self.text(sheet, row, column, str(value))
        stored: Any = value
        if isinstance(value, Decimal):
            stored = int(value) if value == value.to_integral_value() else float(value)
        if formula is not None:
            cell.value = "=" + formula
            self.cached[sheet.title][cell.coordinate] = stored
        else:
            cell.value = stored
        if kind == "money":
            cell.number_format = self.money_format
        elif kind == "signed_money":
            positive, negative = self.money_format.split(";")
            cell.number_format = f"+{positive};{negative};{positive}"
        else:
            cell.number_format = _FORMATS[kind]
        return cell

    def header(self, sheet: Worksheet, row: int, headers: Sequence[str]) -> None:
        self.headers[sheet.title][row] = headers
        for column, label in enumerate(headers, start=1):
            cell = self.text(sheet, row, column, label, fit=False)
            cell.font = _BOLD
            cell.fill = PatternFill("solid", fgColor=tint(self.accent))
            cell.alignment = _HEADER_ALIGN
            longest = max((len(word) for word in label.split()), default=0)
            self._fit(sheet, column, "x" * max(longest, min(len(label), 14)))

    def fit_header_heights(self, sheet: Worksheet) -> None:
        """Header rows tall enough for their longest wrapped label (none cut off)."""
        for row, labels in self.headers[sheet.title].items():
            lines = 1
            for column, label in enumerate(labels, start=1):
                width = sheet.column_dimensions[get_column_letter(column)].width or 8
                lines = max(lines, _wrapped_lines(label, width))
            sheet.row_dimensions[row].height = 15 * lines + 2

    def title(self, sheet: Worksheet, heading: str) -> None:
        data = self.data
        title = self.text(sheet, 1, 1, f"{heading} — {data.title_name}", fit=False)
        title.font = Font(name=_FONT_NAME, bold=True, size=16, color=self.accent)
        self.text(sheet, 2, 1, self.period_line(), fit=False).font = _GREY

    def period_line(self) -> str:
        data = self.data
        request = data.request
        return (
            f"Period {request.start:%Y-%m-%d} to {request.end:%Y-%m-%d}, compared with "
            f"{data.previous_start:%Y-%m-%d} to {data.previous_end:%Y-%m-%d} · amounts in "
            f"{self.currency}"
        )

    def finish(self, sheet: Worksheet, freeze: str, title_rows: str | None) -> None:
        """Widths, frozen panes and print set-up of one sheet."""
        for column, width in self.widths[sheet.title].items():
            letter = get_column_letter(column)
            sheet.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        self.fit_header_heights(sheet)
        sheet.freeze_panes = freeze
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.gridLines = False
        sheet.oddFooter.center.text = "Page &P of &N"
        sheet.oddFooter.left.text = "&A"
        sheet.oddFooter.right.text = safe_text(self.data.title_name).replace("&", "&&")
        if title_rows:
            sheet.print_title_rows = title_rows


# ------------------------------------------------------------------------------ tables
@dataclass(frozen=True, slots=True)
class Column:
    """A column of a detail table: key (a figure name or a table's own), header, format."""

    key: str
    header: str
    kind: str


def _figure_columns(names: Sequence[str]) -> list[Column]:
    return [Column(name, LABELS[name], kind_of(name)) for name in names]


def _formula_for(key: str, cells: dict[str, str]) -> str | None:
    """The formula of figure ``key`` over ``cells`` (figure → address), if all are there."""
    template = FORMULAS.get(key)
    if template is None:
        return None
    needed = re.findall(r"\{(\w+)\}", template)
    if any(name not in cells for name in needed):
        return None
    return template.format(**{name: cells[name] for name in needed})


#: Cell addresses of a table's rows: row key → column key → address on the same sheet.
RowCells = dict[str, dict[str, str]]


def _write_table(
    out: _Book,
    sheet: Worksheet,
    top: int,
    columns: Sequence[Column],
    rows: Sequence[tuple[str, dict[str, Any]]],
    total: dict[str, Any] | None,
    table: str,
    above: RowCells | None = None,
) -> RowCells:
    """Header at ``top``, one row per (key, values), a total row; returns the cells it wrote.

    Derived figures are formulas over the row's cells (or over the same row key's cells of the
    table ``above`` on this sheet); in the total row money and counts are ``SUM`` of the
    column. Every cell is registered as ``(table, row key, column key)``.
    """
    out.header(sheet, top, [c.header for c in columns])
    letters = {c.key: get_column_letter(i) for i, c in enumerate(columns, start=1)}
    first = top + 1
    last = top + len(rows)
    written: RowCells = {}
    keyed = [*rows, ("total", total)] if total is not None else list(rows)
    for offset, (key, values) in enumerate(keyed):
        row = first + offset
        cells = {**(above or {}).get(key, {}), **{k: f"{c}{row}" for k, c in letters.items()}}
        written[key] = cells
        is_total = total is not None and offset == len(rows)
        for index, column in enumerate(columns, start=1):
            value = values.get(column.key)
            formula = None if value is None else _formula_for(column.key, cells)
            letter = letters[column.key]
            money_or_count = column.kind in ("money", "count")
            if is_total and formula is None and value is not None and rows and money_or_count:
                formula = f"SUM({letter}{first}:{letter}{last})"
            if is_total and index == 1:
                cell = out.text(sheet, row, 1, "Total")
            elif is_total and value is None and column.kind in ("text", "date"):
                cell = sheet.cell(row=row, column=index)
            else:
                cell = out.value(sheet, row, index, value, column.kind, formula)
            if is_total:
                cell.font = _BOLD
                cell.border = _TOTAL_BORDER
            out.where[(table, key, column.key)] = f"{sheet.title}!{letter}{row}"
    return written


def _figure_values(figures: Figures) -> dict[str, Any]:
    return {name: getattr(figures, name) for name in Figures.names()}


# ------------------------------------------------------------------------------ sheets
#: Return is drawn in green-blue, never red (red reads as a loss).
_RETURN_COLOUR = "2E7D6B"


def _show_axes(chart: Any) -> None:
    """Axes with their labels shown (openpyxl hides them unless told) in a readable size."""
    from openpyxl.chart.text import RichText
    from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties

    for axis in (chart.x_axis, chart.y_axis):
        axis.delete = False
        size = CharacterProperties(sz=1000)
        axis.txPr = RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=size), endParaRPr=size)])


def _labels(*, value: bool = False, percent: bool = False) -> DataLabelList:
    """Data labels showing only the value or the percentage (not series or category names)."""
    return DataLabelList(
        showVal=value,
        showPercent=percent,
        showSerName=False,
        showCatName=False,
        showLegendKey=False,
        showLeaderLines=False,
    )


_SUMMARY_FIGURES = (
    "cost",
    "ad_spend",
    "revenue",
    "direct_return",
    "valued_return",
    "other_return",
    "total_return",
    "total_return_low",
    "total_return_high",
    "paid_equivalent",  # beside the returns, never added to them
    "net_return",
    "roi_direct",
    "roi_total",
    "roi_total_low",
    "roi_total_high",
    "roas",
    "cpc",
    "cpm",
    "cpl",
    "cpa",
    "cac",
    "ltv",
    "ltv_cac",
    "break_even_date",
    "impressions",
    "reach",
    "engagements",
    "engagement_rate",
    "followers_gained",
    "link_clicks",
    "ctr",
    "sessions",
    "leads",
    "conversions",
    "conversion_rate",
    "new_customers",
)
#: The key figures in the order a client reads them (the PDF lists them the same way).
KEY_FIGURES = _SUMMARY_FIGURES


def _column_formula(template: str, letter: str, rows: dict[str, int]) -> str | None:
    """``template``'s figures as cells of column ``letter`` (None where a figure is missing)."""
    needed = re.findall(r"\{(\w+)\}", template)
    if any(name not in rows for name in needed):
        return None
    return template.format(**{name: f"{letter}{rows[name]}" for name in needed})


def _summary(out: _Book, statements: list[Statement]) -> None:
    data = out.data
    sheet = out.new_sheet("Summary")
    out.title(sheet, "Social media report")
    prepared = f"Prepared {data.today:%Y-%m-%d} with roidesk · goals as of {data.as_of:%Y-%m-%d}"
    out.text(sheet, 3, 1, prepared, fit=False).font = _GREY
    logo = logo_image(data.settings.logo)
    if logo is not None:
        sheet.add_image(logo, "G1")
    answer = out.text(sheet, 4, 1, verdict(data), fit=False)
    answer.font = Font(name=_FONT_NAME, bold=True, size=13, color=out.accent)

    row = 6
    out.text(sheet, row, 1, "Highlights and recommendations", fit=False).font = out.heading_font
    statement_rows = list(range(row + 1, row + 1 + len(statements)))

    row = statement_rows[-1] + 2 if statements else row + 2
    out.text(sheet, row, 1, "Key figures", fit=False).font = out.heading_font
    header = row + 1
    rows = _key_figures(out, sheet, header)
    row = header + len(rows) + 2
    if data.other_by_kind:
        row = _other_by_kind(out, sheet, row) + 2
    _goals(out, sheet, row)

    # statements last: the column widths are known now
    width = sum(out.widths[sheet.title].get(c, 8) + 2 for c in range(1, 6))
    for at, statement in zip(statement_rows, statements, strict=True):
        cell = out.text(sheet, at, 1, "• " + statement.text, fit=False)
        cell.alignment = _WRAP
        sheet.merge_cells(start_row=at, start_column=1, end_row=at, end_column=5)
        lines = max(1, -(-len(statement.text) // max(width - 6, 20)))
        sheet.row_dimensions[at].height = 15 * lines + 3
    out.finish(sheet, "A5", f"{header}:{header}")


def _key_figures(out: _Book, sheet: Worksheet, header: int) -> dict[str, int]:
    """The key-figures table from row ``header``: this period, the one before, the change and
    (with an industry set) the published benchmarks; returns figure → row."""
    data = out.data
    published = _published(data)
    titles = ["Figure", "This period", "Previous period", "Change", "Change %"]
    out.header(sheet, header, titles + (["Published benchmark"] if data.settings.industry else []))
    rows = {name: header + 1 + i for i, name in enumerate(_SUMMARY_FIGURES)}
    for name, at in rows.items():
        kind = kind_of(name)
        out.text(sheet, at, 1, LABELS[name])
        if name in published:
            out.text(sheet, at, 6, published[name], fit=False).font = _GREY
        now, before = getattr(data.figures, name), getattr(data.previous, name)
        for column, letter, value in ((2, "B", now), (3, "C", before)):
            template = FORMULAS.get(name)
            formula = None
            if template is not None and value is not None:
                formula = _column_formula(template, letter, rows)
            out.value(sheet, at, column, value, kind, formula)
            out.where[("figure", name, "now" if column == 2 else "before")] = (
                f"{sheet.title}!{letter}{at}"
            )
        if kind == "date" or now is None or before is None:
            continue
        if kind == "percent":
            points = (Decimal(now) - Decimal(before)) * 100
            out.value(sheet, at, 4, points, "points", f"(B{at}-C{at})*100")
            continue
        signed = "signed_money" if kind == "money" else kind
        out.value(sheet, at, 4, Decimal(now) - Decimal(before), signed, f"B{at}-C{at}")
        if kind in ("money", "count") and before != 0:
            change = (Decimal(now) - Decimal(before)) / abs(Decimal(before))
            out.value(sheet, at, 5, change, "signed_percent", f"(B{at}-C{at})/ABS(C{at})")

    return rows


def _published(data: ReportData) -> dict[str, str]:
    """Per KPI, the published benchmark of the industry setting for each platform reported
    (``Facebook: Legal average 1.61 % (WordStream, 2017)``, one per platform that has one)."""
    if not data.settings.industry:
        return {}
    numbers = NumberStyle(data.settings.currency, data.settings.locale)
    rows = shipped_benchmarks()
    found: dict[str, list[str]] = {}
    for kpi in BENCHMARK_KPIS:
        for platform in data.platforms:
            row = shown_benchmark(rows, data.settings.industry, platform.label, kpi)
            if row is not None:
                found.setdefault(kpi, []).append(
                    f"{platform.label}: {benchmark_phrase(row, numbers)}"
                )
    return {kpi: "; ".join(phrases) for kpi, phrases in found.items()}


def _other_by_kind(out: _Book, sheet: Worksheet, row: int) -> int:
    """The period's other returns by kind under the key figures; returns the last row."""
    out.text(sheet, row, 1, "Other returns by kind", fit=False).font = out.heading_font
    out.header(sheet, row + 1, ["Kind", "This period"])
    first = row + 2
    for offset, (kind, amount) in enumerate(out.data.other_by_kind):
        out.text(sheet, first + offset, 1, kind)
        out.value(sheet, first + offset, 2, amount, "money")
    last = first + len(out.data.other_by_kind) - 1
    total = last + 1
    cells = [out.text(sheet, total, 1, "Total")]
    amount = sum((a for _, a in out.data.other_by_kind), Decimal(0))
    cells.append(out.value(sheet, total, 2, amount, "money", f"SUM(B{first}:B{last})"))
    for cell in cells:
        cell.font, cell.border = _BOLD, _TOTAL_BORDER
    return total


def _goal_kind(kpi: str) -> str:
    name = figure_name(kpi)
    if name is None:
        return "number"
    kind = kind_of(name)
    return "number" if kind in ("count", "ratio", "date") else kind


def _goals(out: _Book, sheet: Worksheet, row: int) -> None:
    data = out.data
    out.text(sheet, row, 1, "Goals", fit=False).font = out.heading_font
    if not data.goals:
        out.text(sheet, row + 1, 1, "No goals are set for the campaigns in this report.")
        return
    headers = [
        "Campaign",
        "Goal (KPI)",
        "Baseline",
        "Target",
        "Deadline",
        "Actual",
        "Progress",
        "Time gone",
        "Pace",
        "Projected at deadline",
        "Status",
    ]
    out.header(sheet, row + 1, headers)
    for index, (campaign, status) in enumerate(data.goals):
        at = row + 2 + index
        goal = status.goal
        kind = _goal_kind(goal.kpi)
        out.text(sheet, at, 1, campaign)
        out.text(sheet, at, 2, kpi_label(goal.kpi))
        out.value(sheet, at, 3, goal.baseline, kind)
        out.value(sheet, at, 4, goal.target, kind)
        out.value(sheet, at, 5, goal.deadline, "date")
        out.value(sheet, at, 6, status.actual, kind)
        progress_formula = f"(F{at}-C{at})/(D{at}-C{at})"
        out.value(sheet, at, 7, status.progress, "percent", progress_formula)
        out.value(sheet, at, 8, status.elapsed_share, "percent")
        out.value(sheet, at, 9, status.pace, "ratio", f"G{at}/H{at}")
        # a ratio KPI's projection is its actual (SPEC "Goal progress")
        projection = f"C{at}+(F{at}-C{at})/H{at}" if status.accumulates else f"F{at}"
        out.value(sheet, at, 10, status.projected, kind, projection)
        out.text(sheet, at, 11, goal_state(status))
        key = str(index)
        out.where[("goal", key, "progress")] = f"{sheet.title}!G{at}"
        out.where[("goal", key, "elapsed")] = f"{sheet.title}!H{at}"
        out.where[("goal", key, "pace")] = f"{sheet.title}!I{at}"


_MONEY_FIGURES = (
    "cost",
    "revenue",
    "direct_return",
    "valued_return",
    "other_return",
    "total_return",
    "net_return",
    "roi_total",
)
_ACTIVITY_FIGURES = (
    "impressions",
    "link_clicks",
    "ctr",
    "leads",
    "cpl",
    "conversions",
    "new_customers",
    "cac",
)


def _money_columns(data: ReportData, names: Sequence[str]) -> list[Column]:
    """The figure columns of a money table, ROI (total)'s low and high beside it where the
    valuations give it a range in this period (none: no column of dashes or repeats)."""
    columns = _figure_columns(names)
    low, high = data.figures.roi_total_low, data.figures.roi_total_high
    if "roi_total" in names and low is not None and high is not None and low != high:
        at = [c.key for c in columns].index("roi_total") + 1
        columns[at:at] = _figure_columns(("roi_total_low", "roi_total_high"))
    return columns


def _two_tables(
    out: _Book,
    sheet: Worksheet,
    money: Sequence[Column],
    activity: Sequence[Column],
    rows: Sequence[tuple[str, dict[str, Any]]],
    total: dict[str, Any],
    table: str,
) -> int:
    """Money table at row 4, activity table below it (its formulas use the money cells).

    Returns the last row written.
    """
    cells = _write_table(out, sheet, 4, money, rows, total, table)
    second = 4 + len(rows) + 4
    out.text(sheet, second - 1, 1, "Activity", fit=False).font = out.heading_font
    _write_table(out, sheet, second, activity, rows, total, table, above=cells)
    return second + len(rows) + 1


def _platforms(out: _Book) -> None:
    data = out.data
    sheet = out.new_sheet("Platforms")
    out.title(sheet, "By platform")
    money = [
        Column("label", "Platform", "text"),
        Column("cost", LABELS["cost"], "money"),
        Column("ad_spend", LABELS["ad_spend"], "money"),
        *_money_columns(data, _MONEY_FIGURES[1:]),
        Column("previous_roi", "ROI (total), previous period", "percent"),
        Column("roas", LABELS["roas"], "ratio"),
    ]
    activity = [Column("label", "Platform", "text"), *_figure_columns(_ACTIVITY_FIGURES)]
    rows = [
        (p.label, {"label": p.label, "previous_roi": p.previous_roi, **_figure_values(p.figures)})
        for p in data.platforms
    ]
    total = {"previous_roi": data.previous.roi_total, **_figure_values(data.figures)}
    last = _two_tables(out, sheet, money, activity, rows, total, "platform")
    sheet.print_title_rows = "4:4"
    first = 5
    charted = [i for i, p in enumerate(data.platforms) if p.figures.roi_total is not None]
    if charted:
        chart = BarChart()
        chart.type = "bar"
        chart.title = "ROI (total) by platform"
        chart.y_axis.title = "ROI"
        chart.y_axis.numFmt = "0%"
        chart.y_axis.majorGridlines = None
        chart.legend = None
        roi_column = 1 + [c.key for c in money].index("roi_total")
        end = first + max(charted)
        chart.add_data(
            Reference(sheet, min_col=roi_column, min_row=first - 1, max_row=end),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=end))
        chart.dataLabels = _labels(value=True)
        for series in chart.series:
            series.graphicalProperties.solidFill = out.accent
        _show_axes(chart)
        chart.height, chart.width = 7.5, 16
        sheet.add_chart(chart, f"B{last + 3}")
    out.finish(sheet, "B5", None)


def _campaigns(out: _Book) -> None:
    data = out.data
    sheet = out.new_sheet("Campaigns")
    out.title(sheet, "By campaign")
    money = [
        Column("label", "Campaign", "text"),
        Column("client", "Client", "text"),
        *_money_columns(data, _MONEY_FIGURES),
    ]
    activity = [
        Column("label", "Campaign", "text"),
        Column("start", "Start", "date"),
        Column("end", "End", "date"),
        Column("status", "Status", "text"),
        *_figure_columns(_ACTIVITY_FIGURES),
    ]
    rows = []
    for index, c in enumerate(data.campaigns):
        campaign = c.campaign
        values: dict[str, Any] = {"label": c.label, "client": c.client, **_figure_values(c.figures)}
        if campaign is not None:
            values |= {"start": campaign.start, "end": campaign.end, "status": str(campaign.status)}
        else:
            values |= {"label": "General (not allocated to a campaign)", "status": ""}
        rows.append((f"{c.label}\x00{index}", values))
    _two_tables(out, sheet, money, activity, rows, _figure_values(data.figures), "campaign")
    out.finish(sheet, "B5", "4:4")


def _costs(out: _Book) -> None:
    data = out.data
    sheet = out.new_sheet("Costs")
    out.title(sheet, "Cost by category")
    out.header(sheet, 4, ["Category", "This period", "Previous period", "Change", "Share"])
    first = 5
    last = first + len(data.categories) - 1
    total_row = last + 1
    total_cost = sum((c.cost for c in data.categories), Decimal(0))
    total_before = sum((c.previous_cost for c in data.categories), Decimal(0))
    for offset, category in enumerate(data.categories):
        at = first + offset
        out.text(sheet, at, 1, category.category.capitalize())
        out.value(sheet, at, 2, category.cost, "money")
        out.value(sheet, at, 3, category.previous_cost, "money")
        out.value(sheet, at, 4, category.cost - category.previous_cost, "money", f"B{at}-C{at}")
        share = category.cost / total_cost if total_cost else None
        out.value(sheet, at, 5, share, "percent", f"B{at}/B${total_row}")
        out.where[("category", category.category, "cost")] = f"Costs!B{at}"
        out.where[("category", category.category, "previous_cost")] = f"Costs!C{at}"
    cells = [out.text(sheet, total_row, 1, "Total")]
    if data.categories:
        cells.append(out.value(sheet, total_row, 2, total_cost, "money", f"SUM(B{first}:B{last})"))
        cells.append(
            out.value(sheet, total_row, 3, total_before, "money", f"SUM(C{first}:C{last})")
        )
        cells.append(
            out.value(
                sheet,
                total_row,
                4,
                total_cost - total_before,
                "money",
                f"B{total_row}-C{total_row}",
            )
        )
    for cell in cells:
        cell.font = _BOLD
        cell.border = _TOTAL_BORDER
    if data.categories:
        chart = PieChart()
        chart.title = "Cost by category, this period"
        chart.add_data(
            Reference(sheet, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.dataLabels = _labels(percent=True)
        chart.height, chart.width = 8, 14
        sheet.add_chart(chart, f"A{total_row + 3}")
    out.finish(sheet, "B5", "4:4")


def _cumulative(
    out: _Book, sheet: Worksheet, at: int, first: bool, cost: Decimal, returned: Decimal
) -> None:
    """Cumulative cost, return and ROI of the period up to the month in row ``at``."""
    above = at - 1
    out.value(sheet, at, 6, cost, "money", f"B{at}" if first else f"F{above}+B{at}")
    out.value(sheet, at, 7, returned, "money", f"C{at}" if first else f"G{above}+C{at}")
    roi = (returned - cost) / cost if cost else None
    out.value(sheet, at, 8, roi, "percent", f"(G{at}-F{at})/F{at}")


#: The "Next month" sheet's figures (the Plan page's rows, ROI with its range).
_PLANNED = (
    "cost",
    "ad_spend",
    "total_return",
    "total_return_low",
    "total_return_high",
    "roi_total",
    "roi_total_low",
    "roi_total_high",
    "roas",
    "leads",
    "cpl",
)


def _next_month(out: _Book, plan: NextMonth) -> None:
    """The planner's month for the budgets asked beside the basis period's average month."""
    sheet = out.new_sheet("Next month")
    out.title(sheet, "Next month, as planned")
    money = NumberStyle(out.data.settings.currency, out.data.settings.locale).money
    budgets = ", ".join(f"{platform} {money(amount)}" for platform, amount in plan.budgets)
    lines = (
        f"Monthly advertising budgets: {budgets}.",
        f"Projected from the basis period {plan.basis[0]:%Y-%m-%d} – {plan.basis[1]:%Y-%m-%d}"
        " (per month), valued with today's valuations; paid results follow a budget as"
        f" (new ÷ basis budget) to the power {plan.exponent} (diminishing returns).",
        "A projection from your own history, not a promise: the whole workspace, every client.",
    )
    for offset, line in enumerate(lines):
        out.text(sheet, 3 + offset, 1, line, fit=False).font = _GREY
    header = 4 + len(lines)
    out.header(sheet, header, ["Figure", "As in the basis, per month", "With these budgets"])
    for offset, name in enumerate(_PLANNED, start=1):
        out.text(sheet, header + offset, 1, LABELS[name])
        for column, figures in ((2, plan.as_basis), (3, plan.planned)):
            out.value(sheet, header + offset, column, getattr(figures, name), kind_of(name))
    out.finish(sheet, f"A{header + 1}", f"{header}:{header}")


def _trend(out: _Book) -> None:
    data = out.data
    sheet = out.new_sheet("Trend")
    out.title(sheet, "Month by month")
    headers = [
        "Month",
        "Cost",
        "Total return",
        "Net return",
        "ROI (total)",
        "Cumulative cost in the period",
        "Cumulative return in the period",
        "Cumulative ROI in the period",
        "Leads",
        "CPL",
        "Impressions",
        "Link clicks",
        "CTR",
    ]
    out.header(sheet, 4, headers)
    cumulative_cost = cumulative_return = Decimal(0)
    first = 5
    period_first = first + len(data.months) - data.period_months
    for offset, month in enumerate(data.months):
        at = first + offset
        f = month.figures
        cost = f.cost or Decimal(0)
        total = f.total_return or Decimal(0)
        cumulative_cost += cost
        cumulative_return += total
        out.text(sheet, at, 1, month.key)
        out.value(sheet, at, 2, cost, "money")
        out.value(sheet, at, 3, total, "money")
        out.value(sheet, at, 4, total - cost, "money", f"C{at}-B{at}")
        out.value(sheet, at, 5, f.roi_total, "percent", f"(C{at}-B{at})/B{at}")
        if at < period_first:
            cumulative_cost = cumulative_return = Decimal(0)
            for column in (6, 7, 8):
                out.text(sheet, at, column, "", fit=False)
        else:
            _cumulative(out, sheet, at, at == period_first, cumulative_cost, cumulative_return)
        out.value(sheet, at, 9, f.leads, "count")
        out.value(sheet, at, 10, f.cpl, "money", f"B{at}/I{at}")
        out.value(sheet, at, 11, f.impressions, "count")
        out.value(sheet, at, 12, f.link_clicks, "count")
        out.value(sheet, at, 13, f.ctr, "percent", f"L{at}/K{at}")
        out.where[("month", month.key, "cost")] = f"Trend!B{at}"
        out.where[("month", month.key, "total_return")] = f"Trend!C{at}"
    last = first + len(data.months) - 1
    if data.months:
        chart = LineChart()
        chart.title = "Cost and total return per month"
        chart.y_axis.title = out.currency
        chart.y_axis.numFmt = "#,##0"
        chart.add_data(
            Reference(sheet, min_col=2, max_col=3, min_row=first - 1, max_row=last),
            titles_from_data=True,
        )
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        for series, colour in zip(chart.series, ("8C8C8C", _RETURN_COLOUR), strict=False):
            series.smooth = False
            series.graphicalProperties.line.solidFill = colour
            series.graphicalProperties.line.width = 28575  # 2.25 pt
        _show_axes(chart)
        chart.height, chart.width = 8, 20
        sheet.add_chart(chart, f"A{last + 3}")
    out.finish(sheet, "B5", "4:4")


def _wrapped_height(text: str, width: float) -> float:
    """Row height (points) for ``text`` wrapped in a column ``width`` characters wide."""
    return 15 * _wrapped_lines(text, width) + 3


#: The Definitions table: figures and highlights alike, one header repeated on every page.
DEFINITION_HEADERS = ("Figure or highlight", "What it means", "How to check it")


def _spoken_formula(name: str) -> str:
    """The formula of figure ``name`` in words: ``(Total return − Cost) / Cost``."""
    readable = re.sub(r"\{(\w+)\}", lambda m: LABELS[m.group(1)], FORMULAS.get(name, ""))
    for sign, spoken in (("*", " × "), ("/", " / "), ("+", " + "), ("-", " − ")):
        readable = readable.replace(sign, spoken)
    return " ".join(readable.split())


def _definition_row(out: _Book, sheet: Worksheet, at: int, texts: Sequence[str]) -> None:
    """One row of the Definitions table, tall enough for its longest wrapped cell."""
    lines = 1
    for column, text in enumerate(texts, start=1):
        out.text(sheet, at, column, text, fit=False).alignment = _WRAP
        lines = max(lines, _wrapped_lines(text, _DEFINITION_WIDTHS[column - 1]))
    sheet.row_dimensions[at].height = 15 * lines + 3


_DEFINITION_WIDTHS = (26.0, 62.0, 36.0)


def _definitions(out: _Book, statements: Sequence[Statement]) -> None:
    """What every figure means and how it is computed; then each highlight of the summary
    with the cells it rests on (kept off the summary a client reads first)."""
    sheet = out.new_sheet("Definitions")
    out.title(sheet, "What every number means")
    out.header(sheet, 4, DEFINITION_HEADERS)
    row = 5
    for name in _SUMMARY_FIGURES:
        _definition_row(out, sheet, row, (LABELS[name], DEFINITIONS[name], _spoken_formula(name)))
        sheet.cell(row, 1).font = _BOLD
        row += 1
    if statements:
        row += 1
        out.text(sheet, row, 1, "Where the highlights come from", fit=False).font = out.heading_font
        for number, statement in enumerate(statements, start=1):
            refs = ", ".join(out.where[ref] for ref in statement.refs if ref in out.where)
            _definition_row(out, sheet, row + number, (f"Highlight {number}", statement.text, refs))
        row += len(statements)
    row += 2
    note = (
        "Cells hold exact values; the formats show money rounded to the currency's minor unit "
        "and ratios as percentages. Reach is summed over days and platforms."
    )
    cell = out.text(sheet, row, 1, note, fit=False)
    cell.font, cell.alignment = _GREY, _WRAP
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.row_dimensions[row].height = _wrapped_height(note, sum(_DEFINITION_WIDTHS))
    out.finish(sheet, "A5", "4:4")
    for column, width in enumerate(_DEFINITION_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    out.fit_header_heights(sheet)


def build(data: ReportData) -> tuple[Workbook, dict[str, dict[str, CachedValue]]]:
    """The report workbook and the cached values of its formula cells, per sheet title."""
    out = _Book(data)
    statements = highlights(data)
    # detail sheets first so the summary's statements can name their cells; then reorder
    _platforms(out)
    _campaigns(out)
    _costs(out)
    _trend(out)
    if data.next_month is not None:
        _next_month(out, data.next_month)
    _summary(out, statements)
    _definitions(out, statements)
    book = out.book
    book.move_sheet("Summary", offset=-book.worksheets.index(book["Summary"]))
    book.active = 0
    for sheet in book.worksheets:
        sheet.sheet_view.tabSelected = sheet.title == "Summary"
    book.properties.title = f"Social media report — {data.title_name}"
    book.properties.creator = "roidesk"
    return book, dict(out.cached)
