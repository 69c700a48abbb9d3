"""A directory of names for the ids that plans, reports and ledgers hold.

A plan stores ids only. Every table, export and view takes one ``names=`` argument, a
:class:`Names` built once from the hospitals, experts and authorities you have, and shows names
where they are known; an id with no match is shown as itself, so a partial list never hides a
visit. (The older ``hospitals=``, ``experts=``, ``authorities=`` keywords still work and are
added to ``names``.)

>>> import hospital_inspection as hi
>>> data = hi.sample_data("weihai")
>>> names = hi.Names.of(hospitals=data.hospitals, experts=data.experts,
...                     authorities=data.authorities)
>>> names.hospital("WH001"), names.hospital("unknown-id")
('威海市海鸥中心医院（虚构）', 'unknown-id')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypedDict, TypeVar, Unpack

import attrs

from hospital_inspection.enums import Role
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import Authority
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Visit

__all__ = ["Lookup", "Lookups", "Names"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)

#: Objects to look up by id: any iterable of them (a tuple, an ``AuthorityTree``) or a mapping
#: from id to object.
Lookup = Iterable[T] | Mapping[str, T]


class Lookups(TypedDict, total=False):
    """The older keywords every table, export and view still takes, each added to ``names=``."""

    hospitals: Lookup[Hospital] | None
    experts: Lookup[Expert] | None
    authorities: Lookup[Authority] | None


def _index(items: Lookup[T] | None) -> dict[str, T]:
    if items is None:
        return {}
    if isinstance(items, Mapping):
        return dict(items)
    return {item.id: item for item in items}


@attrs.frozen
class Names:
    """Ids to names, falling back to the id itself.

    Build one with :meth:`of`; the attributes map ids to the objects.
    """

    hospitals: dict[str, Hospital]
    experts: dict[str, Expert]
    authorities: dict[str, Authority]

    @classmethod
    def of(
        cls,
        *,
        hospitals: Lookup[Hospital] | None = None,
        experts: Lookup[Expert] | None = None,
        authorities: Lookup[Authority] | None = None,
    ) -> Names:
        """A directory of the given hospitals, experts and authorities (each optional)."""
        return cls(_index(hospitals), _index(experts), _index(authorities))

    @classmethod
    def resolve(cls, names: Names | None = None, **lookups: Unpack[Lookups]) -> Names:
        """``names`` with any separately given hospitals, experts or authorities added.

        What the front ends call with their arguments: ``names=`` and the older keywords.

        Raises:
            DataError: ``names`` is not a :class:`Names`, or a keyword is not one of
                ``hospitals``, ``experts``, ``authorities``.
        """
        if names is not None and not isinstance(names, Names):
            raise DataError(
                Message(
                    N_("names: {value}; expected a hospital_inspection.Names or None"),
                    {"value": repr(names)},
                )
            )
        unknown = sorted(set(lookups) - set(Lookups.__annotations__))
        if unknown:
            raise DataError(
                Message(
                    N_(
                        "{unknown}: unexpected keyword(s); expected names=, hospitals=, "
                        "experts= or authorities="
                    ),
                    {"unknown": ", ".join(unknown)},
                )
            )
        base = names if names is not None else cls({}, {}, {})
        hospitals = lookups.get("hospitals")
        experts = lookups.get("experts")
        authorities = lookups.get("authorities")
        if hospitals is None and experts is None and authorities is None:
            return base
        return cls(
            {**base.hospitals, **_index(hospitals)},
            {**base.experts, **_index(experts)},
            {**base.authorities, **_index(authorities)},
        )

    def hospital(self, hospital_id: str) -> str:
        found = self.hospitals.get(hospital_id)
        return found.name if found else hospital_id

    def rating(self, hospital_id: str) -> str:
        """The hospital's 级别 and 等次 (e.g. ``"三级甲等"``), or ``""`` when unknown."""
        found = self.hospitals.get(hospital_id)
        return found.rating if found else ""

    def person(self, person_id: str | None) -> str:
        if person_id is None:
            return ""
        found = self.experts.get(person_id)
        return found.name if found else person_id

    def authority(self, authority_id: str) -> str:
        found = self.authorities.get(authority_id)
        return found.name if found else authority_id

    def members(self, visit: Visit) -> str:
        """Everyone but the leader, ``、``-separated; roles other than 专家 in brackets."""
        return "、".join(
            self.person(m.person) + ("" if m.role is Role.EXPERT else f"（{m.role.label}）")
            for m in visit.team
            if m.role is not Role.TEAM_LEADER
        )

    def team_by_role(self, visit: Visit) -> list[tuple[Role, list[str]]]:
        """The team grouped by role, leader first, each role's names in team order."""
        return [
            (role, names)
            for role in Role
            if (names := [self.person(m.person) for m in visit.team if m.role is role])
        ]
