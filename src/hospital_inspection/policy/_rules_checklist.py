"""The rule kinds about how to inspect and what follows (private).

Inspection methods (``Method``, ``MethodsRule``), the checklist (``ChecklistSection``,
``ChecklistItem``, ``ChecklistRule``), the measures a finding calls for (``MeasureRule``) and
the other cited provisions (``ProvisionRule``). All are importable from
``hospital_inspection.policy._rules`` as before.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    Level,
    MeasureOpening,
    MeasureScope,
    Ownership,
    Party,
    Strength,
)
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._rules_base import _Base
from hospital_inspection.policy._schema import ANY, Cells, Citation, in_filter

__all__ = [
    "ChecklistItem",
    "ChecklistRule",
    "ChecklistSection",
    "MeasureRule",
    "Method",
    "MethodsRule",
    "ProvisionRule",
]


@attrs.frozen(kw_only=True)
class Method:
    """An inspection method (巡查方式)."""

    code: str = attrs.field(validator=v.non_empty_str)
    label: str = attrs.field(validator=v.non_empty_str)

    def __str__(self) -> str:
        return self.label


@attrs.frozen(kw_only=True)
class MethodsRule(_Base):
    """The methods a team uses; ``exhaustive = false`` when the text ends its list with 等."""

    KIND: ClassVar[str] = "methods"
    methods: tuple[Method, ...]
    exhaustive: bool = False


@attrs.frozen(kw_only=True)
class ChecklistSection:
    """A heading of a checklist (a category or an area with its focus sentence)."""

    id: str = attrs.field(validator=v.non_empty_str)
    clause: str = attrs.field(validator=v.non_empty_str)
    text: str = attrs.field(validator=v.non_empty_str)
    parent: str | None = None


@attrs.frozen(kw_only=True)
class ChecklistItem:
    """One checklist item, with its full text (verbatim) and clause.

    ``applies_to`` absent: every hospital; a list of categories (``["tcm"]``): only those; a
    table of cells (``{ ownerships = ["private"] }``, with ``levels``, ``categories`` and
    ``ownerships`` as in a scope rule's ``when``): only hospitals in those cells.
    ``administered_by``: only hospitals whose administering authority (主管部门) is of one of
    these levels (市属: ``["city"]``), as in scope and inspector rules; empty: any. A policy with
    such an item answers ``policy.checklist(h, authorities=tree)``.
    """

    id: str = attrs.field(validator=v.non_empty_str)
    clause: str = attrs.field(validator=v.non_empty_str)
    text: str = attrs.field(validator=v.non_empty_str)
    section: str | None = None
    applies_to: Cells | None = None
    administered_by: frozenset[AuthorityLevel] = frozenset()
    document: str = ""

    @property
    def citation(self) -> Citation:
        """The item as a citation."""
        return Citation(document=self.document, clause=self.clause, text=self.text)

    def applies(
        self,
        category: Category,
        level: Level | None = None,
        ownership: Ownership | None = None,
        admin_level: AuthorityLevel | None = None,
    ) -> bool:
        """True when the item applies to a hospital of ``category`` (and ``level``, ``ownership``,
        administered by an authority of ``admin_level``).

        An axis not given is not looked at: ``applies(Category.GENERAL)`` is true for an item
        meant only for 社会办 hospitals of any category, or only for 市属 ones.
        """
        return in_filter(
            self.applies_to,
            self.administered_by,
            ANY if level is None else level,
            category,
            ANY if ownership is None else ownership,
            ANY if admin_level is None else admin_level,
        )

    def __str__(self) -> str:
        return f"{self.id} {self.text}"


@attrs.frozen(kw_only=True)
class ChecklistRule(_Base):
    """What the inspection looks at: sections (headings) and items."""

    KIND: ClassVar[str] = "checklist"
    sections: tuple[ChecklistSection, ...] = ()
    items: tuple[ChecklistItem, ...]

    def __attrs_post_init__(self) -> None:
        sections = {s.id for s in self.sections}
        v.unique_ids(self, attrs.fields(type(self)).sections, self.sections)
        v.unique_ids(self, attrs.fields(type(self)).items, self.items)
        for s in self.sections:
            if s.parent is not None and s.parent not in sections:
                raise v.fail(
                    self,
                    "sections",
                    Message(
                        N_("{section}: no parent section {parent}"),
                        {"section": s.id, "parent": repr(s.parent)},
                    ),
                )
        for item in self.items:
            if item.section is not None and item.section not in sections:
                raise v.fail(
                    self,
                    "items",
                    Message(
                        N_("{item}: no section {section}"),
                        {"item": item.id, "section": repr(item.section)},
                    ),
                )


@attrs.frozen(kw_only=True)
class MeasureRule(_Base):
    """A measure taken on a finding (处置措施 / 结果运用), with the triggers it answers.

    Attributes:
        party: who takes it (责任单位); ``None`` when the file does not say.
        opens: ``always`` (an item opens with the finding) or ``on_decision`` (an option the
            authority decides; an item opens once the decision is recorded). Default: always
            for a mandatory measure, on decision otherwise.
        per: ``finding`` (one item per finding) or ``hospital`` (once per hospital and round,
            e.g. Jilin's 《情况通报》).
    """

    KIND: ClassVar[str] = "measure"
    code: str = attrs.field(validator=v.non_empty_str)
    label: str = attrs.field(validator=v.non_empty_str)
    triggers: frozenset[str]
    party: Party | None = None
    opens: MeasureOpening | None = None
    per: MeasureScope = MeasureScope.FINDING

    @property
    def opening(self) -> MeasureOpening:
        """How the measure opens, with the default by strength applied."""
        if self.opens is not None:
            return self.opens
        if self.strength is Strength.MANDATORY:
            return MeasureOpening.ALWAYS
        return MeasureOpening.ON_DECISION

    def __str__(self) -> str:
        return self.label


@attrs.frozen(kw_only=True)
class ProvisionRule(_Base):
    """Any other cited provision (feedback meeting, non-interference, encouragements)."""

    KIND: ClassVar[str] = "provision"
    code: str = attrs.field(validator=v.non_empty_str)
    summary: str = attrs.field(validator=v.non_empty_str)

    def __str__(self) -> str:
        return self.summary
