"""Synthetic exports, one per quirk real platforms produce."""

from __future__ import annotations

import gc
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roidesk.core.problems import InputError
from roidesk.core.records import Campaign, CostCategory, Settings
from roidesk.sheets.exports.importer import ImportCancelled, import_export, merge_results
from roidesk.storage import Workspace


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_meta_daily_rows_become_costs_and_results(tmp_path: Path, workspace: Workspace) -> None:
    """Daily Meta rows: one advertising cost and one result per row, campaign created once."""
    path = _csv(
        tmp_path,
        "Campaign name,Day,Amount spent (EUR),Impressions,Link clicks,Purchases conversion value\n"
        "Spring,2025-03-01,10.50,1000,20,99.90\n"
        "spring,2025-03-02,4.25,500,5,\n",
    )
    done = import_export(workspace, path)
    assert done.platform == "Facebook"
    assert done.created_campaigns == ["Spring"]
    costs = workspace.costs()
    assert [(c.start, c.amount, c.category) for c in costs] == [
        (date(2025, 3, 1), Decimal("10.5"), CostCategory.ADVERTISING),
        (date(2025, 3, 2), Decimal("4.25"), CostCategory.ADVERTISING),
    ]
    results = workspace.results()
    assert [r.impressions for r in results] == [1000, 500]
    assert results[0].revenue == Decimal("99.9") and results[1].revenue is None
    assert {r.campaign_id for r in results} == {costs[0].campaign_id}
    assert all(r.batch_id == done.batch_id for r in results)


def test_existing_campaign_matched_case_insensitively(tmp_path: Path, workspace: Workspace) -> None:
    """A campaign already in the workspace is reused whatever its capitalisation."""
    stored = workspace.add_campaign(Campaign("Summer Sale", date(2025, 6, 1), date(2025, 6, 30)))
    path = _csv(tmp_path, "Campaign,Day,Cost,Impr.,Clicks\nSUMMER SALE,2025-06-02,5,10,1\n")
    done = import_export(workspace, path)
    assert done.created_campaigns == []
    assert workspace.results()[0].campaign_id == stored.id


def test_google_ads_title_lines_totals_placeholders(tmp_path: Path, workspace: Workspace) -> None:
    """Title lines above the header, ' --' placeholders, quoted thousands and Total rows."""
    path = _csv(
        tmp_path,
        "Campaign report\nJuly 8, 2025 - July 31, 2025\n"
        "Campaign,Impr.,Clicks,Cost,Conv. value,Currency code,Search impr. share\n"
        'Brand,"4,838",12,"1,204.50", --,EUR,< 10%\n'
        "Generic,100,3,0.50,20.00,EUR, --\n"
        'Total: Account,"4,938",15,"1,205.00",20.00,EUR,< 10%\n',
    )
    done = import_export(workspace, path)
    assert done.rows_imported == 2
    assert done.skipped == {"totals rows": [6]}
    assert done.period == (date(2025, 7, 8), date(2025, 7, 31))
    assert done.totals["spend"] == Decimal("1205.0000")
    assert done.totals["impressions"] == 4938
    costs = workspace.costs()
    assert [(c.start, c.end) for c in costs] == [(date(2025, 7, 8), date(2025, 7, 31))] * 2


def test_ga4_preamble_grand_total_key_events(tmp_path: Path, workspace: Workspace) -> None:
    """GA4: '#' preamble period, Grand total row first, Key events = conversions.

    Both Facebook rows fall in the period's one month with no campaign: one organic Facebook
    result holding their sums (with the Grand total row counted it would hold 60 sessions)."""
    path = _csv(
        tmp_path,
        "# GA4\n# Start date: 20240301\n# End date: 20240331\n\n"
        "Session source / medium,Sessions,Key events,Total revenue\n"
        ",30,3,150.00,Grand total\n"
        "l.facebook.com / referral,10,1,50\n"
        "m.facebook.com / referral,20,2,100\n",
    )
    done = import_export(workspace, path)
    assert done.platform == "Website"
    assert done.period == (date(2024, 3, 1), date(2024, 3, 31))
    assert (done.rows_imported, done.results_stored) == (2, 1)
    [result] = workspace.results()
    assert (result.sessions, result.conversions, result.revenue) == (30, 3, Decimal(150))
    assert (result.date, result.platform, result.source) == (
        date(2024, 3, 1),
        "Facebook",
        "organic",
    )
    assert done.skipped == {"totals rows": [6]}


