"""The engine's cost ledger kept between runs, in the user's cache folder (never in the file).

Sharing out costs is the slowest step of the first figures after opening a large workspace.
Its result depends only on the workspace's costs and campaigns (each changed → a new random
token, see ``schema.m0005_table_revisions``) and the horizon day, so it is stored under those
and reused by the next run, the next window or ``roidesk summary``. The workspace file is
never written; a cache that cannot be read or written is ignored. ``marshal`` holds only plain
data (no code).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from platformdirs import user_cache_path

#: Bump when the cached layout changes.
FORMAT = 2


def _file_for(workspace_path: Path) -> Path:
    digest = hashlib.sha256(str(workspace_path.resolve()).encode()).hexdigest()[:32]
    return user_cache_path("roidesk", appauthor=False) / "ledgers" / f"{digest}.bin"


def _stamp(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return (FORMAT, sys.version_info[:2], *key)


def load(workspace_path: Path, key: tuple[Any, ...]) -> Any | None:
    """The payload saved for this workspace under ``key``, or None."""
    try:
        stored = marshal.loads(_file_for(workspace_path).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or stored[0] != _stamp(key):
        return None
    return stored[1]


def save(workspace_path: Path, key: tuple[Any, ...], payload: Any) -> None:
    """Keep ``payload`` for this workspace under ``key`` (one entry per workspace)."""
    target = _file_for(workspace_path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(marshal.dumps((_stamp(key), payload)))
        os.replace(partial, target)
    except (OSError, ValueError):
        return


def forget(workspace_path: Path) -> None:
    """Drop what is kept for this workspace (benchmarks measuring a first run)."""
    try:
        _file_for(workspace_path).unlink(missing_ok=True)
    except OSError:
        return
