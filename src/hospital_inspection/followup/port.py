"""What the follow-up ledger needs from a policy, and how it records the policy's answers.

The ledger asks a policy three things, typed against the policy engine's own classes so that the
library's policies (``hi.load_policy(...)``) fit and mypy checks that they do:

- ``policy.measures(trigger, kind=...)`` — a :class:`~hospital_inspection.policy.Decision` whose
  value is a tuple of :class:`~hospital_inspection.policy.MeasureRule` (each with its own
  citation);
- ``policy.rectification_due(received, calendar=..., roll_forward=...)`` — a decision whose value
  is a :class:`~hospital_inspection.Deadline`;
- ``policy.deadlines()`` — decisions whose values are
  :class:`~hospital_inspection.policy.DeadlineRule` (only for
  :meth:`~hospital_inspection.followup.ledger.Ledger.upcoming_deadlines`).

An object of your own works too if it gives the same answers. The ledger keeps the answers as
data (:class:`~hospital_inspection.followup.findings.Measure`,
:class:`~hospital_inspection.followup.findings.DueDate`), so a ledger file reads back without
the policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from hospital_inspection.dates.calendars import WorkCalendar
from hospital_inspection.dates.deadlines import Deadline
from hospital_inspection.enums import MeasureOpening, VisitKind
from hospital_inspection.followup.findings import DueDate, Measure
from hospital_inspection.policy import DeadlineRule, Decision, MeasureRule

if TYPE_CHECKING:
    from hospital_inspection.policy import Policy

__all__ = [
    "MeasureSource",
    "PolicyLike",
    "deadline_from",
    "due_date_from",
    "measure_of",
    "measures_from",
    "opens_by_itself",
]


@runtime_checkable
class MeasureSource(Protocol):
    """A policy that maps finding triggers to measures."""

    @property
    def id(self) -> str:
        """The policy's id, e.g. ``"weihai-2024-2026"``."""
        ...

    def measures(
        self, trigger: str, *, kind: VisitKind | None = None
    ) -> Decision[tuple[MeasureRule, ...]]:
        """The measures for ``trigger`` (of visits of ``kind``; ``None``: every kind)."""
        ...


@runtime_checkable
class PolicyLike(MeasureSource, Protocol):
    """A policy that also gives the rectification-report due date and its fixed deadlines."""

    def rectification_due(
        self,
        received: dt.date,
        *,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
    ) -> Decision[Deadline]:
        """The last day for the rectification report after feedback is ``received``."""
        ...

    def deadlines(self, *, kind: VisitKind | None = None) -> Sequence[Decision[DeadlineRule]]:
        """The policy's deadline rules."""
        ...


if TYPE_CHECKING:  # mypy checks that the library's own policies fit the protocols

    def _policy_fits(policy: Policy) -> PolicyLike:
        return policy


def measures_from(
    policy: MeasureSource, trigger: str, *, kind: VisitKind | None = None
) -> tuple[Measure, ...]:
    """The measures ``policy`` attaches to ``trigger``, recorded as data, each with its clause.

    Raises:
        RuleNotInPolicy: (from the policy) it has no measure for ``trigger``.
    """
    decision = policy.measures(trigger, kind=kind)
    return tuple(measure_of(m, trigger=trigger, policy=policy.id) for m in decision.value)


def measure_of(rule: MeasureRule, *, trigger: str | None, policy: str) -> Measure:
    """A policy's measure rule recorded as data: code, label, clause, party, strength, scope."""
    return Measure(
        code=rule.code,
        label=rule.label,
        trigger=trigger,
        policy=policy,
        citation=rule.cite,
        party=rule.party,
        strength=rule.strength,
        scope=rule.per,
    )


def opens_by_itself(rule: MeasureRule) -> bool:
    """Whether the rule's measure opens an item with the finding (not an option to decide)."""
    return rule.opening is MeasureOpening.ALWAYS


def due_date_from(
    policy: PolicyLike,
    received: dt.date,
    *,
    calendar: WorkCalendar | None = None,
    roll_forward: bool | None = None,
) -> DueDate:
    """The rectification report's due date counted from ``received``, with its provenance.

    ``calendar`` and ``roll_forward`` go to ``policy.rectification_due``; ``None`` takes the
    policy's own default.
    """
    decision = policy.rectification_due(received, calendar=calendar, roll_forward=roll_forward)
    return DueDate.of(decision.value)


def deadline_from(decision: Decision[DeadlineRule]) -> DueDate | None:
    """The due date of a fixed deadline rule (``None`` for a period or a "before" deadline)."""
    rule = decision.value
    if rule.last_day is None:
        return None
    return DueDate(date=rule.last_day, rule=rule.id, citation=decision.citation)
