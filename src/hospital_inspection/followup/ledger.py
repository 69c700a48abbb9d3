"""The rectification ledger (整改台账): findings → measures → items, and questions about them.

A :class:`Ledger` holds findings and their rectification items. Measures come from the policy's
rules (each with its citation) or by hand; due dates come from the policy's rectification rule,
counted from the day the feedback (反馈意见) was received. Every question is asked *as of* a
date, so yesterday's answer stays reproducible.

Bound to a file (:meth:`Ledger.create`, :meth:`Ledger.open`), every change is written in one
transaction before the ledger in memory changes: if the write fails, neither changes.

>>> import datetime as dt
>>> ledger = Ledger()
>>> f = Finding(id="F1", hospital="H001", round="2025", description="未建立整改台账",
...             found_on=dt.date(2025, 11, 20), found_by="E01")
>>> _ = ledger.add_finding(f)
>>> item = ledger.add_measure("F1", Measure(code="rectify", label="限期整改"))
>>> _ = ledger.record_feedback("H001", dt.date(2025, 12, 31),
...                            due=DueDate(date=dt.date(2026, 2, 28), rule="manual"))
>>> [(o.item.id, o.days) for o in ledger.overdue(dt.date(2026, 3, 1))]
[('F1-1', 1)]
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from typing import Any

import attrs

from hospital_inspection import _atomic, _views
from hospital_inspection import _validate as v
from hospital_inspection.convert import from_json, to_json
from hospital_inspection.dates.calendars import WorkCalendar
from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import DataError, PolicyError
from hospital_inspection.followup.findings import (
    DueDate,
    Finding,
    ItemStatus,
    Measure,
    RectificationItem,
)
from hospital_inspection.followup.port import (
    MeasureSource,
    PolicyLike,
    due_date_from,
    measures_from,
)
from hospital_inspection.followup.queries import (
    ESCALATE_AFTER_DAYS,
    FollowUpCandidate,
    LedgerQueries,
    OverdueItem,
    ReportDue,
    UpcomingDeadline,
)
from hospital_inspection.followup.store import LedgerStore
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.names import Lookup

__all__ = [
    "ESCALATE_AFTER_DAYS",
    "FollowUpCandidate",
    "Ledger",
    "LedgerSnapshot",
    "OverdueItem",
    "ReportDue",
    "UpcomingDeadline",
]


@attrs.frozen(kw_only=True)
class LedgerSnapshot:
    """The whole ledger as one value: what JSON export/import and equality compare.

    Attributes:
        policy: id of the policy the ledger follows, if any.
        findings: the findings, in the order added.
        items: the rectification items, in the order added.
    """

    policy: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    findings: tuple[Finding, ...] = ()
    items: tuple[RectificationItem, ...] = ()


class Ledger(LedgerQueries):
    """A rectification ledger; in memory, or bound to a SQLite file.

    Args:
        policy: where measures and due dates come from (``hi.load_policy(...)``, or anything
            shaped like :class:`~hospital_inspection.followup.port.PolicyLike`); may also be
            passed to each call instead.
        snapshot: the records to start from.
    """

    def __init__(
        self, *, policy: MeasureSource | None = None, snapshot: LedgerSnapshot | None = None
    ) -> None:
        snapshot = snapshot or LedgerSnapshot()
        self.policy = policy
        self.policy_id = snapshot.policy
        if policy is not None:
            self._check_policy(policy)
            self.policy_id = policy.id
        self._findings: dict[str, Finding] = {}
        self._items: dict[str, RectificationItem] = {}
        self._store: LedgerStore | None = None
        self._load(snapshot.findings, snapshot.items)

    def _load(self, findings: Iterable[Finding], items: Iterable[RectificationItem]) -> None:
        for f in findings:
            if f.id in self._findings:
                raise DataError(f"findings: id {f.id!r} appears more than once")
            self._findings[f.id] = f
        for i in items:
            if i.id in self._items:
                raise DataError(f"items: id {i.id!r} appears more than once")
            if i.finding not in self._findings:
                raise DataError(f"items[{i.id}].finding: no finding {i.finding!r}")
            self._items[i.id] = i

    # -- files -------------------------------------------------------------------------------

    @classmethod
    def create(cls, path: str | os.PathLike[str], *, policy: MeasureSource | None = None) -> Ledger:
        """A new, empty ledger bound to a new file at ``path``."""
        return cls(policy=policy).save_as(path)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, policy: MeasureSource | None = None) -> Ledger:
        """The ledger stored at ``path``, bound to it (see :mod:`.ledger_store`).

        Raises:
            LedgerFileError: the file is missing, corrupt, not a ledger or of a newer schema.
        """
        store = LedgerStore.open(path)
        try:
            findings, items = store.load()
            ledger = cls(
                policy=policy,
                snapshot=LedgerSnapshot(policy=store.policy, findings=findings, items=items),
            )
        except BaseException:
            store.close()
            raise
        ledger._store = store
        return ledger

    def save_as(self, path: str | os.PathLike[str]) -> Ledger:
        """Write the whole ledger to a new file and bind to it; returns ``self``."""
        store = LedgerStore.create(
            path, policy=self.policy_id, findings=self.findings, items=self.items
        )
        self.close()
        self._store = store
        return self

    def close(self) -> None:
        """Unbind from the file (the ledger stays usable in memory)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self) -> str | None:
        """The file the ledger is bound to, if any."""
        return None if self._store is None else str(self._store.path)

    # -- JSON ----------------------------------------------------------------------------------

    def snapshot(self) -> LedgerSnapshot:
        """The whole ledger as one immutable value."""
        return LedgerSnapshot(policy=self.policy_id, findings=self.findings, items=self.items)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The whole ledger as JSON (the library's converter)."""
        return to_json(self.snapshot(), indent=indent)

    @classmethod
    def from_json(cls, text: str | bytes, *, policy: MeasureSource | None = None) -> Ledger:
        """A ledger (in memory) read from :meth:`to_json` output.

        Raises:
            DataError: naming every field that does not fit.
        """
        return cls(policy=policy, snapshot=from_json(text, LedgerSnapshot, source="ledger JSON"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Ledger) and self.snapshot() == other.snapshot()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        where = f" at {self.path!r}" if self.path else ""
        return f"<Ledger {len(self._findings)} findings, {len(self._items)} items{where}>"

    def _repr_html_(self) -> str:
        html: str = _views.html(self, as_of=dt.date.today())
        return html

    def to_html(
        self,
        path: str | None = None,
        *,
        as_of: dt.date | None = None,
        lang: str | None = None,
        **options: Any,
    ) -> str:
        """The ledger (整改台账) as of a day (default today) as a printable, self-contained A4
        HTML document; written to ``path`` when given. Pass ``names=`` for hospital names. See
        :func:`hospital_inspection.display.document.ledger_document`.

        Returns:
            The HTML text.
        """
        day = dt.date.today() if as_of is None else as_of
        document: str = _views.document(self, as_of=day, lang=lang, **options)
        if path is not None:
            _atomic.write_bytes(path, document.encode("utf-8"))
        return document

    def to_frame(
        self, *, as_of: dt.date | None = None, hospitals: Lookup[Hospital] | None = None
    ) -> Any:
        """The items as a pandas DataFrame, one row per item, as of a day (extra ``pandas``).

        ``as_of`` defaults to today, as in the notebook view; ``hospitals`` adds a
        ``hospital_name`` column. See
        :func:`hospital_inspection.exports.frames.ledger_to_frame` for the columns.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        return _views.frame(
            self, as_of=dt.date.today() if as_of is None else as_of, hospitals=hospitals
        )

    # -- records -------------------------------------------------------------------------------

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding, in the order added."""
        return tuple(self._findings.values())

    @property
    def items(self) -> tuple[RectificationItem, ...]:
        """Every rectification item, in the order added."""
        return tuple(self._items.values())

    def finding(self, finding_id: str) -> Finding:
        """The finding with this id (``DataError`` if none)."""
        try:
            return self._findings[finding_id]
        except KeyError:
            raise DataError(f"no finding {finding_id!r} in the ledger") from None

    def item(self, item_id: str) -> RectificationItem:
        """The item with this id (``DataError`` if none)."""
        try:
            return self._items[item_id]
        except KeyError:
            raise DataError(f"no rectification item {item_id!r} in the ledger") from None

    def items_of(self, finding_id: str) -> tuple[RectificationItem, ...]:
        """The items of one finding."""
        return tuple(i for i in self._items.values() if i.finding == finding_id)

    # -- changes -------------------------------------------------------------------------------

    def _check_policy(self, policy: MeasureSource) -> None:
        if self.policy_id is not None and policy.id != self.policy_id:
            raise PolicyError(f"this ledger follows policy {self.policy_id!r}, not {policy.id!r}")

    def _policy(self, policy: MeasureSource | None, what: str) -> MeasureSource:
        chosen = policy if policy is not None else self.policy
        if chosen is None:
            raise PolicyError(f"{what} needs a policy: pass policy=... to the call or the Ledger")
        self._check_policy(chosen)
        return chosen

    def _commit(
        self,
        findings: tuple[Finding, ...] = (),
        items: tuple[RectificationItem, ...] = (),
        policy_id: str | None = None,
    ) -> None:
        """Write the change to the file (one transaction), then to memory."""
        new_policy = policy_id if policy_id != self.policy_id else None
        if self._store is not None:
            with self._store.transaction():
                self._store.put(findings=findings, items=items, policy=new_policy)
        if new_policy is not None:
            self.policy_id = new_policy
        for f in findings:
            self._findings[f.id] = f
        for i in items:
            self._items[i.id] = i

    def add_finding(
        self,
        finding: Finding,
        *,
        policy: MeasureSource | None = None,
        kind: VisitKind | None = None,
        responsible: str | None = None,
    ) -> tuple[RectificationItem, ...]:
        """Add a finding and one open item per measure the policy attaches to its triggers.

        Args:
            finding: the finding.
            policy: the policy to ask (default: the ledger's).
            kind: the kind of visit that found it, for policies whose measures differ by kind
                (Jilin's 限期整改、全省通报、线索移交 are for its 回头看); ``None`` takes the
                measures of every kind.
            responsible: the department responsible for the new items.

        Raises:
            DataError: a finding with this id is already in the ledger.
            RuleNotInPolicy: (from the policy) it has no measure rule for a trigger.
        """
        if not isinstance(finding, Finding):
            raise DataError(f"{finding!r} is not a Finding")
        if finding.id in self._findings:
            raise DataError(f"finding {finding.id!r} is already in the ledger")
        measures: list[Measure] = []
        if finding.triggers:
            source = self._policy(policy, f"finding {finding.id!r} with triggers")
            for trigger in finding.triggers:
                measures.extend(measures_from(source, trigger, kind=kind))
            policy_id: str | None = source.id
        else:
            policy_id = None
        items = tuple(
            RectificationItem.new(
                id=f"{finding.id}-{n}", finding=finding, measure=m, responsible=responsible
            )
            for n, m in enumerate(measures, start=1)
        )
        self._commit(findings=(finding,), items=items, policy_id=policy_id)
        return items

    def add_measure(
        self,
        finding_id: str,
        measure: Measure,
        *,
        on: dt.date | None = None,
        by: str | None = None,
        responsible: str | None = None,
    ) -> RectificationItem:
        """Add a measure by hand: a new open item, opened ``on`` (default: the finding's date)."""
        finding = self.finding(finding_id)
        n = len(self.items_of(finding_id)) + 1
        while f"{finding_id}-{n}" in self._items:
            n += 1
        item = RectificationItem.new(
            id=f"{finding_id}-{n}", finding=finding, measure=measure, responsible=responsible
        )
        if on is not None or by is not None:
            opened = attrs.evolve(item.history[0], date=on or finding.found_on, by=by or "manual")
            item = attrs.evolve(item, history=(opened,))
        self._commit(items=(item,))
        return item

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
        """Record the day ``hospital`` received the feedback; set the items' due date.

        The due date comes from ``policy.rectification_due(received, calendar=calendar,
        roll_forward=roll_forward)`` (``None``: the policy's own default; Weihai's rolls a last
        day that is a rest day forward on China's official calendar), or is given as ``due``.
        Applies to ``items`` (ids) or else to every item of the hospital (in ``round``, if
        given) that has no due date yet, whatever its measure: the policies do not say which
        measure the rectification report covers.

        Raises:
            DataError: no item matches, an item's finding is dated after ``received``, or
                ``due`` is given together with ``calendar`` or ``roll_forward``.
            RuleNotInPolicy: (from the policy) it has no rectification-report period.
        """
        received = v.require_date(received, "received")
        if due is None:
            source = self._policy(policy, "record_feedback")
            if not isinstance(source, PolicyLike):
                raise PolicyError(f"policy {source.id!r} cannot compute rectification_due")
            due = due_date_from(source, received, calendar=calendar, roll_forward=roll_forward)
        elif calendar is not None or roll_forward is not None:
            raise DataError("due: give either due= or calendar=/roll_forward=, not both")
        if items is not None:
            chosen = [self.item(i) for i in items]
        else:
            chosen = [
                i
                for i in self._items.values()
                if i.due is None
                and self._findings[i.finding].hospital == hospital
                and (round is None or self._findings[i.finding].round == round)
            ]
        if not chosen:
            raise DataError(f"no item of hospital {hospital!r} is waiting for a due date")
        updated = []
        for i in chosen:
            f = self._findings[i.finding]
            if f.hospital != hospital:
                raise DataError(f"item {i.id!r} belongs to {f.hospital!r}, not {hospital!r}")
            if received < f.found_on:
                raise DataError(
                    f"feedback received {received.isoformat()} is before finding {f.id!r} "
                    f"was found ({f.found_on.isoformat()})"
                )
            updated.append(attrs.evolve(i, feedback_received=received, due=due))
        self._commit(items=tuple(updated))
        return tuple(updated)

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

        Raises:
            DataError: the move is not allowed, or ``on`` is before the item's last change.
        """
        item = self.item(item_id).advance(status, on=on, by=by, note=note)
        self._commit(items=(item,))
        return item
