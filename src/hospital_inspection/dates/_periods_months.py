"""Month arithmetic for :mod:`hospital_inspection.dates.periods`: month ends, adding months.

It holds :class:`Rounding` (what to do when the corresponding day does not exist),
:func:`days_in_month`, :func:`month_end` and :func:`add_months`, which counts a period in months
as 民法典 第二百零二条 says. They are imported back into :mod:`hospital_inspection.dates.periods`;
import them from there.
"""

from __future__ import annotations

import datetime as dt

from hospital_inspection._validate import require_date, require_int
from hospital_inspection.enums import LabeledEnum
from hospital_inspection.errors import AmbiguousDateError, DataError
from hospital_inspection.i18n import N_, Message

_ONE_DAY = dt.timedelta(days=1)
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


class Rounding(LabeledEnum):
    """What month arithmetic does when the corresponding day does not exist (e.g. 31 → February).

    Example::

        >>> Rounding.parse("down") is Rounding.DOWN
        True
    """

    DOWN = "down", "月末日", "round_down"
    """The final month's last day: 民法典 第二百零二条 ("没有对应日的，月末日为期间的最后一日")."""
    UP = "up", "次月首日", "round_up"
    """The first day of the month after."""
    ABORT = "abort", "报错", "error", "raise"
    """Raise :class:`~hospital_inspection.errors.AmbiguousDateError`."""


def days_in_month(year: int, month: int) -> int:
    """The number of days in ``month`` of ``year``.

    Example::

        >>> days_in_month(2024, 2), days_in_month(2100, 2)
        (29, 28)
    """
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month]


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` in ``year`` (月末日).

    Example::

        >>> month_end(2026, 10)
        datetime.date(2026, 10, 31)

    Raises:
        DataError: ``month`` is not 1–12 or ``year`` is not 1–9999.
    """
    year, month = require_int(year, "year"), require_int(month, "month")
    if not 1 <= month <= 12 or not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DataError(
            Message(
                N_("month {year}-{month}: expected a year 1-9999 and a month 1-12"),
                {"year": year, "month": month},
            )
        )
    return dt.date(year, month, days_in_month(year, month))


def add_months(day: dt.date, months: int, *, rounding: Rounding = Rounding.DOWN) -> dt.date:
    """The corresponding day ``months`` months after ``day`` (before it when negative).

    When the target month has no such day (31 January + 1 month), ``rounding`` decides: ``DOWN``
    gives the month's last day (民法典 第二百零二条), ``UP`` the next month's first day, ``ABORT``
    raises. Each call counts from ``day`` itself, never from a previous result, and adding then
    subtracting months need not give ``day`` back: never compute a trigger from a deadline this way.

    Args:
        day: the starting day (a ``datetime.date``; a ``datetime`` is refused).
        months: the number of months, any integer.
        rounding: a :class:`Rounding` (or its code, e.g. ``"down"``).

    Raises:
        AmbiguousDateError: the day does not exist in the target month and ``rounding`` is ABORT.
        DataError: bad argument types, or a result outside years 1–9999.

    Example::

        >>> import datetime as dt
        >>> add_months(dt.date(2025, 12, 31), 2)
        datetime.date(2026, 2, 28)
        >>> add_months(dt.date(2024, 1, 31), 1, rounding=Rounding.ABORT)
        Traceback (most recent call last):
        ...
        hospital_inspection.errors.AmbiguousDateError: 2024-01-31 + 1 month(s): ...
    """
    if type(day) is not dt.date:
        day = require_date(day, "day")
    if type(months) is not int:
        months = require_int(months, "months")
    if type(rounding) is not Rounding:
        rounding = Rounding.parse(rounding)
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise DataError(_outside(day, months))
    month = month0 + 1
    last = days_in_month(year, month)
    if day.day <= last:
        return dt.date(year, month, day.day)
    if rounding is Rounding.DOWN:
        return dt.date(year, month, last)
    if rounding is Rounding.UP:
        if year == dt.MAXYEAR and month == 12:  # pragma: no cover - December has 31 days
            raise DataError(_outside(day, months))
        return dt.date(year, month, last) + _ONE_DAY
    target = dt.date(year, month, 1).strftime("%B %Y")
    raise AmbiguousDateError(f"{day} + {months} month(s): {target} has no day {day.day}")


def _outside(day: dt.date, months: int) -> Message:
    return Message(
        N_("{day} + {months} month(s) is outside the years 1-9999"), {"day": day, "months": months}
    )
