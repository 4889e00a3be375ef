"""Test helpers shared by the core and storage tests of cost ledgers."""

from __future__ import annotations

from roidesk.core.costs import CostLedger


def units_per_key_and_day(ledger: CostLedger) -> dict[object, int]:
    """Every (key, day) → units of a ledger, read day by day (zero days left out): two ledgers
    that share out alike give equal dicts, however their runs are cut."""
    return {
        (key, day): units
        for key in ledger.keys()  # noqa: SIM118 (a ledger, not a dict)
        for day, units in ledger.daily(None, None, key.__eq__).items()
        if units
    }
