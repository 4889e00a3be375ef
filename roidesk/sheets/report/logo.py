"""The business's logo on the report's first sheet, without an imaging library.

openpyxl needs Pillow to measure an image; the report only needs the pixel size of a PNG,
JPEG or GIF, read here from the file's header, and the bytes as they are.
"""

from __future__ import annotations

import struct
from pathlib import Path

from openpyxl.drawing.image import Image

#: The logo's height on the sheet, in pixels (about three rows).
LOGO_HEIGHT = 56
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """(format, width, height) of PNG, JPEG or GIF bytes; ``None`` for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return "png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "gif", width, height
    if data.startswith(b"\xff\xd8"):
        return _jpeg_size(data)
    return None


def _jpeg_size(data: bytes) -> tuple[str, int, int] | None:
    at = 2
    while at + 9 < len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        length = struct.unpack(">H", data[at + 2 : at + 4])[0]
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return "jpeg", width, height
        at += 2 + length
    return None


class _Logo(Image):  # type: ignore[misc]
    """An openpyxl image from bytes whose size is already known (no Pillow)."""

    def __init__(self, data: bytes, kind: str, width: int, height: int) -> None:
        self.ref = data
        self._bytes = data
        self.format = kind
        scale = LOGO_HEIGHT / height if height else 1
        self.width, self.height = round(width * scale), round(height * scale)

    def _data(self) -> bytes:
        return self._bytes


def logo_image(path: str) -> Image | None:
    """The logo at ``path`` ready to anchor on a sheet; ``None`` where there is no readable
    PNG, JPEG or GIF (a report is never refused for its logo)."""
    if not path:
        return None
    try:
        data = Path(path).expanduser().read_bytes()
    except OSError:
        return None
    size = image_size(data)
    if size is None or not size[1] or not size[2]:
        return None
    return _Logo(data, *size)
