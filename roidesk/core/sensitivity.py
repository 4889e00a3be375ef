"""What moves ROI most: ROI (total) with one valuation at its low and at its high.

SPEC "Looking ahead": each valuation is swung alone from its low to its high value while every
other valuation stays at its value; the bars come largest span first. Pure arithmetic on the
engine's totals (no Qt, no SQL).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from roidesk.core import kpi


@dataclass(frozen=True, slots=True)
class Swing:
    """ROI (total) with one valued metric at its low and at its high value."""

    metric: str
    roi_low: Decimal
    roi_high: Decimal

    @property
    def span(self) -> Decimal:
        """How far the ROI moves between the metric's low and high value."""
        return self.roi_high - self.roi_low


def roi_swings(
    total_return: Decimal | None,
    cost: Decimal | None,
    valued_by_metric: Mapping[str, tuple[Decimal, Decimal, Decimal]],
) -> list[Swing]:
    """One swing per valued metric whose low and high differ, the largest span first (ties by
    name); none when ROI is undefined (no cost, or no return figure)."""
    if total_return is None or cost is None or cost == 0:
        return []
    swings = []
    for metric, (value, low, high) in valued_by_metric.items():
        if low == high:
            continue
        roi_low = kpi.roi(total_return - value + low, cost)
        roi_high = kpi.roi(total_return - value + high, cost)
        assert roi_low is not None and roi_high is not None  # the cost is not zero
        swings.append(Swing(metric, roi_low, roi_high))
    return sorted(swings, key=lambda swing: (-swing.span, swing.metric))
