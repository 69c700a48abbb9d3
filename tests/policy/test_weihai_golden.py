"""Golden cases for every rule of 威卫办〔2024〕11号; each case names the clause it pins."""

from __future__ import annotations

import datetime as dt

import pytest

import hospital_inspection as hi
from hospital_inspection.enums import Role
from tests.support.policies import hospital, policy, weihai_tree

DOC = "威卫办〔2024〕11号"
IN, REF, OUT = hi.ScopeStatus.IN_SCOPE, hi.ScopeStatus.REFERENCE, hi.ScopeStatus.OUT_OF_SCOPE


@pytest.fixture
def wh() -> hi.Policy:
    return policy("weihai-2024-2026")


def test_metadata(wh: hi.Policy) -> None:
    assert wh.id == "weihai-2024-2026"
    assert wh.document == DOC
    assert wh.meta.issuer == "威海市卫生健康委员会"
    assert wh.meta.issued == dt.date(2024, 9, 6)
    assert any("国卫医急发〔2023〕39号" in b for b in wh.meta.based_on)
    assert any("鲁卫医字〔2024〕4号" in b for b in wh.meta.based_on)
    (rnd,) = wh.rounds
    assert (rnd.kind, rnd.first_year, rnd.last_year) == (hi.VisitKind.REGULAR, 2024, 2026)


# 二、巡查范围: "原则上为二级以上公立综合医院、专科医院、中医医院、妇幼保健院。
#              社会办医院按照管理原则参照执行。"
@pytest.mark.parametrize(
    ("level", "category", "ownership", "expected", "rule"),
    [
        ("三级", "综合医院", "公立", IN, "wh-scope-public"),
        ("二级", "综合医院", "公立", IN, "wh-scope-public"),  # 以上 includes 二级
        ("二级", "专科医院", "公立", IN, "wh-scope-public"),
        ("三级", "中医医院", "公立", IN, "wh-scope-public"),
        ("二级", "妇幼保健院", "公立", IN, "wh-scope-public"),
        ("三级", "综合医院", "社会办", REF, "wh-scope-private"),
        ("二级", "专科医院", "社会办", REF, "wh-scope-private"),
        ("一级", "综合医院", "公立", OUT, "wh-scope-other"),
        ("未定级", "综合医院", "公立", OUT, "wh-scope-other"),
        ("一级", "综合医院", "社会办", OUT, "wh-scope-other"),
        ("三级", "中西医结合医院", "公立", OUT, "wh-scope-other"),  # not named in 二、
        ("三级", "民族医医院", "公立", OUT, "wh-scope-other"),
        ("二级", "康复医院", "公立", OUT, "wh-scope-other"),
        ("未定级", "社区卫生服务中心", "公立", OUT, "wh-scope-other"),
    ],
)
def test_scope(
    wh: hi.Policy, level: str, category: str, ownership: str, expected: hi.ScopeStatus, rule: str
) -> None:
    d = wh.scope(hospital(level, category, ownership))
    assert d.value is expected
    assert d.rule == rule
    assert d.citation.document == DOC
    assert d.citation.clause == "二、"
    assert d.strength is hi.Strength.IN_PRINCIPLE  # 原则上 opens the sentence


def test_scope_follow_up_same_and_special_absent(wh: hi.Policy) -> None:
    h = hospital("三级", "综合医院")
    assert wh.scope(h, kind=hi.VisitKind.FOLLOW_UP).value is IN
    with pytest.raises(hi.RuleNotInPolicy, match="scope"):
        wh.scope(h, kind=hi.VisitKind.SPECIAL)


def test_scope_any_private_hospital_reading() -> None:
    p = policy("weihai-2024-2026", (("private-reference", "any-private-hospital"),))
    assert p.scope(hospital("一级", "综合医院", "社会办")).value is REF
    assert p.scope(hospital("一级", "综合医院", "公立")).value is OUT


# 四、: "三级综合医院、中医医院巡查时间原则上不少于7天,
#       三级专科医院、妇幼保健院和二级医院原则上不少于5天"
@pytest.mark.parametrize(
    ("level", "category", "ownership", "days", "rule"),
    [
        ("三级", "综合医院", "公立", 7, "wh-days-7-general"),
        ("三级", "中医医院", "公立", 7, "wh-days-7-tcm"),
        ("三级", "综合医院", "社会办", 7, "wh-days-7-general"),  # 参照执行: same rules
        ("三级", "专科医院", "公立", 5, "wh-days-5-specialty"),
        ("三级", "妇幼保健院", "公立", 5, "wh-days-5-maternal-child"),
        ("二级", "妇幼保健院", "公立", 5, "wh-days-5-maternal-child-below-tertiary"),
        ("二级", "综合医院", "公立", 5, "wh-days-5-secondary"),
        ("二级", "中医医院", "公立", 5, "wh-days-secondary-tcm"),  # 三级 governs both
        ("二级", "专科医院", "社会办", 5, "wh-days-5-secondary"),
    ],
)
def test_min_visit_days(
    wh: hi.Policy, level: str, category: str, ownership: str, days: int, rule: str
) -> None:
    d = wh.min_visit_days(hospital(level, category, ownership))
    assert (d.value, d.rule) == (days, rule)
    assert d.unit is hi.DayUnit.WORKING
    assert d.strength is hi.Strength.IN_PRINCIPLE
    assert d.citation.clause == "四、"
    assert f"不少于{days}天" in d.citation.text


