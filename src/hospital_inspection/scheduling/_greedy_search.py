"""The greedy's orders and local search (private): the visit orders each attempt takes,
chosen from the requirements alone with a fixed seed, and the local search that shortens the
makespan of a plan that already fits; with the budgets that bound both."""

from __future__ import annotations

import random
from collections.abc import Iterator

from hospital_inspection.scheduling._greedy_place import run
from hospital_inspection.scheduling._greedy_team import Assignment
from hospital_inspection.scheduling._problem import Problem, Task

#: The fixed seed of the perturbed orderings: the output depends on the request only.
_SEED = 20240906
#: Expert-visit placements the attempts may spend in total (bounds the work on big requests).
_BUDGET = 300_000
_MAX_ATTEMPTS = 64
#: Once a plan fits, the orderings stop after this many in a row that found no better plan
#: (on the office bench, 20–300 hospitals, the best came within 12 of the last gain).
_ORDER_STALL = 16
#: Expert-visit placements the local search may spend, and its most moves.
_SEARCH_BUDGET = 600_000
_MAX_MOVES = 3_000
#: The local search stops after this many moves in a row that found no shorter plan.
_STALL = 100
#: ... and, on big requests, after this much work (team seats placed) without a gain; a request
#: of more seats than this gets no local search.
_STALL_WORK = 50_000


def _orders(p: Problem) -> Iterator[list[Task]]:
    """The orderings tried, from the requirements alone (never from the experts).

    First the longest visits (most working days, then biggest teams, then most external experts),
    then the most constrained ones, then perturbations of the first with a fixed seed. How many
    depends on the number of visits only, so that the work stays bounded. Each is made when
    asked for: the search may stop before the last.
    """
    tasks = p.tasks
    # visits that may not start yet (earliest day, a later year for "spread") go after those
    # that may: list scheduling then moves forward in time
    staged = len({t.lo for t in tasks}) > 1

    def lo(t: Task) -> int:
        return t.lo

    def longest(t: Task) -> tuple[int, int, int, int, str]:
        return (-t.span.min_occupation, -t.team_size, -t.min_external, -t.need_leader, t.req.id)

    def constrained(t: Task) -> tuple[float, int, int, str]:
        return (-t.min_external / t.team_size, -t.span.min_occupation, -t.team_size, t.req.id)

    for key in (longest, constrained):
        order = sorted(tasks, key=key)
        yield sorted(order, key=lo) if staged else order
    work = max(1, sum(t.team_size for t in tasks))
    extra = min(_MAX_ATTEMPTS, _BUDGET // work) - 2
    rng = random.Random(_SEED)
    length = [-t.span.min_occupation for t in tasks]
    size = [-t.team_size for t in tasks]
    ids = [t.req.id for t in tasks]
    for k in range(max(0, extra)):
        noise = 2.0 + 10.0 * k / max(1, extra)
        draw = rng.random  # noise * draw() is rng.uniform(0, noise), the same floats
        # the length key with noise, the team, the id, then the place (a stable sort's tie)
        keyed = [
            (length[n] - noise * draw(), size[n], ids[n], n) for n in range(len(tasks))
        ]  # fmt: skip
        keyed.sort()
        order = [tasks[x[3]] for x in keyed]
        yield sorted(order, key=lo) if staged else order


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
    # big requests stop sooner: each move there costs a whole pass over thousands of visits;
    # past _STALL_WORK seats (national scale) there is no search at all: measured on the
    # national bench (seeds 0-2, with and without office constraints) its moves never
    # shortened the plan
    stall = min(_STALL, _STALL_WORK // work)
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
