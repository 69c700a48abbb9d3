"""The default scheduler: serial list scheduling in working-day indices (private).

Each attempt takes the visits in one fixed order. Every expert (and official) has a day from
which they are free; for each visit the scheduler takes the earliest-free eligible people, in
(free day, id) order, until a valid team can be formed among them, starts the visit on the first
valid day at or after the day the last of them is free, and frees the team the day after the
visit ends. Orders depend on the requirements only, never on the experts (see ``_orders``).
"""

from __future__ import annotations

import bisect
import heapq
import random
import time

import attrs

from hospital_inspection.enums import Role
from hospital_inspection.errors import InfeasibleScheduleError
from hospital_inspection.model.visits import Member, Visit
from hospital_inspection.scheduling import _objectives
from hospital_inspection.scheduling._bounds import Bounds, bounds
from hospital_inspection.scheduling._model import ScheduleRequest, ScheduleResult, ScheduleStats
from hospital_inspection.scheduling._problem import Problem, Task

__all__ = ["Assignment", "attempt_all", "build_result", "diagnose", "run", "solve"]

#: The fixed seed of the perturbed orderings: the output depends on the request only.
_SEED = 20240906
#: Expert-visit placements the attempts may spend in total (bounds the work on big requests).
_BUDGET = 300_000
_MAX_ATTEMPTS = 64
#: Expert-visit placements the local search may spend, and its most moves.
_SEARCH_BUDGET = 600_000
_MAX_MOVES = 3_000
#: The local search stops after this many moves in a row that found no shorter plan.
_STALL = 100
#: ... and, on big requests, after this much work (team seats placed) without a gain.
_STALL_WORK = 50_000
#: Reasons listed in an error message at most.
_SHOWN = 8


@attrs.define
class Assignment:
    """One attempt's outcome: per task, its first day and team (``None`` where it failed)."""

    start: list[int]
    end: list[int]
    team: list[list[int]]
    leader: list[int]
    officials: list[list[int]]
    failed_at: Task | None = None
    placed: int = 0

    @property
    def makespan(self) -> int:
        return max(self.end, default=-1) + 1


def _pick(p: Problem, t: Task, pool: list[int], *, local: bool = False) -> tuple[list[int], int]:
    """The team from ``pool`` (eligible, earliest-free first) and its leader (-1: none).

    With ``local``, the seats the external-expert rule does not claim go to experts from the
    hospital's own district first.
    """
    ext = t.ext
    region_of = p.region_of
    is_leader = p.is_leader
    chosen: list[int] = []
    leader = -1
    if t.need_leader:
        must_be_external = t.min_external >= t.team_size
        candidates = pool
        if local and t.local >= 0:
            # a leader from outside fills a seat the rule reserves; otherwise stay local
            home = t.local
            if t.min_external:
                candidates = sorted(pool, key=lambda i: not (ext and region_of[i] not in ext))
            else:
                candidates = sorted(pool, key=lambda i: region_of[i] != home)
        for i in candidates:
            if is_leader[i] and (not must_be_external or (ext and region_of[i] not in ext)):
                leader = i
                break
        chosen.append(leader)
    # Leaders are kept for teams that need one: fill with others first when leaders matter.
    spare = [i for i in pool if i != leader]
    if p.leaders_matter:
        spare.sort(key=lambda i: is_leader[i])  # stable: keeps free-day order within each
    have_ext = 1 if (leader >= 0 and ext and region_of[leader] not in ext) else 0
    if ext and have_ext < t.min_external:
        for i in spare:
            if region_of[i] not in ext:
                chosen.append(i)
                have_ext += 1
                if have_ext == t.min_external:
                    break
    if local and t.local >= 0:
        home = t.local
        spare.sort(key=lambda i: region_of[i] != home)
    taken = set(chosen)
    for i in spare:
        if len(chosen) == t.team_size:
            break
        if i not in taken:
            chosen.append(i)
    return chosen, leader


#: Orderings the ``"local"`` objective tries (each costs more: it weighs later starts).
_LOCAL_ORDERS = 12
#: How many working days later the ``"local"`` objective may start a visit to save trips.
_LOCAL_HORIZON = 30


