"""The compliance checks and :func:`check_plan` (private; see the package)."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable

from hospital_inspection._validate import require_date, require_items
from hospital_inspection.compliance._checks_base import _BY_STRENGTH as _BY_STRENGTH
from hospital_inspection.compliance._checks_base import T as T
from hospital_inspection.compliance._checks_base import msg as msg
from hospital_inspection.compliance._checks_base import waivable_hint
from hospital_inspection.compliance._checks_dates import _VISIT_EVENTS as _VISIT_EVENTS
from hospital_inspection.compliance._checks_dates import _chinese as _chinese
from hospital_inspection.compliance._checks_dates import _DatesMixin
from hospital_inspection.compliance._checks_dates import _period_unit as _period_unit
from hospital_inspection.compliance._checks_dates import _self_check as _self_check
from hospital_inspection.compliance._checks_dates import _visit_date as _visit_date
from hospital_inspection.compliance._checks_reports import _ReportsMixin
from hospital_inspection.compliance._checks_team import _TeamMixin
from hospital_inspection.compliance._report import (
    ComplianceIssue,
    ComplianceLevel,
    ComplianceReport,
)
from hospital_inspection.dates.calendars import WorkCalendar
from hospital_inspection.enums import ScopeStatus, VisitKind
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan, Visit
from hospital_inspection.policy import Decision, Policy, load_policy

__all__ = ["check_plan"]


class _Checker(_DatesMixin, _TeamMixin, _ReportsMixin):
    """One run of the checks (private): indexes the context once, then walks the visits."""

    # -- the checks -------------------------------------------------------------------------

    def run(self) -> list[ComplianceIssue]:
        self.check_coverage()
        for visit in self.plan.visits:
            h = self.hospitals[visit.hospital]
            self.check_scope(visit, h)
            self.check_jurisdiction(visit, h)
            self.check_duration(visit, h)
            self.check_deadlines(visit, h)
            self.check_team(visit, h)
            self.check_conflict_of_interest(visit, h)
        self.check_double_booking()
        self.check_reports()
        return sorted(self.issues, key=ComplianceIssue.sort_key)

    def _responsible(self, inspector: str) -> bool:
        owner = self.plan.authority
        return inspector == owner or (
            inspector in self.tree and self.tree.is_above(owner, inspector)
        )

    def check_coverage(self) -> None:
        """Every in-scope hospital the plan's authority is responsible for gets a regular visit."""
        visited = {x.hospital for x in self.plan.visits if x.kind is VisitKind.REGULAR}
        for h in sorted(self.hospitals.values(), key=lambda x: x.id):
            if h.id in visited:
                continue
            cell = self.cell[h.id]
            scope = self._decided(
                ("scope", VisitKind.REGULAR, cell),
                functools.partial(self.policy.scope, h, authorities=self.tree),
            )
            if scope is None or scope.value is not ScopeStatus.IN_SCOPE:
                continue
            inspector = self._inspector(h)
            if inspector is None or not self._responsible(inspector.value):
                continue
            self.add(
                "hospital_not_visited",
                msg(
                    N_("{hospital} ({rating} {category}) is in scope but has no regular visit"),
                    hospital=h.name,
                    rating=h.rating,
                    category=h.category.label,
                    inspector=inspector.value,
                    inspector_name=self._name(inspector.value),
                ),
                waivable_hint(
                    scope,
                    N_("add a visit by {inspector} before the round ends, or record a waiver"),
                    N_("add a visit by {inspector} before the round ends"),
                    hospital_id=h.id,
                ),
                scope,
                hospital=h.id,
            )

    def _inspector(self, h: Hospital) -> Decision[str] | None:
        return self._decided(
            ("inspector", self.cell[h.id]), lambda: self.policy.inspector(h, self.tree)
        )

    def check_scope(self, visit: Visit, h: Hospital) -> None:
        scope = self._decided(
            ("scope", visit.kind, self.cell[h.id]),
            lambda: self.policy.scope(h, kind=visit.kind, authorities=self.tree),
        )
        if scope is None or scope.value is ScopeStatus.IN_SCOPE:
            return
        self.add(
            "visit_out_of_scope",
            msg(
                N_("{hospital} is {scope} ({scope_code}) for a {kind}"),
                hospital=h.name,
                scope=scope.value.label,
                scope_code=scope.value.code,
                kind=visit.kind.label,
            ),
            msg(N_("nothing to fix if the visit is intended; the policy does not require it")),
            scope,
            severity=ComplianceLevel.INFO,
            hospital=h.id,
            visit=visit.id,
        )

    def check_jurisdiction(self, visit: Visit, h: Hospital) -> None:
        decided = self._decided(
            ("may_inspect", visit.authority, self.cell[h.id]),
            lambda: self.policy.may_inspect(visit.authority, h, self.tree),
        )
        if decided is None or decided.value:
            return
        expected = self._inspector(h)
        names = {"authority": visit.authority, "authority_name": self._name(visit.authority)}
        self.add(
            "no_jurisdiction",
            msg(
                N_("{authority} has no jurisdiction over {hospital}; {expected} does"),
                hospital=h.name,
                expected=expected.value,
                expected_name=self._name(expected.value),
                **names,
            )
            if expected is not None
            else msg(
                N_("{authority} has no jurisdiction over {hospital}"), hospital=h.name, **names
            ),
            msg(N_("give the visit to the authority the policy names")),
            decided,
            hospital=h.id,
            visit=visit.id,
        )


