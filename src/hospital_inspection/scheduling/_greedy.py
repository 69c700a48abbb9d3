"""The default scheduler: serial list scheduling in working-day indices (private).

Each attempt takes the visits in one fixed order. Every expert (and official) has a day from
which they are free; for each visit the scheduler takes the earliest-free eligible people, in
(free day, id) order, until a valid team can be formed among them, starts the visit on the first
valid day at or after the day the last of them is free, and frees the team the day after the
visit ends. Orders depend on the requirements only, never on the experts (see ``_orders``).
"""

from __future__ import annotations

import heapq
import random
import time

import attrs

from hospital_inspection.enums import Role
from hospital_inspection.errors import InfeasibleScheduleError
from hospital_inspection.model.visits import Member, Visit
from hospital_inspection.scheduling._bounds import Bounds, bounds
from hospital_inspection.scheduling._model import ScheduleRequest, ScheduleResult, ScheduleStats
from hospital_inspection.scheduling._problem import Problem, Task

__all__ = ["Assignment", "build_result", "run", "solve"]

#: The fixed seed of the perturbed orderings: the output depends on the request only.
_SEED = 20240906
#: Expert-visit placements the attempts may spend in total (bounds the work on big requests).
_BUDGET = 300_000
_MAX_ATTEMPTS = 64
#: Expert-visit placements the local search may spend, and its most moves.
_SEARCH_BUDGET = 600_000
_MAX_MOVES = 3_000
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


def _pick(p: Problem, t: Task, pool: list[int]) -> tuple[list[int], int]:
    """The team from ``pool`` (eligible, earliest-free first) and its leader (-1: none)."""
    r = t.req
    region = t.region
    region_of = p.region_of
    is_leader = p.is_leader
    chosen: list[int] = []
    leader = -1
    if r.need_leader:
        must_be_external = r.min_external >= r.team_size
        for i in pool:
            if is_leader[i] and (not must_be_external or region_of[i] != region):
                leader = i
                break
        chosen.append(leader)
    # Leaders are kept for teams that need one: fill with others first when leaders matter.
    spare = [i for i in pool if i != leader]
    if p.leaders_matter:
        spare.sort(key=lambda i: is_leader[i])  # stable: keeps free-day order within each
    have_ext = 1 if (leader >= 0 and region >= 0 and region_of[leader] != region) else 0
    if region >= 0 and have_ext < r.min_external:
        for i in spare:
            if region_of[i] != region:
                chosen.append(i)
                have_ext += 1
                if have_ext == r.min_external:
                    break
    taken = set(chosen)
    for i in spare:
        if len(chosen) == r.team_size:
            break
        if i not in taken:
            chosen.append(i)
    return chosen, leader


