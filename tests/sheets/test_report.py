"""The client report workbook: sheets, figures equal to `roidesk summary --json`, formulas with
correct cached values, charts on the right ranges, user text never a formula, LibreOffice."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from openpyxl import load_workbook

from roidesk.core.figures import LABELS
from roidesk.core.money import round_money, round_ratio
from roidesk.core.problems import InputError
from roidesk.core.records import Campaign, Cost, CostCategory, Result
from roidesk.sheets.report import (
    ReportRequest,
    last_full_month,
    request_from_args,
    sheet_title,
    write_report,
)
from roidesk.storage import Workspace
from roidesk.storage.demo import write_demo

JUNE = (date(2026, 6, 1), date(2026, 6, 30))
TODAY = date(2026, 11, 23)
SHEETS = ["Summary", "Platforms", "Campaigns", "Costs", "Trend", "Definitions"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, written once for the module."""
    path = tmp_path_factory.mktemp("demo") / "demo.roidesk"
    write_demo(path, TODAY)
    return path


@pytest.fixture(scope="module")
def june_report(demo: Path) -> Path:
    """The demo workspace's report for June 2026, all clients."""
    out = demo.parent / "june.xlsx"
    with Workspace.open(demo) as workspace:
        write_report(workspace, out, ReportRequest(*JUNE), today=TODAY)
    return out


def _summary_json(path: Path, *options: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "roidesk", "summary", str(path), *options, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


def _figure_rows(sheet: Any) -> dict[str, int]:
    """Figure name → row of the Summary's key-figures table."""
    by_label = {label: name for name, label in LABELS.items()}
    header = next(
        row for row in range(1, sheet.max_row + 1) if sheet.cell(row, 1).value == "Figure"
    )
    out = {}
    row = header + 1
    while sheet.cell(row, 1).value in by_label:
        out[by_label[sheet.cell(row, 1).value]] = row
        row += 1
    return out


def _as_json(value: Any, name: str, currency: str) -> Any:
    """A report cell as `summary --json` writes the figure."""
    if value == "—":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if name in ("impressions", "reach", "engagements", "followers_gained", "link_clicks"):
        return int(value)
    if name in ("sessions", "leads", "conversions", "new_customers"):
        return int(value)
    exact = Decimal(repr(value))
    from roidesk.core.money import MONEY_FIELDS

    if name in MONEY_FIELDS:
        return str(round_money(exact, currency))
    return str(round_ratio(exact))


def _check_figures(report: Path, column: int, expected: dict[str, Any]) -> None:
    sheet = load_workbook(report, data_only=True)["Summary"]
    rows = _figure_rows(sheet)
    assert set(rows) == set(LABELS)
    for name, row in rows.items():
        got = _as_json(sheet.cell(row, column).value, name, expected["currency"])
        assert got == expected[name], name


def test_sheets_present(june_report: Path) -> None:
    """The report has the summary, the detail sheets and the definitions, summary first."""
    book = load_workbook(june_report)
    assert book.sheetnames == SHEETS
    assert book.active.title == "Summary"


def test_every_figure_equals_summary_json(demo: Path, june_report: Path) -> None:
    """Each figure of this and the previous period equals `roidesk summary --json` (cached)."""
    now = _summary_json(demo, "--from", "2026-06-01", "--to", "2026-06-30")
    before = _summary_json(demo, "--from", "2026-05-01", "--to", "2026-05-31")
    _check_figures(june_report, 2, now)
    _check_figures(june_report, 3, before)


def test_client_report_equals_summary_json(demo: Path, tmp_path: Path) -> None:
    """A report for one client shows that client's name and figures."""
    with Workspace.open(demo) as workspace:
        client = workspace.clients()[1]
        out = tmp_path / "client.xlsx"
        write_report(workspace, out, ReportRequest(*JUNE, client_id=client.id), today=TODAY)
    expected = _summary_json(
        demo, "--from", "2026-06-01", "--to", "2026-06-30", "--client", client.name
    )
    _check_figures(out, 2, expected)
    assert client.name in load_workbook(out)["Summary"]["A1"].value


def test_platform_rows_equal_summary_by_platform(demo: Path, june_report: Path) -> None:
    """The Platforms sheet's cost, total return and ROI with its range per platform equal
    `--by platform` (the demo's valuations have low and high values)."""
    rows = _summary_json(demo, "--from", "2026-06-01", "--to", "2026-06-30", "--by", "platform")
    sheet = load_workbook(june_report, data_only=True)["Platforms"]
    headers = [cell.value for cell in sheet[4]]
    found = {sheet.cell(r, 1).value: r for r in range(5, 5 + len(rows["rows"]))}
    for row in rows["rows"]:
        at = found[row["key"]]
        for name in ("cost", "total_return", "roi_total", "roi_total_low", "roi_total_high"):
            value = sheet.cell(at, headers.index(LABELS[name]) + 1).value
            assert _as_json(value, name, "EUR") == row[name], (row["key"], name)
    top = next(r for r in range(6, sheet.max_row) if sheet.cell(r, 1).value == "Platform")
    activity = [cell.value for cell in sheet[top]]
    found = {sheet.cell(r, 1).value: r for r in range(top + 1, top + 1 + len(rows["rows"]))}
    for row in rows["rows"]:
        for name in ("leads", "cpl", "ctr"):
            value = sheet.cell(found[row["key"]], activity.index(LABELS[name]) + 1).value
            assert _as_json(value, name, "EUR") == row[name], (row["key"], name)


# ---------------------------------------------------------------- formulas and cached values
_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]+)")


