"""China's large-hospital inspection rules (大型医院巡查) as typed models and cited rules.

    >>> import hospital_inspection as hi
    >>> hi.Level.parse("三级") is hi.Level.TERTIARY
    True

The public names are re-exported here. Only the errors, the enumerations and ``json_schema`` are
imported with the package; every other name loads its module on first use (PEP 562), so
``import hospital_inspection`` stays fast and never loads a front end (``hi.exports``,
``hi.display``, the command line) or an optional package. ``hi.testing`` (Hypothesis strategies,
extra ``testing``) is imported on first use too.
"""

from __future__ import annotations

import importlib as _importlib
from typing import TYPE_CHECKING
from typing import Any as _Any

from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    Grade,
    Level,
    MeasureOpening,
    MeasureScope,
    Ownership,
    Party,
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
    ConflictError,
    DataError,
    FieldError,
    InfeasibleScheduleError,
    InspectionError,
    LedgerBusyError,
    LedgerFileError,
    MissingExtraError,
    ModelError,
    PolicyError,
    RuleNotInPolicy,
)
from hospital_inspection.json_schema import json_schema

if TYPE_CHECKING:
    from hospital_inspection import display as display
    from hospital_inspection import exports as exports
    from hospital_inspection import testing
    from hospital_inspection.compliance import (
        ComplianceIssue,
        ComplianceLevel,
        ComplianceReport,
        check_plan,
    )
    from hospital_inspection.convert import (
        from_json,
        make_converter,
        structure,
        to_json,
        unstructure,
    )
    from hospital_inspection.dates.arrangements import YearArrangement, load_year_arrangement
    from hospital_inspection.dates.calendars import (
        CalendarDays,
        ChinaOfficialCalendar,
        WorkCalendar,
    )
    from hospital_inspection.dates.deadlines import Deadline
    from hospital_inspection.dates.periods import (
        Rounding,
        add_months,
        before,
        by_month_end,
        days_period_end,
        month_end,
        on_or_before,
        period_end,
    )
    from hospital_inspection.exports.csv import write_ledger_csv
    from hospital_inspection.exports.xlsx import write_ledger_xlsx
    from hospital_inspection.followup.briefing import Briefing, Problem, ProblemSource
    from hospital_inspection.followup.findings import (
        DueDate,
        Finding,
        ItemStatus,
        Measure,
        RectificationItem,
        Severity,
        StatusChange,
    )
    from hospital_inspection.followup.ledger import (
        FollowUpCandidate,
        Ledger,
        LedgerSnapshot,
        OverdueItem,
        ReportDue,
        UpcomingDeadline,
    )
    from hospital_inspection.followup.port import MeasureSource, PolicyLike
    from hospital_inspection.followup.table import ledger_rows
    from hospital_inspection.loaders import detect_encoding, read_experts, read_hospitals
    from hospital_inspection.model.authorities import Authority, AuthorityTree
    from hospital_inspection.model.hospitals import Hospital
    from hospital_inspection.model.names import Names
    from hospital_inspection.model.people import Expert
    from hospital_inspection.model.visits import Member, Plan, ReportSubmission, Visit, Waiver
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
        ScheduleRequest,
        ScheduleResult,
        ScheduleStats,
        VisitRequirement,
        schedule,
        schedule_request,
    )
    from hospital_inspection.scheduling.notes import schedule_notes

__version__: str  # the installed distribution's version, read on first use (importlib.metadata)

__all__ = [
    "AmbiguousDateError",
    "Authority",
    "AuthorityLevel",
    "AuthorityTree",
    "Briefing",
    "CalendarCoverageError",
    "CalendarDays",
    "Category",
    "ChinaOfficialCalendar",
    "Citation",
    "ComplianceIssue",
    "ComplianceLevel",
    "ComplianceReport",
    "ConflictError",
    "DataError",
    "DayUnit",
    "Deadline",
    "Decision",
    "DueDate",
    "Expert",
    "FieldError",
    "Finding",
    "FollowUpCandidate",
    "Grade",
    "Hospital",
    "InfeasibleScheduleError",
    "InspectionError",
    "ItemStatus",
    "Ledger",
    "LedgerBusyError",
    "LedgerFileError",
    "LedgerSnapshot",
    "Level",
    "LintIssue",
    "Measure",
    "MeasureOpening",
    "MeasureScope",
    "MeasureSource",
    "Member",
    "MissingExtraError",
    "ModelError",
    "Names",
    "OverdueItem",
    "Ownership",
    "Party",
    "Plan",
    "Policy",
    "PolicyError",
    "PolicyLike",
    "Problem",
    "ProblemSource",
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
    "days_period_end",
    "detect_encoding",
    "diff_policies",
    "from_json",
    "json_schema",
    "ledger_rows",
    "lint_policy",
    "load_policy",
    "load_year_arrangement",
    "make_converter",
    "month_end",
    "on_or_before",
    "parse_rating",
    "period_end",
    "read_experts",
    "read_hospitals",
    "sample_data",
    "schedule",
    "schedule_notes",
    "schedule_request",
    "structure",
    "testing",
    "to_json",
    "unstructure",
    "write_ledger_csv",
    "write_ledger_xlsx",
]

