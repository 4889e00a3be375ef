"""``roidesk report … --plan-budget``: the optional "Next month" sheet, hand-computed."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from planning_workspace import TODAY, planning_workspace

from roidesk.cli import build_parser
from roidesk.cli_report import run_report
from roidesk.core.figures import LABELS
from roidesk.core.problems import InputError


def _args(*words: str):  # type: ignore[no-untyped-def]
    return build_parser().parse_args(["report", *words])


def test_plan_budget_adds_the_next_month_sheet(tmp_path: Path) -> None:
    """Facebook 400 a month over the January–March basis: the basis month costs 450 / 3 = 150
    and returns (900 + 60 + 36 × 10) / 3 = 440; the planned month costs 50 + 400 = 450."""
    ws = planning_workspace(tmp_path / "plan.roidesk")
    out = tmp_path / "march.xlsx"
    try:
        args = _args(
            str(ws.path), str(out), "--from", "2026-03-01", "--to", "2026-03-31",
            "--plan-budget", "facebook=400",
        )  # fmt: skip
        run_report(ws, args, TODAY)
    finally:
        ws.close()
    book = load_workbook(out, data_only=True)
    assert "Next month" in book.sheetnames
    sheet = book["Next month"]
    assert "Facebook" in sheet["A3"].value and "400" in sheet["A3"].value
    assert "2026-01-01 – 2026-03-31" in sheet["A4"].value
    rows = {sheet.cell(r, 1).value: r for r in range(1, sheet.max_row + 1)}
    assert sheet.cell(rows[LABELS["cost"]], 2).value == 150
    assert sheet.cell(rows[LABELS["total_return"]], 2).value == 440
    assert sheet.cell(rows[LABELS["cost"]], 3).value == 450
    assert sheet.cell(rows[LABELS["ad_spend"]], 3).value == 400


def test_no_budget_no_sheet_and_bad_uses_are_refused(tmp_path: Path) -> None:
    """Without --plan-budget there is no Next month sheet; with a PDF, a client or a
    budget that is not PLATFORM=AMOUNT the command says why and writes nothing."""
    ws = planning_workspace(tmp_path / "plan.roidesk")
    try:
        out = tmp_path / "plain.xlsx"
        run_report(ws, _args(str(ws.path), str(out), "--from", "2026-03-01"), TODAY)
        assert "Next month" not in load_workbook(out).sheetnames
        for words, reason in (
            (("x.pdf", "--plan-budget", "Facebook=400"), "write OUT.xlsx"),
            (("x.xlsx", "--client", "A", "--plan-budget", "Facebook=400"), "whole workspace"),
            (("x.xlsx", "--plan-budget", "Facebook"), "--plan-budget 'Facebook'"),
        ):
            target = tmp_path / words[0]
            with pytest.raises(InputError, match=reason):
                run_report(ws, _args(str(ws.path), str(target), *words[1:]), TODAY)
            assert not target.exists()
    finally:
        ws.close()
