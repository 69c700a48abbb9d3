"""The basic Hypothesis strategies that the others build on: identifiers and dates.

It holds the helper that pins a field to a value or a strategy, and the strategies for
identifiers, month ends and dates (with month ends and 29 February drawn often). They are
public through :mod:`hospital_inspection.testing`, which imports them back; import them from
there.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypeVar

from hypothesis import strategies as st

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


T = TypeVar("T")


_ID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-"


def _pin(value: T | SearchStrategy[T] | None, default: SearchStrategy[T]) -> SearchStrategy[T]:
    if value is None:
        return default
    if isinstance(value, st.SearchStrategy):
        return value
    return st.just(value)


def ids(prefix: str = "") -> SearchStrategy[str]:
    """Non-empty identifiers, optionally with a fixed prefix."""
    return st.text(_ID_ALPHABET, min_size=1, max_size=8).map(lambda s: prefix + s)


def month_ends(min_year: int = 2004, max_year: int = 2030) -> SearchStrategy[dt.date]:
    """Last days of months (the edge cases of month arithmetic)."""

    def last_day(year_month: tuple[int, int]) -> dt.date:
        year, month = year_month
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)

    return st.tuples(st.integers(min_year, max_year), st.integers(1, 12)).map(last_day)


def dates(
    min_value: dt.date = dt.date(2004, 1, 1), max_value: dt.date = dt.date(2030, 12, 31)
) -> SearchStrategy[dt.date]:
    """Dates, with month ends and 29 February drawn explicitly often."""
    edges = month_ends(min_value.year, max_value.year).filter(lambda d: min_value <= d <= max_value)
    return st.one_of(st.dates(min_value, max_value), edges)
