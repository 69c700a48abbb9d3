"""Questions a rectification ledger answers, as of a date (the query half of :class:`Ledger`).

Private base of :class:`~hospital_inspection.followup.ledger.Ledger`; the result types are public.
"""

from __future__ import annotations

import datetime as dt

import attrs

from hospital_inspection._validate import require_date, shift
from hospital_inspection.enums import Party
from hospital_inspection.errors import DataError, PolicyError
from hospital_inspection.followup.findings import DueDate, Finding, ItemStatus, RectificationItem
from hospital_inspection.followup.port import MeasureSource, PolicyLike, deadline_from
from hospital_inspection.i18n import N_, Message

__all__ = [
    "ESCALATE_AFTER_DAYS",
    "FollowUpCandidate",
    "OverdueItem",
    "ReportDue",
    "UpcomingDeadline",
]

#: Default for "escalated": overdue by more than this many days. A local choice, not a policy fact.
ESCALATE_AFTER_DAYS = 30


@attrs.frozen(kw_only=True)
class OverdueItem:
    """An item past its due date on a given day, and by how many days."""

    item: RectificationItem
    finding: Finding
    days: int

    @property
    def party(self) -> Party | None:
        """Who owes the item (责任单位)."""
        return self.item.party


@attrs.frozen(kw_only=True)
class ReportDue:
    """A rectification report (整改报告) a hospital owes, with the items it covers."""

    hospital: str
    round: str
    due: DueDate
    items: tuple[RectificationItem, ...]


@attrs.frozen(kw_only=True)
class FollowUpCandidate:
    """A hospital worth a 回头看: how many of its items are overdue and how many unverified."""

    hospital: str
    overdue: int
    unverified: int


@attrs.frozen(kw_only=True)
class UpcomingDeadline:
    """A fixed report deadline of the policy (e.g. a district's yearly report) coming up.

    Attributes:
        id: the policy's rule id, e.g. ``"wh-report-2025"``.
        description: the deadline in the policy's words.
        due: the last day, with the rule's citation.
        days_left: days from the date asked about to the last day.
    """

    id: str
    description: str
    due: DueDate
    days_left: int


def _days(within_days: int) -> int:
    if isinstance(within_days, bool) or not isinstance(within_days, int) or within_days < 0:
        raise DataError(
            Message(
                N_("within_days: {value} is not a whole number of days >= 0"),
                {"value": repr(within_days)},
            )
        )
    return within_days


class LedgerQueries:
    """The questions; subclasses hold ``_findings`` and ``_items`` and choose the policy."""

    _findings: dict[str, Finding]
    _items: dict[str, RectificationItem]

    def _policy(self, policy: MeasureSource | None, what: str) -> MeasureSource:
        raise NotImplementedError

    def open_items(self, as_of: dt.date) -> tuple[RectificationItem, ...]:
        """Items that exist on ``as_of`` and are not yet rectified (待整改 or 整改中)."""
        as_of = require_date(as_of, "as_of")
        return tuple(i for i in self._items.values() if (s := i.status_on(as_of)) and not s.is_done)

    def overdue(
        self, as_of: dt.date, *, party: Party | str | None = None
    ) -> tuple[OverdueItem, ...]:
        """Items past their due date on ``as_of``, most overdue first.

        ``party`` keeps the items one party owes (责任单位): ``"hospital"`` / ``"医疗机构"``, or
        an authority (``"巡查单位"`` …).
        """
        as_of = require_date(as_of, "as_of")
        wanted = None if party is None else Party.parse(party)
        found = [
            OverdueItem(item=i, finding=self._findings[i.finding], days=i.days_overdue(as_of))
            for i in self._items.values()
            if i.is_overdue(as_of) and (wanted is None or i.party is wanted)
        ]
        return tuple(sorted(found, key=lambda o: (-o.days, o.item.id)))

    def escalated(
        self, as_of: dt.date, *, after_days: int = ESCALATE_AFTER_DAYS
    ) -> tuple[OverdueItem, ...]:
        """Items overdue by more than ``after_days`` days (a local rule, not a policy fact)."""
        as_of = require_date(as_of, "as_of")
        return tuple(
            o for o in self.overdue(as_of) if o.item.is_escalated(as_of, after_days=after_days)
        )

    def reports_due(self, as_of: dt.date, *, within_days: int) -> tuple[ReportDue, ...]:
        """Rectification reports due from ``as_of`` to ``within_days`` days later, soonest first.

        One report per hospital, round and due date, listing the items it covers: the
        hospital's 整改报告 duty (or, in a ledger written before duties had parties, the items
        that carry the report's due date). Due dates set by hand are not reports.
        """
        as_of = require_date(as_of, "as_of")
        end = shift(as_of, _days(within_days))
        groups: dict[tuple[str, str, DueDate], list[RectificationItem]] = {}
        for i in self._items.values():
            if i.due is not None and not i.due.by_hand and as_of <= i.due.date <= end:
                f = self._findings[i.finding]
                groups.setdefault((f.hospital, f.round, i.due), []).append(i)
        reports = [
            ReportDue(hospital=h, round=r, due=d, items=tuple(its))
            for (h, r, d), its in groups.items()
        ]
        return tuple(sorted(reports, key=lambda x: (x.due.date, x.hospital, x.round)))

    def follow_up_candidates(self, as_of: dt.date) -> tuple[FollowUpCandidate, ...]:
        """Hospitals with an overdue or an unverified item on ``as_of`` (for a 回头看)."""
        as_of = require_date(as_of, "as_of")
        counts: dict[str, list[int]] = {}
        for i in self._items.values():
            status = i.status_on(as_of)
            if status is None or status is ItemStatus.VERIFIED:
                continue
            c = counts.setdefault(self._findings[i.finding].hospital, [0, 0])
            c[0] += i.is_overdue(as_of)
            c[1] += 1
        return tuple(
            FollowUpCandidate(hospital=h, overdue=o, unverified=u)
            for h, (o, u) in sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0]))
        )

    def upcoming_deadlines(
        self, as_of: dt.date, *, within_days: int, policy: PolicyLike | None = None
    ) -> tuple[UpcomingDeadline, ...]:
        """The policy's fixed report deadlines from ``as_of`` to ``within_days`` days later.

        Only deadlines on a fixed date count (e.g. Weihai's district reports due 2025-12-20);
        the rectification report's period is answered per hospital by :meth:`reports_due`.
        """
        as_of = require_date(as_of, "as_of")
        end = shift(as_of, _days(within_days))
        source = self._policy(policy, "upcoming_deadlines")
        if not isinstance(source, PolicyLike):
            raise PolicyError(f"policy {source.id!r} has no deadlines()")
        found = []
        for decision in source.deadlines():
            due = deadline_from(decision)
            if due is not None and as_of <= due.date <= end:
                found.append(
                    UpcomingDeadline(
                        id=due.rule,
                        description=decision.value.description,
                        due=due,
                        days_left=(due.date - as_of).days,
                    )
                )
        return tuple(sorted(found, key=lambda d: (d.due.date, d.id)))
