"""Hospitals (医疗机构) as the inspections see them.

>>> h = Hospital(id="H001", name="示例市第一人民医院", level=Level.TERTIARY, grade=Grade.A,
...              category=Category.GENERAL, ownership=Ownership.PUBLIC,
...              authority="weihai-huancui", region="huancui")
>>> h.rating
'三级甲等'
"""

from __future__ import annotations

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import Category, Grade, Level, Ownership
from hospital_inspection.i18n import N_, Message

__all__ = ["Hospital"]


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
        converter=v.enum_converter(Level),  # type: ignore[misc]
        validator=v.member_of(Level),
    )
    category: Category = attrs.field(
        converter=v.enum_converter(Category),  # type: ignore[misc]
        validator=v.member_of(Category),
    )
    ownership: Ownership = attrs.field(
        converter=v.enum_converter(Ownership),  # type: ignore[misc]
        validator=v.member_of(Ownership),
    )
    authority: str = attrs.field(validator=v.identifier)
    grade: Grade = attrs.field(
        default=Grade.UNGRADED,
        converter=v.enum_converter(Grade),  # type: ignore[misc]
        validator=v.member_of(Grade),
    )
    region: str | None = attrs.field(default=None, validator=v.optional_identifier)
    specialty: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)
    group: str | None = attrs.field(default=None, validator=v.optional_non_empty_str)

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
