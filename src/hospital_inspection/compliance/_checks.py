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
from hospital_inspection.i18n import N_, Message
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


def msg(message_id: str, **params: object) -> Message:
    """A catalog message with its parameters as text (dates in ISO form)."""
    return Message(message_id, params)


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


def _chinese(words: str) -> str:
    """The Chinese name of an event: ``"整改报告 (the hospital's rectification report)"`` →
    ``"整改报告"`` (:data:`~hospital_inspection.policy.EVENTS` writes Chinese, then English)."""
    return words.split(" (")[0]


def _period_unit(rule: DeadlineRule) -> str:
    """The unit of a rule's period, as a message id (``"15 working day(s)"`` → working day(s))."""
    if rule.months is not None:
        return N_("month(s)")
    if rule.day_unit is DayUnit.WORKING:
        return N_("working day(s)")
    return N_("calendar day(s)")


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
        message: Message,
        hint: Message,
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
        self.issues.append(
            ComplianceIssue.compose(
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

    def _name(self, authority: str) -> str:
        """An authority's name, or its id when the tree does not have it."""
        return self.tree[authority].name if authority in self.tree else authority

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
                msg(
                    N_("{hospital} ({rating} {category}) is in scope but has no regular visit"),
                    hospital=h.name,
                    rating=h.rating,
                    category=h.category.label,
                    inspector=inspector.value,
                    inspector_name=self._name(inspector.value),
                ),
                msg(N_("add a visit by {inspector} before the round ends")),
                scope,
                hospital=h.id,
            )

    def check_scope(self, visit: Visit, h: Hospital) -> None:
        scope = self._try(lambda: self.policy.scope(h, kind=visit.kind, authorities=self.tree))
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
        decided = self._try(lambda: self.policy.may_inspect(visit.authority, h, self.tree))
        if decided is None or decided.value:
            return
        expected = self._try(lambda: self.policy.inspector(h, self.tree))
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
            for day, which in (
                (visit.first_day, N_("the first on-site day {day} is not a working day")),
                (visit.last_day, N_("the last on-site day {day} is not a working day")),
            ):
                if not self.calendar.is_working_day(day):
                    self.add(
                        "non_working_day",
                        msg(which, day=day, hospital=h.name),
                        msg(
                            N_("start and end on working days (调休 make-up days count as working)")
                        ),
                        need,
                        hospital=h.id,
                        visit=visit.id,
                    )
        got = self._length(visit, unit)
        if got < need.value:
            words = unit.label if unit is not None else N_("days")
            self.add(
                "visit_too_short",
                msg(
                    N_("{got} {unit} on site at {hospital}; the minimum is {need}"),
                    got=got,
                    unit=words,
                    hospital=h.name,
                    need=need.value,
                    more=need.value - got,
                ),
                msg(N_("extend the visit by {more} {unit} or record a waiver")),
                need,
                hospital=h.id,
                visit=visit.id,
            )

    def check_deadlines(self, visit: Visit, h: Hospital) -> None:
        end = self._try(lambda: self.policy.round_end(visit.kind))
        if end is not None and visit.last_day > end.value:
            self.add(
                "after_round_end",
                msg(
                    N_("the visit ends {last}, after the round's last day {end}"),
                    last=visit.last_day,
                    end=end.value,
                    hospital=h.name,
                ),
                msg(N_("finish on or before {end}")),
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
                        msg(
                            N_("{self_check}: no date is recorded for a visit that began {first}"),
                            self_check=_self_check(rule),
                            first=visit.first_day,
                            hospital=h.name,
                        ),
                        msg(N_("record the day it was done (Visit.self_report_date)")),
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
                    msg(
                        N_(
                            "{self_check}: recorded on {submitted}, not before the first on-site "
                            "day {first}"
                        ),
                        self_check=_self_check(rule),
                        submitted=visit.self_report_date,
                        first=visit.first_day,
                        hospital=h.name,
                        document=rule.cite.document,
                        clause=rule.cite.clause,
                        words=rule.cite.text,
                    ),
                    msg(N_("as {document} {clause} says: “{words}”")),
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
        words = {
            "what": what,
            "what_zh": _chinese(what),
            "due": due.value.date,
            "period": rule.period_words,
            "amount": rule.months if rule.months is not None else rule.days,
            "unit": _period_unit(rule),
            "anchor": anchor_name,
            "anchor_zh": _chinese(EVENTS.get(anchor_name or "", anchor_name or "")),
            "anchor_date": anchor,
            "hospital": h.name,
        }
        if done is None:
            if self.as_of is not None and self.as_of > due.value.date:
                self.add(
                    "event_not_recorded",
                    msg(
                        N_(
                            "no date is recorded for {what}; it was due on or before {due} "
                            "({period} before {anchor} {anchor_date})"
                        )
                        if rule.before
                        else N_(
                            "no date is recorded for {what}; it was due on or before {due} "
                            "({period} after {anchor} {anchor_date})"
                        ),
                        field=_VISIT_EVENTS[rule.event],
                        **words,
                    ),
                    msg(N_("record the date on the visit ({field})")),
                    due,
                    severity=ComplianceLevel.INFO,
                    hospital=h.id,
                    visit=visit.id,
                )
            return
        if done > due.value.date:
            self.add(
                "deadline_missed",
                msg(
                    N_(
                        "{what} on {done}, after its last day {due} "
                        "({period} before {anchor} {anchor_date})"
                    )
                    if rule.before
                    else N_(
                        "{what} on {done}, after its last day {due} "
                        "({period} after {anchor} {anchor_date})"
                    ),
                    done=done,
                    description=rule.description,
                    **words,
                ),
                msg(N_("{description}: on or before {due}")),
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
                    asks = (
                        N_(
                            "the team has {count} {role} ({role_code}); the policy asks for "
                            "{min} (team: {team})"
                        )
                        if slot.max == slot.min
                        else (
                            N_(
                                "the team has {count} {role} ({role_code}); the policy asks for "
                                "{min}-{max} (team: {team})"
                            )
                            if slot.max is not None
                            else N_(
                                "the team has {count} {role} ({role_code}); the policy asks for "
                                "at least {min} (team: {team})"
                            )
                        )
                    )
                    self.add(
                        "team_composition",
                        msg(
                            asks,
                            count=count,
                            role=slot.role.label,
                            role_code=slot.role.code,
                            min=slot.min,
                            max=slot.max,
                            team=spec.value,
                            hospital=h.name,
                        ),
                        msg(N_("add {role} members") if too_few else N_("remove {role} members")),
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
                msg(
                    N_(
                        "the team has {size} member(s); the policy asks for {low}-any "
                        "(team: {team})"
                    )
                    if high is None
                    else N_(
                        "the team has {size} member(s); the policy asks for {low}-{high} "
                        "(team: {team})"
                    ),
                    size=size,
                    low=low if low is not None else 0,
                    high=high,
                    team=team,
                    hospital=h.name,
                ),
                msg(N_("add members") if low is not None and size < low else N_("remove members")),
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
                        msg(
                            N_(
                                "{person} leads the team ({role}) but is not a {need} "
                                "({need_code}), who the policy says leads it"
                            ),
                            person=self.people[m.person].name,
                            role=slot.role.label,
                            need=need.label,
                            need_code=need.code,
                            hospital=h.name,
                        ),
                        msg(N_("make a {need} the {role}")),
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
                    msg(
                        N_(
                            "{person} is on the team as {role}; the policy draws members from "
                            "the {source} ({source_code})"
                        ),
                        person=self.people[m.person].name,
                        role=m.role.label,
                        source=source.label,
                        source_code=source.code,
                        hospital=h.name,
                    ),
                    msg(N_("replace the member with a {source}")),
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
                msg(
                    N_(
                        "{external} of {counted} counted members are experts from another 区市; "
                        "at least {need} are needed"
                    ),
                    external=len(external),
                    counted=len(counted),
                    need=need.value,
                    more=need.value - len(external),
                    region=inspector.region,
                    inspector=inspector.name,
                    hospital=h.name,
                ),
                msg(N_("swap in {more} expert(s) whose home region is not {region}")),
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
                    msg(
                        N_(
                            "{person} works at {hospital} and is on its team "
                            "(回避; a general principle, not a clause of the policy document)"
                        ),
                        person=self.people[member.person].name,
                        hospital=h.name,
                    ),
                    msg(N_("replace the member with someone not employed by the hospital")),
                    hospital=h.id,
                    visit=visit.id,
                    person=member.person,
                )

    def _one_outing(self, a: Visit, b: Visit) -> bool:
        """Visits to two hospitals of one medical group (医联体) on the same days by the same
        team are one outing (牵头单位和成员单位同时巡查), not a double booking."""
        ga = self.hospitals[a.hospital].group if a.hospital in self.hospitals else None
        gb = self.hospitals[b.hospital].group if b.hospital in self.hospitals else None
        return (
            ga is not None
            and ga == gb
            and (a.first_day, a.last_day) == (b.first_day, b.last_day)
            and set(a.team) == set(b.team)
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
                if visit.first_day <= latest.last_day and not self._one_outing(latest, visit):
                    self.add(
                        "double_booked",
                        msg(
                            N_(
                                "{person} is on {visit} and {other}, which overlap (a person "
                                "cannot be on site at two hospitals on one day)"
                            ),
                            person=self.people[person].name,
                            visit=latest.id,
                            other=visit.id,
                            hospital=self.hospitals[latest.hospital].name,
                            other_hospital=self.hospitals[visit.hospital].name,
                        ),
                        msg(N_("move one visit or replace the member")),
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
                    msg(
                        N_("{report} submitted {submitted} by {by}, after {due}"),
                        report=rule.description,
                        submitted=report.date,
                        by=report.by,
                        by_name=self._name(report.by),
                        due=rule.last_day,
                    ),
                    msg(N_("submit on time; record the reason in the report")),
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
                            msg(
                                N_(
                                    "{report} for {year} submitted {submitted} by {by}, after {due}"
                                ),
                                report=rule.description,
                                year=due.year,
                                submitted=got,
                                by=by,
                                by_name=self._name(by),
                                due=due,
                            ),
                            msg(N_("submit on time; record the reason in the report")),
                            decided,
                            authority=by,
                        )
                    elif got is None and self.as_of is not None and self.as_of > due:
                        self.add(
                            "report_missing",
                            msg(
                                N_(
                                    "{authority} has no {report} for {year} recorded; it was due "
                                    "on or before {due}"
                                ),
                                authority=self._name(by),
                                authority_id=by,
                                report=rule.description,
                                year=due.year,
                                due=due,
                                rule=rule.id,
                            ),
                            msg(
                                N_(
                                    "record the submission on the plan (ReportSubmission "
                                    "rule={rule!r}, by={authority_id!r}) or submit the report"
                                )
                            ),
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
                        msg(
                            N_(
                                "{authority} has no {report} recorded; it was due on or before "
                                "{due}"
                            ),
                            authority=authority.name,
                            authority_id=authority.id,
                            report=rule.description,
                            due=rule.last_day,
                            rule=rule.id,
                            plan=self.plan.id,
                        ),
                        msg(
                            N_(
                                "record the submission on the plan (ReportSubmission "
                                "rule={rule!r}, by={authority_id!r}) or submit the report"
                            )
                        ),
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
