"""Working-day calendars: official China calendar (调休), calendar days, coverage, user years."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.dates.arrangements import YearArrangement, load_year_arrangement
from hospital_inspection.dates.periods import period_end
from hospital_inspection.errors import DataError
from tests.support.dates import FIRST_YEAR, LAST_YEAR, covered_dates, dates

D = dt.date
OFFICIAL = hi.ChinaOfficialCalendar()
UNCOVERED = LAST_YEAR + 1


def test_both_calendars_satisfy_the_protocol() -> None:
    assert isinstance(OFFICIAL, hi.WorkCalendar)
    assert isinstance(hi.CalendarDays(), hi.WorkCalendar)


def test_2025_national_day_and_make_up_days() -> None:
    october = {D(2025, 10, d): OFFICIAL.is_working_day(D(2025, 10, d)) for d in range(1, 13)}
    assert [d.day for d, working in october.items() if not working] == [1, 2, 3, 4, 5, 6, 7, 8, 12]
    assert OFFICIAL.is_working_day(D(2025, 9, 28))  # Sunday, 调休上班
    assert OFFICIAL.is_working_day(D(2025, 10, 11))  # Saturday, 调休上班
    assert OFFICIAL.next_working_day(D(2025, 9, 30)) == D(2025, 10, 9)
    assert OFFICIAL.previous_working_day(D(2025, 10, 9)) == D(2025, 9, 30)
    assert OFFICIAL.add_working_days(D(2025, 9, 30), 3) == D(2025, 10, 11)
    assert OFFICIAL.count_working_days(D(2025, 9, 30), D(2025, 10, 13)) == 4
    assert OFFICIAL.count_working_days(D(2025, 10, 13), D(2025, 9, 30)) == -4


def test_erratum_2005_12_31_make_up_working_saturday() -> None:
    import chinese_calendar

    # The data package says rest; the 2006 notice (国办发明电〔2005〕35号) says 上班.
    assert not chinese_calendar.is_workday(D(2005, 12, 31))
    assert OFFICIAL.is_working_day(D(2005, 12, 31))
    assert OFFICIAL.next_working_day(D(2005, 12, 30)) == D(2005, 12, 31)
    assert OFFICIAL.next_working_day(D(2005, 12, 31)) == D(2006, 1, 4)


def test_working_days_across_year_boundaries() -> None:
    assert OFFICIAL.next_working_day(D(2024, 12, 31)) == D(2025, 1, 2)
    assert OFFICIAL.previous_working_day(D(2025, 1, 2)) == D(2024, 12, 31)
    start, end = D(2010, 6, 1), D(2020, 6, 1)
    brute = sum(
        OFFICIAL.is_working_day(start + dt.timedelta(days=i))
        for i in range(1, (end - start).days + 1)
    )
    assert OFFICIAL.count_working_days(start, end) == brute
    assert OFFICIAL.add_working_days(start, brute) == OFFICIAL.previous_working_day(
        end + dt.timedelta(days=1)
    )


def test_a_year_without_data_raises_with_the_year_and_the_covered_range() -> None:
    with pytest.raises(hi.CalendarCoverageError) as info:
        OFFICIAL.is_working_day(D(UNCOVERED, 3, 1))
    message = str(info.value)
    assert str(UNCOVERED) in message
    assert f"{FIRST_YEAR}-{LAST_YEAR}" in message
    assert isinstance(info.value, LookupError)
    with pytest.raises(hi.CalendarCoverageError, match=str(FIRST_YEAR - 1)):
        OFFICIAL.is_working_day(D(FIRST_YEAR - 1, 12, 31))
    with pytest.raises(hi.CalendarCoverageError):
        OFFICIAL.next_working_day(D(LAST_YEAR, 12, 31))
    with pytest.raises(hi.CalendarCoverageError):
        period_end(D(UNCOVERED, 1, 5), 1, calendar=OFFICIAL, roll_forward=True)
    # Without Art. 203 no calendar is consulted, so no data are needed.
    assert period_end(D(UNCOVERED, 1, 5), 1, calendar=OFFICIAL).date == D(UNCOVERED, 2, 5)


def test_provisional_fallback_marks_results() -> None:
    cal = hi.ChinaOfficialCalendar(provisional_fallback=True)
    year = 2098
    saturday = next(D(year, 1, d) for d in range(1, 8) if D(year, 1, d).weekday() == 5)
    assert not cal.is_working_day(saturday)
    assert cal.is_working_day(saturday - dt.timedelta(days=1))
    assert cal.is_provisional(saturday)
    assert not cal.is_provisional(D(2025, 5, 5))
    deadline = period_end(saturday - dt.timedelta(days=62), 2, calendar=cal, roll_forward=True)
    assert deadline.provisional
    assert "PROVISIONAL" in str(deadline)
    official = period_end(D(2025, 3, 15), 2, calendar=cal, roll_forward=True)
    assert not official.provisional
    spanning = period_end(D(LAST_YEAR, 10, 31), 2, calendar=cal, roll_forward=True)
    assert spanning.provisional == (
        spanning.rolled_from is not None and spanning.date.year > LAST_YEAR
    )
    assert "provisional" in cal.source(year)


def _write(path: pathlib.Path, text: str) -> pathlib.Path:
    path.write_text(text, encoding="utf-8")
    return path


FICTIONAL_2099 = """\
year = 2099
source = "fictional arrangement for tests (not a real notice)"
holidays = [2099-01-01, "2099-01-02", 2099-01-03, 2099-01-05]
workdays = ["2099-01-10"]
"""


def test_user_supplied_year(tmp_path: pathlib.Path) -> None:
    path = _write(tmp_path / "2099.toml", FICTIONAL_2099)
    arrangement = load_year_arrangement(path)
    assert arrangement.year == 2099
    assert D(2099, 1, 2) in arrangement.holidays
    cal = hi.ChinaOfficialCalendar(arrangements=[path])
    assert not cal.is_working_day(D(2099, 1, 1))  # Thursday, holiday
    assert not cal.is_working_day(D(2099, 1, 5))  # Monday, holiday
    assert cal.is_working_day(D(2099, 1, 10))  # Saturday, make-up working day
    assert cal.next_working_day(D(2099, 1, 1)) == D(2099, 1, 6)
    assert not cal.is_provisional(D(2099, 1, 10))
    assert 2099 in cal.covered_years
    assert "fictional" in cal.source(2099)
    with pytest.raises(hi.CalendarCoverageError, match="2099 \\(user-supplied\\)"):
        cal.is_working_day(D(2098, 1, 1))
    assert hi.ChinaOfficialCalendar(arrangements=[arrangement]).is_working_day(D(2099, 1, 10))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            FICTIONAL_2099.replace('"2099-01-02"', '"2099-02-30"'),
            "holidays: '2099-02-30' is not a date",
        ),
        (FICTIONAL_2099.replace("2099-01-05", "2098-12-31"), "holidays: 2098-12-31 is not in 2099"),
        (FICTIONAL_2099.replace('["2099-01-10"]', '["2099-01-03"]'), "2099-01-03 is in both"),
        (FICTIONAL_2099.replace('["2099-01-10"]', '["2099-01-12"]'), "2099-01-12 is a weekday"),
        (FICTIONAL_2099.replace("workdays", "workday"), "workday: unknown key"),
        (FICTIONAL_2099.replace("year = 2099\n", ""), "year: missing"),
        (FICTIONAL_2099.replace("year = 2099", 'year = "2099"'), "expected an integer"),
        (FICTIONAL_2099.replace('workdays = ["2099-01-10"]', "workdays = 3"), "not a list"),
        ("year = ", "not valid TOML"),
    ],
)
def test_bad_year_files_name_the_file_and_the_key(
    tmp_path: pathlib.Path, text: str, expected: str
) -> None:
    path = _write(tmp_path / "bad.toml", text)
    with pytest.raises(DataError) as info:
        load_year_arrangement(path)
    assert expected in str(info.value)
    assert str(path) in str(info.value)


def test_missing_file_and_duplicate_years(tmp_path: pathlib.Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        load_year_arrangement(tmp_path / "absent.toml")
    path = _write(tmp_path / "2099.toml", FICTIONAL_2099)
    with pytest.raises(DataError, match="two arrangements for 2099"):
        hi.ChinaOfficialCalendar(arrangements=[path, path])


def test_year_arrangement_validates_on_construction() -> None:
    with pytest.raises(DataError, match="is not in 2099"):
        YearArrangement(year=2099, source="x", holidays=[D(2098, 1, 1)])


def test_datetimes_are_refused() -> None:
    for cal in (OFFICIAL, hi.CalendarDays()):
        with pytest.raises(DataError, match="is a datetime"):
            cal.is_working_day(dt.datetime(2025, 1, 1, 12))  # type: ignore[arg-type]
        with pytest.raises(DataError, match="not an integer"):
            cal.add_working_days(D(2025, 1, 1), "3")  # type: ignore[arg-type]


# --- properties --------------------------------------------------------------------------------

#: The two calendars, as a parametrization (a small finite set is enumerated, not sampled).
CALENDARS = pytest.mark.parametrize("cal", [OFFICIAL, hi.CalendarDays()], ids=["official", "days"])


INNER = st.one_of(covered_dates(), st.just(D(FIRST_YEAR, 1, 1)), st.just(D(LAST_YEAR, 12, 31)))
INNER = INNER.filter(lambda d: FIRST_YEAR < d.year < LAST_YEAR)


@CALENDARS
@given(INNER, st.integers(0, 240))  # stays inside the covered years
def test_adding_then_counting_gives_back_n(cal: hi.WorkCalendar, day: dt.date, n: int) -> None:
    # Art. 201: the start day is not counted, so (day, result] holds exactly n working days.
    result = cal.add_working_days(day, n)
    assert cal.count_working_days(day, result) == n
    if n:
        assert cal.is_working_day(result)
        assert result > day


@CALENDARS
@given(INNER, st.integers(1, 240))
def test_subtracting_working_days(cal: hi.WorkCalendar, day: dt.date, n: int) -> None:
    result = cal.add_working_days(day, -n)
    assert result < day
    assert cal.is_working_day(result)
    # (result, day] holds the n-1 working days strictly between, plus day itself if working.
    assert cal.count_working_days(result, day) == n - 1 + cal.is_working_day(day)
    assert cal.add_working_days(result, n - 1 + cal.is_working_day(day)) == (
        day if cal.is_working_day(day) else cal.previous_working_day(day)
    )


@CALENDARS
@given(INNER)
def test_next_and_previous_working_days(cal: hi.WorkCalendar, day: dt.date) -> None:
    following = cal.next_working_day(day)
    preceding = cal.previous_working_day(day)
    assert preceding < day < following
    assert cal.is_working_day(following)
    assert cal.is_working_day(preceding)
    assert cal.count_working_days(day, following) == 1
    assert cal.count_working_days(preceding, day) == int(cal.is_working_day(day))


@given(covered_dates(), covered_dates(), covered_dates())
def test_counting_is_additive(a: dt.date, b: dt.date, c: dt.date) -> None:
    total = OFFICIAL.count_working_days(a, c)
    assert total == OFFICIAL.count_working_days(a, b) + OFFICIAL.count_working_days(b, c)


@given(dates(1900, 2100), st.integers(-1000, 1000))
def test_calendar_days_are_plain_day_arithmetic(day: dt.date, n: int) -> None:
    cal = hi.CalendarDays()
    assert cal.add_working_days(day, n) == day + dt.timedelta(days=n)
    assert not cal.is_provisional(day)
