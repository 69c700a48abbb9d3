"""Every plan our office's tools produce passes the Weihai policy's checks.

An example of a user's own test module (shown in the how-to guide "Check a plan in your own
test suite"). ``plan_round`` stands for your code: here, the office's choices around
``hi.schedule``; it could as well be an importer of the office's spreadsheet.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import testing as hit

POLICY = hi.load_policy("weihai-2024-2026")
OFFICE_CLOSED = frozenset({dt.date(2025, 6, 18), dt.date(2026, 6, 17)})  # the office's own


def plan_round(
    hospitals: tuple[hi.Hospital, ...],
    experts: tuple[hi.Expert, ...],
    authorities: tuple[hi.Authority, ...],
    start: dt.date,
) -> hi.Plan:
    """The code under test: teams of three, no visit on a day the office is closed."""
    return hi.schedule(
        hospitals,
        experts,
        POLICY,
        authorities=authorities,
        start=start,
        team_size=3,
        blackout=OFFICE_CLOSED,
    )


def check(plan: hi.Plan, world: hit.Instance | hi.SampleData) -> hi.ComplianceReport:
    return hi.check_plan(
        plan,
        POLICY,
        hospitals=world.hospitals,
        experts=world.experts,
        authorities=world.authorities,
    )


def test_the_sample_round_has_no_issue_at_all() -> None:
    data = hi.sample_data("weihai")
    plan = plan_round(data.hospitals, data.experts, data.authorities, dt.date(2025, 6, 2))
    report = check(plan, data)
    assert report.issues == (), report.render()  # render() names each clause broken
    assert not any(v.first_day <= day <= v.last_day for v in plan.visits for day in OFFICE_CLOSED)


@settings(max_examples=25)  # each example schedules a whole round
@given(
    world=hit.instances(max_hospitals=8, min_experts=6, max_experts=24),
    start=st.dates(dt.date(2025, 1, 1), dt.date(2026, 3, 31)),
)
def test_any_round_we_plan_breaks_no_rule(world: hit.Instance, start: dt.date) -> None:
    try:
        plan = plan_round(world.hospitals, world.experts, world.authorities, start)
    except hi.InfeasibleScheduleError as exc:
        # Too few people in this world for teams of three: the error names what binds.
        message = str(exc)
        assert message.startswith(("no schedule exists", "no schedule found")), message
        assert "needs" in message or "tightest constraint" in message, message
        assume(False)  # nothing more to check in this world
    report = check(plan, world)
    assert report.ok, report.render()  # no mandatory rule (应当) broken
    assert report.warnings == (), report.render()  # nor an in-principle one (原则上)


def test_the_check_catches_a_visit_cut_short() -> None:
    """A guard against a check that passes everything: break a plan on purpose."""
    data = hi.sample_data("weihai")
    plan = plan_round(data.hospitals, data.experts, data.authorities, dt.date(2025, 6, 2))
    first, *rest = plan.visits
    cut = attrs.evolve(plan, visits=[attrs.evolve(first, last_day=first.first_day), *rest])
    (issue,) = check(cut, data).warnings
    assert issue.check == "visit_too_short" and issue.hospital == first.hospital
    assert issue.citation is not None and issue.citation.clause == "四、"
