"""`roidesk summary`: JSON keys and types as SPEC says, errors without tracebacks, no Qt."""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from golden_workbooks import Sheets, campaign, cost, write_workbook

from roidesk.cli_summary import print_summary
from roidesk.core.figures import Figures
from roidesk.core.problems import InputError
from roidesk.storage import Workspace

JAN1 = date(2025, 1, 1)


def _args(**given: object) -> argparse.Namespace:
    values: dict[str, object] = {
        "start": None,
        "end": None,
        "client": None,
        "campaign": None,
        "platform": None,
        "content_type": None,
        "by": None,
        "json": True,
    }
    values.update(given)
    return argparse.Namespace(**values)


@pytest.fixture
def golden(workspace: Workspace, tmp_path: Path) -> Callable[[Sheets], Workspace]:
    """Import a workbook of the given sheets into the empty test workspace."""
    from roidesk.sheets.workbook import import_workbook

    def load(sheets: Sheets) -> Workspace:
        import_workbook(workspace, write_workbook(tmp_path / "golden.xlsx", sheets))
        return workspace

    return load


@pytest.fixture
def shop(golden: Callable[[Sheets], Workspace]) -> Workspace:
    """Two campaigns on two platforms with a cost, revenue and leads."""
    return golden(
        {
            "Clients": [{"Name": "Café"}],
            "Campaigns": [
                campaign("Coffee", JAN1, date(2025, 2, 28), Client="Café"),
                campaign("Flowers", JAN1, date(2025, 2, 28)),
            ],
            "Costs": [
                cost(JAN1, 100, Campaign="Coffee", Platform="Facebook"),
                cost(JAN1, 50, Campaign="Flowers", Platform="Instagram"),
            ],
            "Results": [
                {
                    "Date": JAN1,
                    "Campaign": "Coffee",
                    "Platform": "Facebook",
                    "Revenue": 300,
                    "Leads": 3,
                },
                {
                    "Date": date(2025, 2, 3),
                    "Campaign": "Flowers",
                    "Platform": "Instagram",
                    "Leads": 1,
                },
            ],
        }
    )


def _json(workspace: Workspace, **given: object) -> dict:
    out = io.StringIO()
    print_summary(workspace, _args(**given), out)
    return json.loads(out.getvalue())


def test_json_keys_types_and_values(shop: Workspace) -> None:
    """Every figure key; money and ratios as decimal strings, counts ints, null if undefined."""
    data = _json(shop)
    assert set(Figures.names()) <= set(data)
    assert data["cost"] == "150.00"
    assert data["revenue"] == "300.00"
    assert data["roi_total"] == "1.0000"  # (300 − 150) / 150
    assert data["cpl"] == "37.50"
    assert data["leads"] == 4
    assert data["ctr"] is None
    assert data["break_even_date"] == "2025-01-01"


def test_json_rows_by_campaign(shop: Workspace) -> None:
    """With --by, a rows list of the same objects, each with its key and label."""
    data = _json(shop, by="campaign")
    assert [(row["label"], row["cost"]) for row in data["rows"]] == [
        ("Coffee", "100.00"),
        ("Flowers", "50.00"),
    ]
    assert all(set(Figures.names()) <= set(row) and "key" in row for row in data["rows"])


def test_by_rows_carry_the_figures_of_their_own_query(shop: Workspace) -> None:
    """`--by platform` rows give what `--platform X` gives, break-even included: Facebook
    €100 cost, €300 revenue on 1 Jan → break-even 2025-01-01; Instagram never (was "—" for
    every row)."""
    rows = {row["key"]: row for row in _json(shop, by="platform")["rows"]}
    for platform in ("Facebook", "Instagram"):
        alone = {k: v for k, v in _json(shop, platform=platform).items() if k != "currency"}
        row = {k: v for k, v in rows[platform].items() if k not in ("key", "label")}
        assert row == alone, platform
    assert rows["Facebook"]["break_even_date"] == "2025-01-01"
    assert rows["Instagram"]["break_even_date"] is None


def test_client_and_campaign_filters(shop: Workspace) -> None:
    """--client, --campaign and --platform match names case-insensitively or by alias."""
    assert _json(shop, client="café")["cost"] == "100.00"
    assert _json(shop, campaign="FLOWERS", start=date(2025, 2, 1))["leads"] == 1
    assert _json(shop, platform="fb")["cost"] == "100.00"  # "fb" is Facebook


def test_unknown_campaign_is_an_input_error(shop: Workspace) -> None:
    """An unknown name is bad input with a clear message, not a crash."""
    with pytest.raises(InputError, match="no campaign named 'Tea'"):
        _json(shop, campaign="Tea")
    with pytest.raises(InputError, match="no client named"):
        _json(shop, client="Nobody")


def test_text_output_is_formatted_in_the_currency(shop: Workspace) -> None:
    """The human-readable form shows money with the currency sign and ratios as percent."""
    out = io.StringIO()
    print_summary(shop, _args(json=False), out)
    text = out.getvalue()
    assert "€150.00" in text and "100.00\u00a0%" in text


