"""The private ledger mixin that adds findings and opens their items.

:class:`_LedgerFindings` adds findings (numbered by hand or by the ledger) with one item per
measure the policy makes mandatory, adds measures by hand, and lists and decides the options
the documents leave to the authority. Private base of
:class:`~hospital_inspection.followup.ledger.Ledger`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from hospital_inspection._validate import require_date
from hospital_inspection.enums import MeasureScope, VisitKind
from hospital_inspection.errors import ConflictError, DataError
from hospital_inspection.followup._ledger_base import _Change, _LedgerBase
from hospital_inspection.followup.findings import Finding, Measure, RectificationItem
from hospital_inspection.followup.port import MeasureSource, measure_of, opens_by_itself
from hospital_inspection.i18n import N_, Message


class _LedgerFindings(_LedgerBase):
    """Findings, the items they open, measures by hand, and the authority's options."""

    def next_finding_id(self, hospital: str) -> str:
        """The id the next numbered finding of ``hospital`` gets: ``<hospital>-<n>``.

        ``n`` is one more than the hospital's findings, skipping ids already taken. As the
        ledger stands in memory; :meth:`new_finding` allocates it inside the write transaction,
        where the file decides.

        >>> from hospital_inspection.followup.ledger import Ledger
        >>> ledger = Ledger()
        >>> ledger.next_finding_id("H001")
        'H001-1'
        """
        if not isinstance(hospital, str) or not hospital.strip():
            raise DataError(
                Message(
                    N_("hospital: {value} is not a hospital id (a non-empty text)"),
                    {"value": repr(hospital)},
                )
            )
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
                raise DataError(
                    Message(N_("measures: {value} is not a Measure"), {"value": repr(m)})
                )
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
                Message(
                    N_(
                        "finding {finding} is already in the ledger; choose another id "
                        "(or use new_finding() to let the ledger number it)"
                    ),
                    {"finding": repr(finding.id)},
                ),
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
            not_open = N_(
                "measure: {measure} is not an option left to decide for finding {finding}; "
                "expected one of: {listed}"
            )
            raise DataError(
                Message(
                    not_open,
                    {"measure": repr(measure), "finding": repr(finding_id), "listed": listed},
                )
            )
        chosen = attrs.evolve(available[measure], decided_by=by, decided_on=on, note=note)
        finding = self.finding(finding_id)
        if on < finding.found_on:
            early = N_("on: the decision ({on}) is before the finding was found ({found})")
            raise DataError(Message(early, {"on": on, "found": finding.found_on}))
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
            raise DataError(Message(N_("{value} is not a Finding"), {"value": repr(finding)}))
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
                early = N_(
                    "on: {on} is before finding {finding} was found ({found}); "
                    "an item opens on or after its finding"
                )
                raise DataError(
                    Message(
                        early, {"on": on, "finding": repr(finding.id), "found": finding.found_on}
                    )
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
