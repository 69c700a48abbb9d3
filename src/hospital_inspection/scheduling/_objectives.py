"""The objectives beside the makespan, each with its value and a lower bound (private).

* ``"spread"``: the visits off their yearly targets, ``sum(max(0, target[y] - visits[y]))``,
  with ``target[y]`` the share ``per_year[y]`` of the visits rounded by largest remainder; the
  bound is 0 (the targets are whole numbers). Each unit is given a year before the greedy runs
  (interleaved, so every inspecting authority gets work in every year) and must start and end
  inside it.
* ``"balanced"``: the most working days any one person serves (pinned visits included). The
  bound is the largest of: the demand of experts, team leaders and officials spread evenly over
  everyone who may take those seats; the longest visit; the most a person already serves on
  pinned visits. The greedy searches the smallest per-person cap under which it still finds a
  plan.
* ``"local"``: cross-district trips beyond the rule's: per visit, the experts whose home
  district is not the hospital's (``locality``) less the external experts the rule asks for.
  The bound counts the seats that no expert of the district can take.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from hospital_inspection.i18n import N_, Message

if TYPE_CHECKING:
    from hospital_inspection.scheduling._bounds import Bounds
    from hospital_inspection.scheduling._greedy_team import Assignment
    from hospital_inspection.scheduling._problem import Problem, Task

__all__ = [
    "assign_years",
    "key",
    "local_bound",
    "measure",
    "spread_hint",
    "targets",
    "trips_of_pinned",
]

#: Orderings tried for each cap of the balanced search.
_BALANCE_ORDERS = 4


def targets(p: Problem) -> dict[int, int]:
    """Visits per year: each year's share of the visits, rounded by largest remainder."""
    shares = p.request.per_year or {}
    n = p.visit_count
    exact = {y: Fraction(n) * f for y, f in shares.items()}
    out = {y: math.floor(x) for y, x in exact.items()}
    left = n - sum(out.values())
    for y in sorted(exact, key=lambda y: (-(exact[y] - out[y]), y))[:left]:
        out[y] += 1
    return out


def assign_years(p: Problem) -> dict[int, int]:
    """Give each unit a year (pinned ones keep theirs) and keep it inside that year."""
    want = targets(p)
    have = dict.fromkeys(want, 0)
    w = p.window
    chosen: dict[int, int] = {}
    for t in p.tasks:
        if t.pinned is not None:
            y = t.pinned[0].first_day.year
            have[y] = have.get(y, 0) + len(t.reqs)
            chosen[t.index] = y
    free = sorted(
        (t for t in p.tasks if t.pinned is None), key=lambda t: (t.req.authority, t.req.id)
    )
    total = sum(len(t.reqs) for t in free) or 1
    done = 0
    for t in free:
        done += len(t.reqs)
        # the year furthest behind its share of the work placed so far
        y = max(sorted(want), key=lambda y: Fraction(want[y] * done, total) - have.get(y, 0))
        have[y] = have.get(y, 0) + len(t.reqs)
        chosen[t.index] = y
        first = next((k for k, d in enumerate(w.days) if d.year == y), len(w))
        last = max((k for k, d in enumerate(w.days) if d.year == y), default=-1)
        t.lo = max(t.lo, first)
        t.hi = min(t.hi, last)
    return chosen


def spread_hint(p: Problem) -> Message:
    from hospital_inspection.scheduling._bounds import joined

    want = targets(p)
    parts = joined(
        [Message(N_("{n} in {year}"), {"n": n, "year": y}) for y, n in sorted(want.items())]
    )
    return Message(
        N_("The 'spread' objective asks for {parts} (per_year); each visit must start and end "
           "within its year."),
        {"parts": parts},
    )  # fmt: skip


def _spread_value(p: Problem, a: Assignment) -> int:
    want = targets(p)
    have: dict[int, int] = {}
    w = p.window
    for t in p.tasks:
        s = a.start[t.index]
        y = t.pinned[0].first_day.year if t.pinned is not None else w.days[s].year
        have[y] = have.get(y, 0) + len(t.reqs)
    return sum(max(0, n - have.get(y, 0)) for y, n in want.items())


def max_load(p: Problem, a: Assignment) -> int:
    """The most working days one person serves in ``a`` (pinned visits included)."""
    load: dict[str, int] = {}
    for person, years in p.pinned_load.items():
        load[person] = sum(years.values())
    for t in p.tasks:
        if t.pinned is not None:
            continue
        k = t.index
        days = a.end[k] - a.start[k] + 1
        for i in a.team[k]:
            x = p.experts[i].id
            load[x] = load.get(x, 0) + days
        for j in a.officials[k]:
            x = p.officials[j].id
            load[x] = load.get(x, 0) + days
    return max(load.values(), default=0)


def _balanced_bound(p: Problem) -> int:
    free = [t for t in p.tasks if t.pinned is None]
    pinned = max((sum(y.values()) for y in p.pinned_load.values()), default=0)
    if not free:
        return pinned
    bound = max(pinned, max(t.span.min_occupation for t in free))
    usable = [i for i in range(len(p.experts)) if any(i not in t.excluded for t in free)]
    expert_days = sum(t.span.min_occupation * t.team_size for t in free)
    if usable:
        bound = max(bound, -(-expert_days // len(usable)))
    leaders = sum(1 for i in usable if p.is_leader[i])
    leader_days = sum(t.span.min_occupation for t in free if t.need_leader)
    if leaders and leader_days:
        bound = max(bound, -(-leader_days // leaders))
    official_days = sum(t.span.min_occupation * t.officials for t in free)
    if p.officials and official_days:
        bound = max(bound, -(-official_days // len(p.officials)))
    return bound


def trips(p: Problem, a: Assignment) -> int:
    """Cross-district trips beyond the external-expert rule's, over the whole plan."""
    out = 0
    region_of = p.region_of
    for t in p.tasks:
        if t.local < 0:
            continue
        team = a.team[t.index]
        if t.pinned is not None:
            team = [p.expert_index[x] for x in t.pinned[0].people if x in p.expert_index]
        away = sum(1 for i in team if region_of[i] != t.local)
        out += len(t.reqs) * max(0, away - t.min_external)
    return out


def trips_of_pinned(p: Problem, t: Task) -> int:
    """The trips a pinned unit already makes (fixed in any plan)."""
    if t.local < 0 or t.pinned is None:
        return 0
    team = [p.expert_index[x] for x in t.pinned[0].people if x in p.expert_index]
    away = sum(1 for i in team if p.region_of[i] != t.local)
    return len(t.reqs) * max(0, away - t.min_external)


def local_bound(p: Problem) -> int:
    out = 0
    for t in p.tasks:
        if t.local < 0:
            continue
        home = sum(
            1 for i in range(len(p.experts)) if p.region_of[i] == t.local and i not in t.excluded
        )
        out += len(t.reqs) * max(0, t.team_size - t.min_external - home)
    return out


def measure(p: Problem, a: Assignment, b: Bounds) -> tuple[int, int]:
    """The request's objective: ``(value, lower bound)``."""
    objective = p.request.objective
    if objective == "spread":
        return _spread_value(p, a), 0
    if objective == "balanced":
        return max_load(p, a), _balanced_bound(p)
    if objective == "local":
        return trips(p, a), local_bound(p)
    return a.makespan, b.lower


def key(p: Problem, a: Assignment, local: bool = False) -> tuple[int, int]:
    """What the orderings compete on: trips first for ``"local"``, the makespan otherwise."""
    if local:
        return trips(p, a), a.makespan
    return a.makespan, 0
