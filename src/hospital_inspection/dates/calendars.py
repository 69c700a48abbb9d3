"""Working-day calendars: calendar days, and China's official calendar with 调休.

A :class:`WorkCalendar` answers five questions about days. Two implementations:

* :class:`CalendarDays` — every day counts (自然日);
* :class:`ChinaOfficialCalendar` — the State Council's arrangements (法定节假日 and 调休): weekdays
  off inside holiday blocks are rest days, weekends declared make-up working days (调休上班) are
  working days. Built on the ``chinesecalendar`` data package, corrected by the library's errata,
  extendable with a user's own year file. A day in a year with no data raises
  :class:`~hospital_inspection.errors.CalendarCoverageError` unless ``provisional_fallback=True``.

Counting convention (民法典 第二百零一条, the start day is not counted): ``add_working_days(d, n)``
is the n-th working day *after* ``d``, and ``count_working_days(start, end)`` counts the working
days in ``(start, end]``; so ``count_working_days(d, add_working_days(d, n)) == n``.

Example::

    >>> import datetime as dt
    >>> cal = ChinaOfficialCalendar()
    >>> cal.is_working_day(dt.date(2025, 10, 8)), cal.is_working_day(dt.date(2025, 10, 11))
    (False, True)
    >>> cal.next_working_day(dt.date(2025, 9, 30))
    datetime.date(2025, 10, 9)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Protocol, runtime_checkable

from hospital_inspection._validate import require_date, require_int, shift
from hospital_inspection.dates._worktable import YearTable, weekends_only
from hospital_inspection.dates.arrangements import (
    YearArrangement,
    load_year_arrangement,
    package_arrangements,
    package_coverage,
)
from hospital_inspection.errors import CalendarCoverageError, DataError
from hospital_inspection.i18n import N_, Message

__all__ = ["CalendarDays", "ChinaOfficialCalendar", "WorkCalendar"]

_ONE_DAY = dt.timedelta(days=1)


@runtime_checkable
class WorkCalendar(Protocol):
    """What the period arithmetic needs to know about days.

    Example::

        >>> import datetime as dt
        >>> cal: WorkCalendar = CalendarDays()
        >>> cal.add_working_days(dt.date(2025, 1, 30), 3)
        datetime.date(2025, 2, 2)
    """

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day."""
        ...

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        ...

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        ...

    def add_working_days(self, day: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``day`` (before it if negative; ``day`` if 0)."""
        ...

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``; negative when ``end < start``."""
        ...

    def is_provisional(self, start: dt.date, end: dt.date | None = None) -> bool:
        """Whether any day of ``[start, end]`` is judged from provisional (guessed) data."""
        ...


class CalendarDays:
    """Every day is a working day: periods counted in calendar days (自然日).

    Example::

        >>> import datetime as dt
        >>> CalendarDays().count_working_days(dt.date(2025, 2, 1), dt.date(2025, 3, 1))
        28
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "CalendarDays()"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CalendarDays)

    def __hash__(self) -> int:
        return hash(CalendarDays)

    def is_working_day(self, day: dt.date) -> bool:
        """Always true (after checking that ``day`` is a date)."""
        require_date(day, "day")
        return True

    def next_working_day(self, day: dt.date) -> dt.date:
        """The next day."""
        return shift(require_date(day, "day"), 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The previous day."""
        return shift(require_date(day, "day"), -1)

    def add_working_days(self, day: dt.date, days: int) -> dt.date:
        """``day`` plus ``days`` days."""
        return shift(require_date(day, "day"), require_int(days, "days"))

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """Days in ``(start, end]``, i.e. ``end - start`` in days."""
        return (require_date(end, "end") - require_date(start, "start")).days

    def is_provisional(self, start: dt.date, end: dt.date | None = None) -> bool:
        """Never: calendar days need no data."""
        return False


_PACKAGE_TABLES: dict[int, YearTable] = {}
_FALLBACK_TABLES: dict[int, YearTable] = {}


def _package_table(year: int) -> YearTable | None:
    table = _PACKAGE_TABLES.get(year)
    if table is None:
        arrangement = package_arrangements().get(year)
        if arrangement is None:
            return None
        table = YearTable(year, arrangement.is_working_day, source=arrangement.source)
        _PACKAGE_TABLES[year] = table
    return table


def _fallback_table(year: int) -> YearTable:
    table = _FALLBACK_TABLES.get(year)
    if table is None:
        source = "provisional fallback: Monday-Friday working, no holidays"
        table = YearTable(year, weekends_only, source=source, provisional=True)
        _FALLBACK_TABLES[year] = table
    return table


class ChinaOfficialCalendar:
    """China's official working days: statutory holidays and make-up working weekends (调休).

    Args:
        arrangements: extra years, as :class:`YearArrangement` values or paths to TOML files (see
            :func:`~hospital_inspection.load_year_arrangement`). A user-supplied year
            replaces the data package's version of that year.
        provisional_fallback: for a year with no data, treat Monday-Friday as working days and
            every weekend as rest, and mark every result that used it as provisional. Off by
            default: without data a date raises :class:`CalendarCoverageError`.

    Raises:
        DataError: two arrangements for the same year, or a bad arrangement file.
        CalendarCoverageError: (from the methods) a date in a year with no data.

    Example::

        >>> import datetime as dt
        >>> cal = ChinaOfficialCalendar()
        >>> cal.add_working_days(dt.date(2025, 9, 30), 1)   # 10-01..10-08 National Day holiday
        datetime.date(2025, 10, 9)
        >>> cal.count_working_days(dt.date(2025, 9, 30), dt.date(2025, 10, 12))
        3
    """

    __slots__ = ("_tables", "_user_years", "provisional_fallback")

    def __init__(
        self,
        *,
        arrangements: Iterable[YearArrangement | str | os.PathLike[str]] = (),
        provisional_fallback: bool = False,
    ) -> None:
        if not isinstance(provisional_fallback, bool):
            raise DataError(
                Message(
                    N_("provisional_fallback: {value}; expected True or False"),
                    {"value": repr(provisional_fallback)},
                )
            )
        self.provisional_fallback = provisional_fallback
        self._tables: dict[int, YearTable] = {}
        user: dict[int, YearArrangement] = {}
        for item in arrangements:
            arrangement = item if isinstance(item, YearArrangement) else load_year_arrangement(item)
            if arrangement.year in user:
                raise DataError(
                    Message(
                        N_("arrangements: two arrangements for {year}; expected one per year"),
                        {"year": arrangement.year},
                    )
                )
            user[arrangement.year] = arrangement
        for year, arrangement in user.items():
            self._tables[year] = YearTable(
                year, arrangement.is_working_day, source=arrangement.source
            )
        self._user_years = tuple(sorted(user))

    def __repr__(self) -> str:
        years = package_coverage()
        return (
            f"ChinaOfficialCalendar(package_years={years.start}-{years.stop - 1}, "
            f"user_years={list(self._user_years)}, "
            f"provisional_fallback={self.provisional_fallback})"
        )

    @property
    def covered_years(self) -> tuple[int, ...]:
        """The years with official data: the package's and the user's, sorted."""
        return tuple(sorted(set(package_coverage()) | set(self._user_years)))

    def _table(self, year: int) -> YearTable:
        table = self._tables.get(year)
        if table is None:
            if not dt.MINYEAR <= year <= dt.MAXYEAR:
                raise DataError(
                    Message(
                        N_("year {year} is outside the dates Python can represent"), {"year": year}
                    )
                )
            table = _package_table(year)
            if table is None:
                if not self.provisional_fallback:
                    raise CalendarCoverageError(self._coverage_message(year), year=year)
                table = _fallback_table(year)
            self._tables[year] = table
        return table

    def _coverage_message(self, year: int) -> str:
        years = package_coverage()
        covered = f"{years.start}-{years.stop - 1} (chinesecalendar data)"
        if self._user_years:
            covered += f", {', '.join(map(str, self._user_years))} (user-supplied)"
        return (
            f"no official working-day data for {year}; covered years: {covered}. "
            "Supply the year's arrangement (load_year_arrangement) or opt in to "
            "ChinaOfficialCalendar(provisional_fallback=True), which marks results provisional"
        )

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is an official working day.

        Raises:
            CalendarCoverageError: no data for ``day``'s year and no fallback.
        """
        if type(day) is not dt.date:
            day = require_date(day, "day")
        table = self._tables.get(day.year) or self._table(day.year)
        return table.working[day.toordinal() - table.start] == 1

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``.

        One look-up in the year's precomputed "first working day on or after" index; a day whose
        answer lies in a later year takes the general path (and may raise
        :class:`CalendarCoverageError` for that year).
        """
        if type(day) is dt.date:
            table = self._tables.get(day.year) or self._table(day.year)
            ordinal = table.on_or_after[day.toordinal() - table.start + 1]
            if ordinal:
                return dt.date.fromordinal(ordinal)
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        return self.add_working_days(day, -1)

    def add_working_days(self, day: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``day`` (before it when negative; ``day`` when 0).

        ``day`` itself is never counted (民法典 第二百零一条), whether or not it is a working day.
        """
        if type(day) is not dt.date:
            day = require_date(day, "day")
        if type(days) is not int:
            days = require_int(days, "days")
        table = self._tables.get(day.year) or self._table(day.year)
        index = day.toordinal() - table.start
        if days > 0:
            rank = table.prefix[index + 1] + days  # 1-based rank among the year's working days
            while rank > table.total:
                rank -= table.total
                table = self._table(table.year + 1)
            return dt.date.fromordinal(table.start + table.positions[rank - 1])
        if days < 0:
            position = table.prefix[index] + days  # 0-based position among the working days
            while position < 0:
                table = self._table(table.year - 1)
                position += table.total
            return dt.date.fromordinal(table.start + table.positions[position])
        return day

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """The number of working days in ``(start, end]``; negative when ``end < start``."""
        start = require_date(start, "start")
        end = require_date(end, "end")
        if end < start:
            return -self.count_working_days(end, start)
        first = self._table(start.year)
        last = self._table(end.year)
        through_start = first.prefix[start.toordinal() - first.start + 1]
        through_end = last.prefix[end.toordinal() - last.start + 1]
        if first is last:
            return through_end - through_start
        between = sum(self._table(year).total for year in range(start.year + 1, end.year))
        return first.total - through_start + between + through_end

    def is_provisional(self, start: dt.date, end: dt.date | None = None) -> bool:
        """Whether any year touched by ``[start, end]`` is judged from the provisional fallback."""
        if type(start) is not dt.date:
            start = require_date(start, "start")
        if end is None or (type(end) is dt.date and end.year == start.year):
            return (self._tables.get(start.year) or self._table(start.year)).provisional
        end = require_date(end, "end")
        low, high = sorted((start.year, end.year))
        return any(self._table(year).provisional for year in range(low, high + 1))

    def source(self, year: int) -> str:
        """Where the data of ``year`` come from (the package, a user file, or the fallback).

        Example::

            >>> ChinaOfficialCalendar().source(2025).startswith("chinesecalendar")
            True
        """
        return self._table(require_int(year, "year")).source
