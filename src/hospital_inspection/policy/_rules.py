"""The rule kinds the engine knows (private).

A policy file says which rules a document has; this module says what each *kind* of rule is. Every
rule carries its id, strength, citation and the visit kinds it governs; the other fields are the
kind's parameters. No policy fact is written here: the numbers, dates and words are in the TOML.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Any, ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    LabeledEnum,
    Level,
    MeasureOpening,
    MeasureScope,
    Party,
    Role,
    ScopeStatus,
    Strength,
    VisitKind,
)
from hospital_inspection.policy._schema import Cells, Citation, DayUnit

__all__ = [
    "RULE_KINDS",
    "ChecklistItem",
    "ChecklistRule",
    "ChecklistSection",
    "DeadlineKind",
    "DeadlineRule",
    "ExternalExpertsRule",
    "InspectorBasis",
    "InspectorRule",
    "LiaisonRole",
    "LiaisonRule",
    "MeasureRule",
    "Method",
    "MethodsRule",
    "ProvisionRule",
    "ReachRule",
    "Rule",
    "ScopeDefaultRule",
    "ScopeRule",
    "ShareBase",
    "TeamRule",
    "TeamSlot",
    "TeamSpec",
    "VisitDaysRule",
]

_REGULAR = frozenset({VisitKind.REGULAR})


def _positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise v.fail(instance, attribute.name, f"{value!r} is not a whole number >= 1")


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise v.fail(instance, attribute.name, f"{value!r} is not a whole number >= 0")


@attrs.frozen(kw_only=True)
class _Base:
    """Fields every rule has."""

    KIND: ClassVar[str] = ""

    id: str = attrs.field(validator=v.non_empty_str)
    strength: Strength
    cite: Citation
    visit_kinds: frozenset[VisitKind] = _REGULAR
    note: str | None = None

    @property
    def kind(self) -> str:
        """The rule kind, as written in the file (``kind = "visit_days"``)."""
        return self.KIND

    @property
    def citation(self) -> Citation:
        """The rule's citation (same as ``cite``)."""
        return self.cite


@attrs.frozen(kw_only=True)
class ScopeRule(_Base):
    """Hospitals in ``when`` get ``outcome`` (纳入 / 参照执行 / 不纳入)."""

    KIND: ClassVar[str] = "scope"
    when: Cells
    outcome: ScopeStatus


@attrs.frozen(kw_only=True)
class ScopeDefaultRule(_Base):
    """The outcome for every hospital no scope rule names (usually out of scope)."""

    KIND: ClassVar[str] = "scope_default"
    outcome: ScopeStatus


@attrs.frozen(kw_only=True)
class VisitDaysRule(_Base):
    """Minimum on-site days for the hospitals in ``when``, counted in ``day_unit``."""

    KIND: ClassVar[str] = "visit_days"
    when: Cells
    days: int = attrs.field(validator=_positive)
    day_unit: DayUnit


class ShareBase(LabeledEnum):
    """What a team-share rule counts over."""

    EXPERTS = "experts", "专家", "experts only"
    TEAM = "team", "全体成员", "whole team"


