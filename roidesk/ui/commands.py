"""Every edit is a QUndoCommand on the window's one QUndoStack (STYLE item 4).

A command holds whole records (immutable, with their ids), so ``undo`` writes back exactly
what was there: a deleted row comes back with its old id, an edited row with its old values.
Commands talk to a :class:`RecordSink` (a table model) which writes through the Workspace.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from roidesk.storage import Workspace, WorkspaceError


class EditStack(QUndoStack):
    """The window's one undo stack; while the workspace is read-only it refuses every edit
    (nothing is written, ``refused`` says why)."""

    #: An edit was refused: the message says why.
    refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Why edits are refused, or None while the workspace can be written.
        self.refusal: str | None = None
        self._refused_macros = 0

    def push(self, command: QUndoCommand) -> None:
        """Do the command and keep it for undo, unless edits are refused."""
        if self.refusal is not None:
            self.refused.emit(self.refusal)
            return
        super().push(command)

    def beginMacro(self, text: str) -> None:
        """Start a group of commands (none, with no empty step left, while refused)."""
        if self.refusal is not None:
            self._refused_macros += 1
            return
        super().beginMacro(text)

    def endMacro(self) -> None:
        """End the group started last."""
        if self._refused_macros:
            self._refused_macros -= 1
            return
        super().endMacro()


class RecordSink(Protocol):
    """What a command needs from a model: write records and tell the views."""

    def write_update(self, record: Any) -> None: ...

    def write_inserts(self, records: Sequence[Any]) -> list[Any]: ...

    def write_deletes(self, records: Sequence[Any]) -> None: ...

    def report_problem(self, message: str) -> None: ...


class EditRecordCommand(QUndoCommand):
    """One record changed (a cell edit, or a form field)."""

    def __init__(self, sink: RecordSink, old: Any, new: Any, text: str) -> None:
        super().__init__(text)
        self.sink, self.old, self.new = sink, old, new

    def redo(self) -> None:
        """Write the new record; one the file refuses (read-only, busy) drops the command."""
        try:
            self.sink.write_update(self.new)
        except WorkspaceError as error:
            self.sink.report_problem(str(error))
            self.setObsolete(True)

    def undo(self) -> None:
        """Write the old record back."""
        self.sink.write_update(self.old)


class AddRecordsCommand(QUndoCommand):
    """New rows; redo after undo brings them back under the same ids."""

    def __init__(self, sink: RecordSink, records: Sequence[Any], text: str) -> None:
        super().__init__(text)
        self.sink, self.records = sink, list(records)

    def redo(self) -> None:
        """Insert the rows (keeping the ids they got the first time)."""
        try:
            self.records = self.sink.write_inserts(self.records)
        except WorkspaceError as error:
            self.sink.report_problem(str(error))
            self.setObsolete(True)

    def undo(self) -> None:
        """Delete the rows again."""
        self.sink.write_deletes(self.records)


class DeleteRecordsCommand(QUndoCommand):
    """Rows deleted; undo re-inserts them with their old ids and values."""

    def __init__(self, sink: RecordSink, records: Sequence[Any], text: str) -> None:
        super().__init__(text)
        self.sink, self.records = sink, list(records)

    def redo(self) -> None:
        """Delete the rows; a row still in use is refused (the command then drops itself)."""
        try:
            self.sink.write_deletes(self.records)
        except WorkspaceError as error:
            self.sink.report_problem(str(error))
            self.setObsolete(True)

    def undo(self) -> None:
        """Insert the rows again under their old ids."""
        self.sink.write_inserts(self.records)


class PasteCommand(QUndoCommand):
    """A pasted block: changed rows and rows added below the table, undone as one."""

    def __init__(
        self, sink: RecordSink, updates: Sequence[tuple[Any, Any]], adds: Sequence[Any], text: str
    ) -> None:
        super().__init__(text)
        self.sink, self.updates, self.adds = sink, list(updates), list(adds)

    def redo(self) -> None:
        """Write the new values, then add the new rows."""
        for _old, new in self.updates:
            self.sink.write_update(new)
        if self.adds:
            self.adds = self.sink.write_inserts(self.adds)

    def undo(self) -> None:
        """Remove the added rows, then write the old values back."""
        if self.adds:
            self.sink.write_deletes(self.adds)
        for old, _new in reversed(self.updates):
            self.sink.write_update(old)


class FunctionCommand(QUndoCommand):
    """An edit given as two functions (settings changes)."""

    def __init__(self, do: Callable[[], None], undo: Callable[[], None], text: str) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo

    def redo(self) -> None:
        """Apply the change."""
        self._do()

    def undo(self) -> None:
        """Revert the change."""
        self._undo()


class SnapshotCommand(QUndoCommand):
    """A change too wide to invert row by row (an import): the whole file before and after.

    The snapshots are SQLite backups in a private temporary folder; undo and redo copy them
    back into the open file, so the file is restored exactly.
    """

    def __init__(
        self,
        workspace: Workspace,
        before: Path,
        after: Path,
        on_restored: Callable[[], None],
        text: str,
    ) -> None:
        super().__init__(text)
        self.workspace, self.before, self.after = workspace, before, after
        self.on_restored = on_restored
        self._first = True

    def redo(self) -> None:
        """The first redo is the import itself (already done); later ones restore "after"."""
        if self._first:
            self._first = False
            return
        self.workspace.restore_from(self.after)
        self.on_restored()

    def undo(self) -> None:
        """Put the file back as it was before the import."""
        self.workspace.restore_from(self.before)
        self.on_restored()


def snapshot(workspace: Workspace) -> Path:
    """A consistent copy of the open file in a new temporary folder (for SnapshotCommand)."""
    folder = Path(tempfile.mkdtemp(prefix="roidesk-undo-"))
    target = folder / "snapshot.roidesk"
    workspace.save_copy(target)
    return target


def discard_snapshot(path: Path) -> None:
    """Delete a snapshot's temporary folder."""
    shutil.rmtree(path.parent, ignore_errors=True)