def test_min_visit_days_not_for_out_of_scope(wh: hi.Policy) -> None:
    with pytest.raises(hi.RuleNotInPolicy, match="一级"):
        wh.min_visit_days(hospital("一级", "综合医院"))


@pytest.mark.parametrize(
    ("readings", "level", "category", "days", "rule", "unit"),
    [
        (
            (("tcm-level", "every-tcm-7"),),
            "二级",
            "中医医院",
            7,
            "wh-days-secondary-tcm",
            "working",
        ),
        (
            (("mch-level", "tertiary-only"),),
            "二级",
            "妇幼保健院",
            5,
            "wh-days-5-maternal-child-below-tertiary",
            "working",
        ),
        ((("day-unit", "calendar-days"),), "三级", "综合医院", 7, "wh-days-7-general", "calendar"),
    ],
)
def test_min_visit_days_alternative_readings(
    readings: tuple[tuple[str, str], ...],
    level: str,
    category: str,
    days: int,
    rule: str,
    unit: str,
) -> None:
    d = policy("weihai-2024-2026", readings).min_visit_days(hospital(level, category))
    assert (d.value, d.rule, d.unit.code if d.unit else None) == (days, rule, unit)
    name, choice = readings[0]
    assert any(r.interpretation == name and r.choice == choice for r in d.interpretation)


def test_every_tcm_7_leaves_other_secondary_hospitals_at_5() -> None:
    p = policy("weihai-2024-2026", (("tcm-level", "every-tcm-7"),))
    assert p.min_visit_days(hospital("二级", "综合医院")).value == 5


def test_day_unit_default_is_stated_with_its_reason(wh: hi.Policy) -> None:
    reading = wh.readings()["day-unit"]
    assert reading.choice == "working-days"
    assert "行政许可法 第八十二条" in reading.reading
    assert reading.alternatives == ("calendar-days",)


# 四、(二): "各区市巡查区市属二级以上医院时, 外区市专家比例不得低于30%"
@pytest.mark.parametrize(
    ("n", "k"), [(0, 0), (1, 1), (3, 1), (4, 2), (7, 3), (9, 3), (10, 3), (11, 4), (20, 6)]
)
def test_min_external_experts(wh: hi.Policy, n: int, k: int) -> None:
    d = wh.min_external_experts(n)
    assert d.value == k
    assert d.strength is hi.Strength.MANDATORY
    assert d.citation.clause == "四、(二)"
    assert "不得低于30%" in d.citation.text


@pytest.mark.parametrize("bad", [-1, 2.5, True, "10"])
def test_min_external_experts_rejects_bad_counts(wh: hi.Policy, bad: object) -> None:
    with pytest.raises(hi.DataError):
        wh.min_external_experts(bad)  # type: ignore[arg-type]


def test_external_expert_rule_applies(wh: hi.Policy) -> None:
    tree = weihai_tree()
    huancui, city = tree["weihai-huancui"], tree["weihai"]
    own_secondary = hospital("二级", "综合医院", authority="weihai-huancui", region="huancui")
    own_primary = hospital("一级", "综合医院", authority="weihai-huancui", region="huancui")
    other = hospital("二级", "综合医院", authority="weihai-wendeng", region="wendeng")
    city_owned = hospital("三级", "综合医院", authority="weihai", region="huancui")
    assert wh.external_expert_rule_applies(huancui, own_secondary).value is True
    assert wh.external_expert_rule_applies(huancui, own_primary).value is False
    assert wh.external_expert_rule_applies(huancui, other).value is False
    assert wh.external_expert_rule_applies(city, city_owned).value is False
    expert = hi.Expert(id="E1", name="某专家", home_region="wendeng")
    assert wh.is_external_expert(expert, huancui).value is True
    assert wh.is_external_expert(expert, tree["weihai-wendeng"]).value is False


