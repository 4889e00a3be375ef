"""The client report as a designed PDF (``roidesk report … OUT.pdf``, File ▸ Report…).

Qt's own PDF writer draws it: text is laid out by ``QTextDocument`` (selectable, fonts embedded
as subsets), the cost-vs-return chart is drawn with ``QPainter`` straight into the page (vector,
sharp at any zoom). Everything is measured in CSS pixels (1/96 inch) and scaled to the writer.

Page 1 answers the client's question: business (logo, accent colour), period, the verdict
sentence, the headline figures with their change, the chart and the goals. The pages after
hold highlights, platforms, campaigns, costs, trend, all key figures and definitions; tables
split across pages repeat their header. Every page names the business and the period and
carries its number.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from roidesk.core.figures import LABELS, Figures
from roidesk.core.money import NumberStyle, compact_amounts, figure_kind
from roidesk.sheets.files import write_atomically
from roidesk.sheets.report import ReportData, ReportRequest
from roidesk.sheets.report.highlights import goal_state, highlights, kpi_label, verdict
from roidesk.sheets.report.model import gather
from roidesk.sheets.report.writer import DEFINITIONS, KEY_FIGURES, accent_hex
from roidesk.storage import Workspace

#: A4 in CSS pixels (1/96 inch), the margin around the text and the header/footer band.
PAGE = QSizeF(793.7, 1122.5)
MARGIN = 52.0
BAND = 28.0
#: Print resolution of the writer (dots per inch).
RESOLUTION = 300
#: Colours: ink, muted text, rules, cost (neutral grey) and return (green-blue: never red).
INK = "#1D1D1F"
MUTED = "#5F6368"
RULE = "#D0D4DA"
COST_COLOUR = "#9AA0A6"
RETURN_COLOUR = "#2E7D6B"
FONT = "'DejaVu Sans', 'Noto Sans', 'Liberation Sans', Arial, sans-serif"
#: The headline figures of page 1, in reading order.
HEADLINES = ("cost", "total_return", "roi_total", "net_return", "leads", "cpl")


@dataclass(frozen=True, slots=True)
class PdfReport:
    """What was written: the data and the number of pages."""

    data: ReportData
    pages: int


# ------------------------------------------------------------------------------ text
def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def period_text(start: date, end: date) -> str:
    """``1 Nov 2026 – 30 Nov 2026``, or ``November 2026`` for one whole month."""
    next_day = date.fromordinal(end.toordinal() + 1)
    if start.day == 1 and next_day.day == 1 and start.replace(day=1) == end.replace(day=1):
        return f"{start:%B %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def change_text(style: NumberStyle, name: str, now: object, before: object) -> str:
    """How a figure moved against the previous period: ``+12.30 %``, ``+4.20 pts``,
    ``+€120.00``; '' where either side is missing."""
    if now is None or before is None or name == "break_even_date":
        return ""
    now_d, before_d = Decimal(str(now)), Decimal(str(before))
    if figure_kind(name) == "percent":
        points = style.percent(now_d - before_d).replace("\u00a0%", " pts")
        return _signed(points)
    if before_d == 0:
        return ""
    return _signed(style.percent((now_d - before_d) / abs(before_d)))


def _signed(text: str) -> str:
    """``text`` with a plus where it is a rise (it carries its minus where it is a fall)."""
    if not text or text.startswith(("-", "−")) or not any(c in "123456789" for c in text):
        return text
    return f"+{text}"


def figure_text(style: NumberStyle, name: str, value: object) -> str:
    """A figure as the client reads it (``€1,234.56``, ``93.43 %``, ``2026-06-14``)."""
    if name == "break_even_date":
        return "—" if value is None else f"{value}"
    if value is None:
        return "—"
    return style.figure(name, value if isinstance(value, int) else Decimal(str(value)))


# ------------------------------------------------------------------------------ html
def _css(accent: str) -> str:
    return f"""
    body {{ font-family: {FONT}; font-size: 10pt; color: {INK}; }}
    h1 {{ font-size: 17pt; color: {accent}; margin-top: 0; margin-bottom: 6px; }}
    h2 {{ font-size: 13pt; color: {accent}; margin-top: 18px; margin-bottom: 6px; }}
    p.note {{ color: {MUTED}; font-size: 8.5pt; margin-top: 4px; }}
    table.data {{ border-collapse: collapse; }}
    table.data th {{ background-color: {_tint(accent)}; color: {INK}; font-weight: bold;
                     font-size: 8.5pt; padding: 4px; border-bottom: 1px solid {accent}; }}
    table.data td {{ font-size: 8.5pt; padding: 3px 4px; border-bottom: 1px solid {RULE}; }}
    td.num, th.num {{ text-align: right; }}
    tr.total td {{ font-weight: bold; border-top: 1px solid {INK}; }}
    li {{ margin-bottom: 4px; }}
    """


def _tint(colour: str, share: float = 0.85) -> str:
    q = QColor(colour)
    parts = (q.red(), q.green(), q.blue())
    mixed = [round(p + (255 - p) * share) for p in parts]
    return "#" + "".join(f"{p:02X}" for p in mixed)


def _cell(tag: str, text: str, numeric: bool) -> str:
    align = "right" if numeric else "left"
    return f'<{tag} class="{"num" if numeric else ""}" align="{align}">{_e(text)}</{tag}>'


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 1) -> str:
    """An HTML table whose header repeats on every page it spans; a row ``("Total", …)`` bold."""
    head = "".join(_cell("th", h, i >= numeric_from) for i, h in enumerate(headers))
    body = []
    for row in rows:
        total = bool(row) and row[0] == "Total"
        cells = "".join(_cell("td", c, i >= numeric_from) for i, c in enumerate(row))
        body.append(f'<tr class="{"total" if total else ""}">{cells}</tr>')
    return (
        '<table class="data" width="100%" cellspacing="0" cellpadding="3">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def goals_html(data: ReportData) -> str:
    """The goals of the campaigns in the report with their state in words."""
    style = NumberStyle(data.settings.currency, data.settings.locale)
    if not data.goals:
        return '<p class="note">No goals are set for the campaigns in this report.</p>'
    rows = []
    for campaign, status in data.goals:
        goal = status.goal
        name = goal.kpi if goal.kpi in LABELS else None
        rows.append(
            (
                campaign,
                kpi_label(goal.kpi),
                style.figure(name, goal.target),
                f"{goal.deadline:%Y-%m-%d}",
                style.figure(name, status.actual),
                style.percent(status.progress),
                goal_state(status),
            )
        )
    headers = ("Campaign", "Goal", "Target", "Deadline", "Now", "Progress", "Status")
    return _table(headers, rows, numeric_from=2)


def _roi_range(figures: Figures, style: NumberStyle) -> str:
    """ROI (total) with every valuation at its low and its high value (``—``: no range)."""
    low, high = figures.roi_total_low, figures.roi_total_high
    if low is None or high is None or low == high:
        return "—"
    return f"{style.percent(low)} – {style.percent(high)}"


def _with_range(data: ReportData, cells: tuple[str, ...], at: int, extra: str) -> tuple[str, ...]:
    """``cells`` with ``extra`` inserted at ``at`` when the report's ROI has a range."""
    low, high = data.figures.roi_total_low, data.figures.roi_total_high
    if low is None or high is None or low == high:
        return cells
    return (*cells[:at], extra, *cells[at:])


