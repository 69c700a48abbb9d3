"""The policy adapter asks the policy, and only the policy, for its figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest

import hospital_inspection as hi
from hospital_inspection.scheduling import schedule, schedule_request, solve, verify
from tests.support.scheduling import FakePolicy, Weekdays

START = dt.date(2025, 3, 3)
END = dt.date(2025, 6, 30)


def world() -> hi.SampleData:
    return hi.sample_data("weihai")


def policy(**kw: object) -> FakePolicy:
    options: dict[str, object] = {"days": 4, "end": END, "share": Fraction(2, 5)}
    options.update(kw)
    return FakePolicy(**options)  # type: ignore[arg-type]


def test_requirements_follow_the_policy() -> None:
    data = world()
    p = policy()
    req = schedule_request(data.hospitals, data.experts, p, authorities=data.authorities,
                           start=START, calendar=Weekdays(), team_size=5)  # fmt: skip
    assert req.deadline == END
    assert req.policy == "fake-policy"
    assert len(req.requirements) == len(data.hospitals)
    tree = data.authority_tree()
    for r in req.requirements:
        assert r.min_days == 4
        assert r.day_unit is hi.DayUnit.WORKING
        assert r.team_size == 5
        district = tree[r.authority].level is hi.AuthorityLevel.DISTRICT
        assert r.min_external == (2 if district else 0)  # ceil(5 * 2/5), from the fake policy
        assert (r.region is not None) == district
    assert "min_external_experts(5)" in p.calls


def test_scope_reference_and_out_of_scope() -> None:
    data = world()

    def status(h: hi.Hospital) -> hi.ScopeStatus:
        return [hi.ScopeStatus.IN_SCOPE, hi.ScopeStatus.REFERENCE, hi.ScopeStatus.OUT_OF_SCOPE][
            int(h.id[-1]) % 3 if h.id[-1].isdigit() else 0
        ]

    kw = {"authorities": data.authorities, "start": START, "calendar": Weekdays()}
    base = schedule_request(data.hospitals, data.experts, policy(status=status), **kw)  # type: ignore[arg-type]
    more = schedule_request(data.hospitals, data.experts, policy(status=status),
                            include_reference=True, **kw)  # type: ignore[arg-type]  # fmt: skip
    in_scope = {h.id for h in data.hospitals if status(h) is hi.ScopeStatus.IN_SCOPE}
    reference = {h.id for h in data.hospitals if status(h) is hi.ScopeStatus.REFERENCE}
    assert {r.hospital for r in base.requirements} == in_scope
    assert {r.hospital for r in more.requirements} == in_scope | reference


def test_day_unit_comes_from_the_decision_or_the_caller() -> None:
    data = world()
    kw = {"authorities": data.authorities, "start": START, "calendar": Weekdays()}
    cal = schedule_request(data.hospitals, data.experts, policy(day_unit="calendar"), **kw)  # type: ignore[arg-type]
    assert {r.day_unit for r in cal.requirements} == {hi.DayUnit.CALENDAR}
    over = schedule_request(data.hospitals, data.experts, policy(day_unit="calendar"),
                            day_unit="working", **kw)  # type: ignore[arg-type]  # fmt: skip
    assert {r.day_unit for r in over.requirements} == {hi.DayUnit.WORKING}


def test_schedule_returns_a_verified_plan_on_the_sample() -> None:
    data = world()
    p = policy()
    kw = {"authorities": data.authorities, "start": START, "calendar": Weekdays(),
          "team_size": 3, "need_leader": False}  # fmt: skip
    plan = schedule(data.hospitals, data.experts, p, **kw)  # type: ignore[arg-type]
    request = schedule_request(data.hospitals, data.experts, p, **kw)  # type: ignore[arg-type]
    assert verify(plan, request) == []
    assert plan == solve(request).plan
    assert plan.policy == "fake-policy"
    assert plan.id == "fake-policy-plan"
    assert plan.authority in {a.id for a in data.authorities}


def test_missing_calendar_layer_is_reported() -> None:
    data = world()
    try:
        import hospital_inspection.dates.calendars  # noqa: F401
    except ImportError:
        with pytest.raises(hi.InspectionError, match="pass calendar="):
            schedule_request(data.hospitals, data.experts, policy(),
                             authorities=data.authorities, start=START)  # fmt: skip
