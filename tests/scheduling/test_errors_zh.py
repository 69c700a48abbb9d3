"""The scheduler's input errors in Chinese for a front end; their English ``str()`` as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.scheduling import _adapter, notes
from hospital_inspection.scheduling._model import ScheduleRequest, VisitRequirement
from hospital_inspection.scheduling._repair import HospitalMoves, PersonUnavailable, reschedule
from tests.support.scheduling import FakePolicy, Weekdays
from tests.support.zh import check_chinese_error

D = dt.date
DATA = hi.sample_data("weihai")
PLAN = hi.Plan(id="p", policy="x", authority="A", visits=())
VISIT = hi.Visit(id="V1", hospital="H1", authority="A", first_day=D(2025, 3, 3),
                 last_day=D(2025, 3, 4))  # fmt: skip


class NoCalendar:
    def __repr__(self) -> str:
        return "<NoCalendar>"


def req(**kw: Any) -> VisitRequirement:
    base = {"hospital": "H1", "authority": "A", "region": None, "min_days": 2,
            "day_unit": "working"}  # fmt: skip
    return VisitRequirement(**{**base, **kw})


def request(**kw: Any) -> ScheduleRequest:
    base = {"requirements": (req(),), "experts": DATA.experts[:6], "calendar": Weekdays(),
            "start": D(2025, 3, 3), "deadline": D(2025, 12, 31)}  # fmt: skip
    return ScheduleRequest(**{**base, **kw})


def repair(**kw: Any) -> hi.Plan:
    base = {"authorities": DATA.authorities, "as_of": D(2025, 3, 1), "changes": []}
    return reschedule(PLAN, DATA.hospitals, DATA.experts, "weihai-2024-2026", **{**base, **kw})


def slots(low: int, high: int | None) -> Any:
    """A team rule's face: ``low`` to ``high`` experts."""
    slot = SimpleNamespace(min=low, max=high)
    return SimpleNamespace(slot=lambda role: slot if role is hi.Role.EXPERT else None)


def no_region() -> Any:
    """A district hospital under the external-expert rule, where nobody has a region."""
    tree = [hi.Authority(id="c", name="市", level="市级"),
            hi.Authority(id="d", name="区", level="区县级", parent="c")]  # fmt: skip
    hospital = attrs.evolve(DATA.hospitals[0], authority="d", region=None)
    policy = FakePolicy(days=2, end=D(2025, 12, 31), share=Fraction(1, 3))
    return hi.schedule_request([hospital], DATA.experts, policy, authorities=tree,  # type: ignore[arg-type]
                               start=D(2025, 3, 3))  # fmt: skip


def start(**kw: Any) -> Any:
    return hi.schedule_request(DATA.hospitals, DATA.experts, kw.pop("policy", "weihai-2024-2026"),
                               authorities=DATA.authorities, start=D(2025, 3, 3), **kw)  # fmt: skip


