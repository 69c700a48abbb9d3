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
from hospital_inspection.convert import _NestedError as NestedError
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    LabeledEnum,
    Level,
    MeasureOpening,
    MeasureScope,
    Ownership,
    Party,
    Role,
    ScopeStatus,
    Strength,
    VisitKind,
)
from hospital_inspection.policy._schema import Cells, Citation, DayUnit

__all__ = [
    "EVENTS",
    "FINDING_TRIGGERS",
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
    "UnencodedRule",
    "VisitDaysRule",
]

_REGULAR = frozenset({VisitKind.REGULAR})

EVENTS: dict[str, str] = {
    "round_complete": "本轮巡查完成 (the round is complete)",
    "first_on_site_day": "现场巡查进驻 (the team's first day on site)",
    "last_on_site_day": "现场巡查结束 (the team's last day on site)",
    "self_inspection": "医院自查 (the hospital's self-inspection)",
    "self_inspection_report": "自查报告 (the self-inspection report reaches the team)",
    "written_feedback": "书面反馈巡查意见 (the team's written feedback to the hospital)",
    "feedback_received": "收到反馈意见 (the hospital receives the feedback)",
    "rectification_report": "整改报告 (the hospital's rectification report)",
    "district_annual_report": "年度巡查工作报告/总结 (a local authority's yearly report)",
    "district_cycle_report": "本轮/本周期巡查工作报告 (a local authority's report on the round)",
}
"""The plan events the engine and the checker know, by the name used in policy files.

Deadline rules name what must happen (``event``) and what it counts from (``trigger``) or must
precede (``before``) with these names; :func:`~hospital_inspection.lint_policy` reports any other
name with the nearest known one. A visit's own days are ``first_on_site_day`` and
``last_on_site_day``; the checker reads ``self_inspection_report`` (and ``self_inspection``) from
``Visit.self_report_date`` and ``written_feedback`` from ``Visit.feedback_date``.
"""

FINDING_TRIGGERS: dict[str, str] = {
    "rectification_required": "问题需整改 (a finding to be rectified)",
    "violation_clue": "违纪违法问题线索 (a clue of a violation)",
    "risk_or_complaint": "风险评估、投诉举报 (risk assessment, complaints or tips)",
    "exemplary_practice": "好的经验做法 (exemplary practice)",
    "leadership_mismanagement": "领导班子管理不善、严重失职 (leadership mismanagement)",
    "serious_problems": "问题较多、整改不到位 (many problems, rectification not in place)",
    "serious_impact": "问题严重、造成不良社会影响 (serious problems with bad social impact)",
}
"""The finding triggers that measure rules answer, by the name used in policy files."""


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
    """Hospitals in ``when`` get ``outcome`` (纳入 / 参照执行 / 不纳入).

    ``administered_by``: only hospitals whose administering authority (主管部门) is of one of these
    levels (市属: ``["city"]``); empty: any. A policy with such a rule answers
    ``policy.scope(h, authorities=tree)``.
    """

    KIND: ClassVar[str] = "scope"
    when: Cells
    outcome: ScopeStatus
    administered_by: frozenset[AuthorityLevel] = frozenset()

    def matches(
        self, cell: tuple[Level, Category, Ownership], admin_level: AuthorityLevel | None
    ) -> bool:
        """Whether the rule covers a hospital of ``cell`` administered at ``admin_level``."""
        if self.administered_by and admin_level not in self.administered_by:
            return False
        return self.when.matches(*cell)


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
            raise v.fail(self, "inspector_level", "required when inspected_by = at_level")

    @property
    def specific(self) -> bool:
        """Whether the rule names who it applies to (tried before a catch-all rule)."""
        return bool(self.administered_by) or self.when is not None

    def matches(
        self, admin_level: AuthorityLevel | None, cell: tuple[Level, Category, Ownership]
    ) -> bool:
        """Whether the rule applies to a hospital of ``cell`` administered at ``admin_level``."""
        if self.administered_by and admin_level not in self.administered_by:
            return False
        return self.when is None or self.when.matches(*cell)


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
            raise v.fail(self, "max", f"{self.max} is below min {self.min}")

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
            raise v.fail(self, "size_max", f"{self.size_max} is below size_min {self.size_min}")

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


class DeadlineKind(LabeledEnum):
    """The form of a deadline."""

    FIXED = "fixed", "限定日期", "on or before a date"
    RELATIVE = "relative", "期限", "a period after a trigger"
    BEFORE_EVENT = "before_event", "事前", "before an event"
    YEARLY = "yearly", "每年", "each year of the round"

    @classmethod
    def noun(cls) -> str:
        """The name used in messages: the ``form`` of a deadline rule."""
        return "deadline form"


