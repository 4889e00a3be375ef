"""The layering rule, enforced: core is pure Python and nothing below the UI imports Qt."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "roidesk"
FORBIDDEN_IN_CORE = (
    "PySide6",
    "pyqtgraph",
    "sqlite3",
    "sqlite_utils",
    "openpyxl",
    "python_calamine",
    "roidesk.storage",
    "roidesk.sheets",
    "roidesk.engine",
    "roidesk.ui",
    "roidesk.app",
    "roidesk.cli",
)
FORBIDDEN_BELOW_UI = ("PySide6", "pyqtgraph", "roidesk.ui", "roidesk.app")


def imported_modules(folder: Path) -> list[tuple[Path, str]]:
    """Every module imported anywhere (top level or inside functions) in a folder."""
    found = []
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found += [(path, alias.name) for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.append((path, node.module))
    return found


def offenders(folder: Path, forbidden: tuple[str, ...]) -> list[str]:
    """The imports in ``folder`` that reach a forbidden module."""
    return [
        f"{p.relative_to(PACKAGE.parent)} imports {m}"
        for p, m in imported_modules(folder)
        if any(m == f or m.startswith(f + ".") for f in forbidden)
    ]


def test_core_imports_no_qt_sql_or_spreadsheets() -> None:
    """roidesk/core stays pure Python."""
    assert offenders(PACKAGE / "core", FORBIDDEN_IN_CORE) == []


@pytest.mark.parametrize("layer", ["storage", "sheets", "engine"])
def test_lower_layers_import_no_ui(layer: str) -> None:
    """Storage, sheets and engine never import Qt or the UI."""
    folder = PACKAGE / layer
    if not folder.exists():
        pytest.skip(f"roidesk/{layer} does not exist yet")
    assert offenders(folder, FORBIDDEN_BELOW_UI) == []


def test_import_linter_contracts_hold() -> None:
    """import-linter's contracts in pyproject.toml are kept."""
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if lint is None:
        pytest.skip("import-linter is not installed")
    done = subprocess.run([lint], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
