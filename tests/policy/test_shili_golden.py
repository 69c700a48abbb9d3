"""Golden cases for every rule of 示卫办〔2025〕7号 (fictional 示例市); each quotes its clause.

示例市 does not exist: the plan is a shipped example of another city's notice, encoded as written.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.enums import Role
from tests.support.policies import policy, reading_combinations
from tests.support.shili import AUTHORITIES, EXPERTS, HOSPITALS, hospital

D = dt.date
DOC = "示卫办〔2025〕7号"
PID = "example-shili-2025-2027"
IN, OUT = hi.ScopeStatus.IN_SCOPE, hi.ScopeStatus.OUT_OF_SCOPE
TREE = hi.AuthorityTree(AUTHORITIES)


@pytest.fixture
def sl() -> hi.Policy:
    return policy(PID)


def _h(level: str, category: str, ownership: str = "公立", authority: str = "shili-east"):
    return hi.Hospital(
        id="H",
        name="测试医院",
        level=level,
        category=category,
        ownership=ownership,
        authority=authority,
        region=TREE[authority].region if authority != "shili" else "east",
    )


def test_metadata_marks_the_plan_fictional(sl: hi.Policy) -> None:
    assert sl.document == DOC
    assert sl.meta.fictional is True
    assert sl.meta.notes is not None and "FICTIONAL" in sl.meta.notes
    assert sl.meta.issued == D(2025, 3, 18)
    (rnd,) = sl.rounds
    assert (rnd.first_year, rnd.last_year) == (2025, 2027)
    assert hi.lint_policy(sl) == []


# 二、"全市二级以上公立医院和民营医院，包括综合医院、专科医院、中医医院（含中西医结合医院）、
#      妇幼保健院。民营医院与公立医院执行同一巡查标准，全部纳入巡查范围。"
@pytest.mark.parametrize(
    ("level", "category", "ownership", "expected", "rule"),
    [
        ("三级", "综合医院", "公立", IN, "sl-scope-public"),
        ("二级", "专科医院", "公立", IN, "sl-scope-public"),  # 以上 includes 二级
        ("二级", "中西医结合医院", "公立", IN, "sl-scope-public"),  # 含中西医结合医院
        ("三级", "妇幼保健院", "公立", IN, "sl-scope-public"),
        ("二级", "综合医院", "社会办", IN, "sl-scope-private"),  # 全部纳入, not 参照
        ("三级", "中医医院", "社会办", IN, "sl-scope-private"),
        ("一级", "综合医院", "公立", OUT, "sl-scope-other"),
        ("三级", "康复医院", "公立", OUT, "sl-scope-other"),  # not named
    ],
)
def test_scope(
    sl: hi.Policy, level: str, category: str, ownership: str, expected: hi.ScopeStatus, rule: str
) -> None:
    d = sl.scope(_h(level, category, ownership))
    assert (d.value, d.rule, d.strength) == (expected, rule, hi.Strength.MANDATORY)
    assert d.citation.clause == "二、"


# 四、(一) "市卫生健康委负责对市属医院和全市三级医院开展巡查 … 各县（市、区）卫生健康局负责对
#          辖区内其他二级医院开展巡查。"
@pytest.mark.parametrize(
    ("hid", "inspector", "rule"),
    [
        ("SL01", "shili", "sl-inspector-city-owned"),  # 市属
        ("SL02", "shili", "sl-inspector-tertiary"),  # district-run 三级: the city, not the district
        ("SL03", "shili-west", "sl-inspector-district"),
        ("SL04", "shili-north", "sl-inspector-district"),
        ("SL05", "shili-east", "sl-inspector-district"),
    ],
)
def test_who_inspects(sl: hi.Policy, hid: str, inspector: str, rule: str) -> None:
    d = sl.inspector(hospital(hid), TREE)
    assert (d.value, d.rule) == (inspector, rule)
    assert d.citation.clause == "四、(一)"


def test_a_district_inspecting_its_own_tertiary_hospital_is_a_violation(sl: hi.Policy) -> None:
    # the wrong inspector for SL02 (三级, run by 东区): check_plan names the city commission
    visit = hi.Visit(
        id="v",
        hospital="SL02",
        authority="shili-east",
        first_day=D(2025, 6, 9),
        last_day=D(2025, 6, 13),
    )
    plan = hi.Plan(id="p", policy=PID, authority="shili", visits=(visit,))
    report = hi.check_plan(plan, sl, hospitals=HOSPITALS, experts=EXPERTS, authorities=AUTHORITIES)
    (issue,) = [i for i in report.violations if i.check == "no_jurisdiction"]
    assert "shili does" in issue.message
    assert issue.rule == "sl-inspector-tertiary"


# 四、(二) "本轮巡查自2025年4月开始，2027年9月底前全部完成。三级医院现场巡查时间不少于5个工作日，
#          二级医院不少于3个工作日。"
def test_round_end_and_visit_days(sl: hi.Policy) -> None:
    assert sl.round_end().value == D(2027, 9, 30)
    d3 = sl.min_visit_days(_h("三级", "中医医院"))
    d2 = sl.min_visit_days(_h("二级", "妇幼保健院", "社会办"))
    assert (d3.value, d3.unit, d3.strength) == (5, hi.DayUnit.WORKING, hi.Strength.MANDATORY)
    assert (d2.value, d2.unit) == (3, hi.DayUnit.WORKING)
    assert d3.citation.text == "三级医院现场巡查时间不少于5个工作日"


# 四、(三) "巡查组由5至9人组成，设组长1名，由卫生健康行政部门负责同志担任，成员从市巡查专家库中
#          抽取。各县（市、区）组织巡查时，外县（市、区）专家人数不得少于专家总数的三分之一。"
def test_team(sl: hi.Policy) -> None:
    spec = sl.team().value
    assert (spec.size_min, spec.size_max) == (5, 9)
    assert spec.lead is not None and spec.lead.role is Role.TEAM_LEADER
    assert spec.lead.leader_role is Role.OFFICIAL
    assert spec.members_from is Role.EXPERT
    assert [sl.min_external_experts(n).value for n in (3, 4, 6, 7)] == [1, 2, 2, 3]


def _visit(team: list[tuple[str, str]], **kw: object) -> hi.Visit:
    fields: dict[str, object] = {
        "id": "v",
        "hospital": "SL01",
        "authority": "shili",
        "first_day": D(2025, 6, 9),
        "last_day": D(2025, 6, 13),
        "team": tuple(hi.Member(person=p, role=r) for p, r in team),
    }
    fields.update(kw)
    return hi.Visit(**fields)  # type: ignore[arg-type]


def _checks(sl: hi.Policy, visit: hi.Visit, as_of: D | None = None) -> list[str]:
    plan = hi.Plan(id="p", policy=PID, authority="shili", visits=(visit,))
    report = hi.check_plan(
        plan, sl, hospitals=HOSPITALS, experts=EXPERTS, authorities=AUTHORITIES, as_of=as_of
    )
    return sorted(i.check for i in report.issues if i.check != "hospital_not_visited")


GOOD = [("O-shili", "team_leader")] + [(f"E-east-{n}", "expert") for n in range(1, 5)]


def test_the_official_leads_and_the_team_has_five_to_nine(sl: hi.Policy) -> None:
    assert _checks(sl, _visit(GOOD)) == []
    expert_leads = [("E-west-1", "team_leader"), *GOOD[1:]]
    assert _checks(sl, _visit(expert_leads)) == ["team_leader_role"]
    assert _checks(sl, _visit(GOOD[:4])) == ["team_size"]  # 4 people
    ten = GOOD + [(f"E-west-{n}", "expert") for n in range(1, 6)]
    assert _checks(sl, _visit(ten)) == ["team_size"]
    official_member = [*GOOD[:4], ("O-east", "official")]
    assert _checks(sl, _visit(official_member)) == ["team_member_source"]


# 四、(四)1. "被巡查医院应当在现场巡查进驻5个工作日前，向巡查组报送自查报告。"
def test_self_report_five_working_days_before_entry(sl: hi.Policy) -> None:
    due = sl.due("self_inspection_report", on=D(2025, 6, 9)).value  # Monday entry
    assert due.date == D(2025, 5, 30)  # 6-2 is 端午 (a holiday): Fri 5-30 is the 5th
    assert _checks(sl, _visit(GOOD, self_report_date=D(2025, 5, 30))) == []
    assert _checks(sl, _visit(GOOD, self_report_date=D(2025, 6, 3))) == ["deadline_missed"]
    assert _checks(sl, _visit(GOOD, self_report_date=D(2025, 6, 6))) == ["deadline_missed"]
    assert _checks(sl, _visit(GOOD), as_of=D(2025, 6, 1)) == ["event_not_recorded"]
    strict = policy(PID, (("self-report-days", "before-the-fifth-day"),))
    assert strict.due("self_inspection_report", on=D(2025, 6, 9)).value.date == D(2025, 5, 29)


# 四、(四)3. "现场巡查结束后15个工作日内，巡查组向被巡查医院书面反馈巡查意见，视情况召开反馈会议。"
def test_written_feedback_within_fifteen_working_days(sl: hi.Policy) -> None:
    d = sl.due("written_feedback", on=D(2025, 9, 26))  # visit ends Friday before National Day
    # 9-28 (Sun) and 10-11 (Sat) are 调休 working days; 10-1..10-8 are not: the 15th is 10-23
    assert d.value.date == D(2025, 10, 23)
    assert d.citation.clause == "四、(四)3."
    visit = _visit(GOOD, first_day=D(2025, 9, 22), last_day=D(2025, 9, 26))
    assert _checks(sl, attrs_evolve(visit, feedback_date=D(2025, 10, 23))) == []
    assert _checks(sl, attrs_evolve(visit, feedback_date=D(2025, 10, 24))) == ["deadline_missed"]
    meeting = next(p for p in sl.provisions() if p.rule == "sl-feedback-meeting")
    assert meeting.strength is hi.Strength.OPTIONAL  # 视情况


def attrs_evolve(visit: hi.Visit, **changes: object) -> hi.Visit:
    return attrs.evolve(visit, **changes)  # type: ignore[arg-type]


# 四、(四)4. "被巡查医院应当自收到反馈意见之日起30日内，向巡查组织单位报送整改报告。"
def test_rectification_report_thirty_days(sl: hi.Policy) -> None:
    d = sl.rectification_due(D(2025, 12, 31))
    assert d.value.date == D(2026, 1, 30)  # 30 days per 民法典 201, not 2026-02-02 (1 month)
    assert d.value == sl.due("rectification_report", on=D(2025, 12, 31)).value
    assert d.citation.text.endswith("30日内，向巡查组织单位报送整改报告")
    rolled = sl.rectification_due(D(2025, 9, 1)).value  # day 30 = 10-01, National Day
    assert (rolled.rolled_from, rolled.date) == (D(2025, 10, 1), D(2025, 10, 9))
    working = policy(PID, (("rectification-days", "working-days"),))
    assert working.rectification_due(D(2025, 12, 31)).value.date == D(2026, 2, 12)


# 四、(五) "各县（市、区）卫生健康局应当于每年11月30日前将本年度巡查工作总结报送市卫生健康委，
#          2027年9月30日前报送本轮巡查工作总结。"
def test_yearly_reports_and_the_last_year_reading(sl: hi.Policy) -> None:
    assert sl.yearly_dates("sl-annual-report") == (
        D(2025, 11, 30),
        D(2026, 11, 30),
        D(2027, 11, 30),
    )
    assert sl.due("district_annual_report", on=D(2026, 1, 1)).value.date == D(2026, 11, 30)
    short = policy(PID, (("last-year-report", "round-summary-replaces-last"),))
    assert short.yearly_dates("sl-annual-report") == (D(2025, 11, 30), D(2026, 11, 30))
    with pytest.raises(hi.RuleNotInPolicy, match="no due date on or after 2027-01-01"):
        short.due("district_annual_report", on=D(2027, 1, 1))
    strict = policy(PID, (("date-before", "strictly-before"),))
    assert strict.yearly_dates("sl-annual-report")[0] == D(2025, 11, 29)


def test_yearly_reports_owed_late_and_missing(sl: hi.Policy) -> None:
    reports = (
        hi.ReportSubmission(rule="sl-annual-report", by="shili-east", date=D(2025, 11, 28)),
        hi.ReportSubmission(rule="sl-annual-report", by="shili-west", date=D(2025, 12, 2)),
    )
    plan = hi.Plan(id="p", policy=PID, authority="shili", reports=reports)
    report = hi.check_plan(
        plan, sl, hospitals=(), experts=EXPERTS, authorities=AUTHORITIES, as_of=D(2025, 12, 31)
    )
    found = sorted((i.check, i.authority) for i in report.issues)
    assert found == [("report_late", "shili-west"), ("report_missing", "shili-north")]
    later = hi.check_plan(
        plan, sl, hospitals=(), experts=EXPERTS, authorities=AUTHORITIES, as_of=D(2026, 12, 1)
    )
    missing_2026 = [i for i in later.issues if i.check == "report_missing" and "2026" in i.message]
    assert sorted(i.authority for i in missing_2026) == ["shili-east", "shili-north", "shili-west"]


# 三、(一)4. "民营医院党组织设置及党的工作覆盖情况。"
# 三、(三)4. "中医医院同时巡查中医药特色优势发挥情况。"
def test_checklist_items_by_ownership_and_category(sl: hi.Policy) -> None:
    public = [i.id for i in sl.checklist(_h("二级", "综合医院", "公立")).value]
    private = [i.id for i in sl.checklist(_h("二级", "综合医院", "社会办")).value]
    tcm = [i.id for i in sl.checklist(_h("三级", "中医医院")).value]
    assert "sl.1.4" not in public and "sl.1.4" in private
    assert len(private) == len(public) + 1 == 12
    assert "sl.3.4-tcm" in tcm and "sl.3.4-tcm" not in public
    # 中医医院 as 二、 defines it, 含中西医结合医院 (default), or in its ordinary sense
    integrated = _h("三级", "中西医结合医院")
    assert "sl.3.4-tcm" in [i.id for i in sl.checklist(integrated).value]
    narrow = policy(PID, (("tcm-paragraph", "tcm-only"),))
    assert "sl.3.4-tcm" not in [i.id for i in narrow.checklist(integrated).value]
    assert "sl.3.4-tcm" in [i.id for i in narrow.checklist(_h("三级", "中医医院")).value]


@pytest.mark.parametrize("readings", reading_combinations(PID), ids=str)
def test_every_reading_combination_lints_clean(readings: tuple[tuple[str, str], ...]) -> None:
    assert hi.lint_policy(policy(PID, readings)) == []


# 四、(四)2. methods; 五、 measures; 六、 provisions.
def test_methods_measures_and_provisions(sl: hi.Policy) -> None:
    assert [m.label for m in sl.methods().value] == [
        "听取汇报",
        "查阅资料",
        "个别谈话",
        "实地查看",
        "问卷调查",
    ]
    talk = sl.measures("serious_problems")
    assert talk.strength is hi.Strength.OPTIONAL  # 视情况约谈
    assert sl.measures("violation_clue").value[0].code == "transfer_clues"
    codes = {p.value.code: p.strength for p in sl.provisions()}
    assert codes["cross_region_exchange"] is hi.Strength.OPTIONAL  # 鼓励
    assert codes["non_interference"] is hi.Strength.MANDATORY  # 不得


def test_a_round_ending_in_2027_schedules_and_checks_clean(sl: hi.Policy) -> None:
    # the round ends 2027-09-30, past the calendar's data; the visits need only 2025
    plan = hi.schedule(HOSPITALS, EXPERTS, sl, authorities=AUTHORITIES, start=D(2025, 4, 1))
    assert {v.hospital for v in plan.visits} == {"SL01", "SL02", "SL03", "SL04", "SL05"}
    assert max(v.last_day for v in plan.visits).year == 2025
    by_hospital = {v.hospital: v for v in plan.visits}
    assert by_hospital["SL02"].authority == "shili"  # district-run 三级: the city inspects
    for v in plan.visits:
        (leader,) = [m.person for m in v.team if m.role is Role.TEAM_LEADER]
        assert leader.startswith("O-")  # an official leads
        assert 5 <= len(v.team) <= 9
    report = hi.check_plan(plan, sl, hospitals=HOSPITALS, experts=EXPERTS, authorities=AUTHORITIES)
    assert report.ok and not report.warnings
