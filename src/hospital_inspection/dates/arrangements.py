"""Official holiday arrangements (放假安排), year by year: the data behind the China calendar.

Each year the State Council's General Office publishes a notice
(国务院办公厅关于某年部分节假日安排的通知) that fixes which days are off (放假) and which weekend
days are make-up working days (调休上班). These are data, not a formula. This module holds them as
:class:`YearArrangement` values from three sources:

* the ``chinesecalendar`` data package (2004 to its last year), read once and cached;
* the library's corrections to that package (``data/calendar_errata.toml``), which win over it;
* a user's own TOML file for a year the package does not know yet (:func:`load_year_arrangement`).

Example::

    >>> import datetime as dt
    >>> arrangement = package_arrangements()[2025]
    >>> dt.date(2025, 10, 11) in arrangement.workdays   # Saturday, make-up working day
    True
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.resources
import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from hospital_inspection._validate import is_plain_date, parse_iso_date
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message

__all__ = [
    "Erratum",
    "YearArrangement",
    "calendar_errata",
    "load_year_arrangement",
    "package_arrangements",
    "package_coverage",
]

_ARRANGEMENT_KEYS = frozenset({"year", "source", "holidays", "workdays"})


def _frozen_dates(value: Iterable[dt.date]) -> frozenset[dt.date]:
    return frozenset(value)


@attrs.frozen(kw_only=True)
class YearArrangement:
    """One year's official arrangement: the days off and the make-up working days.

    A day of the year is a working day when it is a weekday not in ``holidays``, or a day in
    ``workdays`` (a 调休 weekend). Weekend days may appear in ``holidays`` (inside a holiday block);
    ``workdays`` holds weekend days only.

    Attributes:
        year: the calendar year described.
        source: the notice the data come from (title and document number), or the data package.
        holidays: official days off (法定节假日 and the days joined to them).
        workdays: make-up working days (调休上班), all Saturdays or Sundays.

    Raises:
        DataError: a date outside ``year``, a day in both sets, a weekday in ``workdays``.

    Example::

        >>> import datetime as dt
        >>> a = YearArrangement(year=2099, source="fictional", holidays=[dt.date(2099, 1, 1)])
        >>> a.is_working_day(dt.date(2099, 1, 1)), a.is_working_day(dt.date(2099, 1, 2))
        (False, True)
    """

    year: int
    source: str
    holidays: frozenset[dt.date] = attrs.field(factory=frozenset, converter=_frozen_dates)
    workdays: frozenset[dt.date] = attrs.field(factory=frozenset, converter=_frozen_dates)

    def __attrs_post_init__(self) -> None:
        problems = _arrangement_problems(self.year, self.source, self.holidays, self.workdays)
        if problems:
            raise DataError(problems, source=f"the {self.year} arrangement")

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` (a day of this year) is a working day under this arrangement."""
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays


def _arrangement_problems(
    year: object, source: object, holidays: Iterable[object], workdays: Iterable[object]
) -> list[Message]:
    problems: list[Message] = []
    if not isinstance(year, int) or isinstance(year, bool) or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return [
            Message(
                N_("year: {value} is not a year; expected an integer such as 2027"),
                {"value": repr(year)},
            )
        ]
    if not isinstance(source, str) or not source.strip():
        problems.append(
            Message(N_("source: missing; expected the notice's title and document number"))
        )
    for key, days in (("holidays", holidays), ("workdays", workdays)):
        for day in days:
            if not is_plain_date(day):
                problems.append(
                    Message(
                        N_("{key}: {value} is not a date; expected YYYY-MM-DD"),
                        {"key": key, "value": repr(day)},
                    )
                )
            elif day.year != year:
                problems.append(
                    Message(
                        N_("{key}: {day} is not in {year}; expected dates of {year}"),
                        {"key": key, "day": day, "year": year},
                    )
                )
            elif key == "workdays" and day.weekday() < 5:
                problems.append(
                    Message(
                        N_(
                            "workdays: {day} is a weekday; a make-up working day (调休) "
                            "is a Saturday or Sunday"
                        ),
                        {"day": day},
                    )
                )
    both = sorted(set(holidays) & set(workdays), key=str)
    problems.extend(
        Message(
            N_("holidays and workdays: {day} is in both; expected each day in at most one list"),
            {"day": str(d)},
        )
        for d in both
    )
    return problems


