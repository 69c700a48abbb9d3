"""Health authorities (卫生健康行政部门) and the tree they form.

>>> tree = AuthorityTree([
...     Authority(id="weihai", name="威海市卫生健康委员会", level=AuthorityLevel.CITY),
...     Authority(id="weihai-huancui", name="环翠区卫生健康局", level=AuthorityLevel.DISTRICT,
...               parent="weihai", region="huancui"),
... ])
>>> tree.is_directly_above("weihai", "weihai-huancui")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import AuthorityLevel
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message

__all__ = ["Authority", "AuthorityTree"]


class HasAuthority(Protocol):
    """Anything naming its administering authority (a :class:`~hospital_inspection.Hospital`)."""

    @property
    def authority(self) -> str:
        """The administering authority's id."""
        ...


@v.collect_errors
@attrs.frozen(kw_only=True)
class Authority:
    """A health authority: national or provincial commission, city commission, district bureau.

    Attributes:
        id: stable identifier, e.g. ``"weihai-huancui"``.
        name: official name, e.g. ``"威海市环翠区卫生健康局"``.
        level: its administrative level.
        parent: id of the authority directly above it, if any.
        region: the territory it governs (a region code shared with hospitals and experts).
    """

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.non_empty_str)
    level: AuthorityLevel = attrs.field(
        converter=v.enum_converter(AuthorityLevel),  # type: ignore[misc]
        validator=v.member_of(AuthorityLevel),
    )
    parent: str | None = attrs.field(default=None, validator=v.optional_identifier)
    region: str | None = attrs.field(default=None, validator=v.optional_identifier)

    def __attrs_post_init__(self) -> None:
        if self.parent == self.id:
            own = Message(N_("{id} cannot be its own parent"), {"id": repr(self.id)})
            raise v.fail(self, "parent", own)


class AuthorityTree:
    """The authorities as a tree, with the questions inspections ask of it.

    Raises:
        DataError: duplicate ids, an unknown parent, or a child not below its parent's level.
    """

    def __init__(self, authorities: Iterable[Authority]) -> None:
        self._by_id: dict[str, Authority] = {}
        self._by_region: dict[str | None, Authority] | None = None
        problems: list[Message] = []
        if isinstance(authorities, str | bytes) or not isinstance(authorities, Iterable):
            raise DataError(
                Message(
                    N_("authorities: {value}; expected an iterable of Authority"),
                    {"value": repr(authorities)},
                )
            )
        authorities = list(authorities)
        for n, a in enumerate(authorities):
            if not isinstance(a, Authority):
                raise DataError(
                    Message(
                        N_("authorities[{n}]: {value} is not an Authority"),
                        {"n": n, "value": repr(a)},
                    )
                )
        for a in authorities:
            if a.id in self._by_id:
                problems.append(
                    Message(N_("authorities: id {id} appears more than once"), {"id": repr(a.id)})
                )
            self._by_id[a.id] = a
        for a in self._by_id.values():
            if a.parent is None:
                continue
            parent = self._by_id.get(a.parent)
            if parent is None:
                problems.append(
                    Message(
                        N_("authorities[{id}].parent: no authority with id {parent}"),
                        {"id": a.id, "parent": repr(a.parent)},
                    )
                )
            elif parent.level.depth >= a.level.depth:
                problems.append(
                    Message(
                        N_(
                            "authorities[{id}].level: {level} cannot sit below {parent_level} "
                            "authority {parent}"
                        ),
                        {
                            "id": a.id,
                            "level": a.level.label,
                            "parent_level": parent.level.label,
                            "parent": repr(parent.id),
                        },
                    )
                )
        if problems:
            raise DataError(problems)
        self._children: dict[str | None, list[str]] = {}
        for a in self._by_id.values():
            self._children.setdefault(a.parent, []).append(a.id)

    def __iter__(self) -> Iterator[Authority]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, authority_id: object) -> bool:
        return authority_id in self._by_id

    def __getitem__(self, authority_id: str) -> Authority:
        try:
            return self._by_id[authority_id]
        except KeyError:
            raise DataError(
                Message(N_("authority: no authority with id {id}"), {"id": repr(authority_id)})
            ) from None

    def children(self, authority_id: str) -> tuple[Authority, ...]:
        """The authorities directly below ``authority_id``."""
        return tuple(self._by_id[c] for c in self._children.get(authority_id, ()))

    def ancestors(self, authority_id: str) -> tuple[Authority, ...]:
        """The chain above ``authority_id``, nearest first."""
        chain: list[Authority] = []
        current = self[authority_id].parent
        while current is not None:
            chain.append(self._by_id[current])
            current = self._by_id[current].parent
        return tuple(chain)

    def is_directly_above(self, upper: str, lower: str) -> bool:
        """True when ``upper`` is the parent of ``lower`` (上级 / 下管一级)."""
        return self[lower].parent == upper

    def is_above(self, upper: str, lower: str) -> bool:
        """True when ``upper`` is any ancestor of ``lower``."""
        return any(a.id == upper for a in self.ancestors(lower))

    def administrator_of(self, hospital: HasAuthority) -> Authority:
        """The authority that administers ``hospital`` (its 主管部门).

        Raises:
            DataError: the hospital names an authority the tree does not have.
        """
        return self[hospital.authority]

    def by_region(self, region: str) -> Authority | None:
        """The most local authority governing ``region`` (deepest level wins)."""
        if self._by_region is None:  # indexed once: the first of the deepest, as max() picks
            index: dict[str | None, Authority] = {}
            for a in self._by_id.values():
                best = index.get(a.region)
                if best is None or a.level.depth > best.level.depth:
                    index[a.region] = a
            self._by_region = index
        return self._by_region.get(region)
