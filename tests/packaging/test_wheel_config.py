"""Tests of pyproject's setuptools tables: the wheel carries every package and resource."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setuptools_config() -> dict:  # type: ignore[type-arg]
    """The [tool.setuptools] table."""
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["tool"]["setuptools"]


def test_every_python_package_is_listed() -> None:
    """Packages are listed by hand (see pyproject); a forgotten one would be missing from wheels."""
    found = {
        ".".join(folder.relative_to(ROOT).parts)
        for folder in (ROOT / "roidesk").rglob("*")
        if folder.is_dir() and folder.name != "__pycache__" and any(folder.glob("*.py"))
    } | {"roidesk"}
    listed = set(setuptools_config()["packages"])
    missing = found - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"


def test_resources_folder_installs_inside_the_package() -> None:
    """roidesk.resources looks for roidesk/_resources in a wheel: the mapping must say so."""
    config = setuptools_config()
    assert config["package-dir"]["roidesk._resources"] == "resources"
    assert "roidesk._resources" in config["packages"]
    assert set(config["package-data"]["roidesk._resources"]) == {"*", "**/*"}
    assert (ROOT / "resources" / "roidesk.svg").is_file()
