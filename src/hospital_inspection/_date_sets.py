"""Sets of dates written as people write them: single days and ranges (private).

``to_date_set`` accepts a date, an ISO string ``"2025-06-01"``, a range string
``"2025-06-01..2025-06-30"`` (both ends included), a ``(first, last)`` pair of dates, or an
iterable of any of these, and returns the frozenset of every day covered.

>>> [d.isoformat() for d in sorted(to_date_set(["2025-06-01..2025-06-03", "2025-07-01"]))]
['2025-06-01', '2025-06-02', '2025-06-03', '2025-07-01']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from hospital_inspection.i18n import N_, Message

__all__ = ["DateSetError", "date_ranges", "to_date_set"]

_ONE_DAY = dt.timedelta(days=1)
#: The longest range accepted, in days: a guard against a typo such as 2025-06-01..2205-06-30.
_MAX_RANGE_DAYS = 3 * 366


class DateSetError(ValueError):
    """A value that is not a date, a range or a list of them; the message says which.

    Attributes:
        message: the problem as a message front ends word in Chinese; ``str()`` is its English.
    """

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(str(message))


def _one_date(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise DateSetError(
        Message(N_("{value} is not a date; expected YYYY-MM-DD"), {"value": repr(value)})
    )


def _days(first: dt.date, last: dt.date, text: object) -> list[dt.date]:
    if last < first:
        raise DateSetError(
            Message(N_("{value}: the range ends before it starts"), {"value": repr(text)})
        )
    if (last - first).days > _MAX_RANGE_DAYS:
        raise DateSetError(
            Message(
                N_("{value}: a range of more than {n} days"),
                {"value": repr(text), "n": _MAX_RANGE_DAYS},
            )
        )
    out = []
    d = first
    while d <= last:
        out.append(d)
        d += _ONE_DAY
    return out


def _is_pair(value: object) -> bool:
    """A ``(first, last)`` tuple of two dates (a tuple, not a list: a list is a list of days)."""
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and all(isinstance(x, str | dt.date) and ".." not in str(x) for x in value)
    )


def _item(value: object) -> list[dt.date]:
    if isinstance(value, str) and ".." in value:
        a, _, b = value.partition("..")
        return _days(_one_date(a), _one_date(b), value)
    if _is_pair(value):
        assert isinstance(value, tuple)
        return _days(_one_date(value[0]), _one_date(value[1]), value)
    return [_one_date(value)]


def to_date_set(value: object) -> frozenset[dt.date]:
    """Every day ``value`` names (see the module's docstring for the accepted forms).

    Raises:
        DateSetError: a value that is neither a date nor a range.
    """
    if value is None:
        return frozenset()
    if isinstance(value, str | dt.date) or _is_pair(value):
        return frozenset(_item(value))
    if isinstance(value, Iterable):
        out: set[dt.date] = set()
        for x in value:
            out.update(_item(x))
        return frozenset(out)
    raise DateSetError(
        Message(N_("{value} is not a date, a range or a list of them"), {"value": repr(value)})
    )


def date_ranges(days: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive days merged into ``(first, last)`` ranges, in date order.

    >>> [(a.day, b.day) for a, b in date_ranges(to_date_set(["2025-06-02", "2025-06-01"]))]
    [(1, 2)]
    """
    out: list[tuple[dt.date, dt.date]] = []
    for d in sorted(set(days)):
        if out and out[-1][1] + _ONE_DAY == d:
            out[-1] = (out[-1][0], d)
        else:
            out.append((d, d))
    return out