def _ready(p: Problem, t: Task, pool: list[int]) -> bool:
    ext = t.ext
    n_ext = lead_ext = lead_loc = 0
    for i in pool:
        external = bool(ext) and p.region_of[i] not in ext
        n_ext += external
        if p.is_leader[i]:
            if external:
                lead_ext += 1
            else:
                lead_loc += 1
    return (
        len(pool) >= t.team_size
        and n_ext >= t.min_external
        and (not t.need_leader or lead_ext > 0 or (lead_loc > 0 and t.min_external < t.team_size))
    )


def _local_choice(
    p: Problem,
    t: Task,
    s: int,
    items: list[tuple[int, int, int]],
    off_items: list[tuple[int, int, int]],
    limits: _Limits | None,
) -> tuple[int, list[int], int, list[int]]:
    """The start (from ``s`` on, within the horizon) and team with the fewest extra trips."""
    span = t.span
    n_days = len(p.window)
    ordered = sorted(items)
    off_ordered = sorted(off_items)
    best: tuple[int, int, list[int], int, list[int]] | None = None
    k = s
    while 0 <= k < n_days and k <= s + _LOCAL_HORIZON and span.end[k] <= t.hi:
        e, last = span.end[k], span.last_ord[k]
        pool = [
            x[2] for x in ordered
            if x[0] <= k and x[2] not in t.excluded
            and (limits is None or limits.ok(False, x[2], k, e, last))
        ]  # fmt: skip
        offs = [
            x[2] for x in off_ordered
            if x[0] <= k and x[2] not in t.excluded_officials
            and (limits is None or limits.ok(True, x[2], k, e, last))
        ][: t.officials]  # fmt: skip
        if len(offs) == t.officials and _ready(p, t, pool):
            team, leader = _pick(p, t, pool, local=True)
            away = sum(1 for i in team if p.region_of[i] != t.local)
            trips = max(0, away - t.min_external)
            if best is None or trips < best[0]:
                best = (trips, k, team, leader, offs)
            if trips == 0:
                break
        k = span.next_valid[k + 1] if k + 1 < n_days else -1
    assert best is not None  # the start s itself fits
    return best[1], best[2], best[3], best[4]


class _Limits:
    """Per-person load in working days (round and per year) and the check of one start."""

    def __init__(self, p: Problem, cap: int | None) -> None:
        self.p = p
        self.cap = cap
        self.year_cap = p.year_cap
        self.rest = p.rest
        self.load_e = [sum(p.load_of(e.id).values()) for e in p.experts]
        self.load_o = [sum(p.load_of(e.id).values()) for e in p.officials]
        self.year_e = [dict(p.load_of(e.id)) for e in p.experts]
        self.year_o = [dict(p.load_of(e.id)) for e in p.officials]
        #: the fewest working days any unplaced visit occupies (a person below it is spent).
        self.least = min((t.span.min_occupation for t in p.tasks if t.pinned is None), default=1)

    def ok(self, official: bool, i: int, s: int, e: int, last_ord: int) -> bool:
        p = self.p
        person = p.people_o[i] if official else p.people_e[i]
        if person.blocked and not person.free_between(p.ordinal[s], last_ord):
            return False
        if self.cap is not None:
            load = self.load_o[i] if official else self.load_e[i]
            if load + e - s + 1 > self.cap:
                return False
        if self.year_cap is not None:
            years = self.year_o[i] if official else self.year_e[i]
            for y, n in p.years(s, e):
                if years.get(y, 0) + n > self.year_cap:
                    return False
        return True

    def next_start(self, official: bool, i: int, s: int, e: int, last_ord: int) -> int:
        """After ``ok`` said no for start ``s``: the first start worth trying again (> ``s``):
        past the blocked days in the way, or into the next year when this year is full."""
        p = self.p
        nxt = s + 1
        person = p.people_o[i] if official else p.people_e[i]
        b = person.blocked
        if b:
            k = bisect.bisect_right(b, (last_ord, 1 << 62))
            if k and b[k - 1][1] >= p.ordinal[s]:
                nxt = max(nxt, bisect.bisect_right(p.ordinal, b[k - 1][1]))
        if self.year_cap is not None:
            years = self.year_o[i] if official else self.year_e[i]
            for y, _ in p.years(s, e):
                if years.get(y, 0) >= self.year_cap:
                    nxt = max(nxt, p.year_first.get(y + 1, len(p.ordinal)))
        return nxt

    def book(self, official: bool, i: int, s: int, e: int) -> bool:
        """Add the visit to ``i``'s load; False when ``i`` can take no further visit."""
        loads = self.load_o if official else self.load_e
        loads[i] += e - s + 1
        if self.year_cap is not None:
            years = self.year_o[i] if official else self.year_e[i]
            for y, n in self.p.years(s, e):
                years[y] = years.get(y, 0) + n
        return self.cap is None or loads[i] + self.least <= self.cap