def _evaluate(formula: str, values: Any) -> float:
    """Evaluate our formulas (arithmetic, SUM of a column range, ABS) over cached values."""

    def cell(letters: str, row: str) -> float:
        value = values[f"{letters}{row}"].value
        assert isinstance(value, int | float), (letters, row, value)
        return float(value)

    def total(match: re.Match[str]) -> str:
        (c1, r1), (_, r2) = _REF.findall(match.group(1))
        return repr(sum(cell(c1, str(r)) for r in range(int(r1), int(r2) + 1)))

    text = re.sub(r"SUM\(([^)]*)\)", total, formula.lstrip("="))
    text = text.replace("ABS(", "abs(")
    text = _REF.sub(lambda m: repr(cell(m.group(1), m.group(2))), text)
    assert re.fullmatch(r"[-+*/(). 0-9eabs]*", text), text
    return float(eval(text))


def test_every_formula_has_its_correct_cached_value(june_report: Path) -> None:
    """Each formula cell carries a cached value equal to the formula over the cells it names."""
    formulas = load_workbook(june_report)
    cached = load_workbook(june_report, data_only=True)
    checked = 0
    for sheet in formulas:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                value = cached[sheet.title][cell.coordinate].value
                assert isinstance(value, int | float), (sheet.title, cell.coordinate)
                expected = _evaluate(cell.value, cached[sheet.title])
                assert value == pytest.approx(expected, rel=1e-9, abs=1e-9), cell.coordinate
                checked += 1
    assert checked > 200


def test_roi_is_a_formula_over_cost_and_return(june_report: Path) -> None:
    """The reader can check ROI (total): it is (total return − cost) / cost of the cells above."""
    sheet = load_workbook(june_report)["Summary"]
    rows = _figure_rows(sheet)
    roi = sheet.cell(rows["roi_total"], 2).value
    assert roi == f"=(B{rows['total_return']}-B{rows['cost']})/B{rows['cost']}"


def test_hand_computed_workspace(workspace: Workspace, tmp_path: Path) -> None:
    """Cost 100 and revenue 250 in March: ROI 150 %, net 150, CPL 100/4 = 25 on every sheet."""
    campaign = workspace.add_campaign(
        Campaign("Spring", date(2025, 3, 1), date(2025, 3, 31), platforms=("Facebook",))
    )
    workspace.add_cost(
        Cost(
            date(2025, 3, 10),
            CostCategory.ADVERTISING,
            Decimal(100),
            campaign_id=campaign.id,
            platform="Facebook",
        )
    )
    workspace.add_results(
        [Result(date(2025, 3, 12), "Facebook", campaign.id, leads=4, revenue=Decimal(250))]
    )
    out = tmp_path / "march.xlsx"
    write_report(workspace, out, ReportRequest(date(2025, 3, 1), date(2025, 3, 31)), TODAY)
    book = load_workbook(out, data_only=True)
    summary = book["Summary"]
    rows = _figure_rows(summary)
    assert summary.cell(rows["cost"], 2).value == 100
    assert summary.cell(rows["net_return"], 2).value == 150
    assert summary.cell(rows["roi_total"], 2).value == 1.5
    assert summary.cell(rows["cpl"], 2).value == 25
    assert summary.cell(rows["roi_total"], 3).value == "—"  # February: no cost, no ROI
    platforms = book["Platforms"]
    headers = [cell.value for cell in platforms[4]]
    assert platforms.cell(5, 1).value == "Facebook"
    assert platforms.cell(5, headers.index("ROI (total)") + 1).value == 1.5
    costs = book["Costs"]
    assert [costs.cell(5, c).value for c in range(1, 6)] == ["Advertising", 100, 0, 100, 1]
    texts = [summary.cell(r, 1).value or "" for r in range(6, 12)]
    assert any(t.startswith("• Facebook cost €100.00 but none of its results") for t in texts)


