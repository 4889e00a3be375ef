"""Cached values for formula cells, which openpyxl cannot write.

openpyxl saves a formula as ``<c r="B7"><f>B5-B6</f><v /></c>``: a reader that does not
recalculate (a previewer, pandas, openpyxl with ``data_only=True``, Excel in manual mode) sees
nothing. :func:`add_cached_values` rewrites the saved package so every formula cell we know
the value of carries it in ``<v>``, as Excel itself would have saved it.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
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


def add_cached_values(path: Path, values: dict[str, dict[str, CachedValue]]) -> None:
    """Write ``values[sheet title][cell]`` as the cached result of those formula cells."""
    with zipfile.ZipFile(path) as package:
        parts = _sheet_parts(package)
        wanted = {parts[title]: cells for title, cells in values.items() if cells}
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".xlsx.part")
        os.close(handle)
        try:
            with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as out:
                for item in package.infolist():
                    data = package.read(item.filename)
                    if item.filename in wanted:
                        data = _fill(data.decode("utf-8"), wanted[item.filename]).encode("utf-8")
                    out.writestr(item, data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
