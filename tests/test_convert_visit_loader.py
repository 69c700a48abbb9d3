"""Visits loaded with their checks inlined are exactly what the validating constructor builds.

``Visit`` has a ``_fast_loader``: the fast structuring path builds a visit from a JSON object by
checking every field inline and setting the fields directly. For valid data it must build the
constructor's visit; for data the constructor refuses it must build nothing (the constructor
then names the error), and ``structure`` must answer exactly as the detailed converter does.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import convert
from hospital_inspection import testing as hit
from hospital_inspection.model import _visit

loader = _visit._visit_loader(convert._fast.get_structure_hook)

awkward = st.sampled_from(
    ["", " ", "V\u200b1", "V\n1", "V\u00a01", "a,b:c", "2025-02-30", "2025-3-1", "20250301",
     "三级", "组长", "team_leader", "飞行检查", "unannounced", "暗访", "regular", " regular",
     None, True, 0, 7, 1.5, [], {}, ["E1"], [{"person": "E1"}], [{"person": "E1", "role": 1}]]
)  # fmt: skip


def outcome(run: Any) -> object:
    """What ``run()`` answers, or ``"refused"`` when it raises (the fast path then gives up)."""
    try:
        return ("ok", run())
    except Exception:
        return "refused"


def public(data: dict[str, Any]) -> object:
    try:
        return ("ok", hi.structure(data, hi.Visit))
    except hi.DataError as exc:
        return ("error", str(exc))


def validated(data: dict[str, Any]) -> object:
    """What the detailed converter answers: the validating constructor of each model."""
    return outcome(lambda: convert._converter.structure(data, hi.Visit))


@given(hit.visits())
def test_a_valid_visit_is_built_by_the_loader_as_the_constructor_builds_it(visit: hi.Visit) -> None:
    data = hi.unstructure(visit)
    built = loader(data) if loader is not None else None
    assert built is not None  # the loader takes a complete, valid object
    assert type(built) is hi.Visit
    assert built == visit == hi.Visit(**attrs.asdict(visit, recurse=False))
    assert hi.structure(data, hi.Visit) == visit


def broken_visits() -> st.SearchStrategy[dict[str, Any]]:
    """Objects of valid visits with one field replaced, a member repeated or made leader, the
    days swapped, a key left out or added."""

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        data: dict[str, Any] = hi.unstructure(draw(hit.visits(max_days=4)))
        how = draw(st.sampled_from(["replace", "repeat", "leaders", "swap", "drop", "add"]))
        key = draw(st.sampled_from(sorted(data)))
        if how == "replace":
            data[key] = draw(awkward)
        elif how == "repeat" and data["team"]:
            data["team"] = [*data["team"], dict(data["team"][0], role="official")]
        elif how == "leaders":
            data["team"] = [{**m, "role": "组长"} for m in data["team"]]
        elif how == "swap":
            data["first_day"], data["last_day"] = data["last_day"], data["first_day"]
        elif how == "drop":
            del data[key]
        elif how == "add":
            data[draw(st.sampled_from(["extra", "Id", "teams"]))] = draw(awkward)
        return data

    return build()


@settings(max_examples=300)
@given(broken_visits())
def test_the_loader_builds_only_what_the_constructor_builds(data: dict[str, Any]) -> None:
    expected = validated(data)
    got = outcome(lambda: loader(data) if loader is not None else None)
    if got not in ("refused", ("ok", None)):  # built: the constructor builds the same
        assert expected == got
    assert outcome(lambda: convert._fast.structure(data, hi.Visit)) in ("refused", expected)
    answer = public(data)
    assert answer == expected or (expected == "refused" and answer[0] == "error")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"first_day": "2025-03-09"}, "visit.last_day: 2025-03-05 is before first_day"),
        ({"id": "V\u200b1"}, "visit.id: 'V\\u200b1' holds the invisible or control character"),
        ({"kind": "nothing"}, "visit.kind: 'nothing' is not"),
        ({"team": [{"person": "E1", "role": "组长"}, {"person": "E2", "role": "组长"}]},
         "more than one team leader (E1, E2)"),
        ({"team": [{"person": "E1"}, {"person": "E1", "role": "official"}]},
         "E1 listed more than once"),
        ({"feedback_date": "2025-3-9"}, "visit.feedback_date: string '2025-3-9' is not a date"),
    ],
)  # fmt: skip
def test_errors_are_the_constructors(change: dict[str, Any], words: str) -> None:
    valid = {"id": "V", "hospital": "H", "authority": "A", "first_day": "2025-03-03",
             "last_day": "2025-03-05", "team": [{"person": "E1", "role": "expert"}],
             "kind": "regular", "mode": "announced", "self_report_date": None,
             "feedback_date": None}  # fmt: skip
    data = {**valid, **change}
    assert loader is not None
    for member in data["team"]:  # each member seen before: the team is read in one pass
        assert loader({**valid, "team": [member]}) is not None
    assert outcome(lambda: loader(data)) in ("refused", ("ok", None)) or "kind" in change
    with pytest.raises(hi.DataError) as info:
        hi.structure(data, hi.Visit)
    assert words in str(info.value)


def test_a_visit_with_other_fields_or_checks_is_left_to_its_constructor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert _visit._visit_loader(convert._fast.get_structure_hook) is not None
    changed = (*_visit._INLINED[:-1], ("feedback_date", _visit.v.is_date, None))
    monkeypatch.setattr(_visit, "_INLINED", changed)
    assert _visit._visit_loader(convert._fast.get_structure_hook) is None


@settings(max_examples=30)
@given(hit.plans())
def test_the_loader_serves_json_alone_too(plan: hi.Plan) -> None:
    text = hi.to_json(plan, indent=None)
    assert convert._fast.structure(json.loads(text), hi.Plan) == plan  # no orjson involved
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(convert, "_orjson", lambda: None)
        assert hi.from_json(text, hi.Plan) == plan
