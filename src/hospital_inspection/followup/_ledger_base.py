"""The private base of the ledger: its records, and how one change is decided and written.

:class:`_LedgerBase` holds the ledger's state (findings, items, their versions, the bound
file), answers for single records, and writes one change (:class:`_Change`) in memory or in
one write transaction of the file; a change based on an item another writer changed since is
refused with a :class:`~hospital_inspection.ConflictError` saying what changed. Private base
of :class:`~hospital_inspection.followup.ledger.Ledger`.
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from hospital_inspection.errors import ConflictError, DataError, PolicyError
from hospital_inspection.followup.findings import Finding, RectificationItem
from hospital_inspection.followup.port import MeasureSource
from hospital_inspection.followup.queries import LedgerQueries
from hospital_inspection.followup.store import LedgerStore, StoredLedger
from hospital_inspection.i18n import N_, Message


class _LedgerBase(LedgerQueries):
    """The ledger's state, its single records, and the one way to write a change."""

    policy: MeasureSource | None
    policy_id: str | None
    _versions: dict[str, int]
    _store: LedgerStore | None

    def _replace(self, stored: StoredLedger) -> None:
        """Take the file's records (read in one snapshot) as the ledger's."""
        self._findings = {f.id: f for f in stored.findings}
        self._items = {i.id: i for i in stored.items}
        self._versions = dict(stored.versions)
        if stored.policy is not None:
            self.policy_id = stored.policy

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
            raise DataError(
                Message(N_("no finding {finding} in the ledger"), {"finding": repr(finding_id)})
            ) from None

    def item(self, item_id: str) -> RectificationItem:
        """The item with this id (``DataError`` if none)."""
        try:
            return self._items[item_id]
        except (KeyError, TypeError):
            raise DataError(
                Message(N_("no rectification item {item} in the ledger"), {"item": repr(item_id)})
            ) from None

    def items_of(self, finding_id: str) -> tuple[RectificationItem, ...]:
        """The items of one finding."""
        return tuple(i for i in self._items.values() if i.finding == finding_id)

    # -- changes -------------------------------------------------------------------------------

    def _check_policy(self, policy: MeasureSource) -> None:
        if self.policy_id is not None and policy.id != self.policy_id:
            other = Message(
                N_("this ledger follows policy {ledger}, not {policy}"),
                {"ledger": repr(self.policy_id), "policy": repr(policy.id)},
            )
            raise PolicyError(str(other), messages=[other])

    def _policy(self, policy: MeasureSource | None, what: str) -> MeasureSource:
        chosen = policy if policy is not None else self.policy
        if chosen is None:
            needs = Message(
                N_("{what} needs a policy: pass policy=... to the call or the Ledger"),
                {"what": what},
            )
            raise PolicyError(str(needs), messages=[needs])
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
            raise ConflictError(
                Message(N_("item {item} is no longer in the ledger"), {"item": repr(basis.id)}),
                record=basis.id,
            )
        raise ConflictError(
            Message(
                N_(
                    "item {item} was changed by another writer after you read it "
                    "({difference}); nothing was written: read the ledger again "
                    "(Ledger.refresh() or reopen) and decide again"
                ),
                {"item": repr(basis.id), "difference": _difference(basis, current)},
            ),
            record=basis.id,
        )

    def _based_on(self, item_id: str) -> tuple[RectificationItem, int]:
        """The item as read now, and its version: what a change is based on."""
        return self.item(item_id), self._versions.get(f"item:{item_id}", 0)


@attrs.frozen(kw_only=True)
class _Change:
    """What one change writes: new findings, new items, changed items, a policy id."""

    findings: tuple[Finding, ...] = ()
    new_items: tuple[RectificationItem, ...] = ()
    changed_items: tuple[RectificationItem, ...] = ()
    policy_id: str | None = None


def _difference(before: RectificationItem, after: RectificationItem) -> Message:
    """What another writer changed on an item, in words (in the reader's language)."""
    said: list[Message] = []
    if len(after.history) != len(before.history) or after.status is not before.status:
        last = after.history[-1]
        said.append(
            Message(
                N_("status {before} → {after} on {date:date} by {by}, {note}")
                if last.note
                else N_("status {before} → {after} on {date:date} by {by}"),
                {
                    "before": before.status.label,
                    "after": after.status.label,
                    "date": last.date.isoformat(),
                    "by": last.by,
                    "note": last.note,
                },
            )
        )
    if after.due != before.due:
        said.append(_due_change(before, after))
    if after.responsible != before.responsible:
        said.append(Message(N_("the responsible department changed")))
    if after.measure != before.measure:
        said.append(Message(N_("the measure changed")))
    if not said:
        return Message(N_("its record was rewritten"))
    out = said[0]
    for part in said[1:]:
        out = Message(N_("{a}; {b}"), {"a": out, "b": part})
    return out


def _due_change(before: RectificationItem, after: RectificationItem) -> Message:
    """How an item's due date changed: set, moved or cleared."""
    if before.due is None and after.due is not None:
        return Message(N_("due date set to {after:date}"), {"after": after.due.date.isoformat()})
    if after.due is None and before.due is not None:
        return Message(
            N_("due date {before:date} cleared"), {"before": before.due.date.isoformat()}
        )
    assert before.due is not None and after.due is not None  # the caller saw them differ
    return Message(
        N_("due date {before:date} → {after:date}"),
        {"before": before.due.date.isoformat(), "after": after.due.date.isoformat()},
    )