def _platform_cells(
    data: ReportData, style: NumberStyle, label: str, f: Figures, before: Decimal | None
) -> tuple[str, ...]:
    cells = (
        label,
        style.money(f.cost),
        style.money(f.total_return),
        style.money(f.net_return),
        style.percent(f.roi_total),
        style.percent(before),
        figure_text(style, "leads", f.leads),
        style.money(f.cpl),
    )
    return _with_range(data, cells, 5, _roi_range(f, style))


def _platforms(data: ReportData, style: NumberStyle) -> str:
    rows = [
        _platform_cells(data, style, p.label, p.figures, p.previous_roi) for p in data.platforms
    ]
    rows.append(_platform_cells(data, style, "Total", data.figures, data.previous.roi_total))
    headers = (
        "Platform",
        "Cost",
        "Total return",
        "Net return",
        "ROI (total)",
        "ROI before",
        "Leads",
        "CPL",
    )
    return _table(_with_range(data, headers, 5, "ROI range"), rows)


def _campaigns(data: ReportData, style: NumberStyle) -> str:
    rows = [
        _with_range(
            data,
            (
                c.label if c.campaign is not None else "General (not allocated to a campaign)",
                c.client,
                style.money(c.figures.cost),
                style.money(c.figures.total_return),
                style.percent(c.figures.roi_total),
                figure_text(style, "leads", c.figures.leads),
                style.money(c.figures.cpl),
            ),
            5,
            _roi_range(c.figures, style),
        )
        for c in data.campaigns
    ]
    headers = ("Campaign", "Client", "Cost", "Total return", "ROI (total)", "Leads", "CPL")
    return _table(_with_range(data, headers, 5, "ROI range"), rows, numeric_from=2)


