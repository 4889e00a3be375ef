"""Sums per post or ad: what the top-content ranking is made of (results with content only)."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from sqlite_utils import Database

from roidesk.storage.results import ResultFilter


class ContentSums(NamedTuple):
    """One post or ad's sums over a period, with its first and last day in it."""

    content: str
    platform: str | None
    source: str | None
    content_type: str | None
    first_day: date
    last_day: date
    impressions: int
    engagements: int
    link_clicks: int
    rows_with_impressions: int


def content_sums(db: Database, where: ResultFilter) -> list[ContentSums]:
    """Per content, platform, source and content type: the sums of the rows ``where`` picks
    that name a post or ad (engagements and clicks only where impressions are told)."""
    clause, params = where.sql()
    sql = (
        "SELECT content, platform, source, content_type, min(date), max(date),"
        " coalesce(sum(impressions), 0),"
        " coalesce(sum(CASE WHEN impressions IS NOT NULL THEN engagements END), 0),"
        " coalesce(sum(CASE WHEN impressions IS NOT NULL THEN link_clicks END), 0),"
        " count(impressions)"
        " FROM results WHERE content IS NOT NULL"
        + (f" AND {clause}" if clause else "")
        + " GROUP BY content, platform, source, content_type"
    )
    return [
        ContentSums(
            row[0],
            row[1],
            row[2],
            row[3],
            date.fromisoformat(row[4]),
            date.fromisoformat(row[5]),
            *row[6:],
        )
        for row in db.execute(sql, params).fetchall()
    ]
