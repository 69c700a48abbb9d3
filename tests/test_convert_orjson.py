"""``to_json`` writes the same text with and without the optional ``orjson`` (extra fast-json)."""

from __future__ import annotations

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
