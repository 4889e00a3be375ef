"""The shared-out costs: runs of equal days per month and key, summed without day loops."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from itertools import accumulate

from roidesk.core.months import Months, month_index, month_of_index

#: (campaign id or None, platform or None, category value)
CostKey = tuple[int | None, str | None, str]
#: A run of days with the same amount: (first day ordinal, last day ordinal, units per day).
Run = tuple[int, int, int]


class CostLedger:
    """The shared-out costs as runs of equal days per month and key, summed without day loops.

    Whole months come from per-month sums; the partial months at a period's edges from the
    month's runs of each key.
    """

    def __init__(self) -> None:
        self._runs: dict[int, dict[CostKey, list[Run]]] = defaultdict(lambda: defaultdict(list))
        self._month_sums: dict[int, dict[CostKey, int]] = defaultdict(lambda: defaultdict(int))
        self._first: int | None = None
        self._last: int | None = None
        self._months = Months()
        # built on first use: per month and category (all keys), and per key a running total
        self._category_sums: dict[int, dict[str, int]] | None = None
        self._running: tuple[int, dict[CostKey, list[int]]] | None = None
        self._asked = 0  # how often key totals were summed without running totals

    @classmethod
    def from_shares(cls, shares: dict[tuple[int, CostKey], list[Run]]) -> CostLedger:
        """A ledger from runs per (month, key), each run inside its month (built in bulk)."""
        ledger = cls()
        first = last = None
        all_runs, month_sums = ledger._runs, ledger._month_sums
        for (month, key), runs in shares.items():
            units = 0
            kept = []
            for run in runs:
                low, high, per_day = run
                if per_day:
                    kept.append(run)
                    units += (high - low + 1) * per_day
                    if first is None or low < first:
                        first = low
                    if last is None or high > last:
                        last = high
            if kept:
                all_runs[month][key].extend(kept)
                month_sums[month][key] += units
        ledger._first, ledger._last = first, last
        # plain dicts from here on: reading a month or key that is not there raises instead of
        # adding it, so one ledger can be read from several threads (the engine shares it)
        ledger._runs = {month: dict(by_key) for month, by_key in all_runs.items()}
        ledger._month_sums = {month: dict(by_key) for month, by_key in month_sums.items()}
        return ledger

    def _find_ends(self) -> None:
        """The first and last day with a cost (runs lie inside their month, which has sums)."""
        months = [month for month, sums in self._month_sums.items() if sums]
        if not months:
            self._first = self._last = None
            return
        self._first = min(run[0] for runs in self._runs[min(months)].values() for run in runs)
        self._last = max(run[1] for runs in self._runs[max(months)].values() for run in runs)

    def months(self) -> list[int]:
        """The month indexes that have costs."""
        return [month for month, sums in self._month_sums.items() if sums]

    def _running_rows(self, base: int, length: int) -> dict[CostKey, list[int]]:
        """Per key: the running total over the months from ``base``, ``length`` months, as a
        list whose ``[i]`` is the units before month ``i``."""
        per_month: dict[CostKey, list[int]] = {}
        for month, by_key in self._month_sums.items():
            slot = month - base + 1
            for key, units in by_key.items():
                row = per_month.get(key)
                if row is None:
                    row = per_month[key] = [0] * (length + 1)
                row[slot] += units
        return {key: list(accumulate(row)) for key, row in per_month.items()}

    def keys(self) -> list[CostKey]:
        """Every (campaign, platform, category) that has costs."""
        return list({key for sums in self._month_sums.values() for key in sums})

    def first_day(self) -> date | None:
        """The first day with a cost."""
        return None if self._first is None else date.fromordinal(self._first)

    def last_day(self) -> date | None:
        """The last day with a cost."""
        return None if self._last is None else date.fromordinal(self._last)

    @staticmethod
    def _between(runs: list[Run], low: int, high: int) -> int:
        total = 0
        for first, last, per_day in runs:
            days = min(last, high) - max(first, low) + 1
            if days > 0:
                total += days * per_day
        return total

    def by_month(
        self,
        start: date | None,
        end: date | None,
        keep: Callable[[CostKey], bool],
        group: Callable[[CostKey], str] = lambda key: "",
    ) -> dict[tuple[str, str], int]:
        """Units of the kept keys in the period, per (``YYYY-MM``, group)."""
        if self._first is None or self._last is None:
            return {}
        low = self._first if start is None else max(start.toordinal(), self._first)
        high = self._last if end is None else min(end.toordinal(), self._last)
        if high < low:
            return {}
        kept: dict[CostKey, bool] = {}
        labels: dict[CostKey, str] = {}
        out: dict[tuple[str, str], int] = defaultdict(int)
        first_month = month_index(date.fromordinal(low))
        last_month = month_index(date.fromordinal(high))
        for month in range(first_month, last_month + 1):
            sums = self._month_sums.get(month)
            if not sums:
                continue
            name = month_of_index(month)
            month_low, month_high = self._months.bounds(month)
            whole = low <= month_low and month_high <= high
            runs = None if whole else self._runs[month]  # days only where the period cuts
            for key, units in sums.items():
                keep_it = kept.get(key)
                if keep_it is None:
                    keep_it = kept[key] = keep(key)
                    labels[key] = group(key)
                if not keep_it:
                    continue
                if runs is not None:
                    units = self._between(runs[key], low, high)
                if units:
                    out[(name, labels[key])] += units
        return dict(out)

    def _clip(self, start: date | None, end: date | None) -> tuple[int, int] | None:
        """The period as day ordinals clipped to the days with costs (None: no overlap)."""
        if self._first is None or self._last is None:
            return None
        low = self._first if start is None else max(start.toordinal(), self._first)
        high = self._last if end is None else min(end.toordinal(), self._last)
        return (low, high) if low <= high else None

    def _whole_months(self, low: int, high: int) -> tuple[int, int, list[int]]:
        """First and last whole month inside [low, high] (ordinals) and the partial months."""
        first_month = month_index(date.fromordinal(low))
        last_month = month_index(date.fromordinal(high))
        partial = []
        if self._months.bounds(first_month)[0] < low:
            partial.append(first_month)
            first_month += 1
        if last_month >= first_month and high < self._months.bounds(last_month)[1]:
            partial.append(last_month)
            last_month -= 1
        return first_month, last_month, sorted(set(partial))

    def month_categories(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool] | None
    ) -> dict[tuple[str, str], int]:
        """Units per (``YYYY-MM``, category) in the period; ``keep=None`` keeps every key.

        Unfiltered whole months come from per-month category sums; the rest key by key.
        """
        if keep is not None:
            return self.by_month(start, end, keep, lambda key: key[2])
        clipped = self._clip(start, end)
        if clipped is None:
            return {}
        low, high = clipped
        category_sums = self._sums_per_category()
        first_month, last_month, partial = self._whole_months(low, high)
        out: dict[tuple[str, str], int] = defaultdict(int)
        for month in range(first_month, last_month + 1):
            found = category_sums.get(month)
            if found:
                name = month_of_index(month)
                for category, units in found.items():
                    if units:
                        out[(name, category)] += units
        for month in partial:
            name = month_of_index(month)
            for key, runs in self._runs.get(month, {}).items():
                units = self._between(runs, low, high)
                if units:
                    out[(name, key[2])] += units
        return dict(out)

    def _sums_per_category(self) -> dict[int, dict[str, int]]:
        """Units per month and category of every key (built on first use)."""
        if self._category_sums is None:
            sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
            for month, by_key in self._month_sums.items():
                for key, units in by_key.items():
                    sums[month][key[2]] += units
            self._category_sums = sums
        return self._category_sums

    def _running_totals(self) -> tuple[int, dict[CostKey, list[int]]]:
        """(first month, per key: units of the months before ``first month + i`` at ``[i]``)."""
        if self._running is None:
            if not self._month_sums:
                return 0, {}
            base = min(self._month_sums)
            length = max(self._month_sums) - base + 1
            self._running = (base, self._running_rows(base, length))
        return self._running

    def key_totals(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool] | None
    ) -> dict[CostKey, int]:
        """Units per key in the period: whole months from running totals, edges from runs."""
        clipped = self._clip(start, end)
        if clipped is None:
            return {}
        low, high = clipped
        first_month, last_month, partial = self._whole_months(low, high)
        out = self._whole_month_totals(first_month, last_month, keep)
        for month in partial:
            for key, runs in self._runs.get(month, {}).items():
                if keep is not None and not keep(key):
                    continue
                units = self._between(runs, low, high)
                if units:
                    out[key] = out.get(key, 0) + units
        return out

    def _whole_month_totals(
        self, first_month: int, last_month: int, keep: Callable[[CostKey], bool] | None
    ) -> dict[CostKey, int]:
        """Units per kept key of the whole months ``first_month``..``last_month``."""
        out: dict[CostKey, int] = {}
        if first_month > last_month:
            return out
        if self._running is None and self._asked < 2:
            # the first two questions (a dashboard's period and the one before) sum the month
            # sums; building running totals pays from the third on
            self._asked += 1
            for month in range(first_month, last_month + 1):
                for key, units in self._month_sums.get(month, {}).items():
                    if keep is None or keep(key):
                        out[key] = out.get(key, 0) + units
            return {key: units for key, units in out.items() if units}
        base, running = self._running_totals()  # row[i] = units of the months before base + i
        first_slot, last_slot = first_month - base, last_month - base + 1
        for key, row in running.items():
            if keep is not None and not keep(key):
                continue
            units = row[last_slot] - row[first_slot]
            if units:
                out[key] = units
        return out

    def daily(
        self, start: date | None, end: date | None, keep: Callable[[CostKey], bool] | None
    ) -> dict[date, int]:
        """Units of the kept keys per day in the period (``keep=None`` keeps every key)."""
        if self._first is None or self._last is None:
            return {}
        low = self._first if start is None else max(start.toordinal(), self._first)
        high = self._last if end is None else min(end.toordinal(), self._last)
        out: dict[int, int] = defaultdict(int)
        if high < low:
            return {}
        for month in range(
            month_index(date.fromordinal(low)), month_index(date.fromordinal(high)) + 1
        ):
            for key, runs in self._runs.get(month, {}).items():
                if keep is not None and not keep(key):
                    continue
                for first, last, per_day in runs:
                    for day in range(max(first, low), min(last, high) + 1):
                        out[day] += per_day
        return {date.fromordinal(day): units for day, units in sorted(out.items())}

    def daily_per_key(
        self, start: date, end: date, keep: Callable[[CostKey], bool] | None
    ) -> dict[CostKey, dict[date, int]]:
        """Units per kept key and day in the period (``keep=None`` keeps every key)."""
        if self._first is None or self._last is None:
            return {}
        low, high = max(start.toordinal(), self._first), min(end.toordinal(), self._last)
        out: dict[CostKey, dict[date, int]] = {}
        if high < low:
            return out
        for month in range(
            month_index(date.fromordinal(low)), month_index(date.fromordinal(high)) + 1
        ):
            for key, runs in self._runs.get(month, {}).items():
                if keep is not None and not keep(key):
                    continue
                days = out.setdefault(key, defaultdict(int))
                for first, last, per_day in runs:
                    for day in range(max(first, low), min(last, high) + 1):
                        days[date.fromordinal(day)] += per_day
        return out
