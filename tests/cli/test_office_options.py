"""The office options' parsers: every well-formed value reads back, every malformed one is a
DataError naming the option."""

from __future__ import annotations

import argparse
import datetime as dt
from fractions import Fraction

import hypothesis.strategies as st
import pytest
from hypothesis import given

import hospital_inspection as hi
from hospital_inspection.cli._office_options import keyed, objective_options

DATES = st.dates(dt.date(2024, 1, 1), dt.date(2027, 12, 31))
START, DEADLINE = dt.date(2025, 3, 3), dt.date(2026, 10, 31)


@given(DATES, DATES, st.sampled_from(["WE007", "E 07", "张三"]))
def test_a_range_reads_back_or_is_refused(a: dt.date, b: dt.date, person: str) -> None:
    text = f"{person}:{a}..{b}"
    if b < a:
        with pytest.raises(hi.DataError, match=r"--unavailable .*the range ends before it starts"):
            keyed("--unavailable", text)
    else:
        assert keyed("--unavailable", text) == (person, a, b)
    assert keyed("--unavailable", f"{person}:{a}") == (person, a, a)
    assert keyed("--unavailable", f"{person}:{a}..") == (person, a, None)


def args(per_year: list[str], objective: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(per_year=per_year, objective=objective)


@given(st.integers(1, 99), st.sampled_from([":", "="]), st.booleans())
def test_shares_that_add_up_to_one_are_taken(percent: int, sep: str, repeated: bool) -> None:
    first, second = f"2025{sep}{percent / 100}", f"2026{sep}{(100 - percent) / 100}"
    given_ = [first, second] if repeated else [f"{first},{second}"]
    out = objective_options(args(given_), start=START, deadline=DEADLINE)
    assert out["objective"] == "spread"
    assert out["per_year"] == {2025: Fraction(percent, 100), 2026: Fraction(100 - percent, 100)}


@given(st.integers(-50, 150).filter(lambda p: not 0 <= p <= 100))
def test_a_share_outside_zero_to_one_is_refused(percent: int) -> None:
    with pytest.raises(hi.DataError, match=r"--per-year .*expected YEAR:SHARE"):
        objective_options(args([f"2025:{percent / 100},2026:0"]), start=START, deadline=DEADLINE)


@given(st.integers(1900, 2999).filter(lambda y: not 2025 <= y <= 2026))
def test_a_year_outside_the_round_is_refused(year: int) -> None:
    with pytest.raises(hi.DataError, match=f"--per-year: the year {year} is outside the round"):
        objective_options(args([f"{year}:1"]), start=START, deadline=DEADLINE)