def test_money_and_percent_formats(june_report: Path) -> None:
    """Money is shown in the workspace currency, ratios as percentages."""
    sheet = load_workbook(june_report)["Summary"]
    rows = _figure_rows(sheet)
    assert sheet.cell(rows["cost"], 2).number_format == '"€"#,##0.00;-"€"#,##0.00'
    assert sheet.cell(rows["roi_total"], 2).number_format == "0.00%"
    assert sheet.cell(rows["impressions"], 2).number_format == "#,##0"


def test_print_setup_and_frozen_headers(june_report: Path) -> None:
    """Every sheet prints landscape, fit to one page wide, numbered; headers stay in view."""
    book = load_workbook(june_report)
    for sheet in book:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert "&P" in sheet.oddFooter.center.text
        assert sheet.freeze_panes is not None
    assert book["Platforms"].freeze_panes == "B5"
    assert book["Platforms"].column_dimensions["A"].width >= len("Google Ads")


# ---------------------------------------------------------------- charts
def _series_refs(chart: Any) -> list[tuple[str, str]]:
    out = []
    for series in chart.series:
        categories = series.cat.strRef or series.cat.numRef
        out.append((series.val.numRef.f, categories.f))
    return out


def test_charts_point_at_the_right_ranges(june_report: Path) -> None:
    """Cost vs return per month, ROI by platform and cost by category chart their tables."""
    book = load_workbook(june_report)
    trend = book["Trend"]._charts
    assert len(trend) == 1
    months = book["Trend"]
    last = 4 + sum(1 for r in range(5, months.max_row + 1) if months.cell(r, 1).value)
    assert months.cell(last, 1).value == "2026-06"
    assert _series_refs(trend[0]) == [
        (f"'Trend'!$B$5:$B${last}", f"'Trend'!$A$5:$A${last}"),
        (f"'Trend'!$C$5:$C${last}", f"'Trend'!$A$5:$A${last}"),
    ]
    assert all(series.smooth is False for series in trend[0].series)

    platforms = book["Platforms"]
    roi_column = "ABCDEFGHIJ"[[c.value for c in platforms[4]].index("ROI (total)")]
    (chart,) = platforms._charts
    names = [platforms.cell(r, 1).value for r in range(5, 10)]
    assert names == ["Facebook", "Google Ads", "Instagram", "LinkedIn", "TikTok"]
    assert _series_refs(chart) == [
        (f"'Platforms'!${roi_column}$5:${roi_column}$9", "'Platforms'!$A$5:$A$9")
    ]

    costs = book["Costs"]
    (pie,) = costs._charts
    count = sum(1 for r in range(5, 20) if costs.cell(r, 1).value not in (None, "Total"))
    end = 4 + count
    assert _series_refs(pie) == [(f"'Costs'!$B$5:$B${end}", f"'Costs'!$A$5:$A${end}")]


# ---------------------------------------------------------------- highlights
def test_highlights_name_cells_that_exist(june_report: Path) -> None:
    """Each highlight is cited on Definitions with cells holding the numbers it rests on, and
    the first page a client reads carries no cell addresses."""
    book = load_workbook(june_report, data_only=True)
    summary = book["Summary"]
    shown = [
        summary.cell(r, 1).value
        for r in range(6, 30)
        if str(summary.cell(r, 1).value or "").startswith("• ")
    ]
    assert not any(summary.cell(r, 6).value for r in range(1, 30))
    definitions = book["Definitions"]
    heading = next(
        r
        for r in range(1, definitions.max_row + 1)
        if definitions.cell(r, 1).value == "Where the highlights come from"
    )
    statements = [
        (definitions.cell(r, 2).value, definitions.cell(r, 3).value)
        for r in range(heading + 1, definitions.max_row + 1)
        if str(definitions.cell(r, 1).value or "").startswith("Highlight ")
    ]
    assert [f"• {text}" for text, _ in statements] == shown
    assert len(statements) >= 4
    assert any("Best platform by ROI: Facebook" in text for text, _ in statements)
    assert any("Cost per lead fell" in text for text, _ in statements)
    for text, refs in statements:
        assert refs, text
        for ref in refs.split(", "):
            sheet_name, _, cell = ref.rpartition("!")
            value = book[sheet_name][cell].value
            assert isinstance(value, int | float), (text, ref, value)


