"""The demo workspace: a small agency with a café and a flower shop as clients, two years.

It covers the 24 whole months before the month it is written in, so the dashboard's first view
(the last 12 months) is full and has a previous year to compare with, whenever the app is first
started. The campaigns come back each season (Valentine's in February, weddings from March to
August, …) and grow better over the two years. Deterministic for a given day (a seeded
generator), so tests and screenshots that pass ``today`` see the same numbers.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from roidesk.core.experiments import GroupSpec, RateKpi, SavedExperiment
from roidesk.core.records import (
    Campaign,
    CampaignStatus,
    Client,
    ContentType,
    Cost,
    CostCategory,
    Goal,
    Objective,
    OtherReturn,
    Repeat,
    Result,
    Settings,
    Valuation,
)
from roidesk.storage.opening import temporary_beside
from roidesk.storage.upgrade import development_version
from roidesk.storage.workspace import Workspace

#: Whole months of history: two years, so that "last 12 months" has a previous period.
DEMO_MONTHS = 24

#: Average daily activity per platform: impressions, click-through, engagement rate, cost/day.
_PLATFORM_PROFILE = {
    "Facebook": (1800, Decimal("0.011"), Decimal("0.035"), Decimal("9.50")),
    "Instagram": (2600, Decimal("0.008"), Decimal("0.055"), Decimal("8.00")),
    "TikTok": (4200, Decimal("0.006"), Decimal("0.070"), Decimal("7.00")),
    "Google Ads": (900, Decimal("0.045"), Decimal("0.004"), Decimal("14.00")),
    "LinkedIn": (500, Decimal("0.009"), Decimal("0.020"), Decimal("12.00")),
}
#: How many more clicks (and so sales) the same ads bring at the end of the two years than at
#: the start (the owner learns: the dashboard shows it getting better).
_LEARNING = Decimal("0.20")


@dataclass(frozen=True)
class _Season:
    """A campaign that comes back every year from ``starts`` to ``ends`` (month, day); an
    ``ends`` before ``starts`` falls in the next year. ``None``: always on, the whole span."""

    name: str
    client: str
    platforms: tuple[str, ...]
    objective: Objective
    starts: tuple[int, int] | None
    ends: tuple[int, int] | None
    budget: Decimal
    order_value: Decimal
    lead_rate: Decimal
    sale_rate: Decimal
    #: Each run's goals: (KPI, baseline, target by the run's end).
    goals: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class _DemoCampaign:
    """One run of a season: its name, when it began and ends, and the days the demo has data
    for (from the demo's first day at the earliest, to its last day at the latest)."""

    season: _Season
    name: str
    began: date
    end: date
    data_start: date
    data_end: date


_CAFE = "Café Aurora"
_SHOP = "Bloom Blumenladen"

_SEASONS = (
    _Season(
        "Morning Coffee Club",
        _CAFE,
        ("Instagram", "Facebook"),
        Objective.ENGAGEMENT,
        (11, 1),
        (4, 30),
        Decimal(2400),
        Decimal("7.80"),
        Decimal("0.010"),
        Decimal("0.060"),
        (("engagement_rate", "0.03", "0.05"), ("followers_gained", "0", "900")),
    ),
    _Season(
        "Summer Terrace Evenings",
        _CAFE,
        ("Instagram", "TikTok"),
        Objective.TRAFFIC,
        (5, 1),
        (8, 31),
        Decimal(2000),
        Decimal("14.50"),
        Decimal("0.008"),
        Decimal("0.050"),
        (("ctr", "0.007", "0.009"),),
    ),
    _Season(
        "Pumpkin Spice Launch",
        _CAFE,
        ("Facebook", "Instagram", "TikTok"),
        Objective.SALES,
        (9, 1),
        (10, 31),
        Decimal(1500),
        Decimal("6.90"),
        Decimal("0.006"),
        Decimal("0.080"),
        (("roi_total", "0", "1.5"),),
    ),
    _Season(
        "Valentine's Bouquets",
        _SHOP,
        ("Facebook", "Instagram", "Google Ads"),
        Objective.SALES,
        (1, 15),
        (2, 14),
        Decimal(1200),
        Decimal("54.00"),
        Decimal("0.015"),
        Decimal("0.045"),
        (("roi_total", "0", "1.5"),),
    ),
    _Season(
        "Wedding Season Leads",
        _SHOP,
        ("Facebook", "LinkedIn", "Google Ads"),
        Objective.LEADS,
        (3, 1),
        (8, 31),
        Decimal(3000),
        Decimal("380.00"),
        Decimal("0.040"),
        Decimal("0.004"),
        (("leads", "0", "400"), ("cpl", "25", "12")),
    ),
    _Season(
        "Mother's Day Gifts",
        _SHOP,
        ("Instagram", "TikTok"),
        Objective.SALES,
        (4, 15),
        (5, 10),
        Decimal(900),
        Decimal("42.00"),
        Decimal("0.010"),
        Decimal("0.035"),
        (("roi_total", "0", "1.5"),),
    ),
    _Season(
        "Always-on Search",
        _SHOP,
        ("Google Ads",),
        Objective.TRAFFIC,
        None,
        None,
        Decimal(5600),
        Decimal("48.00"),
        Decimal("0.020"),
        Decimal("0.025"),
        (("cpc", "0.36", "0.28"),),
    ),
)
#: A season that began before the demo's first day is kept (from that day) when at least this
#: many of its days lie inside; a shorter tail would be a campaign of a few stray days.
_SHORTEST_TAIL = 28

_CONTENT = {
    "Facebook": (ContentType.IMAGE, ContentType.VIDEO, ContentType.CAROUSEL, ContentType.TEXT),
    "Instagram": (ContentType.STORY_REEL, ContentType.IMAGE, ContentType.CAROUSEL),
    "TikTok": (ContentType.VIDEO, ContentType.LIVE),
    "Google Ads": (ContentType.TEXT,),
    "LinkedIn": (ContentType.TEXT, ContentType.IMAGE, ContentType.POLL_CONTEST),
}


def demo_span(today: date) -> tuple[date, date]:
    """The demo's first and last day: the :data:`DEMO_MONTHS` whole months before ``today``'s."""
    last = today.replace(day=1) - timedelta(days=1)
    return _add_months(today.replace(day=1), -DEMO_MONTHS), last


def _add_months(first: date, months: int) -> date:
    """The first day of the month ``months`` after (or before) the month of ``first``."""
    year, month = divmod(first.year * 12 + first.month - 1 + months, 12)
    return date(year, month + 1, 1)


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def _month_starts(start: date, end: date) -> list[date]:
    months, current = [], date(start.year, start.month, 1)
    while current <= end:
        months.append(current)
        current = _add_months(current, 1)
    return months


def _month_end(first: date) -> date:
    return _add_months(first, 1) - timedelta(days=1)


def _runs(first: date, last: date, today: date) -> list[_DemoCampaign]:
    """Every run of every season that falls in the span (a run still going on included)."""
    runs = []
    for season in _SEASONS:
        if season.starts is None or season.ends is None:  # always on: to the end of the year
            runs.append(
                _DemoCampaign(season, season.name, first, date(today.year, 12, 31), first, last)
            )
            continue
        for year in range(first.year - 1, last.year + 1):
            start = date(year, *season.starts)
            end = date(year + (season.ends < season.starts), *season.ends)
            data_start, data_end = max(start, first), min(end, last)
            if start > last or end < first:
                continue
            if start < first and (data_end - data_start).days + 1 < _SHORTEST_TAIL:
                continue
            year_name = str(start.year) if start.year == end.year else f"{start.year}/{end:%y}"
            name = f"{season.name} {year_name}"
            runs.append(_DemoCampaign(season, name, start, end, data_start, data_end))
    return sorted(runs, key=lambda run: (run.data_start, run.name))


def write_demo(path: str | Path, today: date | None = None) -> Path:
    """Write the demo workspace to ``path`` (replacing a previous demo file there): the
    :data:`DEMO_MONTHS` whole months before ``today``'s month (default: the real today).

    Written beside it first and moved into place whole, so an interrupted write never leaves
    a half-written demo (nor none) where the app looks for it."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writing = temporary_beside(path)  # removed on the next open if a kill leaves it
    writing.unlink(missing_ok=True)
    try:
        _write_demo(writing, today or date.today())
        os.replace(writing, path)
    finally:
        writing.unlink(missing_ok=True)
    return path


def _write_demo(path: Path, today: date) -> None:
    """Write the demo workspace to the new file ``path``."""
    first, last = demo_span(today)
    rng = random.Random(2026)
    with Workspace.create(path) as workspace, workspace.transaction():
        workspace.save_settings(
            Settings(
                business_name="Lumen Social (demo)",
                currency="EUR",
                gross_margin=Decimal("0.65"),
                average_order_value=Decimal("24.00"),
                purchases_per_year=Decimal(6),
                years_retained=Decimal(2),
            )
        )
        clients = {
            _CAFE: workspace.add_client(
                Client(_CAFE, "Specialty coffee and cake, two tables outside; owner posts herself.")
            ),
            _SHOP: workspace.add_client(
                Client(_SHOP, "Florist: weddings, events and walk-in bouquets.")
            ),
        }
        costs: list[Cost] = []
        results: list[Result] = []
        learning = _Learning(first, last)
        ids: dict[str, int] = {}
        runs = _runs(first, last, today)
        for run in runs:
            season = run.season
            campaign = workspace.add_campaign(
                Campaign(
                    name=run.name,
                    start=run.data_start,
                    end=run.end,
                    client_id=clients[season.client].id,
                    platforms=season.platforms,
                    objective=season.objective,
                    budget=season.budget,
                    status=CampaignStatus.FINISHED if run.end <= last else CampaignStatus.ACTIVE,
                    notes=f"Demo campaign for {season.client}.",
                )
            )
            assert campaign.id is not None
            ids[run.name] = campaign.id
            costs.extend(_campaign_costs(run, campaign.id, rng))
            results.extend(_campaign_results(run, campaign.id, rng, learning))
            _add_goals(workspace, run, campaign.id)
        costs.extend(_general_costs(first, last))
        workspace.add_costs(costs)
        workspace.add_results(results)
        # valuations and other returns on the same days of the second year as ever (March 1,
        # May 1, March 20, June 12 when the demo is written in November)
        second_year = _add_months(first, 12)
        for valuation in (
            Valuation(
                "leads",
                first,
                Decimal("25.00"),
                note="A wedding enquiry: about 1 in 15 books a €380 order",
                low=Decimal("15.00"),
                high=Decimal("40.00"),
            ),
            Valuation(
                "followers_gained",
                first,
                Decimal("0.40"),
                low=Decimal("0.20"),
                high=Decimal("0.60"),
            ),
            Valuation(
                "link_clicks",
                first,
                Decimal("0.35"),
                note="An organic visit: what a click costs as an ad (paid clicks value nothing)",
                low=Decimal("0.25"),
                high=Decimal("0.45"),
            ),
            Valuation(
                "engagements",
                _add_months(second_year, 6),
                Decimal("0.02"),
                low=Decimal("0.01"),
                high=Decimal("0.03"),
            ),
        ):
            workspace.add_valuation(valuation)
        june_12 = [  # the latest wedding season's June 12
            (run.began + timedelta(days=103), run)
            for run in runs
            if run.season.objective is Objective.LEADS
            and run.data_start <= run.began + timedelta(days=103) <= run.data_end
        ]
        if june_12:
            day, latest = june_12[-1]
            workspace.add_other_return(
                OtherReturn(
                    day,
                    Decimal("650.00"),
                    campaign_id=ids[latest.name],
                    platform="LinkedIn",
                    description="Corporate event order after a LinkedIn conversation",
                )
            )
        workspace.add_other_return(
            OtherReturn(
                _add_months(second_year, 4) + timedelta(days=19),
                Decimal("120.00"),
                description="Support calls saved by Instagram FAQ highlights",
            )
        )
        for experiment in _DEMO_EXPERIMENTS:
            workspace.add_experiment(experiment)
        _mark(workspace, today)


#: Settings keys (not settings the window shows) marking a demo as written and not changed
#: since: the month it was written for and a digest of everything the user could change.
DEMO_MONTH_KEY = "demo_written_for"
DEMO_DIGEST_KEY = "demo_digest"
#: The tables a user edits or imports into (not the engine's caches, which follow them).
_USER_TABLES = (
    "settings",
    "clients",
    "campaigns",
    "goals",
    "costs",
    "results",
    "valuations",
    "other_returns",
    "import_batches",
    "experiments",
)


def content_digest(connection: sqlite3.Connection) -> str:
    """A digest of every row of the user's tables (the demo marks themselves left out): equal
    digests mean nothing was added, changed or deleted."""
    digest = hashlib.sha256()
    present = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    for table in _USER_TABLES:
        if table not in present:  # a file of an earlier build, before the table was added
            continue
        where = f" WHERE key NOT IN ('{DEMO_MONTH_KEY}', '{DEMO_DIGEST_KEY}')"
        rows = connection.execute(
            f"SELECT * FROM {table}{where if table == 'settings' else ''} ORDER BY rowid"
        )
        digest.update(table.encode())
        for row in rows:
            digest.update(repr(row).encode())
    return digest.hexdigest()


def _mark(workspace: Workspace, today: date) -> None:
    """Note the month the demo was written for and the digest of what it holds."""
    marks = [
        (DEMO_MONTH_KEY, f"{today:%Y-%m}"),
        (DEMO_DIGEST_KEY, content_digest(workspace.db.conn)),
    ]
    workspace.db.conn.executemany(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        marks,
    )


def is_untouched_old_demo(path: str | Path, today: date | None = None) -> bool:
    """Whether ``path`` is a demo written for an earlier month than ``today``'s and not changed
    since (read without opening it as a workspace: no migration, no backup)."""
    path = Path(path)
    if not path.is_file():
        return False
    today = today or date.today()
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        marks = dict(
            connection.execute(
                "SELECT key, value FROM settings WHERE key IN (?, ?)",
                (DEMO_MONTH_KEY, DEMO_DIGEST_KEY),
            ).fetchall()
        )
        if DEMO_MONTH_KEY not in marks:
            return False
        # a demo of an earlier development build is written again whatever its month
        if marks[DEMO_MONTH_KEY] >= f"{today:%Y-%m}" and development_version(path) is None:
            return False
        return marks.get(DEMO_DIGEST_KEY) == content_digest(connection)
    except sqlite3.Error:
        return False  # not a workspace, or one of another shape: leave it to Workspace.open
    finally:
        connection.close()


def refresh_demo(path: str | Path, today: date | None = None) -> bool:
    """Write the demo again for ``today`` where ``path`` holds an untouched demo of an earlier
    month, so its "last 12 months" stay full; a demo the user changed is kept as it is.
    Returns whether it was written again."""
    if not is_untouched_old_demo(path, today):
        return False
    try:
        write_demo(path, today)
    except OSError:
        return False  # open elsewhere (Windows locks it): the old demo still opens
    return True


def _general_costs(first: date, last: date) -> list[Cost]:
    """Costs of no campaign: two tools billed monthly, a photographer's retainer each spring."""
    thirtieth = min(first + timedelta(days=29), _month_end(first))
    costs = [
        Cost(
            start=first,
            category=CostCategory.TOOLS,
            amount=Decimal("11.99"),
            repeat=Repeat.MONTHLY,
            until=last,
            description="Canva Pro subscription",
        ),
        Cost(
            start=thirtieth,
            category=CostCategory.TOOLS,
            amount=Decimal("19.00"),
            repeat=Repeat.MONTHLY,
            until=last,
            platform="Instagram",
            description="Scheduling tool (billed on the 30th)",
        ),
    ]
    for year in range(first.year, last.year + 1):
        if first <= date(year, 1, 1) and date(year, 6, 30) <= last:
            costs.append(
                Cost(
                    start=date(year, 1, 1),
                    end=date(year, 6, 30),
                    category=CostCategory.AGENCY,
                    amount=Decimal("1800.00"),
                    description=f"Freelance photographer retainer, January–June {year}",
                )
            )
    return costs


@dataclass(frozen=True)
class _Learning:
    """How many times the clicks of the demo's first day the same ads bring on a day (1 → 1.2)."""

    first: date
    last: date

    def on(self, day: date) -> Decimal:
        span = (self.last - self.first).days or 1
        return 1 + _LEARNING * Decimal((day - self.first).days) / Decimal(span)


def _campaign_costs(run: _DemoCampaign, campaign_id: int, rng: random.Random) -> list[Cost]:
    costs = []
    for first in _month_starts(run.data_start, run.data_end):
        start, end = max(first, run.data_start), min(_month_end(first), run.data_end)
        days = (end - start).days + 1
        for platform in run.season.platforms:
            daily = _PLATFORM_PROFILE[platform][3] * Decimal(rng.randint(85, 115)) / 100
            costs.append(
                Cost(
                    start=start,
                    end=end,
                    category=CostCategory.ADVERTISING,
                    amount=(daily * days).quantize(Decimal("0.01")),
                    campaign_id=campaign_id,
                    platform=platform,
                    description=f"{platform} ads {first:%B %Y}",
                )
            )
        costs.append(
            Cost(
                start=end,
                category=CostCategory.STAFF,
                hours=Decimal(rng.choice((4, 5, 6, 8))),
                hourly_rate=Decimal("22.50"),
                campaign_id=campaign_id,
                description="Owner's time: posting, replies, stories",
            )
        )
    costs.append(
        Cost(
            start=run.data_start,
            category=CostCategory.CONTENT,
            amount=Decimal(rng.choice((180, 240, 320))),
            campaign_id=campaign_id,
            description="Photo and video shoot",
        )
    )
    return costs


def _campaign_results(
    run: _DemoCampaign, campaign_id: int, rng: random.Random, learning: _Learning
) -> list[Result]:
    """Each day and platform: the ads' results (paid) and the posts' (organic; not on Google
    Ads, which is search advertising only)."""
    rows = []
    season = run.season
    total = (run.end - run.began).days + 1
    for day in _days(run.data_start, run.data_end):
        # a campaign reaches more people as it runs (from its real start, before the demo's
        # first day included); an always-on one keeps its pace
        ramp = Decimal(1)
        if run.season.starts is not None:
            ramp = Decimal("0.6") + Decimal((day - run.began).days) / Decimal(total) * Decimal(
                "0.8"
            )
        weekend = Decimal("1.25") if day.weekday() >= 5 else Decimal(1)
        better = learning.on(day)
        for platform in season.platforms:
            base, _, _, _ = _PLATFORM_PROFILE[platform]
            impressions = int(base * ramp * weekend * Decimal(rng.randint(70, 130)) / 100)
            paid = _Reach(platform, "paid", impressions, better)
            rows.append(_day_result(run, campaign_id, day, paid, rng))
            if platform in _ORGANIC_SHARE:
                organic = int(impressions * _ORGANIC_SHARE[platform])
                posts = _Reach(platform, "organic", organic, better)
                rows.append(_day_result(run, campaign_id, day, posts, rng))
    return rows


#: Organic impressions (the posts') per paid impression (the ads') on each social platform.
_ORGANIC_SHARE = {
    "Facebook": Decimal("0.45"),
    "Instagram": Decimal("0.70"),
    "TikTok": Decimal("0.60"),
    "LinkedIn": Decimal("0.50"),
}
#: Clicks per impression of a post against an ad's (posts are not made to be clicked).
_ORGANIC_CLICKS = Decimal("0.45")


@dataclass(frozen=True)
class _Reach:
    """Whose results a row holds (a platform's ads or posts), how many saw them, and how
    much better than on the demo's first day the same impressions bring clicks."""

    platform: str
    source: str
    impressions: int
    better: Decimal


def _day_result(
    run: _DemoCampaign, campaign_id: int, day: date, reach: _Reach, rng: random.Random
) -> Result:
    """One day's results of one platform's ads (paid: clicks, sales) or posts (organic:
    engagement and followers, fewer clicks)."""
    season = run.season
    platform, impressions = reach.platform, reach.impressions
    _, ctr, engagement, _ = _PLATFORM_PROFILE[platform]
    paid = reach.source == "paid"
    if not paid:
        ctr *= _ORGANIC_CLICKS
    else:
        engagement /= 5  # an ad's likes and comments: a fifth of a post's
    clicks = int(impressions * ctr * reach.better * Decimal(rng.randint(80, 120)) / 100)
    leads = int(clicks * season.lead_rate * Decimal(rng.randint(0, 200)) / 100)
    conversions = int(clicks * season.sale_rate * Decimal(rng.randint(0, 200)) / 100)
    followers = rng.randint(0, 2 if paid else 6) if platform != "Google Ads" else 0
    return Result(
        date=day,
        campaign_id=campaign_id,
        platform=platform,
        content_type=rng.choice(_CONTENT[platform]),
        impressions=impressions,
        reach=int(impressions * Decimal(rng.randint(55, 80)) / 100),
        engagements=int(impressions * engagement * Decimal(rng.randint(70, 130)) / 100),
        followers_gained=followers,
        link_clicks=clicks,
        sessions=int(clicks * Decimal(rng.randint(75, 95)) / 100),
        leads=leads,
        conversions=conversions,
        new_customers=int(conversions * Decimal(rng.randint(20, 60)) / 100),
        revenue=(season.order_value * conversions).quantize(Decimal("0.01")),
        source=reach.source,
        content=_demo_content(run.name, day, paid),
    )


def _demo_content(campaign: str, day: date, paid: bool) -> str:
    """The post or ad a demo row is about, from the day alone (the random numbers stay as
    they were): a week's post, or one of two ads taking turns by week (the demo's A/B test)."""
    week = day.isocalendar().week
    if paid:
        return f"{campaign} — ad {'A' if week % 2 else 'B'}"
    return f"{campaign} — post of week {week}"


#: The demo's saved experiments: one with a clear verdict, one that cannot tell yet.
_DEMO_EXPERIMENTS = (
    SavedExperiment(
        "Instagram or Facebook posts",
        GroupSpec("platform", "Facebook"),
        GroupSpec("platform", "Instagram"),
        RateKpi.ENGAGEMENT_RATE,
    ),
    SavedExperiment(
        "Ad A or ad B", GroupSpec("content", "— ad A"), GroupSpec("content", "— ad B"), RateKpi.CTR
    ),
)


def _add_goals(workspace: Workspace, run: _DemoCampaign, campaign_id: int) -> None:
    for kpi, baseline, target in run.season.goals:
        workspace.add_goal(Goal(campaign_id, kpi, Decimal(baseline), Decimal(target), run.end))