def test_process_does_not_import_qt_or_openpyxl(shop: Workspace, tmp_path: Path) -> None:
    """`roidesk summary` as a process loads neither Qt, pyqtgraph nor openpyxl, and exits 0."""
    code = (
        "import sys, runpy; sys.argv = ['roidesk', 'summary', sys.argv[1], '--json'];"
        "from roidesk.cli import main; status = main(sys.argv[1:]);"
        "heavy = [m for m in ('PySide6', 'pyqtgraph', 'openpyxl') if m in sys.modules];"
        "print('HEAVY', heavy, status, file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(shop.path)], capture_output=True, text=True, timeout=120
    )
    assert "HEAVY [] 0" in done.stderr
    assert json.loads(done.stdout)["cost"] == "150.00"


def test_unknown_campaign_exits_1_without_traceback(shop: Workspace) -> None:
    """Bad input on the command line: a message on stderr, exit status 1."""
    done = subprocess.run(
        [sys.executable, "-m", "roidesk", "summary", str(shop.path), "--campaign", "Tea"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "no campaign named 'Tea'" in done.stderr and "Traceback" not in done.stderr


def test_text_header_names_the_period_in_words() -> None:
    """The human-readable header says 'all dates' or the dates given, never placeholders."""
    from roidesk.cli_summary import _period_text

    assert _period_text(None, None) == "all dates"
    assert _period_text(date(2026, 1, 1), None) == "from 2026-01-01"
    assert _period_text(None, date(2026, 2, 28)) == "up to 2026-02-28"
    assert _period_text(date(2026, 1, 1), date(2026, 2, 28)) == "2026-01-01 – 2026-02-28"


def test_text_output_writes_every_number_in_the_workspace_s_decimal_mark(shop: Workspace) -> None:
    """In złoty, percentages and ratios take the decimal comma the money has (``100,00 %``
    beside ``150,00 zł``, not ``100.00 %``)."""
    from dataclasses import replace

    shop.save_settings(replace(shop.settings(), currency="PLN"))
    out = io.StringIO()
    print_summary(shop, _args(json=False), out)
    lines = dict(line.rsplit("  ", 1) for line in out.getvalue().splitlines() if "  " in line)
    figures = {label.strip(): value.strip() for label, value in lines.items()}
    assert figures["Cost"] == "150,00\u00a0zł"
    assert figures["ROI (total)"] == "100,00\u00a0%"
    assert figures["ROAS"] == "2,0000"
    assert figures["CPL"] == "37,50\u00a0zł"


def test_by_campaign_rows_carry_the_break_even_of_their_own_campaign(tmp_path: Path) -> None:
    """`--by campaign` rows' break-evens (read for all rows at once) are what `--campaign X`
    gives, on a generated workspace of 60 campaigns over four years (valuations, costs)."""
    spec = importlib.util.spec_from_file_location(
        "engine_data", Path(__file__).parents[1] / "benchmarks" / "engine_data.py"
    )
    assert spec is not None and spec.loader is not None
    engine_data = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(engine_data)
    workspace = engine_data.write_bench_workspace(tmp_path / "w.roidesk", 20_000, campaigns=60)
    try:
        for period in ({}, {"start": date(2023, 3, 10), "end": date(2024, 5, 20)}):
            rows = _json(workspace, by="campaign", **period)["rows"]
            dated = [row for row in rows if row["break_even_date"] is not None]
            assert len(dated) >= 5, period  # the comparison covers real dates
            for row in rows[::4] + dated[:6]:
                if row["key"] == "general":
                    continue
                alone = _json(workspace, campaign=row["label"], **period)
                assert row["break_even_date"] == alone["break_even_date"], (period, row["label"])
    finally:
        workspace.close()


@pytest.mark.parametrize("by", ["campaign", "platform"])
def test_by_rows_value_paid_and_organic_as_their_own_query(tmp_path: Path, by: str) -> None:
    """On the demo (paid ads and organic posts; clicks valued for organic results only) every
    `--by campaign` (`--by platform`) row equals `--campaign X` (`--platform X`) on every key,
    break-even included: the rows' day sums keep paid and organic apart as the single
    query's do."""
    from roidesk.storage.demo import write_demo

    path = tmp_path / "demo.roidesk"
    write_demo(path, today=date(2026, 11, 15))
    with Workspace.open(path) as workspace:
        period = {"start": date(2025, 11, 1), "end": date(2026, 10, 31)}
        rows = _json(workspace, by=by, **period)["rows"]
        assert any(row["break_even_date"] for row in rows)
        for row in rows:
            if row["key"] in ("general", "no platform"):
                continue
            alone = {
                k: v
                for k, v in _json(workspace, **{by: row["label"]}, **period).items()
                if k != "currency"
            }
            mine = {k: v for k, v in row.items() if k not in ("key", "label")}
            assert mine == alone, row["label"]
