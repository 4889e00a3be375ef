"""Background work, one way (STYLE item 5; after anki's ``QueryOp``).

A :class:`BackgroundOp` runs ``work(workspace, progress)`` on a worker thread with a workspace
connection of its own (opened from the path in the worker, closed after), and hands the outcome
back on the GUI thread: ``on_success(result)``, ``on_failure(message)`` or ``on_cancelled()``.
The work never touches a widget; it reports progress by calling ``progress(done, total)``
(delivered to ``on_progress`` by signal) and stops when the user cancels: ``progress(...)``
then raises :class:`Cancelled`, and ``progress.cancelled()`` says so to work that polls.

    BackgroundOp(window, lambda ws, progress: export_workbook(ws, path), path=ws.path)
        .on_success(written).on_failure(show_error).run()

A part of the window that asks many small questions (the dashboard) passes a
:class:`KeptWorkspace` instead of a path: one connection of its own, opened in the worker on
first use and kept between its operations, so the engine's cache stays warm.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal, Slot

from roidesk.core.problems import InputError
from roidesk.storage import Workspace, WorkspaceError
from roidesk.ui.text import tr


class Cancelled(Exception):
    """The user cancelled the operation; the work stopped (its transaction rolled back)."""


class Progress:
    """What the work gets to report progress and to learn that the user cancelled."""

    def __init__(self, report: Callable[[int, int], None]) -> None:
        self._report = report
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int) -> None:
        """Report ``done`` of ``total``; raises :class:`Cancelled` once the user cancelled."""
        self.check()
        self._report(done, total)

    def cancelled(self) -> bool:
        """Whether the user asked to stop (for work that polls)."""
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        """Ask the work to stop (any thread)."""
        self._cancel.set()


class KeptWorkspace:
    """A connection of its own for one owner's background work, kept between operations.

    Opened in the worker on first use; one operation uses it at a time (``lock``). ``close``
    never waits: asked while an operation runs, the connection is closed when it ends.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock = threading.Lock()
        self._workspace: Workspace | None = None
        self._close_requested = False

    @property
    def is_open(self) -> bool:
        """Whether a connection is open."""
        return self._workspace is not None

    def use(self) -> Workspace:
        """The connection (call with ``lock`` held)."""
        if self._workspace is None:
            self._workspace = Workspace.open(self.path)
        return self._workspace

    def release(self, *, failed: bool) -> None:
        """After an operation (``lock`` held): close if asked to, or after a failure (the next
        operation starts on a fresh connection)."""
        if (failed or self._close_requested) and self._workspace is not None:
            self._workspace.close()
            self._workspace = None
        self._close_requested = False

    def close(self) -> None:
        """Close now, or when the running operation ends."""
        if not self.lock.acquire(blocking=False):
            self._close_requested = True
            return
        try:
            self.release(failed=True)
        finally:
            self.lock.release()


def failure_text(error: BaseException) -> str:
    """What the user reads when the work failed: the message of an expected failure (bad
    input, a file that cannot be written), the kind and message of anything else."""
    if isinstance(error, (InputError, WorkspaceError, OSError, ValueError)):
        return str(error)
    return f"{type(error).__name__}: {error}"


class _Relay(QObject):
    """Lives on the GUI thread and calls there what a worker hands it (a queued signal)."""

    call = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.call.connect(self._call)

    def hand_over(self, function: Callable[[], None]) -> None:
        """Have ``function`` called on the GUI thread (any thread; nothing once the
        application has gone)."""
        # RuntimeError: the application ended while the work ran, nobody is left to tell
        with contextlib.suppress(RuntimeError):
            self.call.emit(function)

    @Slot(object)
    def _call(self, function: Callable[[], None]) -> None:
        function()


_RELAY: _Relay | None = None


def _relay() -> _Relay:
    """The one relay (made on the GUI thread, with the first operation)."""
    global _RELAY
    if _RELAY is None or not shiboken6.isValid(_RELAY):
        app = QCoreApplication.instance()
        assert app is not None and QThread.currentThread() is app.thread()
        _RELAY = _Relay(app)
    return _RELAY


def _pool() -> QThreadPool:
    """The application's thread pool, with room for an import, a report and the dashboard."""
    pool = QThreadPool.globalInstance()
    pool.setMaxThreadCount(max(pool.maxThreadCount(), 4))
    return pool


class _Worker(QRunnable):
    """Runs the work in a pool thread, then hands the outcome to the GUI thread."""

    def __init__(self, op: BackgroundOp) -> None:
        super().__init__()
        self.op = op

    def run(self) -> None:
        """Open the connection, do the work, close; never touches a widget."""
        op = self.op
        try:
            result = op.run_work()
        except BaseException as error:
            op.ended_in_worker(None, error)
        else:
            op.ended_in_worker(result, None)


#: Operations whose outcome is not delivered yet (they stay alive until then).
_RUNNING: list[BackgroundOp] = []


