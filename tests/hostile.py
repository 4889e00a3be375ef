"""Hostile spreadsheets, written by the tests themselves (nothing downloaded, nothing committed
as a binary): zip bombs, lying counts, far corners, entity tricks, broken XML, huge numbers,
endless lines and blank runs. Each ``write_*`` function writes one file and returns its path.

xlsx files are put together part by part (:func:`write_xlsx`), so that a test can say exactly
what each part holds; bombs are raw deflate streams repeated (:func:`repeated_deflate`), so a
few MB stand for GBs without the GBs ever being in memory or on disk.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_R}">'
    '<sheets><sheet name="Report" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
#: A Meta-like header every xlsx here starts with, so the importer maps its columns.
HEADERS = ("Campaign name", "Day", "Amount spent (EUR)", "Impressions")


@dataclass
class Entry:
    """One part of a zip: raw deflate data and what it says about itself."""

    name: str
    deflated: bytes
    crc: int
    size: int  # the uncompressed size the headers declare


def deflated(data: bytes) -> Entry:
    """An honest entry: compressed, its CRC and size true (the name is set by the caller)."""
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return Entry("", packer.compress(data) + packer.flush(), zlib.crc32(data), len(data))


def repeated_deflate(piece: bytes, times: int, head: bytes = b"") -> Entry:
    """``head + piece * times`` as one raw deflate stream without ever building it: each
    compressed once with a full flush (no reference to earlier data, byte aligned), the
    piece's blocks repeated, then an empty final block. The CRC is left 0: a reader that
    inflates it all learns that only at the end."""
    blocks = []
    for part in (head, piece):
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        blocks.append(packer.compress(part) + packer.flush(zlib.Z_FULL_FLUSH))
    ending = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    return Entry("", blocks[0] + blocks[1] * times + ending, 0, len(head) + len(piece) * times)


def write_zip(path: Path, entries: Iterable[Entry]) -> Path:
    """A zip of deflated entries, written header by header (sizes as each entry declares)."""
    local, central, count = bytearray(), bytearray(), 0
    for entry in entries:
        name = entry.name.encode()
        offset = len(local)
        sizes = (entry.crc, len(entry.deflated), min(entry.size, 0xFFFFFFFF))
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, *sizes, len(name), 0)
        local += name + entry.deflated
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, *sizes, len(name),
            0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += name
        count += 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(central), len(local), 0)
    path.write_bytes(bytes(local + central + end))
    return path


def _named(name: str, entry: Entry) -> Entry:
    entry.name = name
    return entry


def cell(reference: str, value: str | float, kind: str = "") -> str:
    """One ``<c>``: a number, or text inline (``kind="inlineStr"``), or as ``kind`` says."""
    if kind == "inlineStr" or (isinstance(value, str) and not kind):
        return f'<c r="{reference}" t="inlineStr"><is><t>{value}</t></is></c>'
    kind_attribute = f' t="{kind}"' if kind else ""
    return f'<c r="{reference}"{kind_attribute}><v>{value}</v></c>'


def header_row() -> str:
    """The header row, A1:D1."""
    cells = "".join(cell(f"{c}1", h) for c, h in zip("ABCD", HEADERS, strict=True))
    return f'<row r="1">{cells}</row>'


def sheet_xml(rows: str, dimension: str | None = "A1:D2", prolog: str = "") -> bytes:
    """A worksheet part around ``rows`` (``<row>`` elements), header row first."""
    dimension_element = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{_MAIN}">'
        f"{dimension_element}<sheetData>{header_row()}{rows}</sheetData></worksheet>"
    ).encode()


def data_row(number: int, spend: str, kind: str = "n", day: str = "2025-01-0{n}") -> str:
    """A row of the Meta-like table whose spend cell is ``spend`` (a raw ``<c>`` or a value)."""
    spend_cell = spend if spend.startswith("<c") else cell(f"C{number}", spend, kind)
    return (
        f'<row r="{number}">{cell(f"A{number}", "Spring")}'
        f"{cell(f'B{number}', day.format(n=min(number, 9)))}{spend_cell}"
        f"{cell(f'D{number}', 100)}</row>"
    )


def write_xlsx(
    path: Path,
    sheet: bytes | Entry,
    shared_strings: bytes | Entry | None = None,
    workbook: str = _WORKBOOK,
) -> Path:
    """An xlsx whose one sheet part is ``sheet`` (and shared strings, where given)."""
    parts = [
        _named("[Content_Types].xml", deflated(_CONTENT_TYPES.encode())),
        _named("_rels/.rels", deflated(_ROOT_RELS.encode())),
        _named("xl/workbook.xml", deflated(workbook.encode())),
        _named("xl/_rels/workbook.xml.rels", deflated(_WORKBOOK_RELS.encode())),
        _named("xl/worksheets/sheet1.xml", sheet if isinstance(sheet, Entry) else deflated(sheet)),
    ]
    if shared_strings is not None:
        strings = shared_strings if isinstance(shared_strings, Entry) else deflated(shared_strings)
        parts.append(_named("xl/sharedStrings.xml", strings))
    return write_zip(path, parts)


# -------------------------------------------------------------------------------- the corpus


def good_xlsx(path: Path) -> Path:
    """A plain two-row export (the control: imported)."""
    return write_xlsx(path, sheet_xml(data_row(2, "12.5")))


_BOMB_PIECE = ('<row><c t="inlineStr"><is><t>Spring</t></is></c></row>' * 20_000).encode()
_BOMB_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>'
).encode()


def xlsx_bomb(path: Path, gigabytes: int = 2, lying: bool = False) -> Path:
    """A sheet part of a few MB that unpacks to GBs of rows, its size declared honestly (or,
    ``lying``, as three times its stored size: a reader trusting that is fooled)."""
    bomb = repeated_deflate(_BOMB_PIECE, (gigabytes << 30) // len(_BOMB_PIECE), _BOMB_HEAD)
    if lying:
        bomb.size = len(bomb.deflated) * 3
    return write_xlsx(path, bomb)


def many_entries(path: Path, count: int = 20_000) -> Path:
    """An xlsx of 20,000 tiny parts."""
    parts = [_named(f"xl/media/{n}.xml", deflated(b"<a/>")) for n in range(count)]
    return write_zip(path, parts)


def lying_shared_strings(path: Path) -> Path:
    """One shared string, declared as two billion (a reader reserving that many dies)."""
    strings = (
        f'<?xml version="1.0"?><sst xmlns="{_MAIN}" count="2000000000" '
        'uniqueCount="2000000000"><si><t>Spring</t></si></sst>'
    ).encode()
    rows = data_row(2, "12.5").replace(
        '<c r="A2" t="inlineStr"><is><t>Spring</t></is></c>', '<c r="A2" t="s"><v>0</v></c>'
    )
    return write_xlsx(path, sheet_xml(rows), strings)


def far_corner(path: Path, declared: bool = True) -> Path:
    """Data in A1:D2 and one cell at XFD1048576, the dimension saying so (or absent)."""
    rows = data_row(2, "12.5") + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return write_xlsx(path, sheet_xml(rows, "A1:XFD1048576" if declared else None))


def beyond_excel(path: Path) -> Path:
    """A dimension past Excel's last cell."""
    return write_xlsx(path, sheet_xml(data_row(2, "12.5"), "A1:ZZZZ99999999"))


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)
EXTERNAL_ENTITY = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def billion_laughs(path: Path, part: str = "sheet") -> Path:
    """Entity definitions that expand to GBs, in the sheet or the shared strings."""
    if part == "sheet":
        return write_xlsx(path, sheet_xml(data_row(2, "&lol9;"), prolog=BILLION_LAUGHS))
    strings = (
        f'<?xml version="1.0"?>{BILLION_LAUGHS}<sst xmlns="{_MAIN}" count="1" uniqueCount="1">'
        "<si><t>&lol9;</t></si></sst>"
    ).encode()
    return write_xlsx(path, sheet_xml(data_row(2, "12.5")), strings)


