"""What an import writes: an export's rows summed per day, campaign name and reporting end."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Summed:
    """The kept rows summed per day, campaign name and reporting end, in order of each
    group's first row, and what the import reports about them. The Python path
    (``importer.convert``) and the columnar one (``columnar.summed``) both make it."""

    rows: int  # the file's data rows kept
    dates: list[date]
    labels: list[str | None]
    ends: list[date | None]
    sums: dict[str, list[int | None]]  # per metric (money in ten-thousandths); None: no value
    first_spends: list[int | None]  # each group's first row with a spend (for ordering)
    period: tuple[date | None, date | None]
    currency: str | None
    skipped: dict[str, list[int]] = field(default_factory=dict)
    undated: bool = False