def _fraction(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    try:
        share = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        share = None
    if share is None or not 0 < share <= 1 or "." in str(value):
        raise v.fail(
            instance, attribute.name, f"{value!r} is not an exact fraction in (0, 1] like '3/10'"
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


@attrs.frozen(kw_only=True)
class InspectorRule(_Base):
    """Who inspects a hospital, by the level of the authority administering it.

    An empty ``administered_by`` matches every hospital no other inspector rule matches.
    """

    KIND: ClassVar[str] = "inspector"
    administered_by: frozenset[AuthorityLevel] = frozenset()
    inspected_by: InspectorBasis


@attrs.frozen(kw_only=True)
class ReachRule(_Base):
    """Which hospitals an authority may inspect: its own and those ``levels_below`` below it."""

    KIND: ClassVar[str] = "inspection_reach"
    levels_below: int = attrs.field(validator=_non_negative)
    any_depth: bool = False


@attrs.frozen(kw_only=True)
class TeamSlot:
    """A role on a team with its head count (``max`` absent: no upper bound)."""

    role: Role
    min: int = attrs.field(validator=_non_negative)
    max: int | None = None
    leads: bool = False

    def __attrs_post_init__(self) -> None:
        if self.max is not None and self.max < self.min:
            raise v.fail(self, "max", f"{self.max} is below min {self.min}")


@attrs.frozen(kw_only=True)
class TeamSpec:
    """The composition a team rule asks for (the value of a team decision)."""

    slots: tuple[TeamSlot, ...]

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

        return " + ".join(f"{count(s)} {s.role.label}" for s in self.slots)


@attrs.frozen(kw_only=True)
class TeamRule(_Base):
    """Team composition: roles with head counts."""

    KIND: ClassVar[str] = "team"
    slots: tuple[TeamSlot, ...]

    @property
    def spec(self) -> TeamSpec:
        """The composition as a value."""
        return TeamSpec(slots=self.slots)


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


class DeadlineKind(LabeledEnum):
    """The form of a deadline."""

    FIXED = "fixed", "限定日期", "on or before a date"
    RELATIVE = "relative", "期限", "months after a trigger"
    BEFORE_EVENT = "before_event", "事前", "before an event"


@attrs.frozen(kw_only=True)
class DeadlineRule(_Base):
    """A deadline: a fixed date, a period after a trigger, or "before" another event.

    Attributes:
        event: what must happen (``"round_complete"``, ``"rectification_report"``...).
        description: the deadline in words.
        form: fixed / relative / before_event.
        due: the date (fixed).
        inclusive: the due date itself is allowed ("on or before").
        months: the period (relative), counted per 民法典 Art. 201-202.
        trigger: the triggering event (relative).
        roll_forward: default for moving a last day that is a rest day (民法典 Art. 203).
        roll_forward_reason: why that default.
        before: the event it must precede (before_event).
        strict: ``before`` must be strictly earlier (not the same day).
        owed_by: who owes it (e.g. the hospital owes its 整改报告), if the file says.
        received_by: who receives it (e.g. the superior health authority), if the file says.
        submitted_by: the levels of authority that must each submit something by a fixed date
            (e.g. every 区市 its yearly report), as the clause says; empty when nobody in
            particular (a round's end). A compliance check as of a later day reports every such
            authority under the plan's owner that has no submission recorded.
    """

    KIND: ClassVar[str] = "deadline"
    event: str = attrs.field(validator=v.non_empty_str)
    description: str = attrs.field(validator=v.non_empty_str)
    form: DeadlineKind
    due: dt.date | None = None
    inclusive: bool = True
    months: int | None = None
    trigger: str | None = None
    roll_forward: bool | None = None
    roll_forward_reason: str | None = None
    before: str | None = None
    strict: bool = True
    submitted_by: frozenset[AuthorityLevel] = frozenset()
    owed_by: Party | None = None
    received_by: Party | None = None

    def __attrs_post_init__(self) -> None:
        needs = {
            DeadlineKind.FIXED: ("due",),
            DeadlineKind.RELATIVE: ("months", "trigger", "roll_forward", "roll_forward_reason"),
            DeadlineKind.BEFORE_EVENT: ("before",),
        }[self.form]
        for name in needs:
            if getattr(self, name) is None:
                raise v.fail(self, name, f"required for a {self.form.code} deadline")
        if self.months is not None and self.months < 1:
            raise v.fail(self, "months", f"{self.months!r} is not a whole number >= 1")

    @property
    def last_day(self) -> dt.date | None:
        """The last allowed day of a fixed deadline (the day before ``due`` when exclusive)."""
        if self.due is None:
            return None
        return self.due if self.inclusive else self.due - dt.timedelta(days=1)

    def __str__(self) -> str:
        if self.form is DeadlineKind.FIXED:
            return f"{self.event} on or before {self.last_day}"
        if self.form is DeadlineKind.RELATIVE:
            return f"{self.event} within {self.months} month(s) after {self.trigger}"
        return f"{self.event} {'strictly ' if self.strict else ''}before {self.before}"


@attrs.frozen(kw_only=True)
class Method:
    """An inspection method (巡查方式)."""

    code: str = attrs.field(validator=v.non_empty_str)
    label: str = attrs.field(validator=v.non_empty_str)

    def __str__(self) -> str:
        return self.label


@attrs.frozen(kw_only=True)
class MethodsRule(_Base):
    """The methods a team uses; ``exhaustive = false`` when the text ends its list with 等."""

    KIND: ClassVar[str] = "methods"
    methods: tuple[Method, ...]
    exhaustive: bool = False


@attrs.frozen(kw_only=True)
class ChecklistSection:
    """A heading of a checklist (a category or an area with its focus sentence)."""

    id: str = attrs.field(validator=v.non_empty_str)
    clause: str = attrs.field(validator=v.non_empty_str)
    text: str = attrs.field(validator=v.non_empty_str)
    parent: str | None = None


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One checklist item, with its full text (verbatim) and clause.

    ``applies_to`` empty: every hospital; else only those categories.
    """

    id: str = attrs.field(validator=v.non_empty_str)
    clause: str = attrs.field(validator=v.non_empty_str)
    text: str = attrs.field(validator=v.non_empty_str)
    section: str | None = None
    applies_to: frozenset[Category] = frozenset()
    document: str = ""

    @property
    def citation(self) -> Citation:
        """The item as a citation."""
        return Citation(document=self.document, clause=self.clause, text=self.text)

    def applies(self, category: Category) -> bool:
        """True when the item applies to a hospital of ``category``."""
        return not self.applies_to or category in self.applies_to

    def __str__(self) -> str:
        return f"{self.id} {self.text}"


@attrs.frozen(kw_only=True)
class ChecklistRule(_Base):
    """What the inspection looks at: sections (headings) and items."""

    KIND: ClassVar[str] = "checklist"
    sections: tuple[ChecklistSection, ...] = ()
    items: tuple[ChecklistItem, ...]

    def __attrs_post_init__(self) -> None:
        sections = {s.id for s in self.sections}
        v.unique_ids(self, attrs.fields(type(self)).sections, self.sections)
        v.unique_ids(self, attrs.fields(type(self)).items, self.items)
        for s in self.sections:
            if s.parent is not None and s.parent not in sections:
                raise v.fail(self, "sections", f"{s.id}: no parent section {s.parent!r}")
        for item in self.items:
            if item.section is not None and item.section not in sections:
                raise v.fail(self, "items", f"{item.id}: no section {item.section!r}")


@attrs.frozen(kw_only=True)
class MeasureRule(_Base):
    """A measure taken on a finding (处置措施 / 结果运用), with the triggers it answers.

    Attributes:
        party: who takes it (责任单位); ``None`` when the file does not say.
        opens: ``always`` (an item opens with the finding) or ``on_decision`` (an option the
            authority decides; an item opens once the decision is recorded). Default: always
            for a mandatory measure, on decision otherwise.
        per: ``finding`` (one item per finding) or ``hospital`` (once per hospital and round,
            e.g. Jilin's 《情况通报》).
    """

    KIND: ClassVar[str] = "measure"
    code: str = attrs.field(validator=v.non_empty_str)
    label: str = attrs.field(validator=v.non_empty_str)
    triggers: frozenset[str]
    party: Party | None = None
    opens: MeasureOpening | None = None
    per: MeasureScope = MeasureScope.FINDING

    @property
    def opening(self) -> MeasureOpening:
        """How the measure opens, with the default by strength applied."""
        if self.opens is not None:
            return self.opens
        if self.strength is Strength.MANDATORY:
            return MeasureOpening.ALWAYS
        return MeasureOpening.ON_DECISION

    def __str__(self) -> str:
        return self.label


@attrs.frozen(kw_only=True)
class ProvisionRule(_Base):
    """Any other cited provision (feedback meeting, non-interference, encouragements)."""

    KIND: ClassVar[str] = "provision"
    code: str = attrs.field(validator=v.non_empty_str)
    summary: str = attrs.field(validator=v.non_empty_str)

    def __str__(self) -> str:
        return self.summary


Rule = (
    ScopeRule
    | ScopeDefaultRule
    | VisitDaysRule
    | ExternalExpertsRule
    | InspectorRule
    | ReachRule
    | TeamRule
    | LiaisonRule
    | DeadlineRule
    | MethodsRule
    | ChecklistRule
    | MeasureRule
    | ProvisionRule
)

RULE_KINDS: dict[str, type[Rule]] = {
    cls.KIND: cls
    for cls in (
        ScopeRule,
        ScopeDefaultRule,
        VisitDaysRule,
        ExternalExpertsRule,
        InspectorRule,
        ReachRule,
        TeamRule,
        LiaisonRule,
        DeadlineRule,
        MethodsRule,
        ChecklistRule,
        MeasureRule,
        ProvisionRule,
    )
}
"""Every rule kind by the name used in files."""
