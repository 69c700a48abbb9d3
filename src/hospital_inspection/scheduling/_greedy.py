"""The default scheduler: serial list scheduling in working-day indices (private).

Each attempt takes the visits in one fixed order. Every expert (and official) has a day from
which they are free; for each visit the scheduler takes the earliest-free eligible people, in
(free day, id) order, until a valid team can be formed among them, starts the visit on the first
valid day at or after the day the last of them is free, and frees the team the day after the
visit ends. Orders depend on the requirements only, never on the experts (see ``_orders``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from collections.abc import Callable
from typing import TypeVar

import attrs

from hospital_inspection.enums import Role
from hospital_inspection.model._visit import _visit_assembler
from hospital_inspection.model.visits import Member, Visit
from hospital_inspection.scheduling import _objectives
from hospital_inspection.scheduling._bounds import Bounds, bounds
from hospital_inspection.scheduling._greedy_messages import _SHOWN as _SHOWN
from hospital_inspection.scheduling._greedy_messages import _class_members as _class_members
from hospital_inspection.scheduling._greedy_messages import _label as _label
from hospital_inspection.scheduling._greedy_messages import _names as _names
from hospital_inspection.scheduling._greedy_messages import diagnose as diagnose
from hospital_inspection.scheduling._greedy_messages import infeasible_error as infeasible_error
from hospital_inspection.scheduling._greedy_messages import infeasible_message as infeasible_message
from hospital_inspection.scheduling._greedy_place import _fixed as _fixed
from hospital_inspection.scheduling._greedy_place import run as run
from hospital_inspection.scheduling._greedy_search import _BUDGET as _BUDGET
from hospital_inspection.scheduling._greedy_search import _MAX_ATTEMPTS as _MAX_ATTEMPTS
from hospital_inspection.scheduling._greedy_search import _MAX_MOVES as _MAX_MOVES
from hospital_inspection.scheduling._greedy_search import _ORDER_STALL as _ORDER_STALL
from hospital_inspection.scheduling._greedy_search import _SEARCH_BUDGET as _SEARCH_BUDGET
from hospital_inspection.scheduling._greedy_search import _SEED as _SEED
from hospital_inspection.scheduling._greedy_search import _STALL as _STALL
from hospital_inspection.scheduling._greedy_search import _STALL_WORK as _STALL_WORK
from hospital_inspection.scheduling._greedy_search import _improve as _improve
from hospital_inspection.scheduling._greedy_search import _orders as _orders
from hospital_inspection.scheduling._greedy_search import _score as _score
from hospital_inspection.scheduling._greedy_team import _LOCAL_HORIZON as _LOCAL_HORIZON
from hospital_inspection.scheduling._greedy_team import _LOCAL_ORDERS as _LOCAL_ORDERS
from hospital_inspection.scheduling._greedy_team import Assignment as Assignment
from hospital_inspection.scheduling._greedy_team import _Limits as _Limits
from hospital_inspection.scheduling._greedy_team import _local_choice as _local_choice
from hospital_inspection.scheduling._greedy_team import _pick as _pick
from hospital_inspection.scheduling._greedy_team import _ready as _ready
from hospital_inspection.scheduling._model import ScheduleRequest, ScheduleResult, ScheduleStats
from hospital_inspection.scheduling._problem import Problem, Task

__all__ = ["Assignment", "attempt_all", "build_result", "diagnose", "run", "solve"]

_T = TypeVar("_T")


#: The fields of :class:`Visit` and :class:`Member` that :func:`_built` sets, in order.
_VISIT_FIELDS = (
    "id", "hospital", "authority", "first_day", "last_day", "team", "kind", "mode",
    "self_report_date", "feedback_date",
)  # fmt: skip
_MEMBER_FIELDS = ("person", "role")


def _defaults(cls: type, names: tuple[str, ...]) -> dict[str, object] | None:
    """The plain defaults of ``cls``'s fields when they are exactly ``names``, else ``None``."""
    fields = attrs.fields(cls)
    factory = any(isinstance(f.default, attrs.Factory) for f in fields)  # type: ignore[arg-type]
    if factory or tuple(f.name for f in fields) != names:
        return None
    return {f.name: f.default for f in fields if f.default is not attrs.NOTHING}


