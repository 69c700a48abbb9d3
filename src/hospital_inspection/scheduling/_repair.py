"""Repair a plan after it changed: keep what can be kept, move or re-staff the rest.

The changes an office meets once a plan is announced are records with an ``explain`` method, so
that :meth:`Plan.diff <hospital_inspection.Plan.diff>` can say why each visit changed:
:class:`PersonUnavailable` (someone drops out from a date), :class:`HospitalMoves` (a hospital
asks for other dates), :class:`HospitalJoins` (a new hospital to visit) and
:class:`VisitCancelled`.

:func:`reschedule` never moves a visit that started on or before ``as_of``. It tries, in turn:
keep every other visit exactly and swap only the people of the broken visits who cannot serve
(the rest of the team and the dates stay); re-staff those visits on their old dates; the same,
letting them move; then re-plan the visits that share a person with
them; then every future visit. The first that gives a plan breaking no rule wins, so the plan
changes as few visits as the greedy can manage.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import attrs

from hospital_inspection import _validate as v
from hospital_inspection._date_sets import DateSetError, to_date_set
from hospital_inspection.enums import Role, VisitKind
from hospital_inspection.errors import DataError, InfeasibleScheduleError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan, Visit
from hospital_inspection.policy import Policy, load_policy
from hospital_inspection.scheduling._adapter import (
    apply_team_roles,
    plain_team_roles,
    schedule_request,
)
from hospital_inspection.scheduling._greedy import solve
from hospital_inspection.scheduling._model import ScheduleRequest, ScheduleResult, VisitRequirement
from hospital_inspection.scheduling._verify import check_visit, verify

__all__ = [
    "Change",
    "HospitalJoins",
    "HospitalMoves",
    "PersonUnavailable",
    "VisitCancelled",
    "reschedule",
]

_ONE_DAY = dt.timedelta(days=1)


def _blackout(value: object) -> frozenset[dt.date]:
    try:
        return to_date_set(value)
    except DateSetError as exc:
        raise v.FieldError("blackout", exc.message, owner="HospitalMoves") from None


@attrs.frozen(kw_only=True)
class PersonUnavailable:
    """A person cannot serve from ``first`` to ``last`` (to the end of the round when ``None``).

    >>> away = PersonUnavailable(person="E07", first=dt.date(2025, 6, 1), last=dt.date(2025, 6, 30))
    >>> away.covers(dt.date(2025, 6, 30), dt.date(2025, 7, 4))
    True
    """

    person: str = attrs.field(validator=v.non_empty_str)
    first: dt.date = attrs.field(validator=v.is_date)
    last: dt.date | None = attrs.field(default=None, validator=v.optional_date)

    def __attrs_post_init__(self) -> None:
        if self.last is not None and self.last < self.first:
            before = N_("{last} is before first {first}")
            raise v.fail(self, "last", Message(before, {"last": self.last, "first": self.first}))

    def covers(self, first: dt.date, last: dt.date) -> bool:
        """True when the person is unavailable on a day of ``[first, last]``."""
        return self.first <= last and (self.last is None or first <= self.last)

    def explain(self, before: Visit | None, after: Visit | None) -> str | None:
        """Why a visit of this person changed."""
        reason = self.reason(before, after)
        return None if reason is None else str(reason)

    def reason(self, before: Visit | None, after: Visit | None) -> Message | None:
        """:meth:`explain` as a message (a front end words it in the reader's language)."""
        if before is None or self.person not in before.people:
            return None
        if not self.covers(before.first_day, before.last_day):
            return None
        if self.last is None:
            return Message(
                N_("{person} is unavailable from {first:date}"),
                {"person": self.person, "first": self.first},
            )
        return Message(
            N_("{person} is unavailable from {first:date} to {last:date}"),
            {"person": self.person, "first": self.first, "last": self.last},
        )


@attrs.frozen(kw_only=True)
class HospitalMoves:
    """A hospital asks for other dates: not before ``earliest``, not after ``latest``, and
    never on a ``blackout`` day (e.g. its 等级评审 week)."""

    hospital: str = attrs.field(validator=v.non_empty_str)
    earliest: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    latest: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    blackout: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_blackout)

    def __attrs_post_init__(self) -> None:
        if self.earliest is None and self.latest is None and not self.blackout:
            raise v.fail(self, "earliest", Message(N_("give earliest, latest or blackout days")))

    def explain(self, before: Visit | None, after: Visit | None) -> str | None:
        """Why this hospital's visit changed."""
        reason = self.reason(before, after)
        return None if reason is None else str(reason)

    def reason(self, before: Visit | None, after: Visit | None) -> Message | None:
        """:meth:`explain` as a message (a front end words it in the reader's language)."""
        some = before or after
        if some is None or some.hospital != self.hospital or before is None:
            return None
        return Message(N_("hospital {hospital} asked to move"), {"hospital": self.hospital})


