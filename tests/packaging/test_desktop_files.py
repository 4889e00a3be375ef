"""Tests of the Linux desktop entry, the MIME type and the icon files in resources/."""

from __future__ import annotations

import configparser
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from defusedxml import ElementTree

from roidesk.resources import ICON_SIZES, icon_path, resource_path

MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def desktop_entry() -> configparser.SectionProxy:
    """The [Desktop Entry] group of resources/linux/roidesk.desktop."""
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(resource_path("linux/roidesk.desktop"), encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_roidesk_files() -> None:
    """A double-clicked .roidesk file must reach the app: MimeType and %f must agree."""
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split() == ["roidesk", "%f"]
    assert entry["Icon"] == "roidesk"
    assert entry["MimeType"].rstrip(";").split(";") == ["application/x-roidesk"]
    assert entry["Terminal"] == "false"


def test_mime_type_matches_the_desktop_entry() -> None:
    """The shared-mime-info XML declares the type the desktop entry names, for *.roidesk."""
    root = ElementTree.parse(resource_path("linux/roidesk-mime.xml")).getroot()
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == desktop_entry()["MimeType"].rstrip(";")
    assert [glob.get("pattern") for glob in mime.findall(f"{MIME_NS}glob")] == ["*.roidesk"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no desktop-file-utils")
def test_desktop_entry_passes_desktop_file_validate() -> None:
    """The freedesktop validator is the authority where it is installed."""
    done = subprocess.run(
        ["desktop-file-validate", str(resource_path("linux/roidesk.desktop"))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ico_holds_every_windows_size_as_png() -> None:
    """Windows picks the icon size from the .ico directory; each entry must be a real PNG."""
    data = resource_path("roidesk.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, 7)
    sizes = []
    for index in range(count):
        width, _h, _c, _r, _p, _b, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n"
        assert offset + length <= len(data)
        sizes.append(width or 256)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_is_well_formed_and_matches_the_pngs() -> None:
    """A malformed .icns shows a blank icon on macOS; its 512 image is our 512 PNG."""
    data = resource_path("roidesk.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    elements, position = {}, 8
    while position < len(data):
        kind, length = (
            data[position : position + 4],
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        elements[kind] = data[position + 8 : position + length]
        position += length
    assert position == len(data)
    assert elements[b"ic09"] == icon_path(512).read_bytes()
    assert elements[b"icp4"] == icon_path(16).read_bytes()


def test_svg_source_is_square_xml() -> None:
    """Every icon is rendered from this SVG; a non-square view box would distort them."""
    root = ElementTree.parse(resource_path("roidesk.svg")).getroot()
    assert root.get("viewBox") == "0 0 512 512"
    assert max(ICON_SIZES) == 512
    assert Path(resource_path("roidesk.svg")).stat().st_size < 10_000
