"""The PDF report: a document a client can read, with the summary's figures, numbered pages,
and monthly reports for every client written all at once or not at all."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from roidesk.cli import main
from roidesk.cli_report import write_all
from roidesk.core.money import NumberStyle
from roidesk.sheets.report import ReportRequest, last_full_month, report_file_name
from roidesk.sheets.report.highlights import verdict
from roidesk.sheets.report.model import gather
from roidesk.storage import Workspace
from roidesk.storage.demo import write_demo
from roidesk.ui.report_pdf import change_text, period_text, write_pdf, write_report_pdf

TODAY = date(2026, 11, 23)
JUNE = ReportRequest(date(2026, 6, 1), date(2026, 6, 30))
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, written once for the module."""
    path = tmp_path_factory.mktemp("demo") / "demo.roidesk"
    write_demo(path, TODAY)
    return path


def _page_count(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf.read_bytes()))


def _text(pdf: Path, page: int | None = None) -> str:
    pages = [] if page is None else ["-f", str(page), "-l", str(page)]
    done = subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, check=True
    )
    return " ".join(done.stdout.decode("utf-8").replace("\u00a0", " ").split())


def _plain(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


@needs_pdftotext
def test_pdf_carries_the_summary_s_figures_on_numbered_pages(
    qtbot: QtBot, demo: Path, tmp_path: Path
) -> None:
    """June's PDF: the verdict, cost, total return and ROI of the summary on page 1; business,
    period and 'Page N of M' on every page; definitions at the end."""
    out = tmp_path / "june.pdf"
    with Workspace.open(demo) as workspace:
        written = write_report_pdf(workspace, out, JUNE, TODAY)
    data = written.data
    style = NumberStyle(data.settings.currency, data.settings.locale)
    assert written.pages == _page_count(out) >= 3
    first = _text(out, 1)
    assert _plain(verdict(data)) in first
    for value in (data.figures.cost, data.figures.total_return, data.figures.net_return):
        assert _plain(style.money(value)) in first
    assert _plain(style.percent(data.figures.roi_total)) in first
    assert "Goals" in first
    for page in range(1, written.pages + 1):
        text = _text(out, page)
        assert f"Page {page} of {written.pages}" in text
        assert data.title_name in text
        assert "June 2026" in text
    everything = _text(out)
    headings = (
        "Platforms",
        "Campaigns",
        "Costs by category",
        "Month by month",
        "What every number means",
    )
    places = [everything.index(heading) for heading in headings]
    assert places == sorted(places)
    assert "ROI (total, high)" in _text(out, written.pages)


@needs_pdftotext
def test_polish_workspace_writes_its_numbers_its_way(
    qtbot: QtBot, demo: Path, tmp_path: Path
) -> None:
    """Currency PLN with locale pl_PL: amounts read '1 234,56 zł' on the first page."""
    copy = tmp_path / "pl.roidesk"
    shutil.copy(demo, copy)
    out = tmp_path / "pl.pdf"
    with Workspace.open(copy) as workspace:
        settings = workspace.settings()
        workspace.save_settings(replace(settings, currency="PLN", locale="pl_PL"))
        data = write_report_pdf(workspace, out, JUNE, TODAY).data
    first = _text(out, 1)
    assert _plain(NumberStyle("PLN", "pl_PL").money(data.figures.cost)) in first
    assert re.search(r"\d,\d\d zł", first), first
    assert "Every 1 zł spent returned" in first


def test_logo_and_accent_colour_are_drawn(qtbot: QtBot, demo: Path, tmp_path: Path) -> None:
    """A logo file and an accent colour in Settings end up in the PDF (an image, the colour)."""
    from PySide6.QtGui import QColor, QImage

    logo = tmp_path / "logo.png"
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(logo))
    copy = tmp_path / "branded.roidesk"
    shutil.copy(demo, copy)
    with Workspace.open(copy) as workspace:
        branded = replace(workspace.settings(), logo=str(logo), accent_colour="#AA3300")
        workspace.save_settings(branded)
        plain = gather(workspace, JUNE, TODAY)
    without = tmp_path / "plain.pdf"
    write_pdf(replace(plain, settings=replace(plain.settings, logo="")), without)
    with_logo = tmp_path / "logo.pdf"
    write_pdf(plain, with_logo)
    assert b"/Subtype /Image" in with_logo.read_bytes()
    assert b"/Subtype /Image" not in without.read_bytes()
    if shutil.which("pdftoppm") is not None:  # the band of page 1 in the accent colour
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "20",
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                str(with_logo),
                str(tmp_path / "p"),
            ],
            check=True,
        )
        (page,) = tmp_path.glob("p*.png")
        assert QImage(str(page)).pixelColor(3, 3).name() == "#aa3300"