@attrs.frozen(kw_only=True)
class HospitalJoins:
    """A hospital joins the round and needs a visit."""

    hospital: Hospital = attrs.field(validator=attrs.validators.instance_of(Hospital))

    def explain(self, before: Visit | None, after: Visit | None) -> str | None:
        """Why a visit was added."""
        reason = self.reason(before, after)
        return None if reason is None else str(reason)

    def reason(self, before: Visit | None, after: Visit | None) -> Message | None:
        """:meth:`explain` as a message (a front end words it in the reader's language)."""
        if before is None and after is not None and after.hospital == self.hospital.id:
            return Message(
                N_("hospital {hospital} joined the round"), {"hospital": self.hospital.id}
            )
        return None


@attrs.frozen(kw_only=True)
class VisitCancelled:
    """A visit is cancelled (not re-planned)."""

    visit: str = attrs.field(validator=v.non_empty_str)

    def explain(self, before: Visit | None, after: Visit | None) -> str | None:
        """Why a visit was removed."""
        reason = self.reason(before, after)
        return None if reason is None else str(reason)

    def reason(self, before: Visit | None, after: Visit | None) -> Message | None:
        """:meth:`explain` as a message (a front end words it in the reader's language)."""
        if after is None and before is not None and before.id == self.visit:
            return Message(N_("visit {visit} was cancelled"), {"visit": self.visit})
        return None


Change = PersonUnavailable | HospitalMoves | HospitalJoins | VisitCancelled
_CHANGES = (PersonUnavailable, HospitalMoves, HospitalJoins, VisitCancelled)
_VISIT_IDS = re.compile(r"visits? '([^']+)'|and '([^']+)'")


def _unavailable(
    changes: list[Change], given: dict[str, Any] | None, deadline: dt.date
) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {k: [val] if isinstance(val, str) else list(val)
                                 for k, val in (given or {}).items()}  # fmt: skip
    for c in changes:
        if isinstance(c, PersonUnavailable):
            last = c.last or max(deadline, c.first)
            out.setdefault(c.person, []).append((c.first, last))
    return out


def _apply_moves(request: ScheduleRequest, changes: list[Change]) -> ScheduleRequest:
    moves = {c.hospital: c for c in changes if isinstance(c, HospitalMoves)}
    cancelled = {c.visit for c in changes if isinstance(c, VisitCancelled)}
    reqs = []
    for r in request.requirements:
        if r.id in cancelled:
            continue
        m = moves.get(r.hospital)
        if m is not None:
            r = attrs.evolve(r, earliest=m.earliest or r.earliest, latest=m.latest or r.latest)
        reqs.append(r)
    blackout = dict(request.hospital_blackout)
    for h, m in moves.items():
        blackout[h] = blackout.get(h, frozenset()) | m.blackout
    return attrs.evolve(request, requirements=reqs, hospital_blackout=blackout)


def _only_past(note: str, past: set[str]) -> bool:
    ids = [a or b for a, b in _VISIT_IDS.findall(note)]
    return bool(ids) and all(x in past for x in ids)


def _attempt(request: ScheduleRequest, past: set[str]) -> ScheduleResult | None:
    try:
        result = solve(request)
    except InfeasibleScheduleError:
        return None
    if all(_only_past(n, past) for n in result.notes):
        return result
    return None


def _busy_days(visits: Iterable[Visit], rest: int, calendar: Any) -> dict[str, set[dt.date]]:
    """Per person, the days they are on site or resting around a visit."""
    out: dict[str, set[dt.date]] = {}
    for x in visits:
        first, last = x.first_day, x.last_day
        for _ in range(rest):
            first -= _ONE_DAY
            while not calendar.is_working_day(first):
                first -= _ONE_DAY
            last += _ONE_DAY
            while not calendar.is_working_day(last):
                last += _ONE_DAY
        days = {first + dt.timedelta(days=k) for k in range((last - first).days + 1)}
        for person in x.people:
            out.setdefault(person, set()).update(days)
    return out


