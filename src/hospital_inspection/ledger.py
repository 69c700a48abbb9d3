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
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from hospital_inspection import _validate as v
from hospital_inspection._names import Lookup
from hospital_inspection.calendars import WorkCalendar
from hospital_inspection.convert import from_json, to_json
from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import ConflictError, DataError, PolicyError
from hospital_inspection.findings import (
    DueDate,
    Finding,
    ItemStatus,
    Measure,
    RectificationItem,
)
from hospital_inspection.followup_policy import (
    MeasureSource,
    PolicyLike,
    due_date_from,
    measures_from,
)
from hospital_inspection.hospitals import Hospital
from hospital_inspection.ledger_queries import (
    ESCALATE_AFTER_DAYS,
    FollowUpCandidate,
    LedgerQueries,
    OverdueItem,
    ReportDue,
    UpcomingDeadline,
)
from hospital_inspection.ledger_store import DEFAULT_TIMEOUT, LedgerStore, StoredLedger

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
            shaped like :class:`~hospital_inspection.followup_policy.PolicyLike`); may also be
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
        self._versions: dict[str, int] = {}
        self._store: LedgerStore | None = None
        self._load(snapshot.findings, snapshot.items)

    def _load(self, findings: Iterable[Finding], items: Iterable[RectificationItem]) -> None:
        for f in findings:
            if f.id in self._findings:
                raise DataError(f"findings: id {f.id!r} appears more than once")
            self._findings[f.id] = f
            self._versions[f"finding:{f.id}"] = 1
        for i in items:
            if i.id in self._items:
                raise DataError(f"items: id {i.id!r} appears more than once")
            if i.finding not in self._findings:
                raise DataError(f"items[{i.id}].finding: no finding {i.finding!r}")
            self._items[i.id] = i
            self._versions[f"item:{i.id}"] = 1

    def _replace(self, stored: StoredLedger) -> None:
        """Take the file's records (read in one snapshot) as the ledger's."""
        self._findings = {f.id: f for f in stored.findings}
        self._items = {i.id: i for i in stored.items}
        self._versions = dict(stored.versions)
        if stored.policy is not None:
            self.policy_id = stored.policy

    # -- files -------------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        policy: MeasureSource | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Ledger:
        """A new, empty ledger bound to a new file at ``path``.

        Raises:
            LedgerFileError: the file already exists (also when another process creates it at
                the same moment: exactly one of two creates succeeds).
        """
        return cls(policy=policy).save_as(path, timeout=timeout)

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        policy: MeasureSource | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> Ledger:
        """The ledger stored at ``path``, bound to it (see :mod:`.ledger_store`).

        The file is read in one snapshot and checked record by record; a file of schema
        version 1 is upgraded. ``timeout``: seconds to wait while another process holds the
        file locked.

        Raises:
            LedgerFileError: the file is missing, corrupt, not a ledger, holds a record changed
                outside the library, or is of a newer schema; the file is left as it was.
            LedgerBusyError: the file stayed locked for ``timeout`` seconds.
        """
        store = LedgerStore.open(path, timeout=timeout)
        try:
            stored = store.take_opened()
            ledger = cls(snapshot=LedgerSnapshot(policy=stored.policy))
            ledger._replace(stored)
            if policy is not None:
                ledger._check_policy(policy)
                ledger.policy = policy
        except BaseException:
            store.close()
            raise
        ledger._store = store
        return ledger

    def save_as(self, path: str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT) -> Ledger:
        """Write the whole ledger to a new file and bind to it; returns ``self``.

        Raises:
            LedgerFileError: the file already exists.
        """
        store = LedgerStore.create(
            path, policy=self.policy_id, findings=self.findings, items=self.items, timeout=timeout
        )
        self.close()
        self._store = store
        self._replace(store.take_opened())
        return self

    def refresh(self) -> Ledger:
        """Read the file again (one snapshot) to see other writers' changes; returns ``self``.

        A no-op for a ledger in memory, or when nobody has written since the last read.
        """
        if self._store is not None:
            self._refresh_from(self._store)
        return self

    def _refresh_from(self, store: LedgerStore) -> None:
        """Take what other processes wrote since the last read (re-reading changed records)."""
        if store.changed():
            known = StoredLedger(
                policy=self.policy_id,
                findings=self.findings,
                items=self.items,
                versions=self._versions,
            )
            stored = store.read(known=known)
            assert stored is not None
            self._replace(stored)

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
        from hospital_inspection.ledger_export import ledger_html

        return ledger_html(self, dt.date.today())

    def to_frame(
        self, *, as_of: dt.date | None = None, hospitals: Lookup[Hospital] | None = None
    ) -> Any:
        """The items as a pandas DataFrame, one row per item, as of a day (extra ``pandas``).

        ``as_of`` defaults to today, as in the notebook view; ``hospitals`` adds a
        ``hospital_name`` column. See :func:`hospital_inspection.frames.ledger_to_frame` for the
        columns.

        Raises:
            MissingExtraError: pandas is not installed.
        """
        from hospital_inspection.frames import ledger_to_frame

        return ledger_to_frame(
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

    def _write(self, change: Callable[[], _Change]) -> _Change:
        """Decide and write one change: in memory, or in one write transaction of the file.

        Bound to a file, the file's write lock is taken first and the ledger re-read if another
        process wrote since the last read; ``change`` then decides against the file's records
        (ids, duplicates, versions) and the result is written before memory changes.
        """
        store = self._store
        if store is None:
            result = change()
            self._apply(result, {})
            return result
        with store.transaction():
            self._refresh_from(store)
            result = change()
            versions: dict[str, int] = {}
            if result.policy_id is not None and result.policy_id != self.policy_id:
                store.set_policy(result.policy_id)
            for f in result.findings:
                store.insert_finding(f)
                versions[f"finding:{f.id}"] = 1
            for i in result.new_items:
                store.insert_item(i)
                versions[f"item:{i.id}"] = 1
            for i in result.changed_items:
                key = f"item:{i.id}"
                versions[key] = store.update_item(i, based_on=self._versions[key])
        self._apply(result, versions)
        return result

    def _apply(self, result: _Change, versions: dict[str, int]) -> None:
        if result.policy_id is not None:
            self.policy_id = result.policy_id
        for f in result.findings:
            self._findings[f.id] = f
        for i in (*result.new_items, *result.changed_items):
            self._items[i.id] = i
        for key in (
            *(f"finding:{f.id}" for f in result.findings),
            *(f"item:{i.id}" for i in (*result.new_items, *result.changed_items)),
        ):
            self._versions[key] = versions.get(key, self._versions.get(key, 0) + 1)

    def _unchanged_since(self, basis: RectificationItem, version: int) -> RectificationItem:
        """The item as the file holds it, if it is still the version the caller read.

        Raises:
            ConflictError: another writer changed or removed it since; says what changed.
        """
        current = self._items.get(basis.id)
        if current is not None and self._versions.get(f"item:{basis.id}") == version:
            return current
        if current is None:  # pragma: no cover - items are never deleted
            raise ConflictError(f"item {basis.id!r} is no longer in the ledger", record=basis.id)
        raise ConflictError(
            f"item {basis.id!r} was changed by another writer after you read it "
            f"({_difference(basis, current)}); nothing was written: read the ledger again "
            "(Ledger.refresh() or reopen) and decide again",
            record=basis.id,
        )

    def next_finding_id(self, hospital: str) -> str:
        """The id the next numbered finding of ``hospital`` gets: ``<hospital>-<n>``.

        ``n`` is one more than the hospital's findings, skipping ids already taken. As the
        ledger stands in memory; :meth:`new_finding` allocates it inside the write transaction,
        where the file decides.

        >>> import datetime as dt
        >>> ledger = Ledger()
        >>> ledger.next_finding_id("H001")
        'H001-1'
        """
        if not isinstance(hospital, str) or not hospital.strip():
            raise DataError(f"hospital: {hospital!r} is not a hospital id (a non-empty text)")
        n = sum(f.hospital == hospital for f in self._findings.values()) + 1
        while f"{hospital}-{n}" in self._findings:
            n += 1
        return f"{hospital}-{n}"

    def new_finding(
        self,
        *,
        hospital: str,
        policy: MeasureSource | None = None,
        kind: VisitKind | None = None,
        responsible: str | None = None,
        measures: Iterable[Measure] = (),
        **fields: Any,
    ) -> tuple[Finding, tuple[RectificationItem, ...]]:
        """Add a finding numbered by the ledger (:meth:`next_finding_id`), and its items.

        The id is allocated inside the write transaction, so two offices adding findings of
        one hospital to a shared file at the same time get different ids. ``fields`` are the
        other fields of :class:`~hospital_inspection.findings.Finding` (``round``,
        ``description``, ``found_on``, ``found_by``, …); the rest is as :meth:`add_finding`.

        Returns:
            The finding as added, and its new items.
        """
        draft = Finding(id="draft", hospital=hospital, **fields)
        chosen = self._measures_for(draft, policy, kind, measures)
        added: list[Finding] = []

        def change() -> _Change:
            finding = attrs.evolve(draft, id=self.next_finding_id(hospital))
            added.append(finding)
            return self._finding_change(finding, chosen, responsible)

        result = self._write(change)
        return added[-1], result.new_items

    def _measures_for(
        self,
        finding: Finding,
        policy: MeasureSource | None,
        kind: VisitKind | None,
        by_hand: Iterable[Measure],
    ) -> tuple[tuple[Measure, ...], str | None]:
        extra = tuple(by_hand)
        for m in extra:
            if not isinstance(m, Measure):
                raise DataError(f"measures: {m!r} is not a Measure")
        if not finding.triggers:
            return extra, None
        source = self._policy(policy, f"finding {finding.id!r} with triggers")
        measures: list[Measure] = []
        for trigger in finding.triggers:
            measures.extend(measures_from(source, trigger, kind=kind))
        return (*measures, *extra), source.id

    def _finding_change(
        self,
        finding: Finding,
        measures: tuple[tuple[Measure, ...], str | None],
        responsible: str | None,
    ) -> _Change:
        if finding.id in self._findings:
            raise ConflictError(
                f"finding {finding.id!r} is already in the ledger; choose another id "
                "(or use new_finding() to let the ledger number it)",
                record=finding.id,
            )
        chosen, policy_id = measures
        items = tuple(
            RectificationItem.new(
                id=f"{finding.id}-{n}", finding=finding, measure=m, responsible=responsible
            )
            for n, m in enumerate(chosen, start=1)
        )
        return _Change(findings=(finding,), new_items=items, policy_id=policy_id)

    def add_finding(
        self,
        finding: Finding,
        *,
        policy: MeasureSource | None = None,
        kind: VisitKind | None = None,
        responsible: str | None = None,
        measures: Iterable[Measure] = (),
    ) -> tuple[RectificationItem, ...]:
        """Add a finding and one open item per measure the policy attaches to its triggers.

        Args:
            finding: the finding.
            policy: the policy to ask (default: the ledger's).
            kind: the kind of visit that found it, for policies whose measures differ by kind
                (Jilin's 限期整改、全省通报、线索移交 are for its 回头看); ``None`` takes the
                measures of every kind.
            responsible: the department responsible for the new items.
            measures: measures added by hand with the finding (after the policy's), in the
                same transaction.

        Raises:
            ConflictError: a finding with this id is already in the ledger (or, for a shared
                file, was added by another process meanwhile).
            RuleNotInPolicy: (from the policy) it has no measure rule for a trigger.
        """
        if not isinstance(finding, Finding):
            raise DataError(f"{finding!r} is not a Finding")
        chosen = self._measures_for(finding, policy, kind, measures)
        result = self._write(lambda: self._finding_change(finding, chosen, responsible))
        return result.new_items

    def add_measure(
        self,
        finding_id: str,
        measure: Measure,
        *,
        on: dt.date | None = None,
        by: str | None = None,
        responsible: str | None = None,
    ) -> RectificationItem:
        """Add a measure by hand: a new open item, opened ``on`` (default: the finding's date).

        The item's number is allocated inside the write transaction.
        """

        def change() -> _Change:
            finding = self.finding(finding_id)
            n = len(self.items_of(finding_id)) + 1
            while f"{finding_id}-{n}" in self._items:
                n += 1
            item = RectificationItem.new(
                id=f"{finding_id}-{n}", finding=finding, measure=measure, responsible=responsible
            )
            if on is not None or by is not None:
                opened = attrs.evolve(
                    item.history[0], date=on or finding.found_on, by=by or "manual"
                )
                item = attrs.evolve(item, history=(opened,))
            return _Change(new_items=(item,))

        return self._write(change).new_items[0]

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
            ConflictError: one of ``items`` was changed by another writer after it was read.
            RuleNotInPolicy: (from the policy) it has no rectification-report period.
        """
        if not isinstance(received, dt.date) or isinstance(received, dt.datetime):
            raise DataError(f"received: {received!r} is not a date (YYYY-MM-DD)")
        if due is None:
            source = self._policy(policy, "record_feedback")
            if not isinstance(source, PolicyLike):
                raise PolicyError(f"policy {source.id!r} cannot compute rectification_due")
            due = due_date_from(source, received, calendar=calendar, roll_forward=roll_forward)
        elif calendar is not None or roll_forward is not None:
            raise DataError("due: give either due= or calendar=/roll_forward=, not both")
        basis = None if items is None else [self._based_on(i) for i in items]
        chosen_due = due

        def change() -> _Change:
            if basis is not None:
                chosen = [self._unchanged_since(i, version) for i, version in basis]
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
                updated.append(attrs.evolve(i, feedback_received=received, due=chosen_due))
            return _Change(changed_items=tuple(updated))

        return self._write(change).changed_items

    def _based_on(self, item_id: str) -> tuple[RectificationItem, int]:
        """The item as read now, and its version: what a change is based on."""
        return self.item(item_id), self._versions.get(f"item:{item_id}", 0)

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


@attrs.frozen(kw_only=True)
class _Change:
    """What one change writes: new findings, new items, changed items, a policy id."""

    findings: tuple[Finding, ...] = ()
    new_items: tuple[RectificationItem, ...] = ()
    changed_items: tuple[RectificationItem, ...] = ()
    policy_id: str | None = None


def _difference(before: RectificationItem, after: RectificationItem) -> str:
    """What another writer changed on an item, in words."""
    said = []
    if len(after.history) != len(before.history) or after.status is not before.status:
        last = after.history[-1]
        note = f", {last.note}" if last.note else ""
        said.append(
            f"status {before.status.label} → {after.status.label} on {last.date.isoformat()} "
            f"by {last.by}{note}"
        )
    if after.due != before.due:
        said.append(
            "due date "
            + ("none" if before.due is None else before.due.date.isoformat())
            + " → "
            + ("none" if after.due is None else after.due.date.isoformat())
        )
    for name in ("responsible", "feedback_received", "measure"):
        if getattr(after, name) != getattr(before, name) and name != "feedback_received":
            said.append(f"{name} changed")
    return "; ".join(said) or "its record was rewritten"
