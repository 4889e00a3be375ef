"""Files of the development builds (schema versions 1-8 before the one migration): backed up,
then converted with every record, or refused unchanged; never silently damaged."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from roidesk.core.figures import Query
from roidesk.engine import summarize
from roidesk.storage import Workspace, WorkspaceError
from roidesk.storage.demo import DEMO_DIGEST_KEY, DEMO_MONTH_KEY, content_digest, refresh_demo
from roidesk.storage.schema import schema_version

DEVELOPMENT_SCHEMA = Path(__file__).with_name("development_schema.sql")

#: What a user of the development build entered (as that build stored it).
ROWS = """
INSERT INTO settings VALUES ('currency', 'EUR'), ('gross_margin', '0.5'),
    ('business_name', 'Bloom');
INSERT INTO import_batches (id, source, fingerprint, imported_at, kind, rows)
    VALUES (1, 'meta.csv', 'abc', '2025-02-01T10:00:00', 'export', 2);
INSERT INTO clients (id, name, notes) VALUES (1, 'Bloom Café', '');
INSERT INTO campaigns (id, name, client_id, platforms, objective, start_date, end_date, budget,
    status, notes) VALUES (1, 'Spring', 1, 'Facebook', 'sales', '2025-01-01', '2025-03-31',
    5000000, 'active', 'tulips');
INSERT INTO goals (id, campaign_id, kpi, baseline, target, deadline)
    VALUES (1, 1, 'leads', '0', '40', '2025-03-31');
INSERT INTO costs (id, start_date, end_date, repeat, until, campaign_id, platform, category,
    description, amount, hours, hourly_rate, batch_id) VALUES
    (1, '2025-01-01', NULL, 'none', NULL, 1, 'Facebook', 'advertising', 'ads', 1000000, NULL,
     NULL, NULL),
    (2, '2025-02-03', NULL, 'none', NULL, 1, 'Facebook', 'advertising', 'Facebook spend', 125000,
     NULL, NULL, 1);
INSERT INTO results (id, date, campaign_id, platform, content_type, impressions, link_clicks,
    leads, revenue, batch_id) VALUES
    (1, '2025-01-10', 1, 'Facebook', 'video', 1000, 40, 2, 500000, NULL),
    (2, '2025-02-03', 1, 'Facebook', NULL, 500, 10, 1, 250000, 1);
INSERT INTO valuations (id, metric, platform, valid_from, value_per_unit, note)
    VALUES (1, 'leads', NULL, '2024-01-01', 100000, 'a lead is worth 10');
INSERT INTO other_returns (id, date, campaign_id, platform, amount, description)
    VALUES (1, '2025-01-20', 1, NULL, 70000, 'walk-in');
"""


def _development_file(path: Path, rows: str = ROWS) -> Path:
    """A file as the last development build wrote it (its DDL, its triggers), with rows."""
    conn = sqlite3.connect(path)
    conn.executescript(DEVELOPMENT_SCHEMA.read_text(encoding="utf-8") + rows)
    conn.commit()
    conn.close()
    return path


def test_a_development_file_is_backed_up_then_converted_with_every_record(
    tmp_path: Path,
) -> None:
    """Every record comes over, the original is kept byte for byte, the user is told once."""
    path = _development_file(tmp_path / "shop.roidesk")
    original = path.read_bytes()
    with Workspace.open(path) as workspace:
        assert workspace.notice is not None
        assert "earlier development build" in workspace.notice
        assert "shop.roidesk.dev8.bak" in workspace.notice
        assert workspace.version == schema_version()
        assert workspace.settings().business_name == "Bloom"
        assert [c.name for c in workspace.clients()] == ["Bloom Café"]
        [campaign] = workspace.campaigns()
        assert (campaign.name, campaign.budget, campaign.notes) == (
            "Spring",
            Decimal(500),
            "tulips",
        )
        assert [g.target for g in workspace.goals()] == [Decimal(40)]
        assert [c.amount for c in workspace.costs()] == [Decimal(100), Decimal("12.50")]
        assert [(r.leads, r.revenue, r.source) for r in workspace.results()] == [
            (2, Decimal(50), None),
            (1, Decimal(25), None),
        ]
        assert [v.value_per_unit for v in workspace.valuations()] == [Decimal(10)]
        assert [o.amount for o in workspace.other_returns()] == [Decimal(7)]
        assert [b.source for b in workspace.import_batches()] == ["meta.csv"]
        figures = summarize(workspace, Query(), date(2025, 3, 31))
        # €112.50 cost; €75 revenue at 50 % margin 37.50 + 3 leads × €10 + €7 other = 74.50
        assert (figures.cost, figures.total_return) == (Decimal("112.5"), Decimal("74.5"))
        tables = {row[0] for row in workspace.db.execute("SELECT name FROM sqlite_master")}
        assert not tables & {"revisions", "cost_shares", "cost_changes", "result_pieces"}
    assert (tmp_path / "shop.roidesk.dev8.bak").read_bytes() == original
    with Workspace.open(path) as again:
        assert again.notice is None  # converted once


def test_a_development_file_that_cannot_be_converted_is_left_unchanged(tmp_path: Path) -> None:
    """A cost of a campaign that does not exist: refused with a clear message, file as it was."""
    broken = ROWS.replace(
        "(2, '2025-02-03', NULL, 'none', NULL, 1,", "(2, '2025-02-03', NULL, 'none', NULL, 9,"
    )
    path = _development_file(tmp_path / "broken.roidesk", broken)
    original = path.read_bytes()
    with pytest.raises(WorkspaceError, match=r"could not be converted.*not changed"):
        Workspace.open(path)
    assert path.read_bytes() == original
    assert not (tmp_path / ".broken.roidesk.converting").exists()


def test_the_command_line_prints_the_conversion_once(tmp_path: Path) -> None:
    """``roidesk summary`` on a development file says on stderr what it did, then answers."""
    path = _development_file(tmp_path / "shop.roidesk")
    command = [sys.executable, "-m", "roidesk", "summary", str(path), "--json"]
    first = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "earlier development build" in first.stderr
    second = subprocess.run(command, capture_output=True, text=True, check=True)
    assert second.stderr == "" and second.stdout == first.stdout


def test_an_untouched_demo_of_a_development_build_is_written_again(tmp_path: Path) -> None:
    """A demo of this month but of the old format is written again, not converted."""
    path = _development_file(tmp_path / "demo.roidesk")
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO settings VALUES (?, '2026-11')", [DEMO_MONTH_KEY])
    conn.execute("INSERT INTO settings VALUES (?, ?)", [DEMO_DIGEST_KEY, content_digest(conn)])
    conn.commit()
    conn.close()
    assert refresh_demo(path, date(2026, 11, 20))
    with Workspace.open(path) as workspace:
        assert workspace.notice is None and workspace.version == schema_version()
        assert len(workspace.campaigns()) > 1
