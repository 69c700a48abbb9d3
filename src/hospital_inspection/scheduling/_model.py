"""The policy-free scheduling model: what a visit needs, what the scheduler is given and returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import DayUnit, VisitKind
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan, Visit

__all__ = [
    "ScheduleRequest",
    "ScheduleResult",
    "ScheduleStats",
    "VisitRequirement",
    "WorkingDays",
]


@runtime_checkable
class WorkingDays(Protocol):
    """The one thing the scheduler asks of a calendar."""

    def is_working_day(self, d: dt.date, /) -> bool:
        """True when ``d`` is a working day."""


def _positive_int(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise v.fail(instance, attribute.name, f"{value!r} is not a whole number of at least 1")


def _non_negative_int(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise v.fail(instance, attribute.name, f"{value!r} is not a whole number of at least 0")


def _is_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise v.fail(instance, attribute.name, f"{value!r} is not true or false")


def _frozen_strings(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, Iterable):
        try:
            return frozenset(value)
        except TypeError:  # unhashable items: the validator names the field
            return value  # type: ignore[return-value]
    return value  # type: ignore[return-value]  # the validator reports it


def _default_id(self: VisitRequirement) -> str:
    return f"{self.hospital}-{self.kind.code}"


@attrs.frozen(kw_only=True)
class VisitRequirement:
    """What one visit needs, with every policy decision already taken.

    Attributes:
        hospital: id of the hospital to visit.
        authority: id of the inspecting authority.
        region: the inspecting region: an expert is *external* when their ``home_region`` differs
            from it. ``None`` when the external-expert rule does not apply.
        min_days: the least number of on-site days.
        day_unit: how ``min_days`` is counted, ``"working"`` or ``"calendar"``.
        team_size: the number of experts on the team (the leader included).
        min_external: the least number of external experts on the team.
        need_leader: one of the experts must be able to lead (``Role.TEAM_LEADER``).
        officials: the number of officials (``Role.OFFICIAL``) who join the team; they are not
            counted as experts.
        excluded: people who must not sit on this team (回避); the hospital's own employees are
            excluded automatically.
        kind: the kind of visit.
        id: the visit's id in the plan; defaults to ``"<hospital>-<kind>"``.

    >>> r = VisitRequirement(hospital="H001", authority="district-a", region="a", min_days=5,
    ...                      team_size=3, min_external=1)
    >>> r.id, r.day_unit.code, r.need_leader
    ('H001-regular', 'working', True)
    """

    hospital: str = attrs.field(validator=v.non_empty_str)
    authority: str = attrs.field(validator=v.non_empty_str)
    region: str | None = attrs.field(validator=v.optional_non_empty_str)
    min_days: int = attrs.field(validator=_positive_int)
    day_unit: DayUnit = attrs.field(
        default=DayUnit.WORKING,
        converter=v.enum_converter(DayUnit),  # type: ignore[misc]
        validator=v.member_of(DayUnit),
    )
    team_size: int = attrs.field(default=5, validator=_positive_int)
    min_external: int = attrs.field(default=0, validator=_non_negative_int)
    need_leader: bool = attrs.field(default=True, validator=_is_bool)
    officials: int = attrs.field(default=0, validator=_non_negative_int)
    excluded: frozenset[str] = attrs.field(
        default=frozenset(), converter=_frozen_strings, validator=v.str_collection
    )
    kind: VisitKind = attrs.field(
        default=VisitKind.REGULAR,
        converter=v.enum_converter(VisitKind),  # type: ignore[misc]
        validator=v.member_of(VisitKind),
    )
    id: str = attrs.field(
        default=attrs.Factory(_default_id, takes_self=True), validator=v.non_empty_str
    )

    def __attrs_post_init__(self) -> None:
        if self.min_external > self.team_size:
            raise v.fail(
                self,
                "min_external",
                f"{self.min_external} external experts cannot fit a team of {self.team_size}",
            )
        if self.min_external and self.region is None:
            raise v.fail(
                self, "region", "external experts are required but no inspecting region is given"
            )


def _requirements(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(r, VisitRequirement) for r in value):
        raise v.fail(instance, attribute.name, "expected a list of VisitRequirement objects")
    v.unique_ids(instance, attribute, value)


def _experts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(e, Expert) for e in value):
        raise v.fail(instance, attribute.name, "expected a list of Expert objects")
    v.unique_ids(instance, attribute, value)


def _calendar(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not callable(getattr(value, "is_working_day", None)):
        raise v.fail(instance, attribute.name, f"{value!r} has no is_working_day(date) method")


def _dates(value: object) -> frozenset[dt.date]:
    if isinstance(value, Iterable):
        try:
            return frozenset(value)
        except TypeError:  # unhashable items: the validator names the field
            return value  # type: ignore[return-value]
    return value  # type: ignore[return-value]


def _date_set(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset):
        raise v.fail(instance, attribute.name, f"{value!r} is not a list of dates")
    for d in value:
        v.is_date(instance, attribute, d)


def _tuple(value: object) -> object:
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        return tuple(value)
    return value


@attrs.frozen(kw_only=True)
class ScheduleRequest:
    """Everything the scheduler needs; the same request always gives the same plan.

    Attributes:
        requirements: one per visit to schedule; ids are unique.
        experts: the people available (experts, team leaders, officials).
        calendar: any object with ``is_working_day(date) -> bool``.
        start: the first day a visit may start.
        deadline: the last day a visit may end (the round's deadline).
        blackout: dates no visit may include or straddle.
        plan_id: id of the plan produced.
        policy: id of the policy the plan follows.
        owner: id of the authority that owns the plan; defaults to the first requirement's.
        round: the round's name, if any.
    """

    requirements: tuple[VisitRequirement, ...] = attrs.field(
        converter=_tuple, validator=_requirements
    )
    experts: tuple[Expert, ...] = attrs.field(converter=_tuple, validator=_experts)
    calendar: WorkingDays = attrs.field(validator=_calendar)
    start: dt.date = attrs.field(validator=v.is_date)
    deadline: dt.date = attrs.field(validator=v.is_date)
    blackout: frozenset[dt.date] = attrs.field(
        default=frozenset(), converter=_dates, validator=_date_set
    )
    plan_id: str = attrs.field(default="schedule", validator=v.non_empty_str)
    policy: str = attrs.field(default="unspecified", validator=v.non_empty_str)
    owner: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    round: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)

    def __attrs_post_init__(self) -> None:
        if self.deadline < self.start:
            raise v.fail(
                self,
                "deadline",
                f"{self.deadline.isoformat()} is before start {self.start.isoformat()}",
            )

    def plan(self, visits: Iterable[Visit]) -> Plan:
        """A :class:`~hospital_inspection.Plan` of ``visits`` under this request's ids."""
        owner = self.owner
        if owner is None:
            owner = self.requirements[0].authority if self.requirements else "unspecified"
        return Plan(
            id=self.plan_id, policy=self.policy, authority=owner, visits=tuple(visits),
            round=self.round,
        )  # fmt: skip


@attrs.frozen(kw_only=True)
class ScheduleStats:
    """How good a plan is, in working days counted from the request's start (day 1).

    Attributes:
        makespan: working days from the start to the last visit's last day, both included.
        lower_bound: no plan can finish sooner: the largest of the bounds below.
        capacity_bound: total expert-days needed spread over every usable expert.
        chain_bound: the visit that needs the longest on its own (its earliest possible end).
        class_bound: the same capacity argument for a scarce class: team leaders, or the experts
            external to one region (``binding`` says which).
        binding: which bound is the lower bound, in words.
        ratio: ``makespan / lower_bound`` (1.0 for an empty plan).
        seconds: wall-clock time of the solve (not part of the deterministic output).
        attempts: how many orderings the scheduler tried.
        method: ``"greedy"`` or ``"cp-sat"``.
        optimal: ``True`` when the makespan is proven minimal.
    """

    makespan: int
    lower_bound: int
    capacity_bound: int
    chain_bound: int
    class_bound: int
    binding: str
    ratio: float
    seconds: float = attrs.field(eq=False)
    attempts: int = 1
    method: str = "greedy"
    optimal: bool = False


@attrs.frozen(kw_only=True)
class ScheduleResult:
    """A plan and its figures.

    Attributes:
        plan: the plan; :func:`~hospital_inspection.scheduling.verify` finds nothing wrong in it.
        stats: makespan against the lower bound.
    """

    plan: Plan
    stats: ScheduleStats

    @property
    def visits(self) -> tuple[Visit, ...]:
        """The plan's visits."""
        return self.plan.visits
