"""Cached values for formula cells, which openpyxl cannot write.

openpyxl saves a formula as ``<c r="B7"><f>B5-B6</f><v /></c>``: a reader that does not
recalculate (a previewer, pandas, openpyxl with ``data_only=True``, Excel in manual mode) sees
nothing. :func:`add_cached_values` rewrites the saved package so every formula cell we know
the value of carries it in ``<v>``, as Excel itself would have saved it.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_FORMULA_CELL = re.compile(r'<c r="([A-Z]{1,3}[0-9]+)"([^>]*)><f>([^<]*)</f><v\s*/>')

CachedValue = float | int | str | bool


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title → the path of its XML part inside the package."""
    book = ElementTree.fromstring(package.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(package.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{_PKG_REL}Relationship")}
    out = {}
    for sheet in book.iter(f"{_MAIN}sheet"):
        target = targets[sheet.get(f"{_REL}id")]
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        out[sheet.get("name", "")] = path
    return out


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fill(xml: str, values: dict[str, CachedValue]) -> str:
    def replace(match: re.Match[str]) -> str:
        ref, attributes, formula = match.groups()
        if ref not in values:
            return match.group(0)
        value = values[ref]
        if isinstance(value, bool):
            kind, text = ' t="b"', "1" if value else "0"
        elif isinstance(value, int | float):
            kind, text = "", repr(float(value)) if isinstance(value, float) else str(value)
        else:
            kind, text = ' t="str"', _escape(value)
        attributes = re.sub(r'\s+t="[^"]*"', "", attributes)
        return f'<c r="{ref}"{attributes}{kind}><f>{formula}</f><v>{text}</v>'

    return _FORMULA_CELL.sub(replace, xml)


def add_cached_values(
    package: Path | BinaryIO, values: dict[str, dict[str, CachedValue]], out: Path
) -> None:
    """Write ``package`` to ``out`` with ``values[sheet title][cell]`` as the cached result of
    those formula cells (``out`` is the caller's to make atomic: see ``sheets.files``)."""
    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest,
    ):
        parts = _sheet_parts(source)
        wanted = {parts[title]: cells for title, cells in values.items() if cells}
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename in wanted:
                data = _fill(data.decode("utf-8"), wanted[item.filename]).encode("utf-8")
            dest.writestr(item, data)
