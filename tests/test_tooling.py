"""The tools that keep the code honest pass on the whole package: ruff and mypy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail(f"{name} is not installed: `pip install -e .[test]` installs it")
    return found


def test_ruff_finds_nothing() -> None:
    """ruff's lint rules, complexity limits included, hold for the package, tests and scripts."""
    done = subprocess.run(
        [_tool("ruff"), "check", "roidesk", "tests", "benchmarks", "packaging", "dev.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    """mypy (strict on core and storage) reports no error in the package."""
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
