"""From hospitals, experts and a policy to a :class:`ScheduleRequest` (the policy adapter).

Every question put to the policy sits in one small function below, so the scheduler's core stays
policy-free: scope (``policy.scope``), minimum days and their unit (``policy.min_visit_days``),
who inspects (``policy.inspector``), whether the external-expert share binds and its minimum
(``policy.external_expert_rule_applies``, ``policy.min_external_experts``), the team's
composition (``policy.team``) and the round's last day (``policy.round_end``).
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any

import attrs

from hospital_inspection._validate import optional_int, require_bool, require_items, unknown_member
from hospital_inspection.dates.calendars import ChinaOfficialCalendar
from hospital_inspection.enums import DayUnit, Role, ScopeStatus, VisitKind
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan, Visit
from hospital_inspection.policy import Policy, TeamSpec, load_policy
from hospital_inspection.scheduling._greedy import solve
from hospital_inspection.scheduling._model import (
    ScheduleRequest,
    VisitRequirement,
    WorkingDays,
)

__all__ = ["DEFAULT_TEAM_SIZE", "schedule", "schedule_request"]

#: The unit used when neither the caller nor the policy's decision names one. Working days are
#: the safe reading: a visit of n working days also lasts at least n calendar days.
DEFAULT_DAY_UNIT = DayUnit.WORKING

#: Experts per team (the leader included) when the caller does not say: a planning default of
#: this library, not a policy fact; the policy's team rule can raise or cap it.
DEFAULT_TEAM_SIZE = 5


def _in_scope(
    policy: Policy, h: Hospital, kind: VisitKind, include_reference: bool, tree: AuthorityTree
) -> bool:
    status = policy.scope(h, kind=kind, authorities=tree).value
    return status is ScopeStatus.IN_SCOPE or (include_reference and status is ScopeStatus.REFERENCE)


def _unit_code(unit: object) -> DayUnit:
    if isinstance(unit, DayUnit):
        return unit
    if isinstance(unit, str):
        try:
            return DayUnit.parse(unit)
        except DataError:
            pass
    raise DataError(Message(N_("day_unit: {problem}"), {"problem": unknown_member(DayUnit, unit)}))


def _visit_days(
    policy: Policy, h: Hospital, kind: VisitKind, day_unit: DayUnit | str | None
) -> tuple[int, DayUnit]:
    decision = policy.min_visit_days(h, kind=kind)
    return decision.value, _unit_code(day_unit or decision.unit or DEFAULT_DAY_UNIT)


def _team(policy: Policy, kind: VisitKind) -> TeamSpec | None:
    try:
        return policy.team(kind=kind).value
    except RuleNotInPolicy:
        return None


def _team_numbers(
    spec: TeamSpec | None, team_size: int | None, officials: int | None
) -> tuple[int, int]:
    """Experts per team and officials per team: the caller's, within the policy's bounds."""
    size = DEFAULT_TEAM_SIZE if team_size is None else team_size
    extra = 0 if officials is None else officials
    if spec is None:
        return size, extra
    expert_slot, official_slot = spec.slot(Role.EXPERT), spec.slot(Role.OFFICIAL)
    if expert_slot is not None:
        if team_size is None:
            size = max(size, expert_slot.min)
            size = min(size, expert_slot.max) if expert_slot.max is not None else size
        elif size < expert_slot.min or (expert_slot.max is not None and size > expert_slot.max):
            asks = (
                N_("team_size: {size} experts; the policy's team rule asks for {min} to {max}")
                if expert_slot.max is not None
                else N_("team_size: {size} experts; the policy's team rule asks for {min} or more")
            )
            params = {"size": size, "min": expert_slot.min, "max": expert_slot.max}
            raise DataError(Message(asks, {k: x for k, x in params.items() if x is not None}))
    if official_slot is not None and officials is None:
        extra = official_slot.min
    return size, extra


def _official_leads(spec: TeamSpec | None) -> bool:
    """The policy's leader slot is filled by an official (组长由…负责同志担任, issue 16)."""
    lead = spec.lead if spec is not None else None
    return lead is not None and lead.leader_role is Role.OFFICIAL


