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
