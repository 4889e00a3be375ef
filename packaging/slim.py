"""Size cuts the spec applies to the collected Linux bundle (dist/roidesk/_internal) after COLLECT.

Two cuts, each measured with ``du -sh dist/roidesk`` (README, section packaging):

* ``strip --strip-unneeded`` on Qt's shared libraries (ICU included) and the PySide6/shiboken
  extension modules only. Never on NumPy: its wheel libraries are patched by auditwheel and
  stripping them breaks ``import numpy`` ("ELF load command address/offset not page-aligned").
* Qt's ICU data library (libicudata, 32 MB) is rebuilt with only the data Qt can reach. Qt calls
  four ICU services (``nm -D --undefined-only libQt6Core.so.6 | grep _73``): collation (ucol_*),
  locale case mapping (u_strToUpper/Lower), named text codecs (ucnv_*) and time zone names
  (ucal_*). Break-iterator dictionaries, unit, currency, language and region display names,
  transliteration and spelled-out number rules serve ICU APIs Qt never calls, so they go.
  So do the multi-byte (East Asian) legacy codepage tables (4.7 MB): Qt opens a converter only
  when code asks for a codec by name (QStringDecoder("Shift_JIS")), which neither roidesk nor
  pyqtgraph does; the single-byte codepages (ISO-8859-*, windows-125*, IBM-85*) stay, and
  UTF-8/16/32 and Latin-1 are built into Qt.
  The rebuilt library exports the same ``icudt73_dat`` symbol under the same soname; building
  it needs a C compiler (``cc``), without one the full library is kept and a warning printed.

The ICU common data format (a header, a sorted table of contents, 16-byte aligned items) is
read and written here, so the build needs no ICU tools.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

#: ICU data trees (``icudt73l/<tree>/…``) that no ICU service Qt calls ever opens.
DROPPED_ICU_TREES = frozenset({"brkitr", "unit", "curr", "lang", "region", "translit", "rbnf"})

ITEM_ALIGNMENT = 16
PADDING_BYTE = b"\xaa"


def keep_icu_item(name: str) -> bool:
    """Whether an ICU package item stays (``icudt73l/coll/de.res`` yes, ``…/lang/de.res`` no)."""
    parts = PurePosixPath(name).parts
    return not (len(parts) > 2 and parts[1] in DROPPED_ICU_TREES)


def is_multibyte_converter(name: str, data: bytes) -> bool:
    """Whether an item is a ``.cnv`` codepage table with characters of more than one byte."""
    if not name.endswith(".cnv"):
        return False
    header_size = struct.unpack_from("<H", data, 0)[0]
    # UConverterStaticData: structSize (4), name (60), codepage (4), platform, conversionType,
    # minBytesPerChar, then maxBytesPerChar.
    return data[header_size + 71] > 1


def read_icu_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split ICU common data into its header and (name, item bytes) pairs in TOC order."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    if blob[12:16] != b"CmnD":
        raise ValueError("not ICU common data (no CmnD data format)")
    count = struct.unpack_from("<I", blob, header_size)[0]
    entries = [struct.unpack_from("<II", blob, header_size + 4 + 8 * i) for i in range(count)]
    body = blob[header_size:]
    items = []
    for index, (name_offset, data_offset) in enumerate(entries):
        name = body[name_offset : body.index(b"\0", name_offset)].decode("ascii")
        end = entries[index + 1][1] if index + 1 < count else len(body)
        items.append((name, body[data_offset:end]))
    return blob[:header_size], items


def _padded(data: bytes) -> bytes:
    """Data padded with ICU's 0xAA bytes to the item alignment."""
    return data + PADDING_BYTE * (-len(data) % ITEM_ALIGNMENT)


def write_icu_package(header: bytes, items: Iterable[tuple[str, bytes]]) -> bytes:
    """ICU common data holding ``items`` (already in ICU's sorted order), as icupkg writes it."""
    items = list(items)
    toc_size = 4 + 8 * len(items)
    names = b""
    name_offsets = []
    for name, _ in items:
        name_offsets.append(toc_size + len(names))
        names += name.encode("ascii") + b"\0"
    data_start = len(_padded(bytes(toc_size) + names))
    toc = struct.pack("<I", len(items))
    data = b""
    for name_offset, (_, item) in zip(name_offsets, items, strict=True):
        toc += struct.pack("<II", name_offset, data_start + len(data))
        data += _padded(item)
    return header + _padded(toc + names) + data


def trim_icu_data(blob: bytes) -> bytes:
    """The ICU package without the items Qt never reaches."""
    header, items = read_icu_package(blob)
    kept = [
        (name, item)
        for name, item in items
        if keep_icu_item(name) and not is_multibyte_converter(name, item)
    ]
    return write_icu_package(header, kept)


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """(symbol name, file offset, size) of the ``icudtNN_dat`` blob in an ICU data library."""
    symbols = subprocess.run(
        ["readelf", "-Ws", "--dyn-syms", str(library)], capture_output=True, text=True, check=True
    ).stdout
    found = re.search(
        r":\s+([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+(icudt\d+_dat)",
        symbols,
    )
    if not found:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    address, size = int(found.group(1), 16), int(found.group(2), 0)
    sections = subprocess.run(
        ["readelf", "-SW", str(library)], capture_output=True, text=True, check=True
    ).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            return found.group(3), address - section_address + section_offset, size
    raise ValueError(f"{library}: no .rodata section")


def rebuild_icu_data_library(library: Path) -> bool:
    """Replace ``library`` by one holding the trimmed data; False (library untouched) without cc."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        print(f"warning: no C compiler, {library.name} kept whole (+20 MB)")
        return False
    symbol, offset, size = _data_symbol(library)
    blob = library.read_bytes()[offset : offset + size]
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "icudata.dat"
        data.write_bytes(trim_icu_data(blob))
        source = Path(folder) / "icudata.S"
        source.write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "{data}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        built = Path(folder) / library.name
        subprocess.run(
            [
                compiler,
                "-shared",
                "-nostdlib",
                f"-Wl,-soname,{library.name}",
                "-o",
                str(built),
                str(source),
            ],
            check=True,
        )
        shutil.copyfile(built, library)
    return True


def qt_binaries_to_strip(internal: Path) -> list[Path]:
    """Qt's libraries (ICU included) and the PySide6/shiboken extension modules; nothing else."""
    pyside = internal / "PySide6"
    candidates = [
        *(pyside / "Qt" / "lib").glob("*.so*"),
        *pyside.glob("*.so*"),
        *(internal / "shiboken6").glob("*.so*"),
        *internal.glob("libshiboken6*.so*"),
    ]
    return sorted(path for path in candidates if path.is_file() and not path.is_symlink())


def slim_linux_bundle(internal: Path) -> None:
    """Apply both cuts to a collected bundle's ``_internal`` folder."""
    for library in (internal / "PySide6" / "Qt" / "lib").glob("libicudata.so.*"):
        rebuild_icu_data_library(library)
    subprocess.run(
        ["strip", "--strip-unneeded", *map(str, qt_binaries_to_strip(internal))], check=True
    )
