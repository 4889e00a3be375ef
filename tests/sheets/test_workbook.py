"""The workspace workbook: round trip, all-or-nothing import, every problem listed, safe text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from roidesk.core.problems import InputError
from roidesk.core.records import (
    Campaign,
    Client,
    Cost,
    CostCategory,
    Goal,
    OtherReturn,
    OtherReturnKind,
    Repeat,
    Result,
    Settings,
    Valuation,
)
from roidesk.sheets import contract
from roidesk.sheets.workbook import export_workbook, import_workbook, write_template
from roidesk.storage import Workspace

#: The Results header before ``Source`` was added: these workbooks still import as before.
RESULTS_HEADER_OF_OLD_WORKBOOKS = [
    column
    for column in contract.COLUMNS["Results"]
    if column not in contract.OPTIONAL_COLUMNS["Results"]
]


def cell_values(path: Path) -> dict[str, list[list[Any]]]:
    """Every cell value of every sheet."""
    book = load_workbook(path)
    return {
        name: [[c.value for c in row] for row in book[name].iter_rows()] for name in book.sheetnames
    }


def write_book(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook written in the test: sheet → rows (first row = header)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def table_counts(workspace: Workspace) -> dict[str, int]:
    """Row counts of every table."""
    names = [
        "settings",
        "clients",
        "campaigns",
        "goals",
        "costs",
        "results",
        "valuations",
        "other_returns",
        "import_batches",
        "result_months",
    ]
    return {n: workspace.db.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}


def tricky_workspace(workspace: Workspace) -> Workspace:
    """Non-ASCII names, 0.10 three times, month ends and a leap day, a formula-like name."""
    workspace.save_settings(Settings("Kávézó Ørsted–Łódź", "HUF", Decimal("0.4")))
    client = workspace.add_client(Client("Bäckerei Müller", "Größte Kundin"))
    campaign = workspace.add_campaign(
        Campaign(
            '=HYPERLINK("http://x","y")',
            date(2024, 1, 31),
            date(2024, 2, 29),
            client_id=client.id,
            platforms=("Facebook", "TikTok"),
            budget=Decimal("0.10"),
        )
    )
    for day in (date(2024, 1, 31), date(2024, 2, 29), date(2023, 2, 28)):
        workspace.add_cost(
            Cost(
                day,
                CostCategory.ADVERTISING,
                amount=Decimal("0.10"),
                campaign_id=campaign.id,
                platform="Facebook",
            )
        )
    workspace.add_cost(
        Cost(
            date(2024, 1, 31),
            CostCategory.TOOLS,
            amount=Decimal("12.99"),
            repeat=Repeat.MONTHLY,
            until=date(2024, 12, 31),
        )
    )
    workspace.add_cost(
        Cost(
            date(2024, 2, 1),
            CostCategory.STAFF,
            hours=Decimal("1.5"),
            hourly_rate=Decimal("8500"),
            description="-Ådne's hours",
        )
    )
    workspace.add_results(
        [
            Result(
                date(2024, 2, 29),
                "TikTok",
                campaign.id,
                impressions=1000,
                link_clicks=7,
                revenue=Decimal("0.10"),
            ),
            Result(date(2024, 2, 29), "TikTok", campaign.id, link_clicks=40, source="paid"),
        ]
    )
    workspace.add_valuation(
        Valuation("leads", date(2024, 2, 29), Decimal("1500"), "Facebook", "@ Łukasz")
    )
    workspace.add_valuation(
        Valuation(
            "link_clicks",
            date(2024, 1, 1),
            Decimal("0.40"),
            low=Decimal("0.25"),
            high=Decimal("0.60"),
            applies_to="all",
        )
    )
    workspace.add_other_return(
        OtherReturn(date(2024, 12, 31), Decimal("0.10"), description="+ żółć")
    )
    return workspace


def test_round_trip_gives_identical_cells(workspace: Workspace, tmp_path: Path) -> None:
    """Export → import into an empty workspace → export again: the same cell values."""
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    export_workbook(tricky_workspace(workspace), first)
    with Workspace.create(tmp_path / "copy.roidesk") as copy:
        import_workbook(copy, first)
        export_workbook(copy, second)
        assert [c.amount for c in copy.costs()][:3] == [Decimal("0.10")] * 3
        assert copy.results()[0].date == date(2024, 2, 29)
        assert copy.settings().business_name == "Kávézó Ørsted–Łódź"
    assert cell_values(first) == cell_values(second)


def test_round_trip_keeps_sources_and_valuation_ranges(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Source, Low, High and Applies to are written and read back as they were."""
    out = tmp_path / "out.xlsx"
    export_workbook(tricky_workspace(workspace), out)
    with Workspace.create(tmp_path / "copy.roidesk") as copy:
        import_workbook(copy, out)
        assert [r.source for r in copy.results()] == [None, "paid"]
        assert [(v.low, v.high, v.applies_to) for v in copy.valuations()] == [
            (None, None, None),
            (Decimal("0.25"), Decimal("0.60"), "all"),
        ]
    header = cell_values(out)["Valuations"][0]
    assert header == list(contract.COLUMNS["Valuations"])
    assert header[4:7] == ["Low", "High", "Applies to"]


