"""Golden cases for every rule of 吉卫便函〔2021〕2号; each case names the clause it pins."""

from __future__ import annotations

import datetime as dt

import pytest

import hospital_inspection as hi
from hospital_inspection.enums import Role
from tests.support.policies import hospital, jilin_tree, policy

DOC = "吉卫便函〔2021〕2号"
REGULAR, FOLLOW_UP = hi.VisitKind.REGULAR, hi.VisitKind.FOLLOW_UP
IN, OUT = hi.ScopeStatus.IN_SCOPE, hi.ScopeStatus.OUT_OF_SCOPE


@pytest.fixture
def jl() -> hi.Policy:
    return policy("jilin-2021")


def test_metadata(jl: hi.Policy) -> None:
    assert (jl.id, jl.document, jl.meta.issuer) == ("jilin-2021", DOC, "吉林省卫生健康委员会")
    assert jl.meta.issued == dt.date(2021, 3, 25)
    assert [r.kind for r in jl.rounds] == [REGULAR, FOLLOW_UP]


# 二、(四): "对首轮本级委属委管医院及所辖市、县大型医院"
# 大型医院 is read as 二级以上 public hospitals (interpretation large-hospital).
@pytest.mark.parametrize("kind", [REGULAR, FOLLOW_UP])
@pytest.mark.parametrize(
    ("level", "category", "ownership", "expected"),
    [
        ("三级", "综合医院", "公立", IN),
        ("二级", "综合医院", "公立", IN),
        ("二级", "中西医结合医院", "公立", IN),
        ("三级", "妇幼保健院", "公立", IN),
        ("二级", "综合医院", "社会办", OUT),
        ("一级", "综合医院", "公立", OUT),
        ("未定级", "社区卫生服务中心", "公立", OUT),
    ],
)
def test_scope(
    jl: hi.Policy,
    kind: hi.VisitKind,
    level: str,
    category: str,
    ownership: str,
    expected: hi.ScopeStatus,
) -> None:
    d = jl.scope(hospital(level, category, ownership), kind=kind)
    assert d.value is expected
    assert d.citation.document == DOC
    if expected is IN:
        assert d.citation.clause == ("三、(二)" if kind is REGULAR else "二、(四)")
        assert [r.choice for r in d.interpretation] == ["secondary-and-above"]


def test_scope_tertiary_only_reading() -> None:
    p = policy("jilin-2021", (("large-hospital", "tertiary-only"),))
    assert p.scope(hospital("二级", "综合医院"), kind=FOLLOW_UP).value is OUT
    assert p.scope(hospital("三级", "综合医院"), kind=FOLLOW_UP).value is IN


@pytest.mark.parametrize(
    "ask",
    [
        lambda p: p.min_visit_days(hospital("三级", "综合医院")),
        lambda p: p.min_external_experts(10),
        lambda p: p.rectification_due(dt.date(2021, 5, 1)),
        lambda p: p.inspector(hospital("三级", "综合医院"), jilin_tree()),
    ],
)
def test_rules_the_notice_does_not_have(jl: hi.Policy, ask: object) -> None:
    with pytest.raises(hi.RuleNotInPolicy) as info:
        ask(jl)  # type: ignore[operator]
    assert info.value.policy == "jilin-2021"


# 二、(四): "依据巡查本级和下管一级的原则"
@pytest.mark.parametrize(
    ("authority", "administered_by", "expected", "expected_all_levels"),
    [
        ("jilin", "jilin", True, True),  # 本级 (省属)
        ("jilin", "changchun", True, True),  # 下管一级
        ("jilin", "nongan", False, True),  # two levels down
        ("changchun", "nongan", True, True),
        ("changchun", "jilin", False, False),  # never upwards
        ("nongan", "changchun", False, False),
    ],
)
def test_may_inspect(
    jl: hi.Policy, authority: str, administered_by: str, expected: bool, expected_all_levels: bool
) -> None:
    tree = jilin_tree()
    h = hospital("三级", "综合医院", authority=administered_by)
    d = jl.may_inspect(authority, h, tree)
    assert d.value is expected
    assert (d.rule, d.citation.clause) == ("jl-reach", "二、(四)")
    every = policy("jilin-2021", (("reach-depth", "all-levels-below"),))
    assert every.may_inspect(tree[authority], h, tree).value is expected_all_levels


