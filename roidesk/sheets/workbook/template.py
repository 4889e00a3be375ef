"""The blank workspace workbook: the contract's sheets, with drop-down lists for the choices."""

from __future__ import annotations

from pathlib import Path

from roidesk.core.records import Settings
from roidesk.sheets import contract as c
from roidesk.sheets.files import write_atomically
from roidesk.sheets.workbook.export import DATE_FORMAT

#: Rows of each sheet given the drop-downs and date formats.
TEMPLATE_ROWS = 1000


def write_template(out: str | Path) -> None:
    """Write the blank template: the contract's sheets with drop-down lists for the choices."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    lists = book.create_sheet("Lists")
    list_ranges: dict[str, str] = {}
    for column, (name, values) in enumerate(c.CHOICES.items(), start=1):
        letter = get_column_letter(column)
        lists.cell(row=1, column=column, value=name).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            lists.cell(row=row, column=column, value=value)
        list_ranges[name] = f"Lists!${letter}$2:${letter}${len(values) + 1}"
    defaults = Settings()
    for sheet_name, columns in c.COLUMNS.items():
        sheet = book.create_sheet(sheet_name)
        sheet.freeze_panes = "A2"
        for index, header in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index, value=header)
            cell.font = Font(bold=True)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(len(header) + 4, 14)
            source = list_ranges.get(header)
            if source and sheet_name != c.SETTINGS:
                validation = DataValidation(type="list", formula1=source, allow_blank=True)
                validation.error = f"Choose one of the listed {header.lower()} values."
                validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS}")
                sheet.add_data_validation(validation)
            if header in ("Date", "End date", "Until", "Start date", "Deadline", "Valid from"):
                for row in range(2, TEMPLATE_ROWS + 1):
                    sheet.cell(row=row, column=index).number_format = DATE_FORMAT
        if sheet_name == c.SETTINGS:
            for row, (label, name) in enumerate(c.SETTING_ROWS.items(), start=2):
                sheet.cell(row=row, column=1, value=label)
                value = getattr(defaults, name)
                if name in ("currency", "gross_margin", "business_name"):
                    sheet.cell(row=row, column=2, value=value if name != "gross_margin" else 1)
    book.move_sheet("Lists", offset=len(book.sheetnames))
    write_atomically(out, book.save)
