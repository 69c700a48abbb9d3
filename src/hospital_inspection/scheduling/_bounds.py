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

import bisect
from collections import Counter
from collections.abc import Callable, Iterator

import attrs

from hospital_inspection.i18n import N_, Message, joined
from hospital_inspection.scheduling._problem import Problem, Task

__all__ = ["Bounds", "binding_name", "bounds", "joined", "team_problems", "where"]


@attrs.frozen
class _Need:
    name: str
    what: Message  # e.g. "12 visits need 3 each"
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
    problems: tuple[Message, ...]  # str() of each is its English line
    tightest: Message | str


class _Counts:
    """Experts and leaders per home region, to count a team's candidates without a scan."""

    def __init__(self, p: Problem) -> None:
        self.experts = len(p.experts)
        self.by_region = Counter(p.region_of)
        self.leaders = sum(p.is_leader)
        self.leaders_by_region = Counter(
            g for g, lead in zip(p.region_of, p.is_leader, strict=True) if lead
        )


def _at_work(need: _Need) -> Message | str:
    if need.effective == need.people:
        return ""
    return Message(N_(" (whole teams keep at most {n} at work on one day)"), {"n": need.effective})


def _spread(values: list[int]) -> str:
    lo, hi = min(values), max(values)
    return f"{lo}" if lo == hi else f"{lo}–{hi}"


def _free(p: Problem) -> list[Task]:
    """The units the scheduler places (pinned ones are fixed)."""
    return [t for t in p.tasks if t.pinned is None]


def first_end(p: Problem, t: Task) -> int:
    """The earliest day index ``t`` can end, after its earliest start; -1 when none."""
    if t.lo >= len(p.window):
        return -1
    s = t.span.next_valid[t.lo]
    if s < 0 or t.span.end[s] > t.hi:
        return -1
    return t.span.end[s]


def _usable(p: Problem) -> list[int]:
    """Experts who may sit on at least one team (not barred from every visit)."""
    tasks = _free(p)
    barred = Counter(i for t in tasks for i in t.excluded)
    return [i for i in range(len(p.experts)) if barred[i] < len(tasks)]


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
    tasks = _free(p)
    if not tasks:
        return
    usable_experts = _usable(p)
    outside = Counter(p.region_of[i] for i in usable_experts)
    yield _Need(
        "capacity",
        Message(
            N_("{n} visits need {k} experts each"),
            {"n": len(tasks), "k": _spread([t.team_size for t in tasks])},
        ),
        sum(t.span.min_occupation * t.team_size for t in tasks),
        len(usable_experts),
        _most_at_work(len(usable_experts), {t.team_size for t in tasks}),
    )
    rest = p.rest
    if rest and not p.window.blackout:
        # every seat but each person's last is followed by rest days, all within the window
        seats = sum(t.team_size for t in tasks)
        yield _Need(
            "rest days",
            Message(
                N_(
                    "{n} visits need {k} experts each and {rest} rest days between two visits of "
                    "one person"
                ),
                {"n": len(tasks), "k": _spread([t.team_size for t in tasks]), "rest": rest},
            ),
            sum(t.span.min_occupation * t.team_size for t in tasks)
            + rest * max(0, seats - len(usable_experts)),
            len(usable_experts),
            len(usable_experts),
        )
    led = [t for t in tasks if t.need_leader]
    if led:
        leaders = sum(1 for i in usable_experts if p.is_leader[i])
        yield _Need(
            "team leaders",
            Message(N_("{n} visits need a team leader each"), {"n": len(led)}),
            sum(t.span.min_occupation for t in led),
            leaders,
            leaders,
        )
    by_region: dict[int, list[Task]] = {}
    for t in tasks:
        if t.min_external and len(t.ext) == 1:
            by_region.setdefault(t.region, []).append(t)
    for g, group in sorted(by_region.items()):
        yield _Need(
            f"region {p.region_names[g]!r}",
            Message(
                N_("{n} visits need {k} external experts each"),
                {"n": len(group), "k": _spread([t.min_external for t in group])},
            ),
            sum(t.span.min_occupation * t.min_external for t in group),
            len(usable_experts) - outside[g],
            len(usable_experts) - outside[g],
        )
    staffed = [t for t in tasks if t.officials]
    if staffed:
        yield _Need(
            "officials",
            Message(
                N_("{n} visits need {k} officials each"),
                {"n": len(staffed), "k": _spread([t.officials for t in staffed])},
            ),
            sum(t.span.min_occupation * t.officials for t in staffed),
            len(p.officials),
            _most_at_work(len(p.officials), {t.officials for t in staffed}),
        )