def test_old_workbook_without_the_new_columns_imports_as_before(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A workbook written before Source, Low, High and Applies to: organic-by-default results
    (no source) and valuations at their one value and their metric's default."""
    path = write_book(
        tmp_path / "old.xlsx",
        {
            "Results": [RESULTS_HEADER_OF_OLD_WORKBOOKS, ["2026-03-01", None, "Facebook", None, 5]],
            "Valuations": [
                ["Metric", "Platform", "Valid from", "Value per unit", "Note"],
                ["Link clicks", None, "2026-01-01", 0.4, "old"],
            ],
        },
    )
    import_workbook(workspace, path)
    (result,) = workspace.results()
    assert (result.impressions, result.source) == (5, None)
    (valuation,) = workspace.valuations()
    assert (valuation.value_per_unit, valuation.note) == (Decimal("0.4"), "old")
    assert (valuation.low, valuation.high, valuation.applies_to) == (None, None, None)


def test_valuation_range_must_hold_the_value(workspace: Workspace, tmp_path: Path) -> None:
    """Low above the value and an unknown 'Applies to' are named by row and column; a Source
    that is neither paid nor organic too; nothing is written."""
    path = write_book(
        tmp_path / "range.xlsx",
        {
            "Valuations": [
                list(contract.COLUMNS["Valuations"]),
                ["Leads", None, "2026-01-01", 20, 25, 30, None, None],
                ["Leads", None, "2026-01-01", 20, 10, 15, "everyone", None],
            ],
            "Results": [
                list(contract.COLUMNS["Results"]),
                ["2026-03-01", None, "Facebook", "bought", None, 5],
            ],
        },
    )
    with pytest.raises(InputError) as caught:
        import_workbook(workspace, path)
    problems = caught.value.problems
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Results", 2, "Source"),
        ("Valuations", 2, "Low"),
        ("Valuations", 3, "High"),
        ("Valuations", 3, "Applies to"),
    ]
    assert "25 is above the value per unit (20)" in problems[1].reason
    assert workspace.valuations() == [] and workspace.result_count() == 0


def test_export_writes_formula_like_text_as_text(workspace: Workspace, tmp_path: Path) -> None:
    """A campaign named like a formula, and text starting with - + @, stay text."""
    out = tmp_path / "out.xlsx"
    export_workbook(tricky_workspace(workspace), out)
    book = load_workbook(out)
    name_cell = book["Campaigns"]["A2"]
    assert name_cell.data_type == "s"
    assert name_cell.value == '=HYPERLINK("http://x","y")'
    assert book["Costs"]["H6"].value == "-Ådne's hours"
    assert book["Costs"]["H6"].data_type == "s"


def test_export_uses_contract_sheets_and_headers(workspace: Workspace, tmp_path: Path) -> None:
    """The sheet names and header rows are exactly the contract's."""
    out = tmp_path / "out.xlsx"
    export_workbook(workspace, out)
    values = cell_values(out)
    assert list(values) == list(contract.COLUMNS)
    for sheet, columns in contract.COLUMNS.items():
        assert tuple(values[sheet][0]) == columns
    assert isinstance(values["Costs"][0][0], str)


