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
from collections.abc import Iterable
from typing import Any

import attrs

from hospital_inspection import _atomic, _views
from hospital_inspection import _validate as v
from hospital_inspection.convert import from_json, to_json
from hospital_inspection.errors import DataError
from hospital_inspection.followup._ledger_findings import _LedgerFindings
from hospital_inspection.followup._ledger_items import _LedgerItems
from hospital_inspection.followup.briefing import Briefing, Problem, briefing
from hospital_inspection.followup.findings import (  # DueDate, Measure: the module's example
    DueDate,  # noqa: F401
    Finding,
    Measure,  # noqa: F401
    RectificationItem,
)
from hospital_inspection.followup.port import MeasureSource
from hospital_inspection.followup.queries import (
    ESCALATE_AFTER_DAYS,
    FollowUpCandidate,
    OverdueItem,
    ReportDue,
    UpcomingDeadline,
)
from hospital_inspection.followup.store import DEFAULT_TIMEOUT, LedgerStore
from hospital_inspection.i18n import N_, Message
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


class Ledger(_LedgerFindings, _LedgerItems):
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
                raise DataError(
                    Message(N_("findings: id {id} appears more than once"), {"id": repr(f.id)})
                )
            self._findings[f.id] = f
            self._versions[f"finding:{f.id}"] = 1
        for i in items:
            if i.id in self._items:
                raise DataError(
                    Message(N_("items: id {id} appears more than once"), {"id": repr(i.id)})
                )
            if i.finding not in self._findings:
                raise DataError(
                    Message(
                        N_("items[{item}].finding: no finding {finding}"),
                        {"item": i.id, "finding": repr(i.finding)},
                    )
                )
            self._items[i.id] = i
            self._versions[f"item:{i.id}"] = 1

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
