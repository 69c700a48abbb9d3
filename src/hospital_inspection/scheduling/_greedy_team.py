"""The parts of one greedy placement (private): :class:`Assignment`, the record of an
attempt; the choice of a team from a pool of free people; the ``"local"`` objective's choice
of a start and team with the fewest extra trips; and :class:`_Limits`, the per-person load
caps that decide whether a person may take a visit."""

from __future__ import annotations

import bisect
from collections import Counter

import attrs

from hospital_inspection.model.people import Expert
from hospital_inspection.scheduling._problem import Person, Problem, Task


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
    # Leaders are kept for teams that need one: fill with others first when leaders matter
    # (each part keeps the free-day order).
    if p.leaders_matter:
        spare = [i for i in pool if not is_leader[i]]
        spare += [i for i in pool if is_leader[i] and i != leader]
    else:
        spare = [i for i in pool if i != leader]
    size = t.team_size
    need = t.min_external
    seated = len(chosen)  # the leader, if any (never in spare)
    if ext and need:
        have = 1 if (leader >= 0 and region_of[leader] not in ext) else 0
        if have < need:
            for i in spare:
                if region_of[i] not in ext:
                    chosen.append(i)
                    have += 1
                    if have == need:
                        break
    if local and t.local >= 0:
        home = t.local
        spare.sort(key=lambda i: region_of[i] != home)
    if len(chosen) == seated:  # nobody of spare is seated yet: the first of spare fill up
        chosen += spare[: size - seated]
        return chosen, leader
    taken = set(chosen)
    for i in spare:
        if len(chosen) == size:
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


class _Pool:
    """One pool's (the experts' or the officials') loads and the check of one start.

    Loads are working-day indices: ``load[i]`` over the round, ``year[i][y]`` in the window's
    ``y``-th calendar year (``Problem.year_index``); both start from the pinned visits.
    """

    __slots__ = (
        "cap", "first", "last", "least", "load", "ordinal", "year", "year_cap", "year_index",
        "year_next",
    )  # fmt: skip

    def __init__(
        self, p: Problem, people: list[Expert], persons: list[Person], cap: int | None, least: int
    ) -> None:
        self.cap = cap
        self.year_cap = p.year_cap
        self.least = least
        self.ordinal = p.ordinal
        self.year_index = p.year_index
        #: ``year_next[y]``: the first day index of the window's year after the ``y``-th.
        self.year_next = p.year_next
        #: per person, the first and last ordinals of their blocked ranges.
        self.first = [[a for a, _ in x.blocked] for x in persons]
        self.last = [[b for _, b in x.blocked] for x in persons]
        n_years = len(p.year_next)
        if p.pinned_load:
            known = p.year_number
            loads = [p.load_of(e.id) for e in people]
            self.load = [sum(x.values()) for x in loads]
            self.year = [[0] * n_years for _ in people]
            for row, x in zip(self.year, loads, strict=True):
                for y, n in x.items():
                    if y in known:
                        row[known[y]] += n
        else:
            self.load = [0] * len(people)
            self.year = [[0] * n_years for _ in people]

    def ok(self, i: int, s: int, e: int, last_ord: int) -> bool:
        """True when person ``i`` may serve on a visit on days ``s`` to ``e`` (whose last
        on-site date has ordinal ``last_ord``)."""
        firsts = self.first[i]
        if firsts:
            k = bisect.bisect_right(firsts, last_ord)
            if k and self.last[i][k - 1] >= self.ordinal[s]:
                return False
        cap = self.cap
        if cap is not None and self.load[i] + e - s + 1 > cap:
            return False
        year_cap = self.year_cap
        if year_cap is not None:
            row = self.year[i]
            index = self.year_index
            y = index[s]
            if y == index[e]:
                return row[y] + e - s + 1 <= year_cap
            days = Counter(index[k] for k in range(s, e + 1))  # across a new year
            return all(row[y] + n <= year_cap for y, n in days.items())
        return True

    def next_start(self, i: int, s: int, e: int, last_ord: int) -> int:
        """After ``ok`` said no for start ``s``: the first start worth trying again (> ``s``):
        past the blocked days in the way, or into the next year when this year is full."""
        nxt = s + 1
        firsts = self.first[i]
        if firsts:
            k = bisect.bisect_right(firsts, last_ord)
            if k and self.last[i][k - 1] >= self.ordinal[s]:
                nxt = max(nxt, bisect.bisect_right(self.ordinal, self.last[i][k - 1]))
        if self.year_cap is not None:
            row = self.year[i]
            index = self.year_index
            for y in range(index[s], index[e] + 1):
                if row[y] >= self.year_cap:
                    nxt = max(nxt, self.year_next[y])
        return nxt

    def book(self, i: int, s: int, e: int) -> bool:
        """Add the visit to ``i``'s load; False when ``i`` can take no further visit."""
        load = self.load
        load[i] += e - s + 1
        if self.year_cap is not None:
            row = self.year[i]
            index = self.year_index
            if index[s] == index[e]:
                row[index[s]] += e - s + 1
            else:
                for k in range(s, e + 1):
                    row[index[k]] += 1
        return self.cap is None or load[i] + self.least <= self.cap


class _Limits:
    """Per-person load in working days (round and per year) and the check of one start:
    one :class:`_Pool` for the experts (``e``), one for the officials (``o``)."""

    def __init__(self, p: Problem, cap: int | None) -> None:
        self.p = p
        self.cap = cap
        #: the fewest working days any unplaced visit occupies (a person below it is spent).
        self.least = p.least_occupation
        self.e = _Pool(p, p.experts, p.people_e, cap, self.least)
        self.o = _Pool(p, p.officials, p.people_o, cap, self.least)

    def ok(self, official: bool, i: int, s: int, e: int, last_ord: int) -> bool:
        return (self.o if official else self.e).ok(i, s, e, last_ord)
