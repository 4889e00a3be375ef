"""dev.py finds the system libraries Qt needs before Qt is imported, and says how to get them."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_dev() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dev", ROOT / "dev.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


dev = _load_dev()
ALL_SONAMES = set(dev.QT_WINDOW_LIBRARIES)
# The C runtime and compression libraries every Debian has (they are in debootstrap's minbase).
BASE_SYSTEM = re.compile(r"^(ld-linux.*|lib(c|m|dl|rt|pthread|gcc_s|stdc\+\+|z|zstd)\.so\.\d+)$")


def _needed(library: Path) -> set[str]:
    dump = subprocess.run(["objdump", "-p", library], capture_output=True, text=True).stdout
    return {line.split()[1] for line in dump.splitlines() if line.strip().startswith("NEEDED")}


def _system_needs(*relative: str) -> set[str]:
    """The sonames the given PySide6 libraries take from the system (not the wheel, not libc)."""
    qt = Path(__import__("PySide6").__file__).parent / "Qt"
    bundled = {entry.name for entry in (qt / "lib").iterdir()}
    needs: set[str] = set()
    for name in relative:
        needs |= _needed(qt / name)
    return {n for n in needs if n not in bundled and not BASE_SYSTEM.match(n)}


needs_objdump = pytest.mark.skipif(
    not sys.platform.startswith("linux") or shutil.which("objdump") is None,
    reason="reads PySide6's ELF libraries with objdump (binutils), Linux only",
)
QT_CORE_LIBRARIES = (
    "lib/libQt6Core.so.6",
    "lib/libQt6Gui.so.6",
    "lib/libQt6Widgets.so.6",
    "lib/libQt6DBus.so.6",
)


@needs_objdump
def test_offscreen_list_covers_what_the_tests_load() -> None:
    """Every system library Qt's offscreen platform loads is checked before `dev.py test`."""
    needs = _system_needs(*QT_CORE_LIBRARIES, "plugins/platforms/libqoffscreen.so")
    assert needs - set(dev.QT_OFFSCREEN_LIBRARIES) == set()


@needs_objdump
def test_window_list_covers_what_a_window_loads() -> None:
    """Every system library the xcb platform loads (libxcb-cursor0 too) is checked before `run`."""
    needs = _system_needs(
        *QT_CORE_LIBRARIES, "lib/libQt6XcbQpa.so.6", "plugins/platforms/libqxcb.so"
    )
    assert "libxcb-cursor.so.0" in needs
    assert needs - ALL_SONAMES == set()


def test_ci_installs_the_same_packages_as_dev_py() -> None:
    """.ci/install-system-deps and dev.py install one list, so CI proves what users get."""
    script = (ROOT / ".ci" / "install-system-deps").read_text(encoding="utf-8")
    first_install = script.split("apt-get install", 1)[1].split(">/dev/null", 1)[0]
    listed = {word for word in first_install.replace("\\", " ").split() if word.startswith("lib")}
    assert listed == set(dev.QT_WINDOW_LIBRARIES.values())


def test_missing_sonames_become_their_debian_packages() -> None:
    """A machine lacking libxcb-cursor.so.0 is told to install libxcb-cursor0, once, for `run`."""
    known = ALL_SONAMES - {"libxcb-cursor.so.0", "libglib-2.0.so.0", "libgthread-2.0.so.0"}
    assert dev.missing_packages(dev.QT_WINDOW_LIBRARIES, known) == [
        "libglib2.0-0",
        "libxcb-cursor0",
    ]
    assert dev.missing_packages(dev.QT_OFFSCREEN_LIBRARIES, known) == ["libglib2.0-0"]


def test_no_check_where_the_loader_cannot_be_asked() -> None:
    """On Windows or macOS (no ldconfig) nothing is reported missing, nothing installed."""
    assert dev.missing_packages(dev.QT_WINDOW_LIBRARIES, None) == []


def test_apt_goes_through_sudo_unless_root() -> None:
    """A normal user's install runs `sudo apt-get`; root's runs apt-get itself."""
    update, install = dev.apt_commands(["libxcb-cursor0"], is_root=False)
    assert update == ["sudo", "apt-get", "update", "-q"]
    assert install[:3] == ["sudo", "apt-get", "install"] and install[-1] == "libxcb-cursor0"
    update, install = dev.apt_commands(["libxcb-cursor0"], is_root=True)
    assert update[0] == "apt-get" and install[0] == "apt-get"


def _machine(
    monkeypatch: pytest.MonkeyPatch, *, has: set[str], tools: set[str], root: bool
) -> list[list[str]]:
    """Pretend to be a machine with the given libraries and programs; return the commands run."""
    ran: list[list[str]] = []

    def run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        ran.append(command)
        if command[-1] == "libxcb-cursor0":
            has.add("libxcb-cursor.so.0")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(dev, "known_libraries", lambda: set(has))
    monkeypatch.setattr(dev.shutil, "which", lambda name: name if name in tools else None)
    monkeypatch.setattr(dev.os, "geteuid", lambda: 0 if root else 1000)
    monkeypatch.setattr(dev.subprocess, "run", run)
    return ran


def test_sudo_install_is_announced_then_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user with sudo is told what will be installed, then apt-get runs; no exit."""
    ran = _machine(
        monkeypatch, has=ALL_SONAMES - {"libxcb-cursor.so.0"}, tools={"apt-get", "sudo"}, root=False
    )
    dev.ensure_system_libraries(dev.QT_WINDOW_LIBRARIES)
    said = capsys.readouterr().out
    assert "installing them: sudo apt-get update -q && sudo apt-get install" in said
    assert ran[0][:2] == ["sudo", "apt-get"] and ran[1][-1] == "libxcb-cursor0"


def test_without_sudo_one_line_names_the_root_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sudo and not root: one line with the command to run as root, nothing run."""
    ran = _machine(monkeypatch, has=set(), tools={"apt-get"}, root=False)
    with pytest.raises(SystemExit) as stopped:
        dev.ensure_system_libraries(dev.QT_OFFSCREEN_LIBRARIES)
    message = str(stopped.value.code)
    assert "\n" not in message and ran == []
    assert "as root run: apt-get update -q && apt-get install -y" in message
    assert "libglib2.0-0" in message and "libxcb-cursor0" not in message


def test_without_apt_one_line_names_the_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    """Not Debian: one line naming the missing libraries and their Debian names."""
    ran = _machine(
        monkeypatch, has=ALL_SONAMES - {"libxcb-cursor.so.0"}, tools={"sudo"}, root=False
    )
    with pytest.raises(SystemExit) as stopped:
        dev.ensure_system_libraries(dev.QT_WINDOW_LIBRARIES)
    message = str(stopped.value.code)
    assert "\n" not in message and ran == []
    assert "libxcb-cursor.so.0" in message and "libxcb-cursor0" in message