def _team_size_bounds(spec: TeamSpec, team_size: int, officials: int, given: bool) -> int:
    """Experts per team within the rule's whole-team head count (巡查组由5至9人组成)."""
    low = None if spec.size_min is None else spec.size_min - officials
    high = None if spec.size_max is None else spec.size_max - officials
    if given and ((low is not None and team_size < low) or (high is not None and team_size > high)):
        raise DataError(
            Message(
                N_(
                    "team_size: {size} experts and {officials} official(s); the policy's team "
                    "rule asks for {min}-{max} people in all"
                ),
                {
                    "size": team_size,
                    "officials": officials,
                    "min": spec.size_min,
                    "max": spec.size_max,
                },
            )
        )
    if low is not None:
        team_size = max(team_size, low)
    if high is not None:
        team_size = min(team_size, high)
    return team_size


def apply_team_roles(plan: Plan, policy: Policy, *, kind: VisitKind = VisitKind.REGULAR) -> Plan:
    """The plan with the roles the policy's team rule gives (issue 16).

    When the policy's leader is an official (组长由卫生健康行政部门负责同志担任), the request asks
    for one official per team and no expert leader, and that official becomes the team leader
    (组长). :func:`schedule` does this; call it on ``solve(schedule_request(...)).plan``.
    """
    return _leader_is_official(plan) if _official_leads(_team(policy, kind)) else plan


def plain_team_roles(plan: Plan, policy: Policy, *, kind: VisitKind = VisitKind.REGULAR) -> Plan:
    """The inverse of :func:`apply_team_roles`: each official who leads a team is an official
    again, as the request (and the verifier) count them; a no-op unless an official leads."""
    if not _official_leads(_team(policy, kind)):
        return plan
    visits = []
    for visit in plan.visits:
        team = tuple(
            attrs.evolve(m, role=Role.OFFICIAL) if m.role is Role.TEAM_LEADER else m
            for m in visit.team
        )
        visits.append(attrs.evolve(visit, team=team))
    return attrs.evolve(plan, visits=tuple(visits))


def _leader_is_official(plan: Plan) -> Plan:
    """Give each team's official the team leader's role (one official per team)."""
    visits = []
    for visit in plan.visits:
        team = tuple(
            attrs.evolve(m, role=Role.TEAM_LEADER) if m.role is Role.OFFICIAL else m
            for m in visit.team
        )
        visits.append(attrs.evolve(visit, team=team))
    return attrs.evolve(plan, visits=tuple(visits))


def _round_end(policy: Policy, kind: VisitKind) -> dt.date:
    return policy.round_end(kind).value


def _round_name(policy: Policy, kind: VisitKind) -> str | None:
    return next((r.id for r in policy.rounds if r.kind is kind), None)


def _common_owner(tree: AuthorityTree, inspectors: list[str]) -> str | None:
    if not inspectors:
        return None
    chains = [[x, *(a.id for a in tree.ancestors(x))] for x in inspectors]
    shared = set(chains[0]).intersection(*chains[1:])
    return next((x for x in chains[0] if x in shared), None) or min(inspectors)


