"""The one background helper: own connection, outcome on the GUI thread, progress, cancel."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication

from roidesk.core.problems import InputError
from roidesk.storage import Workspace
from roidesk.ui.ops import BackgroundOp, KeptWorkspace, Progress, running_ops, wait_for_ops


def gui_thread() -> QThread:
    return QApplication.instance().thread()  # type: ignore[union-attr]


def run_op(qtbot, op: BackgroundOp) -> None:  # type: ignore[no-untyped-def]
    """Run ``op`` and wait until its outcome was delivered."""
    op.run()
    qtbot.wait_until(lambda: not op.running, timeout=10000)


def test_work_gets_its_own_connection_and_the_result_arrives_on_the_gui_thread(
    qtbot, small_workspace: Workspace
) -> None:  # type: ignore[no-untyped-def]
    """The worker reads the file on a connection it opened, and closes it; the success
    callback runs on the GUI thread (widgets are only touched there)."""
    owner = QObject()
    seen: dict[str, object] = {}

    def work(workspace: Workspace | None, _progress: Progress) -> str:
        assert workspace is not None
        seen["workspace"] = workspace
        seen["worker thread"] = QThread.currentThread()
        return workspace.settings().business_name

    def succeeded(name: str) -> None:
        seen["name"], seen["callback thread"] = name, QThread.currentThread()

    run_op(qtbot, BackgroundOp(owner, work, path=small_workspace.path).on_success(succeeded))
    assert seen["name"] == "Café Test"
    assert seen["callback thread"] is gui_thread()
    assert seen["worker thread"] is not gui_thread()
    assert seen["workspace"] is not small_workspace
    with pytest.raises(Exception, match="closed"):
        seen["workspace"].settings()  # type: ignore[attr-defined]


def test_bad_input_fails_with_its_message_and_anything_else_with_its_kind(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A refusal reads as the importer wrote it; an unexpected error names its kind, never
    a traceback."""
    owner = QObject()
    messages: list[str] = []

    def refuse(_workspace: Workspace | None, _progress: Progress) -> None:
        raise InputError("report.xlsx, sheet Data, row 3, column Spend: not a number")

    def crash(_workspace: Workspace | None, _progress: Progress) -> None:
        raise KeyError("spend")

    for work in (refuse, crash):
        run_op(qtbot, BackgroundOp(owner, work).on_failure(messages.append))
    assert messages == [
        "report.xlsx, sheet Data, row 3, column Spend: not a number",
        "KeyError: 'spend'",
    ]


def test_progress_reaches_the_gui_thread_in_order(qtbot) -> None:  # type: ignore[no-untyped-def]
    """An import's progress bar moves with every report the work makes."""
    owner = QObject()
    reports: list[tuple[int, int, bool]] = []

    def work(_workspace: Workspace | None, progress: Progress) -> None:
        for done in (0, 50, 100):
            progress(done, 100)

    def progressed(done: int, total: int) -> None:
        reports.append((done, total, QThread.currentThread() is gui_thread()))

    run_op(qtbot, BackgroundOp(owner, work).on_progress(progressed))
    assert reports == [(0, 100, True), (50, 100, True), (100, 100, True)]


def test_cancel_stops_the_work_at_its_next_progress_report(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Cancel ends an import cooperatively: the next progress call raises, nothing succeeds."""
    owner = QObject()
    stopped_at: list[int] = []
    outcome: list[str] = []

    def work(_workspace: Workspace | None, progress: Progress) -> None:
        for done in range(1000):
            try:
                progress(done, 1000)
            except Exception:
                stopped_at.append(done)
                raise
            if done == 0:
                op.cancel()  # as if the user pressed Cancel right after the first report

    op = (
        BackgroundOp(owner, work)
        .on_success(lambda _r: outcome.append("succeeded"))
        .on_cancelled(lambda: outcome.append("cancelled"))
    )
    run_op(qtbot, op)
    assert outcome == ["cancelled"]
    assert stopped_at == [1]


def test_a_cancelled_op_without_a_cancel_callback_fails_saying_nothing_changed(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The user learns that the work stopped and that nothing was changed."""
    owner = QObject()
    messages: list[str] = []

    def work(_workspace: Workspace | None, progress: Progress) -> None:
        op.cancel()
        progress.check()

    op = BackgroundOp(owner, work).on_failure(messages.append)
    run_op(qtbot, op)
    assert messages == ["Cancelled: nothing was changed."]


def test_no_callback_runs_for_an_owner_that_is_gone(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A dialog closed (and deleted) while its work ran: the outcome touches nothing."""
    import shiboken6

    owner = QObject()
    release = threading.Event()
    called: list[object] = []
    op = BackgroundOp(owner, lambda _w, _p: release.wait(10)).on_success(called.append)
    op.when_ended(lambda: called.append("ended"))
    op.run()
    shiboken6.delete(owner)
    release.set()
    qtbot.wait_until(lambda: not op.running, timeout=10000)
    assert called == []


def test_the_owner_can_wait_for_its_running_ops(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing a window waits for its background work; the outcome still arrives."""
    owner = QObject()
    release = threading.Event()
    results: list[int] = []
    op = BackgroundOp(owner, lambda _w, _p: release.wait(10) and 7).on_success(results.append)
    op.run()
    assert running_ops(owner) == [op]
    release.set()
    wait_for_ops(owner)
    qtbot.wait_until(lambda: results == [7])
    assert running_ops(owner) == []


def test_a_kept_connection_closes_after_the_running_op_without_waiting(tmp_path: Path) -> None:
    """Asked to close while an op holds the connection, it closes when that op ends."""
    Workspace.create(tmp_path / "kept.roidesk").close()
    connection = KeptWorkspace(tmp_path / "kept.roidesk")
    with connection.lock:  # an op is running
        first = connection.use()
        connection.close()  # returns at once (a blocking close would deadlock here)
        assert connection.is_open and connection.use() is first
        connection.release(failed=False)
    assert not connection.is_open


def test_a_kept_connection_is_opened_afresh_after_a_failure(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A failed op may leave its connection in a bad state: the next op starts on a new one."""
    Workspace.create(tmp_path / "kept.roidesk").close()
    connection = KeptWorkspace(tmp_path / "kept.roidesk")
    owner = QObject()
    used: list[Workspace] = []

    def fail(workspace: Workspace | None, _progress: Progress) -> None:
        assert workspace is not None
        used.append(workspace)
        raise ValueError("bad")

    run_op(qtbot, BackgroundOp(owner, fail, path=connection))
    assert not connection.is_open
    run_op(qtbot, BackgroundOp(owner, lambda w, _p: used.append(w), path=connection))
    assert used[1] is not used[0] and connection.is_open
    connection.close()


def test_waiting_for_a_window_waits_for_the_work_of_its_pages(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Closing the window waits for the dashboard's computation too (a page inside it)."""
    window, page = QObject(), QObject()
    page.setParent(window)
    release = threading.Event()
    op = BackgroundOp(page, lambda _w, _p: release.wait(10)).run()
    assert running_ops(window) == [op]
    release.set()
    wait_for_ops(window)
    qtbot.wait_until(lambda: not op.running)
