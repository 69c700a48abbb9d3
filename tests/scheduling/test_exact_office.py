"""The CP-SAT back end covers the office's model: every plan it makes keeps every constraint,
is never worse than the greedy's, and its bound never exceeds the value."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, assume, given, settings

import hospital_inspection as hi
from hospital_inspection.i18n import error_text
from hospital_inspection.scheduling import (
    ScheduleRequest,
    VisitRequirement,
    solve,
    solve_exact,
    verify,
)
from tests.support.office import worlds
from tests.support.scheduling import Weekdays

pytest.importorskip("ortools")


@settings(max_examples=20, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(worlds())
def test_exact_plans_keep_every_constraint(request: ScheduleRequest) -> None:
    try:
        greedy = solve(request)
    except hi.InfeasibleScheduleError:
        assume(False)
        raise
    exact = solve_exact(request, time_limit=2.0, workers=1)
    assert verify(exact.plan, request) == []
    assert exact.stats.objective == request.objective
    assert exact.stats.bound <= exact.stats.value <= greedy.stats.value
    assert greedy.stats.bound <= exact.stats.value


def _blocks(n: int, days: int, experts: int) -> ScheduleRequest:
    """``n`` visits of ``days`` days, one expert each, 2025-12-29 to 2026-01-09 (ten weekdays)."""
    reqs = [
        VisitRequirement(hospital=f"H{k}", authority="city", min_days=days, team_size=1,
                         need_leader=False, officials=0, region=None)
        for k in range(n)
    ]  # fmt: skip
    people = [
        hi.Expert(id=f"E{i}", name="某", home_region="a", roles={hi.Role.EXPERT})
        for i in range(experts)
    ]
    return ScheduleRequest(requirements=reqs, experts=people, calendar=Weekdays(),
                           start=dt.date(2025, 12, 29), deadline=dt.date(2026, 1, 9))  # fmt: skip


def test_a_proof_of_infeasibility_is_worded_in_both_languages() -> None:
    """Five 4-day visits and two experts over ten weekdays: 20 expert-days are needed and 20
    exist, so no bound objects, but 4-day blocks cannot tile 10 days; CP-SAT proves it."""
    with pytest.raises(hi.InfeasibleScheduleError) as caught:
        solve_exact(_blocks(5, 4, 2), time_limit=10.0, workers=1, hint=False)
    assert str(caught.value).startswith("no schedule exists: CP-SAT proved the request infeasible")
    zh = error_text(caught.value, "zh")
    assert zh.startswith("无法排出巡查计划：CP-SAT 求解器证明该要求无解")
    assert "可用专家 2 名" in zh  # the tightest bound, worded in Chinese too
    assert not any("a" <= c.lower() <= "z" for c in zh.replace("CP-SAT", ""))
