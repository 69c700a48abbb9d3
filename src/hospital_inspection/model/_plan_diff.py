"""What changed between two plans: visits moved, people swapped, visits added or removed.

Used by :meth:`Plan.diff <hospital_inspection.Plan.diff>`; a change given as ``because`` (e.g. the
changes passed to :func:`~hospital_inspection.reschedule`) explains the visits it touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

import attrs

from hospital_inspection.i18n import N_, Message, joined, resolve, text
from hospital_inspection.model._visit import Visit

if TYPE_CHECKING:
    from hospital_inspection.model.names import Names
    from hospital_inspection.model.visits import Plan

__all__ = ["Explains", "PlanDiff", "VisitDiff"]

#: The kinds of difference, in the order a diff lists them.
KINDS = ("removed", "moved", "moved and swapped", "swapped", "added")

#: The kinds as message ids (their words in another language).
_KIND_WORDS = (N_("removed"), N_("moved"), N_("moved and swapped"), N_("swapped"), N_("added"))

#: The reason of a visit no change explains, moved to fit the others in.
_MAKE_ROOM = N_("to make room for the changes")


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
        return self.text("en")

    def text(
        self,
        lang: str | None = "en",
        *,
        because: Iterable[Explains] = (),
        names: Names | None = None,
    ) -> str:
        """The difference in one line, in ``lang`` (``"zh"``: in Chinese).

        ``why`` is English; give the same ``because`` as to :meth:`Plan.diff
        <hospital_inspection.Plan.diff>` to word the reasons in ``lang`` too (a change with a
        ``reason`` method gives a message; one without keeps its ``explain`` text).
        With ``names`` (a :class:`~hospital_inspection.Names` directory) the hospital and the
        people are named, in the line and in the reasons given as messages, instead of by id.
        """
        lang = resolve(lang)
        kind = text(self.kind, lang) if self.kind in KINDS else self.kind
        hospital = self.hospital if names is None else names.hospital(self.hospital)
        parts = [text(N_("{visit} ({hospital}): {kind}"), lang, visit=self.visit,
                      hospital=hospital, kind=kind)]  # fmt: skip
        b, a = self.before, self.after
        if b is not None and a is not None and b.first_day != a.first_day:
            # English names the old start only; Chinese gives the old range (before_end)
            parts.append(text(N_("{before:date} -> {first:date}–{last:date}"), lang,
                              before=b.first_day, before_end=b.last_day, first=a.first_day,
                              last=a.last_day))  # fmt: skip
        elif b is not None and a is not None and b.last_day != a.last_day:
            parts.append(text(N_("{start:date}–{end:date} -> {first:date}–{last:date}"), lang,
                              start=b.first_day, end=b.last_day, first=a.first_day,
                              last=a.last_day))  # fmt: skip
        elif a is not None and b is None:
            parts.append(text(N_("{first:date}–{last:date}"), lang, first=a.first_day,
                              last=a.last_day))  # fmt: skip
        if self.left or self.joined:
            parts.append(text(N_("out {left}; in {joined}"), lang,
                              left=_people(self.left, names, lang),
                              joined=_people(self.joined, names, lang)))  # fmt: skip
        why = self.why
        if why and (lang != "en" or names is not None):  # worded again: in lang, by name
            because = tuple(because)
            reasons = _reasons(because, b, a)
            if reasons:
                why = text(N_("; "), lang).join(
                    _named_message(r, names).text(lang) if isinstance(r, Message) else str(r)
                    for r in reasons
                )
            elif why == _MAKE_ROOM:
                why = text(_MAKE_ROOM, lang)
        if why:
            parts.append(text(N_("because {why}"), lang, why=why))
        return text(N_("; "), lang).join(parts)


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
        return self.text("en")

    def text(
        self,
        lang: str | None = "en",
        *,
        because: Iterable[Explains] = (),
        names: Names | None = None,
    ) -> str:
        """The differences, a head line and one line per visit, in ``lang`` (``"zh"``: in
        Chinese); ``because`` and ``names`` as in :meth:`VisitDiff.text`."""
        lang = resolve(lang)
        because = tuple(because)
        head = text(N_("{changed} visit(s) changed, {unchanged} unchanged"), lang,
                    changed=self.changed, unchanged=self.unchanged)  # fmt: skip
        lines = (f"  - {c.text(lang, because=because, names=names)}" for c in self.changes)
        return "\n".join([head, *lines])


def _people(ids: tuple[str, ...], names: Names | None, lang: str) -> str:
    """People listed by name where ``names`` has them (``a, b``; Chinese ``a、b``), or ``-``."""
    if not ids:
        return "-"
    listed = joined([x if names is None else names.person(x) for x in ids])
    return listed.text(lang) if isinstance(listed, Message) else listed


def _named_message(message: Message, names: Names | None) -> Message:
    """``message`` with its ``hospital`` and ``person`` ids replaced by their names."""
    if names is None:
        return message
    params = dict(message.params)
    for key, name_of in (("hospital", names.hospital), ("person", names.person)):
        if isinstance(params.get(key), str):
            params[key] = name_of(params[key])
    return Message(message.id, params)


def _reasons(
    because: Iterable[Explains], before: Visit | None, after: Visit | None
) -> list[Message | str]:
    """The reasons of the changes that explain the visit: a message from a change with a
    ``reason`` method, else the text of its ``explain``."""
    out: list[Message | str] = []
    for change in because:
        reason = getattr(change, "reason", None)
        found = reason(before, after) if callable(reason) else change.explain(before, after)
        if found and found not in out:
            out.append(found)
    return out


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
            why = _MAKE_ROOM
        out.append(VisitDiff(visit=vid, hospital=some.hospital, kind=kind, before=b, after=a,
                             left=left, joined=joined, why=why))  # fmt: skip
    out.sort(key=lambda c: (KINDS.index(c.kind), c.visit))
    return PlanDiff(changes=tuple(out), unchanged=unchanged)
