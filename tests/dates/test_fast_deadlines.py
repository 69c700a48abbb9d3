"""The fast deadline path (per-year index, memoised decisions) gives today's answers and errors.

``reference_due`` below is the pre-issue-14 computation written from first principles: month
arithmetic by hand (民法典 第二百零二条), then a day-by-day walk over the year arrangements
(第二百零三条), raising :class:`CalendarCoverageError` on the first day of a year without data,
exactly where the old calendar raised. The library's answers, first call and memoised repeat, are
compared with it on every day of 2004–2026.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.dates.arrangements import package_arrangements
from hospital_inspection.policy import DeadlineRule

D = dt.date
FIRST, LAST = D(2004, 1, 1), D(2026, 12, 31)
EVERY_DAY = [FIRST + dt.timedelta(days=i) for i in range((LAST - FIRST).days + 1)]
COVERED = set(package_arrangements())


def official_working(day: dt.date, *, fallback: bool = False) -> bool:
    arrangement = package_arrangements().get(day.year)
    if arrangement is None:
        if not fallback:
            raise hi.CalendarCoverageError(f"no official working-day data for {day.year}")
        return day.weekday() < 5
    return arrangement.is_working_day(day)


def reference_due(
    received: dt.date, months: int, roll: bool, working: Callable[[dt.date], bool] | None
) -> tuple[dt.date, dt.date | None]:
    """(due date, the unmoved day when rolled forward), or raises CalendarCoverageError."""
    year, month0 = divmod(received.year * 12 + received.month - 1 + months, 12)
    last = _calendar.monthrange(year, month0 + 1)[1]
    due = D(year, month0 + 1, min(received.day, last))
    if not roll or working is None:
        return due, None
    if working(due):
        return due, None
    day = due + dt.timedelta(days=1)
    while not working(day):
        day += dt.timedelta(days=1)
    return day, due


def outcome(call: Callable[[], hi.Decision[hi.Deadline]]) -> object:
    try:
        decision = call()
    except hi.InspectionError as exc:
        return type(exc).__name__
    return (decision.value, decision.rule, decision.citation, decision.strength)


@pytest.fixture(scope="module")
def weihai() -> hi.Policy:
    return hi.load_policy("weihai-2024-2026")


def rectification_rule(policy: hi.Policy) -> DeadlineRule:
    rule = policy.rule(policy.rectification_due(D(2025, 1, 1)).rule)
    assert isinstance(rule, DeadlineRule) and rule.months is not None
    return rule


@pytest.mark.parametrize("roll_forward", [None, True, False])
@pytest.mark.parametrize("which", ["default", "official", "fallback", "calendar-days"])
def test_every_day_of_2004_to_2026_matches_the_reference(
    weihai: hi.Policy, roll_forward: bool | None, which: str
) -> None:
    rule = rectification_rule(weihai)
    months = rule.months
    assert months is not None
    roll = bool(rule.roll_forward) if roll_forward is None else roll_forward
    calendar: hi.WorkCalendar | None
    if which == "default":
        calendar, working = None, official_working
    elif which == "official":
        calendar, working = hi.ChinaOfficialCalendar(), official_working
    elif which == "fallback":
        calendar = hi.ChinaOfficialCalendar(provisional_fallback=True)

        def working(day: dt.date) -> bool:
            return official_working(day, fallback=True)
    else:
        calendar, working = hi.CalendarDays(), (lambda day: True)
    raised = 0
    for received in EVERY_DAY:
        try:
            due, rolled_from = reference_due(received, months, roll, working)
        except hi.CalendarCoverageError:
            expected: object = "CalendarCoverageError"
            raised += 1
        else:
            touched = range(due.year if rolled_from is None else rolled_from.year, due.year + 1)
            provisional = which == "fallback" and roll and any(y not in COVERED for y in touched)
            deadline = hi.Deadline(
                date=due,
                rule=rule.id,
                citation=rule.cite,
                trigger=received,
                rolled_from=rolled_from,
                provisional=provisional,
            )
            expected = (deadline, rule.id, rule.cite, rule.strength)

        def ask(received: dt.date = received) -> hi.Decision[hi.Deadline]:
            return weihai.rectification_due(received, calendar=calendar, roll_forward=roll_forward)

        assert outcome(ask) == expected, received
        assert outcome(ask) == expected, f"{received} (asked again: memoised)"
    # Rolling forward from late 2026 needs 2027's arrangement: the error must still come.
    assert (raised > 0) == (roll and which in ("default", "official"))


@given(
    received=st.dates(D(1995, 1, 1), D(2035, 12, 31)),
    roll_forward=st.sampled_from([None, True, False]),
    fallback=st.booleans(),
)
def test_memoised_answers_equal_the_unmemoised_computation(
    received: dt.date, roll_forward: bool | None, fallback: bool
) -> None:
    policy = hi.load_policy("weihai-2024-2026")
    rule = rectification_rule(policy)
    assert rule.months is not None
    calendar = hi.ChinaOfficialCalendar(provisional_fallback=fallback)
    roll = bool(rule.roll_forward) if roll_forward is None else roll_forward

    def direct() -> hi.Deadline:
        return hi.period_end(received, rule.months or 0, calendar=calendar, roll_forward=roll,
                             rule=rule.id, citation=rule.cite)  # fmt: skip

    try:
        expected: object = direct()
    except hi.CalendarCoverageError as exc:
        expected = str(exc)
    for _ in range(2):  # the second call is answered from the memo
        try:
            got: object = policy.rectification_due(
                received, calendar=calendar, roll_forward=roll_forward
            ).value
        except hi.CalendarCoverageError as exc:
            got = str(exc)
        assert got == expected


def test_a_memoised_answer_never_hides_a_bad_argument(weihai: hi.Policy) -> None:
    weihai.rectification_due(D(2025, 8, 1), roll_forward=True)
    for _ in range(2):
        with pytest.raises(hi.DataError, match="roll_forward"):
            weihai.rectification_due(D(2025, 8, 1), roll_forward=1)  # type: ignore[arg-type]
        with pytest.raises(hi.DataError, match="received"):
            weihai.rectification_due(dt.datetime(2025, 8, 1))


class _Counting:
    """A user's own calendar (weekends off) that counts how often it is asked."""

    def __init__(self) -> None:
        self.asked = 0
        self._inner = hi.CalendarDays()

    def is_working_day(self, day: dt.date) -> bool:
        self.asked += 1
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        raise NotImplementedError

    def add_working_days(self, day: dt.date, days: int) -> dt.date:
        raise NotImplementedError

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        raise NotImplementedError

    def is_provisional(self, start: dt.date, end: dt.date | None = None) -> bool:
        return False


def test_a_users_own_calendar_is_asked_every_time(weihai: hi.Policy) -> None:
    calendar = _Counting()
    for _ in range(3):
        weihai.rectification_due(D(2025, 8, 1), calendar=calendar, roll_forward=True)
    assert calendar.asked == 3


def test_next_working_day_index_matches_the_walk() -> None:
    calendar = hi.ChinaOfficialCalendar()
    for day in EVERY_DAY[:-1]:
        walk = day + dt.timedelta(days=1)
        while not official_working(walk):
            walk += dt.timedelta(days=1)
        assert calendar.next_working_day(day) == walk, day