def test_german_decimal_comma_semicolon(tmp_path: Path, workspace: Workspace) -> None:
    """German headers, ';' delimiter, decimal comma with thousands dots, € signs, d.m.y dates."""
    path = _csv(
        tmp_path,
        "Kampagnenname;Tag;Ausgegebener Betrag (EUR);Impressionen;Link-Klicks\n"
        "Winter;01.02.2025;1.234,56 €;1.000;12\n"
        "Winter;02.02.2025;0,44 €;2.500;3\n",
    )
    done = import_export(workspace, path)
    assert done.totals["spend"] == Decimal("1235.0000")
    assert [r.impressions for r in workspace.results()] == [1000, 2500]
    assert done.period == (date(2025, 2, 1), date(2025, 2, 2))


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Elköltött összeg (EUR);Megjelenések;Linkkattintások;Dátum", "hu"),
        ("Besteed bedrag (EUR);Vertoningen;Linkklikken;Datum", "nl"),
        ("Wydana kwota (EUR);Wyświetlenia;Kliknięcia linku;Data", "pl"),
        ("Brukt beløp (EUR);Visninger;Linkklikk;Dato", "no"),
    ],
)
def test_users_languages_map(tmp_path: Path, workspace: Workspace, header: str, field: str) -> None:
    """Hungarian, Dutch, Polish and Norwegian Meta headers map to spend, impressions, clicks."""
    path = _csv(tmp_path, f"{header}\n12,5;300;7;2025-01-05\n", name=f"{field}.csv")
    import_export(workspace, path)
    result = workspace.results()[0]
    assert (result.impressions, result.link_clicks, result.date) == (300, 7, date(2025, 1, 5))
    assert workspace.costs()[0].amount == Decimal("12.5")


def test_utf16_be_and_tab(tmp_path: Path, workspace: Workspace) -> None:
    """UTF-16 BE with BOM and tab-separated LinkedIn rows decode and map."""
    text = "\ufeffStart Date (in UTC)\tCampaign Name\tTotal Spent\tImpressions\tClicks\n"
    text += "2025-04-01\tB2B\t30.00\t900\t9\n"
    path = _csv(tmp_path, text, "utf-16-be")
    done = import_export(workspace, path)
    assert done.platform == "LinkedIn"
    assert workspace.results()[0].link_clicks == 9


def test_cp1250_fallback_reported(tmp_path: Path, workspace: Workspace) -> None:
    """Polish text in Windows-1250 decodes as such and the summary says so."""
    path = _csv(tmp_path, "Nazwa kampanii,Data,Koszt\nŚwięta żółć,2025-12-01,10\n", "cp1250")
    done = import_export(workspace, path)
    assert workspace.campaigns()[0].name == "Święta żółć"
    assert any("code page 1250" in line for line in done.lines())


def test_ambiguous_dates_ask_then_order_given(tmp_path: Path, workspace: Workspace) -> None:
    """03/04/2025 alone is ambiguous: refused with a clear message, then read as given."""
    path = _csv(tmp_path, "Campaign,Day,Cost\nA,03/04/2025,1\nA,05/06/2025,2\n")
    with pytest.raises(InputError, match="day/month order"):
        import_export(workspace, path)
    import_export(workspace, path, date_order="mdy")
    assert [c.start for c in workspace.costs()] == [date(2025, 3, 4), date(2025, 5, 6)]


def test_date_order_inferred_from_column(tmp_path: Path, workspace: Workspace) -> None:
    """One date with a day above 12 settles the column's order for the others."""
    path = _csv(tmp_path, "Campaign,Day,Cost\nA,03/04/2025,1\nA,04/25/2025,2\n")
    import_export(workspace, path)
    assert [c.start for c in workspace.costs()] == [date(2025, 3, 4), date(2025, 4, 25)]


def test_bad_cell_rejects_everything(tmp_path: Path, workspace: Workspace) -> None:
    """An unreadable number is listed by row and column and nothing at all is written."""
    path = _csv(tmp_path, "Campaign,Day,Cost,Impr.\nA,2025-01-01,1,10\nA,2025-01-02,abc,20\n")
    with pytest.raises(InputError) as caught:
        import_export(workspace, path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column) == (3, "Cost")
    assert workspace.result_count() == 0 and workspace.costs() == []
    assert workspace.campaigns() == [] and workspace.import_batches() == []


def test_reimport_refused_then_replaced_then_undone(tmp_path: Path, workspace: Workspace) -> None:
    """The same file twice is refused; replace swaps the batch; deleting the batch undoes it."""
    path = _csv(tmp_path, "Campaign,Day,Cost,Impr.\nA,2025-01-01,1,10\n")
    import_export(workspace, path)
    with pytest.raises(InputError, match="already imported on"):
        import_export(workspace, path)
    done = import_export(workspace, path, replace=True)
    assert workspace.result_count() == 1 and len(workspace.costs()) == 1
    workspace.delete_import_batch(done.batch_id)
    assert workspace.result_count() == 0 and workspace.costs() == []


def test_currency_mismatch_and_mixed(tmp_path: Path) -> None:
    """A currency column unlike the workspace's, or two currencies in one file, is refused."""
    with Workspace.create(tmp_path / "w.roidesk", Settings(currency="NOK")) as workspace:
        path = _csv(tmp_path, "Campaign,Day,Cost,Currency code\nA,2025-01-01,1,SEK\n")
        with pytest.raises(InputError, match=r"SEK.*NOK"):
            import_export(workspace, path)
        mixed = _csv(
            tmp_path, "Campaign,Day,Cost,Currency\nA,2025-01-01,1,NOK\nA,2025-01-02,1,EUR\n",
            name="mixed.csv",
        )  # fmt: skip
        with pytest.raises(InputError, match="several currencies"):
            import_export(workspace, mixed)