# 四、: "市卫生健康委负责对委属各医疗机构进行巡查 ... 各区市卫生健康行政部门按照属地管理 ..."
def test_inspector(wh: hi.Policy) -> None:
    tree = weihai_tree()
    city_owned = hospital("三级", "综合医院", authority="weihai", region="huancui")
    d = wh.inspector(city_owned, tree)
    assert (d.value, d.rule, d.citation.clause) == ("weihai", "wh-inspector-city", "四、")
    district = hospital("二级", "综合医院", authority="weihai-huancui", region="huancui")
    assert wh.inspector(district, tree).value == "weihai-huancui"
    # an institution administered outside the health tree is inspected 属地, by its region
    company = hospital("二级", "专科医院", authority="some-company", region="wendeng")
    assert wh.inspector(company, tree).value == "weihai-wendeng"
    assert wh.may_inspect("weihai", city_owned, tree).value is True
    assert wh.may_inspect("weihai-huancui", city_owned, tree).value is False


def test_team(wh: hi.Policy) -> None:
    d = wh.team()
    assert d.citation.clause == "四、(二)"
    official, expert = d.value.slot(Role.OFFICIAL), d.value.slot(Role.EXPERT)
    assert official is not None
    assert official.min == 1
    assert expert is not None
    assert expert.min == 1
    with pytest.raises(hi.RuleNotInPolicy):
        wh.follow_up_team()
    with pytest.raises(hi.RuleNotInPolicy, match="liaison"):
        wh.liaison_roles()


# Deadlines: 四、 "于2026年10月底前完成本轮巡查"; 四、(三) reports and rectification.
def test_round_end(wh: hi.Policy) -> None:
    d = wh.round_end()
    assert d.value == dt.date(2026, 10, 31)
    assert d.citation.text == "于2026年10月底前完成本轮巡查"


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt.date(2025, 3, 15), dt.date(2025, 5, 15)),
        (dt.date(2025, 12, 31), dt.date(2026, 2, 28)),
        (dt.date(2023, 12, 31), dt.date(2024, 2, 29)),
        (dt.date(2025, 8, 31), dt.date(2025, 10, 31)),
    ],
)
def test_rectification_due(wh: hi.Policy, received: dt.date, due: dt.date) -> None:
    d = wh.rectification_due(received)
    assert d.value.date == due
    assert d.value.trigger == received
    assert d.value.rule == "wh-rectification-report"
    assert d.strength is hi.Strength.MANDATORY
    assert d.citation.clause == "四、(三)"
    assert "2个月内" in d.citation.text


def test_rectification_due_rolls_forward_on_the_official_calendar(wh: hi.Policy) -> None:
    # 2025-10-01 lies in the National Day holiday (10-01..10-08); the first working day is 10-09.
    d = wh.rectification_due(dt.date(2025, 8, 1)).value
    assert (d.date, d.rolled_from) == (dt.date(2025, 10, 9), dt.date(2025, 10, 1))
    assert "rolled from 2025-10-01" in str(wh.rectification_due(dt.date(2025, 8, 1)))
    off = wh.rectification_due(dt.date(2025, 8, 1), roll_forward=False).value
    assert (off.date, off.rolled_from) == (dt.date(2025, 10, 1), None)
    # 2026-02-28 is a Saturday but an official make-up working day (调休): no roll.
    assert wh.rectification_due(dt.date(2025, 12, 31)).value.date == dt.date(2026, 2, 28)
    weekdays_only = wh.rectification_due(
        dt.date(2025, 12, 31), calendar=hi.ChinaOfficialCalendar(provisional_fallback=False)
    )
    assert weekdays_only.value.date == dt.date(2026, 2, 28)
    rule = wh.rule("wh-rectification-report")
    assert isinstance(rule, hi.policy.DeadlineRule)
    assert rule.roll_forward is True
    assert "第二百零三条" in (rule.roll_forward_reason or "")


def test_deadlines(wh: hi.Policy) -> None:
    by_rule = {d.rule: d.value for d in wh.deadlines()}
    assert by_rule["wh-report-2024"].last_day == dt.date(2024, 12, 20)
    assert by_rule["wh-report-2025"].last_day == dt.date(2025, 12, 20)
    assert by_rule["wh-report-cycle"].last_day == dt.date(2026, 10, 20)
    assert by_rule["wh-round-end"].last_day == dt.date(2026, 10, 31)
    assert by_rule["wh-rectification-report"].months == 2
    self_check = by_rule["wh-self-inspection"]
    assert (self_check.form, self_check.before, self_check.strict) == (
        hi.policy.DeadlineKind.BEFORE_EVENT,
        "first_on_site_day",
        True,
    )
    strict = policy("weihai-2024-2026", (("date-before", "strictly-before"),))
    assert {d.rule: d.value.last_day for d in strict.deadlines()}["wh-report-2024"] == dt.date(
        2024, 12, 19
    )


