"""Golden cases: each new constraint, and the words when it is the one that binds."""

from __future__ import annotations

import datetime as dt

import pytest

import hospital_inspection as hi
from hospital_inspection.scheduling import ScheduleRequest, VisitRequirement, solve, verify
from tests.support.scheduling import Weekdays

JUNE = (dt.date(2025, 6, 2), dt.date(2025, 6, 30))


def person(pid: str, region: str, *, lead: bool = False, away: str | None = None) -> hi.Expert:
    roles = {hi.Role.EXPERT, hi.Role.TEAM_LEADER} if lead else {hi.Role.EXPERT}
    return hi.Expert(id=pid, name="某", home_region=region, roles=roles,
                     unavailable=away or ())  # fmt: skip


def visit(h: str, *, days: int = 3, size: int = 2, ext: int = 0, **kw: object) -> VisitRequirement:
    return VisitRequirement(hospital=h, authority="district-a", region="a", min_days=days,
                            team_size=size, min_external=ext, **kw)  # type: ignore[arg-type]  # fmt: skip


def request(reqs: list[VisitRequirement], people: list[hi.Expert], **kw: object) -> ScheduleRequest:
    return ScheduleRequest(requirements=reqs, experts=people, calendar=Weekdays(),
                           start=JUNE[0], deadline=JUNE[1], **kw)  # type: ignore[arg-type]  # fmt: skip


def test_the_only_external_leaders_away_in_june_are_named() -> None:
    people = [
        person("E01", "a", lead=True), person("E02", "a"), person("E03", "a"),
        person("E07", "b", lead=True, away="2025-06-01..2025-06-30"),
        person("E09", "c", lead=True, away="2025-06-01..2025-06-30"),
        person("E10", "b"),
    ]  # fmt: skip
    with pytest.raises(hi.InfeasibleScheduleError) as info:
        solve(request([visit("H1", size=2, ext=2)], people))
    assert str(info.value) == (
        "no schedule exists: visit 'H1-regular' to hospital 'H1' needs 1 team leader(s) from "
        "outside a (外区市) free on every day of a visit starting between 2025-06-02 and "
        "2025-06-26; at most 0 are (E07 and E09 are the only ones), after unavailability, rest "
        "days, caps and pinned visits"
    )


def test_an_unavailable_person_is_left_out_and_the_visit_moves_when_needed() -> None:
    people = [person("E1", "a", lead=True, away="2025-06-02..2025-06-06"), person("E2", "b")]
    result = solve(request([visit("H1", size=2, ext=1)], people))
    (v,) = result.plan.visits
    assert (v.first_day, v.people) == (dt.date(2025, 6, 9), ("E1", "E2"))


def test_a_cap_per_person_binds_and_is_named() -> None:
    people = [person("E1", "a", lead=True), person("E2", "b", lead=True)]
    reqs = [visit(f"H{k}", days=5, size=1, need_leader=True) for k in range(3)]
    result = solve(request(reqs, people, max_days_per_person=10))
    loads = {
        p: sum(v.calendar_days for v in result.plan.visits if p in v.people) for p in ["E1", "E2"]
    }
    assert max(loads.values()) <= 10 + 2 * 2  # weekends inside two 5-working-day visits
    with pytest.raises(hi.InfeasibleScheduleError) as info:
        solve(request(reqs, people, max_days_per_person=7))
    assert str(info.value) == (
        "no schedule exists: experts after unavailability, pinned visits and caps "
        "(max_days_per_person=7): the experts can give at most 14 working days by 2025-06-30; "
        "the visits need 15"
    )


def test_rest_days_separate_one_persons_visits() -> None:
    people = [person("E1", "a", lead=True)]
    reqs = [visit("H1", days=2, size=1), visit("H2", days=2, size=1)]
    result = solve(request(reqs, people, min_rest_days=3))
    a, b = sorted(result.plan.visits, key=lambda v: v.first_day)
    assert (a.first_day, a.last_day, b.first_day) == (
        dt.date(2025, 6, 2),
        dt.date(2025, 6, 3),
        dt.date(2025, 6, 9),
    )


def test_notice_days_delay_the_first_visit_and_bind_when_too_long() -> None:
    people = [person("E1", "a", lead=True)]
    result = solve(request([visit("H1", days=2, size=1)], people, notice_days=5))
    assert result.plan.visits[0].first_day == dt.date(2025, 6, 9)
    with pytest.raises(hi.InfeasibleScheduleError, match=r"\(after notice_days=19\)"):
        solve(request([visit("H1", days=3, size=1)], people, notice_days=19))


def test_a_hospital_blackout_moves_its_visit() -> None:
    people = [person("E1", "a", lead=True)]
    reqs = [visit("H1", days=2, size=1)]
    result = solve(request(reqs, people, hospital_blackout={"H1": ["2025-06-02..2025-06-13"]}))
    assert result.plan.visits[0].first_day == dt.date(2025, 6, 16)


def test_a_group_shares_its_window_and_team() -> None:
    people = [person(f"E{k}", "ab"[k % 2], lead=True) for k in range(4)]
    reqs = [visit("H1", days=5, group="G"), visit("H2", days=3, group="G"), visit("H3", days=3)]
    r = request(reqs, people)
    result = solve(r)
    v = {x.hospital: x for x in result.plan.visits}
    assert (v["H1"].first_day, v["H1"].last_day, v["H1"].team) == (
        v["H2"].first_day,
        v["H2"].last_day,
        v["H2"].team,
    )
    assert v["H1"].last_day - v["H1"].first_day == dt.timedelta(days=4)
    assert verify(result.plan, r) == []


def test_balanced_lowers_the_most_days_one_person_serves() -> None:
    people = [person(f"E{k}", "a", lead=True) for k in range(4)]
    reqs = [visit(f"H{k}", days=2, size=1) for k in range(8)]
    earliest = solve(request(reqs, people))
    balanced = solve(request(reqs, people, objective="balanced"))
    assert balanced.stats.objective == "balanced"
    assert (balanced.stats.value, balanced.stats.bound) == (4, 4)
    assert earliest.stats.value == earliest.stats.makespan == 4


def test_spread_meets_the_yearly_targets() -> None:
    people = [person(f"E{k}", "a", lead=True) for k in range(2)]
    reqs = [visit(f"H{k}", days=2, size=1) for k in range(6)]
    r = ScheduleRequest(requirements=reqs, experts=people, calendar=Weekdays(),
                        start=dt.date(2025, 11, 3), deadline=dt.date(2026, 3, 31),
                        objective="spread", per_year={2025: 1 / 3, 2026: 2 / 3})  # fmt: skip
    result = solve(r)
    years = sorted(v.first_day.year for v in result.plan.visits)
    assert years == [2025, 2025, 2026, 2026, 2026, 2026]
    assert (result.stats.value, result.stats.bound) == (0, 0)
    assert verify(result.plan, r) == []


def test_local_prefers_experts_of_the_hospitals_district() -> None:
    people = [person("E1", "b", lead=True), person("E2", "b"), person("E3", "a"), person("E4", "a")]
    reqs = [visit("H1", size=2, ext=1, locality="a")]
    result = solve(request(reqs, people, objective="local"))
    (v,) = result.plan.visits
    assert sorted(v.people) == ["E1", "E3"]  # the rule's one external leader, then a local
    assert (result.stats.value, result.stats.bound) == (0, 0)
