"""A request compiled to integers: experts, officials and requirements by index (private)."""

from __future__ import annotations

import attrs

from hospital_inspection.enums import Role
from hospital_inspection.model.people import Expert
from hospital_inspection.scheduling._model import ScheduleRequest, VisitRequirement
from hospital_inspection.scheduling._window import Span, Window

__all__ = ["Problem", "Task"]


@attrs.define(slots=True)
class Task:
    """One requirement, compiled."""

    index: int
    req: VisitRequirement
    span: Span
    region: int  # -1: the external rule does not apply
    excluded: frozenset[int]  # expert indices barred from the team
    excluded_officials: frozenset[int]


def serial_horizon(request: ScheduleRequest) -> int:
    """Working days that always suffice: every visit one after another (issue 16).

    A visit that fits at all fits once every other visit has ended (nobody is then busy), so
    the greedy never needs a later day; each blackout date can push a visit on by at most its
    own length. The window needs no calendar data past this many working days.
    """
    lengths = [r.min_days for r in request.requirements] or [1]
    return sum(lengths) + (len(frozenset(request.blackout)) + 1) * max(lengths)


class Problem:
    """The request with experts and officials numbered in id order (the tie-break everywhere).

    Only people with ``Role.EXPERT`` are experts; people with ``Role.OFFICIAL`` and not
    ``Role.EXPERT`` are officials. Both pools are sorted by id.
    """

    def __init__(self, request: ScheduleRequest) -> None:
        self.request = request
        self.window = Window(
            request.calendar,
            request.start,
            request.deadline,
            request.blackout,
            horizon=serial_horizon(request),
        )
        people = sorted(request.experts, key=lambda e: e.id)
        self.experts: list[Expert] = [e for e in people if e.is_expert]
        self.officials: list[Expert] = [
            e for e in people if Role.OFFICIAL in e.roles and not e.is_expert
        ]
        regions = sorted(
            {e.home_region for e in self.experts}
            | {r.region for r in request.requirements if r.region is not None}
        )
        self.region_names = regions
        code = {g: i for i, g in enumerate(regions)}
        self.region_of: list[int] = [code[e.home_region] for e in self.experts]
        self.is_leader: list[bool] = [e.can(Role.TEAM_LEADER) for e in self.experts]
        self.leaders_matter = any(r.need_leader for r in request.requirements)
        expert_index = {e.id: i for i, e in enumerate(self.experts)}
        official_index = {e.id: i for i, e in enumerate(self.officials)}
        employees: dict[str, set[int]] = {}
        for i, e in enumerate(self.experts):
            if e.employer is not None:
                employees.setdefault(e.employer, set()).add(i)
        official_employees: dict[str, set[int]] = {}
        for i, e in enumerate(self.officials):
            if e.employer is not None:
                official_employees.setdefault(e.employer, set()).add(i)
        self.tasks: list[Task] = []
        for k, r in enumerate(request.requirements):
            barred = set(employees.get(r.hospital, ()))
            barred.update(expert_index[p] for p in r.excluded if p in expert_index)
            barred_off = set(official_employees.get(r.hospital, ()))
            barred_off.update(official_index[p] for p in r.excluded if p in official_index)
            self.tasks.append(
                Task(
                    index=k,
                    req=r,
                    span=self.window.span(r.day_unit, r.min_days),
                    region=code[r.region] if r.region is not None else -1,
                    excluded=frozenset(barred),
                    excluded_officials=frozenset(barred_off),
                )
            )

    def eligible(self, task: Task) -> list[int]:
        """Experts who may sit on the task's team."""
        return [i for i in range(len(self.experts)) if i not in task.excluded]

    def is_external(self, task: Task, i: int) -> bool:
        """True when expert ``i`` counts as external for the task."""
        return task.region >= 0 and self.region_of[i] != task.region
