"""Hospitals and people loaded with their checks inlined are what the validating constructor builds.

``Hospital`` and ``Expert`` have a ``_fast_loader`` (as ``Visit`` has, see
``test_convert_visit_loader.py``): the fast structuring path builds one from a JSON object by
checking every field inline and setting the fields directly. For valid data it must build the
constructor's object; for anything else it must build nothing, and ``structure`` and
``from_json`` must answer exactly what they answered without the loaders: the same object, or
the same error, word for word.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import _convert_fast, convert
from hospital_inspection import testing as hit
from hospital_inspection.model import _assemble, _visit, hospitals, people
from hospital_inspection.scheduling import _greedy

hospital_loader = hospitals._hospital_loader(convert._fast.get_structure_hook)
expert_loader = people._expert_loader(convert._fast.get_structure_hook)
MODELS = (hi.Hospital, hi.Expert, list[hi.Hospital], list[hi.Expert])


def _converter_without_loaders() -> cattrs.Converter:
    """The fast converter as it was before the loaders of hospitals and people."""
    with pytest.MonkeyPatch.context() as patch:
        for cls in (hi.Hospital, hi.Expert):
            patch.setattr(cls, "_fast_loader", lambda hook: None)
        conv = _convert_fast._fast_converter()
        for t in MODELS:  # the hooks are made now, while the classes have no loader
            conv.get_structure_hook(t)
    return conv


without_loaders = _converter_without_loaders()


def answer(data: object, cl: Any) -> object:
    """What ``hi.structure`` answers: the value, or the error's words."""
    try:
        return ("ok", hi.structure(data, cl))
    except hi.DataError as exc:
        return ("error", str(exc))


