"""Month arithmetic and periods (民法典 第二百零一条至第二百零四条): golden cases and properties."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.dates.periods import (
    before,
    by_month_end,
    days_in_month,
    days_period_end,
    month_end,
    on_or_before,
    period_end,
)
from hospital_inspection.errors import DataError, InspectionError
from tests.support.dates import covered_dates, dates, month_ends

D = dt.date
months_st = st.integers(min_value=-1200, max_value=1200)


# --- golden cases -----------------------------------------------------------------------------


def test_contract_example() -> None:
    assert hi.add_months(D(2024, 1, 31), 1, rounding=hi.Rounding.DOWN) == D(2024, 2, 29)
    assert hi.add_months(D(2024, 1, 31), 1, rounding=hi.Rounding.UP) == D(2024, 3, 1)
    with pytest.raises(hi.AmbiguousDateError, match="no day 31"):
        hi.add_months(D(2024, 1, 31), 1, rounding=hi.Rounding.ABORT)


def test_default_rounding_is_down() -> None:
    assert hi.add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2025, 3, 15), D(2025, 5, 15)),  # corresponding day (Art. 201, 202)
        (D(2025, 12, 31), D(2026, 2, 28)),  # no 31 February: month's last day (Art. 202)
        (D(2023, 12, 31), D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), D(2024, 4, 29)),
        (D(2025, 1, 1), D(2025, 3, 1)),
    ],
)
def test_two_month_rectification_period(received: dt.date, due: dt.date) -> None:
    deadline = period_end(received, 2, rule="rectification-report")
    assert deadline.date == due
    assert deadline.trigger == received
    assert deadline.rolled_from is None
    assert not deadline.provisional


def test_roll_forward_out_of_the_2025_national_day_holiday() -> None:
    # 2025-10-01..08 are off; 2025-10-09 (Thursday) is the first working day after them.
    cal = hi.ChinaOfficialCalendar()
    for day in range(1, 9):
        trigger = D(2025, 8, day)
        deadline = period_end(trigger, 2, calendar=cal, roll_forward=True)
        assert deadline.date == D(2025, 10, 9)
        assert deadline.rolled_from == D(2025, 10, day)
        assert deadline.rolled_forward
    # Without Art. 203 the holiday day itself stands.
    assert period_end(D(2025, 8, 3), 2, calendar=cal).date == D(2025, 10, 3)


def test_make_up_working_saturday_is_not_rolled() -> None:
    # 2025-10-11 is a Saturday but an official make-up working day (调休上班).
    deadline = period_end(D(2025, 8, 11), 2, calendar=hi.ChinaOfficialCalendar(), roll_forward=True)
    assert deadline.date == D(2025, 10, 11)
    assert deadline.rolled_from is None


def test_ordinary_sunday_is_rolled_to_monday() -> None:
    deadline = period_end(D(2025, 8, 12), 2, calendar=hi.ChinaOfficialCalendar(), roll_forward=True)
    assert (deadline.rolled_from, deadline.date) == (D(2025, 10, 12), D(2025, 10, 13))


def test_roll_forward_defaults_to_the_official_calendar() -> None:
    assert period_end(D(2025, 8, 3), 2, roll_forward=True).date == D(2025, 10, 9)


def test_calendar_days_never_roll() -> None:
    deadline = period_end(D(2025, 8, 3), 2, calendar=hi.CalendarDays(), roll_forward=True)
    assert deadline.date == D(2025, 10, 3)


def test_day_periods() -> None:
    assert days_period_end(D(2025, 9, 30), 7).date == D(2025, 10, 7)
    rolled = days_period_end(D(2025, 9, 30), 7, roll_forward=True)
    assert (rolled.rolled_from, rolled.date) == (D(2025, 10, 7), D(2025, 10, 9))
    worked = days_period_end(D(2025, 9, 30), 3, working_days=True)
    assert worked.date == D(2025, 10, 11)  # 10-09, 10-10, 10-11 (make-up Saturday)
    assert days_period_end(D(2025, 9, 30), 0).date == D(2025, 9, 30)


def test_fixed_dates() -> None:
    assert by_month_end(2026, 10).date == D(2026, 10, 31)  # 2026年10月底前
    assert by_month_end(2021, 6).date == D(2021, 6, 30)  # 2021年6月底前
    assert by_month_end(2024, 2).trigger is None
    deadline = on_or_before(D(2024, 12, 20))  # 12月20日前: the 20th is on time
    assert deadline.met_by(D(2024, 12, 20))
    assert not deadline.met_by(D(2024, 12, 21))
    entry = before(D(2025, 6, 9))  # 进驻前: strictly before the first on-site day
    assert entry.date == D(2025, 6, 8)
    assert not entry.met_by(D(2025, 6, 9))
    assert before(D(2025, 10, 9), calendar=hi.ChinaOfficialCalendar()).date == D(2025, 9, 30)


def test_fixed_month_end_rolls_only_when_asked() -> None:
    # 2025-05-31 is a Saturday inside the Dragon Boat holiday (05-31..06-02).
    assert by_month_end(2025, 5).date == D(2025, 5, 31)
    assert by_month_end(2025, 5, roll_forward=True).date == D(2025, 6, 3)


def test_month_end_and_days_in_month() -> None:
    assert month_end(2100, 2) == D(2100, 2, 28)
    assert month_end(2000, 2) == D(2000, 2, 29)
    assert [days_in_month(2025, m) for m in range(1, 13)] == [
        31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]  # fmt: skip
    with pytest.raises(DataError):
        month_end(2025, 13)


def test_rounding_parses_codes_and_labels() -> None:
    assert hi.Rounding.parse("down") is hi.Rounding.DOWN
    assert hi.Rounding.parse("月末日") is hi.Rounding.DOWN
    assert hi.add_months(D(2024, 1, 31), 1, rounding="up") == D(2024, 3, 1)  # type: ignore[arg-type]
    with pytest.raises(DataError, match="not a rounding"):
        hi.add_months(D(2024, 1, 31), 1, rounding="sideways")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "bad",
    [dt.datetime(2025, 3, 15, 10, 0), "2025-03-15", 20250315, None],
)
def test_non_dates_are_refused(bad: object) -> None:
    with pytest.raises(DataError, match=r"expected a datetime\.date"):
        hi.add_months(bad, 1)  # type: ignore[arg-type]
    with pytest.raises(DataError, match=r"expected a datetime\.date"):
        period_end(bad, 1)  # type: ignore[arg-type]


def test_bad_counts_are_refused() -> None:
    with pytest.raises(DataError, match="not an integer"):
        hi.add_months(D(2025, 1, 1), True)
    with pytest.raises(DataError, match="not an integer"):
        hi.add_months(D(2025, 1, 1), 1.0)  # type: ignore[arg-type]
    with pytest.raises(DataError, match="0 or more months"):
        period_end(D(2025, 1, 1), -1)
    with pytest.raises(DataError, match="0 or more days"):
        days_period_end(D(2025, 1, 1), -1)
    with pytest.raises(DataError, match="outside the years"):
        hi.add_months(D(9999, 12, 1), 1)
    with pytest.raises(DataError, match="roll_forward"):
        period_end(D(2025, 1, 1), 1, roll_forward="yes")  # type: ignore[arg-type]


def test_errors_are_inspection_errors() -> None:
    with pytest.raises(InspectionError):
        hi.add_months(D(2024, 1, 31), 1, rounding=hi.Rounding.ABORT)
    with pytest.raises(ValueError, match="no day 31"):
        hi.add_months(D(2024, 1, 31), 1, rounding=hi.Rounding.ABORT)


# --- properties (after Catala's dates_calc proofs) -----------------------------------------------


def _exists(day: dt.date, months: int) -> bool:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return day.day <= days_in_month(year, month0 + 1)


@pytest.mark.parametrize("rounding", list(hi.Rounding))
@given(dates(), st.integers(0, 1200))
def test_due_date_is_never_before_the_trigger(
    rounding: hi.Rounding, day: dt.date, months: int
) -> None:
    if rounding is hi.Rounding.ABORT and not _exists(day, months):
        with pytest.raises(hi.AmbiguousDateError):
            hi.add_months(day, months, rounding=rounding)
    else:
        assert hi.add_months(day, months, rounding=rounding) >= day


@pytest.mark.parametrize("rounding", [hi.Rounding.DOWN, hi.Rounding.UP])
@given(dates(), dates(), months_st)
def test_month_addition_is_monotonic(
    rounding: hi.Rounding, a: dt.date, b: dt.date, months: int
) -> None:
    a, b = min(a, b), max(a, b)
    assert hi.add_months(a, months, rounding=rounding) <= hi.add_months(
        b, months, rounding=rounding
    )


@given(dates(), st.integers(0, 600), st.integers(0, 600))
def test_monotonic_in_the_number_of_months(day: dt.date, m: int, n: int) -> None:
    m, n = min(m, n), max(m, n)
    assert hi.add_months(day, m) <= hi.add_months(day, n)


@given(dates(), months_st)
def test_round_up_minus_round_down_is_zero_or_one_day(day: dt.date, months: int) -> None:
    up = hi.add_months(day, months, rounding=hi.Rounding.UP)
    down = hi.add_months(day, months, rounding=hi.Rounding.DOWN)
    assert (up - down).days in (0, 1)
    assert (up == down) == _exists(day, months)


@given(dates(), months_st)
def test_abort_raises_exactly_when_the_day_does_not_exist(day: dt.date, months: int) -> None:
    if _exists(day, months):
        result = hi.add_months(day, months, rounding=hi.Rounding.ABORT)
        assert result.day == day.day
        assert (result.year - day.year) * 12 + result.month - day.month == months
    else:
        with pytest.raises(hi.AmbiguousDateError):
            hi.add_months(day, months, rounding=hi.Rounding.ABORT)


@given(month_ends(), months_st)
def test_round_down_keeps_month_ends_in_the_target_month(day: dt.date, months: int) -> None:
    result = hi.add_months(day, months)
    assert (result.year - day.year) * 12 + result.month - day.month == months
    assert result.day == min(day.day, days_in_month(result.year, result.month))


@given(covered_dates(last_year=2025), st.integers(0, 11))
def test_roll_forward_lands_on_a_working_day_not_earlier(trigger: dt.date, months: int) -> None:
    cal = hi.ChinaOfficialCalendar()
    plain = period_end(trigger, months)
    rolled = period_end(trigger, months, calendar=cal, roll_forward=True)
    assert cal.is_working_day(rolled.date)
    assert rolled.date >= plain.date >= trigger
    assert (rolled.rolled_from is None) == (rolled.date == plain.date)
    if rolled.rolled_from is not None:
        assert rolled.rolled_from == plain.date
        # Nothing between the unrolled day and the rolled one is a working day.
        assert cal.count_working_days(plain.date, rolled.date) == 1
