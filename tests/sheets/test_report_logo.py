"""The business's logo on the report's first sheet: PNG, JPEG and GIF measured without an
imaging library, and a missing or unreadable logo never stops the report."""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from roidesk.sheets.report import ReportRequest, write_report
from roidesk.sheets.report.logo import LOGO_HEIGHT, image_size, logo_image
from roidesk.storage import Workspace

MARCH = ReportRequest(date(2025, 3, 1), date(2025, 3, 31))


def _png(width: int, height: int) -> bytes:
    """A valid, all-white RGB PNG of the given size."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    rows = b"".join(b"\x00" + b"\xff" * 3 * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_image_sizes_are_read_from_the_header() -> None:
    """A 200×100 PNG, a 64×32 GIF and a 640×480 JPEG are measured; text is not an image."""
    assert image_size(_png(200, 100)) == ("png", 200, 100)
    assert image_size(b"GIF89a" + struct.pack("<HH", 64, 32) + b"\x00" * 8) == ("gif", 64, 32)
    jpeg = (
        b"\xff\xd8"
        + b"\xff\xe0"
        + struct.pack(">H", 16)
        + b"JFIF\x00"
        + b"\x00" * 9
        + b"\xff\xc0"
        + struct.pack(">HBHH", 17, 8, 480, 640)
        + b"\x00" * 10
    )
    assert image_size(jpeg) == ("jpeg", 640, 480)
    assert image_size(b"not an image") is None


def test_logo_is_placed_on_the_summary_scaled_to_three_rows(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A logo setting puts the image on the Summary, LOGO_HEIGHT pixels high, width in
    proportion (200×100 → 112×56)."""
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png(200, 100))
    workspace.save_settings(replace(workspace.settings(), logo=str(logo)))
    out = tmp_path / "report.xlsx"
    write_report(workspace, out, MARCH, date(2025, 4, 2))
    with zipfile.ZipFile(out) as package:
        assert package.read("xl/media/image1.png") == logo.read_bytes()
        drawing = package.read("xl/drawings/drawing1.xml").decode()
    emu = 9525  # per pixel
    assert f'cx="{LOGO_HEIGHT * 2 * emu}" cy="{LOGO_HEIGHT * emu}"' in drawing


def test_a_missing_or_broken_logo_does_not_stop_the_report(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A logo path that is gone or is not an image: the report is written without a logo."""
    broken = tmp_path / "logo.svg"
    broken.write_text("<svg/>")
    assert logo_image(str(tmp_path / "gone.png")) is None
    workspace.save_settings(replace(workspace.settings(), logo=str(broken)))
    out = tmp_path / "report.xlsx"
    write_report(workspace, out, MARCH, date(2025, 4, 2))
    with zipfile.ZipFile(out) as package:
        assert not [name for name in package.namelist() if name.startswith("xl/media/")]
    assert load_workbook(out).sheetnames[0] == "Summary"
