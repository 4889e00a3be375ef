#!/usr/bin/env python3
"""Bootstrap a local virtual environment and run roidesk or its tests.

    python3 dev.py run [ARGS…]   open the app (the demo workspace on first start)
    python3 dev.py test [ARGS…]  run the whole test suite headless

Needs only Python >= 3.11 with pip. The environment lives in .venv/ and is (re)installed when
pyproject.toml changes. On Linux, the system libraries Qt loads are checked first: missing ones
are installed with apt-get (through sudo when not root, saying so first), or dev.py stops with
one line naming the command to run.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".roidesk-installed"

# The libraries Qt's wheels take from the system, by soname, with the Debian package holding
# each. Offscreen (the tests) needs the first set; a window (the xcb platform) both.
# tests/test_dev.py checks them against PySide6's own libraries and .ci/install-system-deps.
QT_OFFSCREEN_LIBRARIES = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libX11.so.6": "libx11-6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}
QT_WINDOW_LIBRARIES = {
    **QT_OFFSCREEN_LIBRARIES,
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


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
    if subprocess.run([*pip, "install", *quiet, "-e", f"{ROOT}[test]"]).returncode != 0:
        sys.exit("dev.py: pip could not install roidesk into .venv (its messages are above)")
    STAMP.write_text(_stamp())


def known_libraries() -> set[str] | None:
    """The sonames the dynamic loader can find, or None where that cannot be told (not Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    ldconfig = next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if Path(p).exists()), None
    ) or shutil.which("ldconfig")
    if ldconfig is None:
        return None
    listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True).stdout
    names = {line.split(" (", 1)[0].strip() for line in listing.splitlines()[1:]}
    for folder in os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep):
        if folder and Path(folder).is_dir():
            names.update(entry.name for entry in Path(folder).iterdir())
    return names


def missing_packages(needed: dict[str, str], known: set[str] | None) -> list[str]:
    """The Debian packages of the sonames in ``needed`` the loader cannot find, sorted."""
    if known is None:
        return []
    return sorted({package for soname, package in needed.items() if soname not in known})


def apt_commands(packages: list[str], is_root: bool) -> tuple[list[str], list[str]]:
    """The apt-get update and install commands for ``packages``, through sudo unless root."""
    sudo = [] if is_root else ["sudo"]
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    return [*sudo, "apt-get", "update", "-q"], [*sudo, *install]


def ensure_system_libraries(needed: dict[str, str]) -> None:
    """Install the Debian packages Qt needs and the system lacks, or stop with one line."""
    packages = missing_packages(needed, known_libraries())
    if not packages:
        return
    if shutil.which("apt-get") is None:
        sonames = sorted(s for s, package in needed.items() if package in packages)
        sys.exit(
            f"dev.py: Qt needs system libraries this machine lacks ({' '.join(sonames)}); "
            f"install them with its package manager (on Debian: {' '.join(packages)})"
        )
    is_root = os.geteuid() == 0
    if not is_root and shutil.which("sudo") is None:
        update, install = apt_commands(packages, is_root=True)
        sys.exit(
            f"dev.py: Qt needs {' '.join(packages)}; as root run: "
            f"{' '.join(update)} && {' '.join(install)}"
        )
    update, install = apt_commands(packages, is_root)
    typed = f"{' '.join(update)} && {' '.join(install)}"
    print(f"dev.py: Qt needs {' '.join(packages)}; installing them: {typed}", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    # apt's errors (stderr) show; its progress (stdout) does not.
    quiet = {"env": env, "stdout": subprocess.DEVNULL}
    if any(subprocess.run(step, **quiet).returncode != 0 for step in (update, install)):
        sys.exit(f"dev.py: installing Qt's libraries failed; run: {typed}")
    print("dev.py: installed.", flush=True)
    still = missing_packages(needed, known_libraries())
    if still:
        sys.exit(f"dev.py: still missing after the install: {' '.join(still)}")


def check_qt_loads() -> None:
    """Stop with one line, not a traceback, when PySide6 cannot load a library it needs."""
    probe = "import PySide6.QtGui, PySide6.QtWidgets"
    done = subprocess.run([PYTHON, "-c", probe], capture_output=True, text=True)
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        sys.exit(f"dev.py: Qt cannot load in .venv: {reason}")


def main(argv: list[str]) -> int:
    """Dispatch ``run`` or ``test``."""
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    ensure_system_libraries(QT_WINDOW_LIBRARIES if command == "run" else QT_OFFSCREEN_LIBRARIES)
    ensure_environment()
    check_qt_loads()
    if command == "run":
        return subprocess.run([BIN / "roidesk", *rest]).returncode
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([PYTHON, "-m", "pytest", *rest], cwd=ROOT, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
