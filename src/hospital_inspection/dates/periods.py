"""Periods and fixed dates, counted as 民法典 第二百零一条至第二百零四条 say.

* Art. 201 — the day of the triggering event is not counted; counting starts the next day. So a
  period of N days ends N days after the trigger, and a period in months ends on the trigger's
  corresponding day of the final month.
* Art. 202 — a period in months (or years: 12 months) ends on the corresponding day of the final
  month; when that month has no such day, on its last day (:attr:`Rounding.DOWN`).
  :attr:`Rounding.UP` (the first day of the next month) and :attr:`Rounding.ABORT` are offered for
  rules that say otherwise (Art. 204).
* Art. 203 — when the last day is a statutory rest day, the period ends on the next working day
  (``roll_forward=True``; off by default, switched on per rule by the policy or the caller).
* Fixed dates: "X月底前" (:func:`by_month_end`), "X日前" (:func:`on_or_before`), "进驻前"
  (:func:`before`).
* Days before an event: "进驻5个工作日前" (:func:`days_before`), counted back from the event the way
  Art. 201 counts forward (the event's own day is not counted).

Example::

    >>> import datetime as dt
    >>> add_months(dt.date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    >>> add_months(dt.date(2024, 1, 31), 1, rounding=Rounding.UP)
    datetime.date(2024, 3, 1)
    >>> print(period_end(dt.date(2025, 8, 3), 2, roll_forward=True, rule="rectification"))
    2025-10-09 (rectification; from 2025-08-03; rolled forward from 2025-10-03, a rest day)
"""

from __future__ import annotations

import datetime as dt

from hospital_inspection._validate import require_date, require_int, shift
from hospital_inspection.citations import Citation
from hospital_inspection.dates._periods_months import _DAYS_IN_MONTH as _DAYS_IN_MONTH
from hospital_inspection.dates._periods_months import (
    _ONE_DAY,
    Rounding,
    add_months,
    days_in_month,
    month_end,
)
from hospital_inspection.dates.calendars import ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.dates.deadlines import Deadline
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message

__all__ = [
    "Rounding",
    "add_months",
    "before",
    "by_month_end",
    "days_before",
    "days_in_month",
    "days_period_end",
    "month_end",
    "on_or_before",
    "period_end",
]

_DEFAULT_CALENDAR: ChinaOfficialCalendar | None = None


def _official() -> ChinaOfficialCalendar:
    global _DEFAULT_CALENDAR
    if _DEFAULT_CALENDAR is None:
        _DEFAULT_CALENDAR = ChinaOfficialCalendar()
    return _DEFAULT_CALENDAR


def _settle(
    due: dt.date,
    *,
    trigger: dt.date | None,
    calendar: WorkCalendar | None,
    roll_forward: bool,
    rule: str,
    citation: Citation | None,
    provisional: bool = False,
) -> Deadline:
    """Apply Art. 203 (optionally) and wrap the day in a :class:`Deadline`."""
    if roll_forward is True:
        cal = calendar if calendar is not None else _official()
        if not cal.is_working_day(due):
            rolled = cal.next_working_day(due)
            return Deadline(
                date=rolled,
                rule=rule,
                citation=citation,
                trigger=trigger,
                rolled_from=due,
                provisional=provisional or cal.is_provisional(due, rolled),
            )
        provisional = provisional or cal.is_provisional(due)
    elif roll_forward is not False:
        raise DataError(
            Message(
                N_("roll_forward: {value}; expected True or False"), {"value": repr(roll_forward)}
            )
        )
    return Deadline(
        date=due, rule=rule, citation=citation, trigger=trigger, provisional=provisional
    )


def period_end(
    trigger: dt.date,
    months: int,
    *,
    rounding: Rounding = Rounding.DOWN,
    calendar: WorkCalendar | None = None,
    roll_forward: bool = False,
    rule: str = "period",
    citation: Citation | None = None,
) -> Deadline:
    """The last day of a period of ``months`` months from ``trigger`` (Art. 201–203).

    "收到反馈意见后2个月内" received 2025-03-15 ends 2025-05-15: the trigger day is not counted
    (Art. 201) and the period ends on the corresponding day (Art. 202). With ``roll_forward`` a
    last day that is a rest day becomes the next working day of ``calendar`` (Art. 203); the
    calendar defaults to :class:`ChinaOfficialCalendar` and is consulted only when rolling.

    Raises:
        DataError: ``months`` is negative, or an argument has the wrong type.
        AmbiguousDateError: with ``Rounding.ABORT``, when the corresponding day does not exist.
        CalendarCoverageError: rolling forward in a year the calendar has no data for.

    Example::

        >>> import datetime as dt
        >>> period_end(dt.date(2023, 12, 31), 2).date
        datetime.date(2024, 2, 29)
    """
    if type(trigger) is not dt.date:
        trigger = require_date(trigger, "trigger")
    if type(months) is not int:
        months = require_int(months, "months")
    if months < 0:
        raise DataError(
            Message(
                N_("months: {months}; expected a period of 0 or more months"), {"months": months}
            )
        )
    due = add_months(trigger, months, rounding=rounding)
    return _settle(
        due,
        trigger=trigger,
        calendar=calendar,
        roll_forward=roll_forward,
        rule=rule,
        citation=citation,
    )