def load_year_arrangement(path: str | os.PathLike[str]) -> YearArrangement:
    """Read a user-supplied year arrangement from a TOML file.

    Use it when a year's notice is out before ``chinesecalendar`` has the year. The file holds
    ``year`` (integer), ``source`` (the notice's title and number), ``holidays`` and ``workdays``
    (lists of dates, as TOML dates or ``"YYYY-MM-DD"`` strings). Dates that a notice rearranges in
    the previous December belong to that year's arrangement, not this one.

    Raises:
        DataError: the file cannot be read or parsed, or a value is wrong; the message names the
            file, the key and what was expected.

    Example (2099 is a made-up year; never write a real year's arrangement from memory)::

        >>> import datetime as dt, pathlib, tempfile
        >>> from hospital_inspection import ChinaOfficialCalendar
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "2099.toml"
        >>> _ = path.write_text('''
        ... year = 2099
        ... source = "a fictional notice, for the example"
        ... holidays = [2099-01-01, 2099-01-02]
        ... workdays = ["2099-01-03"]
        ... ''', encoding="utf-8")
        >>> arrangement = load_year_arrangement(path)
        >>> cal = ChinaOfficialCalendar(arrangements=[arrangement])
        >>> cal.is_working_day(dt.date(2099, 1, 2)), cal.is_working_day(dt.date(2099, 1, 3))
        (False, True)
    """
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            raw = tomllib.load(handle)
    except OSError as exc:
        raise DataError(_unreadable(exc), source=name) from exc
    except tomllib.TOMLDecodeError as exc:
        raise DataError(_not_toml(exc), source=name) from exc
    problems: list[Message] = [
        Message(
            N_("{key}: unknown key; expected one of {known}"),
            {"key": key, "known": ", ".join(sorted(_ARRANGEMENT_KEYS))},
        )
        for key in sorted(set(raw) - _ARRANGEMENT_KEYS)
    ]
    for key in ("year", "source"):
        if key not in raw:
            problems.append(Message(N_("{key}: missing"), {"key": key}))
    lists = {key: _date_list(raw, key, problems) for key in ("holidays", "workdays")}
    if not problems:
        problems = _arrangement_problems(
            raw["year"], raw["source"], lists["holidays"], lists["workdays"]
        )
    if problems:
        raise DataError(problems, source=name)
    return YearArrangement(
        year=raw["year"],
        source=raw["source"],
        holidays=lists["holidays"],
        workdays=lists["workdays"],
    )


def _unreadable(exc: OSError) -> Message:
    """``cannot read the file: {reason}``; Chinese says "no such file" in its own words."""
    reason = exc.strerror or exc
    if isinstance(exc, FileNotFoundError):  # the same English words, a Chinese of its own
        return Message(N_("cannot read the file: {missing}"), {"missing": reason})
    return Message(N_("cannot read the file: {reason}"), {"reason": reason})


_AT = re.compile(r"\(at line (\d+), column (\d+)\)")


def _not_toml(exc: tomllib.TOMLDecodeError) -> Message:
    """``not valid TOML: {reason}``; Chinese names the line and column, not tomllib's words."""
    at = _AT.search(str(exc))
    if at is None:
        if str(exc).endswith("(at end of document)"):  # a value, quote or bracket left open
            return Message(N_("not valid TOML: {unfinished}"), {"unfinished": exc})
        return Message(N_("not valid TOML: {reason}"), {"reason": exc})
    return Message(N_("not valid TOML: {error}"), {"error": exc, "line": at[1], "column": at[2]})


def _date_list(raw: Mapping[str, Any], key: str, problems: list[Message]) -> list[dt.date]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        problems.append(
            Message(
                N_("{key}: {value} is not a list; expected a list of dates"),
                {"key": key, "value": repr(value)},
            )
        )
        return []
    days: list[dt.date] = []
    for item in value:
        day = _as_date(item)
        if day is None:
            problems.append(
                Message(
                    N_("{key}: {value} is not a date; expected YYYY-MM-DD"),
                    {"key": key, "value": repr(item)},
                )
            )
        else:
            days.append(day)
    return days


