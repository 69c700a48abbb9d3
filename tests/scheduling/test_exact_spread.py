"""CP-SAT chooses each visit's year for ``"spread"``: its value (visits off the yearly targets)
is never worse than the greedy's, and on a tiny round it equals a brute-force optimum, also where
the greedy's own choice of years finds no plan."""

from __future__ import annotations

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings

import hospital_inspection as hi
from hospital_inspection.scheduling import ScheduleRequest, VisitRequirement, solve, verify
from tests.support.office import worlds
from tests.support.scheduling import Weekdays

pytest.importorskip("ortools", reason="solve_exact needs the 'solver' extra (OR-Tools)")

from hospital_inspection.scheduling import solve_exact


def off_target(plan: hi.Plan, request: ScheduleRequest) -> int:
    """The spread objective's definition, computed here from the plan: visits per year against
    each year's share rounded by largest remainder."""
    n = len(plan.visits)
    shares = request.per_year or {}
    exact = {y: n * f for y, f in shares.items()}
    want = {y: int(x) for y, x in exact.items()}
    for y in sorted(exact, key=lambda y: (-(exact[y] - want[y]), y))[: n - sum(want.values())]:
        want[y] += 1
    have = {y: sum(1 for v in plan.visits if v.first_day.year == y) for y in want}
    return sum(max(0, want[y] - have[y]) for y in want)


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(worlds(objective="spread"))
def test_cp_sat_spread_is_never_worse_than_the_greedy(request: ScheduleRequest) -> None:
    try:
        greedy = solve(request)
    except hi.InfeasibleScheduleError:
        assume(False)
        raise
    exact = solve_exact(request, time_limit=2.0, workers=1)
    assert verify(exact.plan, request) == []
    assert exact.stats.objective == "spread"
    assert exact.stats.value == off_target(exact.plan, request)
    assert exact.stats.bound <= exact.stats.value <= greedy.stats.value
    for v in exact.plan.visits:  # each visit inside one year, as the greedy keeps them
        assert v.first_day.year == v.last_day.year


#: 2025-12-29 (Monday) to 2026-01-09: three working days in 2025, seven in 2026.
START, DEADLINE = dt.date(2025, 12, 29), dt.date(2026, 1, 9)


def tiny(per_year: dict[int, float]) -> ScheduleRequest:
    """Three one-day visits and one expert who is away from 2026-01-02: only one visit can
    fall in 2026."""
    reqs = [
        VisitRequirement(
            hospital=f"H{k}",
            authority="city",
            min_days=1,
            team_size=1,
            need_leader=False,
            officials=0,
            region=None,
        )
        for k in range(3)
    ]
    expert = hi.Expert(id="E0", name="某", home_region="a", roles={hi.Role.EXPERT},
                       unavailable="2026-01-02..2026-01-09")  # fmt: skip
    return ScheduleRequest(requirements=reqs, experts=[expert], calendar=Weekdays(), start=START,
                           deadline=DEADLINE, objective="spread", per_year=per_year)  # fmt: skip


def brute_force(request: ScheduleRequest, template: hi.Plan) -> int:
    """The fewest visits off target over every placement the verifier accepts (every year of
    the window has a share, so no placement is outside the yearly targets' years)."""
    days = [
        START + dt.timedelta(days=k)
        for k in range((DEADLINE - START).days + 1)
        if (START + dt.timedelta(days=k)).weekday() < 5
    ]
    best = None
    for chosen in itertools.product(days, repeat=len(template.visits)):
        visits = tuple(
            attrs.evolve(v, first_day=d, last_day=d)
            for v, d in zip(template.visits, chosen, strict=True)
        )
        plan = attrs.evolve(template, visits=visits)
        if verify(plan, request):
            continue
        value = off_target(plan, request)
        best = value if best is None else min(best, value)
    assert best is not None
    return best


@pytest.mark.parametrize(
    ("per_year", "optimum"),
    [({2025: 1 / 3, 2026: 2 / 3}, 1), ({2025: 2 / 3, 2026: 1 / 3}, 0), ({2025: 0.0, 2026: 1.0}, 2)],
)
def test_cp_sat_spread_equals_the_brute_force_optimum(
    per_year: dict[int, float], optimum: int
) -> None:
    request = tiny(per_year)
    exact = solve_exact(request, time_limit=10.0, workers=1)
    assert verify(exact.plan, request) == []
    assert exact.stats.optimal
    assert exact.stats.value == off_target(exact.plan, request) == optimum
    assert exact.stats.bound == optimum  # proven: CP-SAT's bound meets its value
    assert brute_force(request, exact.plan) == optimum
    try:
        greedy: int | None = solve(request).stats.value
    except hi.InfeasibleScheduleError:  # the greedy's choice of years may fit no plan
        greedy = None
    assert greedy is None or exact.stats.value <= greedy
