"""Analytics exports count only social traffic (SPEC "Rules"): by source / medium, by channel
group, the left-out summary, the whole-site refusal and a second table never summed twice."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from roidesk.core.problems import InputError
from roidesk.sheets.exports.importer import import_export
from roidesk.sheets.exports.traffic import classify, source_platform
from roidesk.storage import Workspace


def _csv(tmp_path: Path, text: str, name: str = "ga4.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _by_origin(workspace: Workspace) -> dict[tuple[str | None, str | None], tuple]:
    """Each (platform, source)'s sessions and revenue."""
    found: dict[tuple[str | None, str | None], tuple] = {}
    for r in workspace.results():
        sessions, revenue = found.get((r.platform, r.source), (0, Decimal(0)))
        found[(r.platform, r.source)] = (
            sessions + (r.sessions or 0),
            revenue + (r.revenue or Decimal(0)),
        )
    return found


SOURCE_MEDIUM = (
    "# Start date: 20260301\n# End date: 20260331\n\n"
    "Session source / medium,Sessions,Total revenue\n"
    "google / organic,100,500.00\n"
    "l.facebook.com / referral,40,120.00\n"
    "facebook.com / referral,10,30.00\n"
    "fb / paid_social,25,80.50\n"
    "lnkd.in / referral,5,0\n"
    "t.co / referral,7,10\n"
    "(direct) / (none),60,200.00\n"
    "newsletter / email,8,16.25\n"
    "instagram.com / cpc,12,44.00\n"
)


def test_source_medium_export_keeps_social_rows_by_platform_and_source(
    tmp_path: Path, workspace: Workspace
) -> None:
    """Only social sources are imported, each under its platform; paid mediums make it paid."""
    done = import_export(workspace, _csv(tmp_path, SOURCE_MEDIUM))
    assert _by_origin(workspace) == {
        ("Facebook", "organic"): (50, Decimal("150.00")),
        ("Facebook", "paid"): (25, Decimal("80.50")),
        ("LinkedIn", "organic"): (5, Decimal(0)),
        ("X", "organic"): (7, Decimal(10)),
        ("Instagram", "paid"): (12, Decimal(44)),
    }
    assert done.rows_imported == 6
    assert {r.date for r in workspace.results()} == {date(2026, 3, 1)}


def test_left_out_traffic_is_summed_by_channel(tmp_path: Path, workspace: Workspace) -> None:
    """The summary says what was left out: 3 rows, 168 sessions, €716.25, by medium."""
    done = import_export(workspace, _csv(tmp_path, SOURCE_MEDIUM))
    [line] = [line for line in done.lines() if "not social" in line]
    assert "3 rows, 168 sessions, revenue €716.25" in line
    assert "organic 1 row, 100 sessions, revenue €500.00" in line
    assert "(none) 1 row, 60 sessions, revenue €200.00" in line
    assert "email 1 row, 8 sessions, revenue €16.25" in line


def test_channel_group_export_keeps_social_channels(tmp_path: Path, workspace: Workspace) -> None:
    """Organic Social and Paid Social rows are kept (platform from the source where given);
    Organic Search and Direct are left out; the totals row is not traffic."""
    path = _csv(
        tmp_path,
        "# Start date: 20260301\n# End date: 20260331\n"
        "Session default channel group,Session source / medium,Sessions,Key events,Total revenue\n"
        "Organic Social,l.instagram.com / referral,30,2,60\n"
        "Paid Social,facebook / paid_social,20,1,40\n"
        "Organic Social,(not set),4,0,0\n"
        "Organic Search,google / organic,90,5,300\n"
        "Direct,(direct) / (none),50,2,100\n"
        ",,194,10,500\n",
    )
    done = import_export(workspace, path)
    assert _by_origin(workspace) == {
        ("Instagram", "organic"): (30, Decimal(60)),
        ("Facebook", "paid"): (20, Decimal(40)),
        (None, "organic"): (4, Decimal(0)),
    }
    [line] = [line for line in done.lines() if "not social" in line]
    assert "2 rows, 140 sessions, revenue €400.00" in line
    assert "Organic Search 1 row, 90 sessions" in line


def test_analytics_without_channel_refused_unless_whole_site(
    tmp_path: Path, workspace: Workspace
) -> None:
    """No channel and no source column: the whole site, refused unless the user says so."""
    path = _csv(
        tmp_path,
        "# Start date: 20260301\n# End date: 20260331\n"
        "Landing page,Sessions,Total revenue\n/,70,100\n/shop,30,50\n",
    )
    with pytest.raises(InputError, match="--whole-site"):
        import_export(workspace, path)
    assert workspace.result_count() == 0
    done = import_export(workspace, path, whole_site=True)
    assert _by_origin(workspace) == {("Website", "organic"): (100, Decimal(150))}
    assert any("all its traffic counted as social" in line for line in done.lines())


def test_second_table_below_the_first_is_not_summed(tmp_path: Path, workspace: Workspace) -> None:
    """Universal Analytics writes a per-day table after the main one: only the first counts."""
    path = _csv(
        tmp_path,
        "# ----------------------------------------\n# All Web Site Data\n# Channels\n"
        "# 20260301-20260331\n# ----------------------------------------\n\n"
        "Default Channel Grouping,Sessions,Revenue\n"
        "Social,40,100\nOrganic Search,60,200\n,100,300\n\n"
        "# ----------------------------------------\n"
        "Day Index,Sessions\n01/03/2026,50\n02/03/2026,50\n,100\n",
    )
    done = import_export(workspace, path)
    assert _by_origin(workspace) == {(None, "organic"): (40, Decimal(100))}
    assert done.rows_imported == 1


@pytest.mark.parametrize(
    ("source", "platform"),
    [
        ("fb", "Facebook"), ("m.facebook.com", "Facebook"), ("lm.facebook.com", "Facebook"),
        ("l.instagram.com", "Instagram"), ("www.linkedin.com", "LinkedIn"),
        ("lnkd.in", "LinkedIn"), ("t.co", "X"), ("twitter.com", "X"), ("x.com", "X"),
        ("tiktok.com", "TikTok"), ("youtube.com", "YouTube"), ("pinterest.com", "Pinterest"),
        ("google", None), ("(direct)", None), ("notfacebook.com", None),
    ],
)  # fmt: skip
def test_source_names_map_to_platforms(source: str, platform: str | None) -> None:
    """Referrer hosts and utm_source words name their social network; others name none."""
    assert source_platform(source) == platform


def test_paid_only_with_social_source() -> None:
    """cpc from a social source is paid social; cpc from google is not social at all."""
    assert classify(None, "facebook / cpc") == (True, "Facebook", True)
    assert classify(None, "google / cpc") == (False, None, False)
    assert classify("Paid Social", None) == (True, None, True)


def test_own_sheet_with_sessions_is_not_analytics(tmp_path: Path, workspace: Workspace) -> None:
    """An owner's sheet with a Sessions column is no analytics export: no whole-site refusal."""
    path = _csv(tmp_path, "Date,Sessions,Revenue\n2026-03-02,12,30\n", name="own.csv")
    import_export(workspace, path)
    assert [r.sessions for r in workspace.results()] == [12]
