"""One visit: a team (its members and their roles) on site at one hospital.

Private; :mod:`hospital_inspection.model.visits` holds the public names (and plans).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import Role, VisitKind, VisitMode

__all__ = ["Member", "Visit"]


@v.collect_errors
@attrs.frozen(kw_only=True)
class Member:
    """One person on one visit's team, in one role.

    Attributes:
        person: the person's id (an :class:`~hospital_inspection.Expert`).
        role: the role taken on this visit (defaults to expert).
    """

    #: Built once per distinct (person, role) when loading data, and shared (see ``convert``).
    _interned_on_load: ClassVar[bool] = True

    person: str = attrs.field(validator=v.identifier)
    role: Role = attrs.field(
        default=Role.EXPERT,
        converter=v.enum_converter(Role),  # type: ignore[misc]
        validator=v.member_of(Role),
    )


def _members(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is tuple:  # the common case, in one pass; any doubt takes the full check
        people: set[str] = set()
        leaders = 0
        for m in value:
            if type(m) is not Member:
                break
            people.add(m.person)
            leaders += m.role is Role.TEAM_LEADER
        else:
            if len(people) == len(value) and leaders <= 1:
                return
    _check_members(instance, value)


def _check_members(instance: object, value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(m, Member) for m in value):
        raise v.fail(instance, "team", f"{value!r} is not a list of team members")
    people = [m.person for m in value]
    duplicates = sorted({p for p in people if people.count(p) > 1})
    if duplicates:
        raise v.fail(instance, "team", f"{', '.join(duplicates)} listed more than once")
    leaders = [m.person for m in value if m.role is Role.TEAM_LEADER]
    if len(leaders) > 1:
        raise v.fail(instance, "team", f"more than one team leader ({', '.join(leaders)})")


@v.collect_errors
@attrs.frozen(kw_only=True)
class Visit:
    """One inspection team on site at one hospital, from ``first_day`` to ``last_day`` inclusive.

    Attributes:
        id: stable identifier.
        hospital: id of the hospital inspected.
        authority: id of the inspecting authority.
        first_day: first on-site day (进驻).
        last_day: last on-site day; not before ``first_day``.
        team: the members, each with the role taken on this visit.
        kind: regular round, 回头看, 专项检查 or 飞行检查.
        mode: announced or unannounced (暗访).
        self_report_date: when the hospital submitted its self-inspection report (自查报告),
            if known.
        feedback_date: when the team gave the hospital its written feedback (书面反馈巡查意见),
            if known; checked against a policy's ``written_feedback`` deadline.
    """

    id: str = attrs.field(validator=v.identifier)
    hospital: str = attrs.field(validator=v.identifier)
    authority: str = attrs.field(validator=v.identifier)
    first_day: dt.date = attrs.field(validator=v.is_date)
    last_day: dt.date = attrs.field(validator=v.is_date)
    team: tuple[Member, ...] = attrs.field(default=(), converter=v.to_tuple, validator=_members)
    kind: VisitKind = attrs.field(
        default=VisitKind.REGULAR,
        converter=v.enum_converter(VisitKind),  # type: ignore[misc]
        validator=v.member_of(VisitKind),
    )
    mode: VisitMode = attrs.field(
        default=VisitMode.ANNOUNCED,
        converter=v.enum_converter(VisitMode),  # type: ignore[misc]
        validator=v.member_of(VisitMode),
    )
    self_report_date: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    feedback_date: dt.date | None = attrs.field(default=None, validator=v.optional_date)

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            raise v.fail(
                self,
                "last_day",
                f"{self.last_day.isoformat()} is before first_day "
                f"{self.first_day.isoformat()}; expected a day on or after it",
            )

    @property
    def calendar_days(self) -> int:
        """On-site days counted as calendar days, both ends included."""
        return (self.last_day - self.first_day).days + 1

    @property
    def people(self) -> tuple[str, ...]:
        """The ids of everyone on the team."""
        return tuple(m.person for m in self.team)

    @property
    def leader(self) -> str | None:
        """The team leader's id, if the team has one."""
        return next((m.person for m in self.team if m.role is Role.TEAM_LEADER), None)

    def overlaps(self, other: Visit) -> bool:
        """True when the two visits share at least one day."""
        return self.first_day <= other.last_day and other.first_day <= self.last_day
