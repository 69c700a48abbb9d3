"""The scheduler on the shipped policies: every plan it produces passes ``check_plan``."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import testing as hit
from hospital_inspection.compliance import ComplianceLevel
from hospital_inspection.scheduling import schedule_request, solve, verify

WEIHAI = hi.load_policy("weihai-2024-2026")


def test_weihai_sample_round_is_compliant() -> None:
    data = hi.sample_data("weihai")
    request = schedule_request(data.hospitals, data.experts, WEIHAI,
                               authorities=data.authorities, start=dt.date(2025, 3, 3))  # fmt: skip
    result = solve(request)
    plan = result.plan
    report = hi.check_plan(plan, WEIHAI, hospitals=data.hospitals, experts=data.experts,
                           authorities=data.authorities)  # fmt: skip
    assert report.issues == (), report.render()
    assert verify(plan, request) == []
    in_scope = {h.id for h in data.hospitals if WEIHAI.scope(h).value is hi.ScopeStatus.IN_SCOPE}
    assert {v.hospital for v in plan.visits} == in_scope
    assert plan.round == "2024-2026"
    assert all(v.last_day <= dt.date(2026, 10, 31) for v in plan.visits)
    # The team rule of 四、(二) asks for officials (有关部门负责人) and experts.
    assert all(any(m.role is hi.Role.OFFICIAL for m in v.team) for v in plan.visits)
    assert result.stats.makespan >= result.stats.lower_bound


def test_schedule_is_deterministic_and_accepts_a_policy_id() -> None:
    data = hi.sample_data("weihai")
    kwargs = {"authorities": data.authorities, "start": dt.date(2025, 3, 3)}
    one = hi.schedule(data.hospitals, data.experts, "weihai-2024-2026", **kwargs)
    two = hi.schedule(data.hospitals, tuple(reversed(data.experts)), WEIHAI, **kwargs)
    assert one == two


def test_team_size_outside_the_policy_is_refused() -> None:
    data = hi.sample_data("weihai")
    with pytest.raises(hi.DataError, match="team_size: 0 experts"):
        schedule_request(data.hospitals, data.experts, WEIHAI, authorities=data.authorities,
                         start=dt.date(2025, 3, 3), team_size=0)  # fmt: skip


def test_infeasible_window_names_the_binding_constraint() -> None:
    data = hi.sample_data("weihai")
    with pytest.raises(hi.InfeasibleScheduleError) as info:
        hi.schedule(data.hospitals, data.experts, WEIHAI, authorities=data.authorities,
                    start=dt.date(2026, 10, 26))  # fmt: skip
    assert "working days" in str(info.value)


@given(
    hit.instances(max_hospitals=10, max_experts=30, min_experts=6),
    st.dates(dt.date(2025, 1, 1), dt.date(2026, 3, 31)),
)
def test_any_schedule_produced_passes_check_plan(world: hit.Instance, start: dt.date) -> None:
    try:
        plan = hi.schedule(world.hospitals, world.experts, WEIHAI,
                           authorities=world.authorities, start=start, team_size=3)  # fmt: skip
    except hi.InfeasibleScheduleError:
        return
    report = hi.check_plan(plan, WEIHAI, hospitals=world.hospitals, experts=world.experts,
                           authorities=world.authorities)  # fmt: skip
    assert report.ok, report.render()
    assert not [i for i in report.issues if i.severity is ComplianceLevel.WARNING], report.render()
