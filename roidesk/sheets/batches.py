"""Import batches: a file's fingerprint, and the refusal to import the same file twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from roidesk.core.problems import InputError, Problem
from roidesk.core.records import ImportBatch
from roidesk.storage import Workspace

#: Bytes a file is read and hashed in at a time.
_CHUNK = 1 << 20


def fingerprint(path: Path) -> str:
    """The SHA-256 of a file's bytes: the same file imported twice is recognised."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def earlier_import(
    workspace: Workspace, path: Path, *, replace: bool, digest: str | None = None
) -> tuple[str, ImportBatch | None]:
    """The file's fingerprint (``digest``, when the caller has it already) and its earlier
    import, if any.

    Importing the same file again would count everything twice: it is refused with a message
    unless ``replace`` (then the caller removes the earlier batch in its own transaction).
    """
    digest = digest or fingerprint(path)
    earlier = workspace.batch_by_fingerprint(digest)
    if earlier is not None and not replace:
        raise InputError(
            Problem(
                f"this file was already imported on {earlier.imported_at[:10]}; "
                "import it with --replace to replace that import",
                path.name,
            )
        )
    return digest, earlier
