"""The shared core of the compliance checker (private): :func:`msg`, the severity of each
rule strength, and :class:`_CheckerBase`, which indexes the context of one run, checks its
references and records issues (with waivers applied); the families of checks in
``_checks_dates``, ``_checks_team`` and ``_checks_reports`` build on it."""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Hashable, Sequence
from typing import Any, TypeVar

import attrs

from hospital_inspection.compliance._report import ComplianceIssue, ComplianceLevel
from hospital_inspection.dates.calendars import ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.enums import Strength
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan, Waiver
from hospital_inspection.policy import Decision, Policy

T = TypeVar("T")


def msg(message_id: str, **params: object) -> Message:
    """A catalog message with its parameters as text (dates in ISO form)."""
    return Message(message_id, params)


def waivable_hint(
    decision: Decision[Any], waivable: str, otherwise: str, **params: object
) -> Message:
    """A broken rule's hint: ``waivable`` (which names a waiver) when the rule is in principle
    (原则上), the only kind a waiver covers, else ``otherwise``. The rule's id joins the
    parameters: a waiver names it (``check --waiver RULE,VISIT,JUSTIFICATION``)."""
    chosen = waivable if decision.strength is Strength.IN_PRINCIPLE else otherwise
    return msg(chosen, rule=decision.rule, **params)


_hospital_facts: Callable[[Hospital], tuple[object, ...]] = operator.attrgetter(
    *(a.name for a in attrs.fields(Hospital) if a.name not in ("id", "name"))
)
"""Everything a policy may decide a hospital by: every field but its id and name, which name it
(in messages only). Two hospitals with equal facts get the same decisions."""

_MISSING: Any = object()


_BY_STRENGTH = {
    Strength.MANDATORY: ComplianceLevel.VIOLATION,
    Strength.IN_PRINCIPLE: ComplianceLevel.WARNING,
    Strength.OPTIONAL: ComplianceLevel.INFO,
}


class _CheckerBase:
    """The state of one run of the checks and the recording of issues (private)."""

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
        self._answers: dict[Hashable, Any] = {}  # see _once
        facts: dict[tuple[object, ...], int] = {}
        #: hospital id -> a number shared by the hospitals of equal facts (see _hospital_facts)
        self.cell = {h.id: facts.setdefault(_hospital_facts(h), len(facts)) for h in hospitals}
        self._check_references()

    @property
    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = ChinaOfficialCalendar()
        return self._calendar

    def _check_references(self) -> None:
        problems: list[Message] = []
        for n, visit in enumerate(self.plan.visits):
            if visit.hospital not in self.hospitals:
                problems.append(
                    Message(
                        N_("plan.visits[{n}].hospital: no hospital with id {id}"),
                        {"n": n, "id": repr(visit.hospital)},
                    )
                )
            if visit.authority not in self.tree:
                problems.append(
                    Message(
                        N_("plan.visits[{n}].authority: no authority with id {id}"),
                        {"n": n, "id": repr(visit.authority)},
                    )
                )
            for m, member in enumerate(visit.team):
                if member.person not in self.people:
                    problems.append(
                        Message(
                            N_("plan.visits[{n}].team[{m}].person: no expert with id {id}"),
                            {"n": n, "m": m, "id": repr(member.person)},
                        )
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

    def _once(self, key: Hashable, ask: Callable[[], T]) -> T:
        """``ask()``, asked once per run for each ``key``: the key holds everything the answer
        depends on in this run (policy, tree and calendar are fixed for it). Errors are not
        remembered: they are raised again, as every call would raise them."""
        found = self._answers.get(key, _MISSING)
        if found is _MISSING:
            found = self._answers[key] = ask()
        return found  # type: ignore[no-any-return]

    def _decided(self, key: Hashable, ask: Callable[[], Decision[T]]) -> Decision[T] | None:
        """``_try(ask)`` through :meth:`_once` (a rule the policy lacks is remembered as None)."""
        found = self._answers.get(key, _MISSING)
        if found is _MISSING:
            found = self._answers[key] = self._try(ask)
        return found  # type: ignore[no-any-return]