@attrs.frozen(kw_only=True)
class DeadlineRule(_Base):
    """A deadline: a fixed date, a period after a trigger, "before" another event, or yearly.

    Attributes:
        event: what must happen (``"round_complete"``, ``"rectification_report"``...).
        description: the deadline in words.
        form: fixed / relative / before_event.
        due: the date (fixed).
        inclusive: the due date itself is allowed ("on or before").
        months: the period in months (relative), counted per 民法典 Art. 201-202.
        days: the period in days (relative: ``N日内``/``N个工作日内`` after the trigger; before
            an event: ``N个工作日前``), counted from the day after the trigger (Art. 201).
        day_unit: ``working`` or ``calendar`` for ``days``.
        trigger: the triggering event (relative).
        roll_forward: default for moving a last day that is a rest day (民法典 Art. 203).
        roll_forward_reason: why that default.
        before: the event it must precede (before_event).
        strict: ``before`` must be strictly earlier (not the same day); with ``days`` the last
            allowed day is the ``days``-th (working) day before the event.
        month, day: the date each year (yearly: 每年11月30日前 is ``month = 11, day = 30``).
        round: the id of the round whose years a yearly deadline runs over (default: the
            policy's first round of the rule's visit kinds).
        in_last_year: whether a yearly deadline is owed in the round's last year too (a reading
            the policy states in an interpretation).
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
    days: int | None = None
    day_unit: DayUnit | None = None
    trigger: str | None = None
    roll_forward: bool | None = None
    roll_forward_reason: str | None = None
    before: str | None = None
    strict: bool = True
    month: int | None = None
    day: int | None = None
    round: str | None = None
    in_last_year: bool = True
    submitted_by: frozenset[AuthorityLevel] = frozenset()
    owed_by: Party | None = None
    received_by: Party | None = None

    def __attrs_post_init__(self) -> None:
        problems = self.problems()
        if len(problems) == 1:
            raise v.FieldError(problems[0][0], problems[0][1], owner=type(self).__name__)
        if problems:  # every problem of the rule at once, each under its own key
            raise NestedError([(f".{name}", v.FieldError(None, what)) for name, what in problems])

    def problems(self) -> list[tuple[str, str]]:
        """Every missing or contradictory field as ``(field, what is wrong)``, all at once."""
        needs = {
            DeadlineKind.FIXED: ("due",),
            DeadlineKind.RELATIVE: ("trigger", "roll_forward", "roll_forward_reason"),
            DeadlineKind.BEFORE_EVENT: ("before",),
            DeadlineKind.YEARLY: ("month", "day"),
        }[self.form]
        found = [
            (name, f"required for a {self.form.code} deadline")
            for name in needs
            if getattr(self, name) is None
        ]
        if self.form is DeadlineKind.RELATIVE and (self.months is None) == (self.days is None):
            found.append(("months", "a relative deadline needs exactly one of months or days"))
        for name in ("months", "days"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int or value < 1):
                found.append((name, f"{value!r} is not a whole number >= 1"))
        if self.days is not None and self.day_unit is None:
            found.append(("day_unit", "required with days: working or calendar"))
        if self.form is DeadlineKind.YEARLY and self.month is not None and self.day is not None:
            try:
                dt.date(2024, self.month, self.day)  # a leap year: 2-29 allowed
            except (TypeError, ValueError):
                found.append(("day", f"{self.month}-{self.day} is not a day of the year"))
        return found

    @property
    def last_day(self) -> dt.date | None:
        """The last allowed day of a fixed deadline (the day before ``due`` when exclusive)."""
        if self.due is None:
            return None
        return self.due if self.inclusive else self.due - dt.timedelta(days=1)

    @property
    def period_words(self) -> str:
        """The period in words, e.g. ``"2 month(s)"`` or ``"15 working day(s)"``."""
        if self.months is not None:
            return f"{self.months} month(s)"
        unit = self.day_unit.code if self.day_unit is not None else "calendar"
        return f"{self.days} {unit} day(s)"

    def __str__(self) -> str:
        if self.form is DeadlineKind.FIXED:
            return f"{self.event} on or before {self.last_day}"
        if self.form is DeadlineKind.RELATIVE:
            return f"{self.event} within {self.period_words} after {self.trigger}"
        if self.form is DeadlineKind.YEARLY:
            last = "" if self.in_last_year else " (not in the round's last year)"
            return f"{self.event} on or before {self.month}-{self.day} each year{last}"
        if self.days is not None:
            return f"{self.event} at least {self.period_words} before {self.before}"
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

    ``applies_to`` absent: every hospital; a list of categories (``["tcm"]``): only those; a
    table of cells (``{ ownerships = ["private"] }``, with ``levels``, ``categories`` and
    ``ownerships`` as in a scope rule's ``when``): only hospitals in those cells.
    """

    id: str = attrs.field(validator=v.non_empty_str)
    clause: str = attrs.field(validator=v.non_empty_str)
    text: str = attrs.field(validator=v.non_empty_str)
    section: str | None = None
    applies_to: Cells | None = None
    document: str = ""

    @property
    def citation(self) -> Citation:
        """The item as a citation."""
        return Citation(document=self.document, clause=self.clause, text=self.text)

    def applies(
        self, category: Category, level: Level | None = None, ownership: Ownership | None = None
    ) -> bool:
        """True when the item applies to a hospital of ``category`` (and ``level``, ``ownership``).

        An axis not given is not looked at: ``applies(Category.GENERAL)`` is true for an item
        meant only for 社会办 hospitals of any category.
        """
        cells = self.applies_to
        if cells is None:
            return True
        return (
            (cells.categories is None or category in cells.categories)
            and (level is None or cells.levels is None or level in cells.levels)
            and (ownership is None or cells.ownerships is None or ownership in cells.ownerships)
        )

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


@attrs.frozen(kw_only=True)
class UnencodedRule(_Base):
    """A clause a draft has not encoded yet (``policy init`` writes one per clause it cannot read).

    The engine ignores it; :func:`~hospital_inspection.lint_policy` reports each as an error, so
    a draft is finished only when none is left.
    """

    KIND: ClassVar[str] = "unencoded"
    reason: str = attrs.field(validator=v.non_empty_str)


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
    | UnencodedRule
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
        UnencodedRule,
    )
}
"""Every rule kind by the name used in files."""