def test_repeated_header_notes_duplicate_headers(tmp_path: Path, workspace: Workspace) -> None:
    """A repeated header row and a trailing note are skipped; a duplicate header feeds once."""
    path = _csv(
        tmp_path,
        "Ad name,Campaign name,Ad name,Day,Amount spent (EUR),Impressions\n"
        "x,A,x,2025-01-01,1,10\n"
        "Ad name,Campaign name,Ad name,Day,Amount spent (EUR),Impressions\n"
        "y,A,y,2025-01-02,2,20\n"
        "Data is estimated.\n",
    )
    done = import_export(workspace, path)
    assert done.rows_imported == 2
    assert done.skipped == {"repeated header rows": [3], "notes": [5]}


def test_percent_and_empty_tokens(tmp_path: Path, workspace: Workspace) -> None:
    """'NA', '-', '(not set)' are empty; a '%' cell in a mapped column is read as its number."""
    path = _csv(tmp_path, "Campaign,Day,Impr.,Clicks,Conversions\nA,2025-01-01,NA,-,12%\n")
    import_export(workspace, path)
    result = workspace.results()[0]
    assert (result.impressions, result.link_clicks, result.conversions) == (None, None, 12)


def test_xlsx_merged_cells_serial_dates_and_sheet_choice(
    tmp_path: Path, workspace: Workspace
) -> None:
    """xlsx: data on the second sheet, a merged campaign label, a merged spend counted once."""
    book = openpyxl.Workbook()
    book.active.title = "Notes"
    book.active["A1"] = "read me"
    sheet = book.create_sheet("Data")
    sheet.append(["Campaign name", "Day", "Amount spent (EUR)", "Impressions"])
    sheet.append(["Launch", 45658, 30, 100])  # 45658 = 2025-01-01 as an Excel serial
    sheet.append([None, 45659, None, 200])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("C2:C3")
    path = tmp_path / "meta.xlsx"
    book.save(path)
    done = import_export(workspace, path)
    assert done.sheet == "Data"
    assert done.rows_imported == 2
    assert done.totals["spend"] == Decimal("30.0000")
    assert [c.amount for c in workspace.costs()] == [Decimal(30)]
    results = workspace.results()
    assert [r.date for r in results] == [date(2025, 1, 1), date(2025, 1, 2)]
    assert len({r.campaign_id for r in results}) == 1


def test_no_data_rows(tmp_path: Path, workspace: Workspace) -> None:
    """A header with nothing under it is "no data rows", not zero rows in silence."""
    path = _csv(tmp_path, "Campaign,Day,Cost\n\n")
    with pytest.raises(InputError, match="no data rows"):
        import_export(workspace, path)


def test_new_workspace_takes_the_files_currency(tmp_path: Path) -> None:
    """`roidesk import` into a workspace it just created adopts the export's currency."""
    with Workspace.open(tmp_path / "new.roidesk", create=True) as workspace:
        path = _csv(tmp_path, "Campaign name,Day,Amount spent (PLN)\nA,2026-01-01,12.50\n")
        done = import_export(workspace, path)
        assert workspace.settings().currency == "PLN"
        assert any("PLN" in note for note in done.notes)
        assert workspace.costs()[0].amount == Decimal("12.50")


def test_odd_rows_anywhere_found_among_even_ones(tmp_path: Path, workspace: Workspace) -> None:
    """Totals, notes, repeated headers and empty rows mid-file are left out with their rows."""
    lines = ["Campaign name,Day,Amount spent (EUR),Impressions,Notes"]
    lines += [f"A,2025-01-{day:02d},1,10," for day in range(1, 6)]
    lines[3:3] = [
        "Total: 2 rows,,2,20,",  # row 4
        "Campaign name,Day,Amount spent (EUR),Impressions,Notes",  # row 5
        ",2025-01-09,5,50,",  # row 6: empty campaign
        "# exported by hand",  # row 7: short row
        "B,,NA,-,",  # row 8: no mapped value
        "B,2025-01-09,3,30,Grand total",  # row 9: a totals label in the last cells
    ]
    done = import_export(workspace, _csv(tmp_path, "\n".join(lines) + "\n"))
    assert done.rows_imported == 5
    assert done.skipped == {
        "totals rows": [4, 6, 9],
        "repeated header rows": [5],
        "notes": [7],
        "rows without any mapped value": [8],
    }
    assert done.totals == {"impressions": 50, "spend": Decimal("5.0000")}


def test_every_row_of_a_repeated_bad_cell_is_listed(tmp_path: Path, workspace: Workspace) -> None:
    """The same unreadable text on two rows gives two problems, in row order, per column."""
    path = _csv(
        tmp_path,
        "Campaign,Day,Cost,Impr.\nA,2025-01-01,x,1\nA,2025-01-02,1,-5\nA,2025-01-03,x,2\n",
    )
    with pytest.raises(InputError) as caught:
        import_export(workspace, path)
    assert [(p.row, p.column, p.reason) for p in caught.value.problems] == [
        (2, "Cost", "'x' is not a number"),
        (4, "Cost", "'x' is not a number"),
        (3, "Impr.", "a negative number"),
    ]
    assert workspace.result_count() == 0


