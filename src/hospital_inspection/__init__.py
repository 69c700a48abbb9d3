"""China's large-hospital inspection rules (大型医院巡查) as typed models and cited rules."""

from hospital_inspection.authorities import Authority, AuthorityTree
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    Grade,
    Level,
    Ownership,
    Role,
    ScopeStatus,
    Strength,
    VisitKind,
    VisitMode,
)
from hospital_inspection.errors import DataError, InspectionError, PolicyError, RuleNotInPolicy
from hospital_inspection.hospitals import Hospital
from hospital_inspection.people import Expert
from hospital_inspection.policy import (
    Citation,
    DayUnit,
    Decision,
    LintIssue,
    Policy,
    Reading,
    RuleDiff,
    available_policies,
    diff_policies,
    lint_policy,
    load_policy,
)

__all__ = [
    "Authority",
    "AuthorityLevel",
    "AuthorityTree",
    "Category",
    "Citation",
    "DataError",
    "DayUnit",
    "Decision",
    "Expert",
    "Grade",
    "Hospital",
    "InspectionError",
    "Level",
    "LintIssue",
    "Ownership",
    "Policy",
    "PolicyError",
    "Reading",
    "Role",
    "RuleDiff",
    "RuleNotInPolicy",
    "ScopeStatus",
    "Strength",
    "VisitKind",
    "VisitMode",
    "available_policies",
    "diff_policies",
    "lint_policy",
    "load_policy",
]