def _costs(data: ReportData, style: NumberStyle) -> str:
    total = sum((c.cost for c in data.categories), Decimal(0))
    before = sum((c.previous_cost for c in data.categories), Decimal(0))
    rows = [
        (
            c.category.capitalize(),
            style.money(c.cost),
            style.money(c.previous_cost),
            _signed(style.money(c.cost - c.previous_cost)),
            style.percent(c.cost / total if total else None),
        )
        for c in data.categories
    ]
    rows.append(
        ("Total", style.money(total), style.money(before), _signed(style.money(total - before)), "")
    )
    return _table(("Category", "This period", "Previous period", "Change", "Share"), rows)


def _trend(data: ReportData, style: NumberStyle) -> str:
    rows = []
    cost = returned = Decimal(0)
    first_in_period = len(data.months) - data.period_months
    for index, month in enumerate(data.months):
        f = month.figures
        cumulative = ""
        if index >= first_in_period:
            cost += f.cost or 0
            returned += f.total_return or 0
            cumulative = style.percent((returned - cost) / cost if cost else None)
        rows.append(
            (
                month.key,
                style.money(f.cost),
                style.money(f.total_return),
                style.percent(f.roi_total),
                cumulative,
                figure_text(style, "leads", f.leads),
            )
        )
    headers = ("Month", "Cost", "Total return", "ROI (total)", "ROI of the period so far", "Leads")
    return _table(headers, rows)


def _key_figures(data: ReportData, style: NumberStyle) -> str:
    rows = []
    for name in KEY_FIGURES:
        now, before = getattr(data.figures, name), getattr(data.previous, name)
        if now is None and before is None:
            continue
        rows.append(
            (
                LABELS[name],
                figure_text(style, name, now),
                figure_text(style, name, before),
                change_text(style, name, now, before),
            )
        )
    return _table(("Figure", "This period", "Previous period", "Change"), rows)


def _definitions() -> str:
    rows = "".join(
        f"<tr><td width='28%'><b>{_e(LABELS[name])}</b></td><td>{_e(text)}</td></tr>"
        for name, text in DEFINITIONS.items()
    )
    return (
        '<table class="data" width="100%" cellspacing="0" cellpadding="3">'
        f"<thead><tr><th align='left'>Figure</th><th align='left'>What it means</th></tr>"
        f"</thead><tbody>{rows}</tbody></table>"
    )


def detail_html(data: ReportData, goals_on_first_page: bool) -> str:
    """The pages after the first: highlights, tables and definitions."""
    style = NumberStyle(data.settings.currency, data.settings.locale)
    accent = "#" + accent_hex(data.settings.accent_colour)
    parts = [f"<html><head><style>{_css(accent)}</style></head><body>"]
    parts.append("<h1>Highlights and recommendations</h1><ul>")
    parts.extend(f"<li>{_e(s.text)}</li>" for s in highlights(data))
    parts.append("</ul>")
    if not goals_on_first_page:
        parts.append(f"<h2>Goals</h2>{goals_html(data)}")
    sections: list[tuple[str, str]] = [
        ("Platforms", _platforms(data, style)),
        ("Campaigns", _campaigns(data, style)),
        ("Costs by category", _costs(data, style)),
        ("Month by month", _trend(data, style)),
        ("All key figures", _key_figures(data, style)),
    ]
    if data.other_by_kind:
        kinds = [(kind, style.money(amount)) for kind, amount in data.other_by_kind]
        total = sum((amount for _, amount in data.other_by_kind), Decimal(0))
        kinds.append(("Total", style.money(total)))
        sections.append(("Other returns by kind", _table(("Kind", "This period"), kinds)))
    for title, table in sections:
        parts.append(f"<h2>{_e(title)}</h2>{table}")
    if data.figures.paid_equivalent is not None:
        parts.append(
            '<p class="note">The paid-equivalent value is what the organic link clicks would '
            "have cost as ads; it is shown beside the returns and never added to them.</p>"
        )
    parts.append(f"<h2>What every number means</h2>{_definitions()}")
    parts.append("</body></html>")
    return "".join(parts)


