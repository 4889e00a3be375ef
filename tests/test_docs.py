"""The README documents what users rely on: a test fails when a command or column is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from roidesk.cli import build_parser
from roidesk.core.figures import Figures
from roidesk.sheets import contract

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_two_commands() -> None:
    """The README opens with exactly two commands: run the app, run the tests."""
    quick = README.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in quick.splitlines()[1:] if line.strip()]
    assert [c.split("#")[0].strip() for c in commands] == [
        "python3 dev.py run",
        "python3 dev.py test",
    ]


@pytest.mark.parametrize(
    "command", sorted(set(build_parser()._subparsers._group_actions[0].choices) - {"open"})
)
def test_every_subcommand_is_documented(command: str) -> None:
    """Each subcommand of `roidesk` appears in the README's command table."""
    assert f"`roidesk {command}" in README


@pytest.mark.parametrize("sheet", list(contract.COLUMNS))
def test_every_workbook_sheet_and_column_is_documented(sheet: str) -> None:
    """The workbook contract table lists each sheet with all of its columns."""
    row = next(line for line in README.splitlines() if line.startswith(f"| {sheet} |"))
    for column in contract.COLUMNS[sheet]:
        assert column in row, f"{sheet}: column {column!r} missing from the README"


def test_every_figure_is_documented() -> None:
    """Every JSON key of `roidesk summary --json` is explained in the README."""
    missing = [name for name in Figures.names() if f"`{name}`" not in README]
    assert missing == []
