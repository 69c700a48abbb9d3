"""Lower bounds on the makespan, and the reasons a request cannot be met (private).

Every bound here is a necessary condition: when one needs more working days than the window has,
no plan exists, and the error says which one. Adding an expert never raises a bound.

With ``U(m)`` the working days among the first ``m`` on which nobody is blacked out and ``len(v)``
the fewest working days visit ``v`` can occupy:

* capacity: ``n * U(m) >= sum(len(v) * team_size(v))``, with ``n`` the most usable experts who
  can be at work on one day in whole teams (12 experts in teams of 5: 10);
* class: the same for team leaders (one per visit that needs one), for the experts external to
  each region (``min_external`` per visit of that region) and for officials;
* chain: ``m >= earliest possible end of v``, for every visit ``v``.
"""

from __future__ import annotations

from collections import Counter
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
    effective: int  # the most who can be at work on one day


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


class _Counts:
    """Experts and leaders per home region, to count a team's candidates without a scan."""

    def __init__(self, p: Problem) -> None:
        self.experts = len(p.experts)
        self.by_region = Counter(p.region_of)
        self.leaders = sum(p.is_leader)
        self.leaders_by_region = Counter(
            g for g, lead in zip(p.region_of, p.is_leader, strict=True) if lead
        )


def _at_work(need: _Need) -> str:
    if need.effective == need.people:
        return ""
    return f" (whole teams keep at most {need.effective} at work on one day)"


def _spread(values: list[int]) -> str:
    lo, hi = min(values), max(values)
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _usable(p: Problem) -> list[int]:
    """Experts who may sit on at least one team (not barred from every visit)."""
    barred = Counter(i for t in p.tasks for i in t.excluded)
    return [i for i in range(len(p.experts)) if barred[i] < len(p.tasks)]


def _most_at_work(people: int, team_sizes: set[int]) -> int:
    """The largest sum of team sizes (any number of teams of each size) not above ``people``.

    Teams are whole: with 12 experts and teams of 5, at most 10 are at work on any day.
    """
    sizes = sorted(k for k in team_sizes if k > 0)
    if not sizes or people <= 0:
        return max(people, 0)
    reach = [True] + [False] * people
    for total in range(1, people + 1):
        reach[total] = any(k <= total and reach[total - k] for k in sizes)
    return max(total for total in range(people + 1) if reach[total])


def _needs(p: Problem) -> Iterator[_Need]:
    tasks = p.tasks
    if not tasks:
        return
    usable_experts = _usable(p)
    outside = Counter(p.region_of[i] for i in usable_experts)
    yield _Need(
        "capacity",
        f"{len(tasks)} visits need {_spread([t.req.team_size for t in tasks])} experts each",
        sum(t.span.min_occupation * t.req.team_size for t in tasks),
        len(usable_experts),
        _most_at_work(len(usable_experts), {t.req.team_size for t in tasks}),
    )
    led = [t for t in tasks if t.req.need_leader]
    if led:
        leaders = sum(1 for i in usable_experts if p.is_leader[i])
        yield _Need(
            "team leaders",
            f"{len(led)} visits need a team leader each",
            sum(t.span.min_occupation for t in led),
            leaders,
            leaders,
        )
    by_region: dict[int, list[Task]] = {}
    for t in tasks:
        if t.req.min_external:
            by_region.setdefault(t.region, []).append(t)
    for g, group in sorted(by_region.items()):
        yield _Need(
            f"region {p.region_names[g]!r}",
            f"{len(group)} visits need {_spread([t.req.min_external for t in group])} "
            "external experts each",
            sum(t.span.min_occupation * t.req.min_external for t in group),
            len(usable_experts) - outside[g],
            len(usable_experts) - outside[g],
        )
    staffed = [t for t in tasks if t.req.officials]
    if staffed:
        yield _Need(
            "officials",
            f"{len(staffed)} visits need {_spread([t.req.officials for t in staffed])} "
            "officials each",
            sum(t.span.min_occupation * t.req.officials for t in staffed),
            len(p.officials),
            _most_at_work(len(p.officials), {t.req.officials for t in staffed}),
        )


def team_problems(p: Problem, t: Task, counts: _Counts) -> list[str]:
    """Why the task's team or dates cannot be formed at all (empty when they can)."""
    r = t.req
    out: list[str] = []
    where = f"visit {r.id!r} to hospital {r.hospital!r}"
    if t.span.first_end < 0:
        out.append(
            f"{where} needs {r.min_days} consecutive {r.day_unit.code} days "
            "without a blackout date "
            f"between {p.window.start.isoformat()} and {p.window.deadline.isoformat()}; "
            "there is no such stretch"
        )
    eligible = len(p.experts) - len(t.excluded)
    if eligible < r.team_size:
        out.append(
            f"{where} needs {r.team_size} experts; only {eligible} may sit on the team "
            f"({len(t.excluded)} excluded as the hospital's employees or by 回避)"
        )
    c = counts
    barred_ext = sum(1 for i in t.excluded if p.is_external(t, i))
    external = (c.experts - c.by_region[t.region] if t.region >= 0 else 0) - barred_ext
    if external < r.min_external:
        out.append(
            f"{where} needs {r.min_external} experts from outside region "
            f"{p.region_names[t.region]!r}; only {external} are available"
        )
    if r.need_leader:
        leaders = c.leaders - sum(1 for i in t.excluded if p.is_leader[i])
        ext_leaders = (
            (c.leaders - c.leaders_by_region[t.region] if t.region >= 0 else 0)
            - sum(1 for i in t.excluded if p.is_leader[i] and p.is_external(t, i))
        )  # fmt: skip
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
    counts = _Counts(p)
    for t in p.tasks:
        problems.extend(team_problems(p, t, counts))
    chain = max((t.span.first_end + 1 for t in p.tasks), default=0)
    capacity = 0
    klass = 0
    binding = "chain" if chain else "none"
    best_days = chain
    tightest = ""
    tightest_use = -1.0
    window_days = w.usable[n_days]
    for need in _needs(p):
        days = w.days_needed(need.demand, need.effective)
        offered = need.effective * window_days
        use = need.demand / offered if offered else float("inf")
        text = (
            f"{need.name}: {need.people} experts available{_at_work(need)}; {need.what} "
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
