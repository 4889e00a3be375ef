"""Every real export in ../shared/data/real imports; sums checked by an independent csv pass."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from roidesk.core.problems import InputError
from roidesk.core.records import Settings
from roidesk.sheets.exports.importer import import_export
from roidesk.storage import Workspace

Q = Decimal("0.0001")

# file, encoding, delimiter, header line text start, spend, impressions, clicks, rows, period
CASES = [
    ("meta_ads_manager_ad_level_pln_2026-01.csv", "utf-8-sig", ",", "PLN",
     "Amount spent (PLN)", None, "Link clicks", 685, (date(2026, 1, 1), date(2026, 1, 31))),
    ("google_ads_campaign_report_usd_all_time.csv", "utf-8-sig", ",", "USD",
     "Cost", "Impr.", "Clicks", 12, (None, None)),
    ("ga4_exploration_landing_page_revenue.csv", "utf-8-sig", ",", "EUR",
     None, None, None, 500, (date(2025, 12, 1), date(2025, 12, 31))),
    ("kaggle_kag_conversion_data_facebook_ads.csv", "utf-8-sig", ",", "EUR",
     "Spent", "Impressions", "Clicks", 1143, (None, None)),
    ("kaggle_ab_test_control_group_semicolon.csv", "utf-8-sig", ";", "USD",
     "Spend [USD]", "# of Impressions", "# of Website Clicks", 30,
     (date(2019, 8, 1), date(2019, 8, 30))),
    ("instagram_post_insights_cp1252.csv", "cp1252", ",", "EUR",
     None, "Impressions", None, 99, (None, None)),
]  # fmt: skip

#: The columns naming each row's campaign and day, by file (None: the file has none; its rows
#: then are shared out over the months of the report period, and have no campaign).
KEY_COLUMNS = {
    "meta_ads_manager_ad_level_pln_2026-01.csv": (None, "Reporting starts"),
    "google_ads_campaign_report_usd_all_time.csv": ("Campaign", None),
    "ga4_exploration_landing_page_revenue.csv": (None, None),
    "kaggle_kag_conversion_data_facebook_ads.csv": ("xyz_campaign_id", None),
    "kaggle_ab_test_control_group_semicolon.csv": ("Campaign Name", "Date"),
    "instagram_post_insights_cp1252.csv": (None, None),
}


#: The report period given to files without dates (15 Jan–14 Mar 2026: three months), the
#: source every result of a file gets, and whether it is a whole-site analytics export.
GIVEN_PERIOD = (date(2026, 1, 15), date(2026, 3, 14))
SOURCES = {
    "meta_ads_manager_ad_level_pln_2026-01.csv": "paid",
    "google_ads_campaign_report_usd_all_time.csv": "paid",
    "ga4_exploration_landing_page_revenue.csv": "organic",
    "kaggle_kag_conversion_data_facebook_ads.csv": "paid",
    "kaggle_ab_test_control_group_semicolon.csv": "paid",
    "instagram_post_insights_cp1252.csv": "organic",
}
#: The column whose post or ad each row is about: one result per post or ad too.
CONTENT_COLUMNS = {
    "meta_ads_manager_ad_level_pln_2026-01.csv": "Ad name",
    "instagram_post_insights_cp1252.csv": "Caption",
}
UNDATED = {
    "google_ads_campaign_report_usd_all_time.csv",
    "kaggle_kag_conversion_data_facebook_ads.csv",
    "instagram_post_insights_cp1252.csv",
}


def _records(path: Path, encoding: str, delimiter: str) -> list[dict[str, str]]:
    """The data records as dicts, found by hand: title/comment lines, totals rows dropped."""
    text = path.read_bytes().decode(encoding)
    lines = text.splitlines(keepends=True)
    if path.name.startswith("google_ads"):
        lines = lines[2:]
    if path.name.startswith("ga4"):
        lines = [ln for ln in lines if not ln.startswith("#")]
    while lines and not lines[0].strip():
        lines.pop(0)
    rows = list(csv.DictReader(io.StringIO("".join(lines)), delimiter=delimiter))
    if path.name.startswith("ga4"):
        rows = rows[1:]  # the Grand total row comes first
    return [r for r in rows if not (r[next(iter(r))] or "").startswith("Total:")]


def _number(text: str | None) -> Decimal:
    text = (text or "").strip().replace(",", "")
    return Decimal(0) if text in ("", "--", "-") else Decimal(text)


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_real_export_imports_with_exact_sums(real_data: Path, tmp_path: Path, case) -> None:
    """A real export's spend, impressions and clicks land exactly, with row count, period and
    source; its rows are stored as one result per campaign, day and post or ad (the file's rows
    of one are summed), an undated file's as one per campaign, post and month of its period."""
    name, encoding, delimiter, currency, spend, impressions, clicks, count, period = case
    path = real_data / name
    records = _records(path, encoding, delimiter)
    assert len(records) == count
    campaign, day = KEY_COLUMNS[name]
    content = CONTENT_COLUMNS.get(name)
    keys = {
        (
            r[campaign].strip().casefold() if campaign else None,
            r[day] if day else None,
            " ".join(r[content].strip().splitlines()[0].split()) if content else None,
        )
        for r in records
    }
    undated = name in UNDATED
    with Workspace.create(tmp_path / "w.roidesk", Settings(currency=currency)) as workspace:
        done = import_export(
            workspace,
            path,
            period=GIVEN_PERIOD if undated else None,
            whole_site=name.startswith("ga4"),
        )
        assert done.rows_imported == count
        months = 3 if undated else 1
        assert done.results_stored == workspace.result_count() == len(keys) * months
        assert done.period == (GIVEN_PERIOD if undated else period)
        results = workspace.results()
        assert {r.source for r in results} == {SOURCES[name]}
        if undated:
            assert {r.date for r in results} == {
                date(2026, 1, 15), date(2026, 2, 1), date(2026, 3, 1)
            }  # fmt: skip
            assert {(c.start, c.end) for c in workspace.costs()} <= {GIVEN_PERIOD}
        if spend:
            expected = sum((_number(r[spend]).quantize(Q) for r in records), Decimal(0))
            stored = sum((c.total for c in workspace.costs()), Decimal(0))
            assert stored == expected
            assert done.totals["spend"] == expected
        if impressions:
            expected_impr = sum(int(_number(r[impressions])) for r in records)
            assert sum(r.impressions or 0 for r in results) == expected_impr
        if clicks:
            expected_clicks = sum(int(_number(r[clicks])) for r in records)
            assert sum(r.link_clicks or 0 for r in results) == expected_clicks


