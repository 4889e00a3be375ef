"""Rows grouped by key at C speed: an export's rows summed per day and campaign, and results
of one key merged into one."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat
from operator import call, itemgetter, not_
from typing import Any, TypeVar

T = TypeVar("T")


def pick(column: Sequence[Any], indexes: Sequence[int]) -> list[Any]:
    """The cells of ``column`` at ``indexes``."""
    if len(indexes) > 1:
        return list(itemgetter(*indexes)(column))
    return [column[i] for i in indexes]


class Groups:
    """The row indexes of each distinct key of some equally long columns, in order of each
    key's first row, and what each group's cells add up to. Rows are grouped and their cells
    fetched at C speed; Python works once per group."""

    def __init__(self, keys: Sequence[Sequence[Any]], count: int) -> None:
        varying = [column for column in keys if count and column.count(column[0]) != count]
        row_keys: Iterable[Any] = (
            zip(*varying, strict=True) if len(varying) > 1
            else varying[0] if varying
            else repeat(None, count)
        )  # fmt: skip
        groups: defaultdict[Any, list[int]] = defaultdict(list)
        deque(map(list.append, map(groups.__getitem__, row_keys), range(count)), maxlen=0)
        self.rows = list(groups.values())
        self._firsts = list(map(itemgetter(0), self.rows))
        self._getters = [  # each group's cells of a column as a sequence
            itemgetter(*rows) if len(rows) > 1 else itemgetter(slice(rows[0], rows[0] + 1))
            for rows in self.rows
        ]

    def __len__(self) -> int:
        return len(self.rows)

    def pick(self, column: Sequence[T]) -> list[T]:
        """The cell of each group's first row."""
        return pick(column, self._firsts)

    def parts(self, column: Sequence[Any]) -> list[Sequence[Any]]:
        """Each group's cells."""
        return list(map(call, self._getters, repeat(column)))

    def sums(self, column: Sequence[Any]) -> list[Any]:
        """Each group's sum (None where all its cells are None)."""
        return _sums(self.parts(column), column)


def _sums(parts: list[Sequence[Any]], column: Sequence[Any]) -> list[Any]:
    """The sum of each group's cells ``parts`` of ``column``: None + None stays None, None + n
    is n."""
    sums: list[Any] = list(map(sum, map(filter, repeat(None), parts)))
    if None in column:  # a group summing to 0 may hold only None
        for at in list(compress(range(len(sums)), map(not_, sums))):
            if parts[at].count(None) == len(parts[at]):
                sums[at] = None
    return sums


def merge_results(columns: dict[str, list[Any]], metrics: Sequence[str]) -> dict[str, list[Any]]:
    """Encoded result columns with one row per distinct key: rows equal in every column but
    ``metrics`` (date, campaign, platform, source, content, content type) become one row whose
    metrics are the rows' sums (None where every row has None), in order of each key's first
    row: rows of one post or ad and day stored apart would only look like duplicates.
    """
    keys = [name for name in columns if name not in metrics]
    count = len(columns[keys[0]]) if keys else 0
    if count < 2 or len(set(zip(*(columns[name] for name in keys), strict=True))) == count:
        return columns  # every key once (a set of tuples is quicker than grouping)
    groups = Groups([columns[name] for name in keys], count)
    merged = {name: groups.pick(columns[name]) for name in keys}
    return merged | {name: groups.sums(columns[name]) for name in metrics}