# 二、(三): "由卫生健康委纠风办相关负责人带队，组织有关领域相关专家2-3人参加"
def test_follow_up_team(jl: hi.Policy) -> None:
    d = jl.follow_up_team()
    lead, experts = d.value.lead, d.value.slot(Role.EXPERT)
    assert lead is not None
    assert (lead.role, lead.min, lead.max) == (Role.INTEGRITY_LEAD, 1, 1)
    assert experts is not None
    assert (experts.min, experts.max) == (2, 3)
    assert d.citation.clause == "二、(三)"
    assert str(d.value) == "1 纠风办负责人 + 2-3 专家"
    regular = jl.team()
    assert regular.citation.clause == "一、(三)"


# 一、(二)1.: "指派主管领导、办公室、行风办各1名专人作为巡视工作联络人"
def test_liaison_roles(jl: hi.Policy) -> None:
    d = jl.liaison_roles()
    assert [(r.code, r.label, r.count) for r in d.value] == [
        ("leader_in_charge", "主管领导", 1),
        ("office", "办公室", 1),
        ("conduct_office", "行风办", 1),
    ]
    assert d.strength is hi.Strength.MANDATORY


def test_deadlines(jl: hi.Policy) -> None:
    assert jl.round_end().value == dt.date(2021, 6, 30)  # 一、(一) 2021年6月底前完成
    assert jl.round_end(FOLLOW_UP).value == dt.date(2021, 9, 30)  # 二、(一) 2021年9月底前完成
    (report,) = [d for d in jl.deadlines() if d.value.event == "self_inspection_report"]
    assert (report.value.before, report.value.strict) == ("first_on_site_day", True)
    assert report.citation.text == "在医院巡查进驻前提交自查报告至指定邮箱"
    assert {d.rule for d in jl.deadlines(kind=FOLLOW_UP)} == {"jl-follow-up-end"}


def test_methods(jl: hi.Policy) -> None:
    assert len(jl.methods().value) == 8
    assert [m.label for m in jl.methods(kind=FOLLOW_UP).value] == [
        "谈话", "座谈会", "暗访", "调阅资料", "现场查看",
    ]  # fmt: skip


def test_checklists(jl: hi.Policy) -> None:
    h = hospital("三级", "综合医院")
    assert [i.text for i in jl.checklist(h).value] == [
        "党风廉政建设", "“九不准”落实情况", "行风建设", "医改与医院管理", "经济运营管理",
    ]  # fmt: skip
    focus = jl.checklist(h, kind=FOLLOW_UP).value
    assert [i.clause for i in focus] == [f"二、(五){n}." for n in range(1, 6)]
    assert "国卫纠发〔2017〕1号" in focus[1].text
    assert "国医改办发〔2016〕4号" in focus[3].text


# 二、(六): "依法依规采取限期整改、全省通报、线索移交等措施处置"
def test_measures(jl: hi.Policy) -> None:
    fix = jl.measures("rectification_required", kind=FOLLOW_UP)
    assert [m.label for m in fix.value] == ["限期整改", "全省通报"]
    assert fix.citation.clause == "二、(六)"
    clue = jl.measures("violation_clue", kind=FOLLOW_UP)
    assert [m.code for m in clue.value] == ["transfer_clues"]
    regular = jl.measures("rectification_required", kind=REGULAR)
    assert [m.code for m in regular.value] == ["circular", "track_rectification"]
    anything = policy("jilin-2021", (("measure-triggers", "any-finding"),))
    assert len(anything.measures("violation_clue", kind=FOLLOW_UP).value) == 3


def test_provisions(jl: hi.Policy) -> None:
    codes = {d.value.code for d in jl.provisions()}
    assert codes == {
        "feedback_meeting", "office_support", "remote_training", "mobile_inspection",
        "non_interference", "looks_back_on_first_round",
    }  # fmt: skip
    assert {d.value.code for d in jl.provisions(kind=FOLLOW_UP)} == {
        "mobile_inspection",
        "non_interference",
        "looks_back_on_first_round",  # 二、(四) 对首轮本级委属委管医院…
    }
