"""The fields and field validators every rule kind shares (private).

``_Base`` holds what every rule has (id, strength, citation, visit kinds, note); ``_positive``
and ``_non_negative`` are the whole-number validators the rule kinds' fields use, and
``_REGULAR`` the default visit kinds (regular visits only).
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import (
    Strength,
    VisitKind,
)
from hospital_inspection.i18n import N_, Message
from hospital_inspection.policy._schema import Citation

__all__: list[str] = []

_REGULAR = frozenset({VisitKind.REGULAR})


def _positive(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise v.fail(
            instance,
            attribute.name,
            Message(N_("{value} is not a whole number >= 1"), {"value": repr(value)}),
        )


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise v.fail(
            instance,
            attribute.name,
            Message(N_("{value} is not a whole number >= 0"), {"value": repr(value)}),
        )


@attrs.frozen(kw_only=True)
class _Base:
    """Fields every rule has."""

    KIND: ClassVar[str] = ""

    id: str = attrs.field(validator=v.non_empty_str)
    strength: Strength
    cite: Citation
    visit_kinds: frozenset[VisitKind] = _REGULAR
    note: str | None = None

    @property
    def kind(self) -> str:
        """The rule kind, as written in the file (``kind = "visit_days"``)."""
        return self.KIND

    @property
    def citation(self) -> Citation:
        """The rule's citation (same as ``cite``)."""
        return self.cite
