"""Allow ``python -m roidesk``."""

from roidesk.cli import main

raise SystemExit(main())
