"""A request compiled to integers: people, units of visits and per-person limits (private).

A *unit* is what the scheduler places: one visit, or every visit of one medical group (医联体),
which share their dates and team. Days are working-day indices of the window; who cannot serve
when is kept as date ordinals (a visit is on site on every date from its first to its last day).
"""

from __future__ import annotations

import bisect
import datetime as dt

import attrs

from hospital_inspection.enums import Role
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Visit
from hospital_inspection.scheduling._model import ScheduleRequest, VisitRequirement
from hospital_inspection.scheduling._window import Span, Window

__all__ = ["Person", "Problem", "Task"]

_ONE_DAY = dt.timedelta(days=1)


@attrs.define(slots=True)
class Task:
    """One unit of visits, compiled: the numbers its team needs and where it may sit."""

    index: int
    reqs: list[VisitRequirement]
    span: Span
    ext: frozenset[int]  # region codes an external expert must be from outside of; empty: none
    excluded: frozenset[int]  # expert indices barred from the team
    excluded_officials: frozenset[int]
    team_size: int
    min_external: int
    need_leader: bool
    officials: int
    lo: int  # the first day index it may start
    hi: int  # the last day index it may end
    local: int = -1  # region code of the hospital's district ("local" objective); -1: none
    pinned: list[Visit] | None = None

    @property
    def req(self) -> VisitRequirement:
        """The unit's first requirement (its id names the unit)."""
        return self.reqs[0]

    @property
    def region(self) -> int:
        """The single external region code, -1 when none (kept for the bounds)."""
        return next(iter(self.ext)) if len(self.ext) == 1 else -1


class Person:
    """What limits one person: dates they cannot serve (ordinals, sorted) and the caps."""

    __slots__ = ("blocked",)

    def __init__(self, blocked: list[tuple[int, int]]) -> None:
        #: sorted, disjoint ``(first, last)`` ordinal ranges the person cannot be on site.
        self.blocked = blocked

    def free_between(self, first: int, last: int) -> bool:
        """True when no blocked date lies in ``[first, last]`` (date ordinals)."""
        b = self.blocked
        if not b:
            return True
        k = bisect.bisect_right(b, (last, 1 << 62))
        return k == 0 or b[k - 1][1] < first


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1] + 1:
            if b > out[-1][1]:
                out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _ranges(days: frozenset[dt.date]) -> list[tuple[int, int]]:
    return _merge([(d.toordinal(), d.toordinal()) for d in days])


def serial_horizon(request: ScheduleRequest) -> int:
    """Working days that always suffice: every visit one after another (issue 16).

    A visit that fits at all fits once every other visit has ended (nobody is then busy), so
    the greedy never needs a later day; each blackout date can push a visit on by at most its
    own length. The window needs no calendar data past this many working days.
    """
    lengths = [r.min_days for r in request.requirements] or [1]
    return sum(lengths) + (len(frozenset(request.blackout)) + 1) * max(lengths)


def _plain(request: ScheduleRequest) -> bool:
    """No office constraint that could need days past the serial horizon."""
    return not (
        request.unavailable
        or request.hospital_blackout
        or request.max_days_per_person is not None
        or request.max_days_per_person_per_year is not None
        or request.min_rest_days
        or request.pinned
        or request.notice_days
        or request.objective != "earliest"
        or any(r.earliest or r.latest for r in request.requirements)
        or any(e.unavailable for e in request.experts)
    )


