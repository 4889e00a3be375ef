"""`roidesk compare`: SPEC's JSON keys, hand-computed z-tests over a small workspace, and
refusals as one line on stderr."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from roidesk.cli import main
from roidesk.core.records import Campaign, ContentType, Result
from roidesk.storage import Workspace


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """Spring (Instagram videos, 150 of 10,000 clicked) against Winter (Facebook images,
    100 of 10,000), each split over two days and two posts; one April row outside the period."""
    file = tmp_path / "ab.roidesk"
    with Workspace.create(file) as workspace:
        spring = workspace.add_campaign(Campaign("Spring", date(2026, 3, 1), date(2026, 3, 31)))
        winter = workspace.add_campaign(Campaign("Winter", date(2026, 3, 1), date(2026, 3, 31)))
        rows = [
            (spring, "Instagram", ContentType.VIDEO, "Reel: tulips", 3, 6_000, 90, 30),
            (spring, "Instagram", ContentType.VIDEO, "Reel: roses", 4, 4_000, 60, 10),
            (winter, "Facebook", ContentType.IMAGE, "Photo: snow", 3, 5_000, 50, 40),
            (winter, "Facebook", ContentType.IMAGE, "Photo: ice", 4, 5_000, 50, 40),
            (winter, "Facebook", ContentType.IMAGE, "Photo: ice", 30, 5_000, 500, 0),
        ]
        workspace.add_results(
            Result(
                date=date(2026, 3, day) if day < 30 else date(2026, 4, 2),
                campaign_id=campaign.id,
                platform=platform,
                content_type=kind,
                content=content,
                impressions=impressions,
                link_clicks=clicks,
                engagements=engagements,
            )
            for campaign, platform, kind, content, day, impressions, clicks, engagements in rows
        )
    return file


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, object]:
    assert main(list(argv)) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict)
    return data


MARCH = ["--from", "2026-03-01", "--to", "2026-03-31"]


def test_a_clear_difference_in_click_rate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Winter 100/10,000 against Spring 150/10,000: B wins, p 0.0014615, 7,750 needed each."""
    data = run_json(
        capsys, "compare", str(path), "--a", "campaign=winter", "--b", "campaign=Spring",
        "--kpi", "ctr", *MARCH, "--json",
    )  # fmt: skip
    assert set(data) == {
        "rate_a", "rate_b", "difference", "p_value", "ci_low", "ci_high", "verdict",
        "needed_per_group",
    }  # fmt: skip
    assert data["rate_a"] == pytest.approx(0.01)
    assert data["rate_b"] == pytest.approx(0.015)
    assert data["p_value"] == pytest.approx(0.0014615, abs=1e-7)
    assert (data["ci_low"], data["ci_high"]) == (
        pytest.approx(0.0019212, abs=1e-7),
        pytest.approx(0.0080788, abs=1e-7),
    )
    assert data["verdict"] == "b"
    assert data["needed_per_group"] == 7_750


def test_content_groups_and_engagement_rate(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Content is matched by a part of its name: 'tulips' 30/6,000 against 'ice' 40/5,000
    engagements (0.5 % against 0.8 %): pooled 70/11,000, SE = √(0.0063636·0.9936364·(1/6,000 +
    1/5,000)) = 0.0015227, z = 1.9702, p = 0.0488: just below 5 %, so B."""
    data = run_json(
        capsys, "compare", str(path), "--a", "content=TULIPS", "--b", "content=ice",
        "--kpi", "engagement_rate", *MARCH, "--json",
    )  # fmt: skip
    assert data["rate_a"] == pytest.approx(0.005)
    assert data["rate_b"] == pytest.approx(0.008)
    assert data["p_value"] == pytest.approx(0.0488, abs=1e-4)
    assert data["verdict"] == "b"


def test_an_empty_group_is_not_defined(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """LinkedIn has no rows: nulls, verdict none, and the text output says why in a sentence."""
    data = run_json(
        capsys, "compare", str(path), "--a", "platform=LinkedIn", "--b", "platform=instagram",
        "--kpi", "ctr", "--json",
    )  # fmt: skip
    assert data["rate_a"] is None
    assert data["rate_b"] == pytest.approx(0.015)
    assert (data["p_value"], data["ci_low"], data["needed_per_group"]) == (None, None, None)
    assert data["verdict"] == "none"
    assert main(["compare", str(path), "--a", "platform=LinkedIn", "--b", "platform=Instagram",
                 "--kpi", "ctr"]) == 0  # fmt: skip
    assert "Not defined: group A has no data in the period." in capsys.readouterr().out


def test_text_output_gives_the_verdict_sentence(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --json the owner reads both rates and the plain verdict."""
    assert main(["compare", str(path), "--a", "content_type=image", "--b", "content_type=video",
                 "--kpi", "ctr", *MARCH]) == 0  # fmt: skip
    out = capsys.readouterr().out
    assert "A (content type image): 1.00 %" in out
    assert "B's click rate is higher, and that is not luck." in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--a", "campaign=Autumn", "--b", "campaign=Spring", "--kpi", "ctr"], "no campaign named"),
        (["--a", "colour=red", "--b", "campaign=Spring", "--kpi", "ctr"], "--a 'colour=red'"),
        (["--a", "platform=X", "--b", "platform=Facebook", "--kpi", "roi"], "--kpi 'roi'"),
    ],
)
def test_bad_arguments_are_one_line(
    path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """A misspelt group, campaign or KPI is refused with one clear line, exit status 1."""
    assert main(["compare", str(path), *argv]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
