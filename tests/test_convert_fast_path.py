"""The fast structuring path never accepts what the detailed converter refuses, nor differs.

``structure`` tries cattrs' generated, non-detailed hooks first and runs the detailed converter
only when they refuse; these properties pin that the two agree on valid data and on data with one
field replaced by an arbitrary JSON value.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import convert
from hospital_inspection import testing as hit

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["三级", "tertiary", "专家", "team_leader", "2025-03-03", " 三级", "x"]),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)  # fmt: skip


def detailed(data: object, cl: Any) -> object:
    try:
        return ("ok", convert._converter.structure(data, cl))
    except Exception:
        return "refused"


def fast(data: object, cl: Any) -> object:
    try:
        return ("ok", convert._fast.structure(data, cl))
    except Exception:
        return "refused"


def public(data: object, cl: Any) -> object:
    try:
        return ("ok", hi.structure(data, cl))
    except hi.DataError as exc:
        return ("error", str(exc))


def replace_somewhere(data: Any, path: list[int], value: object) -> Any:
    """``data`` with the value at a path (indices into dict items / list items) replaced."""
    if not path or not isinstance(data, dict | list) or not data:
        return value
    step, rest = path[0], path[1:]
    if isinstance(data, dict):
        key = list(data)[step % len(data)]
        return {**data, key: replace_somewhere(data[key], rest, value)}
    index = step % len(data)
    return [*data[:index], replace_somewhere(data[index], rest, value), *data[index + 1 :]]


@settings(max_examples=200)
@given(
    model=st.one_of(
        hit.plans().map(lambda p: (p, hi.Plan)),
        hit.hospitals().map(lambda h: (h, hi.Hospital)),
        hit.experts().map(lambda e: (e, hi.Expert)),
    ),
    path=st.lists(st.integers(0, 20), max_size=5),
    value=json_values,
)
def test_fast_path_is_never_looser_than_the_detailed_one(
    model: tuple[object, Any], path: list[int], value: object
) -> None:
    obj, cl = model
    data = hi.unstructure(obj)
    assert fast(data, cl) == ("ok", obj)  # valid data: the fast path builds it
    broken = replace_somewhere(data, path, value)
    got = fast(broken, cl)
    if got != "refused":
        assert got == detailed(broken, cl)
    outcome = public(broken, cl)
    expected = detailed(broken, cl)
    if expected == "refused":
        assert outcome[0] == "error"
    else:
        assert outcome == expected


EXPERT = {"id": "E", "name": "张某", "home_region": "r", "employer": None, "roles": ["expert"],
          "specialties": ["a"]}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("specialties", "ab"),  # a string is not a list
        ("specialties", {"a": 1}),  # nor is an object
        ("roles", ["专家", "nobody"]),
        ("roles", [True]),
        ("name", 7),
        ("name", True),
        ("employer", ["H1"]),
        ("id", None),
    ],
)
def test_known_bad_values_are_refused_by_both_paths(field: str, value: object) -> None:
    data = {**EXPERT, field: value}
    assert fast(data, hi.Expert) == "refused"
    assert detailed(data, hi.Expert) == "refused"
    assert public(data, hi.Expert)[0] == "error"


def test_errors_still_name_every_path_after_the_fast_path_refuses() -> None:
    data = hi.unstructure(hi.sample_data("weihai").hospitals[:3])
    data[1]["level"] = "四级"
    data[2]["authority"] = 7
    with pytest.raises(hi.DataError) as info:
        hi.structure(data, list[hi.Hospital])
    text = str(info.value)
    assert "hospitals[1].level: '四级' is not a level" in text
    assert "hospitals[2].authority: number 7 is not a string" in text


def test_team_members_loaded_twice_are_one_shared_value() -> None:
    team = [{"person": "E1", "role": "team_leader"}, {"person": "E2", "role": "expert"}]
    visit = {"id": "V", "hospital": "H", "authority": "A", "first_day": "2025-03-03",
             "last_day": "2025-03-05", "team": team}  # fmt: skip
    one = hi.structure(visit, hi.Visit)
    two = hi.structure({**visit, "id": "V2"}, hi.Visit)
    assert (
        one.team
        == two.team
        == (
            hi.Member(person="E1", role=hi.Role.TEAM_LEADER),
            hi.Member(person="E2"),
        )
    )
    assert all(a is b for a, b in zip(one.team, two.team, strict=True))


def test_a_member_is_never_shared_with_an_input_it_was_not_built_from() -> None:
    hi.structure({"person": "E1", "role": "expert"}, hi.Member)
    with pytest.raises(hi.DataError, match="role"):
        hi.structure({"person": "E1", "role": "nobody"}, hi.Member)
    with pytest.raises(hi.DataError, match="person"):
        hi.structure({"person": ["E1"], "role": "expert"}, hi.Member)
    leader = hi.structure({"person": "E1", "role": "组长"}, hi.Member)
    assert leader.role is hi.Role.TEAM_LEADER
