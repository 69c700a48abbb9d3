"""Enum labels and codes parse both ways; unknown labels are rejected with the accepted ones."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.enums import LabeledEnum

ENUMS: list[type[LabeledEnum]] = [
    hi.Level,
    hi.Grade,
    hi.Category,
    hi.Ownership,
    hi.AuthorityLevel,
    hi.Role,
    hi.VisitKind,
    hi.VisitMode,
    hi.ScopeStatus,
    hi.Strength,
]
MEMBERS = [m for e in ENUMS for m in e]


@pytest.mark.parametrize("member", MEMBERS, ids=lambda m: f"{type(m).__name__}.{m.name}")
def test_every_member_parses_from_code_label_and_aliases(member: LabeledEnum) -> None:
    cls = type(member)
    assert cls.parse(member.code) is member
    assert cls.parse(member.label) is member
    assert cls.parse(f"  {member.label} ") is member
    for alias in member.aliases:
        assert cls.parse(alias) is member
    assert str(member) == member.label


@pytest.mark.parametrize("cls", ENUMS, ids=lambda c: c.__name__)
def test_codes_and_labels_are_unique(cls: type[LabeledEnum]) -> None:
    keys = [k for m in cls for k in {m.code, m.label, *m.aliases}]
    assert len(keys) == len(set(keys))


def test_unknown_level_lists_the_accepted_labels() -> None:
    with pytest.raises(
        hi.DataError, match="'四级' is not a level; expected one of 一级, 二级, 三级, 未定级"
    ):
        hi.Level.parse("四级")


@given(st.text())
def test_parse_accepts_exactly_the_known_names(text: str) -> None:
    known = {k.strip().lower() for m in hi.Level for k in (m.code, m.label, *m.aliases)}
    if text.strip().lower() in known:
        assert isinstance(hi.Level.parse(text), hi.Level)
    else:
        with pytest.raises(hi.DataError):
            hi.Level.parse(text)


@pytest.mark.parametrize(
    ("text", "level", "grade"),
    [
        ("三级甲等", hi.Level.TERTIARY, hi.Grade.A),
        ("二级乙等", hi.Level.SECONDARY, hi.Grade.B),
        ("一级丙等", hi.Level.PRIMARY, hi.Grade.C),
        ("二级", hi.Level.SECONDARY, hi.Grade.UNGRADED),
        ("tertiary-a", hi.Level.TERTIARY, hi.Grade.A),
    ],
)
def test_combined_rating(text: str, level: hi.Level, grade: hi.Grade) -> None:
    assert hi.parse_rating(text) == (level, grade)


@pytest.mark.parametrize("text", ["四级甲等", "三级特等x", "甲等", ""])
def test_bad_rating(text: str) -> None:
    with pytest.raises(hi.DataError, match="is not a rating"):
        hi.parse_rating(text)


def test_level_rank_orders_levels_and_puts_unrated_lowest() -> None:
    ranks = [hi.Level.UNRATED, hi.Level.PRIMARY, hi.Level.SECONDARY, hi.Level.TERTIARY]
    assert [lv.rank for lv in ranks] == [0, 1, 2, 3]


def test_hospital_categories() -> None:
    assert hi.Category.MATERNAL_CHILD.is_hospital
    assert not hi.Category.COMMUNITY_CENTER.is_hospital
