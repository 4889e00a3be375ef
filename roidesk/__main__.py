"""Allow ``python -m roidesk``."""

import multiprocessing

from roidesk.cli import main

# In a frozen app, a child process started by multiprocessing (the xlsx reader of
# roidesk.sheets.exports.untrusted) runs this file too: freeze_support() runs the child's work.
multiprocessing.freeze_support()
raise SystemExit(main())
