"""Findings of an inspection and the rectification items that follow them (整改台账 rows).

A :class:`Finding` is what a team found at a hospital. Each measure the policy attaches to it
(or that a user adds by hand) becomes a :class:`RectificationItem`, which records the measure
*as data* — code, label and the clause it comes from (a policy
:class:`~hospital_inspection.policy.Citation`) — and its due date as a :class:`DueDate`, so that a
ledger file can be read back without the policy that produced it.

>>> import datetime as dt
>>> f = Finding(id="F1", hospital="H001", round="2025", description="未建立整改台账",
...             severity=Severity.parse("较重"), found_on=dt.date(2025, 11, 20), found_by="E01")
>>> f.severity.label
'较重'
>>> item = RectificationItem.new(
...     id="F1-1", finding=f, measure=Measure(code="rectify", label="限期整改"))
>>> item.status.label
'待整改'
>>> item = item.advance(ItemStatus.IN_PROGRESS, on=dt.date(2025, 12, 1), by="医务科")
>>> [c.status.code for c in item.history]
['open', 'in_progress']
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.citations import Citation
from hospital_inspection.dates.deadlines import MANUAL_RULE, Deadline
from hospital_inspection.enums import LabeledEnum, MeasureScope, Party, Strength
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message

__all__ = [
    "MANUAL_RULE",
    "DueDate",
    "Finding",
    "ItemStatus",
    "Measure",
    "RectificationItem",
    "Severity",
    "StatusChange",
]


class Severity(LabeledEnum):
    """How serious a finding is (a local grading; the seed documents define none).

    Not :class:`~hospital_inspection.ComplianceLevel`, which grades how a *plan* deviates from a
    rule (violation / warning / info).
    """

    MINOR = "minor", "一般", "一般问题"
    MAJOR = "major", "较重", "较重问题", "较严重"
    SEVERE = "severe", "严重", "严重问题"


class ItemStatus(LabeledEnum):
    """Where a rectification item stands.

    Allowed moves (anything else is a :class:`~hospital_inspection.DataError`):

    - 待整改 open → 整改中 in_progress, or straight to 已整改 rectified (立行立改);
    - 整改中 in_progress → 已整改 rectified;
    - 已整改 rectified → 已验收 verified, or back to 整改中 in_progress when the check of the
      rectification fails (验收未通过);
    - 已验收 verified is final.
    """

    OPEN = "open", "待整改", "未整改"
    IN_PROGRESS = "in_progress", "整改中", "正在整改"
    RECTIFIED = "rectified", "已整改", "整改完成"
    VERIFIED = "verified", "已验收", "验收通过"

    @property
    def is_done(self) -> bool:
        """True once the hospital has rectified (已整改 or 已验收): the item can't be overdue."""
        return self in (ItemStatus.RECTIFIED, ItemStatus.VERIFIED)

    def can_move_to(self, other: ItemStatus) -> bool:
        """Whether the status machine allows ``self -> other``."""
        return other in _MOVES[self]


_MOVES: dict[ItemStatus, frozenset[ItemStatus]] = {
    ItemStatus.OPEN: frozenset({ItemStatus.IN_PROGRESS, ItemStatus.RECTIFIED}),
    ItemStatus.IN_PROGRESS: frozenset({ItemStatus.RECTIFIED}),
    ItemStatus.RECTIFIED: frozenset({ItemStatus.VERIFIED, ItemStatus.IN_PROGRESS}),
    ItemStatus.VERIFIED: frozenset(),
}


@v.collect_errors
@attrs.frozen(kw_only=True)
class Measure:
    """A measure (处置措施 / 整改措施) as recorded on an item.

    Attributes:
        code: the measure's stable code as the policy names it.
        label: its Chinese label, e.g. ``"线索移交"``.
        trigger: the trigger code that produced it (``None`` for a measure added by hand).
        policy: id of the policy that produced it (``None`` for a measure added by hand).
        citation: the clause it comes from (``None`` for a measure added by hand without one).
        note: free text, e.g. why a measure was added by hand.
        party: who owes it (责任单位): the hospital or an authority; ``None`` when not recorded
            (a ledger written before parties were kept, or a measure added by hand without).
        strength: how the clause binds (mandatory / optional …), from the policy.
        scope: taken for each finding, or once per hospital and round.
        decided_by: who decided to take it, for a measure the authority chooses (等措施, 视情况,
            根据工作需要): the item opened on that decision.
        decided_on: when that decision was taken.
        received_by: who receives it (the 整改报告 goes to the superior health authority).
    """

    code: str = attrs.field(validator=v.non_empty_str)
    label: str = attrs.field(validator=v.non_empty_str)
    trigger: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    policy: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    citation: Citation | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Citation))
    )
    note: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    party: Party | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(v.enum_converter(Party)),  # type: ignore[misc]
        validator=attrs.validators.optional(v.member_of(Party)),
    )
    strength: Strength | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(v.enum_converter(Strength)),  # type: ignore[misc]
        validator=attrs.validators.optional(v.member_of(Strength)),
    )
    scope: MeasureScope = attrs.field(
        default=MeasureScope.FINDING,
        converter=v.enum_converter(MeasureScope),  # type: ignore[misc]
        validator=v.member_of(MeasureScope),
    )
    decided_by: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    decided_on: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    received_by: Party | None = attrs.field(
        default=None,
        converter=attrs.converters.optional(v.enum_converter(Party)),  # type: ignore[misc]
        validator=attrs.validators.optional(v.member_of(Party)),
    )

    def __attrs_post_init__(self) -> None:
        if (self.decided_by is None) != (self.decided_on is None):
            raise v.fail(
                self,
                "decided_on",
                Message(N_("give both decided_by and decided_on, or neither")),
            )

    @property
    def by_hand(self) -> bool:
        """True when no policy rule produced this measure."""
        return self.policy is None


