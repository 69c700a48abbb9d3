"""Plans under the shipped Weihai policy with an office's constraints pass ``check_plan``."""

from __future__ import annotations

import datetime as dt

import attrs
import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

import hospital_inspection as hi
from hospital_inspection.scheduling import schedule_request, solve, verify

DATA = hi.sample_data("weihai")
POLICY = hi.load_policy("weihai-2024-2026")
START = dt.date(2025, 3, 3)


@st.composite
def offices(draw: st.DrawFn) -> tuple[list[hi.Hospital], list[hi.Expert], dict[str, object]]:
    hospitals = list(DATA.hospitals)
    # pair up some hospitals of one district into a medical group (医联体)
    by_region: dict[str | None, list[int]] = {}
    for k, h in enumerate(hospitals):
        by_region.setdefault(h.region, []).append(k)
    for region, ks in sorted(by_region.items(), key=lambda x: str(x[0])):
        if len(ks) >= 2 and draw(st.booleans()):
            for k in ks[:2]:
                hospitals[k] = attrs.evolve(hospitals[k], group=f"G-{region}")
    experts = list(DATA.experts)
    for k in draw(st.sets(st.integers(0, len(experts) - 1), max_size=12)):
        first = draw(st.dates(START, dt.date(2025, 12, 31)))
        last = first + dt.timedelta(days=draw(st.integers(0, 45)))
        experts[k] = attrs.evolve(experts[k], unavailable=f"{first}..{last}")
    objective = draw(st.sampled_from(["earliest", "spread", "balanced", "local"]))
    options: dict[str, object] = {
        "min_rest_days": draw(st.integers(0, 5)),
        "notice_days": draw(st.integers(0, 20)),
        "max_days_per_person_per_year": draw(st.sampled_from([None, 40, 60])),
        "objective": objective,
        "hospital_blackout": {
            hospitals[0].id: ["2025-03-01..2025-04-30"],
        },
    }
    if objective == "spread":
        options["per_year"] = {2025: 0.5, 2026: 0.5}
    return hospitals, experts, options


@settings(max_examples=15, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(offices())
def test_every_plan_passes_check_plan(
    office: tuple[list[hi.Hospital], list[hi.Expert], dict[str, object]],
) -> None:
    hospitals, experts, options = office
    request = schedule_request(
        hospitals, experts, POLICY, authorities=DATA.authorities, start=START, **options
    )  # type: ignore[arg-type]
    result = solve(request)
    assert verify(result.plan, request) == []
    report = hi.check_plan(
        result.plan, POLICY, hospitals=hospitals, experts=experts, authorities=DATA.authorities
    )
    assert report.violations == ()


def test_a_group_is_one_outing_for_check_plan() -> None:
    hospitals = [
        attrs.evolve(h, group="G1") if h.region == "wendeng" else h for h in DATA.hospitals
    ]
    plan = hi.schedule(hospitals, DATA.experts, POLICY, authorities=DATA.authorities, start=START)
    wendeng = [v for v in plan.visits if v.hospital in {h.id for h in hospitals if h.group}]
    assert len(wendeng) == 4  # the in-scope hospitals of wendeng
    assert len({(v.first_day, v.last_day, frozenset(v.team)) for v in wendeng}) == 1
    report = hi.check_plan(plan, POLICY, hospitals=hospitals, experts=DATA.experts,
                           authorities=DATA.authorities)  # fmt: skip
    assert report.violations == ()
    # without the group, the same plan double-books the team
    report = hi.check_plan(plan, POLICY, hospitals=DATA.hospitals, experts=DATA.experts,
                           authorities=DATA.authorities)  # fmt: skip
    assert {i.check for i in report.violations} == {"double_booked"}


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("unavailable", {"NOBODY": ["2025-06-01"]}, "unavailable: 'NOBODY' not among the experts"),
        ("unavailable", {"WE001": ["2025-13-01"]}, "unavailable[WE001]: '2025-13-01' is not a"),
        ("hospital_blackout", ["2025-06-01"], "hospital_blackout: ['2025-06-01'] is not a mapping"),
        ("max_days_per_person", 0, "max_days_per_person: 0 is not a whole number of at least 1"),
        ("max_days_per_person_per_year", "9", "max_days_per_person_per_year: '9' is not a whole"),
        ("min_rest_days", -1, "min_rest_days: -1 is not a whole number of at least 0"),
        ("notice_days", 1.5, "notice_days: 1.5 is not a whole number of at least 0"),
        ("objective", "cheapest", "objective: 'cheapest' is not an objective; expected one of"),
        ("per_year", {2025: 0.5}, "per_year: yearly shares only apply to the 'spread' objective"),
    ],
)
def test_a_bad_option_names_itself(option: str, value: object, words: str) -> None:
    with pytest.raises(hi.DataError) as info:
        schedule_request(DATA.hospitals, DATA.experts, POLICY, authorities=DATA.authorities,
                         start=START, **{option: value})  # type: ignore[arg-type]  # fmt: skip
    assert words in str(info.value)


@pytest.mark.parametrize(
    ("per_year", "words"),
    [
        ({2025: 0.5}, "per_year: the shares add up to 0.5; expected 1"),
        ({2025: 0.5, 2030: 0.5}, "per_year: year 2030 is outside the window"),
        ({2025: 1.5}, "per_year[2025]: 1.5 is not a share between 0 and 1"),
    ],
)
def test_bad_yearly_shares_are_named(per_year: dict[int, float], words: str) -> None:
    with pytest.raises(hi.DataError, match=words.replace("[", r"\[").replace("]", r"\]")):
        schedule_request(DATA.hospitals, DATA.experts, POLICY, authorities=DATA.authorities,
                         start=START, objective="spread", per_year=per_year)  # fmt: skip