def _fixed(p: Problem, out: Assignment) -> None:
    """Put the pinned units in ``out`` as they are (unpinned group members join them)."""
    w = p.window
    for t in p.tasks:
        if t.pinned is None:
            continue
        v = t.pinned[0]
        s = bisect.bisect_left(w.days, v.first_day)
        e = bisect.bisect_right(w.days, v.last_day) - 1
        k = t.index
        out.start[k], out.end[k] = s, e
        out.team[k] = [p.expert_index[x] for x in v.people if x in p.expert_index]
        out.leader[k] = p.expert_index.get(v.leader, -1) if v.leader else -1
        out.officials[k] = [p.official_index[x] for x in v.people if x in p.official_index]
        out.placed += 1


def run(
    p: Problem,
    order: list[Task],
    rank: list[int] | None = None,
    *,
    cap: int | None = None,
    local: bool = False,
) -> Assignment:
    """One attempt of list scheduling in ``order``; stops at the first visit that cannot fit.

    Among experts free on the same day, the lower ``rank`` (default: the id order) goes first.
    ``cap`` replaces the request's ``max_days_per_person`` when it is lower (the balanced
    objective's search); ``local`` prefers experts of the hospital's district.
    """
    n_tasks = len(p.tasks)
    out = Assignment(
        start=[-1] * n_tasks,
        end=[-1] * n_tasks,
        team=[[] for _ in range(n_tasks)],
        leader=[-1] * n_tasks,
        officials=[[] for _ in range(n_tasks)],
    )
    _fixed(p, out)
    if cap is not None and p.cap is not None:
        cap = min(cap, p.cap)
    elif cap is None:
        cap = p.cap
    constrained = p.constrained or cap is not None
    limits = _Limits(p, cap) if constrained else None
    rest = p.rest
    rank = rank if rank is not None else list(range(len(p.experts)))
    heap = sorted((0, rank[i], i) for i in range(len(p.experts)))
    off_heap = [(0, j, j) for j in range(len(p.officials))]
    if limits is not None:  # people already spent by pinned visits never come back
        heap = [x for x in heap if cap is None or limits.load_e[x[2]] + limits.least <= cap]
        off_heap = [x for x in off_heap if cap is None or limits.load_o[x[2]] + limits.least <= cap]
    region_of = p.region_of
    is_leader = p.is_leader
    n_days = len(p.window)
    pop = heapq.heappop
    push = heapq.heappush
    for t in order:
        if t.pinned is not None:
            continue
        ext = t.ext
        excluded = t.excluded
        excluded_off = t.excluded_officials
        team_size, min_external, need_leader = t.team_size, t.min_external, t.need_leader
        n_off = t.officials
        span_end = t.span.end
        next_valid = t.span.next_valid
        last_ord = t.span.last_ord
        hi = t.hi
        s = next_valid[t.lo] if t.lo < n_days else -1
        popped: list[tuple[int, int, int]] = []
        off_popped: list[tuple[int, int, int]] = []
        cands: list[int] = []
        off_cands: list[int] = []
        pool: list[int] = []
        off_pool: list[int] = []
        tot = n_ext = lead_ext = lead_loc = 0
        placed = False
        while s >= 0 and span_end[s] <= hi:
            if (
                tot >= team_size
                and n_ext >= min_external
                and (not need_leader or lead_ext or (lead_loc and min_external < team_size))
            ):
                if len(off_pool) >= n_off:
                    placed = True
                    break
                if off_heap:
                    item = pop(off_heap)
                    j = item[2]
                    f = item[0]
                    if (
                        f <= s
                        and limits is not None
                        and j not in excluded_off
                        and not limits.ok(True, j, s, span_end[s], last_ord[s])
                    ):
                        nxt = limits.next_start(True, j, s, span_end[s], last_ord[s])
                        push(off_heap, (nxt, item[1], j))
                        continue
                    off_popped.append(item)
                    if j in excluded_off:
                        continue
                    off_cands.append(j)
                    if f <= s:
                        off_pool.append(j)
                        continue
                    s = next_valid[f] if f < n_days else -1
                elif limits is not None:
                    s = next_valid[s + 1] if s + 1 < n_days else -1
                else:
                    break
            elif heap:
                item = pop(heap)
                i = item[2]
                f = item[0]
                if (
                    f <= s
                    and limits is not None
                    and i not in excluded
                    and not limits.ok(False, i, s, span_end[s], last_ord[s])
                ):
                    # not now: back in the heap from the first day worth trying again
                    nxt = limits.next_start(False, i, s, span_end[s], last_ord[s])
                    push(heap, (nxt, item[1], i))
                    continue
                popped.append(item)
                if i in excluded:
                    continue
                cands.append(i)
                if f <= s:
                    pool.append(i)
                    tot += 1
                    external = bool(ext) and region_of[i] not in ext
                    n_ext += external
                    if is_leader[i]:
                        if external:
                            lead_ext += 1
                        else:
                            lead_loc += 1
                    continue
                s = next_valid[f] if f < n_days else -1
            elif limits is not None:
                s = next_valid[s + 1] if s + 1 < n_days else -1
            else:
                break
            # the start moved: take again everyone popped who is free and may serve then
            if s < 0 or span_end[s] > hi:
                break
            e = span_end[s]
            lo_ord = last_ord[s]
            if limits is None:
                pool = cands[:]
                off_pool = off_cands[:]
            else:
                pool = [i for i in cands if limits.ok(False, i, s, e, lo_ord)]
                off_pool = [j for j in off_cands if limits.ok(True, j, s, e, lo_ord)]
                if len(pool) < len(cands) and not heap:
                    pass  # everyone is out: keep them all, the start moves day by day
                elif len(pool) < len(cands):  # the others wait in the heap until they may serve
                    keep = set(pool)
                    for x in popped:
                        if x[2] in cands and x[2] not in keep:
                            nxt = limits.next_start(False, x[2], s, e, lo_ord)
                            push(heap, (nxt, x[1], x[2]))
                    popped = [x for x in popped if x[2] in keep or x[2] in excluded]
                    cands = pool[:]
            tot = len(pool)
            n_ext = lead_ext = lead_loc = 0
            for i in pool:
                external = bool(ext) and region_of[i] not in ext
                n_ext += external
                if is_leader[i]:
                    if external:
                        lead_ext += 1
                    else:
                        lead_loc += 1
        if not placed:
            for item in popped:
                push(heap, item)
            for item in off_popped:
                push(off_heap, item)
            out.failed_at = t
            return out
        if local and t.local >= 0:
            items = heap + popped
            off_items = off_heap + off_popped
            s, team, leader, officials = _local_choice(p, t, s, items, off_items, limits)
            e = span_end[s]
            free = e + 1 + rest
            busy = set(team)
            chosen = set(officials)
            heap = [
                (free, x[1], x[2]) if x[2] in busy else x
                for x in items
                if x[2] not in busy or limits is None or limits.book(False, x[2], s, e)
            ]
            off_heap = [
                (free, x[1], x[2]) if x[2] in chosen else x
                for x in off_items
                if x[2] not in chosen or limits is None or limits.book(True, x[2], s, e)
            ]
            heapq.heapify(heap)
            heapq.heapify(off_heap)
        else:
            e = span_end[s]
            team, leader = _pick(p, t, pool)
            officials = off_pool[:n_off]
            free = e + 1 + rest
            busy = set(team)
            for item in popped:
                i = item[2]
                if i in busy:
                    if limits is None or limits.book(False, i, s, e):
                        push(heap, (free, item[1], i))
                else:
                    push(heap, item)
            chosen = set(officials)
            for item in off_popped:
                j = item[2]
                if j in chosen:
                    if limits is None or limits.book(True, j, s, e):
                        push(off_heap, (free, item[1], j))
                else:
                    push(off_heap, item)
        k = t.index
        out.start[k] = s
        out.end[k] = e
        out.team[k] = team
        out.leader[k] = leader
        out.officials[k] = officials
        out.placed += 1
    return out


