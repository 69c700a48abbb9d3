"""An independent check of a plan against the request it was built for (private).

Written apart from the scheduler (it looks only at dates, people and the request) so that tests
and benchmarks can trust it; at merge it is cross-checked against the compliance checker.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict

from hospital_inspection.enums import DayUnit, Role
from hospital_inspection.i18n import N_, Message
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
    return [str(m) for m in _visit_problems(v, r, request)]


def _visit_problems(v: Visit, r: VisitRequirement, request: ScheduleRequest) -> list[Message]:
    """:func:`check_visit`'s problems as messages (worded per language)."""
    out: list[Message] = []
    visit = repr(v.id)

    def say(message: str, **params: object) -> None:
        out.append(Message(message, {"visit": visit, **params}))

    people = {e.id: e for e in request.experts}
    if (v.hospital, v.authority, v.kind) != (r.hospital, r.authority, r.kind):
        say(N_("visit {visit}: hospital, authority or kind differ from its requirement"))
    cal = request.calendar
    pinned = any(x.id == v.id for x in request.pinned)
    first, last = v.first_day.isoformat(), v.last_day.isoformat()
    if v.first_day < request.start and not pinned:
        say(
            N_("visit {visit}: starts {first:date} before the window opens on {start:date}"),
            first=first,
            start=request.start.isoformat(),
        )
    if v.last_day > request.deadline:
        say(
            N_("visit {visit}: ends {last:date} after the deadline {deadline:date}"),
            last=last,
            deadline=request.deadline.isoformat(),
        )
    span = _days(v.first_day, v.last_day)
    hit = sorted(d for d in span if d in request.blackout)
    if hit:
        say(N_("visit {visit}: includes blackout date {day:date}"), day=hit[0].isoformat())
    closed = request.hospital_blackout.get(v.hospital, frozenset())
    hit = sorted(d for d in span if d in closed)
    if hit:
        say(
            N_("visit {visit}: includes {day:date}, when hospital {hospital} cannot be visited"),
            day=hit[0].isoformat(),
            hospital=repr(v.hospital),
        )
    if r.earliest is not None and v.first_day < r.earliest:
        say(
            N_("visit {visit}: starts {first:date} before its earliest day {earliest:date}"),
            first=first,
            earliest=r.earliest.isoformat(),
        )
    if r.latest is not None and v.last_day > r.latest:
        say(
            N_("visit {visit}: ends {last:date} after its latest day {latest:date}"),
            last=last,
            latest=r.latest.isoformat(),
        )
    if request.notice_days and not pinned:
        opens = _nth_working_day(request, request.notice_days)
        if v.first_day < opens:
            say(
                N_(
                    "visit {visit}: starts {first:date}, before {opens:date} ({n} working days "
                    "of notice)"
                ),
                first=first,
                opens=opens.isoformat(),
                n=request.notice_days,
            )
    if not cal.is_working_day(v.first_day):
        say(N_("visit {visit}: starts on {first:date}, not a working day"), first=first)
    if r.day_unit is DayUnit.WORKING:
        if not cal.is_working_day(v.last_day):
            say(N_("visit {visit}: ends on {last:date}, not a working day"), last=last)
        n = sum(1 for d in span if cal.is_working_day(d))
        if n < r.min_days:
            say(
                N_("visit {visit}: {n} working days on site; at least {min} required"),
                n=n,
                min=r.min_days,
            )
    elif len(span) < r.min_days:
        say(
            N_("visit {visit}: {n} calendar days on site; at least {min} required"),
            n=len(span),
            min=r.min_days,
        )
    experts = [m for m in v.team if m.role in (Role.EXPERT, Role.TEAM_LEADER)]
    officials = [m for m in v.team if m.role is Role.OFFICIAL]
    for m in v.team:
        person = people.get(m.person)
        who = repr(m.person)
        if person is None:
            say(N_("visit {visit}: {person} is not among the request's people"), person=who)
            continue
        if m.role in (Role.EXPERT, Role.TEAM_LEADER) and not person.is_expert:
            say(N_("visit {visit}: {person} sits as an expert but is not one"), person=who)
        if not person.can(m.role) and m.role is not Role.EXPERT:
            say(
                N_("visit {visit}: {person} cannot take the role {role}"),
                person=who,
                role=m.role.label,
            )
        if person.employer == v.hospital:
            say(N_("visit {visit}: {person} works for the hospital inspected (回避)"), person=who)
        if m.person in r.excluded:
            say(N_("visit {visit}: {person} is excluded from this visit (回避)"), person=who)
        off = sorted(d for d in span if d in request.blocked(person))
        if off:
            say(
                N_("visit {visit}: {person} is unavailable on {day:date}"),
                person=who,
                day=off[0].isoformat(),
            )
    # a medical group's one team is as big as its biggest member's
    if len(experts) != r.team_size and (r.group is None or len(experts) < r.team_size):
        say(
            N_("visit {visit}: {n} experts on the team; {size} required"),
            n=len(experts),
            size=r.team_size,
        )
    if r.need_leader and v.leader is None:
        say(N_("visit {visit}: no team leader"))
    if r.region is not None:
        external = sum(
            1 for m in experts if m.person in people and people[m.person].home_region != r.region
        )
        if external < r.min_external:
            say(
                N_(
                    "visit {visit}: {n} experts from outside region {region}; "
                    "at least {min} required"
                ),
                n=external,
                region=repr(r.region),
                min=r.min_external,
            )
    if len(officials) < r.officials:
        say(
            N_("visit {visit}: {n} officials; {wanted} required"),
            n=len(officials),
            wanted=r.officials,
        )
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


