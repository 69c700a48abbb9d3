"""The exact back end: the same model on OR-Tools CP-SAT (extra ``solver``), for small requests.

    pip install "hospital-inspection[solver]"

It minimises the makespan exactly (given time), starting from the greedy plan as a hint, with a
fixed seed and worker count so that a run is repeatable.
"""

from __future__ import annotations

import math
import time
from typing import Any

from hospital_inspection.errors import InfeasibleScheduleError, MissingExtraError
from hospital_inspection.scheduling._bounds import bounds
from hospital_inspection.scheduling._greedy import (
    Assignment,
    build_result,
    infeasible_message,
    solve,
)
from hospital_inspection.scheduling._model import ScheduleRequest, ScheduleResult
from hospital_inspection.scheduling._problem import Problem

__all__ = ["solve_exact"]


def _cp_model() -> Any:
    try:
        from ortools.sat.python import cp_model  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError as exc:
        raise MissingExtraError("solve_exact (CP-SAT)", "solver", "ortools") from exc
    return cp_model


def solve_exact(
    request: ScheduleRequest,
    *,
    time_limit: float = 30.0,
    workers: int = 1,
    seed: int = 0,
    hint: bool = True,
) -> ScheduleResult:
    """Minimise the makespan of ``request`` with CP-SAT.

    Args:
        request: what to schedule (keep it small: a few hundred visits at most).
        time_limit: seconds CP-SAT may search.
        workers: CP-SAT's worker count (1 is repeatable run to run).
        seed: CP-SAT's random seed.
        hint: start the search from the greedy plan, when the greedy finds one.

    Returns:
        The best plan found; ``stats.optimal`` tells whether CP-SAT proved it minimal and
        ``stats.lower_bound`` includes CP-SAT's own bound.

    Raises:
        MissingExtraError: OR-Tools is not installed (extra ``solver``).
        InfeasibleScheduleError: CP-SAT proved that no plan exists, or found none in time.
    """
    cp_model = _cp_model()
    began = time.perf_counter()
    p = Problem(request)
    b = bounds(p)
    if b.problems:
        raise InfeasibleScheduleError(infeasible_message(p, b, None, 0))
    try:
        greedy = solve(request) if hint else None
    except InfeasibleScheduleError:
        greedy = None
    n_days = len(p.window)
    m = cp_model.CpModel()
    makespan = m.NewIntVar(b.lower, n_days, "makespan")
    starts, ends, assign, leads, offs = [], [], [], [], []
    per_expert: list[list[Any]] = [[] for _ in p.experts]
    per_official: list[list[Any]] = [[] for _ in p.officials]
    for t in p.tasks:
        r = t.req
        valid = [s for s in range(n_days) if t.span.end[s] >= 0]
        occupations = [t.span.end[s] - s + 1 for s in valid]
        s_var = m.NewIntVarFromDomain(cp_model.Domain.FromValues(valid), f"s{t.index}")
        e_var = m.NewIntVar(0, n_days, f"e{t.index}")  # exclusive end
        m.AddElement(s_var, [e + 1 if e >= 0 else 0 for e in t.span.end], e_var)
        size = m.NewIntVar(min(occupations), max(occupations), f"d{t.index}")
        m.Add(size == e_var - s_var)
        m.Add(makespan >= e_var)
        a: dict[int, Any] = {}
        lead: dict[int, Any] = {}
        for i in p.eligible(t):
            x = m.NewBoolVar(f"a{t.index}_{i}")
            a[i] = x
            per_expert[i].append(m.NewOptionalIntervalVar(s_var, size, e_var, x, ""))
            if r.need_leader and p.is_leader[i]:
                y = m.NewBoolVar(f"l{t.index}_{i}")
                m.AddImplication(y, x)
                lead[i] = y
        m.Add(sum(a.values()) == r.team_size)
        if r.min_external:
            m.Add(sum(x for i, x in a.items() if p.is_external(t, i)) >= r.min_external)
        if r.need_leader:
            m.Add(sum(lead.values()) == 1)
        o: dict[int, Any] = {}
        for j in range(len(p.officials)):
            if j not in t.excluded_officials and r.officials:
                z = m.NewBoolVar(f"o{t.index}_{j}")
                o[j] = z
                per_official[j].append(m.NewOptionalIntervalVar(s_var, size, e_var, z, ""))
        if r.officials:
            m.Add(sum(o.values()) == r.officials)
        starts.append(s_var)
        ends.append(e_var)
        assign.append(a)
        leads.append(lead)
        offs.append(o)
    for intervals in (*per_expert, *per_official):
        if len(intervals) > 1:
            m.AddNoOverlap(intervals)
    m.Minimize(makespan)
    if greedy is not None:
        by_id = {v.id: v for v in greedy.plan.visits}
        index = {e.id: i for i, e in enumerate(p.experts)}
        officials = {e.id: j for j, e in enumerate(p.officials)}
        for t in p.tasks:
            v = by_id[t.req.id]
            m.AddHint(starts[t.index], p.window.index[v.first_day])
            people = set(v.people)
            for i, x in assign[t.index].items():
                m.AddHint(x, p.experts[i].id in people)
            for i, y in leads[t.index].items():
                m.AddHint(y, v.leader is not None and index[v.leader] == i)
            for j, z in offs[t.index].items():
                m.AddHint(z, p.officials[j].id in people and p.officials[j].id in officials)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    solver.parameters.random_seed = int(seed)
    status = solver.Solve(m)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleScheduleError(
            "no schedule exists: CP-SAT proved the request infeasible (no single bound "
            f"explains it; the tightest is {b.tightest})"
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if greedy is not None:
            return greedy
        raise InfeasibleScheduleError(
            f"CP-SAT found no plan within {time_limit} s and did not prove that none exists; "
            f"the tightest constraint is {b.tightest}"
        )
    n_tasks = len(p.tasks)
    out = Assignment(
        start=[solver.Value(s) for s in starts],
        end=[solver.Value(e) - 1 for e in ends],
        team=[[i for i, x in assign[k].items() if solver.Value(x)] for k in range(n_tasks)],
        leader=[
            next((i for i, y in leads[k].items() if solver.Value(y)), -1) for k in range(n_tasks)
        ],
        officials=[[j for j, z in offs[k].items() if solver.Value(z)] for k in range(n_tasks)],
        placed=n_tasks,
    )
    proven = max(b.lower, math.ceil(solver.BestObjectiveBound() - 1e-9))
    b = type(b)(
        capacity=b.capacity,
        chain=b.chain,
        klass=b.klass,
        lower=proven,
        binding=b.binding if proven == b.lower else "cp-sat",
        problems=b.problems,
        tightest=b.tightest,
    )
    return build_result(
        p,
        out,
        b,
        seconds=time.perf_counter() - began,
        attempts=1,
        method="cp-sat",
        optimal=status == cp_model.OPTIMAL,
    )
