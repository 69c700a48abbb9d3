"""The converter: exact round trips, strict input, readable errors, only DataError on bad input."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import testing as hit

MODELS = [hi.Hospital, hi.Authority, hi.Expert, hi.Visit, hi.Plan, hi.Member, hi.Waiver]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@given(hit.hospitals())
def test_hospital_round_trip(h: hi.Hospital) -> None:
    assert hi.structure(hi.unstructure(h), hi.Hospital) == h
    assert hi.from_json(hi.to_json(h), hi.Hospital) == h


@given(hit.authorities(parent=st.none() | st.just("root")))
def test_authority_round_trip(a: hi.Authority) -> None:
    assert hi.from_json(hi.to_json(a), hi.Authority) == a


@given(hit.experts())
def test_expert_round_trip(e: hi.Expert) -> None:
    assert hi.from_json(hi.to_json(e), hi.Expert) == e


@given(hit.plans())
def test_plan_round_trip(p: hi.Plan) -> None:
    assert hi.from_json(hi.to_json(p), hi.Plan) == p


@given(hit.instances())
def test_instance_round_trip(world: hit.Instance) -> None:
    assert hi.from_json(hi.to_json(world.hospitals), tuple[hi.Hospital, ...]) == world.hospitals
    assert hi.from_json(hi.to_json(world.experts), tuple[hi.Expert, ...]) == world.experts


def test_output_is_codes_and_iso_dates_and_sorted_sets() -> None:
    e = hi.Expert(
        id="E", name="张某", home_region="r", roles={"组长", "专家"}, specialties={"b", "a"},
        unavailable="2025-06-03..2025-06-04",
    )  # fmt: skip
    assert hi.unstructure(e) == {
        "id": "E",
        "name": "张某",
        "home_region": "r",
        "employer": None,
        "roles": ["expert", "team_leader"],
        "specialties": ["a", "b"],
        "unavailable": ["2025-06-03", "2025-06-04"],
    }


def test_error_lists_every_failing_path() -> None:
    text = json.dumps(
        [
            {"id": "H1", "name": "x", "level": "三级", "category": "综合医院",
             "ownership": "公立", "authority": "a"},
            {"id": "H2", "name": "x", "level": "二级", "category": "综合医院",
             "ownership": "公立", "authority": "a"},
            {"id": "H3", "name": "x", "level": "三级", "category": "综合医院",
             "ownership": "公立", "authority": "a"},
            {"id": "H4", "name": "x", "level": "四级", "category": "综合医院",
             "ownership": "国有", "authority": 7, "colour": "red"},
        ],
        ensure_ascii=False,
    )  # fmt: skip
    with pytest.raises(hi.DataError) as info:
        hi.from_json(text, list[hi.Hospital], source="hospitals.json")
    problems = info.value.problems
    assert (
        "hospitals[3].level: '四级' is not a level; expected one of 一级, 二级, 三级, 未定级"
        in problems
    )
    assert any(p.startswith("hospitals[3]: unexpected key(s) colour") for p in problems)
    assert "hospitals.json" in str(info.value)


def test_cross_field_errors_carry_the_path() -> None:
    data: dict[str, Any] = {
        "id": "P",
        "policy": "x",
        "authority": "a",
        "visits": [
            {"id": "V", "hospital": "H", "authority": "a",
             "first_day": "2025-01-05", "last_day": "2025-01-03"},
        ],
    }  # fmt: skip
    with pytest.raises(hi.DataError, match=r"plan\.visits\[0\]\.last_day: 2025-01-03 is before"):
        hi.structure(data, hi.Plan)


@pytest.mark.parametrize(
    ("value", "cl", "words"),
    [
        (5, str, "number 5 is not a string"),
        ("abc", list[str], "string 'abc' is not a list"),
        ("2025-13-01", hi.Visit, "is not an object"),
        (True, int, "boolean true is not an integer"),
    ],
)
def test_strict_scalars(value: object, cl: Any, words: str) -> None:
    with pytest.raises(hi.DataError, match=words):
        hi.structure(value, cl)


def test_invalid_json_text() -> None:
    with pytest.raises(hi.DataError, match="not valid JSON"):
        hi.from_json("{", hi.Hospital)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
@settings(max_examples=1000)
@given(value=json_values)
def test_fuzz_only_data_error_escapes(model: type, value: object) -> None:
    with contextlib.suppress(hi.DataError):
        hi.structure(value, model)


@settings(max_examples=1000)
@given(value=json_values)
def test_fuzz_collections(value: object) -> None:
    for cl in (list[hi.Hospital], tuple[hi.Expert, ...], hi.SampleData):
        with contextlib.suppress(hi.DataError):
            hi.structure(value, cl)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_json_schema_lists_every_field(model: type) -> None:
    schema = hi.json_schema(model)
    assert schema["title"] == model.__name__
    assert set(schema["properties"]) == {f.name for f in __import__("attrs").fields(model)}


@given(hit.hospitals())
def test_json_schema_accepts_what_we_write(h: hi.Hospital) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(hi.unstructure(h), hi.json_schema(hi.Hospital))
