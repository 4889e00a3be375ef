"""Long work (import, export) off the UI thread (STYLE item 5).

The job gets its own Workspace connection, never touches a widget, and its outcome comes back
by signal on the UI thread: ``succeeded(result)`` or ``failed(message)``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from roidesk.core.problems import InputError
from roidesk.storage import Workspace, WorkspaceError


class Job(QObject):
    """Runs ``work(workspace)`` on a fresh connection to ``path`` (or ``work(None)``)."""

    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, path: Path | None, work: Callable[[Workspace | None], Any]) -> None:
        super().__init__()
        self.path = path
        self.work = work

    @Slot()
    def run(self) -> None:
        """Do the work; report the result or the reason it failed."""
        try:
            if self.path is None:
                result = self.work(None)
            else:
                with Workspace.open(self.path) as workspace:
                    result = self.work(workspace)
        except (InputError, WorkspaceError, OSError, ValueError) as error:
            self.failed.emit(str(error))
        except Exception as error:
            self.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class _Relay(QObject):
    """Lives on the UI thread, so the job's signals reach the callbacks there (queued)."""

    def __init__(
        self,
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.on_success, self.on_failure = on_success, on_failure

    @Slot(object)
    def succeeded(self, result: Any) -> None:
        """Hand the result to the success callback."""
        self.on_success(result)

    @Slot(str)
    def failed(self, message: str) -> None:
        """Hand the reason to the failure callback."""
        self.on_failure(message)


class JobRunner(QObject):
    """Starts jobs on their own threads and keeps them alive until they finish."""

    #: How many jobs are running changed (the window shows a busy indicator).
    busy_changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[tuple[QThread, Job]] = []

    def start(
        self,
        path: Path | None,
        work: Callable[[Workspace | None], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[str], None],
    ) -> Job:
        """Run ``work`` in the background; the callbacks run on the UI thread."""
        thread = QThread()
        job = Job(path, work)
        job.moveToThread(thread)
        relay = _Relay(on_success, on_failure, self)
        job.succeeded.connect(relay.succeeded)
        job.failed.connect(relay.failed)
        job.finished.connect(thread.quit)
        thread.started.connect(job.run)
        thread.finished.connect(self._thread_finished)
        thread.finished.connect(relay.deleteLater)
        self._running.append((thread, job))
        self.busy_changed.emit(len(self._running))
        thread.start()
        return job

    @Slot()
    def _thread_finished(self) -> None:
        thread = self.sender()
        self._running = [(t, j) for t, j in self._running if t is not thread]
        if thread is not None:
            thread.deleteLater()
        self.busy_changed.emit(len(self._running))

    @property
    def running(self) -> int:
        """How many jobs are running."""
        return len(self._running)

    def wait_all(self) -> None:
        """Block until every job is done (closing the window)."""
        for thread, _job in list(self._running):
            thread.wait()