class BackgroundOp:
    """One piece of background work and what to do with its outcome on the GUI thread."""

    def __init__(
        self,
        owner: QObject,
        work: Callable[[Workspace | None, Progress], Any],
        *,
        path: Path | KeptWorkspace | None = None,
    ) -> None:
        """``work(workspace, progress)`` runs on a worker with its own connection to ``path``
        (``None``: no workspace, ``work(None, progress)``). When ``owner`` (a widget) is gone
        by the time the outcome comes, no callback runs."""
        self.owner = owner
        self.work = work
        self.source = path
        self._relay = _relay()
        self.progress = Progress(self._report)
        self._success: Callable[[Any], None] = lambda _result: None
        self._failure: Callable[[str], None] = lambda _message: None
        self._cancelled: Callable[[], None] | None = None
        self._progressed: Callable[[int, int], None] | None = None
        self._ended: list[Callable[[], None]] = []
        self._worker_done = threading.Event()
        self._delivered = False

    def on_success(self, callback: Callable[[Any], None]) -> BackgroundOp:
        """Call ``callback(result)`` on the GUI thread when the work returns."""
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[str], None]) -> BackgroundOp:
        """Call ``callback(message)`` on the GUI thread when the work raises."""
        self._failure = callback
        return self

    def on_cancelled(self, callback: Callable[[], None]) -> BackgroundOp:
        """Call ``callback()`` when the work stopped because the user cancelled (else a
        cancelled operation is a failure saying so)."""
        self._cancelled = callback
        return self

    def on_progress(self, callback: Callable[[int, int], None]) -> BackgroundOp:
        """Call ``callback(done, total)`` on the GUI thread as the work reports progress."""
        self._progressed = callback
        return self

    def when_ended(self, callback: Callable[[], None]) -> BackgroundOp:
        """Call ``callback()`` on the GUI thread after the outcome was delivered."""
        self._ended.append(callback)
        return self

    def run(self) -> BackgroundOp:
        """Start the work."""
        _RUNNING.append(self)
        _pool().start(_Worker(self))
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it does at its next progress report or poll)."""
        self.progress.cancel()

    @property
    def running(self) -> bool:
        """Whether the outcome has not been delivered yet."""
        return not self._delivered

    def wait(self) -> None:
        """Block until the work has ended (closing a window); the outcome is still delivered
        by the event loop."""
        self._worker_done.wait()

    # ---------------------------------------------------------------- worker side
    def run_work(self) -> Any:
        """Do the work on a connection of its own (worker thread)."""
        if self.source is None:
            return self.work(None, self.progress)
        if isinstance(self.source, KeptWorkspace):
            with self.source.lock:
                failed = True
                try:
                    result = self.work(self.source.use(), self.progress)
                    failed = False
                finally:
                    self.source.release(failed=failed)
                return result
        with Workspace.open(self.source) as workspace:
            return self.work(workspace, self.progress)

    def _report(self, done: int, total: int) -> None:
        self._relay.hand_over(lambda: self._deliver_progress(done, total))

    def ended_in_worker(self, result: Any, error: BaseException | None) -> None:
        """Hand the outcome to the GUI thread (worker thread)."""
        self._worker_done.set()
        self._relay.hand_over(lambda: self._deliver(result, error))

    # ---------------------------------------------------------------- GUI side
    def _owner_alive(self) -> bool:
        return shiboken6.isValid(self.owner)

    def _deliver_progress(self, done: int, total: int) -> None:
        if self._progressed is not None and not self._delivered and self._owner_alive():
            self._progressed(done, total)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self._delivered = True
        _RUNNING.remove(self)
        if not self._owner_alive():
            return
        try:
            if error is None:
                self._success(result)
            elif self.progress.cancelled() and self._cancelled is not None:
                self._cancelled()
            elif self.progress.cancelled():
                self._failure(tr("Cancelled: nothing was changed."))
            else:
                self._failure(failure_text(error))
        finally:
            for callback in self._ended:
                callback()


def _within(item: QObject | None, owner: QObject) -> bool:
    """Whether ``item`` is ``owner`` or one of its children, grandchildren, …"""
    while item is not None:
        if item is owner:
            return True
        item = item.parent()
    return False


def running_ops(owner: QObject) -> list[BackgroundOp]:
    """The operations of ``owner`` and of the objects inside it (a window's pages) whose
    outcome is not delivered yet."""
    return [op for op in _RUNNING if shiboken6.isValid(op.owner) and _within(op.owner, owner)]


def wait_for_ops(owner: QObject) -> None:
    """Block until the work of the operations of ``owner`` and of the objects inside it has
    ended (closing a window, switching workspace)."""
    for op in running_ops(owner):
        op.wait()


class LatestOnly:
    """One background computation at a time for a page, the newest request winning: a request
    made while one runs is started when it ends, and the answer it made outdated is not
    delivered (the dashboard, the Plan page)."""

    def __init__(
        self,
        owner: QObject,
        connection: KeptWorkspace,
        start_again: Callable[[], None],
    ) -> None:
        self._owner, self._connection, self._start_again = owner, connection, start_again
        self.running: BackgroundOp | None = None
        self._again = False

    def busy(self) -> bool:
        """True while one runs (the request is then remembered and started when it ends)."""
        if self.running is not None:
            self._again = True
            return True
        return False

    def run(
        self,
        work: Callable[[Workspace | None, Progress], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
    ) -> None:
        """Start ``work`` on the kept connection; the callbacks get only the newest answer."""
        self.running = (
            BackgroundOp(self._owner, work, path=self._connection)
            .on_success(lambda result: None if self._ended() else on_success(result))
            .on_failure(lambda message: None if self._ended() else on_failure(message))
            .run()
        )

    def _ended(self) -> bool:
        """After a computation: True when another was asked for meanwhile (started now)."""
        self.running = None
        if self._again:
            self._again = False
            self._start_again()
            return True
        return False

    def wait(self) -> None:
        """Block until the running computation's worker has ended (closing, tests)."""
        if self.running is not None:
            self.running.wait()
