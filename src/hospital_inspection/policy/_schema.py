"""The attrs models of a policy file: metadata, citations, conditions, interpretations (private).

Rule kinds live in :mod:`._rules`. Everything here is frozen and built by the library's converter
(:func:`hospital_inspection.convert.structure`), so a malformed file fails with key paths.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, Final

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.citations import Citation
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    DayUnit,
    Level,
    Ownership,
    VisitKind,
)
from hospital_inspection.i18n import N_, Message

__all__ = [
    "ANY",
    "Cells",
    "Choice",
    "Citation",
    "DayUnit",
    "Interpretation",
    "PolicyMeta",
    "Reading",
    "Round",
    "in_filter",
]


@attrs.frozen(kw_only=True)
class Cells:
    """A set of decision-table cells: level x category x ownership; an absent axis means any.

    Example (TOML): ``when = { levels = ["tertiary"], categories = ["general", "tcm"] }``.
    """

    levels: frozenset[Level] | None = None
    categories: frozenset[Category] | None = None
    ownerships: frozenset[Ownership] | None = None

    def matches(self, level: Level, category: Category, ownership: Ownership) -> bool:
        """True when the cell ``(level, category, ownership)`` is in this set."""
        return (
            (self.levels is None or level in self.levels)
            and (self.categories is None or category in self.categories)
            and (self.ownerships is None or ownership in self.ownerships)
        )

    def describe(self) -> str:
        """The set in words, e.g. ``"三级 x 综合医院/中医医院 x any ownership"``."""

        def axis(values: frozenset[Any] | None, noun: str) -> str:
            if values is None:
                return f"any {noun}"
            return "/".join(sorted(m.label for m in values))

        return " x ".join(
            (
                axis(self.levels, "level"),
                axis(self.categories, "category"),
                axis(self.ownerships, "ownership"),
            )
        )


class _Any(enum.Enum):
    ANY = "any"


ANY: Final = _Any.ANY
"""An axis :func:`in_filter` does not look at (the question does not say it)."""


def in_filter(
    cells: Cells | None,
    administered_by: frozenset[AuthorityLevel],
    level: Level | _Any,
    category: Category | _Any,
    ownership: Ownership | _Any,
    admin_level: AuthorityLevel | _Any | None,
) -> bool:
    """Whether a hospital passes a rule's cell filter: the one matching of every rule kind.

    Scope rules (``when``), inspector rules (``when``) and checklist items (``applies_to``)
    filter by the hospital's level x category x ownership (``cells``; ``None``: any) and by the
    level of the authority administering it (``administered_by``; empty: any). The hospital
    passes when it passes all four. An argument given as :data:`ANY` is not looked at;
    ``admin_level=None`` is a hospital whose administering authority is unknown, which no
    ``administered_by`` list contains.
    """
    if administered_by and admin_level is not ANY and admin_level not in administered_by:
        return False
    if cells is None:
        return True
    return (
        (level is ANY or cells.levels is None or level in cells.levels)
        and (category is ANY or cells.categories is None or category in cells.categories)
        and (ownership is ANY or cells.ownerships is None or ownership in cells.ownerships)
    )


@attrs.frozen(kw_only=True)
class Round:
    """A round of inspections the document governs.

    Attributes:
        id: stable identifier, e.g. ``"2024-2026"``.
        kind: regular round or follow-up (回头看).
        title: as the document names it.
        first_year, last_year: the 年度 it covers.
        end_rule: id of the deadline rule that closes it (the date lives there, with its citation).
        looks_back_on: for a 回头看, the round it looks back on (e.g. Jilin's 2021 回头看 of the
            2020 round); its hospitals are the targets and their findings its first focus.
        looks_back_rule: id of the rule that says so (its citation lives there).
    """

    id: str = attrs.field(validator=v.non_empty_str)
    kind: VisitKind
    title: str = attrs.field(validator=v.non_empty_str)
    first_year: int
    last_year: int
    end_rule: str = attrs.field(validator=v.non_empty_str)
    looks_back_on: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    looks_back_rule: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)


@attrs.frozen(kw_only=True)
class PolicyMeta:
    """What a policy file says about the document it encodes.

    Attributes:
        id: the policy id, e.g. ``"weihai-2024-2026"``.
        title: the document's title.
        document: its document number (文号).
        issuer: who issued it.
        issued: the issue date.
        based_on: the documents it implements, as it names them.
        rounds: the rounds it governs.
        extends: id or path of the policy it layers on, if any.
        notes: free text (e.g. "fictional example").
        fictional: the document is invented (a shipped example such as 示例市), not a real
            policy; listings and views say so.
    """

    id: str = attrs.field(validator=v.non_empty_str)
    title: str = attrs.field(validator=v.non_empty_str)
    document: str = attrs.field(validator=v.non_empty_str)
    issuer: str = attrs.field(validator=v.non_empty_str)
    issued: dt.date = attrs.field(validator=v.is_date)
    based_on: tuple[str, ...] = ()
    rounds: tuple[Round, ...] = ()
    extends: str | None = None
    notes: str | None = None
    fictional: bool = False


@attrs.frozen(kw_only=True)
class Choice:
    """One reading of an ambiguous clause.

    Attributes:
        reading: the reading in words, with its reason.
        patch: rule tables merged over the rules when this reading is chosen
            (``{rule_id: {key: value}}``; nested tables merge, other values replace).
    """

    reading: str = attrs.field(validator=v.non_empty_str)
    patch: dict[str, Any] = attrs.Factory(dict)


@attrs.frozen(kw_only=True)
class Interpretation:
    """An ambiguity of the text, the reading chosen by default and the alternatives.

    Attributes:
        name: how it is selected: ``load_policy(..., interpretations={name: choice})``.
        question: what the words leave open.
        cite: the ambiguous words.
        rules: the rules whose decisions depend on it.
        default: the choice taken unless another is selected.
        choices: every reading by name.
    """

    name: str = attrs.field(validator=v.non_empty_str)
    question: str = attrs.field(validator=v.non_empty_str)
    cite: Citation
    rules: tuple[str, ...]
    default: str = attrs.field(validator=v.non_empty_str)
    choices: dict[str, Choice]

    def __attrs_post_init__(self) -> None:
        if self.default not in self.choices:
            raise v.fail(
                self,
                "default",
                Message(
                    N_("{value} is not one of the choices ({choices})"),
                    {"value": repr(self.default), "choices": ", ".join(self.choices)},
                ),
            )
        for choice_name, choice in self.choices.items():
            for rule_id in choice.patch:
                if rule_id not in self.rules:
                    raise v.fail(
                        self,
                        f"choices.{choice_name}.patch",
                        Message(
                            N_("patches rule {rule}, which is not listed in rules"),
                            {"rule": repr(rule_id)},
                        ),
                    )


@attrs.frozen(kw_only=True)
class Reading:
    """The interpretation in effect for a decision.

    Attributes:
        interpretation: the interpretation's name.
        choice: the choice in effect.
        reading: its words.
        alternatives: the other choices, selectable when loading.
    """

    interpretation: str
    choice: str
    reading: str
    alternatives: tuple[str, ...]

    def __str__(self) -> str:
        alt = f"; alternatives: {', '.join(self.alternatives)}" if self.alternatives else ""
        return f"{self.interpretation}={self.choice}: {self.reading}{alt}"
