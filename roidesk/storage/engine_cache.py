"""What the engine worked out for a workspace, kept between runs in the user's cache folder.

Summing the partial months that valuations cut is, after sharing out costs (which the file
itself keeps, ``cost_shares``), the slowest step of the first figures after opening a large
workspace. These sums depend only on result months that carry a change token (a new random
number on every write, see ``schema``), so the engine stores them with the tokens they were
read under and the next run, window or ``roidesk summary`` reuses what still matches. The
workspace file is never written; a cache that cannot be read or written is ignored. ``marshal``
holds only plain data (no code).
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

#: Bump when the cached layout changes.
FORMAT = 6


def _file_for(workspace_path: Path) -> Path:
    digest = hashlib.sha256(str(workspace_path.resolve()).encode()).hexdigest()[:32]
    return user_cache_path("roidesk", appauthor=False) / "engine" / f"{digest}.bin"


def _stamp() -> tuple[Any, ...]:
    return (FORMAT, sys.version_info[:2])


def load(workspace_path: Path) -> dict[str, Any] | None:
    """What was saved for this workspace (plain dicts, tuples, ints, str), or None."""
    collecting = gc.isenabled()
    gc.disable()  # tens of thousands of tuples, no cycles: the collector would only slow it
    try:
        stored = marshal.loads(_file_for(workspace_path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    finally:
        if collecting:
            gc.enable()
    if (
        not isinstance(stored, tuple)
        or len(stored) != 2
        or stored[0] != _stamp()
        or not isinstance(stored[1], dict)
    ):
        return None
    return stored[1]


#: A workspace not opened for this long loses what was kept for it (the cache folder stays small).
KEEP_SECONDS = 60 * 24 * 3600


def save(workspace_path: Path, payload: dict[str, Any]) -> None:
    """Keep ``payload`` for this workspace (one file per workspace, replaced whole); files of
    workspaces not used for :data:`KEEP_SECONDS` are removed."""
    target = _file_for(workspace_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((_stamp(), payload)))
        os.replace(partial, target)
        _prune(target.parent, time.time() - KEEP_SECONDS)
    except (OSError, ValueError):
        return


def _prune(folder: Path, before: float) -> None:
    """Remove cache files last written before ``before`` (seconds since the epoch), and the
    folder of ledgers an earlier version kept."""
    shutil.rmtree(folder.parent / "ledgers", ignore_errors=True)
    for stale in folder.iterdir():
        try:
            if stale.stat().st_mtime < before:
                stale.unlink()
        except OSError:
            continue


def forget(workspace_path: Path) -> None:
    """Drop what is kept for this workspace (benchmarks measuring a first run)."""
    try:
        _file_for(workspace_path).unlink(missing_ok=True)
    except OSError:
        return
