"""What moves ROI most over a real 2-valuation workspace, hand-computed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from planning_workspace import BASIS, TODAY, planning_workspace

from roidesk.core.figures import Query
from roidesk.core.records import Valuation
from roidesk.engine.sensitivity import roi_sensitivity

D = Decimal


def test_leads_move_roi_more_than_engagements(tmp_path: Path) -> None:
    """Each valuation's low and high ROI come from the stored rows with the others at value."""
    ws = planning_workspace(tmp_path / "plan.roidesk")
    try:
        # cost 450; direct 900, other 60, leads 36 × 10 (5–20), engagements 1,200 × 0.10
        # (0.05–0.40, organic Instagram): total 1,440, ROI 2.2
        ws.add_valuation(
            Valuation("engagements", date(2026, 1, 1), D("0.10"), low=D("0.05"), high=D("0.40"))
        )
        swings = roi_sensitivity(ws, Query(*BASIS), TODAY)
    finally:
        ws.close()
    assert [s.metric for s in swings] == ["leads", "engagements"]
    # leads at 5: 1,260 → (1,260 − 450)/450 = 1.8; at 20: 1,800 → 3.0
    assert (swings[0].roi_low, swings[0].roi_high) == (D("1.8"), D(3))
    # engagements at 0.05: 1,380 → 930/450; at 0.40: 1,800 → 3.0
    assert (swings[1].roi_low, swings[1].roi_high) == (D(930) / D(450), D(3))
