"""Conversions between core records and SQLite rows (the only place that knows both).

Each :class:`Table` says how one record type is stored; ``storage`` builds its INSERTs and
SELECTs from them, so a record's shape and its row's shape meet here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import cached_property
from operator import attrgetter
from typing import Any, Generic, TypeVar

from roidesk.core.records import (
    COUNT_METRICS,
    Campaign,
    CampaignStatus,
    Client,
    ContentType,
    Cost,
    CostCategory,
    Goal,
    ImportBatch,
    Objective,
    OtherReturn,
    Repeat,
    Result,
    Settings,
    Valuation,
)

#: Money and hours are stored as integers of this many units per 1 (ten-thousandths).
SCALE = 10_000
_QUANTUM = Decimal("0.0001")


def to_scaled(value: Decimal | None) -> int | None:
    """Decimal → integer ten-thousandths (half-up beyond the fourth decimal)."""
    if value is None:
        return None
    return int((value * SCALE).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_scaled(value: int | None) -> Decimal | None:
    """Integer ten-thousandths → Decimal with at most four decimals, trailing zeros kept to 2."""
    if value is None:
        return None
    # the same result as normalize_money(Decimal(value) / SCALE), without three quantize calls
    # (reading a few thousand costs is on the path of the first figures after opening)
    if value % 100 == 0:
        return Decimal(value // 100).scaleb(-2)
    if value % 10 == 0:
        return Decimal(value // 10).scaleb(-3)
    return Decimal(value).scaleb(-4)


def normalize_money(value: Decimal) -> Decimal:
    """Drop insignificant zeros beyond the second decimal (``12.5000`` → ``12.50``)."""
    value = value.quantize(_QUANTUM)
    for places in (Decimal("0.01"), Decimal("0.001")):
        if value == value.quantize(places):
            return value.quantize(places)
    return value


def to_iso(value: date | None) -> str | None:
    """A date as ISO text."""
    return value.isoformat() if value is not None else None


def from_iso(value: str | None) -> date | None:
    """ISO text as a date."""
    return date.fromisoformat(value) if value else None


R = TypeVar("R")


@dataclass(frozen=True)
class Field:
    """One record field ↔ one column."""

    name: str
    column: str
    to_db: Callable[[Any], Any]
    from_db: Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


def _enum(kind: type[StrEnum]) -> Callable[[Any], Any]:
    return lambda value: kind(value) if value not in (None, "") else None


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _decimal(value: str | None) -> Decimal | None:
    return None if value in (None, "") else Decimal(value)


def plain(name: str, column: str | None = None) -> Field:
    """A column stored as it is."""
    return Field(name, column or name, _same, _same)


def text(name: str) -> Field:
    """A non-null text column ('' when empty)."""
    return Field(name, name, _text, _text)


def money(name: str) -> Field:
    """A money (or hours) column in ten-thousandths."""
    return Field(name, name, to_scaled, from_scaled)


def day(name: str, column: str | None = None) -> Field:
    """A date column as ISO text."""
    return Field(name, column or name, to_iso, from_iso)


def choice(name: str, kind: type[StrEnum]) -> Field:
    """An enum column stored as its value."""
    return Field(name, name, lambda v: None if v is None else str(v), _enum(kind))


@dataclass(frozen=True)
class Table(Generic[R]):
    """How one record type is stored in one table."""

    name: str
    record: type[R]
    fields: tuple[Field, ...]

    def to_row(self, record: R) -> dict[str, Any]:
        """The row for a record (without ``id`` when it has none)."""
        row = {f.column: f.to_db(getattr(record, f.name)) for f in self.fields}
        record_id = getattr(record, "id", None)
        if record_id is not None:
            row["id"] = record_id
        return row

    @cached_property
    def columns(self) -> tuple[str, ...]:
        """The stored columns, without ``id``, in :attr:`fields` order (what :meth:`rows` gives)."""
        return tuple(f.column for f in self.fields)

    def rows(self, records: Iterable[R]) -> Iterator[list[Any]]:
        """The rows of many records in :attr:`columns` order, for one ``executemany``.

        Field values repeat (days, platforms, amounts), so each distinct value of a field is
        converted once; stored-as-is fields are not touched.
        """
        values_of = attrgetter(*(f.name for f in self.fields))
        converted: list[tuple[int, Callable[[Any], Any], dict[Any, Any]]] = [
            (index, field.to_db, {})
            for index, field in enumerate(self.fields)
            if field.to_db is not _same
        ]
        for record in records:
            row = list(values_of(record))
            for index, to_db, memo in converted:
                value = row[index]
                try:
                    row[index] = memo[value]
                except KeyError:
                    row[index] = memo[value] = to_db(value)
            yield row

    def to_stored(self, record: R) -> tuple[Any, ...]:
        """The record as a row in :attr:`select_list` order (what :meth:`from_rows` reads)."""
        values = (f.to_db(getattr(record, f.name)) for f in self.fields)
        return (getattr(record, "id", None), *values)

    def from_row(self, row: Mapping[str, Any]) -> R:
        """The record for a row."""
        values = {f.name: f.from_db(row[f.column]) for f in self.fields}
        make: Callable[..., R] = self.record
        return make(id=row["id"], **values)

    def from_rows(self, rows: Iterable[Sequence[Any]]) -> list[R]:
        """The records for rows selected with :attr:`select_list` (id first), in bulk.

        Column by column: each column holds few distinct values (dates, categories, amounts),
        so each is converted once, and the records are made positionally at C speed (an
        import's thousands of costs are read on every write that shares costs out again).
        """
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return []
        stored = zip(*rows, strict=True)
        by_name: dict[str, Iterable[Any]] = {"id": next(stored)}
        for field, column in zip(self.fields, stored, strict=True):
            convert = field.from_db
            memo = {value: convert(value) for value in set(column)}
            by_name[field.name] = map(memo.__getitem__, column)
        return list(map(self.record, *(by_name[name] for name in self._record_order)))

    @cached_property
    def _record_order(self) -> tuple[str, ...]:
        """The record's fields in the order its constructor takes them (every one stored)."""
        order = tuple(f.name for f in fields(self.record))  # type: ignore[arg-type]
        if set(order) != {"id", *(f.name for f in self.fields)}:
            raise TypeError(f"{self.name}: the table does not store every field of the record")
        return order

    @property
    def select_list(self) -> str:
        """The column list for SELECT, id first."""
        return ", ".join(["id", *(f.column for f in self.fields)])


CLIENTS = Table("clients", Client, (text("name"), text("notes")))

CAMPAIGNS = Table(
    "campaigns",
    Campaign,
    (
        text("name"),
        plain("client_id"),
        Field(
            "platforms",
            "platforms",
            lambda v: ", ".join(v),
            lambda v: tuple(p.strip() for p in (v or "").split(",") if p.strip()),
        ),
        choice("objective", Objective),
        day("start", "start_date"),
        day("end", "end_date"),
        money("budget"),
        choice("status", CampaignStatus),
        text("notes"),
    ),
)

GOALS = Table(
    "goals",
    Goal,
    (
        plain("campaign_id"),
        text("kpi"),
        Field("baseline", "baseline", _decimal_text, _decimal),
        Field("target", "target", _decimal_text, _decimal),
        day("deadline"),
    ),
)

COSTS = Table(
    "costs",
    Cost,
    (
        day("start", "start_date"),
        day("end", "end_date"),
        choice("repeat", Repeat),
        day("until"),
        plain("campaign_id"),
        plain("platform"),
        choice("category", CostCategory),
        text("description"),
        money("amount"),
        money("hours"),
        money("hourly_rate"),
        plain("batch_id"),
    ),
)

RESULTS = Table(
    "results",
    Result,
    (
        day("date"),
        plain("campaign_id"),
        plain("platform"),
        choice("content_type", ContentType),
        *(plain(name) for name in COUNT_METRICS),
        money("revenue"),
        plain("source"),
        plain("content"),
        plain("batch_id"),
    ),
)

VALUATIONS = Table(
    "valuations",
    Valuation,
    (
        text("metric"),
        plain("platform"),
        day("valid_from"),
        money("value_per_unit"),
        money("low"),
        money("high"),
        plain("applies_to"),
        text("note"),
    ),
)

OTHER_RETURNS = Table(
    "other_returns",
    OtherReturn,
    (
        day("date"),
        plain("campaign_id"),
        plain("platform"),
        money("amount"),
        plain("kind"),
        text("description"),
    ),
)

IMPORT_BATCHES = Table(
    "import_batches",
    ImportBatch,
    (
        text("source"),
        text("fingerprint"),
        text("imported_at"),
        text("kind"),
        plain("rows"),
        text("left_out"),
    ),
)

#: Settings rows: record field → stored key (the settings table holds one row per setting).
SETTING_KEYS = {
    "business_name": "business_name",
    "currency": "currency",
    "gross_margin": "gross_margin",
    "locale": "locale",
    "average_order_value": "average_order_value",
    "purchases_per_year": "purchases_per_year",
    "years_retained": "years_retained",
    "lifetime_value": "lifetime_value",
    "industry": "industry",
    "logo": "logo",
    "accent_colour": "accent_colour",
}
_TEXT_SETTINGS = ("business_name", "currency", "locale", "industry", "logo", "accent_colour")


def settings_from_rows(stored: Mapping[str, str]) -> Settings:
    """The settings of ``key → value`` rows (defaults for anything never set or blank)."""
    defaults = Settings()
    values: dict[str, Any] = {}
    for name, key in SETTING_KEYS.items():
        raw = stored.get(key)
        if raw is None or raw == "":
            values[name] = getattr(defaults, name)
        else:
            values[name] = raw if name in _TEXT_SETTINGS else Decimal(raw)
    return Settings(**values)


def settings_to_rows(settings: Settings) -> list[tuple[str, str]]:
    """The ``(key, value)`` rows of every setting ('' for one not set)."""
    return [
        (key, "" if getattr(settings, name) is None else str(getattr(settings, name)))
        for name, key in SETTING_KEYS.items()
    ]