# ------------------------------------------------------------------------------ drawing
def _font(pixels: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(["DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial"])
    font.setPixelSize(max(1, round(pixels)))
    font.setBold(bold)
    return font


def _document(markup: str, width: float) -> QTextDocument:
    document = QTextDocument()
    document.setDocumentMargin(0)
    document.setDefaultFont(_font(13))
    document.setHtml(markup)
    document.setTextWidth(width)
    return document


def _draw_document(painter: QPainter, document: QTextDocument, top_left: QPointF) -> float:
    """Draw ``document`` at ``top_left``; returns its height."""
    painter.save()
    painter.translate(top_left)
    document.drawContents(painter)
    painter.restore()
    return float(document.size().height())


def _draw_page_frame(
    painter: QPainter, data: ReportData, page: int, pages: int, accent: str
) -> None:
    """Business and period at the top, page number at the bottom of every page."""
    width = PAGE.width() - 2 * MARGIN
    painter.setPen(QColor(MUTED))
    painter.setFont(_font(10))
    top = QRectF(MARGIN, MARGIN - BAND, width, BAND - 8)
    bottom = QRectF(MARGIN, PAGE.height() - MARGIN + 8, width, BAND - 8)
    align_bottom = Qt.AlignmentFlag.AlignBottom
    if page > 1:
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | align_bottom, data.title_name)
        painter.drawText(
            top,
            Qt.AlignmentFlag.AlignRight | align_bottom,
            f"Social media report · {period_text(data.request.start, data.request.end)}",
        )
        painter.setPen(QPen(QColor(accent), 1.2))
        painter.drawLine(QPointF(MARGIN, MARGIN - 6), QPointF(MARGIN + width, MARGIN - 6))
        painter.setPen(QColor(MUTED))
    align_top = Qt.AlignmentFlag.AlignTop
    painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | align_top, data.title_name)
    painter.drawText(bottom, Qt.AlignmentFlag.AlignHCenter | align_top, f"Page {page} of {pages}")
    painter.drawText(
        bottom,
        Qt.AlignmentFlag.AlignRight | align_top,
        period_text(data.request.start, data.request.end),
    )


def _draw_title_band(painter: QPainter, data: ReportData, accent: str) -> float:
    """The accent band of page 1 with business, period and logo; returns its bottom."""
    band = QRectF(0, 0, PAGE.width(), 150)
    painter.fillRect(band, QColor(accent))
    logo = QImage(data.settings.logo) if data.settings.logo else QImage()
    text_right = PAGE.width() - MARGIN
    if not logo.isNull():
        box = QRectF(PAGE.width() - MARGIN - 150, 34, 150, 86)
        painter.fillRect(box, QColor("white"))
        scaled = QSizeF(logo.size()).scaled(
            box.size() - QSizeF(16, 16), Qt.AspectRatioMode.KeepAspectRatio
        )
        target = QRectF(
            box.center().x() - scaled.width() / 2,
            box.center().y() - scaled.height() / 2,
            scaled.width(),
            scaled.height(),
        )
        painter.drawImage(target, logo)
        text_right = box.left() - 16
    painter.setPen(QColor("white"))
    painter.setFont(_font(13))
    painter.drawText(QRectF(MARGIN, 34, text_right - MARGIN, 20), "Social media report")
    painter.setFont(_font(30, bold=True))
    painter.drawText(
        QRectF(MARGIN, 56, text_right - MARGIN, 42),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        data.title_name,
    )
    painter.setFont(_font(14))
    painter.drawText(
        QRectF(MARGIN, 100, text_right - MARGIN, 22),
        f"{period_text(data.request.start, data.request.end)}"
        f" · compared with {period_text(data.previous_start, data.previous_end)}",
    )
    return band.bottom()


def _draw_headlines(
    painter: QPainter, data: ReportData, style: NumberStyle, top: float, accent: str
) -> float:
    """Six tiles: the figure, its name and how it moved; returns the bottom."""
    width = PAGE.width() - 2 * MARGIN
    gap = 12.0
    tile_w = (width - 2 * gap) / 3
    tile_h = 78.0
    for index, name in enumerate(HEADLINES):
        row, column = divmod(index, 3)
        rect = QRectF(MARGIN + column * (tile_w + gap), top + row * (tile_h + gap), tile_w, tile_h)
        painter.fillRect(rect, QColor(_tint(accent, 0.92)))
        painter.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), QColor(accent))
        inner = rect.adjusted(14, 8, -8, -6)
        now, before = getattr(data.figures, name), getattr(data.previous, name)
        painter.setPen(QColor(MUTED))
        painter.setFont(_font(11))
        painter.drawText(QRectF(inner.left(), inner.top(), inner.width(), 16), LABELS[name])
        painter.setPen(QColor(INK))
        painter.setFont(_font(22, bold=True))
        painter.drawText(
            QRectF(inner.left(), inner.top() + 17, inner.width(), 30),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            figure_text(style, name, now),
        )
        painter.setPen(QColor(MUTED))
        painter.setFont(_font(10.5))
        painter.drawText(
            QRectF(inner.left(), inner.top() + 48, inner.width(), 16),
            _tile_note(data, style, name, now, before),
        )
    return top + 2 * tile_h + gap


