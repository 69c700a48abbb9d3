"""Generated scheduling worlds with availability, caps, rest days, notice, groups and pins.

The worlds are generous (a long window, few visits, many people) so that almost all of them
can be scheduled; the properties then check the plan against the constraints directly, without
the scheduler's own verifier.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import hypothesis.strategies as st

import hospital_inspection as hi
from hospital_inspection.scheduling import ScheduleRequest, VisitRequirement
from tests.support.scheduling import Weekdays

START = dt.date(2025, 9, 1)
REGIONS = ("a", "b", "c")
ONE_DAY = dt.timedelta(days=1)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=k) for k in range((last - first).days + 1)]


@st.composite
def ranges(draw: st.DrawFn, first: dt.date, last: dt.date, most: int) -> list[str]:
    out = []
    for _ in range(draw(st.integers(0, most))):
        a = draw(st.dates(first, last))
        b = a + dt.timedelta(days=draw(st.integers(0, 12)))
        out.append(f"{a.isoformat()}..{b.isoformat()}")
    return out


@st.composite
def worlds(draw: st.DrawFn, *, objective: str | None = None) -> ScheduleRequest:
    weeks = draw(st.integers(16, 40))
    deadline = START + dt.timedelta(weeks=weeks)
    unit = draw(st.sampled_from(["working", "calendar"]))
    n = draw(st.integers(1, 7))
    reqs = []
    for k in range(n):
        region = draw(st.sampled_from([*REGIONS, None]))
        size = draw(st.integers(1, 3))
        reqs.append(
            VisitRequirement(
                hospital=f"H{k}",
                authority=f"auth-{region or 'city'}",
                region=region,
                min_days=draw(st.integers(1, 5)),
                day_unit=unit,  # type: ignore[arg-type]
                team_size=size,
                min_external=draw(st.integers(0, 1)) if region else 0,
                need_leader=draw(st.booleans()),
                officials=draw(st.integers(0, 1)),
                group=draw(st.sampled_from([None, None, "G0", "G1"])),
                locality=draw(st.sampled_from(REGIONS)),
            )
        )
    people = []
    for k in range(draw(st.integers(8, 14))):
        roles = {hi.Role.EXPERT, hi.Role.TEAM_LEADER} if k % 2 else {hi.Role.EXPERT}
        people.append(
            hi.Expert(
                id=f"E{k:02d}",
                name="某",
                home_region=REGIONS[k % 3],
                roles=roles,
                unavailable=draw(ranges(START, deadline, 2)),
            )
        )
    for k in range(3):
        people.append(
            hi.Expert(
                id=f"O{k}",
                name="某",
                home_region="a",
                roles={hi.Role.OFFICIAL},
                unavailable=draw(ranges(START, deadline, 1)),
            )
        )
    objective = objective or draw(st.sampled_from(["earliest", "spread", "balanced", "local"]))
    years = sorted({START.year, deadline.year})
    per_year = {y: 1 / len(years) for y in years} if objective == "spread" else None
    return ScheduleRequest(
        requirements=reqs,
        experts=people,
        calendar=Weekdays(),
        start=START,
        deadline=deadline,
        unavailable={"E00": draw(ranges(START, deadline, 1))},
        hospital_blackout={f"H{k}": draw(ranges(START, deadline, 1)) for k in range(n)},
        max_days_per_person=draw(st.sampled_from([None, 12, 30])),
        max_days_per_person_per_year=draw(st.sampled_from([None, 10, 25])),
        min_rest_days=draw(st.integers(0, 3)),
        notice_days=draw(st.integers(0, 8)),
        objective=objective,  # type: ignore[arg-type]
        per_year=per_year,
    )


def working_between(a: dt.date, b: dt.date) -> int:
    """Mon–Fri days strictly between ``a`` and ``b``."""
    return sum(1 for d in days(a + ONE_DAY, b - ONE_DAY) if d.weekday() < 5)


def outings(plan: hi.Plan) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """Per person, the distinct (first, last) stretches they are on site, in date order."""
    out: dict[str, set[tuple[dt.date, dt.date]]] = defaultdict(set)
    for v in plan.visits:
        for person in v.people:
            out[person].add((v.first_day, v.last_day))
    return {p: sorted(x) for p, x in out.items()}