CASES: list[tuple[Callable[[], object], str]] = [
    (lambda: _adapter._unit_code("fortnight"),
     "invalid data: day_unit: 'fortnight' is not a day unit; expected one of 工作日, 自然日"),
    (lambda: start(policy=42), "invalid data: policy: 42 is not a Policy or a policy id"),
    (lambda: start(kind=3), "invalid data: kind: 3 is not a visit kind; expected one of 常规巡查, "
     "回头看, 专项检查, 飞行检查"),
    (lambda: hi.schedule(DATA.hospitals, DATA.experts, "weihai-2024-2026",
                         authorities=DATA.authorities, start=D(2025, 3, 3), bogus=1),
     "invalid data: schedule: unknown option(s) bogus; expected deadline, calendar, blackout, "
     "team_size, need_leader, officials_per_team, include_reference, day_unit, kind, plan_id, "
     "owner, round, unavailable, hospital_blackout, max_days_per_person, "
     "max_days_per_person_per_year, min_rest_days, pinned, notice_days, objective, per_year"),
    (lambda: _adapter._team_numbers(slots(3, 5), 7, None),
     "invalid data: team_size: 7 experts; the policy's team rule asks for 3 to 5"),
    (lambda: _adapter._team_numbers(slots(3, None), 2, None),
     "invalid data: team_size: 2 experts; the policy's team rule asks for 3 or more"),
    (lambda: start(policy="example-shili-2025-2027", team_size=20),
     "invalid data: team_size: 20 experts and 1 official(s); the policy's team rule asks for "
     "5-9 people in all"),
    (no_region, "invalid data: hospitals[WH001]: the external-expert rule applies but neither "
     "the inspector 'd' nor the hospital has a region"),
    (lambda: notes.schedule_notes(DATA.hospitals, 42, authorities=DATA.authorities),  # type: ignore[arg-type]
     "invalid data: policy: 42 is not a Policy or a policy id"),
    (lambda: req(earliest=D(2025, 5, 1), latest=D(2025, 4, 1)),
     "invalid data: VisitRequirement.latest: 2025-04-01 is before earliest 2025-05-01"),
    (lambda: req(min_external=6, team_size=5, region="r"),
     "invalid data: VisitRequirement.min_external: 6 external experts cannot fit a team of 5"),
    (lambda: req(min_external=1), "invalid data: VisitRequirement.region: external experts are "
     "required but no inspecting region is given"),
    (lambda: request(requirements=("x",)),
     "invalid data: ScheduleRequest.requirements: expected a list of VisitRequirement objects"),
    (lambda: request(objective="fast"), "invalid data: ScheduleRequest.objective: 'fast' is not "
     "an objective; expected one of 'earliest', 'spread', 'balanced', 'local'"),
    (lambda: request(deadline=D(2025, 1, 1)),
     "invalid data: ScheduleRequest.deadline: 2025-01-01 is before start 2025-03-03"),
    (lambda: request(unavailable={"nobody": "2025-03-03"}), "invalid data: "
     "ScheduleRequest.unavailable: 'nobody' not among the experts; expected the id of a person "
     "in experts"),
    (lambda: request(pinned=("x",)), "invalid data: ScheduleRequest.pinned[0]: 'x' is not a Visit"),
    (lambda: request(pinned=(VISIT,)), "invalid data: ScheduleRequest.pinned[0]: visit 'V1' "
     "matches no requirement; expected the id of a visit to schedule"),
    (lambda: request(requirements=(req(id="V1"),), pinned=(VISIT, VISIT)),
     "invalid data: ScheduleRequest.pinned[1]: visit 'V1' pinned twice"),
    (lambda: request(objective="spread"), "invalid data: ScheduleRequest.per_year: the 'spread' "
     "objective needs yearly shares, e.g. {2025: 0.5, 2026: 0.5}"),
    (lambda: request(objective="spread", per_year={2025: 0.5}),
     "invalid data: ScheduleRequest.per_year: the shares add up to 0.5; expected 1"),
    (lambda: request(objective="spread", per_year={2024: 0.5, 2025: 0.5}), "invalid data: "
     "ScheduleRequest.per_year: year 2024 is outside the window 2025-03-03 to 2025-12-31"),
    (lambda: request(per_year={2025: 1}), "invalid data: ScheduleRequest.per_year: yearly shares "
     "only apply to the 'spread' objective, not 'earliest'"),
    (lambda: request(requirements=(req(group="G", id="a"),
                                   req(hospital="H2", group="G", day_unit="calendar", id="b"))),
     "invalid data: ScheduleRequest.requirements: group 'G' mixes working-day and calendar-day "
     "visits; expected one day unit per group"),
    (lambda: req(min_days=0),
     "invalid data: VisitRequirement.min_days: 0 is not a whole number of at least 1"),
    (lambda: req(officials=-1),
     "invalid data: VisitRequirement.officials: -1 is not a whole number of at least 0"),
    (lambda: req(need_leader="yes"),
     "invalid data: VisitRequirement.need_leader: 'yes' is not true or false"),
    (lambda: request(experts=("x",)),
     "invalid data: ScheduleRequest.experts: expected a list of Expert objects"),
    (lambda: request(calendar=NoCalendar()), "invalid data: ScheduleRequest.calendar: "
     "<NoCalendar> has no is_working_day(date) method"),
    (lambda: request(blackout=5),
     "invalid data: ScheduleRequest.blackout: 5 is not a list of dates"),
    (lambda: request(unavailable=5),
     "invalid data: ScheduleRequest.unavailable: 5 is not a mapping of ids to dates"),
    (lambda: request(unavailable={"": "2025-03-03"}),
     "invalid data: ScheduleRequest.unavailable: '' is not an id"),
    (lambda: request(objective="spread", per_year=5),
     "invalid data: ScheduleRequest.per_year: 5 is not a mapping of years to shares"),
    (lambda: request(objective="spread", per_year={"2025": 1}),
     "invalid data: ScheduleRequest.per_year: '2025' is not a year"),
    (lambda: request(objective="spread", per_year={2025: "all"}),
     "invalid data: ScheduleRequest.per_year[2025]: 'all' is not a share between 0 and 1"),
    (lambda: request(objective="spread", per_year={2025: 2}),
     "invalid data: ScheduleRequest.per_year[2025]: 2 is not a share between 0 and 1"),
    (lambda: PersonUnavailable(person="E1", first=D(2025, 5, 1), last=D(2025, 4, 1)),
     "invalid data: PersonUnavailable.last: 2025-04-01 is before first 2025-05-01"),
    (lambda: HospitalMoves(hospital="H1"),
     "invalid data: HospitalMoves.earliest: give earliest, latest or blackout days"),
    (lambda: repair(changes=["x"]), "invalid data: changes[0]: 'x' is not a change; expected "
     "PersonUnavailable, HospitalMoves, HospitalJoins or VisitCancelled"),
    (lambda: repair(start=D(2025, 3, 3)),
     "invalid data: start: reschedule sets it from as_of and the plan; leave it out"),
    (lambda: repair(as_of="2025-03-01"),
     "invalid data: as_of: '2025-03-01' is not a date (YYYY-MM-DD)"),
    (lambda: repair(changes=[PersonUnavailable(person="nobody", first=D(2025, 5, 1))]),
     "invalid data: changes[0].person: 'nobody' is not among the experts"),
]  # fmt: skip