def _swap(
    x: Visit, r: VisitRequirement, request: ScheduleRequest, others: list[Visit]
) -> Visit | None:
    """``x`` with the people who cannot serve on its dates replaced, or ``None``."""
    people = {e.id: e for e in request.experts}
    span = {x.first_day + dt.timedelta(days=k) for k in range(x.calendar_days)}
    out = [m for m in x.team if span & request.blocked(people[m.person])]
    if not out:
        return None
    busy = _busy_days(others, request.min_rest_days, request.calendar)
    team = list(x.team)
    on_team = {m.person for m in team}
    for m in out:
        was_external = r.region is not None and people[m.person].home_region != r.region
        fits = []
        for e in sorted(request.experts, key=lambda e: e.id):
            if e.id in on_team or e.id in r.excluded or e.employer == x.hospital:
                continue
            if m.role is Role.OFFICIAL:
                if e.is_expert or not e.can(Role.OFFICIAL):
                    continue
            elif not e.is_expert or (m.role is Role.TEAM_LEADER and not e.can(Role.TEAM_LEADER)):
                continue
            if span & request.blocked(e) or span & busy.get(e.id, set()):
                continue
            external = r.region is not None and e.home_region != r.region
            fits.append((was_external and not external, e.id))
        if not fits:
            return None
        pick = min(fits)[1]
        team[team.index(m)] = attrs.evolve(m, person=pick)
        on_team.add(pick)
    return attrs.evolve(x, team=tuple(team))


def _swap_all(
    broken: set[str], old: dict[str, Visit], base: ScheduleRequest, past: set[str]
) -> Plan | None:
    """Re-staff every broken visit on its own dates, or ``None`` when one cannot be."""
    wanted = {r.id: r for r in base.requirements}
    visits = dict(old)
    for vid in sorted(broken, key=lambda i: (old[i].first_day, i)):
        r = wanted[vid]
        if r.group is not None:
            return None
        new = _swap(visits[vid], r, base, [x for k, x in visits.items() if k != vid])
        if new is None:
            return None
        visits[vid] = new
        # the dates were announced: the swapped visit keeps them, exempt from the notice
        if check_visit(new, r, attrs.evolve(base, pinned=list(visits.values()))):
            return None
    missing = [r.id for r in base.requirements if r.id not in visits]
    if missing:
        return None
    request = attrs.evolve(base, pinned=list(visits.values()))
    plan = base.plan(visits[r.id] for r in base.requirements)
    if all(_only_past(n, past) for n in verify(plan, request)):
        return plan
    return None


def _pin_old_dates(r: VisitRequirement, old: Visit) -> VisitRequirement:
    earliest = max(old.first_day, r.earliest) if r.earliest else old.first_day
    latest = min(old.last_day, r.latest) if r.latest else old.last_day
    if latest < earliest:
        return r
    return attrs.evolve(r, earliest=earliest, latest=latest)


def reschedule(
    plan: Plan,
    hospitals: Iterable[Hospital],
    experts: Iterable[Expert],
    policy: Policy | str,
    *,
    authorities: AuthorityTree | Iterable[Authority],
    as_of: dt.date,
    changes: Iterable[Change] = (),
    **options: Any,
) -> Plan:
    """A compliant plan after ``changes``, changing as few visits of ``plan`` as it can.

    Args:
        plan: the plan announced.
        hospitals: the hospitals (a :class:`HospitalJoins` adds one).
        experts: the people.
        policy: the policy, or its id.
        authorities: the authority tree, or its nodes.
        as_of: today: visits that started on or before it are never moved; moved and new
            visits start after it (and after ``notice_days`` working days, if given).
        changes: what happened (:class:`PersonUnavailable`, :class:`HospitalMoves`,
            :class:`HospitalJoins`, :class:`VisitCancelled`).
        options: the options of :func:`~hospital_inspection.scheduling.schedule_request` the
            plan was made with (team size, caps, objective...), except ``start`` and
            ``pinned``.

    Returns:
        The repaired plan, with the old plan's id, policy, authority and round and the team
        roles :func:`~hospital_inspection.scheduling.schedule` gives (an official who leads is
        the team leader, 组长); compare with ``plan.diff(new, because=changes)``.

    Raises:
        DataError: a change that is not one of the four kinds, or names an unknown person.
        InfeasibleScheduleError: not even re-planning every future visit fits; the message
            names the binding constraint.
    """
    if isinstance(policy, str):
        policy = load_policy(policy)
    kind = VisitKind.parse(options.get("kind", VisitKind.REGULAR))
    plain = plain_team_roles(plan, policy, kind=kind)
    new = _repair(plain, hospitals, experts, policy, authorities=authorities, as_of=as_of,
                  changes=changes, **options)  # fmt: skip
    return apply_team_roles(new, policy, kind=kind)


