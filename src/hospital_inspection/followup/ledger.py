"""The rectification ledger (整改台账): findings → measures → items, and questions about them.

A :class:`Ledger` holds findings and the duties that follow them (items), each owed by a party
(责任单位: the hospital or an authority) with its clause. A measure the policy makes mandatory
opens an item with the finding; a measure the documents leave to the authority (等措施, 视情况,
根据工作需要, 可) is an option until :meth:`Ledger.decide` records who decided and when. The
hospital's 整改报告 opens when the feedback (反馈意见) is received, due as the policy's
rectification rule counts; other items have a due date only where a document sets one, or one
set by hand. Every question is asked *as of* a date, so yesterday's answer stays reproducible.

Bound to a file (:meth:`Ledger.create`, :meth:`Ledger.open`) that other processes may share,
every change is decided and written in one write transaction before the ledger in memory
changes: if the write fails or is refused, nothing is written (see
:mod:`hospital_inspection.followup.store`).

>>> import datetime as dt
>>> ledger = Ledger()
>>> f = Finding(id="F1", hospital="H001", round="2025", description="未建立整改台账",
...             found_on=dt.date(2025, 11, 20), found_by="E01")
>>> _ = ledger.add_finding(f)
>>> item = ledger.add_measure("F1", Measure(code="rectify", label="限期整改"))
>>> _ = ledger.record_feedback("H001", dt.date(2025, 12, 31),
...                            due=DueDate(date=dt.date(2026, 2, 28), rule="manual"))
>>> [(o.item.id, o.days) for o in ledger.overdue(dt.date(2026, 3, 1))]
[('H001/2025/rectification_report', 1)]
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from hospital_inspection import _validate as v
from hospital_inspection import _views
from hospital_inspection._validate import require_date
from hospital_inspection.convert import from_json, to_json
from hospital_inspection.dates.calendars import WorkCalendar
from hospital_inspection.enums import MeasureScope, VisitKind
from hospital_inspection.errors import ConflictError, DataError, PolicyError
from hospital_inspection.followup.briefing import Briefing, Problem, briefing
from hospital_inspection.followup.findings import (
    MANUAL_RULE,
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
    measure_of,
    opens_by_itself,
)
from hospital_inspection.followup.queries import (
    ESCALATE_AFTER_DAYS,
    FollowUpCandidate,
    LedgerQueries,
    OverdueItem,
    ReportDue,
    UpcomingDeadline,
)
from hospital_inspection.followup.store import DEFAULT_TIMEOUT, LedgerStore, StoredLedger
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.names import Lookup
from hospital_inspection.policy import Policy

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
        """The ledger stored at ``path``, bound to it (see :mod:`.store`).

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
        html: str = _views.html(self, as_of=dt.date.today())
        return html

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
        except (KeyError, TypeError):
            raise DataError(f"no finding {finding_id!r} in the ledger") from None

    def item(self, item_id: str) -> RectificationItem:
        """The item with this id (``DataError`` if none)."""
        try:
            return self._items[item_id]
        except (KeyError, TypeError):
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

    def briefing(
        self,
        hospital: str,
        *,
        as_of: dt.date,
        round: str | None = None,
        problems: Iterable[Problem] = (),
    ) -> Briefing:
        """What a team must bring to ``hospital`` on ``as_of`` (带着问题; 威卫办 五、(二)).

        See :func:`~hospital_inspection.followup.briefing.briefing`; the ledger's policy (if it
        is a library policy) says which round a 回头看 looks back on.
        """
        policy = self.policy if isinstance(self.policy, Policy) else None
        return briefing(self, hospital, as_of=as_of, round=round, policy=policy, problems=problems)

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
            for rule in source.measures(trigger, kind=kind).value:
                if opens_by_itself(rule):
                    measures.append(measure_of(rule, trigger=trigger, policy=source.id))
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
        once = [
            m for m in chosen if m.scope is MeasureScope.FINDING or not self._opened_for(finding, m)
        ]
        items = tuple(
            RectificationItem.new(
                id=f"{finding.id}-{n}", finding=finding, measure=m, responsible=responsible
            )
            for n, m in enumerate(once, start=1)
        )
        return _Change(findings=(finding,), new_items=items, policy_id=policy_id)

    def _opened_for(self, finding: Finding, measure: Measure) -> RectificationItem | None:
        """The item already opened for a per-hospital measure in the finding's hospital/round."""
        for i in self._items.values():
            f = self._findings[i.finding]
            if (
                i.measure.code == measure.code
                and i.measure.policy == measure.policy
                and f.hospital == finding.hospital
                and f.round == finding.round
            ):
                return i
        return None

    # -- measures the authority decides ------------------------------------------------------

    def options(
        self,
        finding_id: str,
        *,
        policy: MeasureSource | None = None,
        kind: VisitKind | None = None,
    ) -> tuple[Measure, ...]:
        """The measures the authority may take on a finding and has not decided yet.

        Where a clause lists measures with 等 / 依法依规 / 视情况 / 根据工作需要 / 可, they are
        options, not items: e.g. Weihai's 回头看 (四、(三) "要根据工作需要…组织巡查“回头看”") and
        Jilin's 限期整改、全省通报、线索移交 (二、(六) "依法依规采取…等措施处置"). Each comes
        with its clause, strength and party; :meth:`decide` records the decision and opens the
        item.
        """
        finding = self.finding(finding_id)
        if not finding.triggers:
            return ()
        source = self._policy(policy, "options")
        taken = {i.measure.code for i in self.items_of(finding_id)}
        found: dict[str, Measure] = {}
        for trigger in finding.triggers:
            for rule in source.measures(trigger, kind=kind).value:
                if not opens_by_itself(rule) and rule.code not in taken:
                    found.setdefault(rule.code, measure_of(rule, trigger=trigger, policy=source.id))
        return tuple(found.values())

    def decide(
        self,
        finding_id: str,
        measure: str,
        *,
        by: str,
        on: dt.date,
        policy: MeasureSource | None = None,
        kind: VisitKind | None = None,
        responsible: str | None = None,
        note: str | None = None,
    ) -> RectificationItem:
        """Record the authority's decision to take an optional measure; the item opens then.

        Args:
            finding_id: the finding.
            measure: the option's code (see :meth:`options`), e.g. ``"follow_up"``.
            by: who decided (e.g. ``"市卫健委"``).
            on: the day of the decision; the item is opened that day.
            policy, kind: as for :meth:`add_finding`.
            responsible: the department responsible.
            note: free text, e.g. the reasons.

        Raises:
            DataError: ``measure`` is not an open option of the finding (the message lists them).
        """
        available = {m.code: m for m in self.options(finding_id, policy=policy, kind=kind)}
        if measure not in available:
            listed = ", ".join(f"{c} ({m.label})" for c, m in available.items()) or "none"
            raise DataError(
                f"measure: {measure!r} is not an option left to decide for finding "
                f"{finding_id!r}; expected one of: {listed}"
            )
        chosen = attrs.evolve(available[measure], decided_by=by, decided_on=on, note=note)
        finding = self.finding(finding_id)
        if on < finding.found_on:
            raise DataError(
                f"on: the decision ({on.isoformat()}) is before the finding was found "
                f"({finding.found_on.isoformat()})"
            )
        return self.add_measure(finding_id, chosen, on=on, by=by, responsible=responsible)

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

        Raises:
            DataError: ``on`` is not a date or is before the finding was found.
        """

        def change() -> _Change:
            finding = self.finding(finding_id)
            if on is not None and require_date(on, "on") < finding.found_on:
                raise DataError(
                    f"on: {on.isoformat()} is before finding {finding.id!r} was found "
                    f"({finding.found_on.isoformat()}); an item opens on or after its finding"
                )
            n = sum(i.id.startswith(f"{finding_id}-") for i in self.items_of(finding_id)) + 1
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
            raise DataError("due: give either due= or calendar=/roll_forward=, not both")
        basis = None if items is None else [self._based_on(i) for i in items]
        chosen_due = due

        def check_date(f: Finding) -> None:
            if f.hospital != hospital:
                raise DataError(f"finding {f.id!r} belongs to {f.hospital!r}, not {hospital!r}")
            if received < f.found_on:
                raise DataError(
                    f"feedback received {received.isoformat()} is before finding {f.id!r} "
                    f"was found ({f.found_on.isoformat()})"
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
                    raise DataError("items: no item given")
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
                where = f" in round {round!r}" if round is not None else ""
                raise DataError(
                    f"no finding of hospital {hospital!r}{where} is waiting for its 整改报告: "
                    "none recorded, or the feedback was already recorded"
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
            raise DataError(f"date: {date!r} is not a date (YYYY-MM-DD)")
        if date < basis.opened_on:
            raise DataError(
                f"date: {date.isoformat()} is before item {item_id!r} was opened "
                f"({basis.opened_on.isoformat()})"
            )
        del note  # the history records status changes only; the rule says "manual"

        def change() -> _Change:
            current = self._unchanged_since(basis, version)
            due = DueDate(date=date, rule=MANUAL_RULE)
            return _Change(changed_items=(attrs.evolve(current, due=due, no_due=None),))

        return self._write(change).changed_items[0]

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