def _as_date(item: object) -> dt.date | None:
    if is_plain_date(item):
        return item
    if isinstance(item, str):
        return parse_iso_date(item.strip())
    return None


@attrs.frozen(kw_only=True)
class Erratum:
    """A correction to the ``chinesecalendar`` data, with the official source that justifies it.

    Example::

        >>> [e.date.isoformat() for e in calendar_errata()]
        ['2005-12-31']
    """

    date: dt.date
    status: Literal["working", "rest"]
    source: str
    url: str = ""
    found: str = ""
    upstream: str = ""


@functools.cache
def calendar_errata() -> tuple[Erratum, ...]:
    """The corrections to ``chinesecalendar`` shipped in ``data/calendar_errata.toml``."""
    resource = importlib.resources.files("hospital_inspection") / "data" / "calendar_errata.toml"
    raw = tomllib.loads(resource.read_text(encoding="utf-8"))
    errata: list[Erratum] = []
    problems: list[Message] = []
    for index, entry in enumerate(raw.get("erratum", [])):
        where = f"erratum[{index}]"
        day, status, source = entry.get("date"), entry.get("status"), entry.get("source")
        if not is_plain_date(day):
            problems.append(
                Message(
                    N_("{where}.date: {value} is not a date; expected a TOML date"),
                    {"where": where, "value": repr(day)},
                )
            )
        elif status not in ("working", "rest"):
            problems.append(
                Message(
                    N_("{where}.status: {value}; expected 'working' or 'rest'"),
                    {"where": where, "value": repr(status)},
                )
            )
        elif not isinstance(source, str) or not source:
            problems.append(
                Message(
                    N_("{where}.source: missing; expected the official source"), {"where": where}
                )
            )
        else:
            extra = {k: str(entry[k]) for k in ("url", "found", "upstream") if k in entry}
            errata.append(Erratum(date=day, status=status, source=source, **extra))
    if problems:
        raise DataError(problems, source="hospital_inspection/data/calendar_errata.toml")
    return tuple(errata)


def _package_version() -> str:
    import chinese_calendar  # type: ignore[import-untyped]

    version = getattr(chinese_calendar, "__version__", None)
    if isinstance(version, str):  # the module says it: importlib.metadata costs ~25 ms to import
        return version
    import importlib.metadata

    try:
        return importlib.metadata.version("chinesecalendar")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - vendored copies
        return "unknown"


@functools.cache
def package_arrangements() -> Mapping[int, YearArrangement]:
    """Every year ``chinesecalendar`` covers, as arrangements, with the errata applied.

    Built once from the package's ``constants.holidays`` and ``constants.workdays`` tables.
    """
    from chinese_calendar import constants

    version = _package_version()
    holidays: dict[int, set[dt.date]] = {}
    workdays: dict[int, set[dt.date]] = {}
    for day in constants.holidays:
        holidays.setdefault(day.year, set()).add(day)
    for day in constants.workdays:
        workdays.setdefault(day.year, set()).add(day)
    years = range(min(holidays), max(holidays) + 1)
    for erratum in calendar_errata():
        year = erratum.date.year
        if year not in years:
            raise DataError(
                Message(
                    N_(
                        "erratum for {day}: outside the package's years {first}-{last}; "
                        "expected a covered year"
                    ),
                    {"day": erratum.date, "first": years.start, "last": years.stop - 1},
                ),
                source="hospital_inspection/data/calendar_errata.toml",
            )
        holidays.setdefault(year, set()).discard(erratum.date)
        workdays.setdefault(year, set()).discard(erratum.date)
        if erratum.status == "rest":
            holidays[year].add(erratum.date)
        elif erratum.date.weekday() >= 5:
            workdays[year].add(erratum.date)
    return {
        year: YearArrangement(
            year=year,
            source=f"chinesecalendar {version} with hospital_inspection's errata",
            holidays=holidays.get(year, ()),
            workdays=workdays.get(year, ()),
        )
        for year in years
    }


def package_coverage() -> range:
    """The years the data package covers, e.g. ``range(2004, 2027)``.

    Example::

        >>> package_coverage().start
        2004
    """
    years = package_arrangements()
    return range(min(years), max(years) + 1)