def _repair(
    plan: Plan,
    hospitals: Iterable[Hospital],
    experts: Iterable[Expert],
    policy: Policy,
    *,
    authorities: AuthorityTree | Iterable[Authority],
    as_of: dt.date,
    changes: Iterable[Change],
    **options: Any,
) -> Plan:
    changes = list(changes)
    for k, c in enumerate(changes):
        if not isinstance(c, _CHANGES):
            raise DataError(
                Message(
                    N_(
                        "changes[{k}]: {value} is not a change; expected PersonUnavailable, "
                        "HospitalMoves, HospitalJoins or VisitCancelled"
                    ),
                    {"k": k, "value": repr(c)},
                )
            )
    for key in ("start", "pinned"):
        if key in options:
            raise DataError(
                Message(
                    N_("{key}: reschedule sets it from as_of and the plan; leave it out"),
                    {"key": key},
                )
            )
    if not isinstance(as_of, dt.date) or isinstance(as_of, dt.datetime):
        raise DataError(
            Message(N_("as_of: {value} is not a date (YYYY-MM-DD)"), {"value": repr(as_of)})
        )
    if isinstance(policy, str):
        policy = load_policy(policy)
    experts = tuple(experts)
    people = {e.id for e in experts}
    for k, c in enumerate(changes):
        if isinstance(c, PersonUnavailable) and c.person not in people:
            raise DataError(
                Message(
                    N_("changes[{k}].person: {person} is not among the experts"),
                    {"k": k, "person": repr(c.person)},
                )
            )
    hospitals = [*hospitals, *(c.hospital for c in changes if isinstance(c, HospitalJoins))]
    start = as_of + _ONE_DAY
    deadline = (
        options.pop("deadline", None)
        or policy.round_end(options.get("kind", VisitKind.REGULAR)).value
    )
    options["unavailable"] = _unavailable(changes, options.get("unavailable"), deadline)
    options.setdefault("plan_id", plan.id)
    options.setdefault("owner", plan.authority)
    if plan.round is not None:
        options.setdefault("round", plan.round)
    base = schedule_request(hospitals, experts, policy, authorities=authorities, start=start,
                            deadline=deadline, **options)  # fmt: skip
    base = _apply_moves(base, changes)
    wanted = {r.id: r for r in base.requirements}
    old = {x.id: x for x in plan.visits if x.id in wanted}
    past = {x.id for x in old.values() if x.first_day <= as_of}
    future = [x for x in old.values() if x.id not in past]
    # a visit kept as announced is exempt from the notice (it was given) and the window start
    kept = attrs.evolve(base, pinned=list(old.values()))
    broken = {x.id for x in future if check_visit(x, wanted[x.id], kept)}
    groups: dict[str, set[str]] = {}
    for r in base.requirements:
        if r.group is not None:
            groups.setdefault(r.group, set()).add(r.id)
    for r in base.requirements:
        if r.id in broken and r.group is not None:
            broken |= groups[r.group]
    busy = {p for x in future if x.id in broken for p in x.people}
    sharing = {x.id for x in future if set(x.people) & busy} | broken
    swapped = _swap_all(broken, old, base, past) if broken else None
    if swapped is not None:
        return attrs.evolve(swapped, waivers=plan.waivers, reports=plan.reports)
    tries: list[tuple[set[str], bool]] = [
        (broken, True),
        (broken, False),
        (sharing, False),
        ({x.id for x in future}, False),
    ]
    for free, keep_dates in tries:
        pinned = [x for x in old.values() if x.id not in free]
        reqs = [
            _pin_old_dates(r, old[r.id]) if keep_dates and r.id in free and r.id in old else r
            for r in base.requirements
        ]
        try:
            request = attrs.evolve(base, requirements=reqs, pinned=pinned)
        except DataError:
            continue
        result = _attempt(request, past)
        if result is not None:
            return attrs.evolve(result.plan, waivers=plan.waivers, reports=plan.reports)
    final = attrs.evolve(base, pinned=[x for x in old.values() if x.id in past])
    return solve(final).plan  # raises, naming the binding constraint
