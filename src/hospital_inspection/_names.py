"""Look up display names for the ids a plan holds (private; shared by the front ends).

A plan stores ids only. The front ends take the hospitals, experts and authorities as optional
keyword arguments and show names where they are given; an id with no match is shown as itself,
so a partial list never hides a visit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar

import attrs

from hospital_inspection.authorities import Authority
from hospital_inspection.enums import Role
from hospital_inspection.hospitals import Hospital
from hospital_inspection.people import Expert
from hospital_inspection.visits import Visit

__all__ = ["Lookup", "Names"]


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


T = TypeVar("T", bound=_HasId)

#: Objects to look up by id: any iterable of them (a tuple, an ``AuthorityTree``) or a mapping
#: from id to object.
Lookup = Iterable[T] | Mapping[str, T]


def _index(items: Lookup[T] | None) -> dict[str, T]:
    if items is None:
        return {}
    if isinstance(items, Mapping):
        return dict(items)
    return {item.id: item for item in items}


@attrs.frozen
class Names:
    """Ids to names, falling back to the id itself."""

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
        return cls(_index(hospitals), _index(experts), _index(authorities))

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