def _people_checks(plan: Plan, request: ScheduleRequest, groups: dict[str, str]) -> list[Message]:
    """Double booking, rest days and caps, person by person."""
    out: list[Message] = []
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
            pair = {"person": repr(person), "a": repr(a.id), "b": repr(b.id)}
            if a.overlaps(b):
                out.append(
                    Message(N_("{person} is on visits {a} and {b} on the same day(s)"), pair)
                )
            elif rest and _working_between(request, a.last_day, b.first_day) < rest:
                out.append(
                    Message(
                        N_(
                            "{person} has fewer than {rest} working days of rest between visits "
                            "{a} and {b}"
                        ),
                        {**pair, "rest": rest},
                    )
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
            out.append(
                Message(
                    N_("{person} serves {n} working days; at most {cap} allowed"),
                    {"person": repr(person), "n": total, "cap": cap},
                )
            )
        for y in sorted(per_year):
            if year_cap is not None and per_year[y] > year_cap:
                out.append(
                    Message(
                        N_(
                            "{person} serves {n} working days in {year}; at most {cap} allowed "
                            "per year"
                        ),
                        {"person": repr(person), "n": per_year[y], "year": y, "cap": year_cap},
                    )
                )
    return out


def _group_checks(plan: Plan, request: ScheduleRequest) -> list[Message]:
    out: list[Message] = []
    by_id = {v.id: v for v in plan.visits}
    groups: dict[str, list[Visit]] = defaultdict(list)
    for r in request.requirements:
        if r.group is not None and r.id in by_id:
            groups[r.group].append(by_id[r.id])
    for g in sorted(groups):
        first, *others = groups[g]
        for x in others:
            pair = {"group": repr(g), "a": repr(first.id), "b": repr(x.id)}
            if (x.first_day, x.last_day) != (first.first_day, first.last_day):
                out.append(
                    Message(N_("group {group}: visits {a} and {b} have different dates"), pair)
                )
            if set(x.team) != set(first.team):
                out.append(
                    Message(N_("group {group}: visits {a} and {b} have different teams"), pair)
                )
    return out


def verify(plan: Plan, request: ScheduleRequest, *, lang: str = "en") -> list[str]:
    """Every way ``plan`` breaks ``request``; an empty list when it keeps every constraint.

    Each problem is a sentence in ``lang`` (``"en"``, the default, or ``"zh"``, see
    :func:`hospital_inspection.i18n.resolve`).

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
    >>> verify(Plan(id="P", policy="x", authority="d-a"), request, lang="zh")
    ["排期要求 'H1-regular'：计划中没有对应的巡查"]
    """
    return [m.text(lang) for m in _problems(plan, request)]


def _problems(plan: Plan, request: ScheduleRequest) -> list[Message]:
    """:func:`verify`'s problems as messages."""
    out: list[Message] = []
    by_id = {v.id: v for v in plan.visits}
    wanted = {r.id for r in request.requirements}
    for r in request.requirements:
        v = by_id.get(r.id)
        if v is None:
            out.append(
                Message(
                    N_("requirement {requirement}: no visit in the plan"),
                    {"requirement": repr(r.id)},
                )
            )
            continue
        out.extend(_visit_problems(v, r, request))
    out.extend(
        Message(N_("visit {visit}: matches no requirement"), {"visit": repr(x)})
        for x in sorted(set(by_id) - wanted)
    )
    for pin in request.pinned:
        if by_id.get(pin.id) not in (None, pin):
            out.append(
                Message(
                    N_("visit {visit}: pinned, but the plan changed it"), {"visit": repr(pin.id)}
                )
            )
    out.extend(_group_checks(plan, request))
    groups = {r.id: r.group for r in request.requirements if r.group is not None}
    out.extend(_people_checks(plan, request, groups))
    return out
