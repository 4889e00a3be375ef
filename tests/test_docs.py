"""The docs say what users rely on and stay current: a test fails when they do not."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from roidesk.cli import build_parser
from roidesk.core.figures import Figures
from roidesk.sheets import contract

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
PERFORMANCE = (ROOT / "docs" / "performance.md").read_text(encoding="utf-8")
# The docs this test keeps current (docs/architecture.md has its own owner and checks).
OWN_DOCS = [
    ROOT / "README.md",
    ROOT / "docs" / "performance.md",
    ROOT / "docs" / "packaging.md",
    *sorted((ROOT / "docs" / "design").glob("*.md")),
]
# Paths the docs name that a build or a benchmark makes, not the repository.
GENERATED = ("dist/", "build/", "benchmarks/data/")


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


def test_readme_stays_a_users_readme() -> None:
    """The README is read by users: at most ~250 lines (benchmarks and design go to docs/)."""
    assert len(README.splitlines()) <= 250


@pytest.mark.parametrize("doc", OWN_DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_path_a_doc_names_exists(doc: Path) -> None:
    """Links, images and repository paths in the docs point at files that exist."""
    text = doc.read_text(encoding="utf-8")
    linked = [
        (doc.parent / target).resolve()
        for target in re.findall(r"\]\(([^)#\s]+)\)", text)
        if "://" not in target
    ]
    named = [
        ROOT / path
        for path in re.findall(
            r"`((?:docs|benchmarks|packaging|resources|roidesk|tests|\.ci)/[^`\s]*)", text
        )
        if not path.startswith(GENERATED)
    ]
    missing = [str(p.relative_to(ROOT)) for p in linked + named if not p.exists()]
    assert missing == []


@pytest.mark.parametrize("script", sorted(p.name for p in (ROOT / "benchmarks").glob("*_bench.py")))
def test_every_benchmark_has_its_command_in_performance_md(script: str) -> None:
    """Each benchmark in benchmarks/ is in docs/performance.md with the command that runs it."""
    commands = re.findall(r"```sh\n(.*?)```", PERFORMANCE, flags=re.DOTALL)
    assert any(f"benchmarks/{script}" in block for block in commands)


def test_ci_runs_the_readmes_test_command() -> None:
    """CI proves what the Quick start promises: .ci/run runs `python3 dev.py test` itself."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^python3 dev\.py test\b", ci, flags=re.MULTILINE)


def test_changelog_has_unreleased_then_dated_versions_newest_first() -> None:
    """CHANGELOG.md opens with [Unreleased], then versions with dates, newest first."""
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", changelog, re.M)
    assert headings[0] == ("Unreleased", "")
    versions = [(tuple(map(int, v.split("."))), date.fromisoformat(d)) for v, d in headings[1:]]
    assert versions, "no version sections"
    assert versions == sorted(versions, reverse=True)
