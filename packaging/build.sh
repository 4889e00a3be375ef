#!/usr/bin/env bash
# Build the one-folder desktop app into dist/roidesk/ (dist/roidesk.app too on macOS).
#
#   packaging/build.sh            # fresh build venv in build/package-venv, then PyInstaller
#   packaging/build.sh --smoke    # ... and run packaging/smoke_test.py on the result
#   packaging/build.sh --check    # ... and also freeze packaging/bundle_check.py with the same
#                                 #     rules (build/check-dist/) and run it: pyqtgraph charts
#                                 #     draw and every ICU service Qt uses still answers right
#
# Works from a fresh checkout: it needs Python >= 3.11 (PYTHON=python3.12 to choose one) and, on
# Linux, objdump from binutils (checked first: `sudo apt-get install binutils`).
# Set ROIDESK_BUILD_VENV to build with an existing venv that already has roidesk[package].
# On Windows run it from Git Bash; the venv layout (Scripts/ vs bin/) is handled.
set -euo pipefail
cd "$(dirname "$0")/.."

# PyInstaller finds the libraries a Linux binary needs with objdump (GNU binutils); without it
# the build stops half-way with a traceback. Say what to install instead.
if [ "$(uname -s)" = "Linux" ] && ! command -v objdump >/dev/null 2>&1; then
    echo "packaging/build.sh: objdump not found; PyInstaller needs it (GNU binutils)." >&2
    echo "Install it:  sudo apt-get install binutils   (Fedora: sudo dnf install binutils)" >&2
    exit 1
fi

smoke=0
check=0
[ "${1:-}" = "--smoke" ] && smoke=1
[ "${1:-}" = "--check" ] && smoke=1 && check=1

venv="${ROIDESK_BUILD_VENV:-build/package-venv}"
if [ ! -d "$venv" ]; then
    "${PYTHON:-python3}" -m venv "$venv"
fi
bin="$venv/bin"
[ -d "$venv/Scripts" ] && bin="$venv/Scripts"

if [ -z "${ROIDESK_BUILD_VENV:-}" ]; then
    # A non-editable install: the bundle must not depend on the checkout's layout.
    "$bin/python" -m pip install --quiet --upgrade pip
    "$bin/python" -m pip install --quiet ".[package]"
fi

"$bin/python" -m PyInstaller --noconfirm --clean \
    --distpath dist --workpath build/pyinstaller packaging/roidesk.spec

echo "built dist/roidesk ($(du -sh dist/roidesk | cut -f1))"
if [ "$smoke" = 1 ]; then
    "$bin/python" packaging/smoke_test.py
fi
if [ "$check" = 1 ]; then
    ROIDESK_BUNDLE_CHECK=1 "$bin/python" -m PyInstaller --noconfirm --clean \
        --distpath build/check-dist --workpath build/check-work packaging/roidesk.spec
    QT_QPA_PLATFORM=offscreen build/check-dist/roidesk-bundle-check/roidesk-bundle-check \
        build/check-dist/bundle-check.png
fi
