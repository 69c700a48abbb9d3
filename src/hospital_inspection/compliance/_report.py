"""Compliance reports: levels, issues and the report (private; see the package)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from hospital_inspection import _validate as v
from hospital_inspection import _views
from hospital_inspection._table import render_table
from hospital_inspection.citations import Citation
from hospital_inspection.enums import LabeledEnum, Strength

__all__ = ["ComplianceIssue", "ComplianceLevel", "ComplianceReport"]


class ComplianceLevel(LabeledEnum):
    """How much a compliance issue matters."""

    VIOLATION = "violation", "违规"
    WARNING = "warning", "警示"
    INFO = "info", "提示"


_LEVEL_ORDER = {s: i for i, s in enumerate(ComplianceLevel)}


@attrs.frozen(kw_only=True)
class ComplianceIssue:
    """One thing a compliance check found.

    Attributes:
        check: stable code of the check (``"visit_too_short"``, ``"external_share"``...).
        severity: violation, warning or information.
        message: what is wrong, in one line.
        hint: how to fix it, in one line.
        rule: id of the policy rule broken, or ``None`` for checks the policy does not state
            (double-booking, 回避), which the message says.
        citation: the clause the rule rests on.
        strength: the rule's strength.
        hospital: the hospital concerned.
        visit: the visit concerned.
        person: the person concerned.
        waiver: the justification of the waiver that covers the issue, if any.
        authority: the authority concerned (e.g. one that owes a report), if any.
    """

    check: str = attrs.field(validator=v.non_empty_str)
    severity: ComplianceLevel
    message: str
    hint: str
    rule: str | None = None
    citation: Citation | None = None
    strength: Strength | None = None
    hospital: str | None = None
    visit: str | None = None
    person: str | None = None
    waiver: str | None = None
    authority: str | None = None

    def __str__(self) -> str:
        where = " ".join(
            f"{k}={x}"
            for k, x in (
                ("visit", self.visit),
                ("hospital", self.hospital),
                ("authority", self.authority),
                ("person", self.person),
            )
            if x
        )
        cite = f" — {self.citation.document} {self.citation.clause}" if self.citation else ""
        head = f"[{self.severity.label} {self.severity.code}] {self.check} {where}"
        return f"{head}: {self.message}{cite}"

    def sort_key(self) -> tuple[int, str, str, str, str, str, str]:
        """Stable order: severity, then hospital, authority, visit, check, person, message."""
        return (
            _LEVEL_ORDER[self.severity],
            self.hospital or "",
            self.authority or "",
            self.visit or "",
            self.check,
            self.person or "",
            self.message,
        )


@attrs.frozen(kw_only=True)
class ComplianceReport:
    """The result of :func:`check_plan`: issues in a stable order.

    Attributes:
        plan: id of the plan checked.
        policy: id of the policy it was checked against.
        as_of: the date the check was made for (``None``: no date-dependent checks).
        issues: every issue, most severe first.
    """

    plan: str
    policy: str
    as_of: dt.date | None
    issues: tuple[ComplianceIssue, ...]

    @property
    def violations(self) -> tuple[ComplianceIssue, ...]:
        """Mandatory rules broken."""
        return tuple(i for i in self.issues if i.severity is ComplianceLevel.VIOLATION)

    @property
    def warnings(self) -> tuple[ComplianceIssue, ...]:
        """In-principle rules broken with no waiver."""
        return tuple(i for i in self.issues if i.severity is ComplianceLevel.WARNING)

    @property
    def information(self) -> tuple[ComplianceIssue, ...]:
        """Things worth knowing (waived deviations, optional rules, visits out of scope)."""
        return tuple(i for i in self.issues if i.severity is ComplianceLevel.INFO)

    @property
    def ok(self) -> bool:
        """True when there is no violation."""
        return not self.violations

    def summary(self) -> str:
        """One line: counts by severity."""
        verdict = "OK" if self.ok else "NOT COMPLIANT"
        return (
            f"plan {self.plan} under {self.policy}: {verdict} — "
            f"{len(self.violations)} violation(s), {len(self.warnings)} warning(s), "
            f"{len(self.information)} information"
        )

    def rows(self) -> list[list[str]]:
        """The issues as table rows (see :meth:`render`)."""
        return [
            [
                f"{i.severity.label} {i.severity.code}",
                i.check,
                i.hospital or i.authority or "",
                i.visit or "",
                i.person or "",
                i.message,
                f"{i.citation.document} {i.citation.clause}" if i.citation else "",
                i.hint,
            ]
            for i in self.issues
        ]

    HEADERS = (
        "级别 severity",
        "检查 check",
        "医院/单位",
        "巡查",
        "人员",
        "问题",
        "依据",
        "建议 hint",
    )

    def render(self) -> str:
        """The report as a readable text table, with the summary line first."""
        if not self.issues:
            return self.summary()
        return self.summary() + "\n\n" + render_table(self.HEADERS, self.rows())

    def __str__(self) -> str:
        return self.render()

    def _repr_html_(self) -> str:
        """The report in a notebook: see :func:`hospital_inspection.display.report_html`."""
        html: str = _views.html(self)
        return html

    def to_frame(self) -> Any:
        """The issues as a pandas DataFrame, one row per issue (extra ``pandas``).

        See :func:`hospital_inspection.exports.frames.report_to_frame` for the columns.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        return _views.frame(self)
