"""The rule kinds about who inspects whom and with what team (private).

The external-expert share (``ShareBase``, ``ExternalExpertsRule``), the inspecting authority
(``InspectorBasis``, ``InspectorRule``, ``ReachRule``), the team composition (``TeamSlot``,
``TeamSpec``, ``TeamRule``) and the liaison persons a hospital designates (``LiaisonRole``,
``LiaisonRule``). All are importable from ``hospital_inspection.policy._rules`` as before.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    LabeledEnum,
    Level,
    Ownership,
    Role,
)
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._rules_base import _Base, _non_negative, _positive
from hospital_inspection.policy._schema import Cells, in_filter

__all__ = [
    "ExternalExpertsRule",
    "InspectorBasis",
    "InspectorRule",
    "LiaisonRole",
    "LiaisonRule",
    "ReachRule",
    "ShareBase",
    "TeamRule",
    "TeamSlot",
    "TeamSpec",
]


class ShareBase(LabeledEnum):
    """What a team-share rule counts over."""

    EXPERTS = "experts", "专家", "experts only"
    TEAM = "team", "全体成员", "whole team"

    @classmethod
    def noun(cls) -> str:
        """The name used in messages: the ``base`` of an external-experts rule."""
        return "share base"


def _fraction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    try:
        share = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        share = None
    if share is None or not 0 < share <= 1 or "." in str(value):
        raise v.fail(
            instance,
            attribute.name,
            Message(
                N_("{value} is not an exact fraction in (0, 1] like '3/10'"), {"value": repr(value)}
            ),
        )


@attrs.frozen(kw_only=True)
class ExternalExpertsRule(_Base):
    """A minimum share of experts from another region, when a local authority inspects its own.

    ``min_share`` is an exact fraction written as a string (``"3/10"``); a float is refused.
    """

    KIND: ClassVar[str] = "external_experts"
    min_share: str = attrs.field(validator=_fraction)
    inspector_levels: frozenset[AuthorityLevel]
    min_level: Level
    base: ShareBase = ShareBase.EXPERTS

    @property
    def share(self) -> Fraction:
        """``min_share`` as an exact :class:`~fractions.Fraction`."""
        return Fraction(self.min_share)


class InspectorBasis(LabeledEnum):
    """How the inspecting authority is found."""

    ADMINISTERING = "administering", "主管部门", "委属"
    TERRITORIAL = "territorial", "属地", "属地管理"
    AT_LEVEL = "at_level", "上级部门", "指定层级"

    @classmethod
    def noun(cls) -> str:
        """The name used in messages: the key of an inspector rule."""
        return "value of inspected_by"


@attrs.frozen(kw_only=True)
class InspectorRule(_Base):
    """Who inspects a hospital, by the authority administering it and the hospital's cell.

    A rule matches a hospital when the level of the authority administering it is in
    ``administered_by`` (empty: any) and the hospital's level x category x ownership is in
    ``when`` (absent: any). Rules that name either are tried first, in file order; a rule naming
    neither matches every hospital no other inspector rule matches.

    ``inspected_by``: ``administering`` (the authority that administers it, 委属),
    ``territorial`` (the authority governing its region, 属地) or ``at_level`` (the authority of
    level ``inspector_level`` over it, e.g. 市卫生健康委 for every 三级 hospital of the city).
    """

    KIND: ClassVar[str] = "inspector"
    administered_by: frozenset[AuthorityLevel] = frozenset()
    when: Cells | None = None
    inspected_by: InspectorBasis
    inspector_level: AuthorityLevel | None = None

    def __attrs_post_init__(self) -> None:
        if self.inspected_by is InspectorBasis.AT_LEVEL and self.inspector_level is None:
            raise v.fail(
                self, "inspector_level", Message(N_("required when inspected_by = at_level"))
            )

    @property
    def specific(self) -> bool:
        """Whether the rule names who it applies to (tried before a catch-all rule)."""
        return bool(self.administered_by) or self.when is not None

    def matches(
        self, admin_level: AuthorityLevel | None, cell: tuple[Level, Category, Ownership]
    ) -> bool:
        """Whether the rule applies to a hospital of ``cell`` administered at ``admin_level``."""
        return in_filter(self.when, self.administered_by, *cell, admin_level)


@attrs.frozen(kw_only=True)
class ReachRule(_Base):
    """Which hospitals an authority may inspect: its own and those ``levels_below`` below it."""

    KIND: ClassVar[str] = "inspection_reach"
    levels_below: int = attrs.field(validator=_non_negative)
    any_depth: bool = False


@attrs.frozen(kw_only=True)
class TeamSlot:
    """A role on a team with its head count (``max`` absent: no upper bound).

    ``leads``: ``true`` when this slot's members lead the team (带队); a role (``"official"``)
    when the slot is the leader's (组长) and whoever fills it must be able to take that role
    ("组长1名，由卫生健康行政部门负责同志担任": ``leads = "official"``).
    """

    role: Role
    min: int = attrs.field(validator=_non_negative)
    max: int | None = None
    leads: bool | Role = False

    def __attrs_post_init__(self) -> None:
        if self.max is not None and self.max < self.min:
            raise v.fail(
                self,
                "max",
                Message(N_("{max} is below min {min}"), {"max": self.max, "min": self.min}),
            )

    @property
    def leader_role(self) -> Role | None:
        """The role the leader must be able to take, when the slot says one."""
        return self.leads if isinstance(self.leads, Role) else None


@attrs.frozen(kw_only=True)
class TeamSpec:
    """The composition a team rule asks for (the value of a team decision).

    ``size_min``/``size_max``: the whole team's head count (巡查组由5至9人组成), when the rule
    sets one; ``members_from``: the role every member other than the leader must be able to take
    (成员从专家库中抽取: ``"expert"``), when the rule says.
    """

    slots: tuple[TeamSlot, ...]
    size_min: int | None = None
    size_max: int | None = None
    members_from: Role | None = None

    def slot(self, role: Role) -> TeamSlot | None:
        """The slot for ``role``, if the rule names it."""
        return next((s for s in self.slots if s.role is role), None)

    @property
    def lead(self) -> TeamSlot | None:
        """The slot whose members lead the team (带队), if any."""
        return next((s for s in self.slots if s.leads), None)

    def __str__(self) -> str:
        def count(s: TeamSlot) -> str:
            if s.max is None:
                return f">={s.min}"
            return str(s.min) if s.min == s.max else f"{s.min}-{s.max}"

        text = " + ".join(f"{count(s)} {s.role.label}" for s in self.slots)
        if self.size_min is not None or self.size_max is not None:
            low = self.size_min if self.size_min is not None else 0
            high = f"-{self.size_max}" if self.size_max is not None else "+"
            text += f" ({low}{high} people)"
        return text


@attrs.frozen(kw_only=True)
class TeamRule(_Base):
    """Team composition: roles with head counts, optionally the whole team's head count.

    ``size_min``/``size_max``: 巡查组由5至9人组成 (every member counted, the leader included);
    ``members_from``: 成员从专家库中抽取, the role every non-leading member must be able to take.
    """

    KIND: ClassVar[str] = "team"
    slots: tuple[TeamSlot, ...]
    size_min: int | None = attrs.field(default=None, validator=attrs.validators.optional(_positive))
    size_max: int | None = attrs.field(default=None, validator=attrs.validators.optional(_positive))
    members_from: Role | None = None

    def __attrs_post_init__(self) -> None:
        if (
            self.size_min is not None
            and self.size_max is not None
            and self.size_max < self.size_min
        ):
            raise v.fail(
                self,
                "size_max",
                Message(
                    N_("{max} is below size_min {min}"),
                    {"max": self.size_max, "min": self.size_min},
                ),
            )

    @property
    def spec(self) -> TeamSpec:
        """The composition as a value."""
        return TeamSpec(
            slots=self.slots,
            size_min=self.size_min,
            size_max=self.size_max,
            members_from=self.members_from,
        )


@attrs.frozen(kw_only=True)
class LiaisonRole:
    """A liaison person the inspected hospital designates (联络人), by the office they come from."""

    code: str = attrs.field(validator=v.non_empty_str)
    label: str = attrs.field(validator=v.non_empty_str)
    count: int = attrs.field(validator=_positive)

    def __str__(self) -> str:
        return self.label


@attrs.frozen(kw_only=True)
class LiaisonRule(_Base):
    """The liaison persons a hospital must designate."""

    KIND: ClassVar[str] = "liaison"
    roles: tuple[LiaisonRole, ...]
