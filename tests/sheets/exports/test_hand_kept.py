"""An owner's own tracker (title rows, week bands, the header repeated per block, merged
labels, money as text with a currency prefix, a date range in one cell) imports its data rows
and lists the rest; a row that cannot be read is named with its reason."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from roidesk.core.problems import InputError
from roidesk.sheets.exports.importer import import_export
from roidesk.storage import Workspace

HEADER = ["Campaign", "Date", "Spend", "Impressions", "Link clicks", "Leads"]


def _tracker(tmp_path: Path, last_row: list | None = None) -> Path:
    """Café Mila's tracker: rows 1–2 title and note, bands in rows 4, 9 and 13 (merged across),
    headers in rows 5, 10 and 14, a 'Week 3' label row (12) and four data rows."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026"
    rows: list[list] = [
        ["Café Mila – social media tracker 2026"],
        ["Kept by Mila; money in euro"],
        [],
        ["Week 1"],
        HEADER,
        ["Brunch", "05/01/2026 – 11/01/2026", "€ 12.50", 1200, 30, 2],
        ["Lunch", "05/01/2026 – 11/01/2026", "€ 7.25", 800, 12, 1],
        [],
        ["Week 2"],
        HEADER,
        ["Brunch", "12/01/2026 – 18/01/2026", "€ 20.00", 1500, 45, 3],
        ["Week 3", "no posts (holiday)"],
        ["Week 4"],
        HEADER,
        ["Lunch", "19/01/2026 – 25/01/2026", "EUR 9.00", 600, 9, 0],
    ]
    if last_row is not None:
        rows.append(last_row)
    for row in rows:
        sheet.append(row)
    for band in (1, 4, 9, 13):
        sheet.merge_cells(start_row=band, start_column=1, end_row=band, end_column=6)
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    return path


def test_hand_kept_tracker_imports_its_data_rows(tmp_path: Path, workspace: Workspace) -> None:
    """Four data rows become results dated their range's first day, each spend a cost over
    its range; bands, repeated headers and the label row are left out and listed."""
    done = import_export(workspace, _tracker(tmp_path))
    names = {c.id: c.name for c in workspace.campaigns()}
    found = sorted(
        (r.date, names[r.campaign_id], r.impressions, r.link_clicks, r.leads)
        for r in workspace.results()
    )
    assert found == [
        (date(2026, 1, 5), "Brunch", 1200, 30, 2),
        (date(2026, 1, 5), "Lunch", 800, 12, 1),
        (date(2026, 1, 12), "Brunch", 1500, 45, 3),
        (date(2026, 1, 19), "Lunch", 600, 9, 0),
    ]
    costs = sorted((c.start, c.end, c.total) for c in workspace.costs())
    assert costs == [
        (date(2026, 1, 5), date(2026, 1, 11), Decimal("7.2500")),
        (date(2026, 1, 5), date(2026, 1, 11), Decimal("12.5000")),
        (date(2026, 1, 12), date(2026, 1, 18), Decimal("20.0000")),
        (date(2026, 1, 19), date(2026, 1, 25), Decimal("9.0000")),
    ]
    assert done.rows_imported == 4
    assert done.period == (date(2026, 1, 5), date(2026, 1, 25))
    assert done.skipped == {
        "band rows (the label of the block below them)": [9, 13],
        "repeated header rows": [10, 14],
        "label rows (text where the numbers go, e.g. a week's or month's name)": [12],
    }
    lines = "\n".join(done.lines())
    assert "left out 2 band rows" in lines and "(rows 9, 13)" in lines


def test_unreadable_row_named_with_its_reason(tmp_path: Path, workspace: Workspace) -> None:
    """A data row whose spend is not money is named by sheet, row and column: nothing stored,
    and no label row is blamed."""
    bad = ["Lunch", "26/01/2026 – 01/02/2026", "€ about ten", 100, 1, 0]
    with pytest.raises(InputError) as raised:
        import_export(workspace, _tracker(tmp_path, bad))
    message = str(raised.value)
    assert "sheet '2026'" in message and "row 16" in message and "Spend" in message
    assert "Week" not in message
    assert workspace.result_count() == 0


def test_label_row_in_an_undated_sheet_is_named_as_such(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Without dates a 'Week 4' row cannot be left out safely: the message says it looks like
    a label row, never a bare "'Week 4' is not a number"; nothing is stored."""
    path = tmp_path / "weeks.csv"
    path.write_text("Campaign,Impressions,Link clicks\nA,100,3\nWeek 4,Week 4,\nB,50,1\n")
    with pytest.raises(InputError) as raised:
        import_export(workspace, path, period=(date(2026, 1, 1), date(2026, 1, 31)))
    [problem] = raised.value.problems
    assert problem.row == 3 and problem.column == "Impressions"
    assert problem.reason.startswith("the row holds only text, like a label or note, not data")
    assert workspace.result_count() == 0