def _tile_note(data: ReportData, style: NumberStyle, name: str, now: object, before: object) -> str:
    low, high = data.figures.roi_total_low, data.figures.roi_total_high
    if name == "roi_total" and low is not None and high is not None and low != high:
        return f"range {style.percent(low)} to {style.percent(high)}"
    if before is None:
        return "no figure for the previous period"
    change = change_text(style, name, now, before)
    if not change or now == before:
        return f"previous period: {figure_text(style, name, before)}"
    return f"{change} vs previous period"


def _draw_chart(
    painter: QPainter, data: ReportData, style: NumberStyle, rect: QRectF, accent: str
) -> None:
    """Cost (grey) and total return (green-blue) per month as paired bars, the report's
    months shaded."""
    months = data.months
    painter.setPen(QColor(INK))
    painter.setFont(_font(13, bold=True))
    painter.drawText(QRectF(rect.left(), rect.top(), rect.width(), 20), "Cost and return per month")
    legend_y = rect.top() + 4
    x = rect.right()
    painter.setFont(_font(10.5))
    for label, colour in (("Total return", RETURN_COLOUR), ("Cost", COST_COLOUR))[::1]:
        text_w = painter.fontMetrics().horizontalAdvance(label)
        x -= text_w
        painter.setPen(QColor(MUTED))
        painter.drawText(QPointF(x, legend_y + 11), label)
        x -= 16
        painter.fillRect(QRectF(x, legend_y + 2, 10, 10), QColor(colour))
        x -= 18
    plot = rect.adjusted(58, 30, -4, -32)
    values = [float(m.figures.cost or 0) for m in months] + [
        float(m.figures.total_return or 0) for m in months
    ]
    if not any(values):
        painter.setPen(QColor(MUTED))
        painter.setFont(_font(12))
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No costs or returns in these months.")
        return
    top_value, divisions = _nice_top(max([*values, 1.0]))
    ticks = [top_value * i / divisions for i in range(divisions + 1)]
    labels = compact_amounts(ticks, top_value / divisions, style.decimal_comma)
    painter.setFont(_font(10))
    for tick, label in zip(ticks, labels, strict=True):
        y = plot.bottom() - plot.height() * tick / top_value
        painter.setPen(QPen(QColor(RULE), 0.6))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(QColor(MUTED))
        painter.drawText(
            QRectF(rect.left(), y - 8, 52, 16),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            label,
        )
    slot = plot.width() / len(months)
    bar = min(slot * 0.32, 22.0)
    first_in_period = len(months) - data.period_months
    if data.period_months:
        shade = QRectF(
            plot.left() + first_in_period * slot,
            plot.top(),
            slot * data.period_months,
            plot.height(),
        )
        painter.fillRect(shade, QColor(_tint(accent, 0.9)))
    for index, month in enumerate(months):
        centre = plot.left() + slot * (index + 0.5)
        for offset, value, colour in (
            (-bar, month.figures.cost or 0, COST_COLOUR),
            (0.0, month.figures.total_return or 0, RETURN_COLOUR),
        ):
            height = plot.height() * float(value) / top_value
            painter.fillRect(
                QRectF(centre + offset, plot.bottom() - height, bar, height), QColor(colour)
            )
        painter.setPen(QColor(MUTED))
        painter.drawText(
            QRectF(centre - slot / 2, plot.bottom() + 4, slot, 30),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            _month_label(month.key, len(months)),
        )
    painter.setPen(QPen(QColor(INK), 0.8))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())


def _month_label(key: str, count: int) -> str:
    """``Nov 26`` under a month's bars (``11/26`` where twelve months share the width)."""
    year, month = key.split("-")[:2]
    day = date(int(year), int(month), 1)
    return f"{day:%b}\n{day:%y}" if count <= 12 else f"{day:%m/%y}"


