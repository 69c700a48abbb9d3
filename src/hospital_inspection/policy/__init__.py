"""Policies: one TOML file per document, loaded into cited, computable rules.

The engine knows kinds of rules (scope, visit days, team composition, deadlines, methods,
checklists, measures); each policy file says which rules its document has, with citations, strengths
and the readings taken where the words are ambiguous::

    >>> import hospital_inspection as hi
    >>> policy = hi.load_policy("weihai-2024-2026")
    >>> policy.min_external_experts(10).value
    3
"""

from hospital_inspection.policy._decisions import DECISION_HEADERS, Decision, decisions_table
from hospital_inspection.policy._diff import RuleDiff, diff_policies
from hospital_inspection.policy._lint import LintIssue, lint_policy
from hospital_inspection.policy._loader import available_policies, load_policy
from hospital_inspection.policy._policy import Policy
from hospital_inspection.policy._rules import (
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
    "Cells",
    "ChecklistItem",
    "ChecklistSection",
    "Choice",
    "Citation",
    "DECISION_HEADERS",
    "DayUnit",
    "DeadlineKind",
    "DeadlineRule",
    "Decision",
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
    "lint_policy",
    "load_policy",
]
