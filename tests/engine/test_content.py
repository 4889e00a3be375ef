"""Top content: a small golden workspace ranked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from roidesk.core.experiments import RateKpi
from roidesk.core.records import Result
from roidesk.engine.content import top_content
from roidesk.storage import Workspace


def _post(day: int, content: str | None, impressions: int, engagements: int, clicks: int,
          platform: str = "Instagram", source: str | None = None) -> Result:  # fmt: skip
    return Result(
        date=date(2026, 3, day),
        platform=platform,
        content=content,
        source=source,
        impressions=impressions,
        engagements=engagements,
        link_clicks=clicks,
    )


@pytest.fixture
def ranked(workspace: Workspace) -> Workspace:
    """Tulips 2 days (90 of 1,500 engaged: 6 %), Roses 40/1,000 (4 %), an ad 30/500 (6 %, paid,
    Facebook), a post of 50 impressions (too few), a row without content, one April post."""
    workspace.add_results(
        [
            _post(1, "Reel: tulips", 1_000, 60, 5),
            _post(2, "Reel: tulips", 500, 30, 5),
            _post(1, "Photo: roses", 1_000, 40, 30),
            _post(3, "Ad: spring sale", 500, 30, 25, "Facebook", "paid"),
            _post(4, "Story: tiny", 50, 25, 0),
            _post(5, None, 5_000, 900, 0),
        ]
    )
    workspace.add_result(
        Result(
            date=date(2026, 4, 1),
            platform="Instagram",
            content="Reel: april",
            impressions=1_000,
            engagements=500,
        )
    )
    return workspace


def test_posts_and_ads_ranked_by_engagement_rate(ranked: Workspace) -> None:
    """March by engagement rate: tulips 6 % (more impressions wins the tie), the ad 6 %, roses
    4 %; the tiny story, the row without content and April's post are not ranked."""
    top = top_content(ranked, date(2026, 3, 1), date(2026, 3, 31))
    assert [(r.sums.content, round(r.rate, 4)) for r in top] == [
        ("Reel: tulips", 0.06),
        ("Ad: spring sale", 0.06),
        ("Photo: roses", 0.04),
    ]
    tulips = top[0].sums
    assert (tulips.first_day, tulips.last_day, tulips.impressions) == (
        date(2026, 3, 1),
        date(2026, 3, 2),
        1_500,
    )


def test_ranked_by_click_rate_and_filtered(ranked: Workspace) -> None:
    """By CTR: the ad 25/500 = 5 %, roses 3 %, tulips 10/1,500 = 0.67 %; organic only drops
    the ad (no source counts as organic); Facebook only keeps just the ad."""
    march = (date(2026, 3, 1), date(2026, 3, 31))
    by_ctr = top_content(ranked, *march, RateKpi.CTR)
    assert [r.sums.content for r in by_ctr] == ["Ad: spring sale", "Photo: roses", "Reel: tulips"]
    organic = top_content(ranked, *march, RateKpi.CTR, source="organic")
    assert [r.sums.content for r in organic] == ["Photo: roses", "Reel: tulips"]
    facebook = top_content(ranked, *march, platform="facebook")
    assert [r.sums.content for r in facebook] == ["Ad: spring sale"]
