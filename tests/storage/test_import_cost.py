"""Opening storage stays cheap: sqlite-utils must not drag NumPy into every command."""

from __future__ import annotations

import subprocess
import sys


def test_storage_import_leaves_numpy_out_but_importable() -> None:
    """`import roidesk.storage` loads no NumPy, and NumPy still imports afterwards (charts)."""
    code = (
        "import sys, roidesk.storage\n"
        "assert 'numpy' not in sys.modules, 'numpy was imported'\n"
        "import numpy, sqlite_utils.db\n"
        "print(numpy.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "numpy"
