"""What an import writes: an export's rows summed per day, campaign name, reporting end,
platform, source, content and content type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter


@dataclass
class Summed:
    """The kept rows summed per day, campaign name and reporting end, in that order (see
    :meth:`sort`), and what the import reports about them."""

    rows: int  # the file's data rows kept
    dates: list[date]
    labels: list[str | None]
    ends: list[date | None]
    platforms: list[str | None]
    sources: list[str]
    contents: list[str | None]
    content_types: list[str | None]
    sums: dict[str, list[int | None]]  # per metric (money in ten-thousandths); None: no value
    period: tuple[date | None, date | None]
    currency: str | None
    skipped: dict[str, list[int]] = field(default_factory=dict)
    undated: bool = False

    def sort(self) -> None:
        """The groups sorted by day, campaign name and reporting end (no name and no end
        first): the order results, costs and new campaigns are written in."""
        labels, ends, platforms = self.labels, self.ends, self.platforms
        keys = zip(
            self.dates,
            [label is not None for label in labels],
            [label or "" for label in labels],
            [end is not None for end in ends],
            [end or date.min for end in ends],
            [platform or "" for platform in platforms],
            self.sources,
            [content or "" for content in self.contents],
            [kind or "" for kind in self.content_types],
            range(len(labels)),
            strict=True,
        )  # tuples compared at C speed; the index last breaks ties
        order = [key[-1] for key in sorted(keys)]
        if len(order) < 2:
            return
        pick = itemgetter(*order)
        self.dates, self.labels, self.ends = (
            list(pick(self.dates)),
            list(pick(labels)),
            list(pick(ends)),
        )
        self.platforms, self.sources = list(pick(platforms)), list(pick(self.sources))
        self.contents = list(pick(self.contents))
        self.content_types = list(pick(self.content_types))
        self.sums = {name: list(pick(values)) for name, values in self.sums.items()}