def _built(cls: type[_T], defaults: dict[str, object] | None, **values: object) -> _T:
    """An instance of the frozen model ``cls`` from parts that are already valid, without
    running its validators again (the greedy builds 15,000 visits from validated requirement
    ids, window dates with ``first_day <= last_day`` and teams of distinct people with at most
    one leader; ``tests/scheduling`` checks each equals the validated construction). When the
    model's fields are not the ones known here, the validating constructor is used."""
    if defaults is None:
        return cls(**values)
    out: _T = object.__new__(cls)
    for name, value in defaults.items():
        object.__setattr__(out, name, values.get(name, value))
    for name, value in values.items():
        object.__setattr__(out, name, value)
    return out


def _visit_maker() -> Callable[..., Visit]:
    """A fast constructor of visits whose parts are already valid (see :func:`_built`): the
    model's own builder of checked visits, given the fields the greedy leaves at their
    defaults; the validating ``Visit`` when the model's fields are not the ones known here."""
    defaults = _defaults(Visit, _VISIT_FIELDS)
    assemble = _visit_assembler()
    if defaults is None or assemble is None:
        return Visit
    mode, report = defaults["mode"], defaults["self_report_date"]
    feedback = defaults["feedback_date"]

    def make(
        *, id: str, hospital: str, authority: str, first_day: dt.date, last_day: dt.date,
        team: tuple[Member, ...], kind: object,
    ) -> Visit:  # fmt: skip
        visit: Visit = assemble(
            id, hospital, authority, first_day, last_day, team, kind, mode, report, feedback
        )
        return visit

    return make


def build_result(
    p: Problem, a: Assignment, b: Bounds, *, seconds: float, attempts: int, method: str,
    optimal: bool = False, proven: int = 0,
) -> ScheduleResult:  # fmt: skip
    """The plan and figures of a complete assignment."""
    w = p.window
    visits: list[Visit] = []
    # one Member per person and role, shared by every visit (they are frozen); people are
    # numbered in id order, so sorting indices sorts ids
    md = _defaults(Member, _MEMBER_FIELDS)
    expert_m = [_built(Member, md, person=e.id, role=Role.EXPERT) for e in p.experts]
    lead_m = [_built(Member, md, person=e.id, role=Role.TEAM_LEADER) for e in p.experts]
    official_m = [_built(Member, md, person=e.id, role=Role.OFFICIAL) for e in p.officials]
    make_visit = _visit_maker()
    for t in p.tasks:
        k = t.index
        if t.pinned is not None:
            pins = {v.id: v for v in t.pinned}
            first = t.pinned[0]
            for r in t.reqs:
                visits.append(pins.get(r.id) or make_visit(
                    id=r.id, hospital=r.hospital, authority=r.authority,
                    first_day=first.first_day, last_day=first.last_day, team=first.team,
                    kind=r.kind,
                ))  # fmt: skip
            continue
        s = a.start[k]
        leader = a.leader[k]
        members = [lead_m[leader]] if leader >= 0 else []
        members += [expert_m[i] for i in sorted(a.team[k]) if i != leader]
        members += [official_m[j] for j in sorted(a.officials[k])]
        team = tuple(members)
        first_day, last_day = w.days[s], t.span.last_day(w, s)
        for r in t.reqs:
            visits.append(
                make_visit(
                    id=r.id,
                    hospital=r.hospital,
                    authority=r.authority,
                    first_day=first_day,
                    last_day=last_day,
                    team=team,
                    kind=r.kind,
                )
            )
    makespan = a.makespan
    objective = p.request.objective
    value, bound = _objectives.measure(p, a, b)
    bound = min(value, max(bound, proven))
    stats = ScheduleStats(
        makespan=makespan,
        lower_bound=b.lower,
        capacity_bound=b.capacity,
        chain_bound=b.chain,
        class_bound=b.klass,
        binding=b.binding,
        ratio=makespan / b.lower if b.lower else 1.0,
        seconds=seconds,
        attempts=attempts,
        method=method,
        optimal=optimal or value == bound,
        objective=objective,
        value=value,
        bound=bound,
    )
    plan = p.request.plan(visits)
    notes: tuple[str, ...] = ()
    if p.request.pinned:
        from hospital_inspection.scheduling._verify import verify

        notes = tuple(verify(plan, p.request))
    return ScheduleResult(plan=plan, stats=stats, notes=notes)