def answer_before(data: object, cl: Any) -> object:
    """What ``hi.structure`` answered before the loaders (same converters, none of them)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(convert, "_fast", without_loaders)
        return answer(data, cl)


def outcome(run: Any) -> object:
    """What ``run()`` answers, or ``"refused"`` when it raises (the fast path then gives up)."""
    try:
        return ("ok", run())
    except Exception:
        return "refused"


def constructed(cl: type, data: dict[str, Any]) -> object:
    """What the detailed converter answers: the validating constructor of each model."""
    return outcome(lambda: convert._converter.structure(data, cl))


def test_the_converter_used_as_before_has_no_loader_and_the_one_used_now_has() -> None:
    for cl in (hi.Hospital, hi.Expert):
        assert without_loaders.get_structure_hook(cl).__name__ != "loaded"
        assert convert._fast.get_structure_hook(cl).__name__ == "loaded"
    assert hospital_loader is not None
    assert expert_loader is not None


# --- valid objects ---------------------------------------------------------------------------

labels = {
    "level": [k for m in hi.Level for k in (m.code, m.label, *m.aliases)],
    "grade": [k for m in hi.Grade for k in (m.code, m.label, *m.aliases)],
    "category": [k for m in hi.Category for k in (m.code, m.label, *m.aliases)],
    "ownership": [k for m in hi.Ownership for k in (m.code, m.label, *m.aliases)],
}
roles = [k for m in hi.Role for k in (m.code, m.label, *m.aliases)]


@st.composite
def hospital_objects(draw: st.DrawFn) -> tuple[hi.Hospital, dict[str, Any]]:
    """A valid hospital and its data, with its enums written as any code, label or alias, a
    group, and some of the fields at their defaults left out."""
    hospital = draw(hit.hospitals())
    group = draw(st.none() | st.sampled_from(["G1", "医联体一", " g "]))
    hospital = attrs.evolve(hospital, group=group)
    data: dict[str, Any] = hi.unstructure(hospital)
    for key, words in labels.items():
        member = getattr(hospital, key)
        data[key] = draw(st.sampled_from([w for w in words if hi.structure(w, type(member))
                                          is member]))  # fmt: skip
    for key in ("grade", "region", "specialty", "group"):
        field = attrs.fields_dict(hi.Hospital)[key]
        if getattr(hospital, key) == field.default and draw(st.booleans()):
            del data[key]
    return hospital, data


@st.composite
def expert_objects(draw: st.DrawFn) -> tuple[hi.Expert, dict[str, Any]]:
    """A valid person and their data, with roles as codes or labels, some days they are
    unavailable, and some of the fields at their defaults left out."""
    person = draw(hit.experts())
    days = draw(st.lists(hit.dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)), max_size=3))
    person = attrs.evolve(person, unavailable=frozenset(days))
    data: dict[str, Any] = hi.unstructure(person)
    data["roles"] = [
        draw(st.sampled_from([w for w in roles if hi.Role.parse(w) is r])) for r in person.roles
    ]
    for key in ("employer", "roles", "specialties", "unavailable"):
        field = attrs.fields_dict(hi.Expert)[key]
        if getattr(person, key) == field.default and draw(st.booleans()):
            del data[key]
    return person, data


@given(hospital_objects())
def test_a_valid_hospital_is_built_by_the_loader_as_the_constructor_builds_it(
    case: tuple[hi.Hospital, dict[str, Any]],
) -> None:
    hospital, data = case
    built = hospital_loader(data) if hospital_loader is not None else None
    assert built is not None  # the loader takes a valid object, complete or not
    assert type(built) is hi.Hospital
    assert built == hospital == hi.Hospital(**attrs.asdict(hospital, recurse=False))
    assert hash(built) == hash(hospital)
    assert answer(data, hi.Hospital) == ("ok", hospital) == answer_before(data, hi.Hospital)


@given(expert_objects())
def test_a_valid_person_is_built_by_the_loader_as_the_constructor_builds_it(
    case: tuple[hi.Expert, dict[str, Any]],
) -> None:
    person, data = case
    built = expert_loader(data) if expert_loader is not None else None
    assert built is not None
    assert type(built) is hi.Expert
    assert built == person == hi.Expert(**attrs.asdict(person, recurse=False))
    assert hash(built) == hash(person)
    assert answer(data, hi.Expert) == ("ok", person) == answer_before(data, hi.Expert)


# --- broken objects --------------------------------------------------------------------------

awkward = st.sampled_from(
    ["", " ", "\u3000", "H\u200b1", "\ufeffH1", "H\n1", "H\t1", "H\u00a01", "a,b:c", "口腔",
     "三级", "Tertiary", " tertiary ", "甲等", "甲 ", "专科医院", "specialty", "unrated", "未定级",
     "ungraded", "social", "社会办", "组长", "Expert", "nobody", "2025-06-01", "2025-6-1",
     "2025-06-03..2025-06-01", None, True, False, 0, 7, 1.5, [], {}, ["E1"], [""], [" "],
     ["expert"], ["组长", "专家"], ["expert", "expert"], [1], [None], ["nobody"], ["财务", ""],
     ["2025-06-01"], ["2025-06-01..2025-06-03"], ["2025-6-1"], [["2025-06-01", "2025-06-02"]],
     {"person": "E1"}, hi.Level.TERTIARY, hi.Role.EXPERT]
)  # fmt: skip


def broken(objects: st.SearchStrategy[tuple[Any, dict[str, Any]]]) -> st.SearchStrategy[Any]:
    """The data of valid objects with one or two fields replaced by awkward values, a key left
    out or added, or the object not an object at all."""

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        _, data = draw(objects)
        for _ in range(draw(st.integers(1, 2))):
            how = draw(st.sampled_from(["replace", "replace", "drop", "add", "rename"]))
            key = draw(st.sampled_from(sorted(data) or ["id"]))
            if how == "replace":
                data[key] = draw(awkward)
            elif how == "drop":
                data.pop(key, None)
            elif how == "add":
                data[draw(st.sampled_from(["extra", "Id", "levels", "role"]))] = draw(awkward)
            elif how == "rename" and key in data:
                data[key.upper()] = data.pop(key)
        return draw(st.sampled_from([data, data, data, [data], "H1", None]))

    return build()


def _check_broken(cl: type, loader: Any, data: Any) -> None:
    if type(data) is dict:
        got = outcome(lambda: loader(data))
        if got not in ("refused", ("ok", None)):  # built: the constructor builds the same
            assert got == constructed(cl, data)
            assert type(got[1]) is cl
    before = answer_before(data, cl)
    assert answer(data, cl) == before
    assert answer([data], list[cl]) == answer_before([data], list[cl])  # type: ignore[valid-type]
    text = json.dumps(data, ensure_ascii=False, default=str)
    try:
        expected: object = ("ok", hi.from_json(text, cl, source="x.json"))
    except hi.DataError as exc:
        expected = ("error", str(exc))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(convert, "_fast", without_loaders)
        try:
            then: object = ("ok", hi.from_json(text, cl, source="x.json"))
        except hi.DataError as exc:
            then = ("error", str(exc))
    assert expected == then


@settings(max_examples=400)
@given(broken(hospital_objects()))
def test_a_hospital_is_loaded_and_refused_exactly_as_before(data: Any) -> None:
    _check_broken(hi.Hospital, hospital_loader, data)


@settings(max_examples=400)
@given(broken(expert_objects()))
def test_a_person_is_loaded_and_refused_exactly_as_before(data: Any) -> None:
    _check_broken(hi.Expert, expert_loader, data)


@settings(max_examples=100)
@given(st.lists(hospital_objects(), min_size=1, max_size=4), st.data())
def test_a_list_with_one_bad_hospital_names_the_same_paths(
    cases: list[tuple[hi.Hospital, dict[str, Any]]], data: st.DataObject
) -> None:
    items = [d for _, d in cases]
    where = data.draw(st.integers(0, len(items) - 1))
    key = data.draw(st.sampled_from(["id", "name", "level", "specialty", "grade"]))
    items[where] = {**items[where], key: data.draw(awkward)}
    got = answer(items, list[hi.Hospital])
    assume(got[0] == "error")  # type: ignore[index]
    assert got == answer_before(items, list[hi.Hospital])


@pytest.mark.parametrize(
    ("cl", "change", "words"),
    [
        (hi.Hospital, {"id": "H\u200b1"},
         "hospital.id: 'H\\u200b1' holds the invisible or control character U+200B"),
        (hi.Hospital, {"name": " "}, "hospital.name: ' ' is not a non-empty string"),
        (hi.Hospital, {"level": "四级"}, "hospital.level: '四级' is not a level"),
        (hi.Hospital, {"specialty": "口腔"}, "hospital.specialty: '口腔' given for a 综合医院"),
        (hi.Hospital, {"level": "未定级"}, "hospital.grade: an 未定级 hospital cannot be 甲等"),
        (hi.Hospital, {"region": ""}, "hospital.region: '' is not a non-empty string"),
        (hi.Hospital, {"group": 3}, "hospital.group: number 3 is not a string"),
        (hi.Hospital, {"wards": 3}, "hospital: unexpected key(s) wards"),
        (hi.Expert, {"roles": []}, "expert.roles: a person needs at least one role"),
        (hi.Expert, {"roles": ["组长", "boss"]}, "expert.roles[1]: 'boss' is not a role"),
        (hi.Expert, {"specialties": ["财务", " "]}, "expert.specialties: ' ' is not a non-empty"),
        (hi.Expert, {"unavailable": ["2025-06-01", "2025-6-2"]},
         "expert.unavailable[1]: string '2025-6-2' is not a date; expected YYYY-MM-DD"),
        (hi.Expert, {"employer": "H\n7"}, "expert.employer: 'H\\n7' holds the invisible"),
        (hi.Expert, {"home_region": None}, "expert.home_region: null is not a string"),
    ],
)  # fmt: skip
def test_errors_are_the_constructors(cl: type, change: dict[str, Any], words: str) -> None:
    valid: dict[str, Any] = (
        {"id": "H1", "name": "示例医院", "level": "三级", "grade": "甲等", "category": "综合医院",
         "ownership": "公立", "authority": "A1"}
        if cl is hi.Hospital
        else {"id": "E1", "name": "张某", "home_region": "huancui", "roles": ["expert"]}
    )  # fmt: skip
    loader = hospital_loader if cl is hi.Hospital else expert_loader
    assert loader is not None
    assert loader(valid) is not None
    data = {**valid, **change}
    assert outcome(lambda: loader(data)) in ("refused", ("ok", None))
    with pytest.raises(hi.DataError) as info:
        hi.structure(data, cl)
    assert words in str(info.value)
    assert ("error", str(info.value)) == answer_before(data, cl)


# --- the guards ------------------------------------------------------------------------------


def test_a_hospital_or_person_with_other_fields_or_checks_is_left_to_its_constructor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hook = convert._fast.get_structure_hook
    assert hospitals._hospital_loader(hook) is not None
    assert people._expert_loader(hook) is not None
    changed = (*hospitals._INLINED[:-1], ("group", hospitals.v.optional_identifier, None))
    monkeypatch.setattr(hospitals, "_INLINED", changed)
    assert hospitals._hospital_loader(hook) is None
    changed = (*people._INLINED[:-1], ("unavailable", None, None))
    monkeypatch.setattr(people, "_INLINED", changed)
    assert people._expert_loader(hook) is None


def test_a_visit_with_other_fields_is_assembled_by_nobody(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader and the greedy share one builder of checked visits; when the model's fields
    are not the ones it knows, neither sets fields directly."""
    assert _visit._visit_assembler() is not None
    assert _greedy._visit_maker() is not hi.Visit
    renamed = (("ident", _visit.v.identifier, None), *_visit._INLINED[1:])
    monkeypatch.setattr(_visit, "_INLINED", renamed)
    assert _visit._visit_assembler() is None
    assert _visit._visit_loader(convert._fast.get_structure_hook) is None
    assert _greedy._visit_maker() is hi.Visit


