#!/usr/bin/env python3
"""Bootstrap a local virtual environment and run roidesk or its tests.

    python3 dev.py run [ARGS…]   open the app (the demo workspace on first start)
    python3 dev.py test [ARGS…]  run the whole test suite headless

Needs only Python >= 3.11 with pip. The environment lives in .venv/ and is (re)installed when
pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".roidesk-installed"


def _stamp() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_environment() -> None:
    """Create .venv and install roidesk with its test extra, unless already up to date."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs before any check
        sys.exit(f"roidesk needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print("dev.py: creating .venv …", flush=True)
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
        except (subprocess.CalledProcessError, OSError):
            # Debian without python3-venv has no ensurepip: make the venv bare and let the
            # system's pip install into it.
            venv.EnvBuilder(with_pip=False, clear=True).create(VENV)
    if STAMP.exists() and STAMP.read_text() == _stamp():
        return
    print("dev.py: installing roidesk and its test tools into .venv …", flush=True)
    has_pip = (
        subprocess.run([PYTHON, "-m", "pip", "--version"], capture_output=True).returncode == 0
    )
    pip = [PYTHON, "-m", "pip"] if has_pip else [sys.executable, "-m", "pip", "--python", PYTHON]
    quiet = ["--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", *quiet, "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(_stamp())


def main(argv: list[str]) -> int:
    """Dispatch ``run`` or ``test``."""
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    ensure_environment()
    command, rest = argv[0], argv[1:]
    if command == "run":
        return subprocess.run([BIN / "roidesk", *rest]).returncode
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([PYTHON, "-m", "pytest", *rest], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