@pytest.mark.parametrize(("raise_it", "english"), CASES, ids=[e[14:50] for _, e in CASES])
def test_scheduling_errors_read_in_chinese(raise_it: Callable[[], object], english: str) -> None:
    check_chinese_error(raise_it, english)


def test_dates_in_chinese_errors_read_as_an_office_writes_them() -> None:
    chinese = check_chinese_error(
        lambda: request(deadline=D(2025, 1, 1)),
        "invalid data: ScheduleRequest.deadline: 2025-01-01 is before start 2025-03-03",
    )
    assert chinese.endswith("截止日期 2025年1月1日 早于开始日期 2025年3月3日")


def test_a_round_with_no_official_says_how_to_list_one() -> None:
    """A team rule asking for 有关部门负责人, and nobody listed has the role: the error names it."""
    experts = [e for e in DATA.experts[:6] if not e.can(hi.Role.OFFICIAL)]
    assert experts
    with pytest.raises(hi.InfeasibleScheduleError) as caught:
        hi.scheduling.solve(request(requirements=(req(officials=1),), experts=experts))
    assert (
        "visit 'H1-regular' to hospital 'H1' needs 1 officials; no person has the role 部门负责人 "
        "(official): give it to the officials in the people's roles" in str(caught.value)
    )
    assert "人员名单中没有人担任部门负责人：请在人员表“角色”列中为相关人员填写“部门负责人”" in (
        hi.i18n.error_text(caught.value, "zh")
    )
    # with an official listed, the count is what is short
    official = attrs.evolve(experts[0], id="O1", roles={hi.Role.OFFICIAL})
    with pytest.raises(hi.InfeasibleScheduleError) as caught:
        hi.scheduling.solve(request(requirements=(req(officials=2),), experts=[*experts, official]))
    assert "needs 2 officials; only 1 are available" in str(caught.value)