def attempt_all(
    p: Problem, b: Bounds, *, cap: int | None = None, local: bool = False, limit: int | None = None
) -> tuple[Assignment | None, Assignment | None, list[Task], int]:
    """Run the orderings; the best complete assignment, the best failed one, its order, tries.

    Stops when the best reaches its lower bound, or once a plan fits and ``_ORDER_STALL``
    orderings in a row found none better (before a plan fits every ordering is tried, so
    whether a request is feasible never depends on the stop).
    """
    best: Assignment | None = None
    best_failed: Assignment | None = None
    best_order: list[Task] = []
    best_key = (0, 0)
    attempts = 0
    since = 0
    for order in itertools.islice(_orders(p), limit):
        if best is not None and since >= _ORDER_STALL:
            break
        attempts += 1
        since += 1
        a = run(p, order, cap=cap, local=local)
        if a.failed_at is not None:
            if best_failed is None or a.placed > best_failed.placed:
                best_failed = a
            continue
        k = _objectives.key(p, a, local=local)
        if best is None or k < best_key:
            best, best_order, best_key, since = a, order, k, 0
        if not local and best.makespan <= b.lower:
            break
        if local and best_key[0] <= _objectives.local_bound(p):
            break
    return best, best_failed, best_order, attempts


def solve(request: ScheduleRequest) -> ScheduleResult:
    """Build a plan for ``request`` with the default (greedy) scheduler.

    Deterministic: the same request gives the same plan. Tries a bounded number of visit orders
    (chosen from the requirements alone) and keeps the best plan for the request's objective
    (the smallest makespan for ``"earliest"``); the first one wins a tie.

    Raises:
        InfeasibleScheduleError: no attempt fits every visit by the deadline. The message names
            the binding constraint (a region's external experts, team leaders, total capacity,
            a visit no team or no stretch of days can serve, the people free for a visit after
            unavailability, caps, rest days and pinned visits) or, when no bound proves it
            impossible, the tightest one.

    >>> import datetime as dt
    >>> from hospital_inspection import Expert, Role
    >>> from hospital_inspection.scheduling import ScheduleRequest, VisitRequirement
    >>> class Weekdays:
    ...     def is_working_day(self, d): return d.weekday() < 5
    >>> experts = [Expert(id=f"E{i}", name="某", home_region="ab"[i % 2],
    ...                   roles={Role.EXPERT, Role.TEAM_LEADER}) for i in range(4)]
    >>> req = VisitRequirement(hospital="H1", authority="d-a", region="a", min_days=3,
    ...                        team_size=2, min_external=1)
    >>> result = solve(ScheduleRequest(requirements=[req], experts=experts, calendar=Weekdays(),
    ...                start=dt.date(2025, 3, 3), deadline=dt.date(2025, 3, 31)))
    >>> v = result.plan.visits[0]
    >>> v.first_day, v.last_day, v.people
    (datetime.date(2025, 3, 3), datetime.date(2025, 3, 5), ('E0', 'E1'))
    >>> result.stats.makespan, result.stats.lower_bound
    (3, 3)
    """
    began = time.perf_counter()
    p = Problem(request)
    b = bounds(p)
    if b.problems:
        raise infeasible_error(p, b, None, 0)
    objective = request.objective
    if objective == "spread":
        _objectives.assign_years(p)
    local = objective == "local"
    best, best_failed, best_order, attempts = attempt_all(
        p, b, local=local, limit=_LOCAL_ORDERS if local else None
    )
    if best is None:
        hint = _objectives.spread_hint(p) if objective == "spread" else None
        raise infeasible_error(p, b, best_failed, attempts, hint)
    if objective == "earliest" and best.makespan > b.lower:
        best, tries = _improve(p, best, best_order, b.lower)
        attempts += tries
    elif objective == "balanced":
        best, tries = _balance(p, b, best)
        attempts += tries
    return build_result(
        p, best, b, seconds=time.perf_counter() - began, attempts=attempts, method="greedy"
    )


def _balance(p: Problem, b: Bounds, best: Assignment) -> tuple[Assignment, int]:
    """The smallest per-person cap under which the greedy still places every visit."""
    lo = _objectives._balanced_bound(p)
    hi = _objectives.max_load(p, best)
    tries = 0
    while lo < hi:
        mid = (lo + hi) // 2
        found, _, _, n = attempt_all(p, b, cap=mid, limit=_objectives._BALANCE_ORDERS)
        tries += n
        if found is None:
            lo = mid + 1
        else:
            best = found
            hi = _objectives.max_load(p, found)
    return best, tries