# ---------------------------------------------------------------- safety
def test_campaign_named_like_a_formula_stays_text(workspace: Workspace, tmp_path: Path) -> None:
    """A campaign named `=HYPERLINK(...)` and a platform `+cmd` are written as text."""
    hostile = '=HYPERLINK("http://x","y")'
    campaign = workspace.add_campaign(Campaign(hostile, date(2025, 3, 1), date(2025, 3, 31)))
    workspace.add_cost(
        Cost(
            date(2025, 3, 2),
            CostCategory.ADVERTISING,
            Decimal(10),
            campaign_id=campaign.id,
            platform="+cmd",
        )
    )
    out = tmp_path / "hostile.xlsx"
    write_report(workspace, out, ReportRequest(date(2025, 3, 1), date(2025, 3, 31)), TODAY)
    sheet = load_workbook(out)["Campaigns"]
    cell = sheet["A5"]
    assert cell.value == hostile
    assert cell.data_type == "s"
    assert load_workbook(out)["Platforms"]["A5"].value == "+cmd"
    with zipfile.ZipFile(out) as package:
        xml = "".join(
            package.read(name).decode() for name in package.namelist() if "worksheets/" in name
        )
    assert "<f>HYPERLINK" not in xml and "<f>cmd" not in xml


def test_sheet_titles_are_valid_and_unique() -> None:
    """Sheet names lose []:*?/\\, stay within 31 characters and never collide."""
    assert sheet_title("Q1: a/b [draft]?", []) == "Q1 a b draft"
    long = "Spring campaign for the flower shop, weddings"
    first = sheet_title(long, [])
    second = sheet_title(long, [first])
    third = sheet_title(long.upper(), [first, second])
    assert max(len(first), len(second), len(third)) <= 31
    assert len({first.casefold(), second.casefold(), third.casefold()}) == 3
    assert second.endswith(" (2)") and third.endswith(" (3)")
    assert sheet_title("", []) == "Sheet"


# ---------------------------------------------------------------- period and arguments
def test_last_full_month() -> None:
    """The default period is the calendar month before today's, across a year's turn."""
    assert last_full_month(date(2026, 3, 15)) == (date(2026, 2, 1), date(2026, 2, 28))
    assert last_full_month(date(2026, 1, 1)) == (date(2025, 12, 1), date(2025, 12, 31))


def test_request_from_args(workspace: Workspace) -> None:
    """Missing dates default to the last full month; an unknown client is a clear error."""
    args = SimpleNamespace(start=None, end=None, client=None)
    assert request_from_args(workspace, args, date(2026, 3, 15)) == ReportRequest(
        date(2026, 2, 1), date(2026, 2, 28)
    )
    with pytest.raises(InputError, match="no client named 'Nobody'"):
        request_from_args(workspace, SimpleNamespace(start=None, end=None, client="Nobody"))


def test_cli_report_writes_the_workbook(demo: Path, tmp_path: Path) -> None:
    """`roidesk report PATH OUT --from --to --client` writes the report and says so."""
    out = tmp_path / "cli.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "roidesk",
            "report",
            str(demo),
            str(out),
            "--from",
            "2026-05-01",
            "--to",
            "2026-05-31",
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert load_workbook(out).sheetnames == SHEETS


# ---------------------------------------------------------------- LibreOffice
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _soffice(profile: Path, *args: str) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=300,
    )


