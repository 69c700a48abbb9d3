"""An independent check of a plan against the request it was built for (private).

Written apart from the scheduler (it looks only at dates, people and the request) so that tests
and benchmarks can trust it; at merge it is cross-checked against the compliance checker.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from hospital_inspection.enums import DayUnit, Role
from hospital_inspection.model.visits import Plan, Visit
from hospital_inspection.scheduling._model import ScheduleRequest, VisitRequirement

__all__ = ["check_visit", "verify"]

_ONE_DAY = dt.timedelta(days=1)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    out = []
    d = first
    while d <= last:
        out.append(d)
        d += _ONE_DAY
    return out


def check_visit(v: Visit, r: VisitRequirement, request: ScheduleRequest) -> list[str]:
    """Every way visit ``v`` breaks its requirement ``r`` on its own (people checks aside)."""
    out: list[str] = []
    where = f"visit {v.id!r}"
    people = {e.id: e for e in request.experts}
    if (v.hospital, v.authority, v.kind) != (r.hospital, r.authority, r.kind):
        out.append(f"{where}: hospital, authority or kind differ from its requirement")
    cal = request.calendar
    pinned = any(x.id == v.id for x in request.pinned)
    if v.first_day < request.start and not pinned:
        out.append(f"{where}: starts {v.first_day} before the window opens on {request.start}")
    if v.last_day > request.deadline:
        out.append(f"{where}: ends {v.last_day} after the deadline {request.deadline}")
    span = _days(v.first_day, v.last_day)
    hit = sorted(d for d in span if d in request.blackout)
    if hit:
        out.append(f"{where}: includes blackout date {hit[0]}")
    closed = request.hospital_blackout.get(v.hospital, frozenset())
    hit = sorted(d for d in span if d in closed)
    if hit:
        out.append(f"{where}: includes {hit[0]}, when hospital {v.hospital!r} cannot be visited")
    if r.earliest is not None and v.first_day < r.earliest:
        out.append(f"{where}: starts {v.first_day} before its earliest day {r.earliest}")
    if r.latest is not None and v.last_day > r.latest:
        out.append(f"{where}: ends {v.last_day} after its latest day {r.latest}")
    if request.notice_days and not pinned:
        opens = _nth_working_day(request, request.notice_days)
        if v.first_day < opens:
            out.append(
                f"{where}: starts {v.first_day}, before {opens} ({request.notice_days} working "
                "days of notice)"
            )
    if not cal.is_working_day(v.first_day):
        out.append(f"{where}: starts on {v.first_day}, not a working day")
    if r.day_unit is DayUnit.WORKING:
        if not cal.is_working_day(v.last_day):
            out.append(f"{where}: ends on {v.last_day}, not a working day")
        n = sum(1 for d in span if cal.is_working_day(d))
        if n < r.min_days:
            out.append(f"{where}: {n} working days on site; at least {r.min_days} required")
    elif len(span) < r.min_days:
        out.append(f"{where}: {len(span)} calendar days on site; at least {r.min_days} required")
    experts = [m for m in v.team if m.role in (Role.EXPERT, Role.TEAM_LEADER)]
    officials = [m for m in v.team if m.role is Role.OFFICIAL]
    for m in v.team:
        person = people.get(m.person)
        if person is None:
            out.append(f"{where}: {m.person!r} is not among the request's people")
            continue
        if m.role in (Role.EXPERT, Role.TEAM_LEADER) and not person.is_expert:
            out.append(f"{where}: {m.person!r} sits as an expert but is not one")
        if not person.can(m.role) and m.role is not Role.EXPERT:
            out.append(f"{where}: {m.person!r} cannot take the role {m.role.label}")
        if person.employer == v.hospital:
            out.append(f"{where}: {m.person!r} works for the hospital inspected (回避)")
        if m.person in r.excluded:
            out.append(f"{where}: {m.person!r} is excluded from this visit (回避)")
        off = sorted(d for d in span if d in request.blocked(person))
        if off:
            out.append(f"{where}: {m.person!r} is unavailable on {off[0]}")
    # a medical group's one team is as big as its biggest member's
    if len(experts) != r.team_size and (r.group is None or len(experts) < r.team_size):
        out.append(f"{where}: {len(experts)} experts on the team; {r.team_size} required")
    if r.need_leader and v.leader is None:
        out.append(f"{where}: no team leader")
    if r.region is not None:
        external = sum(
            1 for m in experts if m.person in people and people[m.person].home_region != r.region
        )
        if external < r.min_external:
            out.append(
                f"{where}: {external} experts from outside region {r.region!r}; "
                f"at least {r.min_external} required"
            )
    if len(officials) < r.officials:
        out.append(f"{where}: {len(officials)} officials; {r.officials} required")
    return out


def _nth_working_day(request: ScheduleRequest, n: int) -> dt.date:
    """The working day ``n`` working days after the start (day 0: the first on or after it)."""
    cal = request.calendar
    d = request.start
    seen = -1
    while True:
        if cal.is_working_day(d):
            seen += 1
            if seen == n:
                return d
        d += _ONE_DAY


def _working_between(request: ScheduleRequest, a: dt.date, b: dt.date) -> int:
    """Working days strictly between ``a`` and ``b``."""
    cal = request.calendar
    return sum(1 for d in _days(a + _ONE_DAY, b - _ONE_DAY) if cal.is_working_day(d))


def _people_checks(plan: Plan, request: ScheduleRequest, groups: dict[str, str]) -> list[str]:
    """Double booking, rest days and caps, person by person."""
    out: list[str] = []
    busy: dict[str, list[Visit]] = defaultdict(list)
    for v in plan.visits:
        for person in v.people:
            busy[person].append(v)
    cal = request.calendar
    cap, year_cap, rest = (
        request.max_days_per_person, request.max_days_per_person_per_year, request.min_rest_days
    )  # fmt: skip
    for person in sorted(busy):
        visits = sorted(busy[person], key=lambda x: (x.first_day, x.id))
        # the visits of one medical group with the same dates are one outing
        outings: list[Visit] = []
        for x in visits:
            last = outings[-1] if outings else None
            if (
                last is not None
                and groups.get(x.id) is not None
                and groups.get(x.id) == groups.get(last.id)
                and (x.first_day, x.last_day) == (last.first_day, last.last_day)
            ):
                continue
            outings.append(x)
        for a, b in itertools.pairwise(outings):
            if a.overlaps(b):
                out.append(f"{person!r} is on visits {a.id!r} and {b.id!r} on the same day(s)")
            elif rest and _working_between(request, a.last_day, b.first_day) < rest:
                out.append(
                    f"{person!r} has fewer than {rest} working days of rest between visits "
                    f"{a.id!r} and {b.id!r}"
                )
        if cap is None and year_cap is None:
            continue
        per_year: dict[int, int] = defaultdict(int)
        for x in outings:
            for d in _days(x.first_day, x.last_day):
                if cal.is_working_day(d):
                    per_year[d.year] += 1
        total = sum(per_year.values())
        if cap is not None and total > cap:
            out.append(f"{person!r} serves {total} working days; at most {cap} allowed")
        for y in sorted(per_year):
            if year_cap is not None and per_year[y] > year_cap:
                out.append(
                    f"{person!r} serves {per_year[y]} working days in {y}; at most {year_cap} "
                    "allowed per year"
                )
    return out


def _group_checks(plan: Plan, request: ScheduleRequest) -> list[str]:
    out: list[str] = []
    by_id = {v.id: v for v in plan.visits}
    groups: dict[str, list[Visit]] = defaultdict(list)
    for r in request.requirements:
        if r.group is not None and r.id in by_id:
            groups[r.group].append(by_id[r.id])
    for g in sorted(groups):
        first, *others = groups[g]
        for x in others:
            if (x.first_day, x.last_day) != (first.first_day, first.last_day):
                out.append(f"group {g!r}: visits {first.id!r} and {x.id!r} have different dates")
            if set(x.team) != set(first.team):
                out.append(f"group {g!r}: visits {first.id!r} and {x.id!r} have different teams")
    return out


def verify(plan: Plan, request: ScheduleRequest) -> list[str]:
    """Every way ``plan`` breaks ``request``; an empty list when it keeps every constraint.

    Checks one visit per requirement (same hospital, authority and kind), the dates (inside the
    window, on working days for working-day visits, long enough, no blackout date), the team
    (size, leader, external experts, officials, roles, 回避), that nobody serves on a day they
    are unavailable or is on two visits that share a day (the visits of one medical group with
    the same dates and team are one outing), the rest days and the caps per person, the
    hospitals' blackout days, the notice, each visit's earliest and latest day, that pinned
    visits are unchanged and that a group's visits share their dates and team.

    >>> import datetime as dt
    >>> from hospital_inspection import Plan
    >>> from hospital_inspection.scheduling import ScheduleRequest, VisitRequirement
    >>> class Weekdays:
    ...     def is_working_day(self, d): return d.weekday() < 5
    >>> req = VisitRequirement(hospital="H1", authority="d-a", region=None, min_days=2,
    ...                        team_size=1, need_leader=False)
    >>> request = ScheduleRequest(requirements=[req], experts=[], calendar=Weekdays(),
    ...                           start=dt.date(2025, 3, 3), deadline=dt.date(2025, 3, 31))
    >>> verify(Plan(id="P", policy="x", authority="d-a"), request)
    ["requirement 'H1-regular': no visit in the plan"]
    """
    out: list[str] = []
    by_id = {v.id: v for v in plan.visits}
    wanted = {r.id for r in request.requirements}
    for r in request.requirements:
        v = by_id.get(r.id)
        if v is None:
            out.append(f"requirement {r.id!r}: no visit in the plan")
            continue
        out.extend(check_visit(v, r, request))
    out.extend(f"visit {x!r}: matches no requirement" for x in sorted(set(by_id) - wanted))
    for pin in request.pinned:
        if by_id.get(pin.id) not in (None, pin):
            out.append(f"visit {pin.id!r}: pinned, but the plan changed it")
    out.extend(_group_checks(plan, request))
    groups = {r.id: r.group for r in request.requirements if r.group is not None}
    out.extend(_people_checks(plan, request, groups))
    return out
