"""Check any plan against a policy: every broken rule with its citation, strength and a fix hint.

A mandatory rule broken is a **violation**; an in-principle (原则上) rule broken is a **warning**
unless a recorded :class:`~hospital_inspection.Waiver` with a justification covers it, when it is
**information**; an optional rule, or something worth knowing, is **information**.

    >>> import hospital_inspection as hi
    >>> data = hi.sample_data("weihai")
    >>> plan = hi.Plan(id="empty", policy="weihai-2024-2026", authority="weihai")
    >>> report = hi.check_plan(plan, "weihai-2024-2026", hospitals=data.hospitals,
    ...                        experts=data.experts, authorities=data.authorities)
    >>> report.ok, len(report.warnings) > 0
    (True, True)
"""

from hospital_inspection.compliance._checks import check_plan
from hospital_inspection.compliance._report import (
    ComplianceIssue,
    ComplianceLevel,
    ComplianceReport,
)

__all__ = ["ComplianceIssue", "ComplianceLevel", "ComplianceReport", "check_plan"]
