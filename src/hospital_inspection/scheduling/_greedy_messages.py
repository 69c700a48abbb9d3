"""The greedy's error messages (private): why a request cannot be met, naming the binding
constraint, and :func:`diagnose`, why no team can be formed for one visit on any day."""

from __future__ import annotations

from hospital_inspection.errors import InfeasibleScheduleError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.scheduling._bounds import Bounds, binding_name, joined, where
from hospital_inspection.scheduling._greedy_team import Assignment, _Limits
from hospital_inspection.scheduling._problem import Problem, Task

#: Reasons listed in an error message at most.
_SHOWN = 8


def _names(people: list[str]) -> Message:
    if len(people) == 1:
        return Message(N_("{person} is the only one"), {"person": people[0]})
    return Message(
        N_("{people} and {last} are the only ones"),
        {"people": joined(list(people[:-1])), "last": people[-1]},
    )


def diagnose(p: Problem, t: Task, cap: int | None = None) -> Message | None:
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
    visit = where(t)
    if t.pinned is not None:
        return None
    if not starts:
        return Message(
            N_("{where} has no day to start: between its earliest start (notice, earliest) and "
               "its latest end (latest, deadline) there is no stretch of days without a blackout"),
            {"where": visit},
        )  # fmt: skip
    first, last_start = p.window.days[starts[0]], p.window.days[starts[-1]]
    for k in ("external leaders", "leaders", "external", "experts", "officials"):
        if best[k] >= need[k]:
            continue
        people = _class_members(p, t, k)
        who: Message | str = ""
        if 0 < len(people) <= 6:
            who = Message(N_(" ({names})"), {"names": _names(people)})
        return Message(
            N_("{where} needs {n} {label} free on every day of a visit starting between "
               "{first:date} and {last:date}; at most {best} are{who}, after unavailability, "
               "rest days, caps and pinned visits"),
            {"where": visit, "n": need[k], "label": _label(k, t, p), "first": first,
             "last": last_start, "best": best[k], "who": who},
        )  # fmt: skip
    return Message(
        N_("{where}: on no day between {first:date} and {last:date} are enough people of every "
           "kind free at once"),
        {"where": visit, "first": first, "last": last_start},
    )  # fmt: skip


def _label(k: str, t: Task, p: Problem) -> Message:
    regions = ", ".join(p.region_names[g] for g in sorted(t.ext))
    if k == "external":
        return Message(N_("experts from outside {regions} (外区市)"), {"regions": regions})
    if k == "external leaders":
        return Message(N_("team leader(s) from outside {regions} (外区市)"), {"regions": regions})
    words = {
        "experts": N_("experts"),
        "leaders": N_("team leader(s)"),
        "officials": N_("officials"),
    }
    return Message(words[k])


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


def infeasible_error(
    p: Problem,
    b: Bounds,
    best: Assignment | None,
    attempts: int,
    hint: Message | None = None,
) -> InfeasibleScheduleError:
    """The error of a request the greedy could not meet, naming the binding constraint; its
    text is English, its messages are worded in the reader's language by front ends."""
    if b.problems:
        shown: list[Message] = list(b.problems[:_SHOWN])
        if len(b.problems) > _SHOWN:
            shown.append(Message(N_("... and {n} more"), {"n": len(b.problems) - _SHOWN}))
        return InfeasibleScheduleError(problems=shown)
    message: Message | None = None
    if best is not None and best.failed_at is not None:
        why = diagnose(p, best.failed_at)
        if why is not None:
            message = Message(N_("no schedule exists: {why}"), {"why": why})
    if message is None:
        w = p.window
        placed = best.placed if best else 0
        stuck = best.failed_at.req.id if best and best.failed_at else "?"
        message = Message(
            N_("no schedule found that ends by {deadline:date} ({days} working days from "
               "{start:date}): {attempts} orderings tried, the best placed {placed} of {n} "
               "visits (it could not fit visit {stuck}). The tightest constraint is {tightest}; "
               "no plan can take fewer than {lower} working days ({binding}). The exact back "
               "end (solve_exact, extra 'solver') may still find a plan."),
            {"deadline": w.deadline, "days": len(w), "start": w.start, "attempts": attempts,
             "placed": placed, "n": len(p.tasks), "stuck": repr(stuck), "tightest": b.tightest,
             "lower": b.lower, "binding": binding_name(b.binding)},
        )  # fmt: skip
    if hint is not None:
        message = Message(N_("{message} {hint}"), {"message": message, "hint": hint})
    return InfeasibleScheduleError(message)


def infeasible_message(p: Problem, b: Bounds, best: Assignment | None, attempts: int) -> str:
    """Words for a request the greedy could not meet, naming the binding constraint."""
    return str(infeasible_error(p, b, best, attempts))
