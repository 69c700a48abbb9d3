"""Cell filters shared by scope rules, inspector rules and checklist items (issue 16).

Every rule kind that filters hospitals filters them the same way: by level, category and
ownership (``when`` / ``applies_to``) and by the level of the authority administering the hospital
(``administered_by``), through one helper, ``in_filter``. The policy below is a test policy: no
shipped text limits a checklist item to 市属 hospitals, so no shipped policy has such an item.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.cli import main
from hospital_inspection.policy import ChecklistItem, draft_policy
from hospital_inspection.policy._rules import (
    ChecklistRule,
    InspectorBasis,
    InspectorRule,
    ScopeRule,
)
from hospital_inspection.policy._schema import ANY, Cells, in_filter
from tests.support.policies import hospital, weihai_tree

# A test policy (not a policy fact): Weihai's rules, with a two-item checklist whose second
# item is meant for 市属 hospitals only.
CITY_ITEM = """format = 1
id = "test-city-item"
title = "t"
document = "威卫办〔2024〕11号"
issuer = "i"
issued = 2024-09-06
extends = "weihai-2024-2026"

[rules.wh-checklist]
kind = "checklist"
strength = "mandatory"
cite = { clause = "三、", text = "巡查重点" }

[[rules.wh-checklist.items]]
id = "t.1"
clause = "三、(一)1.(1)"
text = "every hospital"

