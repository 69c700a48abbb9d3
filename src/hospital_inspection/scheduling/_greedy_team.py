"""The parts of one greedy placement (private): :class:`Assignment`, the record of an
attempt; the choice of a team from a pool of free people; the ``"local"`` objective's choice
of a start and team with the fewest extra trips; and :class:`_Limits`, the per-person load
caps that decide whether a person may take a visit."""

from __future__ import annotations

import bisect

import attrs

from hospital_inspection.scheduling._problem import Problem, Task


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