def where(t: Task) -> Message:
    """How a message names the task (made only when there is something to say)."""
    return Message(
        N_("visit {visit} to hospital {hospital}"),
        {"visit": repr(t.req.id), "hospital": repr(t.req.hospital)},
    )


def team_problems(p: Problem, t: Task, counts: _Counts) -> list[Message]:
    """Why the task's team or dates cannot be formed at all (empty when they can)."""
    r = t.req
    out: list[Message] = []
    if first_end(p, t) < 0:
        w = p.window
        first = w.days[t.lo] if t.lo < len(w) else w.deadline
        last = w.days[t.hi] if 0 <= t.hi < len(w) else w.start
        limits: list[Message | str] = []
        if p.request.notice_days:
            limits.append(f"notice_days={p.request.notice_days}")
        if any(x.earliest or x.latest for x in t.reqs):
            limits.append(Message(N_("its earliest/latest day")))
        if any(x.hospital in p.request.hospital_blackout for x in t.reqs):
            limits.append(Message(N_("the hospital's blackout days")))
        why = Message(N_(" (after {limits})"), {"limits": joined(limits)}) if limits else ""
        unit = N_("working") if r.day_unit.code == "working" else N_("calendar")
        out.append(
            Message(
                N_("{where} needs {n} consecutive {unit:t} days without a blackout date between "
                   "{first:date} and {last:date}{why}; there is no such stretch"),
                {"where": where(t), "n": t.span.length, "unit": unit, "first": first,
                 "last": last, "why": why},
            )
        )  # fmt: skip
    excluded = t.excluded
    eligible = len(p.experts) - len(excluded)
    if eligible < t.team_size:
        out.append(
            Message(
                N_("{where} needs {n} experts; only {eligible} may sit on the team "
                   "({excluded} excluded as the hospital's employees or by 回避)"),
                {"where": where(t), "n": t.team_size, "eligible": eligible,
                 "excluded": len(excluded)},
            )
        )  # fmt: skip
    c = counts
    is_leader = p.is_leader
    if len(t.ext) > 1:  # a medical group inspected for several regions
        ok = [i for i in range(c.experts) if i not in excluded and p.is_external(t, i)]
        external = len(ok)
        ext_leaders = sum(1 for i in ok if is_leader[i])
        regions = ", ".join(repr(p.region_names[g]) for g in sorted(t.ext))
    else:
        region = t.region
        barred = [i for i in excluded if p.is_external(t, i)] if excluded else []
        external = (c.experts - c.by_region[region] if region >= 0 else 0) - len(barred)
        ext_leaders = (
            (c.leaders - c.leaders_by_region[region] if region >= 0 else 0)
            - sum(1 for i in barred if is_leader[i])
        )  # fmt: skip
        regions = repr(p.region_names[region]) if region >= 0 else ""
    if external < t.min_external:
        out.append(
            Message(
                N_("{where} needs {n} experts from outside region {regions}; only {external} "
                   "are available"),
                {"where": where(t), "n": t.min_external, "regions": regions,
                 "external": external},
            )
        )  # fmt: skip
    if t.need_leader:
        leaders = c.leaders - sum(1 for i in excluded if is_leader[i])
        if leaders == 0:
            out.append(
                Message(
                    N_("{where} needs a team leader; no eligible expert can lead"),
                    {"where": where(t)},
                )
            )
        elif t.min_external >= t.team_size and ext_leaders == 0:
            out.append(
                Message(
                    N_("{where} needs an all-external team with a leader; no external expert "
                       "can lead"),
                    {"where": where(t)},
                )
            )  # fmt: skip
    officials = len(p.officials) - len(t.excluded_officials)
    if officials < t.officials and not p.officials:  # nobody listed: say how to list one
        out.append(
            Message(
                N_(
                    "{where} needs {n} officials; no person has the role 部门负责人 "
                    "(official): give it to the officials in the people's roles"
                ),
                {"where": where(t), "n": t.officials},
            )
        )
    elif officials < t.officials:
        out.append(
            Message(
                N_("{where} needs {n} officials; only {officials} are available"),
                {"where": where(t), "n": t.officials, "officials": officials},
            )
        )
    return out


