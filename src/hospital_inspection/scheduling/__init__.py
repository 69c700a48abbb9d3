"""Scheduling: build a round's plan (who visits which hospital, when).

Two layers:

* a policy-free core: :class:`VisitRequirement` (what one visit needs, every policy decision
  already taken) and :class:`ScheduleRequest` go in; :func:`solve` (greedy, pure Python) or
  :func:`solve_exact` (OR-Tools CP-SAT, extra ``solver``) give a :class:`ScheduleResult`: the plan
  and its :class:`ScheduleStats` (makespan against a lower bound); :func:`verify` checks a plan
  against its request;
* the policy adapter :func:`schedule_request` / :func:`schedule`, which asks the policy which
  hospitals to visit, for how long, by whom and by when;
* repair: :func:`reschedule` after a change (:class:`PersonUnavailable`, :class:`HospitalMoves`,
  :class:`HospitalJoins`, :class:`VisitCancelled`) keeps as many visits as it can.

See ``docs/explanation/scheduling.md`` for the model, the algorithm and the bound.
"""

from __future__ import annotations

from hospital_inspection.enums import DayUnit
from hospital_inspection.scheduling._adapter import schedule, schedule_request
from hospital_inspection.scheduling._greedy import solve
from hospital_inspection.scheduling._model import (
    OBJECTIVES,
    Objective,
    ScheduleRequest,
    ScheduleResult,
    ScheduleStats,
    VisitRequirement,
    WorkingDays,
)
from hospital_inspection.scheduling._repair import (
    Change,
    HospitalJoins,
    HospitalMoves,
    PersonUnavailable,
    VisitCancelled,
    reschedule,
)
from hospital_inspection.scheduling._verify import verify
from hospital_inspection.scheduling.exact import solve_exact

__all__ = [
    "OBJECTIVES",
    "Change",
    "DayUnit",
    "HospitalJoins",
    "HospitalMoves",
    "Objective",
    "PersonUnavailable",
    "ScheduleRequest",
    "ScheduleResult",
    "ScheduleStats",
    "VisitCancelled",
    "VisitRequirement",
    "WorkingDays",
    "reschedule",
    "schedule",
    "schedule_request",
    "solve",
    "solve_exact",
    "verify",
]