def _spoil_cached_values(source: Path, target: Path) -> None:
    """A copy whose formula cells all cache 12345: only a real recalculation restores them."""
    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w") as out:
        for item in package.infolist():
            data = package.read(item.filename)
            if "worksheets/sheet" in item.filename:
                data = re.sub(rb"(</f>)<v>[^<]*</v>", rb"\1<v>12345</v>", data)
            out.writestr(item, data)


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_prints_and_recalculates(june_report: Path, tmp_path: Path) -> None:
    """LibreOffice prints the report to PDF, and its recalculated formulas equal the engine's."""
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS)
    _soffice(profile, "--convert-to", "pdf", "--outdir", str(tmp_path), str(june_report))
    assert (tmp_path / "june.pdf").read_bytes().startswith(b"%PDF")

    spoiled = tmp_path / "spoiled.xlsx"
    _spoil_cached_values(june_report, spoiled)
    recalculated_dir = tmp_path / "recalculated"
    _soffice(
        profile,
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        str(recalculated_dir),
        str(spoiled),
    )
    ours = load_workbook(june_report, data_only=True)
    theirs = load_workbook(recalculated_dir / "spoiled.xlsx", data_only=True)
    formulas = load_workbook(june_report)
    checked = 0
    for sheet in formulas:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                engine = ours[sheet.title][cell.coordinate].value
                office = theirs[sheet.title][cell.coordinate].value
                assert office == pytest.approx(engine, rel=1e-9, abs=1e-9), (
                    sheet.title,
                    cell.coordinate,
                )
                checked += 1
    assert checked > 200
    rows = _figure_rows(theirs["Summary"])
    now = _summary_json(
        june_report.parent / "demo.roidesk", "--from", "2026-06-01", "--to", "2026-06-30"
    )
    for name in ("total_return", "net_return", "roi_total", "roi_direct", "cpl", "ctr"):
        value = theirs["Summary"].cell(rows[name], 2).value
        assert _as_json(value, name, "EUR") == now[name], name


def test_highlights_write_percentages_in_the_workspace_s_decimal_mark(
    demo: Path, tmp_path: Path
) -> None:
    """A workspace that writes ``1 234,56`` (its locale setting) gets ``48,47 %`` in its
    client's sentences, as its money, not ``48.47 %``."""
    from dataclasses import replace

    copy = tmp_path / "pl.roidesk"
    shutil.copy(demo, copy)
    out = tmp_path / "june-pl.xlsx"
    with Workspace.open(copy) as workspace:
        workspace.save_settings(replace(workspace.settings(), locale="pl_PL"))
        write_report(workspace, out, ReportRequest(*JUNE), today=TODAY)
    summary = load_workbook(out)["Summary"]
    sentences = " ".join(
        str(summary.cell(r, 1).value)
        for r in range(6, 30)
        if str(summary.cell(r, 1).value or "").startswith("• ")
    )
    assert re.search(r"\d,\d\d\u00a0%", sentences), sentences
    assert not re.search(r"\d\.\d\d\u00a0%", sentences), sentences
    assert re.search(r"€\d+( \d{3})*,\d\d|\d,\d\d\u00a0€", sentences), sentences


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_report_is_written_with_the_umask_and_leaves_nothing_beside_it(
    demo: Path, tmp_path: Path
) -> None:
    """A report replaces the earlier one whole, is readable as any new file of the user is
    (it was 0600), and leaves no temporary file in the folder."""
    import os

    out = tmp_path / "june.xlsx"
    out.write_bytes(b"last month's report")
    previous = os.umask(0o022)
    try:
        with Workspace.open(demo) as workspace:
            write_report(workspace, out, ReportRequest(*JUNE), today=TODAY)
    finally:
        os.umask(previous)
    assert list(tmp_path.iterdir()) == [out]
    assert out.stat().st_mode & 0o777 == 0o644
    assert load_workbook(out).sheetnames == SHEETS


# ---------------------------------------------------------------- a client can read it
def _hand_workspace(workspace: Workspace) -> None:
    """Cost 100 and revenue 250 in March 2025 on Facebook."""
    campaign = workspace.add_campaign(
        Campaign("Spring", date(2025, 3, 1), date(2025, 3, 31), platforms=("Facebook",))
    )
    workspace.add_cost(
        Cost(date(2025, 3, 10), CostCategory.ADVERTISING, Decimal(100), campaign_id=campaign.id)
    )
    workspace.add_results(
        [Result(date(2025, 3, 12), "Facebook", campaign.id, leads=4, revenue=Decimal(250))]
    )


