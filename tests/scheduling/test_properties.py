"""Properties: every plan passes the verifier, output is deterministic, more experts never hurt
(under the conditions stated in docs/explanation/scheduling.md)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import hypothesis.strategies as st
import pytest
from hypothesis import assume, given

import hospital_inspection as hi
from hospital_inspection import testing as hit
from hospital_inspection.scheduling import (
    ScheduleRequest,
    VisitRequirement,
    _greedy,
    schedule_request,
    solve,
    verify,
)
from hospital_inspection.scheduling._problem import Problem
from tests.support.scheduling import FakePolicy, Weekdays

START = dt.date(2025, 3, 3)


def request_for(inst: hit.Instance, *, days: int, weeks: int, share: Fraction) -> ScheduleRequest:
    policy = FakePolicy(days=days, end=START + dt.timedelta(weeks=weeks), share=share)
    return schedule_request(
        inst.hospitals, inst.experts, policy, authorities=inst.authorities, start=START,
        calendar=Weekdays(), team_size=3,
    )  # fmt: skip


worlds = st.builds(
    request_for,
    hit.instances(max_hospitals=8, max_experts=24, min_experts=4),
    days=st.integers(1, 7),
    weeks=st.integers(1, 16),
    share=st.sampled_from([Fraction(0), Fraction(3, 10), Fraction(2, 3)]),
)


@given(worlds)
def test_every_plan_passes_the_verifier(request: ScheduleRequest) -> None:
    try:
        result = solve(request)
    except hi.InfeasibleScheduleError:
        return
    assert verify(result.plan, request) == []
    assert result.stats.makespan >= result.stats.lower_bound
    assert result.stats.makespan <= len(Problem(request).window)


@given(worlds, st.randoms(use_true_random=False))
def test_same_input_same_plan(request: ScheduleRequest, rnd: object) -> None:
    def outcome(r: ScheduleRequest) -> object:
        try:
            return solve(r).plan
        except hi.InfeasibleScheduleError as exc:
            return str(exc)

    first = outcome(request)
    assert outcome(request) == first
    shuffled = list(request.experts)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    import attrs

    assert outcome(attrs.evolve(request, experts=tuple(shuffled))) == first


@given(worlds, hit.experts(id="E-NEW", home_region=hit.regions(hit.DEFAULT_REGIONS[:4])))
def test_proven_infeasibility_survives_removing_an_expert(
    request: ScheduleRequest, extra: hi.Expert
) -> None:
    """The bounds are monotone: if the bigger pool is proven infeasible, so is the smaller."""
    import attrs

    bigger = attrs.evolve(request, experts=(*request.experts, extra))
    try:
        solve(bigger)
        return
    except hi.InfeasibleScheduleError as exc:
        proven = str(exc).startswith("no schedule exists")
    if proven:
        with pytest.raises(hi.InfeasibleScheduleError, match="no schedule exists"):
            solve(request)


# -- Monotonicity for homogeneous requests ----------------------------------------------------
# No leader needed, no external experts needed, nobody barred: every expert can take any seat.


@st.composite
def homogeneous(draw: st.DrawFn) -> ScheduleRequest:
    n = draw(st.integers(1, 8))
    reqs = [
        VisitRequirement(
            hospital=f"H{k}",
            authority="A",
            region=None,
            min_days=draw(st.integers(1, 6)),
            day_unit=draw(st.sampled_from(["working", "calendar"])),
            team_size=draw(st.integers(1, 4)),
            need_leader=False,
        )
        for k in range(n)
    ]
    experts = [
        hi.Expert(id=f"E{k:02d}", name="某", home_region=draw(hit.regions()))
        for k in range(draw(st.integers(4, 10)))
    ]
    weeks = draw(st.integers(1, 8))
    blackout = draw(st.sets(st.dates(START, START + dt.timedelta(weeks=weeks)), max_size=3))
    return ScheduleRequest(
        requirements=reqs, experts=experts, calendar=Weekdays(), start=START,
        deadline=START + dt.timedelta(weeks=weeks), blackout=blackout,
    )  # fmt: skip


@given(homogeneous(), st.integers(0, 99))
def test_adding_an_expert_keeps_a_homogeneous_request_feasible(
    request: ScheduleRequest, k: int
) -> None:
    import attrs

    extra = hi.Expert(id=f"X{k:02d}", name="某", home_region="huancui")
    bigger = attrs.evolve(request, experts=(*request.experts, extra))
    try:
        solve(request)
    except hi.InfeasibleScheduleError:
        return
    assert verify(solve(bigger).plan, bigger) == []


@given(homogeneous(), st.integers(0, 99))
def test_adding_an_expert_never_delays_a_visit_in_a_fixed_order(
    request: ScheduleRequest, k: int
) -> None:
    """The invariant behind the guarantee: attempt by attempt, no visit ends later."""
    import attrs

    extra = hi.Expert(id=f"X{k:02d}", name="某", home_region="huancui")
    small, big = Problem(request), Problem(attrs.evolve(request, experts=(*request.experts, extra)))
    for order_small, order_big in zip(_greedy._orders(small), _greedy._orders(big), strict=True):
        a = _greedy.run(small, order_small)
        b = _greedy.run(big, order_big)
        assert [t.req.id for t in order_small] == [t.req.id for t in order_big]
        if a.failed_at is None:
            assert b.failed_at is None
            assert all(eb <= ea for ea, eb in zip(a.end, b.end, strict=True))


@given(worlds)
def test_plan_visits_equal_their_validated_construction(request: ScheduleRequest) -> None:
    """The greedy builds its visits and members without running the validators again (their
    parts are already valid); rebuilding each through the validating constructor gives an
    equal object with the same hash."""
    import attrs

    try:
        result = solve(request)
    except hi.InfeasibleScheduleError:
        assume(False)
        raise
    for v in result.plan.visits:
        again = hi.Visit(**{f.name: getattr(v, f.name) for f in attrs.fields(hi.Visit)})
        assert again == v
        assert hash(again) == hash(v)
        for m in v.team:
            assert hi.Member(person=m.person, role=m.role) == m


def test_unchecked_construction_falls_back_to_the_validating_one() -> None:
    """When a model's fields are not the ones the fast path knows, the constructor runs."""
    assert _greedy._defaults(hi.Visit, ("id",)) is None
    assert _greedy._defaults(hi.Member, ("person", "role")) == {"role": hi.Role.EXPERT}
    with pytest.raises(hi.DataError, match="person"):
        _greedy._built(hi.Member, None, person="E1\n")
    built = _greedy._built(hi.Member, {"role": hi.Role.EXPERT}, person="E1")
    assert built == hi.Member(person="E1")