def test_yes_no_cell_among_equal_numbers(tmp_path: Path, workspace: Workspace) -> None:
    """xlsx TRUE equals 1 in Python: it is still refused at its row while the 1s read."""
    book = openpyxl.Workbook()
    book.active.append(["Campaign name", "Day", "Impressions"])
    for impressions in (1, True, 1.0):
        book.active.append(["A", "2025-01-01", impressions])
    path = tmp_path / "flags.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        import_export(workspace, path)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.reason) == (
        3,
        "Impressions",
        "a yes/no value, not a number",
    )


def test_equal_date_columns_each_report_their_bad_cells(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Meta's reporting start/end equal to its day: read once when fine, both listed when not."""
    header = "Campaign name,Day,Reporting starts,Reporting ends,Impressions\n"
    good = _csv(tmp_path, header + "A,2025-01-02,2025-01-02,2025-01-02,5\n", name="good.csv")
    done = import_export(workspace, good)
    assert done.period == (date(2025, 1, 2), date(2025, 1, 2))
    bad = _csv(tmp_path, header + "A,2025-01-02,2025-01-02,2025-01-03,5\nA,x,x,x,6\n")
    with pytest.raises(InputError) as caught:
        import_export(workspace, bad)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "Day"),
        (3, "Reporting starts"),
        (3, "Reporting ends"),
    ]


def test_cycle_collector_back_on_after_an_import(tmp_path: Path, workspace: Workspace) -> None:
    """The collector paused for an import runs again afterwards, also after a refused file."""
    assert gc.isenabled()
    import_export(workspace, _csv(tmp_path, "Campaign,Day,Cost\nA,2025-01-01,1\n"))
    assert gc.isenabled()
    with pytest.raises(InputError):
        import_export(
            workspace, _csv(tmp_path, "Campaign,Day,Cost\nA,2025-01-01,x\n", name="b.csv")
        )
    assert gc.isenabled()


