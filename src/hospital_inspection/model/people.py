"""People who sit on inspection teams: experts of the 专家库 and officials.

>>> e = Expert(id="E01", name="张某甲", home_region="wendeng", employer="H007",
...            roles=frozenset({Role.EXPERT}), specialties=frozenset({"财务"}))
>>> e.is_expert
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection._date_sets import DateSetError, to_date_set
from hospital_inspection.enums import Role
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model import _assemble

__all__ = ["Expert"]


def _roles(value: object) -> frozenset[Role]:
    if isinstance(value, Role):
        return frozenset({value})
    if isinstance(value, str):
        return frozenset({Role.parse(value)})
    if isinstance(value, Iterable):
        return frozenset(Role.parse(r) if isinstance(r, str) else r for r in value)
    not_roles = Message(N_("{value} is not a list of roles"), {"value": repr(value)})
    raise v.FieldError("roles", not_roles, owner="Expert")


def _strings(value: object) -> frozenset[str]:
    if isinstance(value, str):
        return frozenset({value})
    if isinstance(value, Iterable):
        return frozenset(value)
    not_strings = Message(N_("{value} is not a list of strings"), {"value": repr(value)})
    raise v.FieldError("specialties", not_strings, owner="Expert")


def _unavailable(value: object) -> frozenset[dt.date]:
    try:
        return to_date_set(value)
    except DateSetError as exc:
        raise v.FieldError("unavailable", exc.message, owner="Expert") from None


def _check_roles(
    instance: object, attribute: attrs.Attribute[frozenset[Role]], value: object
) -> None:
    assert isinstance(value, frozenset)
    if not value:
        raise v.fail(instance, "roles", Message(N_("a person needs at least one role")))
    for role in value:
        if not isinstance(role, Role):
            raise v.fail(instance, "roles", v.unknown_member(Role, role))


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

    #: Builds people from loaded data with the checks inlined (see :func:`_expert_loader`).
    _fast_loader: ClassVar[Callable[[Callable[[Any], Any]], Any]]

    @property
    def is_expert(self) -> bool:
        """True when the person counts as an expert (专家) for team-composition rules."""
        return Role.EXPERT in self.roles

    def can(self, role: Role) -> bool:
        """True when the person may take ``role``."""
        return role in self.roles


#: Each field of :class:`Expert` with the validator and converter that :func:`_expert_loader`
#: inlines; when the class's fields are not exactly these, it builds nothing.
_INLINED: tuple[tuple[str, object, object], ...] = (
    ("id", v.identifier, None), ("name", v.non_empty_str, None),
    ("home_region", v.identifier, None), ("employer", v.optional_identifier, None),
    ("roles", _check_roles, _roles), ("specialties", v.str_collection, _strings),
    ("unavailable", None, _unavailable),
)  # fmt: skip


def _expert_loader(hook: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Expert | None] | None:
    """A builder of people from loaded JSON objects with every check inlined, or ``None``.

    ``hook(t)`` gives the loading converter's function for type ``t`` (which takes exactly the
    codes, labels and aliases of a role, plain strings, ISO dates, and raises on anything it
    refuses). The builder answers the person that ``Expert(**fields)`` would build, setting the
    fields directly once every validator and converter has passed inline (the days of
    ``unavailable``, when there are any, go through the field's own converter); an object that
    leaves out fields with defaults is completed with them first. For anything it does not
    decide at once (a missing or unknown key, a value that is not a plain string, an id with a
    character that is not printable, no role, a blank specialty…) it answers ``None``, and the
    loader builds the person with the validating constructor, which names the error.
    """
    known = _assemble.keys(Expert)
    assemble = _assemble.assembler(Expert, tuple(name for name, _, _ in _INLINED))
    if _assemble.checks(Expert) != _INLINED or known is None or assemble is None:
        return None
    names, required, defaults = known
    roles_type, strings_type, days_type = frozenset[Role], frozenset[str], frozenset[dt.date]
    roles_of, strings_of, days_of = hook(roles_type), hook(strings_type), hook(days_type)
    # the roles of a list of one code, label or alias, as the converter reads that list
    one_role = {k: roles_of([k], roles_type) for k in _assemble.codes(hook, Role)[0]}
    nothing: frozenset[Any] = frozenset()

    def load(o: dict[str, Any]) -> Expert | None:
        if len(o) != 7 or o.keys() != names:
            if not names >= o.keys() >= required:
                return None
            o = {**defaults, **o}
        ident, name, home, employer = o["id"], o["name"], o["home_region"], o["employer"]
        if not (
            type(ident) is str and ident.isprintable() and ident.strip()
            and type(name) is str and name.strip()
            and type(home) is str and home.isprintable() and home.strip()
            and (employer is None or (
                type(employer) is str and employer.isprintable() and employer.strip()))
        ):  # fmt: skip
            return None
        roles, specialties, days = o["roles"], o["specialties"], o["unavailable"]
        if type(roles) is list and len(roles) == 1 and type(roles[0]) is str:
            roles = one_role.get(roles[0]) or roles_of(roles, roles_type)
        else:
            roles = roles_of(roles, roles_type)
        specialties = (
            nothing if type(specialties) is list and not specialties
            else strings_of(specialties, strings_type)
        )  # fmt: skip
        days = (
            nothing if type(days) is list and not days
            else _unavailable(days_of(days, days_type))  # the converter's days, as the field's
        )  # fmt: skip
        if (
            type(roles) is not frozenset or not roles
            or not all(type(r) is Role for r in roles)
            or type(specialties) is not frozenset
            or not all(type(s) is str and s.strip() for s in specialties)
            or type(days) is not frozenset
        ):  # fmt: skip
            return None
        expert: Expert = assemble(ident, name, home, employer, roles, specialties, days)
        return expert

    return load


Expert._fast_loader = _expert_loader
