"""The records every layer speaks: immutable dataclasses with exact money.

Money is :class:`~decimal.Decimal` in the workspace currency everywhere in Python;
storage keeps it as integer ten-thousandths (see ``roidesk.storage.schema``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum


class CostCategory(StrEnum):
    """What a cost paid for (SPEC "Entities")."""

    ADVERTISING = "advertising"
    CONTENT = "content creation"
    STAFF = "staff time"
    AGENCY = "agency/freelancer fees"
    TOOLS = "tools & subscriptions"
    INFLUENCERS = "influencers"
    OTHER = "other"


class Repeat(StrEnum):
    """Whether a cost recurs."""

    NONE = "none"
    MONTHLY = "monthly"


class Objective(StrEnum):
    """A campaign's objective."""

    AWARENESS = "awareness"
    ENGAGEMENT = "engagement"
    TRAFFIC = "traffic"
    LEADS = "leads"
    SALES = "sales"


class CampaignStatus(StrEnum):
    """Where a campaign stands."""

    PLANNED = "planned"
    ACTIVE = "active"
    PAUSED = "paused"
    FINISHED = "finished"


class ContentType(StrEnum):
    """What kind of post or ad a result row is about."""

    VIDEO = "video"
    IMAGE = "image"
    CAROUSEL = "carousel"
    STORY_REEL = "story/reel"
    TEXT = "text"
    LIVE = "live"
    POLL_CONTEST = "poll/contest"


class OtherReturnKind(StrEnum):
    """What an other return is (SPEC "Other return"): indirect returns visible as such."""

    SUPPORT_SAVED = "support cost saved"
    UNTRACKED_SALE = "sale outside the shop's tracking"
    REFERRAL = "referral"
    RECRUITMENT = "recruitment"
    INVITATION = "press or speaking invitation"
    OTHER = "other"


#: Result columns that count things, in workbook order.
COUNT_METRICS: tuple[str, ...] = (
    "impressions",
    "reach",
    "engagements",
    "followers_gained",
    "link_clicks",
    "sessions",
    "leads",
    "conversions",
    "new_customers",
)

#: Result metrics a valuation can put a price on (impressions are valued per 1,000).
VALUED_METRICS: tuple[str, ...] = (
    "impressions",
    "engagements",
    "followers_gained",
    "link_clicks",
    "sessions",
    "leads",
    "conversions",
    "new_customers",
)

#: Metrics whose valuation would count a sale twice on rows that also carry revenue.
SALE_METRICS: frozenset[str] = frozenset({"conversions", "new_customers"})

#: Well-known platforms and the spellings users and exports give them.
KNOWN_PLATFORMS: dict[str, str] = {
    "facebook": "Facebook",
    "fb": "Facebook",
    "meta": "Facebook",
    "instagram": "Instagram",
    "ig": "Instagram",
    "linkedin": "LinkedIn",
    "tiktok": "TikTok",
    "x": "X",
    "twitter": "X",
    "youtube": "YouTube",
    "pinterest": "Pinterest",
    "google ads": "Google Ads",
    "google": "Google Ads",
    "adwords": "Google Ads",
    "website": "Website",
    "google analytics": "Website",
    "snapchat": "Snapchat",
}


def canonical_platform(name: str | None) -> str | None:
    """Return the canonical spelling of a platform name, or ``None`` for a blank one."""
    if name is None:
        return None
    cleaned = " ".join(str(name).split())
    if not cleaned:
        return None
    return KNOWN_PLATFORMS.get(cleaned.casefold(), cleaned)


@dataclass(frozen=True, slots=True)
class Settings:
    """Workspace-wide settings."""

    business_name: str = "My business"
    currency: str = "EUR"
    gross_margin: Decimal = Decimal(1)
    locale: str = ""
    average_order_value: Decimal | None = None
    purchases_per_year: Decimal | None = None
    years_retained: Decimal | None = None
    lifetime_value: Decimal | None = None
    #: the industry whose published benchmarks are shown ('' = none chosen)
    industry: str = ""
    #: Path of the business's logo image, shown on the report's first page ('' for none).
    logo: str = ""
    #: Accent colour of the report as ``#RRGGBB`` ('' for the default blue).
    accent_colour: str = ""


@dataclass(frozen=True, slots=True)
class Client:
    """A client of an agency (optional grouping of campaigns)."""

    name: str
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Campaign:
    """A marketing campaign."""

    name: str
    start: date
    end: date
    client_id: int | None = None
    platforms: tuple[str, ...] = ()
    objective: Objective | None = None
    budget: Decimal | None = None
    status: CampaignStatus = CampaignStatus.ACTIVE
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Goal:
    """A SMART goal of one campaign: move ``kpi`` from ``baseline`` to ``target`` by a deadline."""

    campaign_id: int
    kpi: str
    baseline: Decimal
    target: Decimal
    deadline: date
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Cost:
    """Money or staff time spent; ``amount`` or ``hours`` × ``hourly_rate``."""

    start: date
    category: CostCategory
    amount: Decimal | None = None
    hours: Decimal | None = None
    hourly_rate: Decimal | None = None
    end: date | None = None
    repeat: Repeat = Repeat.NONE
    until: date | None = None
    campaign_id: int | None = None
    platform: str | None = None
    description: str = ""
    batch_id: int | None = None
    id: int | None = None

    @property
    def total(self) -> Decimal:
        """The cost of one occurrence: the amount, or hours × hourly rate."""
        if self.amount is not None:
            return self.amount
        if self.hours is not None and self.hourly_rate is not None:
            return self.hours * self.hourly_rate
        return Decimal(0)


@dataclass(frozen=True, slots=True)
class Result:
    """One row of activity data (mostly imported)."""

    date: date
    platform: str | None = None
    campaign_id: int | None = None
    content_type: ContentType | None = None
    impressions: int | None = None
    reach: int | None = None
    engagements: int | None = None
    followers_gained: int | None = None
    link_clicks: int | None = None
    sessions: int | None = None
    leads: int | None = None
    conversions: int | None = None
    new_customers: int | None = None
    revenue: Decimal | None = None
    #: where the activity came from: "paid", "organic", or None (not told: counted as organic)
    source: str | None = None
    #: the post or ad this row is about (ad name, post link, caption's first line), if told
    content: str | None = None
    batch_id: int | None = None
    id: int | None = None


#: The values a result's ``source`` may take besides None.
RESULT_SOURCES = ("paid", "organic")


@dataclass(frozen=True, slots=True)
class Valuation:
    """Money value of one unit of a metric (impressions: per 1,000), from a date on."""

    metric: str
    valid_from: date
    value_per_unit: Decimal
    platform: str | None = None
    note: str = ""
    #: how sure the owner is: the value at its lowest and highest (None: the value itself)
    low: Decimal | None = None
    high: Decimal | None = None
    #: "organic" or "all" results; None: the metric's default (SPEC "Valuation")
    applies_to: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class OtherReturn:
    """A dated amount attributed to social media outside the result rows."""

    date: date
    amount: Decimal
    campaign_id: int | None = None
    platform: str | None = None
    description: str = ""
    #: what kind of return: an :class:`OtherReturnKind` value; None: other
    kind: str | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """One import of one file: can be listed and undone as a whole."""

    source: str
    fingerprint: str
    imported_at: str
    kind: str = "workbook"
    rows: int = 0
    #: what the import left out and why, in words ("2 totals rows (rows 14, 15)"); "" for none
    left_out: str = ""
    id: int | None = None
