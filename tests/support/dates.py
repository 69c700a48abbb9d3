"""Hypothesis strategies for dates, with month ends and 29 February drawn explicitly."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from hospital_inspection.dates.arrangements import package_coverage
from hospital_inspection.dates.periods import days_in_month

FIRST_YEAR = package_coverage().start
LAST_YEAR = package_coverage().stop - 1


def month_ends(min_year: int = 1900, max_year: int = 2100) -> st.SearchStrategy[dt.date]:
    """The last day of a month."""
    return st.builds(
        lambda y, m: dt.date(y, m, days_in_month(y, m)),
        st.integers(min_year, max_year),
        st.integers(1, 12),
    )


def late_days(min_year: int = 1900, max_year: int = 2100) -> st.SearchStrategy[dt.date]:
    """Days 28-31 of a month (clipped to the month), where month arithmetic has to round."""
    return st.builds(
        lambda y, m, d: dt.date(y, m, min(d, days_in_month(y, m))),
        st.integers(min_year, max_year),
        st.integers(1, 12),
        st.integers(28, 31),
    )


def leap_days(min_year: int = 1900, max_year: int = 2100) -> st.SearchStrategy[dt.date]:
    """29 February of a leap year."""
    return (
        st.integers(min_year, max_year)
        .filter(lambda y: days_in_month(y, 2) == 29)
        .map(lambda y: dt.date(y, 2, 29))
    )


def dates(min_year: int = 1900, max_year: int = 2100) -> st.SearchStrategy[dt.date]:
    """Any day, with month ends, late days and leap days drawn explicitly."""
    return st.one_of(
        st.dates(dt.date(min_year, 1, 1), dt.date(max_year, 12, 31)),
        month_ends(min_year, max_year),
        late_days(min_year, max_year),
        leap_days(min_year, max_year),
    )


def covered_dates(last_year: int = LAST_YEAR) -> st.SearchStrategy[dt.date]:
    """Days in years the official calendar has data for (up to ``last_year``)."""
    return dates(FIRST_YEAR, last_year)