def days_period_end(
    trigger: dt.date,
    days: int,
    *,
    working_days: bool = False,
    calendar: WorkCalendar | None = None,
    roll_forward: bool = False,
    rule: str = "period",
    citation: Citation | None = None,
) -> Deadline:
    """The last day of a period of ``days`` days from ``trigger`` (Art. 201, 203).

    With ``working_days=True`` only working days of ``calendar`` (default: the official calendar)
    are counted, as 行政处罚法 第八十五条 and 行政许可法 第八十二条 do for short periods; the result
    is then a working day already.

    Example::

        >>> import datetime as dt
        >>> days_period_end(dt.date(2025, 9, 30), 5).date
        datetime.date(2025, 10, 5)
        >>> days_period_end(dt.date(2025, 9, 30), 5, working_days=True).date
        datetime.date(2025, 10, 14)
    """
    trigger = require_date(trigger, "trigger")
    if require_int(days, "days") < 0:
        raise DataError(
            Message(N_("days: {days}; expected a period of 0 or more days"), {"days": days})
        )
    if working_days is True:
        cal = calendar if calendar is not None else _official()
        due = cal.add_working_days(trigger, days)
        provisional = cal.is_provisional(trigger, due)
    elif working_days is False:
        due, provisional = shift(trigger, days), False
    else:
        raise DataError(
            Message(
                N_("working_days: {value}; expected True or False"), {"value": repr(working_days)}
            )
        )
    return _settle(
        due,
        trigger=trigger,
        calendar=calendar,
        roll_forward=roll_forward,
        rule=rule,
        citation=citation,
        provisional=provisional,
    )


def by_month_end(
    year: int,
    month: int,
    *,
    calendar: WorkCalendar | None = None,
    roll_forward: bool = False,
    rule: str = "month-end",
    citation: Citation | None = None,
) -> Deadline:
    """Fixed date "X月底前": on or before the month's last day (2026年10月底前 → 2026-10-31).

    A fixed date is not a period, so Art. 203 does not move it by default; ``roll_forward=True``
    applies it anyway when a rule says so.

    Example::

        >>> by_month_end(2021, 6).date
        datetime.date(2021, 6, 30)
    """
    return _settle(
        month_end(year, month),
        trigger=None,
        calendar=calendar,
        roll_forward=roll_forward,
        rule=rule,
        citation=citation,
    )


def on_or_before(
    day: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    roll_forward: bool = False,
    rule: str = "fixed-date",
    citation: Citation | None = None,
) -> Deadline:
    """Fixed date "X日前": on or before ``day`` itself; the named day is included.

    This inclusive reading of "前" is the library's interpretation (cf. 民法典 第一千二百五十九条,
    where 以内 and 届满 include the number itself); :func:`before` gives the strict one.

    Example::

        >>> import datetime as dt
        >>> on_or_before(dt.date(2024, 12, 20)).met_by(dt.date(2024, 12, 20))
        True
    """
    return _settle(
        require_date(day, "day"),
        trigger=None,
        calendar=calendar,
        roll_forward=roll_forward,
        rule=rule,
        citation=citation,
    )


def before(
    day: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    rule: str = "before-entry",
    citation: Citation | None = None,
) -> Deadline:
    """Fixed date "进驻前": strictly before ``day`` (the first on-site day).

    At the latest the day before.

    With a ``calendar``, the last working day before ``day`` instead.

    Example::

        >>> import datetime as dt
        >>> before(dt.date(2025, 10, 9)).date
        datetime.date(2025, 10, 8)
        >>> before(dt.date(2025, 10, 9), calendar=ChinaOfficialCalendar()).date
        datetime.date(2025, 9, 30)
    """
    day = require_date(day, "day")
    if calendar is None:
        return Deadline(date=day - _ONE_DAY, rule=rule, citation=citation)
    due = calendar.previous_working_day(day)
    return Deadline(
        date=due, rule=rule, citation=citation, provisional=calendar.is_provisional(due, day)
    )


def days_before(
    event_day: dt.date,
    days: int,
    *,
    working_days: bool = False,
    calendar: WorkCalendar | None = None,
    rule: str = "days-before",
    citation: Citation | None = None,
) -> Deadline:
    """The last day to act when a thing must be done ``days`` days before ``event_day``.

    "进驻5个工作日前" (five working days before the team enters): the event's own day is not
    counted (民法典 第二百零一条, applied backwards) and the ``days``-th day (working day with
    ``working_days=True``, on ``calendar``, default the official one) before it is the last
    permitted day. A report on that day is on time; a report on a later day is late.

    Raises:
        DataError: ``days`` is not a whole number >= 1, or an argument has the wrong type.
        CalendarCoverageError: counting working days in a year the calendar has no data for.

    Example::

        >>> import datetime as dt
        >>> days_before(dt.date(2025, 6, 9), 5, working_days=True).date  # Monday entry
        datetime.date(2025, 5, 30)
        >>> days_before(dt.date(2025, 6, 9), 5).date
        datetime.date(2025, 6, 4)
    """
    event_day = require_date(event_day, "event_day")
    if require_int(days, "days") < 1:
        raise DataError(
            Message(N_("days: {days}; expected a whole number of days >= 1"), {"days": days})
        )
    if working_days is True:
        cal = calendar if calendar is not None else _official()
        due = cal.add_working_days(event_day, -days)
        provisional = cal.is_provisional(due, event_day)
    elif working_days is False:
        due, provisional = event_day - dt.timedelta(days=days), False
    else:
        raise DataError(
            Message(
                N_("working_days: {value}; expected True or False"), {"value": repr(working_days)}
            )
        )
    return Deadline(date=due, rule=rule, citation=citation, provisional=provisional)