class Problem:
    """The request with experts and officials numbered in id order (the tie-break everywhere).

    Only people with ``Role.EXPERT`` are experts; people with ``Role.OFFICIAL`` and not
    ``Role.EXPERT`` are officials. Both pools are sorted by id.
    """

    def __init__(self, request: ScheduleRequest) -> None:
        self.request = request
        # the shortened window (issue 16) assumes a visit fits once all others have ended;
        # an office's constraints (days off, caps, pins, notice, yearly windows) break that
        w = Window(
            request.calendar,
            request.start,
            request.deadline,
            request.blackout,
            horizon=serial_horizon(request) if _plain(request) else None,
        )
        self.window = w
        people = sorted(request.experts, key=lambda e: e.id)
        self.experts: list[Expert] = [e for e in people if e.is_expert]
        self.officials: list[Expert] = [
            e for e in people if Role.OFFICIAL in e.roles and not e.is_expert
        ]
        regions = sorted(
            {e.home_region for e in self.experts}
            | {r.region for r in request.requirements if r.region is not None}
        )
        self.region_names = regions
        code = {g: i for i, g in enumerate(regions)}
        self.region_of: list[int] = [code[e.home_region] for e in self.experts]
        self.is_leader: list[bool] = [e.can(Role.TEAM_LEADER) for e in self.experts]
        self.leaders_matter = any(r.need_leader for r in request.requirements)
        self.expert_index = expert_index = {e.id: i for i, e in enumerate(self.experts)}
        self.official_index = official_index = {e.id: i for i, e in enumerate(self.officials)}
        employees: dict[str, set[int]] = {}
        for i, e in enumerate(self.experts):
            if e.employer is not None:
                employees.setdefault(e.employer, set()).add(i)
        official_employees: dict[str, set[int]] = {}
        for i, e in enumerate(self.officials):
            if e.employer is not None:
                official_employees.setdefault(e.employer, set()).add(i)
        # -- per-day facts -------------------------------------------------------------------
        self.ordinal: list[int] = [d.toordinal() for d in w.days]
        self.year_of: list[int] = [d.year for d in w.days]
        self.year_first: dict[int, int] = {}
        for k, y in enumerate(self.year_of):
            self.year_first.setdefault(y, k)
        #: the window's calendar years numbered from 0 (``year_number[2025] == 0``), the number
        #: of each day's year, and ``year_next[y]``: the first day of the year after the
        #: ``y``-th (the window's length after the last)
        self.year_number: dict[int, int] = {y: n for n, y in enumerate(self.year_first)}
        self.year_index: list[int] = [self.year_number[y] for y in self.year_of]
        self.year_next: list[int] = [*list(self.year_first.values())[1:], len(w)]
        self.rest = request.min_rest_days
        self.cap = request.max_days_per_person
        self.year_cap = request.max_days_per_person_per_year
        notice = request.notice_days
        # -- units ---------------------------------------------------------------------------
        pinned = {v.id: v for v in request.pinned}
        units: dict[str, list[VisitRequirement]] = {}
        order: list[list[VisitRequirement]] = []
        for r in request.requirements:
            if r.group is None:
                order.append([r])
                continue
            if r.group not in units:
                units[r.group] = []
                order.append(units[r.group])
            units[r.group].append(r)
        self.tasks: list[Task] = []
        blackouts = request.hospital_blackout
        n_days = len(w)
        no_excluded: frozenset[int] = frozenset()
        for k, reqs in enumerate(order):
            r0 = reqs[0]
            if len(reqs) == 1 and not r0.excluded:  # the common case, kept quick
                barred = employees.get(r0.hospital)
                barred_off = official_employees.get(r0.hospital)
                excluded = frozenset(barred) if barred else no_excluded
                excluded_off = frozenset(barred_off) if barred_off else no_excluded
                ext = frozenset((code[r0.region],)) if r0.region and r0.min_external else None
                team_size, min_external = r0.team_size, r0.min_external
                need_leader, officials = r0.need_leader, r0.officials
                span = w.span(r0.day_unit, r0.min_days)
            else:
                b_e: set[int] = set()
                b_o: set[int] = set()
                ext_set: set[int] = set()
                for r in reqs:
                    b_e.update(employees.get(r.hospital, ()))
                    b_e.update(expert_index[x] for x in r.excluded if x in expert_index)
                    b_o.update(official_employees.get(r.hospital, ()))
                    b_o.update(official_index[x] for x in r.excluded if x in official_index)
                    if r.region is not None and r.min_external:
                        ext_set.add(code[r.region])
                excluded, excluded_off, ext = frozenset(b_e), frozenset(b_o), frozenset(ext_set)
                team_size = max(r.team_size for r in reqs)
                min_external = max(r.min_external for r in reqs)
                need_leader = any(r.need_leader for r in reqs)
                officials = max(r.officials for r in reqs)
                span = w.span(r0.day_unit, max(r.min_days for r in reqs))
            if blackouts:
                closed = frozenset().union(*(blackouts.get(r.hospital, ()) for r in reqs))
                if closed:
                    span = span.without(w, closed)
            lo = notice
            hi = n_days - 1
            for r in reqs:
                if r.earliest is not None:
                    lo = max(lo, bisect.bisect_left(w.days, r.earliest))
                if r.latest is not None:
                    hi = min(hi, bisect.bisect_right(w.days, r.latest) - 1)
            pins = [pinned[r.id] for r in reqs if r.id in pinned] if pinned else None
            self.tasks.append(
                Task(
                    index=k,
                    reqs=reqs,
                    span=span,
                    ext=ext if ext is not None else no_excluded,
                    excluded=excluded,
                    excluded_officials=excluded_off,
                    team_size=team_size,
                    min_external=min_external,
                    need_leader=need_leader,
                    officials=officials,
                    lo=lo,
                    hi=hi,
                    local=code.get(r0.locality, -1) if r0.locality else -1,
                    pinned=pins or None,
                )
            )
        self.visit_count = len(request.requirements)
        #: the fewest working days any unplaced unit occupies (a person below it is spent).
        self.least_occupation = min(
            (t.span.min_occupation for t in self.tasks if t.pinned is None), default=1
        )
        # -- people's limits -----------------------------------------------------------------
        self.pinned_load: dict[str, dict[int, int]] = {}  # person -> year -> working days
        pin_ranges: dict[str, list[tuple[int, int]]] = {}
        cal = request.calendar
        for v in request.pinned:
            a, b = self._rest_margin(v.first_day, v.last_day)
            days = [d for d in _dates(v.first_day, v.last_day) if cal.is_working_day(d)]
            for person in dict.fromkeys(v.people):
                pin_ranges.setdefault(person, []).append((a, b))
                years = self.pinned_load.setdefault(person, {})
                for d in days:
                    years[d.year] = years.get(d.year, 0) + 1
        self.people_e = [self._person(e, pin_ranges) for e in self.experts]
        self.people_o = [self._person(e, pin_ranges) for e in self.officials]
        self.constrained = bool(
            request.pinned
            or request.unavailable
            or any(e.unavailable for e in people)
            or self.cap is not None
            or self.year_cap is not None
        )

    def _person(self, e: Expert, pins: dict[str, list[tuple[int, int]]]) -> Person:
        return Person(_merge(_ranges(self.request.blocked(e)) + pins.get(e.id, [])))

    def _rest_margin(self, first: dt.date, last: dt.date) -> tuple[int, int]:
        """The ordinals a pinned visit keeps its people from: itself and the rest days around."""
        cal = self.request.calendar
        a, b = first, last
        for _ in range(self.rest):
            a -= _ONE_DAY
            while not cal.is_working_day(a):
                a -= _ONE_DAY
            b += _ONE_DAY
            while not cal.is_working_day(b):
                b += _ONE_DAY
        return a.toordinal(), b.toordinal()

    def load_of(self, person: str) -> dict[int, int]:
        """Working days ``person`` already serves on pinned visits, per year."""
        return self.pinned_load.get(person, {})

    def eligible(self, task: Task) -> list[int]:
        """Experts who may sit on the task's team."""
        return [i for i in range(len(self.experts)) if i not in task.excluded]

    def is_external(self, task: Task, i: int) -> bool:
        """True when expert ``i`` counts as external for the task."""
        return bool(task.ext) and self.region_of[i] not in task.ext

    def years(self, s: int, e: int) -> list[tuple[int, int]]:
        """``(year, working days)`` of the days ``s`` to ``e`` of the window."""
        year_of = self.year_of
        if year_of[s] == year_of[e]:
            return [(year_of[s], e - s + 1)]
        out: dict[int, int] = {}
        for k in range(s, e + 1):
            out[year_of[k]] = out.get(year_of[k], 0) + 1
        return sorted(out.items())


def _dates(first: dt.date, last: dt.date) -> list[dt.date]:
    out = []
    d = first
    while d <= last:
        out.append(d)
        d += _ONE_DAY
    return out
