"""China's large-hospital inspection rules (大型医院巡查) as typed models and cited rules.

    >>> import hospital_inspection as hi
    >>> hi.Level.parse("三级") is hi.Level.TERTIARY
    True

The public names are re-exported here; ``hi.testing`` (Hypothesis strategies, extra ``testing``)
is imported on first use.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from hospital_inspection.arrangements import YearArrangement, load_year_arrangement
from hospital_inspection.authorities import Authority, AuthorityTree
from hospital_inspection.calendars import CalendarDays, ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.compliance import (
    ComplianceIssue,
    ComplianceLevel,
    ComplianceReport,
    check_plan,
)
from hospital_inspection.convert import converter, from_json, structure, to_json, unstructure
from hospital_inspection.deadlines import Deadline
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
    parse_rating,
)
from hospital_inspection.errors import (
    AmbiguousDateError,
    CalendarCoverageError,
    DataError,
    InfeasibleScheduleError,
    InspectionError,
    LedgerFileError,
    MissingExtraError,
    PolicyError,
    RuleNotInPolicy,
)
from hospital_inspection.findings import (
    DueDate,
    Finding,
    ItemStatus,
    Measure,
    RectificationItem,
    Severity,
    StatusChange,
)
from hospital_inspection.followup_policy import MeasureSource, PolicyLike
from hospital_inspection.hospitals import Hospital
from hospital_inspection.ledger import (
    FollowUpCandidate,
    Ledger,
    LedgerSnapshot,
    OverdueItem,
    ReportDue,
    UpcomingDeadline,
)
from hospital_inspection.ledger_export import ledger_rows, write_ledger_csv, write_ledger_xlsx
from hospital_inspection.ledger_store import LedgerStore
from hospital_inspection.people import Expert
from hospital_inspection.periods import (
    Rounding,
    add_months,
    before,
    by_month_end,
    days_period_end,
    month_end,
    on_or_before,
    period_end,
)
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
from hospital_inspection.samples import SampleData, available_samples, sample_data
from hospital_inspection.scheduling import (
    HospitalJoins,
    HospitalMoves,
    PersonUnavailable,
    ScheduleRequest,
    ScheduleResult,
    ScheduleStats,
    VisitCancelled,
    VisitRequirement,
    reschedule,
    schedule,
    schedule_request,
)
from hospital_inspection.schema import json_schema
from hospital_inspection.visits import Member, Plan, ReportSubmission, Visit, Waiver

if TYPE_CHECKING:
    from hospital_inspection import testing

__version__ = "0.1.0.dev0"

__all__ = [
    "AmbiguousDateError",
    "Authority",
    "AuthorityLevel",
    "AuthorityTree",
    "CalendarCoverageError",
    "CalendarDays",
    "Category",
    "ChinaOfficialCalendar",
    "Citation",
    "ComplianceIssue",
    "ComplianceLevel",
    "ComplianceReport",
    "DataError",
    "DayUnit",
    "Deadline",
    "Decision",
    "DueDate",
    "Expert",
    "Finding",
    "FollowUpCandidate",
    "Grade",
    "Hospital",
    "HospitalJoins",
    "HospitalMoves",
    "InfeasibleScheduleError",
    "InspectionError",
    "ItemStatus",
    "Ledger",
    "LedgerFileError",
    "LedgerSnapshot",
    "LedgerStore",
    "Level",
    "LintIssue",
    "Measure",
    "MeasureSource",
    "Member",
    "MissingExtraError",
    "OverdueItem",
    "Ownership",
    "PersonUnavailable",
    "Plan",
    "Policy",
    "PolicyError",
    "PolicyLike",
    "Reading",
    "RectificationItem",
    "ReportDue",
    "ReportSubmission",
    "Role",
    "Rounding",
    "RuleDiff",
    "RuleNotInPolicy",
    "SampleData",
    "ScheduleRequest",
    "ScheduleResult",
    "ScheduleStats",
    "ScopeStatus",
    "Severity",
    "StatusChange",
    "Strength",
    "UpcomingDeadline",
    "Visit",
    "VisitCancelled",
    "VisitKind",
    "VisitMode",
    "VisitRequirement",
    "Waiver",
    "WorkCalendar",
    "YearArrangement",
    "add_months",
    "available_policies",
    "available_samples",
    "before",
    "by_month_end",
    "check_plan",
    "converter",
    "days_period_end",
    "diff_policies",
    "from_json",
    "json_schema",
    "ledger_rows",
    "lint_policy",
    "load_policy",
    "load_year_arrangement",
    "month_end",
    "on_or_before",
    "parse_rating",
    "period_end",
    "reschedule",
    "sample_data",
    "schedule",
    "schedule_request",
    "structure",
    "testing",
    "to_json",
    "unstructure",
    "write_ledger_csv",
    "write_ledger_xlsx",
]

_LAZY_MODULES = frozenset({"testing"})


def __getattr__(name: str) -> ModuleType:
    if name in _LAZY_MODULES:
        module = importlib.import_module(f"hospital_inspection.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'hospital_inspection' has no attribute {name!r}")
