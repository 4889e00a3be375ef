"""Files written all-or-nothing: the old file or the new one under the name, never half of one.

:func:`write_atomically` hands the writer a temporary path in the target's own folder (so the
final rename is atomic on one file system), flushes it to disk, gives it the mode any new file
of the user gets (``0666 & ~umask``: ``mkstemp`` makes ``0600``) and renames it over the target.
On any failure the temporary file is removed. A write that is killed leaves a temporary named
``.~roidesk-<name>-<random>.tmp``; the next write to that folder removes those older than
:data:`STALE_AFTER` seconds (younger ones may belong to a write still going on).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: The start of every temporary file name (hidden on Unix, recognisably ours anywhere).
TEMPORARY_PREFIX = ".~roidesk-"
TEMPORARY_SUFFIX = ".tmp"
#: Seconds after which a temporary of ours is taken for a leftover of a killed write.
STALE_AFTER = 10 * 60


def write_atomically(target: str | Path, write: Callable[[Path], None]) -> None:
    """Call ``write(temporary)`` then put the finished file at ``target`` in one rename."""
    target = Path(target)
    folder = target.parent
    remove_stale_temporaries(folder)
    handle, name = tempfile.mkstemp(
        dir=folder, prefix=f"{TEMPORARY_PREFIX}{target.name}-", suffix=TEMPORARY_SUFFIX
    )
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        _flush_to_disk(temporary)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _flush_folder(folder)


def remove_stale_temporaries(folder: Path, now: float | None = None) -> list[Path]:
    """Remove the temporaries of killed writes in ``folder`` (older than STALE_AFTER)."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(f"{TEMPORARY_PREFIX}*{TEMPORARY_SUFFIX}"))
    except OSError:
        return removed
    for path in candidates:
        with contextlib.suppress(OSError):  # gone already, or not ours to remove
            if now - path.stat().st_mtime > STALE_AFTER:
                path.unlink()
                removed.append(path)
    return removed


def _umask() -> int:
    """The process's umask (reading it means setting it; set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _flush_to_disk(path: Path) -> None:
    """The file's bytes on disk before the rename makes them the target's."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """The rename itself on disk (POSIX; folders cannot be opened on Windows)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
