"""Tests of packaging/slim.py: the ICU data trim and which binaries get stripped."""

from __future__ import annotations

import importlib.util
import struct
import sys
from pathlib import Path

import pytest

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
spec = importlib.util.spec_from_file_location("slim", PACKAGING / "slim.py")
assert spec is not None and spec.loader is not None
slim = importlib.util.module_from_spec(spec)
sys.modules["slim"] = slim
spec.loader.exec_module(slim)

#: A 16-byte ICU data header whose data format (bytes 12..15) is "CmnD".
HEADER = struct.pack("<HBB", 16, 0xDA, 0x27) + bytes(8) + b"CmnD"


def package(items: list[tuple[str, bytes]]) -> bytes:
    """A tiny ICU common data package, laid out by hand the way icupkg does it."""
    return slim.write_icu_package(HEADER, items)


def test_package_layout_matches_icupkg_by_hand() -> None:
    """ICU finds items by TOC offsets from the header's end: one wrong offset loses all data."""
    blob = package([("icudt73l/a.res", b"AB"), ("icudt73l/zz.res", b"C")])
    # TOC: count 2 + 2 entries of 8 bytes = 20; names "icudt73l/a.res\0" (15) and
    # "icudt73l/zz.res\0" (16) end at 51, padded to 64: items at 64 and 80.
    assert struct.unpack_from("<IIIII", blob, 16) == (2, 20, 64, 35, 80)
    assert blob[16 + 64 : 16 + 80] == b"AB" + b"\xaa" * 14
    assert blob[16 + 80 :] == b"C" + b"\xaa" * 15
    assert len(blob) == 16 + 96


def test_read_then_write_gives_the_same_bytes() -> None:
    """The trim rewrites Qt's 32 MB package; a lossless round trip proves the format is right."""
    blob = package([("icudt73l/coll/de.res", b"x" * 33), ("icudt73l/root.res", b"r")])
    header, items = slim.read_icu_package(blob)
    assert header == HEADER
    assert [name for name, _ in items] == ["icudt73l/coll/de.res", "icudt73l/root.res"]
    assert slim.write_icu_package(header, items) == blob


def test_trim_keeps_what_qt_reaches_and_drops_the_rest() -> None:
    """Collation, zones, codecs and locale data stay; display names and dictionaries go."""
    kept = ["icudt73l/coll/sv.res", "icudt73l/zone/en.res", "icudt73l/ibm-912_P100-1995.cnv"]
    kept += ["icudt73l/root.res", "icudt73l/cnvalias.icu", "icudt73l/lang.res"]
    dropped = ["icudt73l/brkitr/cjdict.dict", "icudt73l/lang/de.res", "icudt73l/curr/hu.res"]
    dropped += ["icudt73l/unit/fr.res", "icudt73l/region/pl.res", "icudt73l/translit/root.res"]
    dropped += ["icudt73l/rbnf/en.res"]

    def data(name: str) -> bytes:
        return converter(1) if name.endswith(".cnv") else name.encode()

    blob = package([(name, data(name)) for name in sorted(kept + dropped)])
    _, items = slim.read_icu_package(slim.trim_icu_data(blob))
    assert [name for name, _ in items] == sorted(kept)
    assert all(item.rstrip(b"\xaa") == data(name).rstrip(b"\xaa") for name, item in items)


def test_not_icu_data_is_refused() -> None:
    """Rebuilding a library from something else would ship a broken QtCore."""
    with pytest.raises(ValueError, match="CmnD"):
        slim.read_icu_package(struct.pack("<H", 16) + bytes(14) + bytes(4))


def test_strip_touches_qt_and_pyside_only(tmp_path: Path) -> None:
    """Stripping NumPy's OpenBLAS breaks ``import numpy``: it must never be in the list."""
    files = [
        "PySide6/Qt/lib/libQt6Core.so.6",
        "PySide6/Qt/lib/libicuuc.so.73",
        "PySide6/QtCore.abi3.so",
        "shiboken6/Shiboken.abi3.so",
        "numpy.libs/libscipy_openblas64_-32a4b2a6.so",
        "numpy/_core/_multiarray_umath.cpython-311-x86_64-linux-gnu.so",
        "libpython3.11.so.1.0",
    ]
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"\x7fELF")
    stripped = [
        path.relative_to(tmp_path).as_posix() for path in slim.qt_binaries_to_strip(tmp_path)
    ]
    assert stripped == sorted(files[:4])


def converter(max_bytes_per_char: int) -> bytes:
    """A .cnv item: a 32-byte data header, then UConverterStaticData up to maxBytesPerChar."""
    return struct.pack("<H", 32) + bytes(30) + bytes(71) + bytes([max_bytes_per_char]) + bytes(8)


def test_only_multibyte_codepages_are_dropped() -> None:
    """ISO-8859-2 and windows-1250 must keep working; Shift_JIS-style tables go."""
    assert slim.is_multibyte_converter("icudt73l/ibm-943_P15A-2003.cnv", converter(2))
    assert not slim.is_multibyte_converter("icudt73l/ibm-912_P100-1995.cnv", converter(1))
    assert not slim.is_multibyte_converter("icudt73l/coll/ja.res", converter(2))
    blob = package([("icudt73l/a-sbcs.cnv", converter(1)), ("icudt73l/b-mbcs.cnv", converter(2))])
    _, items = slim.read_icu_package(slim.trim_icu_data(blob))
    assert [name for name, _ in items] == ["icudt73l/a-sbcs.cnv"]
