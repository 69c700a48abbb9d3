"""The greedy's placement pass (private): :func:`run` places the visits of one order in
working-day indices, earliest-free eligible people first, after :func:`_fixed` has put in the
pinned visits."""

from __future__ import annotations

import bisect
import heapq

from hospital_inspection.scheduling._greedy_team import Assignment, _Limits, _local_choice, _pick
from hospital_inspection.scheduling._problem import Problem, Task


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

    Among experts free on the same day, the lower ``rank`` (a permutation of the expert
    indices; default: the id order) goes first. ``cap`` replaces the request's
    ``max_days_per_person`` when it is lower (the balanced objective's search); ``local``
    prefers experts of the hospital's district.

    The free people wait in two heaps (experts, officials) keyed by one integer each,
    ``free_day << shift | rank`` (officials: ``| index``): the order of ``(free day, rank)``,
    compared without building a tuple.
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
    n_e, n_o = len(p.experts), len(p.officials)
    sh, osh = max(1, n_e.bit_length()), max(1, n_o.bit_length())
    mask, omask = (1 << sh) - 1, (1 << osh) - 1
    if rank is None:
        who = list(range(n_e))  # rank -> expert
    else:
        who = [0] * n_e
        for i, r in enumerate(rank):
            who[r] = i
    heap = list(range(n_e))  # everyone free from day 0: the key is the rank
    off_heap = list(range(n_o))
    if limits is not None:
        ok_e, next_e, book_e = limits.e.ok, limits.e.next_start, limits.e.book
        ok_o, next_o, book_o = limits.o.ok, limits.o.next_start, limits.o.book
        if cap is not None:  # people already spent by pinned visits never come back
            least = limits.least
            load_e, load_o = limits.e.load, limits.o.load
            heap = [r for r in heap if load_e[who[r]] + least <= cap]
            off_heap = [j for j in off_heap if load_o[j] + least <= cap]
    plain = limits is None
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
        popped: list[int] = []  # heap keys taken out for this visit
        off_popped: list[int] = []
        cands: list[int] = []  # the eligible among them (indices)
        off_cands: list[int] = []
        pool: list[int] = []  # ... who may serve from day s
        off_pool: list[int] = []
        tot = n_ext = lead_ext = lead_loc = 0
        placed = False
        # Without limits everyone popped is free by the start (it only moves on to the day
        # the last of them is free), so the pools are the candidates and the counts grow by
        # one; with limits the pools are taken again whenever the start moves. The start is
        # checked where it moves (below): the loop only needs to know it was valid at first.
        if s >= 0 and span_end[s] > hi:
            s = -1
        while s >= 0:
            if (
                tot >= team_size
                and n_ext >= min_external
                and (not need_leader or lead_ext or (lead_loc and min_external < team_size))
            ):
                if len(off_pool) >= n_off:
                    placed = True
                    break
                if off_heap:
                    key = pop(off_heap)
                    f = key >> osh
                    j = key & omask
                    if (
                        not plain
                        and f <= s
                        and j not in excluded_off
                        and not ok_o(j, s, span_end[s], last_ord[s])
                    ):
                        push(off_heap, next_o(j, s, span_end[s], last_ord[s]) << osh | j)
                        continue
                    off_popped.append(key)
                    if j in excluded_off:
                        continue
                    off_cands.append(j)
                    if f <= s:
                        off_pool.append(j)
                        continue
                    if plain:
                        off_pool.append(j)
                    s = next_valid[f] if f < n_days else -1
                elif not plain:
                    s = next_valid[s + 1] if s + 1 < n_days else -1
                else:
                    break
            elif heap:
                key = pop(heap)
                f = key >> sh
                i = who[key & mask]
                if (
                    not plain
                    and f <= s
                    and i not in excluded
                    and not ok_e(i, s, span_end[s], last_ord[s])
                ):
                    # not now: back in the heap from the first day worth trying again
                    push(heap, next_e(i, s, span_end[s], last_ord[s]) << sh | key & mask)
                    continue
                popped.append(key)
                if i in excluded:
                    continue
                cands.append(i)
                if f <= s or plain:
                    pool.append(i)
                    tot += 1
                    if ext and region_of[i] not in ext:
                        n_ext += 1
                        lead_ext += is_leader[i]
                    else:
                        lead_loc += is_leader[i]
                    if f <= s:
                        continue
                s = next_valid[f] if f < n_days else -1
            elif not plain:
                s = next_valid[s + 1] if s + 1 < n_days else -1
            else:
                break
            # the start moved: take again everyone popped who is free and may serve then
            if s < 0 or span_end[s] > hi:
                break
            if plain:
                continue
            e = span_end[s]
            lo_ord = last_ord[s]
            pool = [i for i in cands if ok_e(i, s, e, lo_ord)]
            off_pool = [j for j in off_cands if ok_o(j, s, e, lo_ord)]
            if len(pool) < len(cands) and heap:
                # the others wait in the heap until they may serve (everyone popped and not
                # excluded is a candidate)
                keep = set(pool)
                kept = []
                for key in popped:
                    i = who[key & mask]
                    if i in keep or i in excluded:
                        kept.append(key)
                    else:
                        push(heap, next_e(i, s, e, lo_ord) << sh | key & mask)
                popped = kept
                cands = pool[:]
            tot = len(pool)
            n_ext = lead_ext = lead_loc = 0
            for i in pool:
                if ext and region_of[i] not in ext:
                    n_ext += 1
                    lead_ext += is_leader[i]
                else:
                    lead_loc += is_leader[i]
        if not placed:
            for key in popped:
                push(heap, key)
            for key in off_popped:
                push(off_heap, key)
            out.failed_at = t
            return out
        if local and t.local >= 0:
            items = [(key >> sh, key & mask, who[key & mask]) for key in heap + popped]
            off_items = [(key >> osh, key & omask, key & omask) for key in off_heap + off_popped]
            s, team, leader, officials = _local_choice(p, t, s, items, off_items, limits)
            e = span_end[s]
            free = e + 1 + rest
            busy = set(team)
            chosen = set(officials)
            heap = [
                (free if x[2] in busy else x[0]) << sh | x[1]
                for x in items
                if x[2] not in busy or plain or book_e(x[2], s, e)
            ]
            off_heap = [
                (free if x[2] in chosen else x[0]) << osh | x[2]
                for x in off_items
                if x[2] not in chosen or plain or book_o(x[2], s, e)
            ]
            heapq.heapify(heap)
            heapq.heapify(off_heap)
        else:
            e = span_end[s]
            team, leader = _pick(p, t, pool)
            officials = off_pool[:n_off]
            free = e + 1 + rest
            freed, off_freed = free << sh, free << osh  # the keys' day part
            busy = set(team)
            for key in popped:
                r = key & mask
                i = who[r]
                if i in busy:
                    if plain or book_e(i, s, e):
                        push(heap, freed | r)
                else:
                    push(heap, key)
            for key in off_popped:
                j = key & omask
                if j in officials:
                    if plain or book_o(j, s, e):
                        push(off_heap, off_freed | j)
                else:
                    push(off_heap, key)
        k = t.index
        out.start[k] = s
        out.end[k] = e
        out.team[k] = team
        out.leader[k] = leader
        out.officials[k] = officials
        out.placed += 1
    return out