def test_verdict_says_what_each_unit_spent_returned(workspace: Workspace) -> None:
    """Cost 100, return 250: 'Every €1 spent returned €2.50.'; in złoty the Polish way."""
    from dataclasses import replace

    from roidesk.sheets.report.highlights import verdict
    from roidesk.sheets.report.model import gather

    _hand_workspace(workspace)
    march = ReportRequest(date(2025, 3, 1), date(2025, 3, 31))
    assert verdict(gather(workspace, march, TODAY)) == "Every €1 spent returned €2.50."
    workspace.save_settings(replace(workspace.settings(), currency="PLN", locale="pl_PL"))
    assert (
        verdict(gather(workspace, march, TODAY)) == "Every 1\u00a0zł spent returned 2,50\u00a0zł."
    )
    empty = ReportRequest(date(2025, 1, 1), date(2025, 1, 31))
    assert verdict(gather(workspace, empty, TODAY)) == (
        "No costs and no results were recorded in this period."
    )


def test_goal_states_are_one_vocabulary() -> None:
    """Reached, missed, behind and on track mean the same on every page of the report."""
    from roidesk.core.records import Goal
    from roidesk.engine import GoalStatus
    from roidesk.sheets.report.highlights import goal_state

    goal = Goal(1, "leads", Decimal(0), Decimal(100), date(2026, 6, 30))

    def state(progress: str, pace: str | None, elapsed: str) -> str:
        return goal_state(
            GoalStatus(
                goal,
                None,
                Decimal(progress),
                None if pace is None else Decimal(pace),
                None,
                Decimal(elapsed),
            )
        )

    assert state("1", "2", "0.5") == "reached"
    assert state("0.6", "0.6", "1") == "missed"
    assert state("0.2", "0.4", "0.5") == "behind"
    assert state("0.45", "0.9", "0.5") == "on track"


def test_goals_read_in_words_with_their_state(june_report: Path) -> None:
    """The goals table names KPIs as the client reads them and states them in one word."""
    from roidesk.sheets.report.highlights import GOAL_STATES

    summary = load_workbook(june_report)["Summary"]
    header = next(r for r in range(1, summary.max_row + 1) if summary.cell(r, 1).value == "Goals")
    kpis = [summary.cell(r, 2).value for r in range(header + 2, summary.max_row + 1)]
    states = [summary.cell(r, 11).value for r in range(header + 2, summary.max_row + 1)]
    assert kpis and all("_" not in kpi for kpi in kpis), kpis
    assert set(states) <= {*GOAL_STATES, "not measurable yet"}, states


def test_a_change_of_a_percentage_is_in_points(june_report: Path) -> None:
    """ROI 93.43 % against 45.89 %: the change reads +47.54 pts, not +47.54 %."""
    book = load_workbook(june_report, data_only=True)
    summary = book["Summary"]
    rows = _figure_rows(summary)
    at = rows["roi_total"]
    now, before = summary.cell(at, 2).value, summary.cell(at, 3).value
    change = summary.cell(at, 4)
    assert change.value == pytest.approx((now - before) * 100)
    formats = load_workbook(june_report)["Summary"].cell(at, 4).number_format
    assert formats.startswith('+0.00" pts"')


def test_trend_cumulative_roi_equals_the_summary_s(demo: Path, tmp_path: Path) -> None:
    """A three-month report: the Trend's last cumulative ROI is the summary's ROI (total)."""
    out = tmp_path / "q2.xlsx"
    with Workspace.open(demo) as workspace:
        write_report(workspace, out, ReportRequest(date(2026, 4, 1), date(2026, 6, 30)), TODAY)
    book = load_workbook(out, data_only=True)
    summary = book["Summary"]
    roi = summary.cell(_figure_rows(summary)["roi_total"], 2).value
    trend = book["Trend"]
    last = max(r for r in range(5, trend.max_row + 1) if trend.cell(r, 1).value)
    assert trend.cell(last, 1).value == "2026-06"
    assert trend.cell(last, 8).value == pytest.approx(roi)
    assert trend.cell(last - 3, 8).value in (None, "")  # March is context, not the period


def test_accent_colour_and_currency_of_the_workspace(workspace: Workspace, tmp_path: Path) -> None:
    """The accent colour setting colours the title; złoty amounts show 'zł' after the number."""
    from dataclasses import replace

    _hand_workspace(workspace)
    workspace.save_settings(
        replace(workspace.settings(), currency="PLN", locale="pl_PL", accent_colour="#AA3300")
    )
    out = tmp_path / "pl.xlsx"
    write_report(workspace, out, ReportRequest(date(2025, 3, 1), date(2025, 3, 31)), TODAY)
    summary = load_workbook(out)["Summary"]
    assert summary["A1"].font.color.rgb.endswith("AA3300")
    cost = summary.cell(_figure_rows(summary)["cost"], 2)
    assert cost.number_format == '#,##0.00 "zł";-#,##0.00 "zł"'


