"""Golden workspaces written as small workspace workbooks inside the tests (helpers)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

Sheets = dict[str, list[dict[str, Any]]]


def write_workbook(path: Path, sheets: Sheets) -> Path:
    """Write one sheet per table: header in row 1 (the keys used), one record per row."""
    book = Workbook()
    book.remove(book.active)
    for name, records in sheets.items():
        sheet = book.create_sheet(name)
        header: list[str] = []
        for record in records:
            header += [key for key in record if key not in header]
        sheet.append(header)
        for record in records:
            sheet.append([record.get(column) for column in header])
    book.save(path)
    return path


def campaign(name: str, start: date, end: date, **extra: Any) -> dict[str, Any]:
    """A Campaigns row."""
    return {"Name": name, "Start date": start, "End date": end, **extra}


def cost(day: date, amount: float | str | None, **extra: Any) -> dict[str, Any]:
    """A Costs row (category advertising unless given)."""
    return {"Date": day, "Category": "Advertising", "Amount": amount, **extra}