#: The ledger's due dates are :class:`~hospital_inspection.Deadline` values (same fields, same
#: JSON); ``DueDate`` stays as a name for them so that code and ledger files written before the two
#: were merged keep working.
DueDate = Deadline


def _due(instance: RectificationItem, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, Deadline):
        raise v.fail(
            instance,
            attribute.name,
            Message(N_("{value} is not a Deadline or None"), {"value": repr(value)}),
        )
    if value.trigger is not None and value.date < value.trigger:
        raise v.fail(
            instance,
            attribute.name,
            Message(
                N_("{date} is before its trigger {trigger}"),
                {"date": value.date, "trigger": value.trigger},
            ),
        )


@v.collect_errors
@attrs.frozen(kw_only=True)
class StatusChange:
    """One entry of an item's history: the status it moved to, when, who, and why.

    Attributes:
        status: the new status.
        date: the day of the change.
        by: who recorded it (a person or a department).
        note: free text.
    """

    status: ItemStatus = attrs.field(
        converter=v.enum_converter(ItemStatus),  # type: ignore[misc]
        validator=v.member_of(ItemStatus),
    )
    date: dt.date = attrs.field(validator=v.is_date)
    by: str = attrs.field(validator=v.non_empty_str)
    note: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)


@v.collect_errors
@attrs.frozen(kw_only=True)
class Finding:
    """A problem (or a practice worth spreading) found at one hospital in one round.

    Attributes:
        id: stable identifier.
        hospital: id of the hospital.
        round: the round's name, e.g. ``"2025"`` or ``"2024-2026"``.
        description: what was found (问题描述).
        found_on: the day it was found.
        found_by: who found it (an expert's id or a team).
        severity: 一般 / 较重 / 严重.
        checklist_item: id of the item of the policy's checklist (巡查重点) it falls under,
            e.g. ``"三、(二)4.(8)"``; ``None`` when it falls under none.
        triggers: codes of the policy triggers it raises, e.g. ``("violation_clue",)``; the
            policy's measure rules map each trigger to measures.
        evidence: references to the evidence (file numbers, interview records).
    """

    id: str = attrs.field(validator=v.identifier)
    hospital: str = attrs.field(validator=v.identifier)
    round: str = attrs.field(validator=v.non_empty_str)
    description: str = attrs.field(validator=v.non_empty_str)
    found_on: dt.date = attrs.field(validator=v.is_date)
    found_by: str = attrs.field(validator=v.non_empty_str)
    severity: Severity = attrs.field(
        default=Severity.MINOR,
        converter=v.enum_converter(Severity),  # type: ignore[misc]
        validator=v.member_of(Severity),
    )
    checklist_item: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    triggers: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=[v.str_collection, v.no_duplicates]
    )
    evidence: tuple[str, ...] = attrs.field(
        default=(), converter=v.to_tuple, validator=v.str_collection
    )


