"""Policy questions about how to inspect and what follows (private).

``_ChecklistQuestions`` is a mixin of :class:`~hospital_inspection.Policy`: the inspection
methods, the checklist (its items, headings and the keys a finding may use), the default round
of a finding, the measures a finding's trigger calls for, and the other cited provisions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hospital_inspection import _validate as v
from hospital_inspection.enums import Category, VisitKind
from hospital_inspection.errors import RuleNotInPolicy
from hospital_inspection.model.authorities import AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy._decisions import Decision
from hospital_inspection.policy._policy_base import (
    _STRENGTH_ORDER,
    _PolicyBase,
)
from hospital_inspection.policy._rules import (
    ChecklistItem,
    ChecklistRule,
    ChecklistSection,
    MeasureRule,
    Method,
    MethodsRule,
    ProvisionRule,
)
from hospital_inspection.policy._schema import (
    Citation,
)

__all__: list[str] = []


class _ChecklistQuestions(_PolicyBase):
    """The methods, checklist, measures and provisions questions of ``Policy``."""

    # -- methods, checklist, measures, provisions -----------------------------------------------

    def methods(self, *, kind: VisitKind = VisitKind.REGULAR) -> Decision[tuple[Method, ...]]:
        """The inspection methods for ``kind`` of visit."""
        rule = self._one(MethodsRule, "methods", kind)
        return self._decide("methods", rule, rule.methods)

    def checklist(
        self,
        h: Hospital | Category,
        *,
        kind: VisitKind = VisitKind.REGULAR,
        authorities: AuthorityTree | None = None,
    ) -> Decision[tuple[ChecklistItem, ...]]:
        """The checklist items that apply to ``h`` (type-specific items only for that type).

        Items can be limited by category, level and ownership (``applies_to``) and by the level
        of the authority administering the hospital (``administered_by``, e.g. 市属); given only
        a :class:`~hospital_inspection.Category`, the other axes are not looked at.
        ``authorities`` is needed only by a policy with an ``administered_by`` item.

        Raises:
            DataError: an item depends on who administers ``h`` and ``authorities`` does not
                say (not given, or without ``h.authority``).
        """
        if isinstance(h, Category):
            key: tuple[Any, ...] = (kind, h, None, None, None)
        else:
            by_cell, by_admin = self._checklist_filters(kind)
            admin = self._admin_level(h, authorities, "checklist") if by_admin else None
            if by_cell:
                key = (kind, h.category, h.level, h.ownership, admin)
            else:  # no item looks at level or ownership: one shared decision per category
                key = (kind, h.category, None, None, admin)
        found = self._checklists.get(key)
        if found is None:
            rule = self._one(ChecklistRule, "checklist", kind)
            items = tuple(i for i in rule.items if i.applies(*key[1:]))
            found = self._decide("checklist", rule, items)
            self._checklists[key] = found
        return found

    def _checklist_filters(self, kind: VisitKind) -> tuple[bool, bool]:
        """Whether some item looks at level or ownership, and whether one looks at the
        administering authority's level."""
        items = [i for r in self._of(ChecklistRule, kind) for i in r.items]
        by_cell = any(
            i.applies_to is not None
            and (i.applies_to.levels is not None or i.applies_to.ownerships is not None)
            for i in items
        )
        return by_cell, any(i.administered_by for i in items)

    def checklist_sections(
        self, *, kind: VisitKind = VisitKind.REGULAR
    ) -> Decision[tuple[ChecklistSection, ...]]:
        """The checklist's headings (categories and areas with their focus sentences)."""
        rule = self._one(ChecklistRule, "checklist", kind)
        return self._decide("checklist_sections", rule, rule.sections)

    def checklist_keys(self, *, kind: VisitKind = VisitKind.REGULAR) -> tuple[str, ...]:
        """Every way a finding may name a checklist item: each item's id and its clause.

        In checklist order, without repeats; empty when the policy has no checklist (巡查重点)
        for ``kind``. What a finding's ``checklist_item`` is checked against.

        >>> import hospital_inspection as hi
        >>> hi.load_policy("weihai-2024-2026").checklist_keys()[:2]
        ('wh.1.1.1', '三、(一)1.(1)')
        """
        keys: dict[str, None] = {}
        if not self._of(ChecklistRule, kind):
            return ()
        for category in Category:
            for item in self.checklist(category, kind=kind).value:
                keys[item.id] = None
                keys[item.clause] = None
        return tuple(keys)

    def default_round(self, on: dt.date) -> str:
        """The round a finding made on ``on`` belongs to when the user does not say.

        The policy's first regular round (its id); a policy that names no regular round gives
        the year of ``on``, e.g. ``"2025"``.

        >>> import datetime as dt, hospital_inspection as hi
        >>> hi.load_policy("weihai-2024-2026").default_round(dt.date(2025, 5, 1))
        '2024-2026'
        """
        on = v.require_date(on, "on")
        return next((r.id for r in self.rounds if r.kind is VisitKind.REGULAR), str(on.year))

    def measure_triggers(self) -> tuple[str, ...]:
        """Every finding trigger some measure answers."""
        return tuple(sorted({t for m in self._of(MeasureRule) for t in m.triggers}))

    def measures(
        self, trigger: str, *, kind: VisitKind | None = None
    ) -> Decision[tuple[MeasureRule, ...]]:
        """The measures for a finding ``trigger`` (e.g. ``"violation_clue"``).

        The decision cites the first measure's clause and lists the others in ``also_cited``;
        its strength is the strongest of them (each measure keeps its own).

        Raises:
            RuleNotInPolicy: no measure answers ``trigger`` (the message lists the triggers).
        """
        found = tuple(m for m in self._of(MeasureRule, kind) if trigger in m.triggers)
        if not found:
            known = ", ".join(self.measure_triggers()) or "none"
            raise RuleNotInPolicy(
                self.id, "measures", f"no measure for {trigger!r}; triggers: {known}"
            )
        first = found[0]
        also: list[Citation] = []
        for m in found[1:]:
            if m.cite != first.cite and m.cite not in also:
                also.append(m.cite)
        readings = tuple(dict.fromkeys(r for m in found for r in self._by_rule.get(m.id, ())))
        return Decision(
            name="measures",
            value=found,
            citation=first.cite,
            strength=min((m.strength for m in found), key=_STRENGTH_ORDER.__getitem__),
            rule=",".join(m.id for m in found),
            interpretation=readings,
            also_cited=tuple(also),
        )

    def provisions(self, *, kind: VisitKind | None = None) -> tuple[Decision[ProvisionRule], ...]:
        """The other cited provisions (feedback meeting, non-interference, encouragements)."""
        return tuple(self._decide("provision", r, r) for r in self._of(ProvisionRule, kind))