def _person_capacity(p: Problem, official: bool) -> Callable[[int], int]:
    """``days(m)``: working days the experts (or officials) can give among the first ``m``,
    after unavailability, pinned visits and the caps."""
    w = p.window
    people = p.people_o if official else p.people_e
    ids = p.officials if official else p.experts
    usable_days = [k for k in range(len(w)) if w.usable[k + 1] > w.usable[k]]
    years = sorted(set(p.year_of))
    blocked: list[list[int]] = []
    limit: list[int] = []
    for person, e in zip(people, ids, strict=True):
        idx = []
        if person.blocked:
            for k in usable_days:
                if not person.free_between(p.ordinal[k], p.ordinal[k]):
                    idx.append(k)
        blocked.append(idx)
        pinned = p.load_of(e.id)
        room = 1 << 30
        if p.cap is not None:
            room = max(0, p.cap - sum(pinned.values()))
        if p.year_cap is not None:
            room = min(room, sum(max(0, p.year_cap - pinned.get(y, 0)) for y in years))
        limit.append(room)

    first = min((t.lo for t in _free(p)), default=0)
    first = min(first, len(w))

    def days(m: int) -> int:
        if m <= first:
            return 0
        u = w.usable[m] - w.usable[first]
        return sum(
            min(room, u - bisect.bisect_left(idx, m) + bisect.bisect_left(idx, first))
            for idx, room in zip(blocked, limit, strict=True)
        )

    return days


def _constrained_capacity(p: Problem) -> Iterator[tuple[str, int, Callable[[int], int]]]:
    """Expert-days and official-days needed, with what the people can give by day ``m``."""
    tasks = _free(p)
    demand = sum(t.span.min_occupation * t.team_size for t in tasks)
    if demand:
        yield "experts", demand, _person_capacity(p, official=False)
    demand = sum(t.span.min_occupation * t.officials for t in tasks)
    if demand:
        yield "officials", demand, _person_capacity(p, official=True)


def binding_name(name: str) -> Message | str:
    """A need's name as a message: ``region 'huancui'`` keeps the region's name."""
    if name.startswith("region "):
        return Message(N_("region {region}"), {"region": name.removeprefix("region ")})
    return Message(name)  # one of scheduling.notes.BINDING_NAMES


def bounds(p: Problem) -> Bounds:
    """The lower bounds of the problem, and what makes it infeasible if anything does."""
    w = p.window
    n_days = len(w)
    problems: list[Message] = []
    counts = _Counts(p)
    for t in _free(p):
        problems.extend(team_problems(p, t, counts))
    chain = max((first_end(p, t) + 1 for t in _free(p)), default=0)
    # nothing starts before the earliest start any visit may take (the notice, at least)
    first = min(min((t.lo for t in _free(p)), default=0), n_days)
    capacity = 0
    klass = 0
    binding = "chain" if chain else "none"
    best_days = chain
    tightest: Message | str = ""
    tightest_use = -1.0
    window_days = w.usable[n_days]
    for need in _needs(p):
        days = w.days_needed(need.demand, need.effective, first)
        offered = need.effective * window_days
        use = need.demand / offered if offered else float("inf")
        available = N_(
            "{name}: {people} experts available{at_work}; {what} ({demand} "
            "expert-days) within {days} working days ({offered} expert-days)"
        )
        if need.name == "officials":
            available = N_(
                "{name}: {people} officials available{at_work}; {what} ({demand} "
                "expert-days) within {days} working days ({offered} expert-days)"
            )
        if need.name.startswith("region"):
            available = N_(
                "{name}: {people} external experts available{at_work}; {what} "
                "({demand} expert-days) within {days} working days ({offered} "
                "expert-days)"
            )
        text = Message(
            available,
            {"name": binding_name(need.name), "people": need.people, "at_work": _at_work(need),
             "what": need.what, "demand": need.demand, "days": window_days, "offered": offered},
        )  # fmt: skip
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
    if p.constrained:
        for who, demand, give in _constrained_capacity(p):
            if give(n_days) < demand:
                caps: list[Message | str] = []
                if p.cap is not None:
                    caps.append(f"max_days_per_person={p.cap}")
                if p.year_cap is not None:
                    caps.append(f"max_days_per_person_per_year={p.year_cap}")
                short = (
                    N_("experts after unavailability, pinned visits and caps ({caps}): the "
                       "experts can give at most {give} working days by {deadline:date}; the "
                       "visits need {demand}")
                    if who == "experts"
                    else N_("officials after unavailability, pinned visits and caps ({caps}): "
                            "the officials can give at most {give} working days by "
                            "{deadline:date}; the visits need {demand}")
                )  # fmt: skip
                problems.append(
                    Message(
                        short,
                        {"caps": joined(caps) if caps else Message(N_("no caps")),
                         "give": give(n_days), "deadline": w.deadline, "demand": demand},
                    )
                )  # fmt: skip
                continue
            lo, hi = 0, n_days
            while lo < hi:
                mid = (lo + hi) // 2
                if give(mid) >= demand:
                    hi = mid
                else:
                    lo = mid + 1
            if lo > capacity:
                capacity = lo
                if lo > best_days:
                    best_days, binding = lo, f"{who} (availability and caps)"
    return Bounds(
        capacity=capacity,
        chain=chain,
        klass=klass,
        lower=best_days,
        binding=binding,
        problems=tuple(problems),
        tightest=tightest,
    )