def check_plan(
    plan: Plan,
    policy: Policy | str,
    *,
    hospitals: Iterable[Hospital],
    experts: Iterable[Expert],
    authorities: Iterable[Authority] | AuthorityTree,
    calendar: WorkCalendar | None = None,
    as_of: dt.date | None = None,
) -> ComplianceReport:
    """Check ``plan`` against ``policy``.

    Args:
        plan: the plan to check.
        policy: a loaded policy or a policy id.
        hospitals: the hospitals (at least every hospital the plan visits; hospitals of the
            plan's authority that are in scope and have no visit are reported).
        experts: everyone on any team.
        authorities: the authority tree (or its nodes).
        calendar: the working-day calendar (default: China's official calendar, used only when
            the policy counts working days).
        as_of: the date of the check; enables checks of things that should have happened by then.

    Returns:
        A :class:`ComplianceReport`; ``report.ok`` is true when there is no violation.

    Raises:
        DataError: the plan names a hospital, authority or person not given, names another
            policy than ``policy``, or waives a rule ``policy`` does not have; two hospitals or
            two people share an id; an argument has the wrong type.
        CalendarCoverageError: a visit falls in a year the calendar has no data for.
    """
    if isinstance(policy, str):
        policy = load_policy(policy)
    hs, es = _inputs(plan, policy, hospitals, experts, calendar, as_of)
    tree = (
        authorities
        if isinstance(authorities, AuthorityTree)
        else AuthorityTree(require_items(authorities, Authority, "authorities"))
    )
    checker = _Checker(plan, policy, hs, es, tree, calendar, as_of)
    return ComplianceReport(
        plan=plan.id, policy=policy.id, as_of=as_of, issues=tuple(checker.run())
    )


def _inputs(
    plan: object,
    policy: object,
    hospitals: object,
    experts: object,
    calendar: object,
    as_of: object,
) -> tuple[tuple[Hospital, ...], tuple[Expert, ...]]:
    """Check the arguments of :func:`check_plan`; return the hospitals and experts as tuples."""
    if not isinstance(plan, Plan):
        raise DataError(Message(N_("plan: {value} is not a Plan"), {"value": repr(plan)}))
    if not isinstance(policy, Policy):
        raise DataError(
            Message(N_("policy: {value} is not a Policy or a policy id"), {"value": repr(policy)})
        )
    if as_of is not None:
        require_date(as_of, "as_of")
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise DataError(
            Message(
                N_("calendar: {value} is not a working-day calendar"), {"value": repr(calendar)}
            )
        )
    if plan.policy != policy.id:
        raise DataError(
            Message(
                N_(
                    "plan.policy: the plan {plan} was made under {made_under}, not {policy}; "
                    "check it against {made_under} or re-plan under {policy}"
                ),
                {
                    "plan": repr(plan.id),
                    "made_under": repr(plan.policy),
                    "policy": repr(policy.id),
                },
            )
        )
    for i, waiver in enumerate(plan.waivers):
        if waiver.rule not in policy.rules:
            raise DataError(
                Message(
                    N_(
                        "plan.waivers[{i}].rule: {rule} is not a rule of {policy}; "
                        "expected one of {known}"
                    ),
                    {
                        "i": i,
                        "rule": repr(waiver.rule),
                        "policy": repr(policy.id),
                        "known": ", ".join(sorted(policy.rules)),
                    },
                )
            )
    return require_items(hospitals, Hospital, "hospitals"), require_items(
        experts, Expert, "experts"
    )
