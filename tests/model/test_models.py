"""Models: invariants at construction, value equality, round trips through the converter."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given

import hospital_inspection as hi
from hospital_inspection import testing as hit


def _hospital(**changes: object) -> hi.Hospital:
    base: dict[str, object] = {
        "id": "H1",
        "name": "虚构医院",
        "level": hi.Level.TERTIARY,
        "grade": hi.Grade.A,
        "category": hi.Category.GENERAL,
        "ownership": hi.Ownership.PUBLIC,
        "authority": "weihai",
    }
    base.update(changes)
    return hi.Hospital(**base)  # type: ignore[arg-type]


def test_hospital_accepts_labels_and_is_frozen() -> None:
    h = _hospital(level="三级", grade="甲等", category="综合医院", ownership="公立")
    assert h == _hospital()
    assert hash(h) == hash(_hospital())
    assert h.rating == "三级甲等"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        h.id = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": ""}, "Hospital.id: '' is not a non-empty string"),
        ({"level": "四级"}, "Hospital.level: '四级' is not a level"),
        ({"specialty": "口腔"}, "Hospital.specialty: '口腔' given for a 综合医院"),
        ({"level": hi.Level.UNRATED}, "Hospital.grade: an 未定级 hospital cannot be 甲等"),
    ],
)
def test_hospital_invariants(changes: dict[str, object], message: str) -> None:
    with pytest.raises(hi.DataError, match=message):
        _hospital(**changes)


def test_visit_invariants() -> None:
    day = dt.date(2025, 4, 7)
    with pytest.raises(hi.DataError, match=r"Visit\.last_day: 2025-04-06 is before first_day"):
        hi.Visit(id="V", hospital="H", authority="A", first_day=day, last_day=day.replace(day=6))
    with pytest.raises(hi.DataError, match="E1 listed more than once"):
        hi.Visit(
            id="V",
            hospital="H",
            authority="A",
            first_day=day,
            last_day=day,
            team=(hi.Member(person="E1"), hi.Member(person="E1", role=hi.Role.OFFICIAL)),
        )
    with pytest.raises(hi.DataError, match="more than one team leader"):
        hi.Visit(
            id="V",
            hospital="H",
            authority="A",
            first_day=day,
            last_day=day,
            team=(
                hi.Member(person="E1", role="组长"),
                hi.Member(person="E2", role=hi.Role.TEAM_LEADER),
            ),
        )
    with pytest.raises(hi.DataError, match="first_day: datetime"):
        hi.Visit(id="V", hospital="H", authority="A", first_day=dt.datetime(2025, 1, 1),
                 last_day=day)  # fmt: skip


def test_plan_rejects_duplicate_visit_ids() -> None:
    day = dt.date(2025, 4, 7)
    v = hi.Visit(id="V", hospital="H", authority="A", first_day=day, last_day=day)
    with pytest.raises(hi.DataError, match=r"Plan\.visits: id 'V' appears more than once"):
        hi.Plan(id="P", policy="x", authority="A", visits=(v, v))


def test_expert_needs_a_role() -> None:
    with pytest.raises(hi.DataError, match="at least one role"):
        hi.Expert(id="E", name="张某", home_region="huancui", roles=())


@given(hit.visits())
def test_visit_derived_values(v: hi.Visit) -> None:
    assert v.calendar_days == (v.last_day - v.first_day).days + 1 >= 1
    assert v.overlaps(v)
    assert len(v.people) == len(set(v.people))


def test_authority_tree_questions() -> None:
    tree = hi.sample_data("weihai").authority_tree()
    assert tree.is_directly_above("weihai", "weihai-huancui")
    assert not tree.is_directly_above("shandong", "weihai-huancui")
    assert tree.is_above("shandong", "weihai-huancui")
    assert [a.id for a in tree.ancestors("weihai-rushan")] == ["weihai", "shandong"]
    assert tree.by_region("rushan") == tree["weihai-rushan"]
    data = hi.sample_data("weihai")
    assert tree.administrator_of(data.hospitals[0]).name == "威海市卫生健康委员会"
    assert {a.id for a in tree.children("weihai")} >= {"weihai-huancui", "weihai-nanhai"}
    with pytest.raises(hi.DataError, match="no authority with id 'nowhere'"):
        tree["nowhere"]


def test_authority_tree_rejects_bad_structure() -> None:
    city = hi.Authority(id="c", name="市", level="市级")
    with pytest.raises(hi.DataError) as info:
        hi.AuthorityTree(
            [
                city,
                city,
                hi.Authority(id="d", name="区", level="区县级", parent="missing"),
                hi.Authority(id="p", name="省", level="省级", parent="c"),
            ]
        )
    text = str(info.value)
    assert "id 'c' appears more than once" in text
    assert "authorities[d].parent: no authority with id 'missing'" in text
    assert "authorities[p].level: 省级 cannot sit below 市级 authority 'c'" in text
