"""The exact back end: the same model on OR-Tools CP-SAT (extra ``solver``), for city-sized rounds.

    pip install "hospital-inspection[solver]"

It covers every constraint of the greedy (availability, hospital blackouts, caps per round and
per year, rest days, pinned visits, medical groups, notice, earliest and latest days) and
optimises the request's objective exactly (given time), starting from the greedy plan as a
hint, with a fixed seed and worker count so that a run is repeatable. For ``"spread"`` CP-SAT
chooses each visit's year itself: the visit starts and ends inside one year of ``per_year`` (as
in the greedy), and the model minimises the visits off the yearly targets (the greedy's value,
see ``_objectives``), then the makespan; so an optimal status proves the fewest visits off
target over every choice of years, even where the greedy's own choice finds no plan.
"""

from __future__ import annotations

import math
import time
from typing import Any

from hospital_inspection.errors import InfeasibleScheduleError, MissingExtraError
from hospital_inspection.i18n import N_, Message, joined
from hospital_inspection.scheduling import _objectives
from hospital_inspection.scheduling._bounds import bounds
from hospital_inspection.scheduling._greedy import (
    Assignment,
    _fixed,
    build_result,
    infeasible_error,
    solve,
)
from hospital_inspection.scheduling._model import ScheduleRequest, ScheduleResult
from hospital_inspection.scheduling._problem import Person, Problem, Task

__all__ = ["solve_exact"]


def _cp_model() -> Any:
    try:
        from ortools.sat.python import cp_model  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as exc:
        raise MissingExtraError("solve_exact (CP-SAT)", "solver", "ortools") from exc
    return cp_model


def _allowed(p: Problem, t: Task, who: Person, valid: list[int]) -> list[int]:
    """The starts of ``t`` on which ``who`` is free for the whole visit."""
    if not who.blocked:
        return valid
    return [s for s in valid if who.free_between(p.ordinal[s], t.span.last_ord[s])]


