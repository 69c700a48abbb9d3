"""The CP-SAT back end covers the office's model: every plan it makes keeps every constraint,
is never worse than the greedy's, and its bound never exceeds the value."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, assume, given, settings

import hospital_inspection as hi
from hospital_inspection.scheduling import ScheduleRequest, solve, solve_exact, verify
from tests.support.office import worlds

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