@pytest.mark.parametrize("name", sorted(UNDATED))
def test_real_undated_export_refused_without_period(
    real_data: Path, workspace: Workspace, name: str
) -> None:
    """Google Ads "All time", Kaggle and Instagram insights have no dates: without a period
    they are refused with a message naming --from/--to, never dated today."""
    with pytest.raises(InputError, match=r"--from and --to"):
        import_export(workspace, real_data / name)
    assert workspace.result_count() == 0


def test_real_ga4_without_channel_refused_unless_whole_site(
    real_data: Path, workspace: Workspace
) -> None:
    """The real GA4 export has no channel or source column: it is the whole site's traffic,
    refused by default with a message naming --whole-site."""
    with pytest.raises(InputError, match=r"--whole-site"):
        import_export(workspace, real_data / "ga4_exploration_landing_page_revenue.csv")
    assert workspace.result_count() == 0


def test_real_instagram_engagements_are_likes_comments_shares_saves(
    real_data: Path, workspace: Workspace
) -> None:
    """Instagram insights have likes, comments, shares and saves but no engagement total:
    their sum, 29,918 in the sample, is the engagements; follows are followers gained."""
    path = real_data / "instagram_post_insights_cp1252.csv"
    records = _records(path, "cp1252", ",")
    by_hand = sum(int(r[c]) for r in records for c in ("Likes", "Comments", "Shares", "Saves"))
    assert by_hand == 29918
    done = import_export(workspace, path, period=(date(2026, 1, 1), date(2026, 1, 31)))
    results = workspace.results()
    assert sum(r.engagements or 0 for r in results) == 29918
    assert done.totals["engagements"] == 29918
    follows = sum(int(r["Follows"]) for r in records)
    assert sum(r.followers_gained or 0 for r in results) == follows
    assert {(r.platform, r.source) for r in results} == {("Instagram", "organic")}


def test_ga4_sessions_and_revenue(real_data: Path, tmp_path: Path) -> None:
    """GA4 imported as whole-site traffic: sessions and revenue sum without the Grand total
    row, in the one month of its period."""
    path = real_data / "ga4_exploration_landing_page_revenue.csv"
    records = _records(path, "utf-8-sig", ",")
    with Workspace.create(tmp_path / "w.roidesk") as workspace:
        import_export(workspace, path, whole_site=True)
        results = workspace.results()
        assert sum(r.sessions or 0 for r in results) == sum(int(r["Sessions"]) for r in records)
        revenue = sum((_number(r["Total revenue"]).quantize(Q) for r in records), Decimal(0))
        assert sum((r.revenue or Decimal(0) for r in results), Decimal(0)) == revenue
        assert {r.date for r in results} == {date(2025, 12, 1)}


def test_empty_linkedin_export_says_no_data(real_data: Path, workspace: Workspace) -> None:
    """The UTF-16 LinkedIn export with only a preamble says "no data rows", writes nothing."""
    with pytest.raises(InputError, match="no data rows"):
        import_export(
            workspace, real_data / "linkedin_campaign_manager_ad_performance_empty_utf16.csv"
        )
    assert workspace.result_count() == 0


def test_cp1252_instagram_decodes(real_data: Path, workspace: Workspace) -> None:
    """The Windows-1252 Instagram file decodes and the summary says a code page was assumed."""
    from roidesk.sheets.exports.reading import read_file

    raw = read_file(real_data / "instagram_post_insights_cp1252.csv")
    assert raw.encoding == "cp1252"
    assert raw.sheets[0].rows[0][0] == "Impressions"
    done = import_export(
        workspace,
        real_data / "instagram_post_insights_cp1252.csv",
        period=(date(2026, 1, 1), date(2026, 1, 31)),
    )
    assert any("code page 1252" in line for line in done.lines())


def test_pln_file_refused_in_eur_workspace(real_data: Path, workspace: Workspace) -> None:
    """Money in PLN is never silently mixed into a EUR workspace."""
    workspace.save_settings(Settings(currency="EUR"))
    with pytest.raises(InputError, match=r"PLN.*EUR"):
        import_export(workspace, real_data / "meta_ads_manager_ad_level_pln_2026-01.csv")
    assert workspace.result_count() == 0
