"""Top content: the period's posts and ads ranked by a rate (SPEC "Content and experiments")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from roidesk.core.experiments import RateKpi
from roidesk.storage import Workspace
from roidesk.storage.content_sums import ContentSums, content_sums
from roidesk.storage.results import ResultFilter

#: Fewer impressions than this and a post's rate says too little to rank it.
MIN_IMPRESSIONS = 100


@dataclass(frozen=True, slots=True)
class RankedContent:
    """One post or ad in the ranking: its rate on the chosen measure and what it is."""

    sums: ContentSums
    rate: float


def _rate(sums: ContentSums, measure: RateKpi) -> float | None:
    if sums.impressions < MIN_IMPRESSIONS:
        return None
    if measure is RateKpi.ENGAGEMENT_RATE:
        return sums.engagements / sums.impressions
    if measure is RateKpi.CTR:
        return sums.link_clicks / sums.impressions
    raise ValueError(f"top content is not ranked by {measure}")


def top_content(
    workspace: Workspace,
    start: date | None,
    end: date | None,
    measure: RateKpi = RateKpi.ENGAGEMENT_RATE,
    *,
    platform: str | None = None,
    source: str | None = None,
    limit: int = 10,
) -> list[RankedContent]:
    """The best ``limit`` posts and ads of the period by ``measure`` (engagement rate or CTR),
    optionally of one platform and one source ("paid"/"organic"; no source counts as organic);
    ties by more impressions, then by name. Posts under MIN_IMPRESSIONS are left out."""
    where = ResultFilter(start=start, end=end, platform=platform)
    ranked = []
    for sums in content_sums(workspace.db, where):
        if source is not None and (sums.source or "organic") != source:
            continue
        rate = _rate(sums, measure)
        if rate is not None:
            ranked.append(RankedContent(sums, rate))
    ranked.sort(key=lambda r: (-r.rate, -r.sums.impressions, r.sums.content.casefold()))
    return ranked[:limit]
