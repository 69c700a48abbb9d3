"""Properties of plans made under an office's constraints: availability, caps, rest days,
pinned visits, medical groups and notice; each checked on the plan directly."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import hypothesis.strategies as st
from hypothesis import HealthCheck, assume, given, settings

import hospital_inspection as hi
from hospital_inspection.scheduling import ScheduleRequest, ScheduleResult, solve, verify
from tests.support.office import START, days, outings, working_between, worlds

SETTINGS = settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def solved(request: ScheduleRequest) -> ScheduleResult:
    try:
        return solve(request)
    except hi.InfeasibleScheduleError as exc:
        message = str(exc)
    assert message.startswith("no schedule"), message
    assume(False)
    raise AssertionError("unreachable: assume(False) rejects the example")


@SETTINGS
@given(worlds())
def test_every_plan_keeps_every_constraint(request: ScheduleRequest) -> None:
    result = solved(request)
    plan = result.plan
    assert verify(plan, request) == []
    people = {e.id: e for e in request.experts}
    # nobody serves on a day they are unavailable
    for v in plan.visits:
        on_site = set(days(v.first_day, v.last_day))
        for person in v.people:
            assert not on_site & request.blocked(people[person]), (v, person)
        assert not on_site & request.hospital_blackout.get(v.hospital, frozenset())
    # caps and rest days, over the distinct stretches each person is on site
    for person, stretches in outings(plan).items():
        worked = [d for a, b in stretches for d in days(a, b) if d.weekday() < 5]
        if request.max_days_per_person is not None:
            assert len(worked) <= request.max_days_per_person
        if request.max_days_per_person_per_year is not None:
            for year in {d.year for d in worked}:
                n = sum(1 for d in worked if d.year == year)
                assert n <= request.max_days_per_person_per_year
        for (_, last), (first, _) in itertools.pairwise(stretches):
            assert first > last, person  # no overlap
            assert working_between(last, first) >= request.min_rest_days
    # a medical group's visits share their window and team
    by_id = {v.id: v for v in plan.visits}
    for r in request.requirements:
        if r.group is None:
            continue
        mates = [by_id[x.id] for x in request.requirements if x.group == r.group]
        assert {(v.first_day, v.last_day, frozenset(v.team)) for v in mates} == {
            (mates[0].first_day, mates[0].last_day, frozenset(mates[0].team))
        }
    # no visit starts before the notice
    opens = [d for d in days(START, START + dt.timedelta(days=60)) if d.weekday() < 5][
        request.notice_days
    ]
    assert all(v.first_day >= opens for v in plan.visits)
    assert result.stats.value >= result.stats.bound >= 0


@SETTINGS
@given(worlds(objective="earliest"), st.data())
def test_pinned_visits_are_kept_exactly(request: ScheduleRequest, data: st.DataObject) -> None:
    first = solved(request)
    chosen = data.draw(st.sets(st.sampled_from([v.id for v in first.plan.visits])))
    pins = [v for v in first.plan.visits if v.id in chosen]
    # shift the rest later so the pins are the only thing tying the new plan to the old one
    again = solved(attrs.evolve(request, pinned=pins))
    by_id = {v.id: v for v in again.plan.visits}
    for v in pins:
        assert by_id[v.id] == v
    assert verify(again.plan, attrs.evolve(request, pinned=pins)) == []
    assert again.notes == ()


def test_a_pinned_visit_that_breaks_a_rule_is_reported_not_moved() -> None:
    from tests.support.office import Weekdays

    req = hi.scheduling.VisitRequirement(
        hospital="H1", authority="a", region=None, min_days=3, team_size=1, need_leader=False
    )
    bad = hi.Visit(
        id=req.id, hospital="H1", authority="a", first_day=dt.date(2025, 9, 1),
        last_day=dt.date(2025, 9, 1), team=[hi.Member(person="E1")],
    )  # fmt: skip
    request = ScheduleRequest(
        requirements=[req], experts=[hi.Expert(id="E1", name="某", home_region="a")],
        calendar=Weekdays(), start=dt.date(2025, 9, 1), deadline=dt.date(2025, 12, 31),
        pinned=[bad],
    )  # fmt: skip
    result = solve(request)
    assert result.plan.visits == (bad,)
    assert result.notes == ("visit 'H1-regular': 1 working days on site; at least 3 required",)
