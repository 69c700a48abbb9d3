"""People who sit on inspection teams: experts of the 专家库 and officials.

>>> e = Expert(id="E01", name="张某甲", home_region="wendeng", employer="H007",
...            roles=frozenset({Role.EXPERT}), specialties=frozenset({"财务"}))
>>> e.is_expert
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from hospital_inspection import _validate as v
from hospital_inspection._date_sets import DateSetError, to_date_set
from hospital_inspection.enums import Role
from hospital_inspection.i18n import N_, Message

__all__ = ["Expert"]


def _roles(value: object) -> frozenset[Role]:
    if isinstance(value, Role):
        return frozenset({value})
    if isinstance(value, str):
        return frozenset({Role.parse(value)})
    if isinstance(value, Iterable):
        return frozenset(Role.parse(r) if isinstance(r, str) else r for r in value)
    raise v.FieldError("roles", f"{value!r} is not a list of roles", owner="Expert")


def _strings(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, Iterable):
        return frozenset(value)
    raise v.FieldError("specialties", f"{value!r} is not a list of strings", owner="Expert")


def _unavailable(value: object) -> frozenset[dt.date]:
    try:
        return to_date_set(value)
    except DateSetError as exc:
        raise v.FieldError("unavailable", str(exc), owner="Expert") from None


def _check_roles(
    instance: object, attribute: attrs.Attribute[frozenset[Role]], value: object
) -> None:
    assert isinstance(value, frozenset)
    if not value:
        raise v.fail(instance, "roles", Message(N_("a person needs at least one role")))
    for role in value:
        if not isinstance(role, Role):
            raise v.fail(instance, "roles", Role.unknown_message(role))


@v.collect_errors
@attrs.frozen(kw_only=True)
class Expert:
    """A person who can sit on an inspection team (专家库专家, official or 纠风办 lead).

    Attributes:
        id: stable identifier.
        name: the person's name.
        home_region: code of the district (区市) the person belongs to; decides who counts as
            an external expert (外区市专家).
        employer: id of the hospital the person works for, or ``None``; a person never
            inspects their own employer (回避).
        roles: what the person may do on a team.
        specialties: fields of expertise (free text, e.g. ``"财务"``, ``"医疗质量"``).
        unavailable: days the person cannot serve (practising doctors have clinics, managers
            have meetings); the scheduler never puts them on a team that is on site on one of
            these days. Accepts dates, ``"2025-06-01..2025-06-30"`` ranges or ``(first, last)``
            pairs; stored as the set of days.
    """

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.non_empty_str)
    home_region: str = attrs.field(validator=v.identifier)
    employer: str | None = attrs.field(default=None, validator=v.optional_identifier)
    roles: frozenset[Role] = attrs.field(
        default=frozenset({Role.EXPERT}), converter=_roles, validator=_check_roles
    )
    specialties: frozenset[str] = attrs.field(
        default=frozenset(), converter=_strings, validator=v.str_collection
    )
    unavailable: frozenset[dt.date] = attrs.field(default=frozenset(), converter=_unavailable)

    @property
    def is_expert(self) -> bool:
        """True when the person counts as an expert (专家) for team-composition rules."""
        return Role.EXPERT in self.roles

    def can(self, role: Role) -> bool:
        """True when the person may take ``role``."""
        return role in self.roles
