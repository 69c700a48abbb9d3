"""The rule kinds the engine knows (private).

A policy file says which rules a document has; this module says what each *kind* of rule is. Every
rule carries its id, strength, citation and the visit kinds it governs; the other fields are the
kind's parameters. No policy fact is written here: the numbers, dates and words are in the TOML.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    Level,
    Ownership,
    ScopeStatus,
)
from hospital_inspection.policy._rules_base import (  # noqa: F401 (importable from here, as before)
    _REGULAR,
    _Base,
    _non_negative,
    _positive,
)
from hospital_inspection.policy._rules_checklist import (
    ChecklistItem,
    ChecklistRule,
    ChecklistSection,
    MeasureRule,
    Method,
    MethodsRule,
    ProvisionRule,
)
from hospital_inspection.policy._rules_deadlines import DeadlineKind, DeadlineRule
from hospital_inspection.policy._rules_team import (  # noqa: F401 (importable from here, as before)
    ExternalExpertsRule,
    InspectorBasis,
    InspectorRule,
    LiaisonRole,
    LiaisonRule,
    ReachRule,
    ShareBase,
    TeamRule,
    TeamSlot,
    TeamSpec,
    _fraction,
)
from hospital_inspection.policy._schema import Cells, DayUnit, in_filter

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
        return in_filter(self.when, self.administered_by, *cell, admin_level)


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
