"""From hospitals, experts and a policy to a :class:`ScheduleRequest` (the policy adapter).

Every question put to the policy sits in one small function below (``_in_scope``,
``_visit_days``, ``_inspector``, ``_external_rule_applies``, ``_min_external``, ``_round_end``,
``_default_calendar``), so that the adapter can follow the policy engine's API in one place.
The policy object is expected to answer:

* ``policy.id``;
* ``policy.scope(h).value``: a :class:`~hospital_inspection.ScopeStatus`;
* ``policy.min_visit_days(h).value``: an int, with its unit as ``.day_unit`` (when present);
* ``policy.inspector(h, tree).value``: the inspecting authority's id;
* ``policy.external_expert_rule_applies(authority, h).value``: true or false;
* ``policy.min_external_experts(n).value``: the least number of external experts in a team of n;
* ``policy.round_end().value``: the round's deadline (a date), used when none is given.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Iterable
from typing import Any

from hospital_inspection.authorities import Authority, AuthorityTree
from hospital_inspection.enums import ScopeStatus, VisitKind
from hospital_inspection.errors import DataError
from hospital_inspection.hospitals import Hospital
from hospital_inspection.people import Expert
from hospital_inspection.scheduling._greedy import solve
from hospital_inspection.scheduling._model import (
    DAY_UNITS,
    ScheduleRequest,
    VisitRequirement,
    WorkingDays,
)
from hospital_inspection.visits import Plan

__all__ = ["schedule", "schedule_request"]

#: The unit used when neither the caller nor the policy's decision names one. Working days are
#: the safe reading: a visit of n working days also lasts at least n calendar days.
DEFAULT_DAY_UNIT = "working"


def _value(decision: Any) -> Any:
    return getattr(decision, "value", decision)


def _in_scope(policy: Any, h: Hospital, include_reference: bool) -> bool:
    status = ScopeStatus.parse(_value(policy.scope(h)))
    return status is ScopeStatus.IN_SCOPE or (include_reference and status is ScopeStatus.REFERENCE)


def _unit_code(unit: object) -> str:
    code = getattr(unit, "code", None) or getattr(unit, "value", None) or unit
    text = str(code).lower()
    for known in DAY_UNITS:
        if text.startswith(known):
            return known
    raise DataError(f"day unit: {unit!r} is not a day unit; expected one of {DAY_UNITS}")


def _visit_days(policy: Any, h: Hospital, day_unit: str | None) -> tuple[int, str]:
    decision = policy.min_visit_days(h)
    days = int(_value(decision))
    unit = day_unit or getattr(decision, "day_unit", None) or getattr(decision, "unit", None)
    return days, _unit_code(unit or DEFAULT_DAY_UNIT)


def _inspector(policy: Any, h: Hospital, tree: AuthorityTree) -> Authority:
    value = _value(policy.inspector(h, tree))
    return value if isinstance(value, Authority) else tree[str(value)]


def _external_rule_applies(policy: Any, authority: Authority, h: Hospital) -> bool:
    return bool(_value(policy.external_expert_rule_applies(authority, h)))


def _min_external(policy: Any, team_size: int) -> int:
    return int(_value(policy.min_external_experts(team_size)))


def _round_end(policy: Any) -> dt.date:
    value = _value(policy.round_end())
    if isinstance(value, dt.date):
        return value
    day = getattr(value, "date", None)  # a Deadline of the dates layer
    if isinstance(day, dt.date):
        return day
    raise DataError(f"policy {policy.id!r}: round end {value!r} is not a date")


def _default_calendar() -> WorkingDays:
    try:
        module = importlib.import_module("hospital_inspection.calendars")
    except ImportError:
        raise DataError(
            "calendar: no default working-day calendar is available; pass calendar="
        ) from None
    calendar: WorkingDays = module.ChinaOfficialCalendar()
    return calendar


def _common_owner(tree: AuthorityTree, inspectors: list[str]) -> str | None:
    if not inspectors:
        return None
    chains = [[x, *(a.id for a in tree.ancestors(x))] for x in inspectors]
    shared = set(chains[0]).intersection(*chains[1:])
    return next((x for x in chains[0] if x in shared), None) or min(inspectors)


def schedule_request(
    hospitals: Iterable[Hospital],
    experts: Iterable[Expert],
    policy: Any,
    *,
    authorities: AuthorityTree | Iterable[Authority],
    start: dt.date,
    deadline: dt.date | None = None,
    calendar: WorkingDays | None = None,
    blackout: Iterable[dt.date] = (),
    team_size: int = 5,
    need_leader: bool = True,
    officials_per_team: int = 0,
    include_reference: bool = False,
    day_unit: str | None = None,
    kind: VisitKind = VisitKind.REGULAR,
    plan_id: str | None = None,
    owner: str | None = None,
    round: str | None = None,
) -> ScheduleRequest:
    """The scheduling request the policy implies: one requirement per hospital to visit.

    Args:
        hospitals: the hospitals; those in scope (and, with ``include_reference``, those
            under reference, 参照执行) get a visit.
        experts: the people who may sit on teams.
        policy: the policy (see the module's docstring for what it is asked).
        authorities: the authority tree, or its nodes.
        start: the first day a visit may start.
        deadline: the last day a visit may end; defaults to the policy's round end.
        calendar: an object with ``is_working_day(date)``; defaults to the official calendar.
        blackout: dates no visit may include.
        team_size: experts per team (the leader included), 5 by default.
        need_leader: one expert of each team leads (``Role.TEAM_LEADER``), on by default.
        officials_per_team: officials (``Role.OFFICIAL``) added to each team, 0 by default.
        include_reference: also schedule hospitals the policy puts under reference.
        day_unit: ``"working"`` or ``"calendar"``, overriding the policy's unit.
        kind: the kind of visit.
        plan_id: the plan's id; defaults to ``"<policy id>-plan"``.
        owner: the authority owning the plan; defaults to the inspectors' nearest common one.
        round: the round's name.
    """
    tree = authorities if isinstance(authorities, AuthorityTree) else AuthorityTree(authorities)
    requirements: list[VisitRequirement] = []
    for h in sorted(hospitals, key=lambda x: x.id):
        if not _in_scope(policy, h, include_reference):
            continue
        days, unit = _visit_days(policy, h, day_unit)
        inspector = _inspector(policy, h, tree)
        region: str | None = None
        min_external = 0
        if _external_rule_applies(policy, inspector, h):
            region = inspector.region or h.region
            if region is None:
                raise DataError(
                    f"hospitals[{h.id}]: the external-expert rule applies but neither the "
                    f"inspector {inspector.id!r} nor the hospital has a region"
                )
            min_external = _min_external(policy, team_size)
        requirements.append(
            VisitRequirement(
                hospital=h.id,
                authority=inspector.id,
                region=region,
                min_days=days,
                day_unit=unit,  # type: ignore[arg-type]  # checked by _unit_code
                team_size=team_size,
                min_external=min_external,
                need_leader=need_leader,
                officials=officials_per_team,
                kind=kind,
            )
        )
    return ScheduleRequest(
        requirements=requirements,
        experts=tuple(experts),
        calendar=calendar if calendar is not None else _default_calendar(),
        start=start,
        deadline=deadline if deadline is not None else _round_end(policy),
        blackout=blackout,
        plan_id=plan_id or f"{policy.id}-plan",
        policy=str(policy.id),
        owner=owner or _common_owner(tree, sorted({r.authority for r in requirements})),
        round=round,
    )


def schedule(
    hospitals: Iterable[Hospital],
    experts: Iterable[Expert],
    policy: Any,
    *,
    authorities: AuthorityTree | Iterable[Authority],
    start: dt.date,
    **options: Any,
) -> Plan:
    """A plan for the round: every hospital in scope gets a visit and a team.

    Takes the arguments of :func:`schedule_request` and returns the plan of
    :func:`~hospital_inspection.scheduling.solve`; for the plan's figures (makespan against the
    lower bound), call ``solve(schedule_request(...))`` instead.

    Raises:
        InfeasibleScheduleError: no plan meets the constraints; the message says which binds.
    """
    request = schedule_request(
        hospitals, experts, policy, authorities=authorities, start=start, **options
    )
    return solve(request).plan
