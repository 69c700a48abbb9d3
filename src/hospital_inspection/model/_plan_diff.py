"""What changed between two plans: visits moved, people swapped, visits added or removed.

Used by :meth:`Plan.diff <hospital_inspection.Plan.diff>`; a change given as ``because`` (e.g. the
changes passed to :func:`~hospital_inspection.reschedule`) explains the visits it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

import attrs

from hospital_inspection.model._visit import Visit

if TYPE_CHECKING:
    from hospital_inspection.model.visits import Plan

__all__ = ["Explains", "PlanDiff", "VisitDiff"]

#: The kinds of difference, in the order a diff lists them.
KINDS = ("removed", "moved", "moved and swapped", "swapped", "added")


class Explains(Protocol):
    """Anything that can say why a visit changed (the scheduler's change records do)."""

    def explain(self, before: Visit | None, after: Visit | None) -> str | None:
        """Why the visit changed, or ``None`` when this change has nothing to do with it."""


@attrs.frozen(kw_only=True)
class VisitDiff:
    """How one visit differs between two plans.

    Attributes:
        visit: the visit's id.
        hospital: the hospital visited.
        kind: ``"moved"`` (other dates), ``"swapped"`` (other people), ``"moved and
            swapped"``, ``"added"`` or ``"removed"``.
        before: the visit in the first plan (``None`` when added).
        after: the visit in the second plan (``None`` when removed).
        left: people on the team before and not after.
        joined: people on the team after and not before.
        why: the reason, from the changes given (empty when none explains it).
    """

    visit: str
    hospital: str
    kind: str
    before: Visit | None
    after: Visit | None
    left: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()
    why: str = ""

    def __str__(self) -> str:
        parts = [f"{self.visit} ({self.hospital}): {self.kind}"]
        b, a = self.before, self.after
        if b is not None and a is not None and b.first_day != a.first_day:
            parts.append(f"{b.first_day} -> {a.first_day}–{a.last_day}")
        elif b is not None and a is not None and b.last_day != a.last_day:
            parts.append(f"{b.first_day}–{b.last_day} -> {a.first_day}–{a.last_day}")
        elif a is not None and b is None:
            parts.append(f"{a.first_day}–{a.last_day}")
        if self.left or self.joined:
            parts.append(f"out {', '.join(self.left) or '-'}; in {', '.join(self.joined) or '-'}")
        if self.why:
            parts.append(f"because {self.why}")
        return "; ".join(parts)


@attrs.frozen(kw_only=True)
class PlanDiff:
    """Every visit that differs between two plans, and how many stayed exactly as they were.

    Attributes:
        changes: one :class:`VisitDiff` per visit that differs, removed first, then moved,
            swapped and added, each in visit-id order.
        unchanged: how many visits are the same in both plans (dates and team).
    """

    changes: tuple[VisitDiff, ...]
    unchanged: int

    def of_kind(self, kind: str) -> tuple[VisitDiff, ...]:
        """The differences of one kind (see :class:`VisitDiff`)."""
        return tuple(c for c in self.changes if c.kind == kind)

    @property
    def changed(self) -> int:
        """How many visits differ."""
        return len(self.changes)

    def __str__(self) -> str:
        head = f"{self.changed} visit(s) changed, {self.unchanged} unchanged"
        return "\n".join([head, *(f"  - {c}" for c in self.changes)])


def _why(because: Iterable[Explains], before: Visit | None, after: Visit | None) -> str:
    reasons = []
    for change in because:
        text = change.explain(before, after)
        if text and text not in reasons:
            reasons.append(text)
    return "; ".join(reasons)


def diff(first: Plan, second: Plan, because: Iterable[Explains] = ()) -> PlanDiff:
    """The differences from ``first`` to ``second`` (see :meth:`Plan.diff`)."""
    because = tuple(because)
    old = {v.id: v for v in first.visits}
    new = {v.id: v for v in second.visits}
    out: list[VisitDiff] = []
    unchanged = 0
    for vid in sorted(old.keys() | new.keys()):
        b, a = old.get(vid), new.get(vid)
        left: tuple[str, ...] = ()
        joined: tuple[str, ...] = ()
        if b is not None and a is not None and b == a:
            unchanged += 1
            continue
        if a is None:
            assert b is not None
            kind = "removed"
        elif b is None:
            kind = "added"
        else:
            moved = (b.first_day, b.last_day) != (a.first_day, a.last_day)
            left = tuple(sorted(set(b.people) - set(a.people)))
            joined = tuple(sorted(set(a.people) - set(b.people)))
            swapped = bool(left or joined) or b.team != a.team
            kind = "moved and swapped" if moved and swapped else "moved" if moved else "swapped"
        some = a if a is not None else b
        assert some is not None
        why = _why(because, b, a)
        if not why and because and b is not None and a is not None:
            why = "to make room for the changes"
        out.append(VisitDiff(visit=vid, hospital=some.hospital, kind=kind, before=b, after=a,
                             left=left, joined=joined, why=why))  # fmt: skip
    out.sort(key=lambda c: (KINDS.index(c.kind), c.visit))
    return PlanDiff(changes=tuple(out), unchanged=unchanged)
