"""The post or ad an export row is about, and its content type, from the export's cells."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from roidesk.core.records import ContentType

#: Longest content kept: a longer first line is cut here (with an ellipsis); posts whose
#: captions start alike stay apart, screens elide it.
CONTENT_LENGTH = 1000

#: Words of a post type / media type / ad format cell, with the content type they say
#: (the first word found wins: "Carousel video" is a carousel).
_TYPE_WORDS: tuple[tuple[str, ContentType], ...] = (
    ("carousel", ContentType.CAROUSEL),
    ("album", ContentType.CAROUSEL),
    ("reel", ContentType.STORY_REEL),
    ("story", ContentType.STORY_REEL),
    ("stories", ContentType.STORY_REEL),
    ("short", ContentType.STORY_REEL),
    ("live", ContentType.LIVE),
    ("poll", ContentType.POLL_CONTEST),
    ("contest", ContentType.POLL_CONTEST),
    ("video", ContentType.VIDEO),
    ("image", ContentType.IMAGE),
    ("photo", ContentType.IMAGE),
    ("picture", ContentType.IMAGE),
    ("text", ContentType.TEXT),
    ("status", ContentType.TEXT),
)


def content_text(cell: Any) -> str | None:
    """A content cell as stored: its first line, spaces collapsed, at most CONTENT_LENGTH."""
    if cell is None:
        return None
    text = str(cell).strip()
    first = " ".join(text.splitlines()[0].split()) if text else ""
    if not first:
        return None
    if len(first) > CONTENT_LENGTH:
        first = first[: CONTENT_LENGTH - 1].rstrip() + "…"
    return first


def content_type_of(cell: Any) -> str | None:
    """The content type a post type / media type / ad format cell says, or None."""
    if cell is None:
        return None
    words = str(cell).casefold().replace("_", " ")
    for word, kind in _TYPE_WORDS:
        if word in words:
            return str(kind)
    return None


def by_distinct(cells: Sequence[Any] | None, convert: Any, count: int) -> list[Any]:
    """``convert`` of each cell (worked out once per distinct cell); Nones without a column."""
    if cells is None:
        return [None] * count
    found = {cell: convert(cell) for cell in set(cells)}
    return [found[cell] for cell in cells]
