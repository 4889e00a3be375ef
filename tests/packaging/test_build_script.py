"""packaging/build.sh checks what the build needs before it starts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BUILD = Path(__file__).resolve().parents[2] / "packaging" / "build.sh"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="objdump is needed on Linux")
def test_build_without_objdump_stops_at_once_naming_the_package(tmp_path: Path) -> None:
    """Without binutils the build stops before any venv or download, saying what to install."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "dirname", "uname"):
        found = shutil.which(tool)
        assert found is not None
        (tools / tool).symlink_to(found)
    done = subprocess.run(
        [str(tools / "bash"), str(BUILD)],
        env={"PATH": str(tools)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "objdump not found" in done.stderr
    assert "sudo apt-get install binutils" in done.stderr
    assert done.stdout == ""  # nothing else ran: no venv, no pip, no PyInstaller
