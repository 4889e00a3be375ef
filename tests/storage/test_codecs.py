"""Record ↔ row conversions."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from roidesk.storage import codecs


@settings(max_examples=300)
@given(st.integers(-(10**15), 10**15))
def test_reading_money_keeps_the_value_and_its_places(units: int) -> None:
    """Money read back has the value stored and the usual places (12.50, 0.125, 0.0125)."""
    read = codecs.from_scaled(units)
    slow = codecs.normalize_money(Decimal(units) / codecs.SCALE)
    assert read == slow and str(read) == str(slow)
