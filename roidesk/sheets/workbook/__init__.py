"""The workspace workbook (SPEC "The workspace workbook"): the export of every table
(:mod:`.export`), the blank template (:mod:`.template`) and the import, which reads
(:mod:`.cells`), checks every cell (:mod:`.plan`) and writes all of it or nothing
(:mod:`.importer`). Reading uses python-calamine (fast); writing uses openpyxl."""

from __future__ import annotations

from roidesk.sheets.workbook.cells import SheetRows, read_contract_sheets
from roidesk.sheets.workbook.export import WorkbookExport, export_workbook
from roidesk.sheets.workbook.importer import WorkbookImport, import_workbook
from roidesk.sheets.workbook.template import write_template

__all__ = [
    "SheetRows",
    "WorkbookExport",
    "WorkbookImport",
    "export_workbook",
    "import_workbook",
    "read_contract_sheets",
    "write_template",
]
