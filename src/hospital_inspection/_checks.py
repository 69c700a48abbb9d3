"""Argument checks shared by the public functions (private)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TypeVar

from hospital_inspection.errors import DataError

T = TypeVar("T")


def require_date(value: object, name: str) -> dt.date:
    """Return ``value`` if it is a plain :class:`datetime.date`, else raise :class:`DataError`.

    A :class:`datetime.datetime` is refused, not truncated: it carries a time and possibly a time
    zone, and silently dropping them can move a deadline by a day. Call ``.date()`` first.
    """
    if type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        raise DataError(
            f"{name}: {value!r} is a datetime; expected a datetime.date "
            "(call .date() on it, after converting to China time if it has a time zone)"
        )
    if isinstance(value, dt.date):  # a date subclass: accept it as a date
        return dt.date(value.year, value.month, value.day)
    raise DataError(f"{name}: {value!r} is not a date; expected a datetime.date")


def require_int(value: object, name: str) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``), else raise :class:`DataError`."""
    if type(value) is int:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise DataError(f"{name}: {value!r} is not an integer; expected an int")


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` days, or :class:`DataError` when that leaves the years 1-9999."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        raise DataError(f"{day} + {days} day(s) is outside the years 1-9999") from None


def require_items(value: object, kind: type[T], name: str) -> tuple[T, ...]:
    """``value`` as a tuple of ``kind`` objects with distinct ids, else :class:`DataError`."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise DataError(f"{name}: {value!r} is not a list of {kind.__name__} objects")
    items = tuple(value)
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            raise DataError(f"{name}[{i}]: {item!r} is not a {kind.__name__}")
        ident = item.id  # type: ignore[attr-defined]
        if ident in seen:
            raise DataError(f"{name}[{i}]: id {ident!r} appears more than once")
        seen.add(ident)
    return items


def require_bool(value: object, name: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False``, else raise :class:`DataError`."""
    if value is True or value is False:
        return value
    raise DataError(f"{name}: {value!r} is not true or false")


def optional_int(value: object, name: str) -> int | None:
    """``None`` or an int (see :func:`require_int`)."""
    return None if value is None else require_int(value, name)