[[rules.wh-checklist.items]]
id = "t.2"
clause = "三、(一)1.(2)"
text = "市属 hospitals only"
administered_by = ["city"]
"""


@pytest.fixture(scope="module")
def city_item(tmp_path_factory: pytest.TempPathFactory) -> hi.Policy:
    path = tmp_path_factory.mktemp("p") / "p.toml"
    path.write_text(CITY_ITEM, encoding="utf-8")
    return hi.load_policy(path)


def _ids(decision: hi.Decision[tuple[ChecklistItem, ...]]) -> list[str]:
    return [i.id for i in decision.value]


def test_a_city_item_applies_to_a_city_run_hospital_not_a_district_run_one(
    city_item: hi.Policy,
) -> None:
    tree = weihai_tree()
    city_run = hospital("三级", "综合医院", authority="weihai", hid="C1")
    district_run = hospital("三级", "综合医院", authority="weihai-huancui", hid="D1")
    assert (city_run.level, city_run.category, city_run.ownership) == (
        district_run.level,
        district_run.category,
        district_run.ownership,
    )  # the same cell: only the administering authority's level differs
    assert _ids(city_item.checklist(city_run, authorities=tree)) == ["t.1", "t.2"]
    assert _ids(city_item.checklist(district_run, authorities=tree)) == ["t.1"]
    # given only a category, the administering level is not looked at (as level and ownership)
    assert _ids(city_item.checklist(hi.Category.GENERAL)) == ["t.1", "t.2"]
    assert "t.2" in city_item.checklist_keys()
    item = city_item.checklist(city_run, authorities=tree).value[1]
    assert item.administered_by == frozenset({hi.AuthorityLevel.CITY})


def test_a_city_item_needs_the_authority_tree(city_item: hi.Policy) -> None:
    city_run = hospital("三级", "综合医院", authority="weihai", hid="C1")
    with pytest.raises(hi.DataError, match=r"the checklist under test-city-item .*authorities="):
        city_item.checklist(city_run)
    with pytest.raises(hi.DataError, match="'weihai'"):
        city_item.checklist(city_run, authorities=hi.AuthorityTree([]))
    with pytest.raises(hi.DataError, match=r"authorities: .* is not an AuthorityTree"):
        city_item.checklist(city_run, authorities=[])  # type: ignore[arg-type]


def test_a_policy_without_such_an_item_needs_no_tree() -> None:
    wh = hi.load_policy("weihai-2024-2026")
    assert len(wh.checklist(hospital("三级", "综合医院")).value) > 0


def test_a_bad_administered_by_names_the_field_and_the_levels(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(CITY_ITEM.replace('["city"]', '["town"]'), encoding="utf-8")
    with pytest.raises(hi.PolicyError) as caught:
        hi.load_policy(path)
    assert "rules.wh-checklist.items[1].administered_by[0]: 'town' is not an authority level" in (
        str(caught.value)
    )
    assert "expected one of 国家级, 省级, 市级, 区县级" in str(caught.value)


def test_lint_reports_a_filter_no_hospital_passes(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        CITY_ITEM + 'applies_to = { levels = [], categories = ["general"] }\n', encoding="utf-8"
    )
    found = [i for i in hi.lint_policy(hi.load_policy(path)) if i.code == "filter-matches-nothing"]
    assert [(i.severity, i.rules) for i in found] == [("error", ("wh-checklist",))]
    assert "rules.wh-checklist.items[t.2].applies_to: levels = []" in found[0].message
    # and from the command line: exit 1, the issue printed
    assert main(["policy", "lint", str(path)]) == 1


def test_policy_init_drafts_a_city_only_item(tmp_path: Path) -> None:
    text = (
        "某卫办〔2025〕1号\n某市大型医院巡查工作方案\n三、巡查重点\n"
        "（一）医院党建工作情况。\n（二）市属医院落实政府指令性任务情况。\n"
        "（三）区属医院分级诊疗情况。\n"
    )
    (tmp_path / "n.txt").write_text(text, encoding="utf-8")
    d = draft_policy(text, source="n.txt", issuer="某市卫生健康委员会", issued=dt.date(2025, 3, 1))
    (tmp_path / "d.toml").write_text(d.toml, encoding="utf-8")
    p = hi.load_policy(tmp_path / "d.toml")
    (rule,) = [r for r in p.rules.values() if isinstance(r, ChecklistRule)]
    assert [sorted(a.code for a in i.administered_by) for i in rule.items] == [
        [],
        ["city"],
        ["district"],
    ]


# -- the four filters are one conjunction ---------------------------------------------------------


def _axis(values: list[object]) -> st.SearchStrategy[frozenset[object] | None]:
    return st.none() | st.frozensets(st.sampled_from(values))


cells = st.builds(
    Cells,
    levels=_axis(list(hi.Level)),
    categories=_axis(list(hi.Category)),
    ownerships=_axis(list(hi.Ownership)),
)
admins = st.frozensets(st.sampled_from(list(hi.AuthorityLevel)))


@given(
    cells=st.none() | cells,
    administered_by=admins,
    level=st.sampled_from(list(hi.Level)),
    category=st.sampled_from(list(hi.Category)),
    ownership=st.sampled_from(list(hi.Ownership)),
    admin=st.none() | st.sampled_from(list(hi.AuthorityLevel)),
)
def test_all_four_filters_are_the_conjunction_of_each_alone(
    cells: Cells | None,
    administered_by: frozenset[hi.AuthorityLevel],
    level: hi.Level,
    category: hi.Category,
    ownership: hi.Ownership,
    admin: hi.AuthorityLevel | None,
) -> None:
    every = in_filter(cells, administered_by, level, category, ownership, admin)
    alone = [
        in_filter(cells, administered_by, level, ANY, ANY, ANY),
        in_filter(cells, administered_by, ANY, category, ANY, ANY),
        in_filter(cells, administered_by, ANY, ANY, ownership, ANY),
        in_filter(cells, administered_by, ANY, ANY, ANY, admin),
    ]
    assert every == all(alone)
    # each single filter is the plain membership test its key documents
    assert alone[0] == (cells is None or cells.levels is None or level in cells.levels)
    assert alone[3] == (not administered_by or admin in administered_by)
    # the three rule kinds answer through it alike
    item = ChecklistItem(
        id="i", clause="c", text="t", applies_to=cells, administered_by=administered_by
    )
    if admin is not None:
        assert item.applies(category, level, ownership, admin) == every
    assert item.applies(category) == alone[1]
    cite = hi.Citation(document="d", clause="c", text="t")
    inspector = InspectorRule(
        id="r",
        strength=hi.Strength.MANDATORY,
        cite=cite,
        when=cells,
        administered_by=administered_by,
        inspected_by=InspectorBasis.TERRITORIAL,
    )
    assert inspector.matches(admin, (level, category, ownership)) == every
    if cells is not None:
        scope = ScopeRule(
            id="s",
            strength=hi.Strength.MANDATORY,
            cite=cite,
            when=cells,
            administered_by=administered_by,
            outcome=hi.ScopeStatus.IN_SCOPE,
        )
        assert scope.matches((level, category, ownership), admin) == every
