"""The post or ad a row is about, and its content type, as imports keep them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from roidesk.core.records import ContentType, Settings
from roidesk.sheets.exports.content import content_text, content_type_of
from roidesk.sheets.exports.importer import import_export
from roidesk.storage import Workspace


def test_a_caption_is_kept_as_its_first_line() -> None:
    """A multi-line caption becomes its first line with spaces collapsed; blanks are none."""
    assert content_text("  New  tulips!\nMore in bio #flowers") == "New tulips!"
    assert content_text("   ") is None
    assert content_text(None) is None
    assert content_text(12345) == "12345"  # an ad id read as a number


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        ("IG reel", ContentType.STORY_REEL),
        ("CAROUSEL_ALBUM", ContentType.CAROUSEL),
        ("Video", ContentType.VIDEO),
        ("Photo", ContentType.IMAGE),
        ("Status update", ContentType.TEXT),
        ("Live video", ContentType.LIVE),
        ("Sponsored", None),
    ],
)
def test_content_types_from_the_export_words(cell: str, kind: ContentType | None) -> None:
    """Post type, media type and ad format cells say the content type where they can."""
    assert content_type_of(cell) == (str(kind) if kind else None)


def test_post_type_and_link_are_stored(tmp_path: Path) -> None:
    """An insights export with a permalink and a post type keeps both on each result."""
    path = tmp_path / "posts.csv"
    path.write_text(
        "Date,Permalink,Post type,Impressions,Likes,Comments\n"
        "2026-03-02,https://example.com/p/1,IG reel,1000,40,2\n"
        "2026-03-02,https://example.com/p/2,IG image,500,10,0\n",
        encoding="utf-8",
    )
    with Workspace.create(tmp_path / "w.roidesk") as workspace:
        import_export(workspace, path, platform="Instagram")
        stored = sorted(
            (r.content, r.content_type, r.impressions, r.engagements) for r in workspace.results()
        )
    assert stored == [
        ("https://example.com/p/1", ContentType.STORY_REEL, 1000, 42),
        ("https://example.com/p/2", ContentType.IMAGE, 500, 10),
    ]


def test_meta_ad_level_export_says_it_has_no_campaign(real_data: Path, tmp_path: Path) -> None:
    """Meta's ad-level report has no campaign column: the summary says so and offers the ad
    set as campaign; every result carries its ad's name."""
    with Workspace.create(tmp_path / "w.roidesk", Settings(currency="PLN")) as workspace:
        done = import_export(workspace, real_data / "meta_ads_manager_ad_level_pln_2026-01.csv")
        assert any(
            "no campaign column" in line and 'map "Ad set name" as the campaign' in line
            for line in done.lines()
        )
        results = workspace.results()
        assert all(r.content for r in results)
        assert {r.date for r in results} == {date(2026, 1, 1)}


def test_instagram_insights_keep_one_result_per_post_and_month(
    real_data: Path, tmp_path: Path
) -> None:
    """The undated Instagram export over 15 Jan – 31 Mar: each distinct caption's first line
    is one post, shared out over three months (99 rows, 75 distinct first lines → 225)."""
    with Workspace.create(tmp_path / "w.roidesk") as workspace:
        import_export(
            workspace,
            real_data / "instagram_post_insights_cp1252.csv",
            period=(date(2026, 1, 15), date(2026, 3, 31)),
        )
        results = workspace.results()
        assert len(results) == 225
        assert len({r.content for r in results}) == 75
        assert all(r.content and "\n" not in r.content for r in results)