def test_costs_sum_per_campaign_and_day_in_order_of_day_and_campaign(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Ads of one campaign and day add up to one cost; costs come in order of day, then
    campaign name (not the file's order), and a day without spend (zero) has none."""
    path = _csv(
        tmp_path,
        "Campaign name,Ad name,Day,Amount spent (EUR),Impressions\n"
        "A,a1,2025-03-01,0,10\n"
        "B,b1,2025-03-01,5.00,20\n"
        "A,a2,2025-03-01,3.25,30\n"
        "A,a1,2025-03-02,0,40\n"
        "B,b2,2025-03-01,1.50,50\n",
    )
    done = import_export(workspace, path)
    campaigns = {c.id: c.name for c in workspace.campaigns()}
    assert [(campaigns[c.campaign_id], c.start, c.amount) for c in workspace.costs()] == [
        ("A", date(2025, 3, 1), Decimal("3.25")),
        ("B", date(2025, 3, 1), Decimal("6.5")),
    ]
    assert done.costs_added == 2 and done.totals["spend"] == Decimal("9.7500")


def test_the_summary_shows_money_in_the_currency_and_counts_with_thousands(
    tmp_path: Path, workspace: Workspace
) -> None:
    """1,234.5 of spend and 12,345 impressions read as €1,234.50 and 12,345 (not 1234.5000)."""
    lines = ["Campaign name,Day,Amount spent (EUR),Impressions", "A,2025-01-01,1234.5,12345"]
    done = import_export(workspace, _csv(tmp_path, "\n".join(lines) + "\n"))
    assert f"{done.source}: totals impressions 12,345, spend €1,234.50" in done.lines()


_AD_LEVEL = (
    "Campaign name,Ad name,Day,Amount spent (EUR),Impressions,Link clicks,Purchases,"
    "Purchases conversion value\n"
    "Spring,a1,2025-03-01,1.10,100,,,10.05\n"  # row 2
    "Spring,a2,2025-03-01,2.20,200,3,,0.10\n"  # row 3: same campaign and day as row 2
    "Autumn,b1,2025-03-01,0.50,50,,,\n"  # row 4: another campaign, same day
    "spring,a1,2025-03-02,4.00,400,0,,\n"  # row 5: Spring, another day
)


def _month_rows(workspace: Workspace) -> list[tuple[object, ...]]:
    return workspace.db.execute(
        "SELECT month, campaign_id, platform, content_type, row_count, impressions, "
        "link_clicks, conversions, revenue FROM result_months ORDER BY month, campaign_id"
    ).fetchall()


def test_each_ad_and_day_is_one_result_with_its_name(tmp_path: Path, workspace: Workspace) -> None:
    """An ad-level export keeps its ads apart (the content is the ad name): two ads of one
    campaign and day are two results; other days and campaigns apart too."""
    done = import_export(workspace, _csv(tmp_path, _AD_LEVEL))
    assert (done.rows_imported, done.results_stored) == (4, 4)
    names = {c.id: c.name for c in workspace.campaigns()}
    stored = [
        (names[r.campaign_id], r.content, r.date, r.impressions, r.link_clicks, r.revenue)
        for r in workspace.results()
    ]
    assert stored == [  # in order of day, then campaign, then ad
        ("Autumn", "b1", date(2025, 3, 1), 50, None, None),
        ("Spring", "a1", date(2025, 3, 1), 100, None, Decimal("10.05")),
        ("Spring", "a2", date(2025, 3, 1), 200, 3, Decimal("0.10")),
        ("Spring", "a1", date(2025, 3, 2), 400, 0, None),
    ]
    assert all(
        r.batch_id == done.batch_id and r.platform == "Facebook" for r in workspace.results()
    )
    assert done.totals["impressions"] == 750 and done.totals["revenue"] == Decimal("10.1500")


def test_rows_of_one_ad_and_day_are_stored_as_one_result(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Two rows of one ad and day (split by placement) become one result holding their exact
    sums (None + None stays None, None + 3 is 3, revenue to the ten-thousandth)."""
    text = (
        "Campaign name,Ad name,Day,Impressions,Link clicks,Purchases,Purchases conversion value\n"
        "Spring,a1,2025-03-01,100,,,10.05\n"
        "Spring,a1,2025-03-01,200,3,,0.10\n"
    )
    done = import_export(workspace, _csv(tmp_path, text))
    assert (done.rows_imported, done.results_stored) == (2, 1)
    [result] = workspace.results()
    assert (result.content, result.impressions, result.link_clicks, result.conversions) == (
        "a1",
        300,
        3,
        None,
    )
    assert result.revenue == Decimal("10.15")


def test_merged_results_keep_the_month_sums_true(tmp_path: Path, workspace: Workspace) -> None:
    """result_months after a merging import equals the sums SQL computes from the stored rows."""
    import_export(workspace, _csv(tmp_path, _AD_LEVEL))
    written = _month_rows(workspace)
    workspace.refresh_month_sums({"2025-03"})
    assert written == _month_rows(workspace)
    spring = workspace.campaign_by_name("Spring")
    assert spring is not None
    spring_row = next(row for row in written if row[1] == spring.id)
    assert spring_row[4:] == (3, 700, 3, 0, 101500)  # three stored rows (ads a1, a2, a1)


def test_undo_and_replace_of_a_merging_import(tmp_path: Path, workspace: Workspace) -> None:
    """The merged results belong to the batch: removing it removes them and their month sums;
    the same file again is refused as imported before, and replacing it stores them once."""
    path = _csv(tmp_path, _AD_LEVEL)
    import_export(workspace, path)
    with pytest.raises(InputError, match="already imported on"):
        import_export(workspace, path)
    again = import_export(workspace, path, replace=True)
    assert workspace.result_count() == 4 and len(workspace.import_batches()) == 1
    assert {r.batch_id for r in workspace.results()} == {again.batch_id}
    workspace.delete_import_batch(again.batch_id)
    assert workspace.result_count() == 0 and workspace.costs() == []
    assert _month_rows(workspace) == []


def test_other_imports_are_never_merged_into(tmp_path: Path, workspace: Workspace) -> None:
    """Rows of the same campaign and day from two files (two platforms) stay two results."""
    meta = _csv(tmp_path, "Campaign name,Day,Impressions\nA,2025-01-01,10\n", name="m.csv")
    linkedin = _csv(tmp_path, "Campaign Name,Day,Impressions\nA,2025-01-01,5\n", name="l.csv")
    import_export(workspace, meta, platform="Facebook")
    import_export(workspace, linkedin, platform="LinkedIn")
    stored = sorted((r.platform, r.impressions) for r in workspace.results())
    assert stored == [("Facebook", 10), ("LinkedIn", 5)]


def test_merge_keeps_rows_apart_that_differ_in_any_stored_field() -> None:
    """Rows differing in content type or platform stay apart; only equal keys are summed."""
    columns = {
        "date": ["2025-01-01"] * 5,
        "campaign_id": [7] * 5,
        "platform": ["Instagram", "Instagram", "Instagram", "Facebook", "Instagram"],
        "content_type": ["video", "image", "video", "video", None],
        "batch_id": [1] * 5,
        "impressions": [1, 2, 4, 8, None],
        "leads": [None, 1, None, None, None],
    }
    merged = merge_results(columns, ["impressions", "leads"])
    assert list(zip(merged["platform"], merged["content_type"], strict=True)) == [
        ("Instagram", "video"),
        ("Instagram", "image"),
        ("Facebook", "video"),
        ("Instagram", None),
    ]
    assert merged["impressions"] == [5, 2, 8, None]
    assert merged["leads"] == [None, 1, None, None]
    assert merged["batch_id"] == [1] * 4 and merged["campaign_id"] == [7] * 4


def test_bad_cell_in_a_merged_row_names_its_own_row(tmp_path: Path, workspace: Workspace) -> None:
    """A bad cell in the second ad row of a campaign-day is reported at that file row."""
    path = _csv(tmp_path, "Campaign,Ad name,Day,Impr.\nA,a1,2025-01-01,1\nA,a2,2025-01-01,x\n")
    with pytest.raises(InputError) as caught:
        import_export(workspace, path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("export.csv", 3, "Impr.")


def test_the_summary_says_how_many_results_the_rows_became(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Rows read and results stored both appear when they differ, and only then."""
    twice = "Campaign name,Ad name,Day,Amount spent (EUR)\nA,a1,2025-03-01,1\nA,a1,2025-03-01,2\n"
    done = import_export(workspace, _csv(tmp_path, twice))
    assert done.lines()[0] == (
        "export.csv: imported 2 rows as Facebook (1 advertising cost), stored as 1 result "
        "(one per day, campaign, platform, source, content type and post or ad)"
    )
    two_days = "Campaign,Day,Impr.\nA,2025-02-01,1\nA,2025-02-02,2\n"
    apart = import_export(workspace, _csv(tmp_path, two_days, name="two.csv"))
    assert apart.lines()[0] == "two.csv: imported 2 rows as Google Ads (0 advertising costs)"


def test_the_summary_counts_with_thousands(tmp_path: Path, workspace: Workspace) -> None:
    """1,200 rows of one ad and day read as "1,200 rows", stored as one result."""
    rows = "".join(f"A,ad 1,2025-02-01,{i % 3}\n" for i in range(1200))
    done = import_export(workspace, _csv(tmp_path, "Campaign,Ad name,Day,Impr.\n" + rows))
    assert "imported 1,200 rows" in done.lines()[0] and "stored as 1 result " in done.lines()[0]
    assert [r.impressions for r in workspace.results()] == [1200]  # 400 × (0 + 1 + 2)


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["2025-01-01", "2025-01-02"]),
            st.sampled_from([1, 2, None]),
            st.sampled_from(["video", None]),
            st.one_of(st.none(), st.integers(0, 5)),
            st.one_of(st.none(), st.integers(0, 10**15)),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_merge_equals_summing_by_hand(rows: list[tuple[Any, ...]]) -> None:
    """Whatever the rows, the merge gives each key once, in order of first row, with the sum of
    its rows' values (None only where all of them are None)."""
    expected: dict[tuple[Any, ...], list[Any]] = {}
    for day, campaign, content, leads, revenue in rows:
        sums = expected.setdefault((day, campaign, content), [None, None])
        for at, value in enumerate((leads, revenue)):
            if value is not None:
                sums[at] = (sums[at] or 0) + value
    columns = {
        "date": [r[0] for r in rows],
        "campaign_id": [r[1] for r in rows],
        "content_type": [r[2] for r in rows],
        "platform": ["X"] * len(rows),
        "leads": [r[3] for r in rows],
        "revenue": [r[4] for r in rows],
    }
    merged = merge_results(columns, ["leads", "revenue"])
    keys = zip(merged["date"], merged["campaign_id"], merged["content_type"], strict=True)
    got = {key: [lead, revenue] for key, lead, revenue in zip(
        keys, merged["leads"], merged["revenue"], strict=True)}  # fmt: skip
    assert list(got.items()) == list(expected.items())
    assert merged["platform"] == ["X"] * len(expected)


def test_the_summary_lists_new_campaigns_by_name_numbers_as_numbers(
    tmp_path: Path, workspace: Workspace
) -> None:
    """The owner reads the new campaigns in name order, 'Spring 2' before 'Spring 10'."""
    path = _csv(
        tmp_path,
        "Campaign name,Day,Amount spent (EUR)\n"
        "Spring 10,2025-03-01,1\nSpring 2,2025-03-02,1\nautumn,2025-03-03,1\n",
    )
    done = import_export(workspace, path)
    assert f"{done.source}: created campaigns: autumn, Spring 2, Spring 10" in done.lines()


@pytest.mark.parametrize(
    ("cell", "column", "reason"),
    [
        ("1e20", "Cost", "too large"),
        ("1e400", "Impr.", "too large"),
        ("inf", "Cost", "is not a number"),
        ("1850-03-01", "Day", "outside 1900–2100"),
        ("#N/A", "Cost", "cell holds the Excel error #N/A"),
        ("#DIV/0!", "Impr.", "cell holds the Excel error #DIV/0!"),
    ],
)
def test_cells_beyond_the_limits_are_refused_and_nothing_is_stored(
    tmp_path: Path, workspace: Workspace, cell: str, column: str, reason: str
) -> None:
    """An absurd number, a date in 1850 or an Excel error is named by file, row and column,
    never read as empty or let through as an overflow; nothing is written."""
    row = {"Campaign": "A", "Day": "2025-01-02", "Cost": "1", "Impr.": "20"} | {column: cell}
    path = _csv(tmp_path, "Campaign,Day,Cost,Impr.\nA,2025-01-01,1,10\n" + ",".join(row.values()))
    with pytest.raises(InputError) as caught:
        import_export(workspace, path)
    [problem] = caught.value.problems
    assert (problem.file, problem.row, problem.column) == ("export.csv", 3, column)
    assert reason in problem.reason
    assert workspace.result_count() == 0 and workspace.costs() == []
    assert workspace.campaigns() == [] and workspace.import_batches() == []


def test_a_campaign_name_a_workbook_cannot_hold_is_refused(
    tmp_path: Path, workspace: Workspace
) -> None:
    """A campaign name with an ANSI escape would make the workspace unexportable: refused with
    its row and column, nothing stored."""
    path = _csv(
        tmp_path,
        "Campaign,Day,Cost\nA,2025-01-01,1\nB,2025-01-02,1\n\x1b[31mRed,2025-01-03,1\n",
    )
    with pytest.raises(InputError) as caught:
        import_export(workspace, path)
    [problem] = caught.value.problems
    assert str(problem).startswith("export.csv, row 4, column 'Campaign': holds control characters")
    assert workspace.campaigns() == [] and workspace.import_batches() == []


def test_progress_reaches_the_end_and_cancel_while_writing_rolls_back(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Progress is reported up to all rows; Cancel pressed while the rows are written leaves
    the workspace as it was."""
    rows = "".join(f"C{i % 7},2025-02-{1 + i % 28:02d},1,{i}\n" for i in range(400))
    path = _csv(tmp_path, "Campaign,Day,Cost,Impr.\n" + rows)
    seen: list[tuple[int, int]] = []
    import_export(workspace, path, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (400, 400) and len(seen) > 2
    other = _csv(tmp_path, "Campaign,Day,Cost,Impr.\n" + rows.replace("C", "D"), name="b.csv")

    def writing() -> bool:  # true once this import's batch is in (inside its transaction)
        return len(workspace.import_batches()) > 1

    before = (workspace.result_count(), len(workspace.costs()), len(workspace.campaigns()))
    with pytest.raises(ImportCancelled):
        import_export(workspace, other, cancelled=writing)
    after = (workspace.result_count(), len(workspace.costs()), len(workspace.campaigns()))
    assert after == before


def test_a_campaign_name_given_for_the_rows_is_checked_too(
    tmp_path: Path, workspace: Workspace
) -> None:
    """The --campaign name given on the command line cannot bring in a control character."""
    path = _csv(tmp_path, "Day,Cost\n2025-01-01,1\n")
    with pytest.raises(InputError, match="the campaign name given holds control characters"):
        import_export(workspace, path, campaign="Red\x1b[0m")
    assert workspace.campaigns() == [] and workspace.import_batches() == []


UNDATED_ADS = (
    "Campaign report\nAll time\n"
    "Campaign,Impr.,Clicks,Cost,Conv. value,Currency code\n"
    "Spring,100,10,1000.00,1000.00,EUR\n"
    "Autumn,59,0,59.00,,EUR\n"
)


def test_file_without_dates_or_period_refused(tmp_path: Path, workspace: Workspace) -> None:
    """Google Ads "All time": no dates, no period; refused naming --from/--to, nothing stored."""
    with pytest.raises(InputError, match=r"--from and --to"):
        import_export(workspace, _csv(tmp_path, UNDATED_ADS))
    assert workspace.result_count() == 0
    assert workspace.costs() == []


def test_undated_rows_shared_out_over_the_given_months(
    tmp_path: Path, workspace: Workspace
) -> None:
    """With 15 Jan–14 Mar (17 + 28 + 14 days), 100 impressions are 29/47/24, 10 clicks 3/5/2,
    €1,000 revenue 288.1356/474.5763/237.2881; the spend is one cost spanning the period."""
    period = (date(2026, 1, 15), date(2026, 3, 14))
    done = import_export(workspace, _csv(tmp_path, UNDATED_ADS), period=period)
    spring = [
        (r.date, r.impressions, r.link_clicks, r.revenue)
        for r in workspace.results()
        if r.campaign_id == workspace.campaign_by_name("Spring").id
    ]
    assert sorted(spring) == [
        (date(2026, 1, 15), 29, 3, Decimal("288.1356")),
        (date(2026, 2, 1), 47, 5, Decimal("474.5763")),
        (date(2026, 3, 1), 24, 2, Decimal("237.2881")),
    ]
    costs = sorted((c.start, c.end, c.total) for c in workspace.costs())
    assert costs == [(*period, Decimal("59.0000")), (*period, Decimal("1000.0000"))]
    assert done.period == period
    assert any("shared out over the months" in line for line in done.lines())
    assert {r.source for r in workspace.results()} == {"paid"}


def test_dated_rows_ignore_a_given_period(tmp_path: Path, workspace: Workspace) -> None:
    """A file whose rows have dates keeps them: the period given is for undated files."""
    path = _csv(tmp_path, "Campaign name,Day,Amount spent (EUR)\nA,2025-05-02,3\n")
    import_export(workspace, path, period=(date(2026, 1, 1), date(2026, 1, 31)))
    [result] = workspace.results()
    assert result.date == date(2025, 5, 2)


def test_likes_comments_shares_saves_are_the_engagements(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Without an engagement total, likes + comments + shares + saves are the engagements
    (12 + 3 + 2 + 1 = 18, and 4 + 0 + 1 = 5 with saves empty); follows are followers."""
    path = _csv(
        tmp_path,
        "Date,Impressions,Likes,Comments,Shares,Saves,Follows\n"
        "2026-02-01,500,12,3,2,1,4\n"
        "2026-02-02,300,4,0,1,,2\n",
    )
    import_export(workspace, path)
    results = sorted(workspace.results(), key=lambda r: r.date)
    assert [(r.engagements, r.followers_gained) for r in results] == [(18, 4), (5, 2)]
    assert {r.source for r in results} == {"organic"}


def test_engagement_total_wins_over_its_parts(tmp_path: Path, workspace: Workspace) -> None:
    """LinkedIn has Total Engagements beside Reactions, Comments, Shares: the total counts."""
    path = _csv(
        tmp_path,
        "Start Date (in UTC),Campaign Name,Total Spent,Reactions,Comments,Shares,"
        "Total Engagements\n2026-02-01,B2B,10,5,2,1,40\n",
    )
    import_export(workspace, path)
    [result] = workspace.results()
    assert (result.engagements, result.source) == (40, "paid")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Follow", "followers_gained"), ("FOLLOWS", "followers_gained"),
        ("Impression", "impressions"), ("Link Click", "link_clicks"),
        ("Reach (organic)", "reach"), ("Leads (form)", "leads"), ("Session", "sessions"),
    ],
)  # fmt: skip
def test_header_variants_map_the_same(header: str, field: str) -> None:
    """Singular/plural, capitalisation and a bracketed qualifier name the same measure."""
    from roidesk.sheets.exports.mapping import auto_mapping

    assert auto_mapping(["Date", header]) == {"date": 0, field: 1}


def test_x_tweet_activity_stores_organic_and_paid(tmp_path: Path, workspace: Workspace) -> None:
    """X's organic columns and their promoted twins: one organic and one paid result per day
    ('-' twins are empty), rows of one day summed."""
    path = _csv(
        tmp_path,
        "Tweet id,time,impressions,engagements,url clicks,"
        "promoted impressions,promoted engagements,promoted url clicks\n"
        "1,2026-02-03 10:00 +0000,100,10,2,500,40,8\n"
        "2,2026-02-03 15:00 +0000,50,5,1,-,-,-\n"
        "3,2026-02-04 09:00 +0000,70,7,0,300,20,4\n",
    )
    done = import_export(workspace, path)
    found = sorted(
        (r.date, r.source, r.impressions, r.engagements, r.link_clicks) for r in workspace.results()
    )
    assert found == [
        (date(2026, 2, 3), "organic", 150, 15, 3),
        (date(2026, 2, 3), "paid", 500, 40, 8),
        (date(2026, 2, 4), "organic", 70, 7, 0),
        (date(2026, 2, 4), "paid", 300, 20, 4),
    ]
    assert (done.platform, done.rows_imported, done.results_stored) == ("X", 3, 4)


def test_source_override(tmp_path: Path, workspace: Workspace) -> None:
    """--source organic stores a spend export's results as organic (the user knows better)."""
    path = _csv(tmp_path, "Campaign name,Day,Amount spent (EUR),Link clicks\nA,2025-05-02,3,7\n")
    import_export(workspace, path, source="organic")
    assert [r.source for r in workspace.results()] == ["organic"]


def test_plural_never_makes_a_date() -> None:
    """ "Tags" and "Times" are no German "Tag" or X's "time": a date needs its own name."""
    from roidesk.sheets.exports.mapping import auto_mapping

    assert auto_mapping(["Tags", "Times", "Date (local)"]) == {"date": 2}


def test_undated_rows_in_one_month_say_their_day(tmp_path: Path, workspace: Workspace) -> None:
    """A period inside one month: one result on its first day, and the summary says so
    without speaking of a spend the file does not have."""
    path = _csv(tmp_path, "Impressions,Likes,Comments\n100,4,1\n")
    done = import_export(workspace, path, period=(date(2026, 4, 3), date(2026, 4, 30)))
    [result] = workspace.results()
    assert (result.date, result.impressions, result.engagements) == (date(2026, 4, 3), 100, 5)
    note = "the rows have no dates: dated 2026-04-03, the start of the report period"
    assert f"export.csv: {note}" in done.lines()


def test_the_batch_keeps_what_it_became_and_what_was_left_out(
    tmp_path: Path, workspace: Workspace
) -> None:
    """The import history reads from the batch: two days became two results and two costs;
    the totals row was left out, by row number, and that survives reopening the file."""
    path = _csv(
        tmp_path,
        "Campaign name,Day,Amount spent (EUR),Impressions\n"
        "Spring,2025-03-01,10.50,1000\n"
        "Spring,2025-03-02,4.25,500\n"
        "Total,,14.75,1500\n",
    )
    done = import_export(workspace, path)
    assert done.batch_id is not None
    assert workspace.batch_contents() == {done.batch_id: (2, 2)}
    workspace.close()
    with Workspace.open(workspace.path) as reopened:
        (batch,) = reopened.import_batches()
        assert batch.left_out == "1 totals rows (row 4)"