def _history(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    v.all_of(StatusChange)(instance, attribute, value)
    assert isinstance(value, tuple)
    if not value:
        raise v.fail(
            instance, "history", Message(N_("is empty; expected at least the opening entry"))
        )
    if value[0].status is not ItemStatus.OPEN:
        raise v.fail(
            instance,
            "history",
            Message(N_("starts with {status}; expected 待整改"), {"status": value[0].status.label}),
        )
    for before, after in itertools.pairwise(value):
        _check_move(instance, before, after.status, after.date)


def _check_move(instance: object, last: StatusChange, status: ItemStatus, on: dt.date) -> None:
    if on < last.date:
        backwards = N_("a change dated {on} comes after one dated {last}; dates never go backwards")
        raise v.fail(instance, "history", Message(backwards, {"on": on, "last": last.date}))
    if not last.status.can_move_to(status):
        allowed = ", ".join(s.label for s in ItemStatus if last.status.can_move_to(s))
        move = N_("cannot move from {last} to {status}; allowed: {allowed}")
        params = {"last": last.status.label, "status": status.label, "allowed": allowed or "none"}
        if not allowed:
            move = N_("cannot move from {last} to {status}; allowed: none")
        raise v.fail(instance, "history", Message(move, params))


@v.collect_errors
@attrs.frozen(kw_only=True)
class RectificationItem:
    """One measure taken on one finding, with its due date and its status history.

    The status is the last entry of :attr:`history`; *overdue* and *escalated* are derived
    from the due date and a date you ask about, never stored.

    Attributes:
        id: stable identifier.
        finding: id of the finding.
        measure: the measure, recorded as data.
        history: the status changes, oldest first; starts with 待整改 open.
        responsible: the department responsible (责任部门), if known.
        feedback_received: when the hospital received the inspection feedback (反馈意见).
        due: the due date with its provenance, only where a document sets one (or set by hand,
            then ``due.by_hand``).
        no_due: why there is no due date, e.g. ``"威卫办〔2024〕11号 四、(三) sets no period for
            回头看"``.
    """

    id: str = attrs.field(validator=v.identifier)
    finding: str = attrs.field(validator=v.identifier)
    measure: Measure = attrs.field(validator=attrs.validators.instance_of(Measure))
    history: tuple[StatusChange, ...] = attrs.field(converter=v.to_tuple, validator=_history)
    responsible: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    feedback_received: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    due: Deadline | None = attrs.field(default=None, validator=_due)
    no_due: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)

    @property
    def party(self) -> Party | None:
        """Who owes the item (责任单位), as its measure records."""
        return self.measure.party

    @classmethod
    def new(
        cls,
        *,
        id: str,
        finding: Finding,
        measure: Measure,
        responsible: str | None = None,
        by: str | None = None,
    ) -> RectificationItem:
        """A new open item, opened on the day the finding was found (or the decision taken).

        Its due date is left empty, with the reason, when the measure's clause sets no period.
        """
        if not isinstance(finding, Finding):
            raise DataError(
                Message(N_("finding: {value} is not a Finding"), {"value": repr(finding)})
            )
        if not isinstance(measure, Measure):
            raise DataError(
                Message(N_("measure: {value} is not a Measure"), {"value": repr(measure)})
            )
        opened = StatusChange(
            status=ItemStatus.OPEN,
            date=measure.decided_on or finding.found_on,
            by=by or measure.decided_by or finding.found_by,
        )
        no_due = None
        if measure.citation is not None:
            no_due = (
                f"{measure.citation.document} {measure.citation.clause} sets no period for "
                f"{measure.label}"
            )
        return cls(
            id=id,
            finding=finding.id,
            measure=measure,
            history=(opened,),
            responsible=responsible,
            no_due=no_due,
        )

    @property
    def status(self) -> ItemStatus:
        """The current status (the last entry of the history)."""
        return self.history[-1].status

    @property
    def opened_on(self) -> dt.date:
        """The day the item was opened."""
        return self.history[0].date

    def status_on(self, as_of: dt.date) -> ItemStatus | None:
        """The status on ``as_of`` (changes dated that day count); ``None`` before it existed."""
        current: ItemStatus | None = None
        for change in self.history:
            if change.date > as_of:
                break
            current = change.status
        return current

    def days_overdue(self, as_of: dt.date) -> int:
        """Days past the due date on ``as_of``; 0 when on time, done, or without a due date.

        Example:
            >>> import datetime as dt
            >>> f = Finding(id="F", hospital="H", round="r", description="d",
            ...             found_on=dt.date(2025, 12, 1), found_by="E")
            >>> item = attrs.evolve(RectificationItem.new(id="F-1", finding=f,
            ...     measure=Measure(code="m", label="整改")),
            ...     due=DueDate(date=dt.date(2026, 2, 28), rule="manual"))
            >>> item.days_overdue(dt.date(2026, 2, 28)), item.days_overdue(dt.date(2026, 3, 1))
            (0, 1)
        """
        status = self.status_on(as_of)
        if self.due is None or status is None or status.is_done:
            return 0
        return max(0, (as_of - self.due.date).days)

    def is_overdue(self, as_of: dt.date) -> bool:
        """Not rectified on ``as_of`` and ``as_of`` is after the due date."""
        return self.days_overdue(as_of) > 0

    def is_escalated(self, as_of: dt.date, *, after_days: int) -> bool:
        """Overdue by more than ``after_days`` days on ``as_of``.

        ``after_days`` is a local choice of the office keeping the ledger, not a policy fact.
        """
        if isinstance(after_days, bool) or not isinstance(after_days, int) or after_days < 0:
            raise DataError(
                Message(
                    N_("after_days: {value} is not a whole number of days >= 0"),
                    {"value": repr(after_days)},
                )
            )
        return self.days_overdue(as_of) > after_days

    def advance(
        self, status: ItemStatus | str, *, on: dt.date, by: str, note: str | None = None
    ) -> RectificationItem:
        """A copy with one more history entry.

        Raises:
            DataError: the move is not allowed, or ``on`` is before the last entry.
        """
        change = StatusChange(status=ItemStatus.parse(status), date=on, by=by, note=note)
        _check_move(self, self.history[-1], change.status, change.date)
        return attrs.evolve(self, history=(*self.history, change))