def test_the_greedy_keeps_its_own_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_greedy, "_VISIT_FIELDS", _greedy._VISIT_FIELDS[::-1])
    assert _greedy._visit_maker() is hi.Visit


def test_the_greedys_visits_are_the_constructors() -> None:
    make = _greedy._visit_maker()
    team = (hi.Member(person="E1", role="组长"), hi.Member(person="E2"))
    fields = {"id": "V1", "hospital": "H1", "authority": "A1", "team": team,
              "first_day": dt.date(2025, 3, 3), "last_day": dt.date(2025, 3, 5),
              "kind": hi.VisitKind.SPECIAL}  # fmt: skip
    made, validated = make(**fields), hi.Visit(**fields)
    assert type(made) is hi.Visit
    assert made == validated
    assert hash(made) == hash(validated)


@attrs.frozen
class _Pair:
    a: int
    b: str = "x"


@attrs.frozen(cache_hash=True)
class _Cached:
    a: int


@attrs.frozen(slots=False)
class _Dict:
    a: int


def test_the_assembler_builds_what_the_constructor_builds_or_nothing() -> None:
    assemble = _assemble.assembler(_Pair, ("a", "b"))
    assert assemble is not None
    made = assemble(1, "y")
    assert type(made) is _Pair
    assert made == _Pair(1, "y")
    assert hash(made) == hash(_Pair(1, "y"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.a = 2  # type: ignore[misc]
    assert _assemble.assembler(_Pair, ("b", "a")) is None  # another order
    assert _assemble.assembler(_Pair, ("a",)) is None
    assert _assemble.assembler(_Cached, ("a",)) is None  # a slot its constructor fills too
    assert _assemble.assembler(_Dict, ("a",)) is None  # no slots


def test_keys_and_checks_name_each_field() -> None:
    known = _assemble.keys(hi.Expert)
    assert known is not None
    names, required, defaults = known
    assert names == {f.name for f in attrs.fields(hi.Expert)}
    assert required == {"id", "name", "home_region"}
    assert defaults["roles"] == frozenset({hi.Role.EXPERT})
    assert [name for name, _, _ in _assemble.checks(hi.Hospital)] == [
        f.name for f in attrs.fields(hi.Hospital)
    ]

    @attrs.frozen
    class WithFactory:
        a: list[int] = attrs.field(factory=list)

    assert _assemble.keys(WithFactory) is None
