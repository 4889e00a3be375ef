"""Only social traffic from an analytics export (SPEC "Rules"): each row's channel group or
source / medium tells whether it is social, which platform it came from and whether it was
paid; the other rows are left out and counted for the import summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Channel groups that are social traffic (GA4 and Universal Analytics, in our users'
#: languages), lower case; a paid one makes its rows paid.
SOCIAL_CHANNELS = frozenset({
    "organic social", "paid social", "social", "social network", "social networks",
    "soziale netzwerke", "organische soziale netzwerke", "bezahlte soziale netzwerke",
    "közösségi", "organikus közösségi", "fizetett közösségi", "közösségi média",
    "sociaal", "organisch sociaal", "betaald sociaal", "sociale media",
    "media społecznościowe", "bezpłatne media społecznościowe", "płatne media społecznościowe",
    "organiczne media społecznościowe", "sosiale medier", "organisk sosial", "betalt sosial",
})  # fmt: skip
_PAID_CHANNEL_WORDS = ("paid", "bezahlt", "fizetett", "betaald", "płatne", "betalt")

#: Source names (host names without ``www.``, and utm_source words) → platform.
SOCIAL_SOURCES: dict[str, str] = {
    "fb": "Facebook", "facebook": "Facebook", "facebook.com": "Facebook",
    "l.facebook.com": "Facebook", "m.facebook.com": "Facebook", "lm.facebook.com": "Facebook",
    "business.facebook.com": "Facebook", "fb.com": "Facebook", "fb.me": "Facebook",
    "meta": "Facebook",
    "ig": "Instagram", "instagram": "Instagram", "instagram.com": "Instagram",
    "l.instagram.com": "Instagram", "m.instagram.com": "Instagram",
    "linkedin": "LinkedIn", "linkedin.com": "LinkedIn", "lnkd.in": "LinkedIn",
    "t.co": "X", "x.com": "X", "twitter": "X", "twitter.com": "X", "mobile.twitter.com": "X",
    "tiktok": "TikTok", "tiktok.com": "TikTok", "vm.tiktok.com": "TikTok",
    "youtube": "YouTube", "youtube.com": "YouTube", "m.youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "pinterest": "Pinterest", "pinterest.com": "Pinterest", "pin.it": "Pinterest",
    "snapchat": "Snapchat", "snapchat.com": "Snapchat",
    "threads.net": "Threads", "threads": "Threads",
}  # fmt: skip
#: Mediums that make a social source's row paid.
PAID_MEDIUMS = frozenset({
    "paid_social", "paidsocial", "paid-social", "paid social", "social_paid", "social-paid",
    "cpc", "ppc", "cpm", "cpv", "paid", "ads", "ad", "display",
})  # fmt: skip


@dataclass
class LeftOut:
    """What an analytics import left out as not social, in total and by channel."""

    rows: int = 0
    sessions: int = 0
    revenue: int = 0  # ten-thousandths
    by_channel: dict[str, list[int]] = field(default_factory=dict)  # name → [rows, sessions, rev]

    def add(self, channel: str, sessions: int | None, revenue: int | None) -> None:
        """Count one left-out row under ``channel``."""
        self.rows += 1
        self.sessions += sessions or 0
        self.revenue += revenue or 0
        counts = self.by_channel.setdefault(channel, [0, 0, 0])
        counts[0] += 1
        counts[1] += sessions or 0
        counts[2] += revenue or 0


@dataclass
class Traffic:
    """Each row's verdict: kept or not, and the platform and source of the kept ones."""

    keep: list[bool]
    platforms: list[str | None]
    sources: list[str]
    left_out: LeftOut


def _text(cell: Any) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def _host(source: str) -> str:
    """A source name as a host: lower case, no scheme, path or ``www.``."""
    host = source.strip().casefold()
    for scheme in ("https://", "http://"):
        host = host.removeprefix(scheme)
    host = host.split("/")[0].removeprefix("www.")
    return host


def source_platform(source: str) -> str | None:
    """The social platform a traffic source names (``l.facebook.com`` → Facebook), or None."""
    host = _host(source)
    if host in SOCIAL_SOURCES:
        return SOCIAL_SOURCES[host]
    parts = host.split(".")
    for start in range(1, max(len(parts) - 1, 1)):  # any subdomain of a known host
        platform = SOCIAL_SOURCES.get(".".join(parts[start:]))
        if platform is not None and "." in ".".join(parts[start:]):
            return platform
    return None


def classify(channel: Any, source_medium: Any) -> tuple[bool, str | None, bool]:
    """Whether a row is social traffic, the platform it names (None: not named) and whether
    it was paid, from its channel group and/or its ``source / medium`` cell."""
    channel_text = _text(channel).casefold()
    source, _, medium = _text(source_medium).partition("/")
    platform = source_platform(source) if source.strip() else None
    medium = medium.strip().casefold()
    social_channel = channel_text in SOCIAL_CHANNELS
    social = social_channel or platform is not None
    paid = (social_channel and any(w in channel_text for w in _PAID_CHANNEL_WORDS)) or (
        platform is not None and (medium in PAID_MEDIUMS or "paid" in medium)
    )
    return social, platform, paid


def social_traffic(
    channels: list[Any] | None,
    source_mediums: list[Any] | None,
    sessions: list[int | None] | None,
    revenue: list[int | None] | None,
    default_platform: str | None,
) -> Traffic:
    """Each row's verdict; left-out rows counted by channel (else by medium, else source)."""
    n = len(channels if channels is not None else source_mediums or [])
    keep: list[bool] = []
    platforms: list[str | None] = []
    sources: list[str] = []
    left_out = LeftOut()
    verdicts: dict[tuple[Any, Any], tuple[bool, str | None, bool]] = {}
    for i in range(n):
        channel = channels[i] if channels is not None else None
        source_medium = source_mediums[i] if source_mediums is not None else None
        key = (channel, source_medium)
        verdict = verdicts.get(key)
        if verdict is None:
            verdict = verdicts[key] = classify(channel, source_medium)
        social, platform, paid = verdict
        keep.append(social)
        platforms.append(platform or default_platform)
        sources.append("paid" if paid else "organic")
        if not social:
            left_out.add(
                _channel_name(channel, source_medium),
                sessions[i] if sessions is not None else None,
                revenue[i] if revenue is not None else None,
            )
    return Traffic(keep, platforms, sources, left_out)


def _channel_name(channel: Any, source_medium: Any) -> str:
    """How a left-out row's traffic is named in the summary."""
    if channel is not None and _text(channel):
        return _text(channel)
    source, _, medium = _text(source_medium).partition("/")
    return medium.strip() or source.strip() or "(not set)"