def external_entity(path: Path) -> Path:
    """A campaign name that would be /etc/passwd, were entities expanded."""
    rows = data_row(2, "12.5").replace("<t>Spring</t>", "<t>&xxe;</t>")
    return write_xlsx(path, sheet_xml(rows, prolog=EXTERNAL_ENTITY))


def malformed_xml(path: Path) -> Path:
    """A sheet whose XML breaks off inside a cell."""
    whole = sheet_xml(data_row(2, "12.5"))
    return write_xlsx(path, whole[: len(whole) - 60] + b"<c r=")


def malformed_references(path: Path) -> Path:
    """Cell references that name no cell (``1A``, ``ZZZZZ0``, ``A-5``)."""
    rows = (
        '<row r="2"><c r="1A"><v>1</v></c><c r="ZZZZZ0"><v>2</v></c><c r="A-5"><v>3</v></c></row>'
    )
    return write_xlsx(path, sheet_xml(rows))


def truncated_zip(path: Path) -> Path:
    """A good xlsx cut off half-way (an interrupted download)."""
    good = good_xlsx(path)
    data = good.read_bytes()
    good.write_bytes(data[: len(data) // 2])
    return good


def xlsx_with_spend(path: Path, spend: str, kind: str = "n") -> Path:
    """A one-row export whose spend cell holds ``spend`` (``kind`` its ``t`` attribute)."""
    return write_xlsx(path, sheet_xml(data_row(2, spend, kind)))


def formula_without_value(path: Path) -> Path:
    """A spend cell holding ``=10*2`` and no saved result (as openpyxl writes formulas)."""
    return write_xlsx(path, sheet_xml(data_row(2, '<c r="C2"><f>10*2</f><v /></c>')))


def xlsx_dated(path: Path, day: str) -> Path:
    """A one-row export dated ``day`` (text)."""
    return write_xlsx(path, sheet_xml(data_row(2, "12.5", day=day)))


CSV_HEADER = "Campaign name,Day,Amount spent (EUR),Impressions\n"


def csv_with(path: Path, *rows: str) -> Path:
    """A Meta-like CSV with these data lines."""
    path.write_text(CSV_HEADER + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def long_line_csv(path: Path, megabytes: int = 10) -> Path:
    """A CSV that is one line of 10 MB."""
    path.write_bytes(b"Campaign name," + b"x" * (megabytes << 20))
    return path


def blank_run_csv(path: Path, megabytes: int, data_after: bool) -> Path:
    """A CSV of one row, then ``megabytes`` of lines holding only commas (then one more row)."""
    filler = b",,,,\n" * (1 << 18)  # 1.25 MB a write
    with path.open("wb") as out:
        out.write((CSV_HEADER + "Spring,2025-01-01,12.5,100\n").encode())
        for _ in range(int(megabytes / 1.25)):
            out.write(filler)
        if data_after:
            out.write(b"Spring,2025-01-02,7.5,100\n")
    return path


def long_csv_bad_last_cell(path: Path, rows: int = 200_000) -> Path:
    """200,000 good rows and, in the last, a spend of ``12,5x``."""
    with path.open("w", encoding="utf-8") as out:
        out.write(CSV_HEADER)
        for n in range(rows - 1):
            out.write(f"Campaign {n % 40},2025-01-{n % 28 + 1:02d},{n % 997}.25,{n % 5000}\n")
        out.write('Campaign 1,2025-01-28,"12,5x",10\n')
    return path
