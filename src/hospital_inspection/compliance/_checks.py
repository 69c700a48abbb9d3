"""The compliance checks and :func:`check_plan` (private; see the package)."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from hospital_inspection._validate import require_date, require_items
from hospital_inspection.compliance._report import (
    ComplianceIssue,
    ComplianceLevel,
    ComplianceReport,
)
from hospital_inspection.dates.calendars import ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.enums import Role, ScopeStatus, Strength, VisitKind
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Member, Plan, Visit, Waiver
from hospital_inspection.policy import (
    EVENTS,
    DayUnit,
    DeadlineKind,
    DeadlineRule,
    Decision,
    ExternalExpertsRule,
    Policy,
    TeamSpec,
    load_policy,
)

__all__ = ["check_plan"]

T = TypeVar("T")

_BY_STRENGTH = {
    Strength.MANDATORY: ComplianceLevel.VIOLATION,
    Strength.IN_PRINCIPLE: ComplianceLevel.WARNING,
    Strength.OPTIONAL: ComplianceLevel.INFO,
}


_VISIT_EVENTS = {
    "self_inspection_report": "self_report_date",
    "self_inspection": "self_report_date",
    "written_feedback": "feedback_date",
}
"""Events whose date a visit records, and the field that holds it."""


def _visit_date(visit: Visit, event: str | None) -> dt.date | None:
    """The date of a plan event at ``visit``, when the visit records it."""
    if event == "first_on_site_day":
        return visit.first_day
    if event == "last_on_site_day":
        return visit.last_day
    field = _VISIT_EVENTS.get(event or "")
    value: dt.date | None = getattr(visit, field) if field is not None else None
    return value


class _Checker:
    """One run of the checks (private): indexes the context once, then walks the visits."""

    def __init__(
        self,
        plan: Plan,
        policy: Policy,
        hospitals: Sequence[Hospital],
        experts: Sequence[Expert],
        tree: AuthorityTree,
        calendar: WorkCalendar | None,
        as_of: dt.date | None,
    ) -> None:
        self.plan = plan
        self.policy = policy
        self.tree = tree
        self.as_of = as_of
        self._calendar = calendar
        self.hospitals = {h.id: h for h in hospitals}
        self.people = {e.id: e for e in experts}
        self.issues: list[ComplianceIssue] = []
        self._check_references()

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = ChinaOfficialCalendar()
        return self._calendar

    def _check_references(self) -> None:
        problems: list[str] = []
        for n, visit in enumerate(self.plan.visits):
            if visit.hospital not in self.hospitals:
                problems.append(
                    f"plan.visits[{n}].hospital: no hospital with id {visit.hospital!r}"
                )
            if visit.authority not in self.tree:
                problems.append(
                    f"plan.visits[{n}].authority: no authority with id {visit.authority!r}"
                )
            for m, member in enumerate(visit.team):
                if member.person not in self.people:
                    problems.append(
                        f"plan.visits[{n}].team[{m}].person: no expert with id {member.person!r}"
                    )
        if problems:
            raise DataError(problems)

    # -- recording --------------------------------------------------------------------------

    def add(
        self,
        check: str,
        message: str,
        hint: str,
        decision: Decision[Any] | None = None,
        *,
        severity: ComplianceLevel | None = None,
        hospital: str | None = None,
        visit: str | None = None,
        person: str | None = None,
        authority: str | None = None,
    ) -> None:
        strength = decision.strength if decision is not None else Strength.MANDATORY
        sev = severity or _BY_STRENGTH[strength]
        rule = decision.rule if decision is not None else None
        waiver = None
        if sev is ComplianceLevel.WARNING and rule is not None:
            found = self._waiver(rule, hospital, visit)
            if found is not None:
                sev, waiver = ComplianceLevel.INFO, found.justification
                message += f" (waived: {found.justification})"
        self.issues.append(
            ComplianceIssue(
                check=check,
                severity=sev,
                message=message,
                hint=hint,
                rule=rule,
                citation=decision.citation if decision is not None else None,
                strength=strength if decision is not None else None,
                hospital=hospital,
                visit=visit,
                person=person,
                waiver=waiver,
                authority=authority,
            )
        )

    def _waiver(self, rule: str, hospital: str | None, visit: str | None) -> Waiver | None:
        for w in self.plan.waivers:
            if w.rule != rule:
                continue
            if w.visit is not None and w.visit != visit:
                continue
            if w.hospital is not None and w.hospital != hospital:
                continue
            return w
        return None

    @staticmethod
    def _try(ask: Callable[[], Decision[T]]) -> Decision[T] | None:
        try:
            return ask()
        except RuleNotInPolicy:
            return None

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
            scope = self._try(functools.partial(self.policy.scope, h, authorities=self.tree))
            if scope is None or scope.value is not ScopeStatus.IN_SCOPE:
                continue
            inspector = self._try(functools.partial(self.policy.inspector, h, self.tree))
            if inspector is None or not self._responsible(inspector.value):
                continue
            self.add(
                "hospital_not_visited",
                f"{h.name} ({h.rating} {h.category.label}) is in scope but has no regular visit",
                f"add a visit by {inspector.value} before the round ends",
                scope,
                hospital=h.id,
            )

    def check_scope(self, visit: Visit, h: Hospital) -> None:
        scope = self._try(lambda: self.policy.scope(h, kind=visit.kind, authorities=self.tree))
        if scope is None or scope.value is ScopeStatus.IN_SCOPE:
            return
        self.add(
            "visit_out_of_scope",
            f"{h.name} is {scope.value.label} ({scope.value.code}) for a {visit.kind.label}",
            "nothing to fix if the visit is intended; the policy does not require it",
            scope,
            severity=ComplianceLevel.INFO,
            hospital=h.id,
            visit=visit.id,
        )

    def check_jurisdiction(self, visit: Visit, h: Hospital) -> None:
        decided = self._try(lambda: self.policy.may_inspect(visit.authority, h, self.tree))
        if decided is None or decided.value:
            return
        expected = self._try(lambda: self.policy.inspector(h, self.tree))
        who = f"; {expected.value} does" if expected is not None else ""
        self.add(
            "no_jurisdiction",
            f"{visit.authority} has no jurisdiction over {h.name}{who}",
            "give the visit to the authority the policy names",
            decided,
            hospital=h.id,
            visit=visit.id,
        )

    def _length(self, visit: Visit, unit: DayUnit | None) -> int:
        if unit is DayUnit.CALENDAR:
            return visit.calendar_days
        before = visit.first_day - dt.timedelta(days=1)
        return self.calendar.count_working_days(before, visit.last_day)

    def check_duration(self, visit: Visit, h: Hospital) -> None:
        need = self._try(lambda: self.policy.min_visit_days(h, kind=visit.kind))
        if need is None:
            return
        unit = need.unit
        if unit is DayUnit.WORKING:
            for day, end in ((visit.first_day, "first"), (visit.last_day, "last")):
                if not self.calendar.is_working_day(day):
                    self.add(
                        "non_working_day",
                        f"the {end} on-site day {day.isoformat()} is not a working day",
                        "start and end on working days (调休 make-up days count as working)",
                        need,
                        hospital=h.id,
                        visit=visit.id,
                    )
        got = self._length(visit, unit)
        if got < need.value:
            words = unit.label if unit is not None else "days"
            self.add(
                "visit_too_short",
                f"{got} {words} on site at {h.name}; the minimum is {need.value}",
                f"extend the visit by {need.value - got} {words} or record a waiver",
                need,
                hospital=h.id,
                visit=visit.id,
            )

    def check_deadlines(self, visit: Visit, h: Hospital) -> None:
        end = self._try(lambda: self.policy.round_end(visit.kind))
        if end is not None and visit.last_day > end.value:
            self.add(
                "after_round_end",
                f"the visit ends {visit.last_day.isoformat()}, after the round's last day "
                f"{end.value.isoformat()}",
                f"finish on or before {end.value.isoformat()}",
                end,
                hospital=h.id,
                visit=visit.id,
            )
        for decided in self.policy.deadlines(kind=visit.kind):
            rule = decided.value
            if not isinstance(rule, DeadlineRule):
                continue
            if rule.days is not None or rule.form is DeadlineKind.RELATIVE:
                self._check_visit_period(visit, h, rule)
                continue
            if rule.form is not DeadlineKind.BEFORE_EVENT:
                continue
            if visit.self_report_date is None:
                if self.as_of is not None and self.as_of >= visit.first_day:
                    self.add(
                        "self_report_missing",
                        f"{_self_check(rule)}: no date is recorded for a visit that began "
                        f"{visit.first_day.isoformat()}",
                        "record the day it was done (Visit.self_report_date)",
                        decided,
                        severity=ComplianceLevel.INFO,
                        hospital=h.id,
                        visit=visit.id,
                    )
                continue
            late = (
                visit.self_report_date >= visit.first_day
                if rule.strict
                else visit.self_report_date > visit.first_day
            )
            if late:
                self.add(
                    "self_report_late",
                    f"{_self_check(rule)}: recorded on {visit.self_report_date.isoformat()}, "
                    f"not before the first on-site day {visit.first_day.isoformat()}",
                    f"as {rule.cite.document} {rule.cite.clause} says: “{rule.cite.text}”",
                    decided,
                    hospital=h.id,
                    visit=visit.id,
                )

    def _check_visit_period(self, visit: Visit, h: Hospital, rule: DeadlineRule) -> None:
        """A deadline counted from a visit date (进驻5个工作日前, 结束后15个工作日内)."""
        anchor_name = rule.before if rule.form is DeadlineKind.BEFORE_EVENT else rule.trigger
        anchor = _visit_date(visit, anchor_name)
        if anchor is None or rule.event not in _VISIT_EVENTS:
            return  # counted from (or about) something the plan does not record
        due = self.policy.due_by_rule(rule.id, on=anchor, calendar=self.calendar)
        done = _visit_date(visit, rule.event)
        what = EVENTS[rule.event]
        counted = f"{rule.period_words} {'before' if rule.before else 'after'} {anchor_name}"
        if done is None:
            if self.as_of is not None and self.as_of > due.value.date:
                self.add(
                    "event_not_recorded",
                    f"no date is recorded for {what}; it was due on or before "
                    f"{due.value.date.isoformat()} ({counted} {anchor.isoformat()})",
                    f"record the date on the visit ({_VISIT_EVENTS[rule.event]})",
                    due,
                    severity=ComplianceLevel.INFO,
                    hospital=h.id,
                    visit=visit.id,
                )
            return
        if done > due.value.date:
            self.add(
                "deadline_missed",
                f"{what} on {done.isoformat()}, after its last day "
                f"{due.value.date.isoformat()} ({counted} {anchor.isoformat()})",
                f"{rule.description}: on or before {due.value.date.isoformat()}",
                due,
                hospital=h.id,
                visit=visit.id,
            )

    def _serves(self, member: Member, role: Role) -> bool:
        if member.role is role:
            return True
        if role is Role.EXPERT and member.role is Role.TEAM_LEADER:
            return self.people[member.person].is_expert
        return False

    def _served(self, visit: Visit) -> dict[Role, int]:
        """How many members serve in each role (as ``_serves`` counts them), in one pass."""
        served: dict[Role, int] = {}
        for m in visit.team:
            served[m.role] = served.get(m.role, 0) + 1
            if m.role is Role.TEAM_LEADER and self._serves(m, Role.EXPERT):
                served[Role.EXPERT] = served.get(Role.EXPERT, 0) + 1
        return served

    def check_team(self, visit: Visit, h: Hospital) -> None:
        spec = self._try(lambda: self.policy.team(kind=visit.kind))
        if spec is not None:
            served = self._served(visit)
            for slot in spec.value.slots:
                count = served.get(slot.role, 0)
                too_few = count < slot.min
                too_many = slot.max is not None and count > slot.max
                if too_few or too_many:
                    span = (
                        str(slot.min)
                        if slot.max == slot.min
                        else (
                            f"{slot.min}-{slot.max}"
                            if slot.max is not None
                            else f"at least {slot.min}"
                        )
                    )
                    self.add(
                        "team_composition",
                        f"the team has {count} {slot.role.label} ({slot.role.code}); "
                        f"the policy asks for {span} (team: {spec.value})",
                        f"{'add' if too_few else 'remove'} {slot.role.label} members",
                        spec,
                        hospital=h.id,
                        visit=visit.id,
                    )
            self._check_team_shape(visit, h, spec)
        self._check_external_share(visit, h)

    def _check_team_shape(self, visit: Visit, h: Hospital, spec: Decision[TeamSpec]) -> None:
        """Head count (5至9人), who may lead (组长由…担任) and where members come from."""
        team = spec.value
        size = len(visit.team)
        low, high = team.size_min, team.size_max
        if (low is not None and size < low) or (high is not None and size > high):
            self.add(
                "team_size",
                f"the team has {size} member(s); the policy asks for "
                f"{low if low is not None else 0}-{high if high is not None else 'any'} "
                f"(team: {team})",
                f"{'add' if low is not None and size < low else 'remove'} members",
                spec,
                hospital=h.id,
                visit=visit.id,
            )
        leaders: set[str] = set()
        for slot in team.slots:
            if not slot.leads:
                continue
            for m in visit.team:
                if not self._serves(m, slot.role):
                    continue
                leaders.add(m.person)
                need = slot.leader_role
                if need is not None and not self.people[m.person].can(need):
                    self.add(
                        "team_leader_role",
                        f"{self.people[m.person].name} leads the team ({slot.role.label}) but "
                        f"is not a {need.label} ({need.code}), who the policy says leads it",
                        f"make a {need.label} the {slot.role.label}",
                        spec,
                        hospital=h.id,
                        visit=visit.id,
                        person=m.person,
                    )
        source = team.members_from
        if source is None:
            return
        for m in visit.team:
            if m.person in leaders or m.role is Role.TEAM_LEADER:
                continue
            if m.role is not source or not self.people[m.person].can(source):
                self.add(
                    "team_member_source",
                    f"{self.people[m.person].name} is on the team as {m.role.label}; the "
                    f"policy draws members from the {source.label} ({source.code})",
                    f"replace the member with a {source.label}",
                    spec,
                    hospital=h.id,
                    visit=visit.id,
                    person=m.person,
                )

    def _check_external_share(self, visit: Visit, h: Hospital) -> None:
        inspector = self.tree[visit.authority]
        applies = self._try(lambda: self.policy.external_expert_rule_applies(inspector, h))
        if applies is None or not applies.value:
            return
        rule = self.policy.rules[applies.rule]
        assert isinstance(rule, ExternalExpertsRule)
        counted = [
            m for m in visit.team if rule.base.code == "team" or self._serves(m, Role.EXPERT)
        ]
        external = [
            m
            for m in counted
            if self._serves(m, Role.EXPERT) and self._is_external(m.person, inspector)
        ]
        need = self.policy.min_external_experts(len(counted))
        if len(external) < need.value:
            self.add(
                "external_share",
                f"{len(external)} of {len(counted)} counted members are experts from another "
                f"区市; at least {need.value} are needed",
                f"swap in {need.value - len(external)} expert(s) whose home region is not "
                f"{inspector.region}",
                need,
                hospital=h.id,
                visit=visit.id,
            )

    def _is_external(self, person: str, inspector: Authority) -> bool:
        return self.people[person].home_region != inspector.region

    def check_conflict_of_interest(self, visit: Visit, h: Hospital) -> None:
        for member in visit.team:
            if self.people[member.person].employer == h.id:
                self.add(
                    "conflict_of_interest",
                    f"{self.people[member.person].name} works at {h.name} and is on its team "
                    "(回避; a general principle, not a clause of the policy document)",
                    "replace the member with someone not employed by the hospital",
                    hospital=h.id,
                    visit=visit.id,
                    person=member.person,
                )

    def check_double_booking(self) -> None:
        by_person: dict[str, list[Visit]] = defaultdict(list)
        for visit in self.plan.visits:
            for person in visit.people:
                by_person[person].append(visit)
        for person in sorted(by_person):
            visits = sorted(by_person[person], key=lambda x: (x.first_day, x.id))
            latest = visits[0]
            for visit in visits[1:]:
                if visit.first_day <= latest.last_day:
                    self.add(
                        "double_booked",
                        f"{self.people[person].name} is on {latest.id} and {visit.id}, which "
                        "overlap (a person cannot be on site at two hospitals on one day)",
                        "move one visit or replace the member",
                        hospital=visit.hospital,
                        visit=visit.id,
                        person=person,
                    )
                if visit.last_day > latest.last_day:
                    latest = visit

    def check_reports(self) -> None:
        yearly: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
        for report in self.plan.reports:
            rule = self.policy.rules.get(report.rule)
            if isinstance(rule, DeadlineRule) and rule.form is DeadlineKind.YEARLY:
                yearly[(rule.id, report.by)].append(report.date)
                continue
            if not isinstance(rule, DeadlineRule) or rule.last_day is None:
                raise DataError(
                    f"plan.reports: {report.rule!r} is not a fixed deadline of {self.policy.id}"
                )
            decided = next(d for d in self.policy.deadlines() if d.rule == report.rule)
            if report.date > rule.last_day:
                self.add(
                    "report_late",
                    f"{rule.description} submitted {report.date.isoformat()} by {report.by}, "
                    f"after {rule.last_day.isoformat()}",
                    "submit on time; record the reason in the report",
                    decided,
                    authority=report.by,
                )
        self._check_yearly_reports(yearly)
        self._check_missing_reports()

    def _check_yearly_reports(self, submitted: dict[tuple[str, str], list[dt.date]]) -> None:
        """每年M月D日前: the n-th submission of an authority answers the n-th year's deadline."""
        owner = self.plan.authority
        below = [a for a in self.tree if a.id == owner or self.tree.is_above(owner, a.id)]
        for decided in self.policy.deadlines():
            rule = decided.value
            if rule.form is not DeadlineKind.YEARLY:
                continue
            dates = self.policy.yearly_dates(rule.id)
            who = {by for (rid, by) in submitted if rid == rule.id}
            who |= {a.id for a in below if a.level in rule.submitted_by}
            for by in sorted(who):
                reports = sorted(submitted.get((rule.id, by), []))
                for n, due in enumerate(dates):
                    got = reports[n] if n < len(reports) else None
                    if got is not None and got > due:
                        self.add(
                            "report_late",
                            f"{rule.description} for {due.year} submitted {got.isoformat()} by "
                            f"{by}, after {due.isoformat()}",
                            "submit on time; record the reason in the report",
                            decided,
                            authority=by,
                        )
                    elif got is None and self.as_of is not None and self.as_of > due:
                        name = self.tree[by].name if by in self.tree else by
                        self.add(
                            "report_missing",
                            f"{name} has no {rule.description} for {due.year} recorded; it "
                            f"was due on or before {due.isoformat()}",
                            f"record the submission on the plan (ReportSubmission "
                            f"rule={rule.id!r}, by={by!r}) or submit the report",
                            decided,
                            authority=by,
                        )

    def _check_missing_reports(self) -> None:
        """As of a day past a fixed deadline, every authority that owes a report has one."""
        if self.as_of is None:
            return
        as_of = self.as_of
        owner = self.plan.authority
        submitted = {(r.rule, r.by) for r in self.plan.reports}
        below = sorted(
            (a for a in self.tree if a.id == owner or self.tree.is_above(owner, a.id)),
            key=lambda a: a.id,
        )
        for decided in self.policy.deadlines():
            rule = decided.value
            if rule.form is DeadlineKind.YEARLY:
                continue  # see _check_yearly_reports
            if not rule.submitted_by or rule.last_day is None or as_of <= rule.last_day:
                continue
            for authority in below:
                if (
                    authority.level in rule.submitted_by
                    and (rule.id, authority.id) not in submitted
                ):
                    self.add(
                        "report_missing",
                        f"{authority.name} has no {rule.description} recorded; it was due "
                        f"on or before {rule.last_day.isoformat()}",
                        f"record the submission on the plan (ReportSubmission rule={rule.id!r}, "
                        f"by={authority.id!r}) or submit the report",
                        decided,
                        authority=authority.id,
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


def _self_check(rule: DeadlineRule) -> str:
    """The self-inspection in the policy's own words (its rule's description).

    Weihai asks for a 全面自查 on which the on-site inspection builds (威卫办〔2024〕11号 四、(一)、
    (二)); Jilin for a 自查报告 submitted before the team enters (吉卫便函〔2021〕2号 四、).
    """
    return rule.description


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
        raise DataError(f"plan: {plan!r} is not a Plan")
    if not isinstance(policy, Policy):
        raise DataError(f"policy: {policy!r} is not a Policy or a policy id")
    if as_of is not None:
        require_date(as_of, "as_of")
    if calendar is not None and not isinstance(calendar, WorkCalendar):
        raise DataError(f"calendar: {calendar!r} is not a working-day calendar")
    if plan.policy != policy.id:
        raise DataError(
            f"plan.policy: the plan {plan.id!r} was made under {plan.policy!r}, "
            f"not {policy.id!r}; check it against {plan.policy!r} or re-plan under {policy.id!r}"
        )
    for i, waiver in enumerate(plan.waivers):
        if waiver.rule not in policy.rules:
            raise DataError(
                f"plan.waivers[{i}].rule: {waiver.rule!r} is not a rule of {policy.id!r}; "
                f"expected one of {', '.join(sorted(policy.rules))}"
            )
    return require_items(hospitals, Hospital, "hospitals"), require_items(
        experts, Expert, "experts"
    )