class _Model:
    """The CP-SAT model of a compiled problem."""

    def __init__(self, cp_model: Any, p: Problem, lower: int) -> None:
        self.cp = cp_model
        self.p = p
        m = self.m = cp_model.CpModel()
        n_days = len(p.window)
        self.makespan = m.NewIntVar(0, n_days, "makespan")
        #: one visit off target outweighs any makespan (lexicographic, for "spread")
        self.weight = n_days + 1
        m.Add(self.makespan >= lower)
        self.starts: dict[int, Any] = {}
        self.assign: dict[int, dict[int, Any]] = {}
        self.leads: dict[int, dict[int, Any]] = {}
        self.offs: dict[int, dict[int, Any]] = {}
        self.valid: dict[int, list[int]] = {}
        self.years: dict[int, dict[int, Any]] = {}
        self.short: list[Any] = []
        self.load_e: list[list[Any]] = [[] for _ in p.experts]
        self.load_o: list[list[Any]] = [[] for _ in p.officials]
        self.year_e: list[dict[int, list[Any]]] = [{} for _ in p.experts]
        self.year_o: list[dict[int, list[Any]]] = [{} for _ in p.officials]
        per_e: list[list[Any]] = [[] for _ in p.experts]
        per_o: list[list[Any]] = [[] for _ in p.officials]
        years = sorted(set(p.year_of))
        for t in p.tasks:
            if t.pinned is None:
                self._task(t, per_e, per_o, years)
        for t in p.tasks:  # a pinned unit still counts towards the makespan
            if t.pinned is not None:
                end = max(
                    (k for k, d in enumerate(p.window.days) if d <= t.pinned[0].last_day),
                    default=-1,
                )
                m.Add(self.makespan >= end + 1)
        for intervals in (*per_e, *per_o):
            if len(intervals) > 1:
                m.AddNoOverlap(intervals)
        self._caps(years)

    def _task(
        self, t: Task, per_e: list[list[Any]], per_o: list[list[Any]], years: list[int]
    ) -> None:
        p, m, cp = self.p, self.m, self.cp
        n_days = len(p.window)
        end = t.span.end
        valid = [s for s in range(t.lo, n_days) if end[s] >= 0 and end[s] <= t.hi]
        if not valid:
            raise InfeasibleScheduleError(
                Message(
                    N_("no schedule exists: visit {visit} has no day to start"),
                    {"visit": repr(t.req.id)},
                )
            )
        k = t.index
        occupations = [end[s] - s + 1 for s in valid]
        s_var = m.NewIntVarFromDomain(cp.Domain.FromValues(valid), f"s{k}")
        e_var = m.NewIntVar(0, n_days, f"e{k}")  # exclusive end
        m.AddElement(s_var, [e + 1 if e >= 0 else 0 for e in end], e_var)
        lo_occ, hi_occ = min(occupations), max(occupations)
        size = m.NewIntVar(lo_occ, hi_occ, f"d{k}")
        m.Add(size == e_var - s_var)
        m.Add(self.makespan >= e_var)
        rest = p.rest
        if rest:
            e_rest = m.NewIntVar(rest, n_days + rest, f"r{k}")
            m.Add(e_rest == e_var + rest)
            size_rest = m.NewIntVar(lo_occ + rest, hi_occ + rest, f"dr{k}")
            m.Add(size_rest == size + rest)
        by_year: dict[int, Any] = {}
        if p.year_cap is not None:
            for y in years:
                arr = [sum(1 for d in range(s, end[s] + 1) if p.year_of[d] == y) if end[s] >= 0
                       else 0 for s in range(n_days)]  # fmt: skip
                if any(arr[s] for s in valid):
                    v = m.NewIntVar(0, max(arr), f"y{k}_{y}")
                    m.AddElement(s_var, arr, v)
                    by_year[y] = v

        def person(x: Any, who: Person, loads: list[Any], yloads: dict[int, list[Any]],
                   intervals: list[Any]) -> None:  # fmt: skip
            ok = _allowed(p, t, who, valid)
            if len(ok) < len(valid):
                m.AddLinearExpressionInDomain(s_var, cp.Domain.FromValues(ok)).OnlyEnforceIf(x)
            if rest:
                intervals.append(m.NewOptionalIntervalVar(s_var, size_rest, e_rest, x, ""))
            else:
                intervals.append(m.NewOptionalIntervalVar(s_var, size, e_var, x, ""))
            if lo_occ == hi_occ:
                loads.append(lo_occ * x)
            else:
                y = m.NewIntVar(0, hi_occ, "")
                m.Add(y == size).OnlyEnforceIf(x)
                m.Add(y == 0).OnlyEnforceIf(x.Not())
                loads.append(y)
            for year, v in by_year.items():
                z = m.NewIntVar(0, hi_occ, "")
                m.Add(z == v).OnlyEnforceIf(x)
                m.Add(z == 0).OnlyEnforceIf(x.Not())
                yloads.setdefault(year, []).append(z)

        a: dict[int, Any] = {}
        lead: dict[int, Any] = {}
        for i in p.eligible(t):
            if not _allowed(p, t, p.people_e[i], valid):
                continue
            x = m.NewBoolVar(f"a{k}_{i}")
            a[i] = x
            person(x, p.people_e[i], self.load_e[i], self.year_e[i], per_e[i])
            if t.need_leader and p.is_leader[i]:
                y = m.NewBoolVar(f"l{k}_{i}")
                m.AddImplication(y, x)
                lead[i] = y
        m.Add(sum(a.values()) == t.team_size)
        if t.min_external:
            m.Add(sum(x for i, x in a.items() if p.is_external(t, i)) >= t.min_external)
        if t.need_leader:
            m.Add(sum(lead.values()) == 1)
        o: dict[int, Any] = {}
        if t.officials:
            for j in range(len(p.officials)):
                if j in t.excluded_officials or not _allowed(p, t, p.people_o[j], valid):
                    continue
                z = m.NewBoolVar(f"o{k}_{j}")
                o[j] = z
                person(z, p.people_o[j], self.load_o[j], self.year_o[j], per_o[j])
            m.Add(sum(o.values()) == t.officials)
        self.starts[k] = s_var
        self.valid[k] = valid
        self.assign[k] = a
        self.leads[k] = lead
        self.offs[k] = o

    def _caps(self, years: list[int]) -> None:
        p, m = self.p, self.m
        self.totals: list[Any] = []
        for people, loads, yloads in (
            (p.experts, self.load_e, self.year_e),
            (p.officials, self.load_o, self.year_o),
        ):
            for e, terms, per_year in zip(people, loads, yloads, strict=True):
                pinned = p.load_of(e.id)
                total = sum(pinned.values())
                if terms:
                    self.totals.append(sum(terms) + total)
                elif total:
                    self.totals.append(total)
                if p.cap is not None and terms:
                    m.Add(sum(terms) + total <= p.cap)
                if p.year_cap is not None:
                    for y, ts in per_year.items():
                        m.Add(sum(ts) + pinned.get(y, 0) <= p.year_cap)

    def _spread(self) -> Any:
        """The visits off their yearly targets, with each free unit's year a choice."""
        p, m, cp = self.p, self.m, self.cp
        want = _objectives.targets(p)
        days = p.window.days
        count: dict[int, list[Any]] = {y: [] for y in want}
        fixed = dict.fromkeys(want, 0)
        for t in p.tasks:
            if t.pinned is not None:
                y = t.pinned[0].first_day.year
                fixed[y] = fixed.get(y, 0) + len(t.reqs)
                continue
            k, end = t.index, t.span.end
            choice: dict[int, Any] = {}
            for y in want:
                inside = [s for s in self.valid[k] if days[s].year == y == days[end[s]].year]
                if not inside:
                    continue
                z = m.NewBoolVar(f"year{k}_{y}")
                m.AddLinearExpressionInDomain(
                    self.starts[k], cp.Domain.FromValues(inside)
                ).OnlyEnforceIf(z)
                choice[y] = z
                count[y].append(len(t.reqs) * z)
            if not choice:
                raise InfeasibleScheduleError(
                    Message(
                        N_("no schedule exists: visit {visit} cannot start and end inside one "
                           "year of per_year ({years})"),
                        {"visit": repr(t.req.id), "years": joined(sorted(map(str, want)))},
                    )
                )  # fmt: skip
            m.AddExactlyOne(choice.values())
            self.years[k] = choice
        for y, n in want.items():
            short = m.NewIntVar(0, n, f"short{y}")
            m.Add(short >= n - fixed.get(y, 0) - sum(count[y]))
            self.short.append(short)
        return sum(self.short)

    def objective(self, name: str) -> None:
        p, m = self.p, self.m
        if name == "spread":  # the visits off target first, then the makespan
            m.Minimize(self._spread() * self.weight + self.makespan)
        elif name == "balanced":
            top = m.NewIntVar(0, len(p.window) + 10_000, "most")
            for x in self.totals:
                m.Add(top >= x)
            m.Minimize(top)
        elif name == "local":
            trips = []
            for t in p.tasks:
                if t.pinned is not None or t.local < 0:
                    continue
                a = self.assign[t.index]
                away = sum(x for i, x in a.items() if p.region_of[i] != t.local)
                z = m.NewIntVar(0, t.team_size, "")
                m.Add(z >= away - t.min_external)
                trips.append(len(t.reqs) * z)
            fixed = sum(_objectives.trips_of_pinned(p, t) for t in p.tasks if t.pinned is not None)
            m.Minimize(sum(trips) + fixed)
        else:
            m.Minimize(self.makespan)

    def hint(self, result: ScheduleResult) -> None:
        p, m = self.p, self.m
        by_id = {v.id: v for v in result.plan.visits}
        m.AddHint(self.makespan, result.stats.makespan)
        for t in p.tasks:
            if t.pinned is not None:
                continue
            v = by_id[t.req.id]
            m.AddHint(self.starts[t.index], p.window.index[v.first_day])
            people = set(v.people)
            for i, x in self.assign[t.index].items():
                m.AddHint(x, p.experts[i].id in people)
            for i, y in self.leads[t.index].items():
                m.AddHint(y, v.leader == p.experts[i].id)
            for j, z in self.offs[t.index].items():
                m.AddHint(z, p.officials[j].id in people)
            for y, c in self.years.get(t.index, {}).items():
                m.AddHint(c, v.first_day.year == y)

    def assignment(self, solver: Any) -> Assignment:
        p = self.p
        n = len(p.tasks)
        out = Assignment(start=[-1] * n, end=[-1] * n, team=[[] for _ in range(n)],
                         leader=[-1] * n, officials=[[] for _ in range(n)])  # fmt: skip
        _fixed(p, out)
        for t in p.tasks:
            if t.pinned is not None:
                continue
            k = t.index
            s = solver.Value(self.starts[k])
            out.start[k] = s
            out.end[k] = t.span.end[s]
            out.team[k] = [i for i, x in self.assign[k].items() if solver.Value(x)]
            out.leader[k] = next((i for i, y in self.leads[k].items() if solver.Value(y)), -1)
            out.officials[k] = [j for j, z in self.offs[k].items() if solver.Value(z)]
            out.placed += 1
        return out


