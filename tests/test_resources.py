"""Tests of roidesk.resources: the bundled files are found from a checkout and a wheel layout."""

from __future__ import annotations

import importlib.util
import shutil
import struct
from pathlib import Path

import pytest

from roidesk import resources
from roidesk.resources import ICON_SIZES, icon_path, icon_paths, resource_path, resources_dir

CHECKOUT = Path(__file__).resolve().parents[1]


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_checkout_resources_are_the_top_level_folder() -> None:
    """From a source checkout (the editable install) the top-level resources/ folder is used."""
    assert resources_dir() == CHECKOUT / "resources"


def test_every_icon_size_is_a_square_png_of_that_size() -> None:
    """A size that is missing or drawn at the wrong size would show blurred or not at all."""
    for size in ICON_SIZES:
        assert png_size(icon_path(size)) == (size, size)
    assert [p.name for p in icon_paths()] == [f"roidesk-{s}.png" for s in ICON_SIZES]


def test_unknown_icon_size_is_refused() -> None:
    """Asking for a size we do not ship is a programming error, said clearly."""
    with pytest.raises(ValueError, match="100px"):
        icon_path(100)


def test_missing_resource_raises_file_not_found() -> None:
    """A typo in a resource name fails loudly instead of yielding a path to nothing."""
    with pytest.raises(FileNotFoundError, match="no-such-file"):
        resource_path("no-such-file.txt")


def test_about_texts_are_readable() -> None:
    """The About dialog shows the licence and third-party notices."""
    assert resources.license_text().startswith("MIT License")
    assert "PySide6" in resources.third_party_notices()


def test_packaged_copy_next_to_the_module_wins(tmp_path: Path) -> None:
    """In a wheel or frozen bundle the data sits at roidesk/_resources and must be found there."""
    package = tmp_path / "site" / "roidesk"
    (package / "_resources").mkdir(parents=True)
    shutil.copy(Path(resources.__file__), package / "resources.py")
    (package / "_resources" / "roidesk.svg").write_text("<svg/>", encoding="utf-8")
    (package / "_resources" / "LICENSE.txt").write_text("packaged", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("wheel_resources", package / "resources.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.resources_dir() == package / "_resources"
    assert module.license_text() == "packaged"


def test_no_resources_anywhere_is_an_error(tmp_path: Path) -> None:
    """A broken install says where it looked rather than failing later on a None path."""
    (tmp_path / "roidesk").mkdir()
    shutil.copy(Path(resources.__file__), tmp_path / "roidesk" / "resources.py")
    spec = importlib.util.spec_from_file_location(
        "broken_resources", tmp_path / "roidesk" / "resources.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with pytest.raises(FileNotFoundError, match="resources not found"):
        module.resources_dir()