def test_other_returns_by_kind_add_up_to_the_other_return(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Support saved 30 and an unlabelled 20 in March: listed by kind, totalling 50 as the
    summary's other return."""
    from roidesk.core.records import OtherReturn

    _hand_workspace(workspace)
    workspace.add_other_return(OtherReturn(date(2025, 3, 5), Decimal(30), kind="support_saved"))
    workspace.add_other_return(OtherReturn(date(2025, 3, 6), Decimal(20)))
    workspace.add_other_return(OtherReturn(date(2025, 4, 1), Decimal(99), kind="deal"))
    out = tmp_path / "kinds.xlsx"
    write_report(workspace, out, ReportRequest(date(2025, 3, 1), date(2025, 3, 31)), TODAY)
    summary = load_workbook(out, data_only=True)["Summary"]
    assert summary.cell(_figure_rows(summary)["other_return"], 2).value == 50
    heading = next(
        r
        for r in range(1, summary.max_row + 1)
        if summary.cell(r, 1).value == "Other returns by kind"
    )
    rows = [
        (summary.cell(r, 1).value, summary.cell(r, 2).value)
        for r in range(heading + 2, heading + 5)
    ]
    assert rows == [("Other", 20), ("Support saved", 30), ("Total", 50)]


def test_definitions_read_as_words_and_fit_their_rows(june_report: Path) -> None:
    """Definitions spell formulas as words and give each wrapped definition room for every
    line (no text overlapping the next row)."""
    sheet = load_workbook(june_report)["Definitions"]
    rows = {sheet.cell(r, 1).value: r for r in range(5, 45)}
    assert sheet.cell(rows["ROI (total)"], 3).value == "(Total return − Cost) / Cost"
    cost = rows["Cost"]
    assert sheet.row_dimensions[cost].height >= 15 * 3  # a four-line definition
    assert sheet.cell(cost, 2).alignment.wrap_text


def test_campaign_roi_ranges_sit_beside_roi(june_report: Path) -> None:
    """The Campaigns sheet shows ROI (total)'s low and high right after it, low ≤ ROI ≤ high."""
    sheet = load_workbook(june_report, data_only=True)["Campaigns"]
    headers = [cell.value for cell in sheet[4]]
    roi = headers.index(LABELS["roi_total"])
    assert headers[roi + 1 : roi + 3] == [LABELS["roi_total_low"], LABELS["roi_total_high"]]
    checked = 0
    end = next(r for r in range(5, sheet.max_row + 2) if sheet.cell(r, 1).value is None)
    for row in range(5, end):  # the money table, down to its total row
        low, value, high = (sheet.cell(row, roi + k).value for k in (2, 1, 3))
        if isinstance(value, int | float) and isinstance(low, int | float):
            assert low <= value <= high
            checked += 1
    assert checked >= 2


def test_key_figures_carry_the_industry_s_published_benchmarks(
    demo: Path, june_report: Path, tmp_path: Path
) -> None:
    """With industry Legal, CTR's row names Facebook's 1.61 % (WordStream, 2017) beside the
    figures; a KPI without a published row has an empty cell; no industry, no column."""
    from dataclasses import replace

    copy = tmp_path / "legal.roidesk"
    shutil.copy(demo, copy)
    out = tmp_path / "legal.xlsx"
    with Workspace.open(copy) as workspace:
        workspace.save_settings(replace(workspace.settings(), industry="Legal"))
        write_report(workspace, out, ReportRequest(*JUNE), today=TODAY)
    sheet = load_workbook(out)["Summary"]
    rows = _figure_rows(sheet)
    header = rows["cost"] - 1
    assert sheet.cell(header, 6).value == "Published benchmark"
    assert (
        "Facebook: Legal average 1.61\u00a0% (WordStream, 2017)" in sheet.cell(rows["ctr"], 6).value
    )
    assert sheet.cell(rows["cac"], 6).value is None
    plain = load_workbook(june_report)["Summary"]
    assert plain.cell(_figure_rows(plain)["cost"] - 1, 6).value is None
