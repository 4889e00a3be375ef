"""What an import writes: an export's rows summed per day, campaign name and reporting end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Summed:
    """The kept rows summed per day, campaign name and reporting end, in that order (see
    :meth:`sort`), and what the import reports about them. The Python path
    (``importer.convert``) and the columnar one (``columnar.summed``) both make it."""

    rows: int  # the file's data rows kept
    dates: list[date]
    labels: list[str | None]
    ends: list[date | None]
    sums: dict[str, list[int | None]]  # per metric (money in ten-thousandths); None: no value
    period: tuple[date | None, date | None]
    currency: str | None
    skipped: dict[str, list[int]] = field(default_factory=dict)
    undated: bool = False

    def sort(self) -> None:
        """The groups sorted by day, campaign name and reporting end (no name and no end
        first): the order results, costs and new campaigns are written in, whichever way the
        file was read (DuckDB sums without keeping the order of the file's rows)."""
        order = sorted(
            range(len(self.dates)),
            key=lambda at: (
                self.dates[at],
                self.labels[at] is not None,
                self.labels[at] or "",
                self.ends[at] is not None,
                self.ends[at] or date.min,
            ),
        )
        self.dates = [self.dates[at] for at in order]
        self.labels = [self.labels[at] for at in order]
        self.ends = [self.ends[at] for at in order]
        self.sums = {name: [values[at] for at in order] for name, values in self.sums.items()}
