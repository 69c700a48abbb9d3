"""Precomputed per-year working-day tables (private).

A :class:`YearTable` holds, for one calendar year, the working flag of every day, the prefix count
of working days, the sorted day indices of the working days and, for every day, the ordinal of the
first working day on or after it. With them, "is this a working day", "the next working day",
"the k-th working day after" and "how many working days between" are list look-ups: O(1) within a
year, plus one step per year boundary crossed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final, final


@final
class YearTable:
    """Working days of one year, precomputed."""

    __slots__ = (
        "on_or_after",
        "positions",
        "prefix",
        "provisional",
        "source",
        "start",
        "total",
        "working",
        "year",
    )

    def __init__(
        self,
        year: int,
        is_working: Callable[[dt.date], bool],
        *,
        source: str,
        provisional: bool = False,
    ) -> None:
        first = dt.date(year, 1, 1)
        days = (dt.date(year + 1, 1, 1) - first).days if year < dt.MAXYEAR else 365
        flags = [is_working(first + dt.timedelta(days=i)) for i in range(days)]
        self.year: Final = year
        self.start: Final = first.toordinal()
        self.source: Final = source
        self.provisional: Final = provisional
        self.working: Final = bytes(flags)
        prefix = [0]
        for flag in flags:
            prefix.append(prefix[-1] + flag)
        # prefix[i] = number of working days among the year's first i days (indices < i).
        self.prefix: Final = prefix
        # positions[k] = day index (from 1 January) of the year's (k+1)-th working day.
        self.positions: Final = [i for i, flag in enumerate(flags) if flag]
        self.total: Final = len(self.positions)
        # on_or_after[i] = ordinal of the first working day on or after day index i, or 0 when
        # the year has no working day from index i on (the answer lies in a later year).
        on_or_after = [0] * (days + 1)
        for i in range(days - 1, -1, -1):
            on_or_after[i] = self.start + i if flags[i] else on_or_after[i + 1]
        self.on_or_after: Final = on_or_after


def weekends_only(day: dt.date) -> bool:
    """Monday to Friday work, Saturday and Sunday rest: the provisional fallback's rule."""
    return day.weekday() < 5
