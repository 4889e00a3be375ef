"""The app's bundled files (icon, licence, desktop entry), found the same way everywhere.

The files live in the top-level ``resources/`` folder of the source tree. A wheel installs them
as ``roidesk/_resources/`` (pyproject maps the folder there) and the PyInstaller spec puts them at
the same place inside the frozen bundle, so one rule serves every case: look next to this module
first, then in the checkout. No Qt here: every layer may ask for a resource.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

#: Name of the folder next to this module in a wheel or a frozen bundle.
PACKAGED_DIR_NAME = "_resources"

#: Pixel sizes of the PNG icons in ``resources/icons/`` (``roidesk-<size>.png``).
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@cache
def resources_dir() -> Path:
    """The folder holding the resources: installed/frozen copy first, else the checkout's."""
    here = Path(__file__).resolve().parent
    for candidate in (here / PACKAGED_DIR_NAME, here.parent / "resources"):
        if (candidate / "roidesk.svg").is_file():
            return candidate
    raise FileNotFoundError(f"roidesk resources not found next to {here}")


def resource_path(name: str) -> Path:
    """The path of one resource, e.g. ``resource_path("LICENSE.txt")``; raises if it is missing."""
    path = resources_dir() / name
    if not path.exists():
        raise FileNotFoundError(f"no resource named {name!r} in {resources_dir()}")
    return path


def icon_path(size: int = 256) -> Path:
    """The app icon as a PNG of ``size`` pixels (a size from ICON_SIZES)."""
    if size not in ICON_SIZES:
        raise ValueError(f"no {size}px icon; sizes are {ICON_SIZES}")
    return resource_path(f"icons/roidesk-{size}.png")


def icon_paths() -> list[Path]:
    """Every PNG size of the app icon, smallest first (for a multi-size window icon)."""
    return [icon_path(size) for size in ICON_SIZES]


def license_text() -> str:
    """roidesk's licence, as the About dialog shows it."""
    return resource_path("LICENSE.txt").read_text(encoding="utf-8")


def third_party_notices() -> str:
    """The licences of the libraries the app ships with (Qt, PySide6, …)."""
    return resource_path("THIRD-PARTY.txt").read_text(encoding="utf-8")
