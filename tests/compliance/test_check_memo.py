"""``check_plan`` asks the policy once per run for hospitals of equal facts: same answers.

The checker remembers each decision by what it depends on (a hospital's fields but its id and
name, the visit's kind and authority, the day); these properties compare its report with one
made with nothing remembered, over plans whose hospitals share facts but not ids or names.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.compliance import _checks_base

D = dt.date
WEIHAI = hi.load_policy("weihai-2024-2026")
AUTHORITIES = (
    hi.Authority(id="city", name="虚构市卫生健康委员会", level="市级"),
    hi.Authority(id="d-a", name="甲区卫生健康局", level="区县级", parent="city", region="a"),
    hi.Authority(id="d-b", name="乙区卫生健康局", level="区县级", parent="city", region="b"),
)
FACTS = (
    {"level": "三级", "grade": "甲等", "category": "综合医院", "ownership": "公立",
     "authority": "city", "region": "a"},
    {"level": "二级", "category": "综合医院", "ownership": "公立", "authority": "d-a",
     "region": "a"},
    {"level": "一级", "category": "乡镇卫生院", "ownership": "公立", "authority": "d-a",
     "region": "a"},
    {"level": "二级", "category": "专科医院", "ownership": "社会办", "authority": "d-b",
     "region": "b", "specialty": "口腔"},
)  # fmt: skip
# two hospitals of each kind: equal facts, their own id and name
HOSPITALS = tuple(
    hi.Hospital(id=f"H{k}{n}", name=f"虚构医院{k}{n}", **facts)  # type: ignore[arg-type]
    for k, facts in enumerate(FACTS)
    for n in range(2)
)
EXPERTS = (
    hi.Expert(id="E1", name="张某甲", home_region="a", roles={"专家", "组长"}),
    hi.Expert(id="E2", name="李某乙", home_region="a"),
    hi.Expert(id="E3", name="王某丙", home_region="b"),
    hi.Expert(id="E4", name="赵某丁", home_region="b", employer="H00"),
    hi.Expert(id="O1", name="刘某戊", home_region="a", roles={"部门负责人"}),
)
MEMBERS = (
    hi.Member(person="O1", role="部门负责人"),
    hi.Member(person="E1", role="组长"),
    hi.Member(person="E2"),
    hi.Member(person="E3"),
    hi.Member(person="E4"),
)


@st.composite
def visits(draw: st.DrawFn, n: int) -> hi.Visit:
    first = D(2025, 3, 1) + dt.timedelta(days=draw(st.integers(0, 60)))
    return hi.Visit(
        id=f"V{n}",
        hospital=draw(st.sampled_from([h.id for h in HOSPITALS])),
        authority=draw(st.sampled_from([a.id for a in AUTHORITIES])),
        first_day=first,
        last_day=first + dt.timedelta(days=draw(st.integers(0, 9))),
        team=tuple(draw(st.lists(st.sampled_from(MEMBERS), unique=True, max_size=5))),
        kind=draw(st.sampled_from([hi.VisitKind.REGULAR, hi.VisitKind.FOLLOW_UP])),
        self_report_date=draw(st.none() | st.just(first - dt.timedelta(days=3))),
    )


@st.composite
def plans(draw: st.DrawFn) -> hi.Plan:
    n = draw(st.integers(1, 8))
    return hi.Plan(
        id="P",
        policy=WEIHAI.id,
        authority="city",
        visits=tuple(draw(visits(i)) for i in range(n)),
    )


def report(plan: hi.Plan) -> list[object]:
    checked = hi.check_plan(plan, WEIHAI, hospitals=HOSPITALS, experts=EXPERTS,
                            authorities=AUTHORITIES, as_of=D(2025, 6, 1))  # fmt: skip
    return [(i.check, i.severity, i.message, i.hospital, i.visit, i.person) for i in checked.issues]


@settings(max_examples=60, deadline=None)
@given(plans())
def test_remembered_decisions_give_the_report_of_fresh_ones(plan: hi.Plan) -> None:
    remembered = report(plan)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_checks_base._CheckerBase, "_once", lambda self, key, ask: ask())
        patch.setattr(_checks_base._CheckerBase, "_decided", lambda self, key, ask: self._try(ask))
        fresh = report(plan)
    assert remembered == fresh


def test_hospitals_of_equal_facts_are_each_named() -> None:
    # both 乙区 visits to 甲区 hospitals lack jurisdiction: each issue names its own hospital
    team = MEMBERS[:4]
    plan = hi.Plan(
        id="P",
        policy=WEIHAI.id,
        authority="city",
        visits=tuple(
            hi.Visit(
                id=f"V{h}",
                hospital=h,
                authority="d-b",
                first_day=D(2025, 3, 17),
                last_day=D(2025, 3, 21),
                team=team,
            )
            for h in ("H10", "H11")
        ),
    )
    found = [(i[3], i[4]) for i in report(plan) if i[0] == "no_jurisdiction"]
    assert found == [("H10", "VH10"), ("H11", "VH11")]
    messages = [i[2] for i in report(plan) if i[0] == "no_jurisdiction"]
    assert "虚构医院10" in str(messages[0]) and "虚构医院11" in str(messages[1])