def schedule_request(
    hospitals: Iterable[Hospital],
    experts: Iterable[Expert],
    policy: Policy | str,
    *,
    authorities: AuthorityTree | Iterable[Authority],
    start: dt.date,
    deadline: dt.date | None = None,
    calendar: WorkingDays | None = None,
    blackout: Iterable[dt.date] = (),
    team_size: int | None = None,
    need_leader: bool = True,
    officials_per_team: int | None = None,
    include_reference: bool = False,
    day_unit: DayUnit | str | None = None,
    kind: VisitKind = VisitKind.REGULAR,
    plan_id: str | None = None,
    owner: str | None = None,
    round: str | None = None,
    unavailable: Mapping[str, Any] | None = None,
    hospital_blackout: Mapping[str, Any] | None = None,
    max_days_per_person: int | None = None,
    max_days_per_person_per_year: int | None = None,
    min_rest_days: int = 0,
    pinned: Iterable[Visit] = (),
    notice_days: int = 0,
    objective: str = "earliest",
    per_year: Mapping[int, float | Fraction] | None = None,
) -> ScheduleRequest:
    """The scheduling request the policy implies: one requirement per hospital to visit.

    Args:
        hospitals: the hospitals; those in scope (and, with ``include_reference``, those
            under reference, 参照执行) get a visit.
        experts: the people who may sit on teams.
        policy: the policy, or its id.
        authorities: the authority tree, or its nodes.
        start: the first day a visit may start.
        deadline: the last day a visit may end; defaults to the policy's round end.
        calendar: an object with ``is_working_day(date)``; defaults to China's official
            calendar (调休 included).
        blackout: dates no visit may include.
        team_size: experts per team (the leader included); default
            :data:`DEFAULT_TEAM_SIZE`, raised or capped to what the policy's team rule asks.
        need_leader: one expert of each team leads (``Role.TEAM_LEADER``), on by default.
        officials_per_team: officials (``Role.OFFICIAL``) added to each team; default: the
            minimum the policy's team rule asks (Weihai: 有关部门负责人, at least one), else 0.
        include_reference: also schedule hospitals the policy puts under reference.
        day_unit: ``"working"`` or ``"calendar"``, overriding the policy's unit.
        kind: the kind of visit.
        plan_id: the plan's id; defaults to ``"<policy id>-plan"``.
        owner: the authority owning the plan; defaults to the inspectors' nearest common one.
        round: the round's name; defaults to the policy's round of ``kind``.
        unavailable: per person id, dates or ``"YYYY-MM-DD..YYYY-MM-DD"`` ranges they cannot
            serve, on top of each expert's own ``unavailable`` days.
        hospital_blackout: per hospital id, dates or ranges it cannot be visited (its 等级评审
            or accreditation weeks).
        max_days_per_person: the most working days one person serves in the round.
        max_days_per_person_per_year: the same per calendar year.
        min_rest_days: working days free between two visits of one person.
        pinned: visits already agreed, kept exactly (dates and team).
        notice_days: no visit starts before ``start`` plus this many working days.
        objective: ``"earliest"``, ``"spread"``, ``"balanced"`` or ``"local"``; see
            :data:`~hospital_inspection.scheduling.OBJECTIVES`.
        per_year: for ``"spread"``: the share of visits per year, e.g. ``{2025: 0.5, 2026: 0.5}``.

    Hospitals of one medical group (:attr:`Hospital.group <hospital_inspection.Hospital.group>`)
    are visited in one window by one team.

    Raises:
        DataError: bad arguments, or a team size outside the policy's team rule.
        RuleNotInPolicy: the policy cannot answer a question the schedule needs.
    """
    if isinstance(policy, str):
        policy = load_policy(policy)
    if not isinstance(policy, Policy) and not all(
        callable(getattr(policy, m, None)) for m in ("scope", "min_visit_days", "round_end")
    ):  # a Policy, or an object answering the same questions (a test double, a wrapper)
        raise DataError(
            Message(N_("policy: {value} is not a Policy or a policy id"), {"value": repr(policy)})
        )
    hospitals = require_items(hospitals, Hospital, "hospitals")
    experts = require_items(experts, Expert, "experts")
    kind = VisitKind.parse(kind) if isinstance(kind, str) else kind
    if not isinstance(kind, VisitKind):
        raise DataError(
            Message(N_("kind: {problem}"), {"problem": unknown_member(VisitKind, kind)})
        )
    require_bool(include_reference, "include_reference")
    require_bool(need_leader, "need_leader")
    team_size = optional_int(team_size, "team_size")
    officials_per_team = optional_int(officials_per_team, "officials_per_team")
    if not isinstance(authorities, AuthorityTree):
        authorities = AuthorityTree(require_items(authorities, Authority, "authorities"))
    tree = authorities
    spec = _team(policy, kind)
    given_size = team_size is not None
    if _official_leads(spec):  # an official leads, so no expert does; one official per team
        need_leader = False
        officials_per_team = 1
    team_size, officials_per_team = _team_numbers(spec, team_size, officials_per_team)
    if spec is not None:
        team_size = _team_size_bounds(spec, team_size, officials_per_team, given_size)
    requirements: list[VisitRequirement] = []
    for h in sorted(hospitals, key=lambda x: x.id):
        if not _in_scope(policy, h, kind, include_reference, tree):
            continue
        days, unit = _visit_days(policy, h, kind, day_unit)
        inspector = tree[policy.inspector(h, tree).value]
        region: str | None = None
        min_external = 0
        if policy.external_expert_rule_applies(inspector, h).value:
            region = inspector.region or h.region
            if region is None:
                raise DataError(
                    Message(
                        N_(
                            "hospitals[{hospital}]: the external-expert rule applies but "
                            "neither the inspector {inspector} nor the hospital has a region"
                        ),
                        {"hospital": h.id, "inspector": repr(inspector.id)},
                    )
                )
            min_external = policy.min_external_experts(team_size).value
        requirements.append(
            VisitRequirement(
                hospital=h.id,
                authority=inspector.id,
                region=region,
                min_days=days,
                day_unit=unit,
                team_size=team_size,
                min_external=min_external,
                need_leader=need_leader,
                officials=officials_per_team,
                kind=kind,
                group=h.group,
                locality=h.region,
            )
        )
    return ScheduleRequest(
        requirements=requirements,
        experts=tuple(experts),
        calendar=calendar if calendar is not None else ChinaOfficialCalendar(),
        start=start,
        deadline=deadline if deadline is not None else _round_end(policy, kind),
        blackout=blackout,
        plan_id=plan_id or f"{policy.id}-plan",
        policy=str(policy.id),
        owner=owner or _common_owner(tree, sorted({r.authority for r in requirements})),
        round=round if round is not None else _round_name(policy, kind),
        unavailable=unavailable,
        hospital_blackout=hospital_blackout,
        max_days_per_person=max_days_per_person,
        max_days_per_person_per_year=max_days_per_person_per_year,
        min_rest_days=min_rest_days,
        pinned=tuple(pinned),
        notice_days=notice_days,
        objective=objective,  # type: ignore[arg-type]  # validated by ScheduleRequest
        per_year=per_year,
    )


def schedule(
    hospitals: Iterable[Hospital],
    experts: Iterable[Expert],
    policy: Policy | str,
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
    unknown = sorted(set(options) - set(_OPTIONS))
    if unknown:
        raise DataError(
            Message(
                N_("schedule: unknown option(s) {unknown}; expected {options}"),
                {"unknown": ", ".join(unknown), "options": ", ".join(_OPTIONS)},
            )
        )
    if isinstance(policy, str):
        policy = load_policy(policy)
    request = schedule_request(
        hospitals, experts, policy, authorities=authorities, start=start, **options
    )
    kind = VisitKind.parse(options.get("kind", VisitKind.REGULAR))  # checked by the request
    return apply_team_roles(solve(request).plan, policy, kind=kind)


#: The keyword options :func:`schedule` passes on to :func:`schedule_request`.
_OPTIONS = tuple(
    name
    for name, p in inspect.signature(schedule_request).parameters.items()
    if p.kind is inspect.Parameter.KEYWORD_ONLY and name not in ("authorities", "start")
)
