"""Decisions: a value with the citation, strength and reading that produced it (private)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from hospital_inspection._table import Table
from hospital_inspection.dates.deadlines import Deadline
from hospital_inspection.enums import Strength
from hospital_inspection.policy._schema import Citation, DayUnit, Reading

__all__ = ["Decision", "decisions_table"]

T = TypeVar("T")

#: Columns of :func:`decisions_table` (and of ``hospital-inspection decide``).
_HEADERS: tuple[str, ...] = (
    "决定 decision",
    "结果 value",
    "效力",
    "依据",
    "原文",
    "解读 reading",
)


def _strength_words(strength: Strength) -> str:
    return f"{strength.label} {strength.code.replace('_', ' ')}"


def _value_words(value: object) -> str:
    if isinstance(value, enum.Enum):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Deadline):
        rolled = f", rolled from {value.rolled_from.isoformat()}" if value.rolled_from else ""
        note = ", provisional" if value.provisional else ""
        return f"{value.date.isoformat()}{rolled}{note}"
    if isinstance(value, tuple):
        if len(value) <= 8:
            return "[" + "、".join(str(x) for x in value) + "]"
        return f"[{len(value)} items]"
    return str(value)


@attrs.frozen(kw_only=True, eq=True)
class Decision(Generic[T]):
    """What a policy decided, and why.

    Decisions of the decision tables are built once when the policy loads and shared, so asking
    for one is a dictionary lookup.

    Attributes:
        name: what was decided (``"min_visit_days"``).
        value: the decision.
        citation: the clause it rests on.
        strength: how strongly it binds (a deviation is a violation, a warning or information).
        rule: id of the rule in the policy file.
        interpretation: the readings in effect for that rule (empty when the words are plain).
        unit: the unit of ``value`` when it has one (minimum days: working or calendar days).
        also_cited: further clauses when the value gathers several rules (measures).

    Example:
        >>> import hospital_inspection as hi
        >>> policy = hi.load_policy("weihai-2024-2026")
        >>> h = hi.Hospital(id="H1", name="某医院", level="三级", category="综合医院",
        ...                 ownership="公立", authority="weihai-huancui")
        >>> d = policy.min_visit_days(h)
        >>> d.value, d.strength.label, d.citation.clause
        (7, '原则上', '四、')
    """

    name: str
    value: T
    citation: Citation
    strength: Strength
    rule: str
    interpretation: tuple[Reading, ...] = ()
    unit: DayUnit | None = None
    also_cited: tuple[Citation, ...] = ()

    #: The columns of :meth:`row` and :func:`decisions_table`.
    HEADERS: ClassVar[tuple[str, ...]] = _HEADERS

    def __str__(self) -> str:
        unit = f" {self.unit.code} days" if self.unit is not None else ""
        line = (
            f"{self.name} = {_value_words(self.value)}{unit} ({_strength_words(self.strength)})"
            f" — {self.citation}"
        )
        for extra in self.also_cited:
            line += f'; {extra.clause}: "{extra.text}"'
        if self.interpretation:
            line += " [reading: " + " | ".join(str(r) for r in self.interpretation) + "]"
        return line

    def row(self, label: str | None = None) -> tuple[str, ...]:
        """The decision as one row of :attr:`HEADERS`, under ``label`` (default: name).

        >>> import hospital_inspection as hi
        >>> hi.load_policy("weihai-2024-2026").min_external_experts(10).row("外区市专家")[:4]
        ('外区市专家', '3', '应当', '威卫办〔2024〕11号 四、(二)')
        """
        value = getattr(self.value, "label", None) or _value_words(self.value)
        if self.unit is not None:
            value += f" {self.unit.label}"
        reading = "; ".join(f"{r.interpretation}={r.choice}" for r in self.interpretation)
        return (
            self.name if label is None else label,
            value,
            self.strength.label,
            f"{self.citation.document} {self.citation.clause}",
            self.citation.text,
            reading,
        )


def decisions_table(decisions: Iterable[tuple[str, Decision[Any] | str]]) -> Table:
    """Labelled decisions as a :class:`~hospital_inspection.exports.Table` (one row each).

    A label may carry a message instead of a decision (a question the policy cannot answer,
    e.g. the minimum days of an out-of-scope hospital): it fills the value column.
    """
    rows = [
        d.row(label) if isinstance(d, Decision) else (label, d, "", "", "", "")
        for label, d in decisions
    ]
    return Table(headers=Decision.HEADERS, rows=rows)
