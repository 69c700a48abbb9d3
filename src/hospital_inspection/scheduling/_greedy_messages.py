"""The greedy's error messages (private): why a request cannot be met, naming the binding
constraint, and :func:`diagnose`, why no team can be formed for one visit on any day."""

from __future__ import annotations

from hospital_inspection.scheduling._bounds import Bounds
from hospital_inspection.scheduling._greedy_team import Assignment, _Limits
from hospital_inspection.scheduling._problem import Problem, Task

#: Reasons listed in an error message at most.
_SHOWN = 8


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