def run(p: Problem, order: list[Task], rank: list[int] | None = None) -> Assignment:
    """One attempt of list scheduling in ``order``; stops at the first visit that cannot fit.

    Among experts free on the same day, the lower ``rank`` (default: the id order) goes first.
    """
    n_tasks = len(p.tasks)
    out = Assignment(
        start=[-1] * n_tasks,
        end=[-1] * n_tasks,
        team=[[] for _ in range(n_tasks)],
        leader=[-1] * n_tasks,
        officials=[[] for _ in range(n_tasks)],
    )
    rank = rank if rank is not None else list(range(len(p.experts)))
    heap = sorted((0, rank[i], i) for i in range(len(p.experts)))
    off_heap = [(0, j, j) for j in range(len(p.officials))]
    region_of = p.region_of
    is_leader = p.is_leader
    n_days = len(p.window)
    pop = heapq.heappop
    push = heapq.heappush
    for t in order:
        r = t.req
        region = t.region
        excluded = t.excluded
        team_size, min_external, need_leader = r.team_size, r.min_external, r.need_leader
        popped: list[tuple[int, int, int]] = []
        pool: list[int] = []
        tot = ext = lead_ext = lead_loc = 0
        ready = False
        latest = 0
        while heap:
            item = pop(heap)
            popped.append(item)
            i = item[2]
            if i in excluded:
                continue
            pool.append(i)
            tot += 1
            external = region >= 0 and region_of[i] != region
            ext += external
            if is_leader[i]:
                if external:
                    lead_ext += 1
                else:
                    lead_loc += 1
            if (
                tot >= team_size
                and ext >= min_external
                and (not need_leader or lead_ext or (lead_loc and min_external < team_size))
            ):
                ready = True
                latest = item[0]
                break
        off_popped: list[tuple[int, int, int]] = []
        off_pool: list[int] = []
        if ready and r.officials:
            while off_heap and len(off_pool) < r.officials:
                item = pop(off_heap)
                off_popped.append(item)
                if item[2] not in t.excluded_officials:
                    off_pool.append(item[2])
                    latest = max(latest, item[0])
            ready = len(off_pool) == r.officials
        s = t.span.next_valid[latest] if ready and latest < n_days else -1
        if s < 0:
            for item in popped:
                push(heap, item)
            for item in off_popped:
                push(off_heap, item)
            out.failed_at = t
            return out
        e = t.span.end[s]
        team, leader = _pick(p, t, pool)
        busy = set(team)
        for item in popped:
            push(heap, (e + 1, item[1], item[2]) if item[2] in busy else item)
        for item in off_popped:
            push(off_heap, (e + 1, item[1], item[2]) if item[2] in off_pool else item)
        k = t.index
        out.start[k] = s
        out.end[k] = e
        out.team[k] = team
        out.leader[k] = leader
        out.officials[k] = off_pool
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
        r = t.req
        return (-t.span.min_occupation, -r.team_size, -r.min_external, -r.need_leader, r.id)

    def constrained(t: Task) -> tuple[float, int, int, str]:
        r = t.req
        return (-r.min_external / r.team_size, -t.span.min_occupation, -r.team_size, r.id)

    orders = [sorted(tasks, key=longest), sorted(tasks, key=constrained)]
    work = max(1, sum(t.req.team_size for t in tasks))
    extra = min(_MAX_ATTEMPTS, _BUDGET // work) - len(orders)
    rng = random.Random(_SEED)
    for k in range(max(0, extra)):
        noise = 2.0 + 10.0 * k / max(1, extra)
        keyed = [
            (-t.span.min_occupation - rng.uniform(0, noise), -t.req.team_size, t.req.id, t)
            for t in tasks
        ]
        keyed.sort(key=lambda x: x[:3])
        orders.append([x[3] for x in keyed])
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
    work = max(1, sum(t.req.team_size for t in order))
    budget = min(_MAX_MOVES, _SEARCH_BUDGET // work) if n > 1 else 0
    rng = random.Random(_SEED + 1)
    current = list(order)
    rank = list(range(len(p.experts)))
    current_score = _score(best)
    tries = 0
    for _ in range(budget):
        if best.makespan <= target:
            break
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
        if score < _score(best):
            best = a
    return best, tries


def build_result(
    p: Problem, a: Assignment, b: Bounds, *, seconds: float, attempts: int, method: str,
    optimal: bool = False,
) -> ScheduleResult:  # fmt: skip
    """The plan and figures of a complete assignment."""
    w = p.window
    visits = []
    for t in p.tasks:
        k = t.index
        s = a.start[k]
        leader = a.leader[k]
        members = (
            [Member(person=p.experts[leader].id, role=Role.TEAM_LEADER)] if leader >= 0 else []
        )
        others = sorted(p.experts[i].id for i in a.team[k] if i != leader)
        members += [Member(person=x, role=Role.EXPERT) for x in others]
        officials = sorted(p.officials[i].id for i in a.officials[k])
        members += [Member(person=x, role=Role.OFFICIAL) for x in officials]
        visits.append(
            Visit(
                id=t.req.id,
                hospital=t.req.hospital,
                authority=t.req.authority,
                first_day=w.days[s],
                last_day=t.span.last_day(w, s),
                team=tuple(members),
                kind=t.req.kind,
            )
        )
    makespan = a.makespan
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
        optimal=optimal or makespan == b.lower,
    )
    return ScheduleResult(plan=p.request.plan(visits), stats=stats)


def infeasible_message(p: Problem, b: Bounds, best: Assignment | None, attempts: int) -> str:
    """Words for a request the greedy could not meet, naming the binding constraint."""
    if b.problems:
        shown = list(b.problems[:_SHOWN])
        if len(b.problems) > _SHOWN:
            shown.append(f"... and {len(b.problems) - _SHOWN} more")
        head = "no schedule exists: " if len(shown) == 1 else "no schedule exists:\n  - "
        return head + "\n  - ".join(shown)
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


def solve(request: ScheduleRequest) -> ScheduleResult:
    """Build a plan for ``request`` with the default (greedy) scheduler.

    Deterministic: the same request gives the same plan. Tries a bounded number of visit orders
    (chosen from the requirements alone) and keeps the plan with the smallest makespan; the first
    one wins a tie.

    Raises:
        InfeasibleScheduleError: no attempt fits every visit by the deadline. The message names
            the binding constraint (a region's external experts, team leaders, total capacity,
            a visit no team or no stretch of days can serve) or, when no bound proves it
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
    best: Assignment | None = None
    best_failed: Assignment | None = None
    best_order: list[Task] = []
    attempts = 0
    for order in _orders(p):
        attempts += 1
        a = run(p, order)
        if a.failed_at is not None:
            if best_failed is None or a.placed > best_failed.placed:
                best_failed = a
            continue
        if best is None or a.makespan < best.makespan:
            best, best_order = a, order
        if best.makespan <= b.lower:
            break
    if best is None:
        raise InfeasibleScheduleError(infeasible_message(p, b, best_failed, attempts))
    if best.makespan > b.lower:
        best, tries = _improve(p, best, best_order, b.lower)
        attempts += tries
    return build_result(
        p, best, b, seconds=time.perf_counter() - began, attempts=attempts, method="greedy"
    )
