"""A small instance whose plan is pinned, and the error cases it can be pushed into."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.scheduling import ScheduleRequest, VisitRequirement, solve, verify
from tests.support.scheduling import Weekdays
from tests.support.zh import english_runs

MON = dt.date(2025, 3, 3)


def expert(id: str, region: str, *, leader: bool = False, employer: str | None = None) -> hi.Expert:
    roles = {hi.Role.EXPERT, hi.Role.TEAM_LEADER} if leader else {hi.Role.EXPERT}
    return hi.Expert(id=id, name="某", home_region=region, employer=employer, roles=roles)


EXPERTS = (
    expert("E1", "a", leader=True),
    expert("E2", "a"),
    expert("E3", "b", leader=True, employer="H2"),
    expert("E4", "b"),
    expert("E5", "c"),
    expert("E6", "c", leader=True),
)


def req(hospital: str, region: str | None, days: int, **kw: object) -> VisitRequirement:
    return VisitRequirement(
        hospital=hospital, authority=f"d-{region or 'city'}", region=region, min_days=days,
        team_size=3, min_external=1 if region else 0, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def request(*reqs: VisitRequirement, **kw: object) -> ScheduleRequest:
    options: dict[str, object] = {
        "deadline": MON + dt.timedelta(days=27), "calendar": Weekdays(), "start": MON,
    }  # fmt: skip
    options.update(kw)
    return ScheduleRequest(requirements=reqs, experts=EXPERTS, **options)  # type: ignore[arg-type]


GOLDEN = request(req("H1", "a", 5), req("H2", "b", 5), req("H3", None, 3))


def test_golden_plan() -> None:
    result = solve(GOLDEN)
    got = [(v.id, v.first_day.isoformat(), v.last_day.isoformat(), v.leader, v.people)
           for v in result.plan.visits]  # fmt: skip
    assert got == [
        ("H1-regular", "2025-03-03", "2025-03-07", "E1", ("E1", "E2", "E3")),
        ("H2-regular", "2025-03-06", "2025-03-12", "E6", ("E6", "E4", "E5")),
        ("H3-regular", "2025-03-03", "2025-03-05", "E6", ("E6", "E4", "E5")),
    ]
    assert verify(result.plan, GOLDEN) == []
    stats = result.stats
    # 39 expert-days over two teams of 3: ceil(39 / 6) = 7; whole visits make it 8 (5 + 3 | 5).
    assert (stats.makespan, stats.lower_bound, stats.capacity_bound, stats.chain_bound) == (
        8, 7, 7, 5,
    )  # fmt: skip
    assert stats.binding == "capacity"


def test_working_days_skip_weekends_and_blackouts() -> None:
    # 5 working days from Thursday: Thu, Fri, Mon, Tue, Wed; a blackout on Tue 11 March pushes
    # the visit past it.
    r = request(req("H3", None, 5), start=dt.date(2025, 3, 6), blackout={dt.date(2025, 3, 11)})
    v = solve(r).plan.visits[0]
    assert (v.first_day, v.last_day) == (dt.date(2025, 3, 12), dt.date(2025, 3, 18))
    assert verify(solve(r).plan, r) == []


def test_calendar_day_visits_span_consecutive_days() -> None:
    r = request(req("H3", None, 7, day_unit="calendar"), start=dt.date(2025, 3, 6))
    v = solve(r).plan.visits[0]
    assert (v.first_day, v.last_day, v.calendar_days) == (
        dt.date(2025, 3, 6), dt.date(2025, 3, 12), 7,
    )  # fmt: skip


def test_employees_are_kept_off_their_hospital() -> None:
    plan = solve(GOLDEN).plan
    assert "E3" not in plan.visits_to("H2")[0].people


def test_explicit_exclusion() -> None:
    r = request(req("H3", None, 3, excluded={"E1", "E2"}))
    assert not {"E1", "E2"} & set(solve(r).plan.visits[0].people)


def test_region_short_of_external_experts_names_the_region() -> None:
    reqs = [VisitRequirement(hospital=f"H{k}", authority="d-a", region="a", min_days=5,
                             team_size=3, min_external=3) for k in range(12)]  # fmt: skip
    with pytest.raises(hi.InfeasibleScheduleError) as info:
        solve(request(*reqs, deadline=MON + dt.timedelta(days=40)))
    message = str(info.value)
    assert "region 'a': 4 external experts available" in message
    assert "12 visits need 3 external experts each" in message
    assert "within 30 working days" in message


def test_too_few_experts_for_a_team() -> None:
    r = request(VisitRequirement(hospital="H9", authority="d", region=None, min_days=2,
                                 team_size=7))  # fmt: skip
    with pytest.raises(hi.InfeasibleScheduleError, match="needs 7 experts; only 6 may sit"):
        solve(r)


def test_no_stretch_of_days_without_blackout() -> None:
    blackout = {MON + dt.timedelta(days=k) for k in range(0, 28, 3)}
    with pytest.raises(hi.InfeasibleScheduleError, match="no such stretch"):
        solve(request(req("H3", None, 5), blackout=blackout))


def test_deadline_too_close_for_the_work() -> None:
    reqs = [req(f"H{k}", None, 5) for k in range(10)]
    with pytest.raises(hi.InfeasibleScheduleError, match="capacity: 6 experts available"):
        solve(request(*reqs))


def test_requirement_validation() -> None:
    with pytest.raises(hi.DataError, match="min_external"):
        VisitRequirement(hospital="H", authority="A", region="a", min_days=1, team_size=2,
                         min_external=3)  # fmt: skip
    with pytest.raises(hi.DataError, match="region"):
        VisitRequirement(hospital="H", authority="A", region=None, min_days=1, min_external=1)
    with pytest.raises(hi.DataError, match="day unit"):
        VisitRequirement(hospital="H", authority="A", region=None, min_days=1,
                         day_unit="weeks")  # type: ignore[arg-type]  # fmt: skip
    with pytest.raises(hi.DataError, match="min_days"):
        VisitRequirement(hospital="H", authority="A", region=None, min_days=0)
    with pytest.raises(hi.DataError, match="appears more than once"):
        request(req("H3", None, 3), req("H3", None, 3))
    with pytest.raises(hi.DataError, match="before start"):
        request(deadline=MON - dt.timedelta(days=1))
    with pytest.raises(hi.DataError, match="is_working_day"):
        request(calendar=object())


def test_verify_reports_broken_constraints() -> None:
    result = solve(GOLDEN)
    h1, h2, h3 = result.plan.visits
    broken = hi.Plan(
        id="P", policy="x", authority="d-a",
        visits=(h1, hi.Visit(id=h2.id, hospital="H2", authority=h2.authority,
                             first_day=h1.first_day, last_day=h1.first_day,
                             team=(hi.Member(person="E3"), hi.Member(person="E1"))),
                h3),
    )  # fmt: skip
    problems = verify(broken, GOLDEN)
    text = "\n".join(problems)
    assert "works for the hospital inspected" in text
    assert "2 experts on the team; 3 required" in text
    assert "no team leader" in text
    assert "working days on site" in text
    assert "on the same day(s)" in text


def test_verify_words_its_problems_in_chinese() -> None:
    result = solve(GOLDEN)
    h1, h2, h3 = result.plan.visits
    saturday = h3.first_day + dt.timedelta(days=5 - h3.first_day.weekday())
    length = h3.last_day - h3.first_day
    broken = hi.Plan(
        id="P", policy="x", authority="d-a",
        visits=(h1, hi.Visit(id=h2.id, hospital="H2", authority=h2.authority,
                             first_day=h1.first_day, last_day=h1.first_day,
                             team=(hi.Member(person="E3"), hi.Member(person="E1"))),
                attrs.evolve(h3, first_day=saturday, last_day=saturday + length),
                hi.Visit(id="stray", hospital="H9", authority="d-a",
                         first_day=h1.first_day, last_day=h1.first_day)),
    )  # fmt: skip
    english = verify(broken, GOLDEN)
    chinese = verify(broken, GOLDEN, lang="zh")
    assert english == verify(broken, GOLDEN, lang="en")
    assert len(chinese) == len(english) >= 5
    day = f"{saturday.year}年{saturday.month}月{saturday.day}日"
    assert f"巡查 '{h2.id}'：'E3' 在被巡查医院工作（应回避）" in chinese
    assert f"巡查 '{h2.id}'：巡查组没有组长" in chinese
    assert "巡查 'stray'：没有对应的排期要求" in chinese
    assert f"巡查 '{h3.id}'：开始日{day}不是工作日" in chinese
    for line in chinese:  # ids are data; no English sentence is left
        assert english_runs(line, Path("/nowhere")) == [], line