def test_rate_goals_show_in_percent_and_round_trip_as_fractions(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A CTR goal's 0.007 → 0.009 is written as the fraction, shown by Excel in % as the window
    shows it; a leads goal stays a number; importing the file gives the same goals back."""
    campaign = workspace.add_campaign(Campaign("Spring", date(2026, 1, 1), date(2026, 3, 31)))
    assert campaign.id is not None
    workspace.add_goal(
        Goal(campaign.id, "ctr", Decimal("0.007"), Decimal("0.009"), date(2026, 3, 31))
    )
    workspace.add_goal(Goal(campaign.id, "leads", Decimal(0), Decimal(400), date(2026, 3, 31)))
    out = tmp_path / "out.xlsx"
    export_workbook(workspace, out)
    sheet = load_workbook(out)["Goals"]
    assert [sheet["C2"].value, sheet["D2"].value] == [0.007, 0.009]
    assert sheet["C2"].number_format == sheet["D2"].number_format == "0.00##%"
    assert "%" not in sheet["D3"].number_format and sheet["D3"].value == 400
    with Workspace.create(tmp_path / "copy.roidesk") as copy:
        import_workbook(copy, out)
        assert [(g.kpi, g.baseline, g.target) for g in copy.goals()] == [
            ("ctr", Decimal("0.007"), Decimal("0.009")),
            ("leads", Decimal(0), Decimal(400)),
        ]


def test_other_return_kinds_round_trip(workspace: Workspace, tmp_path: Path) -> None:
    """A referral and a return of no kind: the Kind column reads "Referral" and blank, and
    importing the file gives the same kinds back (stored as the enum's value)."""
    workspace.add_other_return(
        OtherReturn(date(2026, 1, 5), Decimal(300), kind=OtherReturnKind.REFERRAL.value)
    )
    workspace.add_other_return(OtherReturn(date(2026, 1, 6), Decimal(40)))
    out = tmp_path / "out.xlsx"
    export_workbook(workspace, out)
    rows = cell_values(out)["Other returns"]
    assert rows[0][3] == "Kind" and [row[3] for row in rows[1:]] == ["Referral", None]
    with Workspace.create(tmp_path / "copy.roidesk") as copy:
        import_workbook(copy, out)
        assert [o.kind for o in copy.other_returns()] == ["referral", None]


def test_other_returns_without_kind_import_and_a_wrong_kind_is_named(
    workspace: Workspace, tmp_path: Path
) -> None:
    """An older workbook without a Kind column imports as before (no kind); a kind the list
    does not have is refused, naming the sheet, row and column, and nothing is written."""
    old = write_book(
        tmp_path / "old.xlsx",
        {"Other returns": [["Date", "Amount", "Description"], [date(2026, 1, 5), 120, "walk-in"]]},
    )
    import_workbook(workspace, old)
    assert [(o.amount, o.kind) for o in workspace.other_returns()] == [(Decimal(120), None)]
    bad = write_book(
        tmp_path / "bad.xlsx",
        {"Other returns": [["Date", "Kind", "Amount"], [date(2026, 1, 6), "lottery", 5]]},
    )
    with pytest.raises(InputError) as raised:
        import_workbook(workspace, bad)
    (problem,) = raised.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Other returns", 2, "Kind")
    assert "'lottery' is not one of" in problem.reason
    assert len(workspace.other_returns()) == 1


def test_dates_are_real_excel_dates(workspace: Workspace, tmp_path: Path) -> None:
    """Dates are written as Excel dates, not text."""
    out = tmp_path / "out.xlsx"
    export_workbook(tricky_workspace(workspace), out)
    cell = load_workbook(out)["Results"]["A2"]
    assert cell.is_date and cell.value.date() == date(2024, 2, 29)


def test_three_bad_cells_give_three_messages_and_change_nothing(
    workspace: Workspace, tmp_path: Path
) -> None:
    """Every bad cell is named (sheet, row, column, reason) and the workspace stays as it was."""
    workspace.add_client(Client("Before"))
    before = table_counts(workspace)
    path = write_book(
        tmp_path / "bad.xlsx",
        {
            "Costs": [
                list(contract.COLUMNS["Costs"]),
                [
                    "2026-01-05",
                    None,
                    None,
                    None,
                    "Spring",
                    "Facebook",
                    "Advertising",
                    "ok",
                    "12,50",
                    None,
                    None,
                ],
                [
                    "5th of May",
                    None,
                    None,
                    None,
                    "Spring",
                    None,
                    "Advertising",
                    None,
                    10,
                    None,
                    None,
                ],
                ["2026-01-06", None, None, None, "Spring", None, "Lunch", None, 10, None, None],
            ],
            "Results": [
                RESULTS_HEADER_OF_OLD_WORKBOOKS,
                ["2026-01-05", "Spring", "Facebook", None, "many"],
            ],
        },
    )
    with pytest.raises(InputError) as caught:
        import_workbook(workspace, path)
    problems = caught.value.problems
    assert [(p.sheet, p.row, p.column) for p in problems] == [
        ("Costs", 3, "Date"),
        ("Costs", 4, "Category"),
        ("Results", 2, "Impressions"),
    ]
    assert all(p.file == "bad.xlsx" and p.reason for p in problems)
    assert "not a date" in problems[0].reason
    assert table_counts(workspace) == before


def test_import_fails_at_last_row_leaves_tables_unchanged(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A workbook whose very last row is bad writes nothing at all."""
    rows = [RESULTS_HEADER_OF_OLD_WORKBOOKS]
    rows += [[f"2026-01-{d:02d}", "Spring", "Facebook", None, 100] for d in range(1, 29)]
    rows.append(["2026-01-29", "Spring", "Facebook", None, -1])
    path = write_book(
        tmp_path / "last.xlsx",
        {"Campaigns": [list(contract.COLUMNS["Campaigns"])], "Results": rows},
    )
    before = table_counts(workspace)
    with pytest.raises(InputError) as caught:
        import_workbook(workspace, path)
    assert [(p.row, p.column) for p in caught.value.problems] == [(30, "Impressions")]
    assert table_counts(workspace) == before


def test_import_accepts_iso_text_numeric_text_and_creates_campaigns(
    workspace: Workspace, tmp_path: Path
) -> None:
    """ISO text dates and numeric text are taken; an unknown campaign is created from its rows."""
    path = write_book(
        tmp_path / "text.xlsx",
        {
            "Results": [
                RESULTS_HEADER_OF_OLD_WORKBOOKS,
                [
                    "2026-03-01",
                    "spring SALE",
                    "facebook",
                    "Video",
                    "1200",
                    None,
                    None,
                    None,
                    "30",
                    None,
                    None,
                    None,
                    None,
                    "99.90",
                ],
                [date(2026, 3, 31), "Spring sale", "Instagram", None, 800],
            ],
        },
    )
    done = import_workbook(workspace, path)
    assert done.created_campaigns == ["spring SALE"]
    (campaign,) = workspace.campaigns()
    assert (campaign.start, campaign.end) == (date(2026, 3, 1), date(2026, 3, 31))
    first, second = workspace.results()
    assert first.platform == "Facebook" and first.impressions == 1200
    assert first.revenue == Decimal("99.90") and first.content_type == "video"
    assert second.campaign_id == campaign.id


def test_translated_headers_are_accepted(workspace: Workspace, tmp_path: Path) -> None:
    """German sheet and column names map to the contract."""
    path = write_book(
        tmp_path / "de.xlsx",
        {
            "Kosten": [
                ["Datum", "Kategorie", "Betrag", "Beschreibung"],
                ["2026-02-01", "Advertising", 10, "Anzeigen"],
            ],
        },
    )
    import_workbook(workspace, path)
    (cost,) = workspace.costs()
    assert (cost.amount, cost.description) == (Decimal(10), "Anzeigen")


def test_same_file_twice_is_refused_then_replaced(workspace: Workspace, tmp_path: Path) -> None:
    """Importing the same file again does not count anything twice."""
    path = write_book(
        tmp_path / "once.xlsx",
        {"Results": [RESULTS_HEADER_OF_OLD_WORKBOOKS, ["2026-03-01", None, "X", None, 5]]},
    )
    import_workbook(workspace, path)
    with pytest.raises(InputError, match="already imported"):
        import_workbook(workspace, path)
    import_workbook(workspace, path, replace=True)
    assert workspace.result_count() == 1


def test_cost_needs_amount_or_hours_and_rate(workspace: Workspace, tmp_path: Path) -> None:
    """A cost row with neither an amount nor hours × rate is named as a problem."""
    path = write_book(
        tmp_path / "c.xlsx",
        {"Costs": [["Date", "Category", "Hours"], ["2026-02-01", "Staff time", 3]]},
    )
    with pytest.raises(InputError, match="either an amount, or hours and an hourly rate"):
        import_workbook(workspace, path)


def test_template_has_contract_sheets_and_dropdowns(tmp_path: Path) -> None:
    """The blank template has every contract sheet and drop-down lists for the choices."""
    out = tmp_path / "template.xlsx"
    write_template(out)
    book = load_workbook(out)
    for sheet, columns in contract.COLUMNS.items():
        assert tuple(c.value for c in book[sheet][1]) == columns
    validations = book["Costs"].data_validations.dataValidation
    assert any("Lists!" in v.formula1 and "G2" in str(v.sqref) for v in validations)


def test_template_imports_as_an_empty_workspace(workspace: Workspace, tmp_path: Path) -> None:
    """The untouched template imports cleanly and adds no rows."""
    out = tmp_path / "template.xlsx"
    write_template(out)
    import_workbook(workspace, out)
    assert workspace.is_empty()
    assert workspace.settings().currency == "EUR"


def write_raw_text(path: Path, sheet: str, rows: list[list[Any]]) -> Path:
    """A workbook whose text cells hold what openpyxl refuses to write (control characters),
    as another program could write them."""
    book = Workbook()
    book.remove(book.active)
    target = book.create_sheet(sheet)
    for row in rows:
        target.append([None if isinstance(value, str) else value for value in row])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if isinstance(value, str):
                cell = target.cell(row=r, column=c)
                cell._value, cell.data_type = value, "s"  # past openpyxl's own check
    book.save(path)
    return path


def test_import_refuses_a_name_a_workbook_cannot_hold(workspace: Workspace, tmp_path: Path) -> None:
    """A campaign name with an ANSI escape is refused with its place named; nothing is stored."""
    header = list(contract.COLUMNS["Campaigns"])
    good = ["Spring", None, None, None, date(2026, 3, 1), date(2026, 3, 31)]
    path = write_raw_text(
        tmp_path / "escape.xlsx",
        "Campaigns",
        [header, good, ["Summer", *good[1:]], ["\x1b[31mRed sale", *good[1:]]],
    )
    before = table_counts(workspace)
    with pytest.raises(InputError) as caught:
        import_workbook(workspace, path)
    (problem,) = caught.value.problems
    assert str(problem).startswith(
        "escape.xlsx, sheet 'Campaigns', row 4, column 'Name': holds control characters"
    )
    assert "U+001B" in problem.reason
    assert table_counts(workspace) == before


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("Amount", 1e20, "too large"),
        ("Amount", "1e400", "too large"),
        ("Date", "1850-03-01", "outside 1900–2100"),
        ("Date", date(1850, 3, 1), "no dates before 1900"),  # the reader sees a time of day
        ("Amount", "#N/A", "cell holds the Excel error #N/A"),  # as text: see below
    ],
)
def test_import_refuses_cells_beyond_the_limits(
    workspace: Workspace, tmp_path: Path, column: str, cell: Any, reason: str
) -> None:
    """Absurd amounts, a date in 1850 and an Excel error are named by row and column; the
    workspace stays as it was. (python-calamine reads a true error cell as "", issue #105 of
    dimastbk/python-calamine: the reader must hand it over as its text to be seen.)"""
    header = list(contract.COLUMNS["Costs"])
    row: list[Any] = [date(2026, 1, 5), None, None, None, None, None, "Advertising", "ok", 10]
    row[header.index(column)] = cell
    path = write_raw_text(tmp_path / "limits.xlsx", "Costs", [header, row])
    before = table_counts(workspace)
    with pytest.raises(InputError) as caught:
        import_workbook(workspace, path)
    (problem,) = caught.value.problems
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "limits.xlsx",
        "Costs",
        2,
        column,
    )
    assert reason in problem.reason
    assert table_counts(workspace) == before


def test_export_replaces_text_a_workbook_cannot_hold_and_says_so(
    workspace: Workspace, tmp_path: Path
) -> None:
    """A name another SQLite tool stored with an escape character still exports (the character
    replaced), the summary counts the cell, and the workbook imports back."""
    stored = workspace.add_campaign(Campaign("Red sale", date(2026, 3, 1), date(2026, 3, 31)))
    workspace.db.execute(
        "UPDATE campaigns SET name = ? WHERE id = ?", ["Red\x1b[31m sale", stored.id]
    )
    workspace.db.conn.commit()
    out = tmp_path / "export.xlsx"
    written = export_workbook(workspace, out)
    assert written.cleaned_cells == 1
    assert written.notes() == [
        "1 cell held control characters a spreadsheet cannot hold; they were replaced with "
        "\ufffd in the workbook (the workspace is unchanged)"
    ]
    assert cell_values(out)["Campaigns"][1][0] == "Red\ufffd[31m sale"
    with Workspace.create(tmp_path / "copy.roidesk") as copy:
        import_workbook(copy, out)
        assert [c.name for c in copy.campaigns()] == ["Red\ufffd[31m sale"]


def test_result_content_round_trips(workspace: Workspace, tmp_path: Path) -> None:
    """A result's post or ad (the Content column) is written and read back as it was."""
    workspace.add_result(
        Result(date=date(2026, 3, 1), platform="Instagram", content="Reel: tulips")
    )
    out = tmp_path / "out.xlsx"
    export_workbook(workspace, out)
    with Workspace.create(tmp_path / "copy.roidesk") as copy:
        import_workbook(copy, out)
        assert [r.content for r in copy.results()] == ["Reel: tulips"]
    header = cell_values(out)["Results"][0]
    assert header[4:6] == ["Content type", "Content"]
