"""Properties of the day periods and relative deadlines (民法典 第二百零一条至第二百零三条)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.dates.periods import days_before, days_period_end
from hospital_inspection.policy import DeadlineKind, DeadlineRule
from tests.support.policies import all_variants, policy, variant_id

CAL = hi.ChinaOfficialCalendar()
SHILI = "example-shili-2025-2027"
days_in_data = st.dates(min_value=dt.date(2006, 1, 1), max_value=dt.date(2025, 10, 1))
short = st.integers(min_value=1, max_value=60)


def _working_between(first: dt.date, last: dt.date) -> int:
    """Working days d with first <= d <= last, counted one by one (no shortcut)."""
    n, d = 0, first
    while d <= last:
        n += CAL.is_working_day(d)
        d += dt.timedelta(days=1)
    return n


@given(days_in_data, short)
def test_a_working_day_period_counts_only_working_days(trigger: dt.date, n: int) -> None:
    due = days_period_end(trigger, n, working_days=True).date
    assert due > trigger  # never before (nor on) its trigger: counting starts the next day
    assert CAL.is_working_day(due)
    assert _working_between(trigger + dt.timedelta(days=1), due) == n


@given(days_in_data, short)
def test_a_calendar_day_period_ends_n_days_later(trigger: dt.date, n: int) -> None:
    plain = days_period_end(trigger, n)
    assert (plain.date - trigger).days == n
    rolled = days_period_end(trigger, n, roll_forward=True)
    assert rolled.date >= plain.date and CAL.is_working_day(rolled.date)
    assert (rolled.rolled_from is None) == CAL.is_working_day(plain.date)


@given(days_in_data, short)
def test_n_working_days_before_an_event(event: dt.date, n: int) -> None:
    due = days_before(event, n, working_days=True).date
    assert due < event
    assert CAL.is_working_day(due)
    assert _working_between(due, event - dt.timedelta(days=1)) == n


@given(days_in_data, days_in_data)
def test_the_rectification_deadline_never_precedes_receipt_and_keeps_order(
    a: dt.date, b: dt.date
) -> None:
    sl = policy(SHILI)
    early, late = sorted((a, b))
    due_early = sl.rectification_due(early).value.date
    due_late = sl.rectification_due(late).value.date
    assert due_early > early and due_late > late
    assert due_early <= due_late


@given(days_in_data)
def test_due_is_the_shortcut_s_general_form(received: dt.date) -> None:
    for pid in ("weihai-2024-2026", SHILI):
        p = policy(pid)
        assert (
            p.rectification_due(received).value == p.due("rectification_report", on=received).value
        )


def _deadline_rules() -> list[tuple[hi.Policy, DeadlineRule]]:
    """Each distinct relative or before-event rule of every policy under every reading, once."""
    found: dict[DeadlineRule, hi.Policy] = {}
    for p in all_variants():
        for r in p.rules.values():
            if isinstance(r, DeadlineRule) and r.form in (
                DeadlineKind.RELATIVE,
                DeadlineKind.BEFORE_EVENT,
            ):
                found.setdefault(r, p)
    return [(p, r) for r, p in found.items()]


def _id(x: object) -> str:
    return variant_id(x) if isinstance(x, hi.Policy) else str(getattr(x, "id", x))


@pytest.mark.parametrize(("variant", "rule"), _deadline_rules(), ids=_id)
@given(on=days_in_data)
def test_a_deadline_is_never_before_its_trigger_nor_after_the_event_it_precedes(
    variant: hi.Policy, rule: DeadlineRule, on: dt.date
) -> None:
    due = variant.due_by_rule(rule.id, on=on).value.date
    if rule.form is DeadlineKind.RELATIVE:
        assert due > on
    else:
        assert due < on if rule.strict or rule.days else due <= on
