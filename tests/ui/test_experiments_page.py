"""The Experiments page (offscreen): pick A and B, see the verdict; saved experiments listed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from roidesk.core.experiments import GroupSpec, RateKpi, SavedExperiment
from roidesk.core.records import Result
from roidesk.storage import Workspace
from roidesk.ui.experiments_page import ExperimentsPage, compute_experiments


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """Facebook 100 of 10,000 clicked, Instagram 150 of 10,000 (a clear difference)."""
    ws = Workspace.create(tmp_path / "ab.roidesk")
    ws.add_results(
        [
            Result(date=date(2026, 3, 1), platform="Facebook", impressions=10_000, link_clicks=100),
            Result(
                date=date(2026, 3, 1), platform="Instagram", impressions=10_000, link_clicks=150
            ),
        ]
    )
    yield ws
    ws.close()


@pytest.fixture
def page(qtbot, workspace: Workspace) -> ExperimentsPage:  # type: ignore[no-untyped-def]
    """The page with its first answer (the choices and the saved list) in."""
    shown = ExperimentsPage(workspace)
    qtbot.addWidget(shown)
    qtbot.waitUntil(lambda: shown.data is not None and shown._running is None, timeout=10000)
    return shown


def _pick(page: ExperimentsPage, a: str, b: str) -> None:
    for picker, value in ((page.group_a, a), (page.group_b, b)):
        picker.kind.setCurrentIndex(picker.kind.findData("platform"))
        picker.value.setEditText(value)


def test_the_platforms_are_offered_as_groups(page: ExperimentsPage) -> None:
    """Group values come from the file, so the owner picks rather than types."""
    page.group_a.kind.setCurrentIndex(page.group_a.kind.findData("platform"))
    values = [page.group_a.value.itemText(i) for i in range(page.group_a.value.count())]
    assert values == ["Facebook", "Instagram"]


def test_comparing_shows_the_verdict_sentence(qtbot, page: ExperimentsPage) -> None:  # type: ignore[no-untyped-def]
    """A clear difference reads as one plain sentence, with the rates and interval below."""
    _pick(page, "Facebook", "Instagram")
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.compare()
    assert page.verdict.text() == "B's click rate is higher, and that is not luck."
    assert "A: 1.00 % (100 of 10,000)" in page.numbers.text()
    assert "95 % interval +0.19 to +0.81" in page.numbers.text()
    assert "p-value: 0.0015 (below 0.05: not luck)" in page.numbers.text()


def test_a_missing_group_is_asked_for(page: ExperimentsPage) -> None:
    """Nothing runs without both groups; the page says what is missing."""
    page.compare()
    assert page.verdict.text() == "Pick group A and group B."


def test_saving_lists_the_experiment_with_its_verdict(
    qtbot, page: ExperimentsPage, workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """A saved experiment is stored in the file and listed with what the data shows."""
    _pick(page, "Facebook", "Instagram")
    page.name.setText("Instagram or Facebook")
    with qtbot.waitSignal(page.refreshed, timeout=10000):
        page.save()
    assert [e.name for e in workspace.experiments()] == ["Instagram or Facebook"]
    item = page.saved_table.item(0, 3)
    assert item is not None and item.text().startswith("B's click rate is higher")


def test_the_work_needs_no_widgets(workspace: Workspace) -> None:
    """The worker's function answers from the workspace alone (saved ones included)."""
    workspace.add_experiment(
        SavedExperiment(
            "x", GroupSpec("platform", "Facebook"), GroupSpec("platform", "LinkedIn"), RateKpi.CTR
        )
    )
    data = compute_experiments(workspace, None)
    assert data.answer is None
    [(saved, answer)] = data.saved
    assert saved.name == "x" and answer.outcome.rate_b is None
    assert data.choices["platform"] == ["Facebook", "Instagram"]


def test_an_answer_asked_while_loading_is_not_lost(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    """Comparing before the page's first load has come back still shows the verdict (the
    first load's late answer does not end the wait for the newer one)."""
    shown = ExperimentsPage(workspace)
    qtbot.addWidget(shown)
    _pick(shown, "Facebook", "Instagram")
    shown.compare()
    qtbot.waitUntil(lambda: shown.verdict.text().startswith("B's click rate"), timeout=10000)
    assert shown._running is None or shown._running.running()
