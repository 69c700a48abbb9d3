"""Lower bounds on the makespan, and the reasons a request cannot be met (private).

Every bound here is a necessary condition: when one needs more working days than the window has,
no plan exists, and the error says which one. Adding an expert never raises a bound.

With ``U(m)`` the working days among the first ``m`` on which nobody is blacked out and ``len(v)``
the fewest working days visit ``v`` can occupy:

* capacity: ``n * U(m) >= sum(len(v) * team_size(v))`` over the ``n`` usable experts;
* class: the same for team leaders (one per visit that needs one), for the experts external to
  each region (``min_external`` per visit of that region) and for officials;
* chain: ``m >= earliest possible end of v``, for every visit ``v``.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from hospital_inspection.scheduling._problem import Problem, Task

__all__ = ["Bounds", "bounds", "team_problems"]


@attrs.frozen
class _Need:
    name: str
    what: str  # e.g. "12 visits need 3 each"
    demand: int  # expert-days
    people: int
    days: int | None  # None: more than the window


@attrs.frozen
class Bounds:
    """The lower bounds of a request; ``problems`` is empty when none exceeds the window."""

    capacity: int
    chain: int
    klass: int
    lower: int
    binding: str
    problems: tuple[str, ...]
    tightest: str


def _spread(values: list[int]) -> str:
    lo, hi = min(values), max(values)
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _needs(p: Problem) -> Iterator[_Need]:
    tasks = p.tasks
    usable_experts = {i for t in tasks for i in p.eligible(t)}
    yield _Need(
        "capacity",
        f"{len(tasks)} visits need {_spread([t.req.team_size for t in tasks])} experts each",
        sum(t.span.min_occupation * t.req.team_size for t in tasks),
        len(usable_experts),
        None,
    )
    led = [t for t in tasks if t.req.need_leader]
    if led:
        leaders = sum(1 for i in usable_experts if p.is_leader[i])
        yield _Need(
            "team leaders",
            f"{len(led)} visits need a team leader each",
            sum(t.span.min_occupation for t in led),
            leaders,
            None,
        )
    by_region: dict[int, list[Task]] = {}
    for t in tasks:
        if t.req.min_external:
            by_region.setdefault(t.region, []).append(t)
    for g, group in sorted(by_region.items()):
        outside = sum(1 for i in usable_experts if p.region_of[i] != g)
        yield _Need(
            f"region {p.region_names[g]!r}",
            f"{len(group)} visits need {_spread([t.req.min_external for t in group])} "
            "external experts each",
            sum(t.span.min_occupation * t.req.min_external for t in group),
            outside,
            None,
        )
    staffed = [t for t in tasks if t.req.officials]
    if staffed:
        yield _Need(
            "officials",
            f"{len(staffed)} visits need {_spread([t.req.officials for t in staffed])} "
            "officials each",
            sum(t.span.min_occupation * t.req.officials for t in staffed),
            len(p.officials),
            None,
        )


def team_problems(p: Problem, t: Task) -> list[str]:
    """Why the task's team or dates cannot be formed at all (empty when they can)."""
    r = t.req
    out: list[str] = []
    where = f"visit {r.id!r} to hospital {r.hospital!r}"
    if t.span.first_end < 0:
        out.append(
            f"{where} needs {r.min_days} consecutive {r.day_unit} days without a blackout date "
            f"between {p.window.start.isoformat()} and {p.window.deadline.isoformat()}; "
            "there is no such stretch"
        )
    eligible = p.eligible(t)
    if len(eligible) < r.team_size:
        out.append(
            f"{where} needs {r.team_size} experts; only {len(eligible)} may sit on the team "
            f"({len(t.excluded)} excluded as the hospital's employees or by 回避)"
        )
    external = [i for i in eligible if p.is_external(t, i)]
    if len(external) < r.min_external:
        out.append(
            f"{where} needs {r.min_external} experts from outside region "
            f"{p.region_names[t.region]!r}; only {len(external)} are available"
        )
    if r.need_leader:
        ext_leaders = sum(1 for i in external if p.is_leader[i])
        leaders = sum(1 for i in eligible if p.is_leader[i])
        if leaders == 0:
            out.append(f"{where} needs a team leader; no eligible expert can lead")
        elif r.min_external >= r.team_size and ext_leaders == 0:
            out.append(
                f"{where} needs an all-external team with a leader; no external expert can lead"
            )
    officials = len(p.officials) - len(t.excluded_officials)
    if officials < r.officials:
        out.append(f"{where} needs {r.officials} officials; only {officials} are available")
    return out


def bounds(p: Problem) -> Bounds:
    """The lower bounds of the problem, and what makes it infeasible if anything does."""
    w = p.window
    n_days = len(w)
    problems: list[str] = []
    for t in p.tasks:
        problems.extend(team_problems(p, t))
    chain = max((t.span.first_end + 1 for t in p.tasks), default=0)
    capacity = 0
    klass = 0
    binding = "chain" if chain else "none"
    best_days = chain
    tightest = ""
    tightest_use = -1.0
    window_days = w.usable[n_days]
    for need in _needs(p):
        days = w.days_needed(need.demand, need.people)
        offered = need.people * window_days
        use = need.demand / offered if offered else float("inf")
        text = (
            f"{need.name}: {need.people} experts available; {need.what} "
            f"({need.demand} expert-days) within {window_days} working days "
            f"({offered} expert-days)"
        )
        if need.name == "officials":
            text = text.replace("experts available", "officials available")
        if need.name.startswith("region"):
            text = text.replace("experts available", "external experts available")
        if use > tightest_use:
            tightest, tightest_use = text, use
        if days is None:
            problems.append(text)
            days = n_days + 1
        if need.name == "capacity":
            capacity = days
        else:
            klass = max(klass, days)
        if days > best_days:
            best_days, binding = days, need.name
    return Bounds(
        capacity=capacity,
        chain=chain,
        klass=klass,
        lower=best_days,
        binding=binding,
        problems=tuple(problems),
        tightest=tightest,
    )
