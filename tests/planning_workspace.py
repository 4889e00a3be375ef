"""A small hand-computed workspace for the planner's engine, CLI and page tests.

Over 1 January–31 March 2026 (3 months): Facebook advertising 300 (spread over the three
months), 150 of content creation with no platform; Facebook paid results (600 link clicks,
30 leads, revenue 900), Facebook organic results (300 link clicks, 6 leads), Instagram organic
(1,200 engagements), 60 of other return on Facebook; leads valued 10 (low 5, high 20).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

from roidesk.core.records import Cost, CostCategory, OtherReturn, Result, Valuation
from roidesk.storage import Workspace

BASIS = (date(2026, 1, 1), date(2026, 3, 31))
TODAY = date(2026, 4, 10)


def planning_workspace(path: Path) -> Workspace:
    """The workspace above, written to ``path`` and left open."""
    ws = Workspace.create(path)
    start, end = BASIS
    ws.add_cost(
        Cost(start, CostCategory.ADVERTISING, amount=Decimal(300), end=end, platform="Facebook")
    )
    ws.add_cost(Cost(start, CostCategory.CONTENT, amount=Decimal(150), end=end))
    ws.add_results(
        [
            Result(
                date(2026, 2, 10),
                platform="Facebook",
                source="paid",
                link_clicks=600,
                leads=30,
                revenue=Decimal(900),
            ),
            Result(date(2026, 2, 11), platform="Facebook", link_clicks=300, leads=6),
            Result(date(2026, 3, 5), platform="Instagram", source="organic", engagements=1200),
        ]
    )
    ws.add_other_return(OtherReturn(date(2026, 2, 20), Decimal(60), platform="Facebook"))
    ws.add_valuation(Valuation("leads", start, Decimal(10), low=Decimal(5), high=Decimal(20)))
    return ws