#: Where each lazily loaded public name lives.
_LAZY: dict[str, str] = {
    "ComplianceIssue": "hospital_inspection.compliance",
    "ComplianceLevel": "hospital_inspection.compliance",
    "ComplianceReport": "hospital_inspection.compliance",
    "check_plan": "hospital_inspection.compliance",
    "from_json": "hospital_inspection.convert",
    "make_converter": "hospital_inspection.convert",
    "structure": "hospital_inspection.convert",
    "to_json": "hospital_inspection.convert",
    "unstructure": "hospital_inspection.convert",
    "YearArrangement": "hospital_inspection.dates.arrangements",
    "load_year_arrangement": "hospital_inspection.dates.arrangements",
    "CalendarDays": "hospital_inspection.dates.calendars",
    "ChinaOfficialCalendar": "hospital_inspection.dates.calendars",
    "WorkCalendar": "hospital_inspection.dates.calendars",
    "Deadline": "hospital_inspection.dates.deadlines",
    "Rounding": "hospital_inspection.dates.periods",
    "add_months": "hospital_inspection.dates.periods",
    "before": "hospital_inspection.dates.periods",
    "by_month_end": "hospital_inspection.dates.periods",
    "days_period_end": "hospital_inspection.dates.periods",
    "month_end": "hospital_inspection.dates.periods",
    "on_or_before": "hospital_inspection.dates.periods",
    "period_end": "hospital_inspection.dates.periods",
    "write_ledger_csv": "hospital_inspection.exports.csv",
    "write_ledger_xlsx": "hospital_inspection.exports.xlsx",
    "Briefing": "hospital_inspection.followup.briefing",
    "Problem": "hospital_inspection.followup.briefing",
    "ProblemSource": "hospital_inspection.followup.briefing",
    "DueDate": "hospital_inspection.followup.findings",
    "Finding": "hospital_inspection.followup.findings",
    "ItemStatus": "hospital_inspection.followup.findings",
    "Measure": "hospital_inspection.followup.findings",
    "RectificationItem": "hospital_inspection.followup.findings",
    "Severity": "hospital_inspection.followup.findings",
    "StatusChange": "hospital_inspection.followup.findings",
    "FollowUpCandidate": "hospital_inspection.followup.ledger",
    "Ledger": "hospital_inspection.followup.ledger",
    "LedgerSnapshot": "hospital_inspection.followup.ledger",
    "OverdueItem": "hospital_inspection.followup.ledger",
    "ReportDue": "hospital_inspection.followup.ledger",
    "UpcomingDeadline": "hospital_inspection.followup.ledger",
    "MeasureSource": "hospital_inspection.followup.port",
    "PolicyLike": "hospital_inspection.followup.port",
    "ledger_rows": "hospital_inspection.followup.table",
    "Authority": "hospital_inspection.model.authorities",
    "AuthorityTree": "hospital_inspection.model.authorities",
    "Hospital": "hospital_inspection.model.hospitals",
    "Names": "hospital_inspection.model.names",
    "Expert": "hospital_inspection.model.people",
    "Member": "hospital_inspection.model.visits",
    "Plan": "hospital_inspection.model.visits",
    "ReportSubmission": "hospital_inspection.model.visits",
    "Visit": "hospital_inspection.model.visits",
    "Waiver": "hospital_inspection.model.visits",
    "Citation": "hospital_inspection.policy",
    "DayUnit": "hospital_inspection.policy",
    "Decision": "hospital_inspection.policy",
    "LintIssue": "hospital_inspection.policy",
    "Policy": "hospital_inspection.policy",
    "Reading": "hospital_inspection.policy",
    "RuleDiff": "hospital_inspection.policy",
    "available_policies": "hospital_inspection.policy",
    "diff_policies": "hospital_inspection.policy",
    "lint_policy": "hospital_inspection.policy",
    "load_policy": "hospital_inspection.policy",
    "SampleData": "hospital_inspection.samples",
    "available_samples": "hospital_inspection.samples",
    "sample_data": "hospital_inspection.samples",
    "detect_encoding": "hospital_inspection.loaders",
    "schedule_notes": "hospital_inspection.scheduling.notes",
    "read_experts": "hospital_inspection.loaders",
    "read_hospitals": "hospital_inspection.loaders",
    "ScheduleRequest": "hospital_inspection.scheduling",
    "ScheduleResult": "hospital_inspection.scheduling",
    "ScheduleStats": "hospital_inspection.scheduling",
    "VisitRequirement": "hospital_inspection.scheduling",
    "schedule": "hospital_inspection.scheduling",
    "schedule_request": "hospital_inspection.scheduling",
}
_LAZY_MODULES = frozenset({"display", "exports", "testing"})


def __getattr__(name: str) -> _Any:
    if name == "__version__":
        from hospital_inspection._extras import package_version

        value: _Any = package_version()
    elif name in _LAZY:
        value = getattr(_importlib.import_module(_LAZY[name]), name)
    elif name in _LAZY_MODULES:
        value = _importlib.import_module(f"hospital_inspection.{name}")
    else:
        raise AttributeError(f"module 'hospital_inspection' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
