"""The policy-free scheduling model: what a visit needs, what the scheduler is given and returns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Any, Literal, Protocol, runtime_checkable

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import DayUnit, VisitKind
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan, Visit
from hospital_inspection.scheduling._model_fields import _blackout_map as _blackout_map
from hospital_inspection.scheduling._model_fields import _calendar as _calendar
from hospital_inspection.scheduling._model_fields import _date_map as _date_map
from hospital_inspection.scheduling._model_fields import _date_set as _date_set
from hospital_inspection.scheduling._model_fields import _dates as _dates
from hospital_inspection.scheduling._model_fields import _experts as _experts
from hospital_inspection.scheduling._model_fields import _frozen_strings as _frozen_strings
from hospital_inspection.scheduling._model_fields import _is_bool as _is_bool
from hospital_inspection.scheduling._model_fields import _non_negative_int as _non_negative_int
from hospital_inspection.scheduling._model_fields import (
    _optional_positive_int as _optional_positive_int,
)
from hospital_inspection.scheduling._model_fields import _positive_int as _positive_int
from hospital_inspection.scheduling._model_fields import _shares as _shares
from hospital_inspection.scheduling._model_fields import _tuple as _tuple
from hospital_inspection.scheduling._model_fields import _unavailable_map as _unavailable_map

__all__ = [
    "OBJECTIVES",
    "Objective",
    "ScheduleRequest",
    "ScheduleResult",
    "ScheduleStats",
    "VisitRequirement",
    "WorkingDays",
]

#: What the scheduler optimises: ``"earliest"`` finish the round soonest (the makespan);
#: ``"spread"`` meet yearly targets of visits (``per_year``) so each yearly report has work to
#: report; ``"balanced"`` the fewest days any one person serves; ``"local"`` the fewest
#: cross-district trips beyond those the external-expert rule needs.
Objective = Literal["earliest", "spread", "balanced", "local"]
OBJECTIVES: tuple[str, ...] = ("earliest", "spread", "balanced", "local")


@runtime_checkable
class WorkingDays(Protocol):
    """The one thing the scheduler asks of a calendar."""

    def is_working_day(self, d: dt.date, /) -> bool:
        """True when ``d`` is a working day."""


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
        group: the medical group (医联体) of the hospital: visits of one group share their
            first and last day and their team.
        earliest: the visit starts on or after this day (e.g. a hospital that asked to move).
        latest: the visit ends on or before this day.
        locality: the district (区市) the hospital lies in, for the ``"local"`` objective.

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
    group: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    earliest: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    latest: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    locality: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)

    def __attrs_post_init__(self) -> None:
        if self.earliest is not None and self.latest is not None and self.latest < self.earliest:
            before = N_("{latest} is before earliest {earliest}")
            params = {"latest": self.latest, "earliest": self.earliest}
            raise v.fail(self, "latest", Message(before, params))
        if self.min_external > self.team_size:
            raise v.fail(
                self,
                "min_external",
                Message(
                    N_("{n} external experts cannot fit a team of {size}"),
                    {"n": self.min_external, "size": self.team_size},
                ),
            )
        if self.min_external and self.region is None:
            raise v.fail(
                self,
                "region",
                Message(N_("external experts are required but no inspecting region is given")),
            )


def _requirements(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(r, VisitRequirement) for r in value):
        expected = Message(N_("expected a list of VisitRequirement objects"))
        raise v.fail(instance, attribute.name, expected)
    v.unique_ids(instance, attribute, value)


def _objective(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value not in OBJECTIVES:
        not_one = N_("{value} is not an objective; expected one of {objectives}")
        params = {"value": repr(value), "objectives": ", ".join(repr(o) for o in OBJECTIVES)}
        raise v.fail(instance, attribute.name, Message(not_one, params))


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
        unavailable: per person id, the days they cannot serve (added to each
            :attr:`Expert.unavailable <hospital_inspection.Expert.unavailable>`).
        hospital_blackout: per hospital id, the days it cannot be visited (e.g. its 等级评审
            or accreditation weeks).
        max_days_per_person: the most working days on site any one person serves in the whole
            round (pinned visits included); ``None``: no cap.
        max_days_per_person_per_year: the same per calendar year.
        min_rest_days: working days a person has free between two of their visits.
        pinned: visits already agreed, kept exactly (dates and team); each has the id of a
            requirement. A pinned visit that breaks a rule is reported in
            :attr:`ScheduleResult.notes`, not moved.
        notice_days: no visit starts before ``start`` plus this many working days (so the
            hospital can do its 全面自查 and self-report first); pinned visits are exempt.
        objective: what to optimise, one of :data:`OBJECTIVES`.
        per_year: for ``"spread"``: the share of the visits to place in each calendar year,
            e.g. ``{2025: 0.5, 2026: 0.5}``; the shares add up to 1.
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
    unavailable: dict[str, frozenset[dt.date]] = attrs.field(
        factory=dict, converter=_unavailable_map
    )
    hospital_blackout: dict[str, frozenset[dt.date]] = attrs.field(
        factory=dict, converter=_blackout_map
    )
    max_days_per_person: int | None = attrs.field(default=None, validator=_optional_positive_int)
    max_days_per_person_per_year: int | None = attrs.field(
        default=None, validator=_optional_positive_int
    )
    min_rest_days: int = attrs.field(default=0, validator=_non_negative_int)
    pinned: tuple[Visit, ...] = attrs.field(default=(), converter=_tuple)
    notice_days: int = attrs.field(default=0, validator=_non_negative_int)
    objective: Objective = attrs.field(default="earliest", validator=_objective)
    per_year: dict[int, Fraction] | None = attrs.field(default=None, converter=_shares)

    def __attrs_post_init__(self) -> None:
        if self.deadline < self.start:
            raise v.fail(
                self,
                "deadline",
                Message(
                    N_("{deadline} is before start {start}"),
                    {"deadline": self.deadline, "start": self.start},
                ),
            )
        people = {e.id for e in self.experts}
        unknown = sorted(set(self.unavailable) - people)
        if unknown:
            not_among = N_("{ids} not among the experts; expected the id of a person in experts")
            ids_text = ", ".join(map(repr, unknown))
            raise v.fail(self, "unavailable", Message(not_among, {"ids": ids_text}))
        ids = {r.id for r in self.requirements}
        seen: set[str] = set()
        for k, visit in enumerate(self.pinned):
            if not isinstance(visit, Visit):
                not_visit = Message(N_("{value} is not a Visit"), {"value": repr(visit)})
                raise v.fail(self, f"pinned[{k}]", not_visit)
            if visit.id not in ids:
                no_match = N_(
                    "visit {visit} matches no requirement; expected the id of a visit to schedule"
                )
                raise v.fail(self, f"pinned[{k}]", Message(no_match, {"visit": repr(visit.id)}))
            if visit.id in seen:
                twice = Message(N_("visit {visit} pinned twice"), {"visit": repr(visit.id)})
                raise v.fail(self, f"pinned[{k}]", twice)
            seen.add(visit.id)
        self._check_groups()
        if self.objective == "spread":
            if not self.per_year:
                needs = N_("the 'spread' objective needs yearly shares, e.g. {example}")
                example = {"example": "{2025: 0.5, 2026: 0.5}"}
                raise v.fail(self, "per_year", Message(needs, example))
            total = sum(self.per_year.values(), Fraction(0))
            if total != 1:
                add_up = N_("the shares add up to {total}; expected 1")
                raise v.fail(self, "per_year", Message(add_up, {"total": f"{float(total):g}"}))
            outside = sorted(
                y for y in self.per_year if not self.start.year <= y <= self.deadline.year
            )
            if outside:
                window = N_("year {year} is outside the window {start} to {deadline}")
                params = {"year": outside[0], "start": self.start, "deadline": self.deadline}
                raise v.fail(self, "per_year", Message(window, params))
        elif self.per_year is not None:
            only = N_("yearly shares only apply to the 'spread' objective, not {objective}")
            raise v.fail(self, "per_year", Message(only, {"objective": repr(self.objective)}))

    def _check_groups(self) -> None:
        units: dict[str, set[DayUnit]] = {}
        for r in self.requirements:
            if r.group is not None:
                units.setdefault(r.group, set()).add(r.day_unit)
        mixed = sorted(g for g, u in units.items() if len(u) > 1)
        if mixed:
            mixes = N_(
                "group {group} mixes working-day and calendar-day visits; expected one day unit "
                "per group"
            )
            raise v.fail(self, "requirements", Message(mixes, {"group": repr(mixed[0])}))

    def blocked(self, person: Expert) -> frozenset[dt.date]:
        """The days ``person`` cannot serve: their own and this request's ``unavailable``."""
        extra = self.unavailable.get(person.id)
        return person.unavailable | extra if extra else person.unavailable

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
        optimal: ``True`` when the objective's value is proven minimal (equals its bound).
        objective: the objective optimised (see :data:`OBJECTIVES`).
        value: the objective's value: the makespan (``"earliest"``), the visits off the yearly
            targets (``"spread"``), the most working days one person serves (``"balanced"``),
            the cross-district trips beyond the rule's (``"local"``).
        bound: no plan of the request has a smaller ``value``.
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
    objective: str = "earliest"
    value: int = -1
    bound: int = -1

    def __attrs_post_init__(self) -> None:
        if self.objective == "earliest" and self.value < 0:
            object.__setattr__(self, "value", self.makespan)
            object.__setattr__(self, "bound", self.lower_bound)

    def summary(self) -> str:
        """The objective against its bound, in one line."""
        gap = f"{self.value / self.bound:.3f} x bound" if self.bound > 0 else "bound 0"
        return (
            f"{self.objective}: {self.value} (lower bound {self.bound}, {gap}); makespan "
            f"{self.makespan} working days (lower bound {self.lower_bound}, {self.binding})"
        )


@attrs.frozen(kw_only=True)
class ScheduleResult:
    """A plan and its figures.

    Attributes:
        plan: the plan; :func:`~hospital_inspection.scheduling.verify` finds nothing wrong in it
            (except what ``notes`` reports about pinned visits).
        stats: makespan against the lower bound, and the objective against its own bound.
        notes: what is wrong with the pinned visits (kept as they are, not moved).
    """

    plan: Plan
    stats: ScheduleStats
    notes: tuple[str, ...] = ()

    @property
    def visits(self) -> tuple[Visit, ...]:
        """The plan's visits."""
        return self.plan.visits
