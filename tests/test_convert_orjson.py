"""``to_json`` writes the same text with and without the optional ``orjson`` (extra fast-json)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import convert
from hospital_inspection import testing as hit

float_free_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=16,
)


def with_json_only(obj: object, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(convert, "_orjson", lambda: None)
        return hi.to_json(obj)


@pytest.mark.skipif(importlib.util.find_spec("orjson") is None, reason="extra fast-json")
@given(float_free_json)
def test_orjson_writes_what_json_writes(data: Any) -> None:
    import orjson

    expected = json.dumps(data, ensure_ascii=False, indent=2)
    assert orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() == expected


@given(hit.plans())
def test_a_plan_reads_the_same_either_way(plan: hi.Plan) -> None:
    with pytest.MonkeyPatch.context() as patch:
        text = hi.to_json(plan)
        assert text == with_json_only(plan, patch)
    assert hi.from_json(text, hi.Plan) == plan


def test_models_with_floats_never_take_the_fast_path() -> None:
    assert convert._float_free(hi.Plan)
    assert convert._float_free(hi.Hospital)
    assert not convert._float_free(hi.ScheduleStats)  # its ratio is a float


def test_what_orjson_refuses_is_written_by_json(monkeypatch: pytest.MonkeyPatch) -> None:
    waiver = hi.Waiver(rule="r", justification="lone surrogate \ud800 kept as json keeps it")
    text = hi.to_json(waiver)
    assert text == with_json_only(waiver, monkeypatch)
    assert "\ud800" in text


def with_json_only_compact(obj: object, monkeypatch: pytest.MonkeyPatch) -> str:
    with monkeypatch.context() as patch:
        patch.setattr(convert, "_orjson", lambda: None)
        return hi.to_json(obj, indent=None)


@given(hit.plans())
def test_a_compact_plan_reads_the_same_either_way(plan: hi.Plan) -> None:
    with pytest.MonkeyPatch.context() as patch:
        text = hi.to_json(plan, indent=None)
        assert text == with_json_only_compact(plan, patch)
    assert hi.from_json(text, hi.Plan) == plan
    assert hi.from_json(text.encode(), hi.Plan) == plan


@pytest.mark.skipif(importlib.util.find_spec("orjson") is None, reason="extra fast-json")
@given(float_free_json)
def test_spaced_orjson_text_is_json_text_or_nothing(data: Any) -> None:
    import orjson

    from hospital_inspection._json_fast import spaced

    text = spaced(orjson, data)
    expected = json.dumps(data, ensure_ascii=False)
    if any(c in s for s in _strings(data) for c in ",:"):
        assert text is None  # a comma or colon inside a string: json writes the text
    else:
        assert text == expected


def _strings(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [s for x in data for s in _strings(x)]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in (k, *_strings(v))]
    return []


def test_a_comma_or_colon_in_a_string_is_written_by_json(monkeypatch: pytest.MonkeyPatch) -> None:
    waiver = hi.Waiver(rule="r", justification='a, b: "c",:d')
    assert hi.to_json(waiver, indent=None) == with_json_only_compact(waiver, monkeypatch)
    assert '"justification": "a, b: \\"c\\",:d"' in hi.to_json(waiver, indent=None)


@pytest.mark.parametrize(
    "text",
    [
        "123456789012345678901234567890",  # orjson reads it as a float; json as the int
        "-9223372036854775809",
        "NaN",  # json reads it, orjson does not
        '"\\ud800"',  # a lone surrogate
        "\ufeff1",
        "[1,]",
    ],
)
def test_from_json_answers_as_json_would(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def outcome(cl: Any) -> object:
        try:
            return ("ok", hi.from_json(text, cl))
        except hi.DataError as exc:
            return ("error", str(exc))

    for cl in (int, str, list[int]):
        got = outcome(cl)
        with monkeypatch.context() as patch:
            patch.setattr(convert, "_orjson", lambda: None)
            assert got == outcome(cl)


def test_integers_beyond_64_bits_stay_integers() -> None:
    big = 123456789012345678901234567890
    assert hi.from_json(str(big), int) == big
    assert hi.from_json(f"[{-big}]", list[int]) == [-big]


def test_to_json_shares_member_data_but_unstructure_does_not() -> None:
    member = hi.Member(person="E1", role=hi.Role.TEAM_LEADER)
    day = dt.date(2025, 3, 3)
    visits = tuple(
        hi.Visit(
            id=f"V{i}", hospital=f"H{i}", authority="A", first_day=day, last_day=day, team=(member,)
        )
        for i in range(3)
    )
    plan = hi.Plan(id="P", policy="p", authority="A", visits=visits)
    data = hi.unstructure(plan)
    assert data["visits"][0]["team"][0] is not data["visits"][1]["team"][0]
    assert hi.to_json(plan) == json.dumps(data, ensure_ascii=False, indent=2)
    assert hi.to_json(plan, indent=None) == json.dumps(data, ensure_ascii=False)
