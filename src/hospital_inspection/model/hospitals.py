"""Hospitals (医疗机构) as the inspections see them.

>>> h = Hospital(id="H001", name="示例市第一人民医院", level=Level.TERTIARY, grade=Grade.A,
...              category=Category.GENERAL, ownership=Ownership.PUBLIC,
...              authority="weihai-huancui", region="huancui")
>>> h.rating
'三级甲等'
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import Category, Grade, Level, Ownership
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model import _assemble

__all__ = ["Hospital"]

_level_check, _level_converter = v.member_of(Level), v.enum_converter(Level)
_category_check, _category_converter = v.member_of(Category), v.enum_converter(Category)
_ownership_check, _ownership_converter = v.member_of(Ownership), v.enum_converter(Ownership)
_grade_check, _grade_converter = v.member_of(Grade), v.enum_converter(Grade)


@v.collect_errors
@attrs.frozen(kw_only=True)
class Hospital:
    """A medical institution that may be inspected.

    Attributes:
        id: stable identifier.
        name: its name.
        level: 医院级别.
        grade: 医院等次 (``UNGRADED`` when none).
        category: 医疗机构类别.
        ownership: 公立 or 社会办.
        authority: id of the authority that administers it (主管部门), e.g. the city
            commission for a 委属 hospital, a district bureau for a 区市属 one.
        region: code of the district (区市) it lies in; ``None`` when unknown.
        specialty: the specialty of a 专科医院 (e.g. ``"口腔"``); only allowed for that category.
        group: id of the medical group (医联体 / 医疗集团) it belongs to, or ``None``; the
            scheduler visits a group's hospitals in one window with one team
            (牵头单位和成员单位同时巡查).
    """

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.non_empty_str)
    level: Level = attrs.field(
        converter=_level_converter,  # type: ignore[misc]
        validator=_level_check,
    )
    category: Category = attrs.field(
        converter=_category_converter,  # type: ignore[misc]
        validator=_category_check,
    )
    ownership: Ownership = attrs.field(
        converter=_ownership_converter,  # type: ignore[misc]
        validator=_ownership_check,
    )
    authority: str = attrs.field(validator=v.identifier)
    grade: Grade = attrs.field(
        default=Grade.UNGRADED,
        converter=_grade_converter,  # type: ignore[misc]
        validator=_grade_check,
    )
    region: str | None = attrs.field(default=None, validator=v.optional_identifier)
    specialty: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    group: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)

    #: Builds hospitals from loaded data with the checks inlined (see :func:`_hospital_loader`).
    _fast_loader: ClassVar[Callable[[Callable[[Any], Any]], Any]]

    def __attrs_post_init__(self) -> None:
        if self.specialty is not None and self.category is not Category.SPECIALTY:
            only = N_(
                "{specialty} given for a {category}; a specialty is only recorded for a {special}"
            )
            params = {
                "specialty": repr(self.specialty),
                "category": self.category.label,
                "special": Category.SPECIALTY.label,
            }
            raise v.fail(self, "specialty", Message(only, params))
        if self.level is Level.UNRATED and self.grade is not Grade.UNGRADED:
            ungraded = N_("an {unrated} hospital cannot be {grade}")
            params = {"unrated": Level.UNRATED.label, "grade": self.grade.label}
            raise v.fail(self, "grade", Message(ungraded, params))

    @property
    def rating(self) -> str:
        """Level and grade as people write them, e.g. ``"三级甲等"``."""
        if self.grade is Grade.UNGRADED:
            return self.level.label
        return self.level.label + self.grade.label


#: Each field of :class:`Hospital` with the validator and converter that
#: :func:`_hospital_loader` inlines; when the class's fields are not exactly these, it builds
#: nothing.
_INLINED: tuple[tuple[str, object, object], ...] = (
    ("id", v.identifier, None), ("name", v.non_empty_str, None),
    ("level", _level_check, _level_converter), ("category", _category_check, _category_converter),
    ("ownership", _ownership_check, _ownership_converter), ("authority", v.identifier, None),
    ("grade", _grade_check, _grade_converter), ("region", v.optional_identifier, None),
    ("specialty", v.optional_non_empty_str, None), ("group", v.optional_non_empty_str, None),
)  # fmt: skip


def _hospital_loader(
    hook: Callable[[Any], Any],
) -> Callable[[dict[str, Any]], Hospital | None] | None:
    """A builder of hospitals from loaded JSON objects with every check inlined, or ``None``.

    ``hook(t)`` gives the loading converter's function for type ``t`` (which takes exactly the
    codes, labels and aliases of an enum, and raises on anything it refuses). The builder
    answers the hospital that ``Hospital(**fields)`` would build, setting the fields directly
    once the checks of every validator, converter and ``__attrs_post_init__`` have passed
    inline; an object that leaves out fields with defaults is completed with them first. For
    anything it does not decide at once (a missing or unknown key, a value that is not a plain
    string, an id with a character that is not printable, a specialty outside a 专科医院…) it
    answers ``None``, and the loader builds the hospital with the validating constructor,
    which names the error.
    """
    known = _assemble.keys(Hospital)
    assemble = _assemble.assembler(Hospital, tuple(name for name, _, _ in _INLINED))
    if _assemble.checks(Hospital) != _INLINED or known is None or assemble is None:
        return None
    names, required, defaults = known
    levels, level_of = _assemble.codes(hook, Level)
    categories, category_of = _assemble.codes(hook, Category)
    ownerships, ownership_of = _assemble.codes(hook, Ownership)
    grades, grade_of = _assemble.codes(hook, Grade)
    specialist, unrated, ungraded = Category.SPECIALTY, Level.UNRATED, Grade.UNGRADED

    def load(o: dict[str, Any]) -> Hospital | None:
        if len(o) != 10 or o.keys() != names:
            if not names >= o.keys() >= required:
                return None
            o = {**defaults, **o}
        ident, name, authority = o["id"], o["name"], o["authority"]
        region, specialty, group = o["region"], o["specialty"], o["group"]
        if not (
            type(ident) is str and ident.isprintable() and ident.strip()
            and type(name) is str and name.strip()
            and type(authority) is str and authority.isprintable() and authority.strip()
            and (region is None or (
                type(region) is str and region.isprintable() and region.strip()))
            and (specialty is None or (type(specialty) is str and specialty.strip()))
            and (group is None or (type(group) is str and group.strip()))
        ):  # fmt: skip
            return None
        level, category = o["level"], o["category"]
        ownership, grade = o["ownership"], o["grade"]
        level = (type(level) is str and levels.get(level)) or level_of(level, Level)
        category = (type(category) is str and categories.get(category)) or category_of(
            category, Category
        )
        ownership = (type(ownership) is str and ownerships.get(ownership)) or ownership_of(
            ownership, Ownership
        )
        grade = (type(grade) is str and grades.get(grade)) or grade_of(grade, Grade)
        if (
            type(level) is not Level or type(category) is not Category
            or type(ownership) is not Ownership or type(grade) is not Grade
            or (specialty is not None and category is not specialist)
            or (level is unrated and grade is not ungraded)
        ):  # fmt: skip
            return None
        hospital: Hospital = assemble(
            ident, name, level, category, ownership, authority, grade, region, specialty, group
        )
        return hospital

    return load


Hospital._fast_loader = _hospital_loader
