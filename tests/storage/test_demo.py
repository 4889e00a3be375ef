"""The demo workspace: two years up to last month, whatever day it is written on."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from roidesk.core.figures import Query
from roidesk.core.periods import preset_period
from roidesk.core.records import CampaignStatus
from roidesk.engine import breakdown, summarize
from roidesk.engine.summary import previous_period
from roidesk.storage import Workspace
from roidesk.storage.demo import demo_span, is_untouched_old_demo, refresh_demo, write_demo


@pytest.mark.parametrize(
    ("today", "span"),
    [
        (date(2026, 11, 15), (date(2024, 11, 1), date(2026, 10, 31))),
        (date(2027, 3, 31), (date(2025, 3, 1), date(2027, 2, 28))),
        (date(2027, 1, 1), (date(2025, 1, 1), date(2026, 12, 31))),
    ],
)
def test_the_demo_spans_the_24_whole_months_before_today_s(today: date, span: tuple) -> None:
    """Written on any day of a month, the demo ends on the last day of the month before."""
    assert demo_span(today) == span


@pytest.mark.parametrize("today", [date(2026, 11, 15), date(2027, 3, 10), date(2028, 8, 1)])
def test_a_first_start_on_any_day_shows_a_full_year_and_the_year_before(
    tmp_path: Path, today: date
) -> None:
    """The dashboard's first view (the last 12 months) has costs and returns in every month,
    and so has the period before it: the cards can say how things changed, in 2028 too."""
    first, last = demo_span(today)
    with Workspace.open(write_demo(tmp_path / "demo.roidesk", today)) as workspace:
        start, end = preset_period("last 12 months", today)
        assert (start, end) == (date(first.year + 1, first.month, 1), last)
        whole = breakdown(workspace, Query(), "month", today)
        assert len(whole) == 24
        assert (whole[0].key, whole[-1].key) == (f"{first:%Y-%m}", f"{last:%Y-%m}")
        assert all(row.figures.cost and row.figures.total_return for row in whole)
        now = summarize(workspace, Query(start=start, end=end), today)
        before = summarize(workspace, previous_period(Query(start=start, end=end)), today)
        assert now.cost and before.cost and now.total_return and before.total_return
        # the owner is getting better at it
        assert now.roi_total is not None and before.roi_total is not None
        assert now.roi_total > before.roi_total


def test_seasons_come_back_in_their_months_and_a_running_one_is_active(tmp_path: Path) -> None:
    """Written on 10 March 2027: Valentine's runs in January–February of 2026 and 2027; the
    coffee club that started in November 2026 runs on to April, its data up to February."""
    today = date(2027, 3, 10)
    with Workspace.open(write_demo(tmp_path / "demo.roidesk", today)) as workspace:
        campaigns = {campaign.name: campaign for campaign in workspace.campaigns()}
        assert len(campaigns) == len(workspace.campaigns())  # every name once
        valentines = sorted(name for name in campaigns if name.startswith("Valentine's"))
        assert valentines == ["Valentine's Bouquets 2026", "Valentine's Bouquets 2027"]
        assert (campaigns[valentines[1]].start, campaigns[valentines[1]].end) == (
            date(2027, 1, 15),
            date(2027, 2, 14),
        )
        running = campaigns["Morning Coffee Club 2026/27"]
        assert (running.start, running.end) == (date(2026, 11, 1), date(2027, 4, 30))
        assert running.status is CampaignStatus.ACTIVE
        assert campaigns["Morning Coffee Club 2025/26"].status is CampaignStatus.FINISHED
        # the season that began before the demo's first day starts with the demo
        assert campaigns["Morning Coffee Club 2024/25"].start == date(2025, 3, 1)
        assert "Valentine's Bouquets 2025" not in campaigns  # over before March 2025
        march = summarize(workspace, Query(start=date(2027, 3, 1), end=date(2027, 3, 31)), today)
        assert (march.cost, march.impressions) == (Decimal(0), 0)  # nothing after February


def _costs_by_hand(workspace: Workspace) -> Decimal:
    """Every cost of the demo added up from its rows, not by the engine: an amount once,
    a monthly one once per month to its "until" (the demo's start on the 1st or the 30th
    every month has, February's last day for the 30th), hours × rate."""
    total = Decimal(0)
    for cost in workspace.costs():
        times = 1
        if cost.until is not None:
            times = (cost.until.year - cost.start.year) * 12 + cost.until.month - cost.start.month
            times += 1
        total += cost.total * times
    return total


def _valued_by_hand(workspace: Workspace) -> Decimal:
    """The demo's valued return summed in SQL from the rows: leads × €25 and followers ×
    €0.40 whatever their source, ORGANIC clicks × €0.35, organic engagements from the
    engagements valuation's day × €0.02 (paid clicks and engagements value nothing)."""
    (since,) = [v.valid_from for v in workspace.valuations() if v.metric == "engagements"]
    row = workspace.db.execute(
        "SELECT sum(leads), sum(followers_gained), "
        "sum(CASE WHEN source = 'organic' THEN link_clicks END), "
        "sum(CASE WHEN source = 'organic' AND date >= ? THEN engagements END) FROM results",
        [since.isoformat()],
    ).fetchone()
    leads, followers, clicks, engagements = (Decimal(value) for value in row)
    return leads * 25 + followers * Decimal("0.40") + clicks * Decimal("0.35") + engagements / 50


def test_the_same_day_writes_the_same_demo(tmp_path: Path) -> None:
    """Tests and screenshots that pass the day see the same numbers every time: the cost and
    the valued return, each also added up from the rows by hand (:func:`_costs_by_hand`,
    :func:`_valued_by_hand`), not only by the engine."""
    today = date(2026, 11, 15)
    figures = []
    for name in ("a.roidesk", "b.roidesk"):
        with Workspace.open(write_demo(tmp_path / name, today)) as workspace:
            figures.append(summarize(workspace, Query(), today))
            assert figures[-1].cost == _costs_by_hand(workspace)
            assert figures[-1].valued_return == _valued_by_hand(workspace)
    assert figures[0] == figures[1]
    assert figures[0].cost == Decimal("55684.40")
    assert figures[0].valued_return == Decimal("35205.87")


def test_the_demo_tells_the_truth_about_paid_and_organic(tmp_path: Path) -> None:
    """Each social platform has paid rows (the ads) and organic rows (the posts); Google Ads
    only paid. Paid clicks are never valued, so the return is believable: ROI (total) between
    −50 % and +50 % over the two years, with a low–high range around it, and the organic
    clicks' paid-equivalent value shown beside it."""
    today = date(2026, 11, 15)
    with Workspace.open(write_demo(tmp_path / "demo.roidesk", today)) as workspace:
        sources = {
            (platform, source)
            for platform, source in workspace.db.execute(
                "SELECT DISTINCT platform, source FROM results"
            )
        }
        social = ("Facebook", "Instagram", "TikTok", "LinkedIn")
        assert sources == {(p, s) for p in social for s in ("paid", "organic")} | {
            ("Google Ads", "paid")
        }
        figures = summarize(workspace, Query(), today)
        assert figures.roi_total is not None and abs(figures.roi_total) < Decimal("0.5")
        assert figures.roi_total_low is not None and figures.roi_total_high is not None
        assert figures.roi_total_low < figures.roi_total < figures.roi_total_high
        assert figures.paid_equivalent is not None and figures.paid_equivalent > 0
        assert {v.applies_to for v in workspace.valuations()} == {None}  # SPEC's defaults


def test_an_untouched_demo_is_written_again_in_a_later_month(tmp_path: Path) -> None:
    """A demo written in November 2026 and only looked at is still current in November; in
    January 2027 it is written again for that month, so its "last 12 months" stay full."""
    path = write_demo(tmp_path / "demo.roidesk", date(2026, 11, 15))
    with Workspace.open(path) as workspace:  # looked at: figures read, caches filled
        summarize(workspace, Query(), date(2026, 11, 15))
    assert not is_untouched_old_demo(path, date(2026, 11, 30))
    assert is_untouched_old_demo(path, date(2026, 12, 1))
    assert not refresh_demo(path, date(2026, 11, 30))
    assert refresh_demo(path, date(2027, 1, 10))
    with Workspace.open(path) as workspace:
        months = breakdown(workspace, Query(), "month", date(2027, 1, 10))
        assert (months[0].key, months[-1].key) == ("2025-01", "2026-12")
    assert not is_untouched_old_demo(path, date(2027, 1, 31))


@pytest.mark.parametrize(
    "change",
    [
        lambda ws: ws.update_goal(replace(ws.goals()[0], target=Decimal("0.31"))),
        lambda ws: ws.delete_other_return(ws.other_returns()[0].id),
        lambda ws: ws.save_settings(replace(ws.settings(), business_name="My café")),
    ],
    ids=["a goal's target", "an other return deleted", "the business name"],
)
def test_a_demo_the_user_changed_is_kept_as_it_is(tmp_path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """One change anywhere (a goal, a deletion, a setting) and the demo is the user's: a later
    month opens it as it is, nothing written again."""
    path = write_demo(tmp_path / "demo.roidesk", date(2026, 11, 15))
    with Workspace.open(path) as workspace:
        change(workspace)
        kept = [(g.id, g.target) for g in workspace.goals()], workspace.settings()
    assert not is_untouched_old_demo(path, date(2027, 5, 1))
    assert not refresh_demo(path, date(2027, 5, 1))
    with Workspace.open(path) as workspace:
        assert ([(g.id, g.target) for g in workspace.goals()], workspace.settings()) == kept


def test_a_workspace_that_is_no_demo_is_never_written_over(tmp_path: Path) -> None:
    """A workspace the user saved where the demo lives, or a file that is no workspace, has no
    demo mark: it is left alone."""
    path = tmp_path / "demo.roidesk"
    Workspace.create(path).close()
    assert not refresh_demo(path, date(2027, 5, 1))
    other = tmp_path / "notes.roidesk"
    other.write_text("not a workspace")
    assert not refresh_demo(other, date(2027, 5, 1))
    assert other.read_text() == "not a workspace"


def test_an_interrupted_write_keeps_the_demo_there_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo is written beside the old one and moved into place whole: a write that fails
    half-way (a full disk, say) leaves the previous demo as it was and no stray file."""
    import roidesk.storage.demo as demo

    path = write_demo(tmp_path / "demo.roidesk", date(2026, 11, 15))
    before = path.read_bytes()
    written = demo._write_demo

    def half_way(target: Path, today: date) -> None:
        written(target, today)
        raise OSError("No space left on device")

    monkeypatch.setattr(demo, "_write_demo", half_way)
    with pytest.raises(OSError, match="No space"):
        write_demo(path, date(2027, 1, 10))
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.roidesk"]
    assert not refresh_demo(path, date(2027, 1, 10))  # refused quietly: the old demo opens
    assert path.read_bytes() == before


def test_the_demo_has_posts_ads_and_an_experiment(tmp_path: Path) -> None:
    """The demo shows content and experiments: each row names its post of the week or its ad
    (A or B by week), and its two saved experiments give a verdict and a 'not yet'."""
    from roidesk.engine.experiments import saved_answers

    with Workspace.open(write_demo(tmp_path / "demo.roidesk", date(2026, 6, 15))) as workspace:
        results = workspace.results(limit=5_000)
        assert all(r.content for r in results)
        paid = {r.content.rsplit(" — ", 1)[1] for r in results if r.source == "paid" and r.content}
        assert paid == {"ad A", "ad B"}
        organic = [r for r in results if r.source == "organic"]
        assert organic and all(
            (r.content or "").endswith(f"post of week {r.date.isocalendar().week}") for r in organic
        )
        verdicts = {
            saved.name: str(answer.outcome.verdict) for saved, answer in saved_answers(workspace)
        }
        assert verdicts == {"Instagram or Facebook posts": "b", "Ad A or ad B": "none"}
