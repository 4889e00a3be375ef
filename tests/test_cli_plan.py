"""`roidesk plan` and `roidesk benchmarks`: the SPEC's JSON keys, hand-computed values,
refusals as one line on stderr with exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from planning_workspace import planning_workspace

from roidesk.cli import main

BASIS = ["--basis-from", "2026-01-01", "--basis-to", "2026-03-31"]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """The planning workspace (tests/planning_workspace.py), closed, on disk."""
    file = tmp_path / "plan.roidesk"
    planning_workspace(file).close()
    return file


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_plan_stop_json_has_the_spec_keys(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Facebook stopped 3 months, carry-over 0.25: saves 450, loses 990, RONI 540."""
    data = run_json(
        capsys,
        "plan",
        str(path),
        "--stop",
        "facebook",
        "--months",
        "3",
        "--carry-over",
        "0.25",
        *BASIS,
        "--json",
    )
    assert isinstance(data, dict)
    assert {"cost_saved", "return_lost", "roni", "roni_low", "roni_high"} <= set(data)
    assert (data["cost_saved"], data["return_lost"], data["roni"]) == ("450.00", "990.00", "540.00")
    assert data["platform"] == "Facebook"


def test_plan_budget_json_has_the_summary_keys_and_ranges(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Facebook=400 with e = 1: total 1,640 (1,430 to 2,060), cost 450, 42 leads."""
    data = run_json(
        capsys, "plan", str(path), "--budget", "Facebook=400", "--exponent", "1", *BASIS, "--json"
    )
    assert isinstance(data, dict)
    assert data["total_return"] == "1640.00"
    assert (data["total_return_low"], data["total_return_high"]) == ("1430.00", "2060.00")
    assert data["roi_total_low"] is not None and data["roi_total_high"] is not None
    assert data["cost"] == "450.00"
    assert data["leads"] == 42
    assert {"valued_return_low", "valued_return_high", "cpl", "roas"} <= set(data)


def test_a_platform_without_advertising_is_refused_on_stderr(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Instagram had no advertising cost: exit 1 and the reason, no traceback."""
    assert main(["plan", str(path), "--budget", "Instagram=100", *BASIS]) == 1
    err = capsys.readouterr().err
    assert "Instagram cannot be scaled: no advertising cost in 2026-01-01 – 2026-03-31" in err
    assert "Traceback" not in err


def test_a_malformed_budget_is_named(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--budget Facebook` without an amount says how to write it."""
    assert main(["plan", str(path), "--budget", "Facebook", *BASIS]) == 1
    assert "write PLATFORM=AMOUNT" in capsys.readouterr().err


def test_half_a_basis_period_is_refused(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--basis-from without --basis-to is a mistake, said so."""
    assert main(["plan", str(path), "--stop", "Facebook", "--basis-from", "2026-01-01"]) == 1
    assert "both --basis-from and --basis-to" in capsys.readouterr().err


def test_benchmarks_of_an_industry_and_platform(capsys: pytest.CaptureFixture[str]) -> None:
    """`roidesk benchmarks --industry legal --platform facebook --json`: Legal Facebook rows,
    each with its source, year and link."""
    data = run_json(capsys, "benchmarks", "--industry", "legal", "--platform", "facebook", "--json")
    assert isinstance(data, list) and data
    for row in data:
        assert (row["industry"], row["platform"]) == ("Legal", "Facebook")
        assert row["source"] and row["year"] and row["link"].startswith("https://")


def test_an_unknown_industry_lists_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in --industry is refused with the industries the table has."""
    assert main(["benchmarks", "--industry", "cafe"]) == 1
    err = capsys.readouterr().err
    assert "no benchmarks for industry 'cafe'" in err
    assert "Food & restaurants" in err


def test_plan_stop_text_says_what_stopping_would_do(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --json the owner reads the basis, the three amounts and a verdict."""
    assert main(["plan", str(path), "--stop", "Facebook", "--months", "3", *BASIS]) == 0
    out = capsys.readouterr().out
    assert "If you stop Facebook for 3 month(s)" in out
    assert "2026-01-01 – 2026-03-31" in out
    assert "€450.00" in out and "€1,320.00" in out and "€870.00" in out
    assert "stopping would cost you more than it saves" in out