def _nice_top(value: float) -> tuple[float, int]:
    """A round top for the axis at least ``value`` (1, 2, 4, 5, 6 or 8 × 10ⁿ) and how many
    equal steps divide it into round ticks."""
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step, divisions in ((1, 5), (2, 4), (4, 4), (5, 5), (6, 3), (8, 4), (10, 5)):
        if step * magnitude >= value:
            return float(step * magnitude), divisions
    return 10.0 * magnitude, 5


# ------------------------------------------------------------------------------ pages
def _first_page(painter: QPainter, data: ReportData, accent: str) -> bool:
    """Draw page 1; returns whether the goals fitted on it."""
    style = NumberStyle(data.settings.currency, data.settings.locale)
    width = PAGE.width() - 2 * MARGIN
    y = _draw_title_band(painter, data, accent) + 26
    answer = _document(
        f'<div style="font-family:{FONT}; font-size:15pt; color:{accent}; font-weight:bold">'
        f"{_e(verdict(data))}</div>",
        width,
    )
    y += _draw_document(painter, answer, QPointF(MARGIN, y)) + 18
    y = _draw_headlines(painter, data, style, y, accent) + 10
    if data.figures.paid_equivalent is not None:
        note = _document(
            f'<p style="color:{MUTED}; font-size:8.5pt">Organic link clicks were worth '
            f"{_e(style.money(data.figures.paid_equivalent))} as ads (paid-equivalent value, "
            "beside the returns, not added to them).</p>",
            width,
        )
        y += _draw_document(painter, note, QPointF(MARGIN, y))
    chart = QRectF(MARGIN, y + 8, width, 250)
    _draw_chart(painter, data, style, chart, accent)
    y = chart.bottom() + 22
    goals = _document(
        f"<html><head><style>{_css(accent)}</style></head><body>"
        f"<h2 style='margin-top:0'>Goals</h2>{goals_html(data)}</body></html>",
        width,
    )
    if y + goals.size().height() > PAGE.height() - MARGIN:
        return False
    _draw_document(painter, goals, QPointF(MARGIN, y))
    return True


def _paint(writer: QPdfWriter, data: ReportData) -> int:
    """Draw every page on ``writer``; returns how many there are."""
    accent = "#" + accent_hex(data.settings.accent_colour)
    width = PAGE.width() - 2 * MARGIN
    height = PAGE.height() - 2 * MARGIN
    painter = QPainter(writer)
    try:
        scale = writer.resolution() / 96
        painter.scale(scale, scale)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # the first page's goals decide what the detail pages hold: lay out page 1 on a probe
        probe = QImage(1, 1, QImage.Format.Format_ARGB32)
        probe_painter = QPainter(probe)
        goals_fit = _first_page(probe_painter, data, accent)
        probe_painter.end()
        detail = _document(detail_html(data, goals_fit), width)
        detail.setPageSize(QSizeF(width, height))
        pages = 1 + detail.pageCount()
        _first_page(painter, data, accent)
        _draw_page_frame(painter, data, 1, pages, accent)
        for index in range(detail.pageCount()):
            writer.newPage()
            painter.save()
            painter.translate(MARGIN, MARGIN - index * height)
            clip = QRectF(0, index * height, width, height)
            painter.setClipRect(clip)
            detail.drawContents(painter, clip)
            painter.restore()
            _draw_page_frame(painter, data, index + 2, pages, accent)
    finally:
        painter.end()
    return pages


def _writer(path: Path, data: ReportData) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    writer.setTitle(f"Social media report — {data.title_name}")
    writer.setCreator("roidesk")
    return writer


def ensure_gui() -> None:
    """A ``QGuiApplication`` for the writer where none runs (the command line: offscreen)."""
    if QGuiApplication.instance() is None:
        QGuiApplication(["roidesk", "-platform", "offscreen"])


def write_pdf(data: ReportData, out: str | Path) -> int:
    """Write the report of ``data`` to ``out`` (replaced only once complete); returns pages."""
    ensure_gui()
    pages = 0

    def write(temporary: Path) -> None:
        nonlocal pages
        writer = _writer(temporary, data)
        pages = _paint(writer, data)
        del writer  # flushes and closes the file

    write_atomically(Path(out), write)
    return pages


def write_report_pdf(
    workspace: Workspace, out: str | Path, request: ReportRequest, today: date | None = None
) -> PdfReport:
    """Gather the report for ``request`` and write it as a PDF to ``out``."""
    data = gather(workspace, request, today)
    return PdfReport(data, write_pdf(data, out))