def test_a_failed_write_leaves_the_earlier_file(
    qtbot: QtBot, demo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF that fails half-way leaves last month's file as it was and nothing beside it."""
    import roidesk.ui.report_pdf as report_pdf

    out = tmp_path / "june.pdf"
    out.write_bytes(b"last month's report")

    def broken(*_args: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(report_pdf, "_paint", broken)
    with Workspace.open(demo) as workspace, pytest.raises(OSError, match="disk full"):
        write_report_pdf(workspace, out, JUNE, TODAY)
    assert out.read_bytes() == b"last month's report"
    assert list(tmp_path.iterdir()) == [out]


def test_change_reads_in_points_for_percentages() -> None:
    """ROI 50 % after 40 %: '+10.00 pts'; cost 110 after 100: '+10.00 %'; from zero: ''."""
    style = NumberStyle("EUR")
    assert change_text(style, "roi_total", Decimal("0.5"), Decimal("0.4")) == "+10.00 pts"
    assert change_text(style, "cost", Decimal(110), Decimal(100)) == "+10.00\u00a0%"
    assert change_text(style, "cost", Decimal(90), Decimal(100)) == "-10.00\u00a0%"
    assert change_text(style, "cost", Decimal(90), Decimal(0)) == ""


def test_period_is_written_in_words() -> None:
    """A whole month reads 'November 2026'; any other period its first and last day."""
    assert period_text(date(2026, 11, 1), date(2026, 11, 30)) == "November 2026"
    assert period_text(date(2026, 4, 1), date(2026, 6, 30)) == "1 Apr 2026 – 30 Jun 2026"


# ---------------------------------------------------------------- --each-client
def test_each_client_writes_one_report_per_client_for_last_month(
    demo: Path, tmp_path: Path
) -> None:
    """`report PATH DIR --each-client --format xlsx`: 'Client — YYYY-MM.xlsx' for each client,
    readable by the group as the umask allows."""
    folder = tmp_path / "reports"
    folder.mkdir()
    previous = os.umask(0o027)
    try:
        status = main(["report", str(demo), str(folder), "--each-client", "--format", "xlsx"])
    finally:
        os.umask(previous)
    assert status == 0
    start, _ = last_full_month(date.today())
    with Workspace.open(demo) as workspace:
        names = sorted(report_file_name(c.name, start, "xlsx") for c in workspace.clients())
    assert len(names) >= 2
    assert sorted(p.name for p in folder.iterdir()) == names
    for path in folder.iterdir():
        assert path.stat().st_mode & 0o777 == 0o640


def test_each_client_writes_all_or_nothing(demo: Path, tmp_path: Path) -> None:
    """When the second report fails, the first is not put in place and no temporary stays."""
    with Workspace.open(demo) as workspace:
        data = gather(workspace, JUNE, TODAY)
    calls: list[Path] = []

    def write(_data: object, path: Path) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        path.write_bytes(b"report")

    targets = [tmp_path / "A — 2026-06.pdf", tmp_path / "B — 2026-06.pdf"]
    with pytest.raises(OSError, match="disk full"):
        write_all([(target, data) for target in targets], write)
    assert list(tmp_path.iterdir()) == []


def test_each_client_refuses_a_period_or_client(demo: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """--each-client with --client is refused with a message, nothing written."""
    status = main(["report", str(demo), str(tmp_path), "--each-client", "--client", "X"])
    assert status == 1
    assert "--each-client" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_report_file_name_is_file_safe() -> None:
    """Client names with slashes still give a valid, readable file name."""
    assert report_file_name("A/B: Shop", date(2026, 11, 1), "pdf") == "A B Shop — 2026-11.pdf"


@pytest.mark.slow
def test_cli_writes_a_pdf(demo: Path, tmp_path: Path) -> None:
    """`roidesk report PATH OUT.pdf` in a fresh process (no window) writes a PDF."""
    out = tmp_path / "cli.pdf"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "roidesk",
            "report",
            str(demo),
            str(out),
            "--from",
            "2026-06-01",
            "--to",
            "2026-06-30",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": ""},
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF-")
    assert _page_count(out) >= 3


@needs_pdftotext
def test_an_empty_workspace_gets_a_plain_report(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path
) -> None:
    """Nothing recorded: the PDF says so in words, with an empty chart explained."""
    out = tmp_path / "empty.pdf"
    written = write_report_pdf(workspace, out, JUNE, TODAY)
    first = _text(out, 1)
    assert "No costs and no results were recorded in this period." in first
    assert "No costs or returns in these months." in first
    assert written.pages == _page_count(out)


def test_platform_and_campaign_tables_show_roi_s_range(demo: Path) -> None:
    """Where the valuations have low and high values, each platform's and campaign's ROI
    (total) has its low – high range beside it in the PDF's tables."""
    from roidesk.ui.report_pdf import detail_html

    with Workspace.open(demo) as workspace:
        data = gather(workspace, JUNE, TODAY)
    style = NumberStyle(data.settings.currency, data.settings.locale)
    page = detail_html(data, goals_on_first_page=True)
    assert page.count("ROI range") == 2
    for figures in (data.platforms[0].figures, data.figures):
        low, high = figures.roi_total_low, figures.roi_total_high
        assert low is not None and high is not None and low < high
        assert f"{style.percent(low)} – {style.percent(high)}" in page
