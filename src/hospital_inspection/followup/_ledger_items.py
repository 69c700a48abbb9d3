"""The private ledger mixin that changes items: feedback received, due dates, progress.

:class:`_LedgerItems` records the day a hospital received the feedback (its 整改报告 duty
opens, due as the policy counts), sets due dates by hand, and appends status changes, each
based on the item as last read. Private base of
:class:`~hospital_inspection.followup.ledger.Ledger`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.dates.calendars import WorkCalendar
from hospital_inspection.enums import MeasureScope
from hospital_inspection.errors import DataError, PolicyError
from hospital_inspection.followup._ledger_base import _Change, _LedgerBase
from hospital_inspection.followup.findings import (
    MANUAL_RULE,
    DueDate,
    Finding,
    ItemStatus,
    Measure,
    RectificationItem,
)
from hospital_inspection.followup.port import PolicyLike, due_date_from
from hospital_inspection.i18n import N_, Message


class _LedgerItems(_LedgerBase):
    """Changes to items: the feedback and its report, due dates by hand, progress."""

    def record_feedback(
        self,
        hospital: str,
        received: dt.date,
        *,
        round: str | None = None,
        policy: PolicyLike | None = None,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
        due: DueDate | None = None,
        items: Iterable[str] | None = None,
    ) -> tuple[RectificationItem, ...]:
        """Record the day ``hospital`` received the feedback; its 整改报告 duty opens, due then.

        The rectification report is the *hospital's* duty, received by its superior health
        authority (威卫办〔2024〕11号 四、(三) "医疗机构收到巡查反馈意见后应在2个月内向上级卫生健康
        行政部门报送整改报告"): one item per hospital and round (``round``, else every round of
        the hospital's findings without one), party 医疗机构, due
        ``policy.rectification_due(received, calendar=calendar, roll_forward=roll_forward)``
        (``None``: the policy's own default; Weihai's rolls a last day that is a rest day
        forward on China's official calendar), or ``due`` when given (e.g. set by hand). The
        authority's measures (回头看, 公示, 移送线索 …) get no due date from it: no document
        sets one.

        ``items`` (ids) instead sets this due date on those items, as the user chooses.

        Raises:
            DataError: the hospital has no finding (in ``round``) waiting for its report, a
                finding is dated after ``received``, or ``due`` is given together with
                ``calendar`` or ``roll_forward``.
            ConflictError: one of ``items`` was changed by another writer after it was read.
            RuleNotInPolicy: (from the policy) it has no rectification-report period.
        """
        received = v.require_date(received, "received")
        report = _REPORT
        if due is None:
            source = self._policy(policy, "record_feedback")
            if not isinstance(source, PolicyLike):
                raise PolicyError(f"policy {source.id!r} cannot compute rectification_due")
            due = due_date_from(source, received, calendar=calendar, roll_forward=roll_forward)
            report = _report_measure(source, due)
        elif calendar is not None or roll_forward is not None:
            raise DataError(
                Message(N_("due: give either due= or calendar=/roll_forward=, not both"))
            )
        basis = None if items is None else [self._based_on(i) for i in items]
        chosen_due = due

        def check_date(f: Finding) -> None:
            if f.hospital != hospital:
                other = N_("finding {finding} belongs to {owner}, not {hospital}")
                raise DataError(
                    Message(
                        other,
                        {
                            "finding": repr(f.id),
                            "owner": repr(f.hospital),
                            "hospital": repr(hospital),
                        },
                    )
                )
            if received < f.found_on:
                early = N_(
                    "feedback received {received} is before finding {finding} was found ({found})"
                )
                raise DataError(
                    Message(
                        early, {"received": received, "finding": repr(f.id), "found": f.found_on}
                    )
                )

        def change() -> _Change:
            if basis is not None:
                updated = []
                for i, version in basis:
                    current = self._unchanged_since(i, version)
                    check_date(self._findings[current.finding])
                    updated.append(
                        attrs.evolve(current, feedback_received=received, due=chosen_due)
                    )
                if not updated:
                    raise DataError(Message(N_("items: no item given")))
                return _Change(changed_items=tuple(updated))
            anchors: dict[str, Finding] = {}
            for f in self._findings.values():
                if f.hospital == hospital and (round is None or f.round == round):
                    anchors.setdefault(f.round, f)
            reported = {
                self._findings[i.finding].round
                for i in self._items.values()
                if i.measure.code == report.code and self._findings[i.finding].hospital == hospital
            }
            waiting = [f for r, f in anchors.items() if r not in reported]
            if not waiting:
                none_waiting = N_(
                    "no finding of hospital {hospital} is waiting for its 整改报告: "
                    "none recorded, or the feedback was already recorded"
                )
                if round is not None:
                    none_waiting = N_(
                        "no finding of hospital {hospital} in round {round} is waiting for its "
                        "整改报告: none recorded, or the feedback was already recorded"
                    )
                raise DataError(
                    Message(none_waiting, {"hospital": repr(hospital), "round": repr(round)})
                )
            new = []
            for f in waiting:
                for g in self._findings.values():
                    if g.hospital == hospital and g.round == f.round:
                        check_date(g)
                opened = RectificationItem.new(
                    id=f"{hospital}/{f.round}/{report.code}",
                    finding=f,
                    measure=report,
                    by=hospital,
                )
                opened = attrs.evolve(
                    opened,
                    history=(attrs.evolve(opened.history[0], date=received),),
                    feedback_received=received,
                    due=chosen_due,
                    no_due=None,
                )
                new.append(opened)
            return _Change(new_items=tuple(new))

        result = self._write(change)
        return result.changed_items or result.new_items

    def set_due(self, item_id: str, date: dt.date, *, note: str | None = None) -> RectificationItem:
        """Set an item's due date by hand (no document sets one); it is marked as set by hand.

        Raises:
            DataError: ``date`` is not a date or is before the item was opened.
            ConflictError: the item was changed by another writer after it was read.
        """
        basis, version = self._based_on(item_id)
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise DataError(
                Message(N_("date: {value} is not a date (YYYY-MM-DD)"), {"value": repr(date)})
            )
        if date < basis.opened_on:
            before = N_("date: {date} is before item {item} was opened ({opened})")
            raise DataError(
                Message(before, {"date": date, "item": repr(item_id), "opened": basis.opened_on})
            )
        del note  # the history records status changes only; the rule says "manual"

        def change() -> _Change:
            current = self._unchanged_since(basis, version)
            due = DueDate(date=date, rule=MANUAL_RULE)
            return _Change(changed_items=(attrs.evolve(current, due=due, no_due=None),))

        return self._write(change).changed_items[0]

    def record_progress(
        self,
        item_id: str,
        status: ItemStatus | str,
        *,
        on: dt.date,
        by: str,
        note: str | None = None,
    ) -> RectificationItem:
        """Append a status change to an item's history.

        The change is based on the item as this ledger last read it: if another process has
        changed the item since, it is refused (:class:`~hospital_inspection.ConflictError`
        saying what changed) and nothing is written.

        Raises:
            DataError: the move is not allowed, or ``on`` is before the item's last change.
            ConflictError: the item was changed by another writer after it was read.
        """
        basis, version = self._based_on(item_id)
        basis.advance(status, on=on, by=by, note=note)  # a bad move is bad input, not a conflict

        def change() -> _Change:
            current = self._unchanged_since(basis, version)
            return _Change(changed_items=(current.advance(status, on=on, by=by, note=note),))

        return self._write(change).changed_items[0]


#: The hospital's rectification report when the due date is given by hand (no policy asked).
_REPORT = Measure(code="rectification_report", label="整改报告", scope=MeasureScope.HOSPITAL)


def _report_measure(policy: PolicyLike, due: DueDate) -> Measure:
    """The 整改报告 duty as the policy words it: its clause, who owes it, who receives it."""
    rule = next(
        (d.value for d in policy.deadlines() if d.value.id == due.rule),
        None,
    )
    return Measure(
        code="rectification_report",
        label="整改报告",
        policy=policy.id,
        citation=due.citation,
        party=None if rule is None else rule.owed_by,
        received_by=None if rule is None else rule.received_by,
        strength=None if rule is None else rule.strength,
        scope=MeasureScope.HOSPITAL,
    )