def _from_plan(p: Problem, result: ScheduleResult) -> Assignment:
    """The assignment of a plan made for ``p`` (the greedy's)."""
    n = len(p.tasks)
    out = Assignment(start=[-1] * n, end=[-1] * n, team=[[] for _ in range(n)],
                     leader=[-1] * n, officials=[[] for _ in range(n)])  # fmt: skip
    _fixed(p, out)
    by_id = {v.id: v for v in result.plan.visits}
    for t in p.tasks:
        if t.pinned is not None:
            continue
        v, k = by_id[t.req.id], t.index
        out.start[k] = s = p.window.index[v.first_day]
        out.end[k] = t.span.end[s]
        out.team[k] = [p.expert_index[x] for x in v.people if x in p.expert_index]
        out.leader[k] = p.expert_index[v.leader] if v.leader else -1
        out.officials[k] = [p.official_index[x] for x in v.people if x in p.official_index]
        out.placed += 1
    return out


def solve_exact(
    request: ScheduleRequest,
    *,
    time_limit: float = 30.0,
    workers: int = 1,
    seed: int = 0,
    hint: bool = True,
) -> ScheduleResult:
    """Optimise ``request``'s objective with CP-SAT.

    Args:
        request: what to schedule (keep it city-sized: a few hundred visits at most).
        time_limit: seconds CP-SAT may search.
        workers: CP-SAT's worker count (1 is repeatable run to run).
        seed: CP-SAT's random seed.
        hint: start the search from the greedy plan, when the greedy finds one.

    Returns:
        The best plan found; ``stats.optimal`` tells whether CP-SAT proved it optimal, and
        ``stats.bound`` (``stats.lower_bound`` for the makespan) includes CP-SAT's own bound.

    Raises:
        MissingExtraError: OR-Tools is not installed (extra ``solver``).
        InfeasibleScheduleError: CP-SAT proved that no plan exists, or found none in time.
    """
    cp_model = _cp_model()
    began = time.perf_counter()
    p = Problem(request)
    b = bounds(p)
    if b.problems:
        raise infeasible_error(p, b, None, 0)
    try:
        greedy = solve(request) if hint else None
    except InfeasibleScheduleError:
        greedy = None
    model = _Model(cp_model, p, b.lower)
    model.objective(request.objective)
    if greedy is not None and hint:
        model.hint(greedy)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    solver.parameters.random_seed = int(seed)
    status = solver.Solve(model.m)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleScheduleError(
            Message(
                N_("no schedule exists: CP-SAT proved the request infeasible (no single bound "
                   "explains it; the tightest is {tightest})"),
                {"tightest": b.tightest},
            )
        )  # fmt: skip
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if greedy is not None:
            return greedy
        raise InfeasibleScheduleError(
            Message(
                N_("CP-SAT found no plan within {seconds} s and did not prove that none "
                   "exists; the tightest constraint is {tightest}"),
                {"seconds": str(time_limit), "tightest": b.tightest},
            )
        )  # fmt: skip
    out = model.assignment(solver)
    proven = math.ceil(solver.BestObjectiveBound() - 1e-9)
    if request.objective == "spread":  # the bound of (visits off target) x weight + makespan
        proven = proven // model.weight
    if greedy is not None:
        found, _ = _objectives.measure(p, out, b)
        if greedy.stats.value < found:  # CP-SAT ran out of time before its hint's quality
            out = _from_plan(p, greedy)
    if request.objective == "earliest":
        lower = max(b.lower, proven)
        b = type(b)(capacity=b.capacity, chain=b.chain, klass=b.klass, lower=lower,
                    binding=b.binding if lower == b.lower else "cp-sat", problems=b.problems,
                    tightest=b.tightest)  # fmt: skip
    return build_result(
        p,
        out,
        b,
        seconds=time.perf_counter() - began,
        attempts=1,
        method="cp-sat",
        optimal=status == cp_model.OPTIMAL,
        proven=proven if request.objective != "earliest" else 0,
    )
