"""Policies: one TOML file per document, loaded into cited, computable rules.

The engine knows kinds of rules (scope, visit days, team composition, deadlines, methods,
checklists, measures); each policy file says which rules its document has, with citations, strengths
and the readings taken where the words are ambiguous::

    >>> import hospital_inspection as hi
    >>> policy = hi.load_policy("weihai-2024-2026")
    >>> policy.min_external_experts(10).value
    3
"""

from hospital_inspection.policy._decisions import Decision, decisions_table
from hospital_inspection.policy._diff import RuleDiff, diff_policies
from hospital_inspection.policy._draft import Draft, draft_policy
from hospital_inspection.policy._lint import LintIssue, lint_policy
from hospital_inspection.policy._loader import available_policies, load_policy
from hospital_inspection.policy._policy import Policy
from hospital_inspection.policy._rules import (
    EVENTS,
    FINDING_TRIGGERS,
    ChecklistItem,
    ChecklistSection,
    DeadlineKind,
    DeadlineRule,
    ExternalExpertsRule,
    LiaisonRole,
    MeasureRule,
    Method,
    ProvisionRule,
    Rule,
    ShareBase,
    TeamSlot,
    TeamSpec,
)
from hospital_inspection.policy._schema import (
    Cells,
    Choice,
    Citation,
    DayUnit,
    Interpretation,
    PolicyMeta,
    Reading,
    Round,
)

__all__ = [
    "EVENTS",
    "FINDING_TRIGGERS",
    "Cells",
    "ChecklistItem",
    "ChecklistSection",
    "Choice",
    "Citation",
    "DayUnit",
    "DeadlineKind",
    "DeadlineRule",
    "Decision",
    "Draft",
    "ExternalExpertsRule",
    "Interpretation",
    "LiaisonRole",
    "LintIssue",
    "MeasureRule",
    "Method",
    "Policy",
    "PolicyMeta",
    "ProvisionRule",
    "Reading",
    "Round",
    "Rule",
    "RuleDiff",
    "ShareBase",
    "TeamSlot",
    "TeamSpec",
    "available_policies",
    "decisions_table",
    "diff_policies",
    "draft_policy",
    "lint_policy",
    "load_policy",
]