def _orders(p: Problem) -> list[list[Task]]:
    """The orderings tried, from the requirements alone (never from the experts).

    First the longest visits (most working days, then biggest teams, then most external experts),
    then the most constrained ones, then perturbations of the first with a fixed seed. How many
    depends on the number of visits only, so that the work stays bounded.
    """
    tasks = p.tasks

    def longest(t: Task) -> tuple[int, int, int, int, str]:
        return (-t.span.min_occupation, -t.team_size, -t.min_external, -t.need_leader, t.req.id)

    def constrained(t: Task) -> tuple[float, int, int, str]:
        return (-t.min_external / t.team_size, -t.span.min_occupation, -t.team_size, t.req.id)

    orders = [sorted(tasks, key=longest), sorted(tasks, key=constrained)]
    work = max(1, sum(t.team_size for t in tasks))
    extra = min(_MAX_ATTEMPTS, _BUDGET // work) - len(orders)
    rng = random.Random(_SEED)
    for k in range(max(0, extra)):
        noise = 2.0 + 10.0 * k / max(1, extra)
        keyed = [
            (-t.span.min_occupation - rng.uniform(0, noise), -t.team_size, t.req.id, t)
            for t in tasks
        ]
        keyed.sort(key=lambda x: x[:3])
        orders.append([x[3] for x in keyed])
    if len({t.lo for t in tasks}) > 1:
        # visits that may not start yet (earliest day, a later year for "spread") go after
        # those that may: list scheduling then moves forward in time
        orders = [sorted(o, key=lambda t: t.lo) for o in orders]
    return orders


def _score(a: Assignment) -> tuple[int, int, int]:
    """Makespan first; then fewer visits on the last day and earlier ends (to leave plateaus)."""
    last = max(a.end, default=-1)
    return (last + 1, sum(1 for e in a.end if e == last), sum(a.end))


def _improve(
    p: Problem, best: Assignment, order: list[Task], target: int
) -> tuple[Assignment, int]:
    """Local search on the order of a plan that already fits: shorten the makespan.

    Moves a visit that ends last to an earlier place in the order, swaps two visits, or swaps
    which of two experts goes first when both are free on the same day; keeps
    the new order when it is no worse (makespan, then visits ending on the last day, then the
    sum of the last days). The moves come from a fixed seed and their
    number from the number of visits only, so the search is repeatable. It runs only once a
    plan fits, so it never decides whether a request is feasible.
    """
    n = len(order)
    work = max(1, sum(t.team_size for t in order))
    budget = min(_MAX_MOVES, _SEARCH_BUDGET // work) if n > 1 else 0
    rng = random.Random(_SEED + 1)
    current = list(order)
    rank = list(range(len(p.experts)))
    current_score = _score(best)
    tries = 0
    since = 0
    # big requests stop sooner: each move there costs a whole pass over thousands of visits
    stall = max(2, min(_STALL, _STALL_WORK // work))
    for _ in range(budget):
        if best.makespan <= target or since >= stall:
            break
        since += 1
        trial = list(current)
        trial_rank = rank
        move = rng.random()
        if move < 0.25 and len(rank) > 1:
            trial_rank = list(rank)
            i, j = rng.randrange(len(rank)), rng.randrange(len(rank))
            trial_rank[i], trial_rank[j] = trial_rank[j], trial_rank[i]
        elif move < 0.625:
            last = max(best.end)
            late = [k for k, t in enumerate(trial) if best.end[t.index] == last]
            k = late[rng.randrange(len(late))]
            if k == 0:
                continue
            trial.insert(rng.randrange(k), trial.pop(k))
        else:
            i, j = rng.randrange(n), rng.randrange(n)
            trial[i], trial[j] = trial[j], trial[i]
        tries += 1
        a = run(p, trial, trial_rank)
        if a.failed_at is not None:
            continue
        score = _score(a)
        if score > current_score:
            continue
        current, rank, current_score = trial, trial_rank, score
        if a.makespan < best.makespan:
            since = 0
        if score < _score(best):
            best = a
    return best, tries


def build_result(
    p: Problem, a: Assignment, b: Bounds, *, seconds: float, attempts: int, method: str,
    optimal: bool = False, proven: int = 0,
) -> ScheduleResult:  # fmt: skip
    """The plan and figures of a complete assignment."""
    w = p.window
    visits: list[Visit] = []
    # one Member per person and role, shared by every visit (they are frozen); people are
    # numbered in id order, so sorting indices sorts ids
    expert_m = [Member(person=e.id, role=Role.EXPERT) for e in p.experts]
    lead_m = [Member(person=e.id, role=Role.TEAM_LEADER) for e in p.experts]
    official_m = [Member(person=e.id, role=Role.OFFICIAL) for e in p.officials]
    for t in p.tasks:
        k = t.index
        if t.pinned is not None:
            pins = {v.id: v for v in t.pinned}
            first = t.pinned[0]
            for r in t.reqs:
                visits.append(pins.get(r.id) or Visit(
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
                Visit(
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


def _names(people: list[str]) -> str:
    if len(people) == 1:
        return people[0]
    return ", ".join(people[:-1]) + " and " + people[-1]


def diagnose(p: Problem, t: Task, cap: int | None = None) -> str | None:
    """Why no team can be formed for ``t`` on any day it may start, even with nobody else
    scheduled; ``None`` when some day would do (the trouble is the other visits)."""
    limits = _Limits(p, cap if cap is not None else p.cap)
    n_days = len(p.window)
    ext = t.ext
    best = {"experts": 0, "external": 0, "leaders": 0, "external leaders": 0, "officials": 0}
    need = {
        "experts": t.team_size,
        "external": t.min_external,
        "leaders": 1 if t.need_leader else 0,
        "external leaders": 1 if t.need_leader and t.min_external >= t.team_size else 0,
        "officials": t.officials,
    }
    starts = [s for s in range(t.lo, n_days) if t.span.end[s] >= 0 and t.span.end[s] <= t.hi]
    for s in starts:
        e, last = t.span.end[s], t.span.last_ord[s]
        ok = [
            i for i in range(len(p.experts))
            if i not in t.excluded and limits.ok(False, i, s, e, last)
        ]  # fmt: skip
        counts = {
            "experts": len(ok),
            "external": sum(1 for i in ok if ext and p.region_of[i] not in ext),
            "leaders": sum(1 for i in ok if p.is_leader[i]),
            "external leaders": sum(
                1 for i in ok if p.is_leader[i] and ext and p.region_of[i] not in ext
            ),
            "officials": sum(
                1 for j in range(len(p.officials))
                if j not in t.excluded_officials and limits.ok(True, j, s, e, last)
            ),
        }  # fmt: skip
        if all(counts[k] >= need[k] for k in need):
            return None
        for k in best:
            best[k] = max(best[k], counts[k])
    where = f"visit {t.req.id!r} to hospital {t.req.hospital!r}"
    if t.pinned is not None:
        return None
    if not starts:
        return (
            f"{where} has no day to start: between its earliest start (notice, earliest) and its "
            "latest end (latest, deadline) there is no stretch of days without a blackout"
        )
    first, last_start = p.window.days[starts[0]], p.window.days[starts[-1]]
    for k in ("external leaders", "leaders", "external", "experts", "officials"):
        if best[k] >= need[k]:
            continue
        people = _class_members(p, t, k)
        who = ""
        if 0 < len(people) <= 6:
            verb = "is the only one" if len(people) == 1 else "are the only ones"
            who = f" ({_names(people)} {verb})"
        return (
            f"{where} needs {need[k]} {_label(k, t, p)} free on every day of a visit starting "
            f"between {first.isoformat()} and {last_start.isoformat()}; at most {best[k]} are"
            f"{who}, after unavailability, rest days, caps and pinned visits"
        )
    return (
        f"{where}: on no day between {first.isoformat()} and {last_start.isoformat()} are "
        "enough people of every kind free at once"
    )


def _label(k: str, t: Task, p: Problem) -> str:
    regions = ", ".join(p.region_names[g] for g in sorted(t.ext))
    return {
        "experts": "experts",
        "external": f"experts from outside {regions} (外区市)",
        "leaders": "team leader(s)",
        "external leaders": f"team leader(s) from outside {regions} (外区市)",
        "officials": "officials",
    }[k]


def _class_members(p: Problem, t: Task, k: str) -> list[str]:
    ext = t.ext
    if k == "officials":
        return [e.id for j, e in enumerate(p.officials) if j not in t.excluded_officials]
    out = []
    for i, e in enumerate(p.experts):
        if i in t.excluded:
            continue
        external = bool(ext) and p.region_of[i] not in ext
        if k in ("external", "external leaders") and not external:
            continue
        if k in ("leaders", "external leaders") and not p.is_leader[i]:
            continue
        out.append(e.id)
    return out


def infeasible_message(p: Problem, b: Bounds, best: Assignment | None, attempts: int) -> str:
    """Words for a request the greedy could not meet, naming the binding constraint."""
    if b.problems:
        shown = list(b.problems[:_SHOWN])
        if len(b.problems) > _SHOWN:
            shown.append(f"... and {len(b.problems) - _SHOWN} more")
        head = "no schedule exists: " if len(shown) == 1 else "no schedule exists:\n  - "
        return head + "\n  - ".join(shown)
    if best is not None and best.failed_at is not None:
        why = diagnose(p, best.failed_at)
        if why is not None:
            return "no schedule exists: " + why
    w = p.window
    placed = best.placed if best else 0
    stuck = best.failed_at.req.id if best and best.failed_at else "?"
    return (
        f"no schedule found that ends by {w.deadline.isoformat()} ({len(w)} working days from "
        f"{w.start.isoformat()}): {attempts} orderings tried, the best placed {placed} of "
        f"{len(p.tasks)} visits (it could not fit visit {stuck!r}). The tightest constraint is "
        f"{b.tightest}; no plan can take fewer than {b.lower} working days ({b.binding}). "
        "The exact back end (solve_exact, extra 'solver') may still find a plan."
    )


def attempt_all(
    p: Problem, b: Bounds, *, cap: int | None = None, local: bool = False, limit: int | None = None
) -> tuple[Assignment | None, Assignment | None, list[Task], int]:
    """Run the orderings; the best complete assignment, the best failed one, its order, tries."""
    best: Assignment | None = None
    best_failed: Assignment | None = None
    best_order: list[Task] = []
    attempts = 0
    for order in _orders(p)[:limit]:
        attempts += 1
        a = run(p, order, cap=cap, local=local)
        if a.failed_at is not None:
            if best_failed is None or a.placed > best_failed.placed:
                best_failed = a
            continue
        if best is None or _objectives.key(p, a, local=local) < _objectives.key(
            p, best, local=local
        ):
            best, best_order = a, order
        if not local and best.makespan <= b.lower:
            break
        if local and _objectives.trips(p, best) <= _objectives.local_bound(p):
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
        raise InfeasibleScheduleError(infeasible_message(p, b, None, 0))
    objective = request.objective
    if objective == "spread":
        _objectives.assign_years(p)
    local = objective == "local"
    best, best_failed, best_order, attempts = attempt_all(
        p, b, local=local, limit=_LOCAL_ORDERS if local else None
    )
    if best is None:
        message = infeasible_message(p, b, best_failed, attempts)
        if objective == "spread":
            message += _objectives.spread_hint(p)
        raise InfeasibleScheduleError(message)
    if objective == "earliest" and best.makespan > b.lower:
        best, tries = _improve(p, best, best_order, b.lower)
        attempts += tries
    elif objective == "balanced":
        best, tries = _objectives.balance(p, b, best)
        attempts += tries
    return build_result(
        p, best, b, seconds=time.perf_counter() - began, attempts=attempts, method="greedy"
    )
