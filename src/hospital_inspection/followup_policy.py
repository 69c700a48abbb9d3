"""What the follow-up ledger needs from a policy: a small structural interface.

The ledger does not import the policy engine. Anything shaped like this works — the library's
own policies (``hi.load_policy(...)``), or an object of your own:

- ``policy.id`` — the policy's id;
- ``policy.measures(trigger)`` — a decision whose ``.value`` is a tuple of measures (each with
  ``.code`` and ``.label``) and whose ``.citation`` has ``.document``, ``.clause``, ``.text``;
- ``policy.rectification_due(received)`` — a decision whose ``.value`` is the due date, either a
  ``datetime.date`` or a deadline object with ``.date`` (and optionally ``.rule``,
  ``.rolled_from``, ``.provisional``);
- ``policy.deadlines()`` — decisions for the fixed report deadlines (only for
  :meth:`~hospital_inspection.ledger.Ledger.upcoming_deadlines`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

from hospital_inspection.errors import PolicyError
from hospital_inspection.findings import CitationRecord, DueDate, Measure

__all__ = [
    "CitationLike",
    "DecisionLike",
    "MeasureLike",
    "MeasureSource",
    "PolicyLike",
    "deadline_from",
    "due_date_from",
    "measures_from",
]


class CitationLike(Protocol):
    """A citation: document number, clause path, the clause's words."""

    @property
    def document(self) -> str: ...
    @property
    def clause(self) -> str: ...
    @property
    def text(self) -> str: ...


class MeasureLike(Protocol):
    """A measure as a policy names it."""

    @property
    def code(self) -> str: ...
    @property
    def label(self) -> str: ...


class DecisionLike(Protocol):
    """A policy decision: a value with its citation."""

    @property
    def value(self) -> Any: ...
    @property
    def citation(self) -> CitationLike: ...


@runtime_checkable
class MeasureSource(Protocol):
    """A policy that maps triggers to measures."""

    @property
    def id(self) -> str: ...
    def measures(self, trigger: str) -> DecisionLike: ...


@runtime_checkable
class PolicyLike(MeasureSource, Protocol):
    """A policy that also computes the rectification due date and fixed report deadlines."""

    def rectification_due(self, received: dt.date) -> DecisionLike: ...
    def deadlines(self) -> Sequence[DecisionLike]: ...


def measures_from(policy: MeasureSource, trigger: str) -> tuple[Measure, ...]:
    """The measures ``policy`` attaches to ``trigger``, recorded as data with their citation.

    Raises:
        PolicyError: the decision's value is not a sequence of measures.
        RuleNotInPolicy: (from the policy) it has no rule for ``trigger``.
    """
    decision = policy.measures(trigger)
    citation = CitationRecord.of(decision.citation)
    values = decision.value
    if not isinstance(values, Sequence) or isinstance(values, str):
        raise PolicyError(f"policy {policy.id!r}: measures({trigger!r}) did not give a list")
    return tuple(
        Measure(code=m.code, label=m.label, trigger=trigger, policy=policy.id, citation=citation)
        for m in values
    )


def due_date_from(policy: PolicyLike, received: dt.date) -> DueDate:
    """The rectification report's due date counted from ``received``, with its provenance."""
    decision = policy.rectification_due(received)
    value = decision.value
    citation = CitationRecord.of(decision.citation)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return DueDate(date=value, rule="rectification_due", trigger=received, citation=citation)
    date = getattr(value, "date", None)
    if not isinstance(date, dt.date):
        raise PolicyError(
            f"policy {policy.id!r}: rectification_due() gave {value!r}, not a date or deadline"
        )
    return DueDate(
        date=date,
        rule=str(getattr(value, "rule", None) or "rectification_due"),
        trigger=received,
        rolled_from=getattr(value, "rolled_from", None),
        provisional=bool(getattr(value, "provisional", False)),
        citation=citation,
    )


def deadline_from(decision: DecisionLike) -> tuple[str, str, DueDate]:
    """``(id, description, due)`` of one fixed report deadline decision."""
    value = decision.value
    date = value if isinstance(value, dt.date) else getattr(value, "date", None)
    if not isinstance(date, dt.date):
        raise PolicyError(f"a deadline decision gave {value!r}, not a date or deadline")
    rule = str(getattr(value, "id", None) or getattr(value, "rule", None) or "deadline")
    description = str(getattr(value, "description", None) or rule)
    return (
        rule,
        description,
        DueDate(
            date=date,
            rule=rule,
            rolled_from=getattr(value, "rolled_from", None),
            provisional=bool(getattr(value, "provisional", False)),
            citation=CitationRecord.of(decision.citation),
        ),
    )