def test_methods(wh: hi.Policy) -> None:
    d = wh.methods()
    assert [m.label for m in d.value] == [
        "听取汇报", "列席会议", "查阅资料", "调查访谈",
        "实地查看", "民主测评", "个案追踪", "系统追踪",
    ]  # fmt: skip
    assert d.citation.clause == "四、(二)"


# 三、巡查重点: 3 categories, 16 areas, 96 items (inventory table), plus the 中医/妇幼 paragraphs.
AREAS = {
    1: [5, 6, 8, 10, 4],
    2: [2, 2, 6, 11, 8],
    3: [7, 8, 7, 3, 5, 4],
}


def test_checklist_structure(wh: hi.Policy) -> None:
    items = wh.checklist(hospital("三级", "综合医院")).value
    assert len(items) == 96
    for cat, areas in AREAS.items():
        for area, count in enumerate(areas, start=1):
            ids = [i.id for i in items if i.section == f"wh.{cat}.{area}"]
            assert ids == [f"wh.{cat}.{area}.{n}" for n in range(1, count + 1)]
    sections = wh.checklist_sections().value
    assert len(sections) == 3 + 16
    assert [s.text for s in sections if s.parent is None] == [
        "公立医院党建。",
        "行业作风建设。",
        "运行管理。",
    ]
    first = items[0]
    assert first.clause == "三、(一)1.(1)"
    assert first.text.startswith("深入学习贯彻习近平总书记关于卫生健康的重要论述")


def test_checklist_type_specific_paragraphs(wh: hi.Policy) -> None:
    tcm = wh.checklist(hospital("三级", "中医医院")).value
    mch = wh.checklist(hospital("二级", "妇幼保健院")).value
    assert len(tcm) == len(mch) == 97
    (extra_tcm,) = [i for i in tcm if i.applies_to]
    (extra_mch,) = [i for i in mch if i.applies_to]
    assert extra_tcm.id == "wh.3.1.tcm"
    assert extra_tcm.text.startswith("中医医院同时重点巡查")
    assert extra_mch.id == "wh.3.1.mch"
    assert extra_mch.text.startswith("妇幼保健院同时重点巡查")
    assert extra_tcm.clause == extra_mch.clause == "三、(三)1."
    # document order: the paragraphs follow (三)1.(7)
    assert [i.id for i in tcm].index("wh.3.1.tcm") == [i.id for i in tcm].index("wh.3.1.7") + 1
    # the same object is returned for the same category: compiled once
    assert wh.checklist(hi.Category.TCM) is wh.checklist(hospital("二级", "中医医院"))


@pytest.mark.parametrize(
    ("trigger", "codes", "clause"),
    [
        ("rectification_required", ["publicise", "follow_up"], "四、(三)"),
        ("risk_or_complaint", ["special_inspection", "flying_inspection"], "四、(三)"),
        ("exemplary_practice", ["promote"], "五、(四)"),
        ("leadership_mismanagement", ["report_leadership"], "五、(四)"),
        ("violation_clue", ["transfer_clues"], "五、(四)"),
    ],
)
def test_measures(wh: hi.Policy, trigger: str, codes: list[str], clause: str) -> None:
    d = wh.measures(trigger)
    assert [m.code for m in d.value] == codes
    assert d.citation.clause == clause


def test_measure_strengths(wh: hi.Policy) -> None:
    by_code = {m.code: m.strength for m in wh.measures("rectification_required").value}
    assert by_code == {"publicise": hi.Strength.MANDATORY, "follow_up": hi.Strength.OPTIONAL}
    special = wh.measures("risk_or_complaint")
    assert special.strength is hi.Strength.OPTIONAL  # 可
    with pytest.raises(hi.RuleNotInPolicy, match="violation_clue"):
        wh.measures("no_such_trigger")


def test_provisions(wh: hi.Policy) -> None:
    by_code = {d.value.code: d for d in wh.provisions()}
    assert by_code["feedback_meeting"].strength is hi.Strength.OPTIONAL  # 视情况
    assert by_code["cross_region_exchange"].strength is hi.Strength.OPTIONAL  # 鼓励
    assert by_code["cross_region_exchange"].citation.clause == "五、(二)"
    assert by_code["non_interference"].citation.clause == "五、(三)"
    assert by_code["no_self_inspection_template"].citation.clause == "四、(一)"


def test_decision_explains_itself_in_one_line(wh: hi.Policy) -> None:
    line = str(wh.min_visit_days(hospital("三级", "综合医院")))
    assert "\n" not in line
    assert line.startswith(
        "min_visit_days = 7 working days (原则上 in principle) — 威卫办〔2024〕11号 四、:"
    )
    assert '"三级综合医院、中医医院巡查时间原则上不少于7天"' in line
    assert "[reading: " in line
    assert "day-unit=working-days" in line
