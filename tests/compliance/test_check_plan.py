"""Golden plans that break each rule once, each detected with the right citation; a clean plan."""

from __future__ import annotations

import datetime as dt
import json

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.compliance import ComplianceLevel, ComplianceReport

D = dt.date
WEIHAI = hi.load_policy("weihai-2024-2026")
AUTHORITIES = (
    hi.Authority(id="city", name="虚构市卫生健康委员会", level="市级"),
    hi.Authority(id="d-a", name="甲区卫生健康局", level="区县级", parent="city", region="a"),
    hi.Authority(id="d-b", name="乙区卫生健康局", level="区县级", parent="city", region="b"),
)
HOSPITALS = (
    hi.Hospital(id="H1", name="虚构第一医院", level="三级", grade="甲等", category="综合医院",
                ownership="公立", authority="city", region="a"),
    hi.Hospital(id="H2", name="虚构甲区医院", level="二级", category="综合医院", ownership="公立",
                authority="d-a", region="a"),
    hi.Hospital(id="H3", name="虚构甲区卫生院", level="一级", category="乡镇卫生院",
                ownership="公立", authority="d-a", region="a"),
)  # fmt: skip
EXPERTS = (
    hi.Expert(id="E1", name="张某甲", home_region="a", roles={"专家", "组长"}),
    hi.Expert(id="E2", name="李某乙", home_region="a"),
    hi.Expert(id="E3", name="王某丙", home_region="b"),
    hi.Expert(id="E4", name="赵某丁", home_region="b", employer="H1"),
    hi.Expert(id="O1", name="刘某戊", home_region="a", roles={"部门负责人"}),
    hi.Expert(id="O2", name="陈某己", home_region="b", roles={"部门负责人"}),
)
TEAM = (
    hi.Member(person="O1", role="部门负责人"),
    hi.Member(person="E1", role="组长"),
    hi.Member(person="E2"),
    hi.Member(person="E3"),
)
# 2025-03-03 is a Monday; 03-03..03-11 holds 7 working days, 03-17..03-21 five.
V1 = hi.Visit(
    id="V1",
    hospital="H1",
    authority="city",
    first_day=D(2025, 3, 3),
    last_day=D(2025, 3, 11),
    team=TEAM,
    self_report_date=D(2025, 2, 20),
)
V2 = hi.Visit(
    id="V2",
    hospital="H2",
    authority="d-a",
    first_day=D(2025, 3, 17),
    last_day=D(2025, 3, 21),
    team=TEAM,
    self_report_date=D(2025, 3, 14),
)
CLEAN = hi.Plan(id="P", policy="weihai-2024-2026", authority="city", visits=(V1, V2))
# fmt: on


def check(plan: hi.Plan, policy: hi.Policy = WEIHAI, **kw: object) -> ComplianceReport:
    return hi.check_plan(plan, policy, hospitals=HOSPITALS, experts=EXPERTS,
                         authorities=AUTHORITIES, **kw)  # type: ignore[arg-type]  # fmt: skip


def only(report: ComplianceReport, check_code: str) -> hi.ComplianceIssue:
    found = [i for i in report.issues if i.check == check_code]
    others = [i for i in report.issues if i.check != check_code]
    assert len(found) == 1, report.render()
    assert not others, report.render()
    return found[0]


def with_visit(plan: hi.Plan, visit_id: str, **changes: object) -> hi.Plan:
    visits = tuple(attrs.evolve(x, **changes) if x.id == visit_id else x for x in plan.visits)
    return attrs.evolve(plan, visits=visits)


def test_clean_plan_has_no_issue() -> None:
    report = check(CLEAN)
    assert report.issues == (), report.render()
    assert report.ok
    assert "OK" in report.render()


def test_missing_visit_to_in_scope_hospital() -> None:
    issue = only(check(attrs.evolve(CLEAN, visits=(V1,))), "hospital_not_visited")
    assert issue.hospital == "H2"
    assert issue.severity is ComplianceLevel.WARNING  # 原则上为二级以上公立… (in principle)
    assert issue.citation is not None and issue.citation.clause == "二、"


def test_visit_to_out_of_scope_hospital_is_information() -> None:
    v3 = attrs.evolve(V2, id="V3", hospital="H3", first_day=D(2025, 4, 7),
                      last_day=D(2025, 4, 11), self_report_date=D(2025, 4, 1))  # fmt: skip
    issue = only(check(attrs.evolve(CLEAN, visits=(V1, V2, v3))), "visit_out_of_scope")
    assert issue.severity is ComplianceLevel.INFO and issue.visit == "V3"


def test_visit_too_short_is_a_warning_citing_the_clause() -> None:
    issue = only(check(with_visit(CLEAN, "V1", last_day=D(2025, 3, 10))), "visit_too_short")
    assert issue.severity is ComplianceLevel.WARNING
    assert issue.citation is not None
    assert issue.citation.document == "威卫办〔2024〕11号" and issue.citation.clause == "四、"
    assert "三级综合医院、中医医院巡查时间原则上不少于7天" in issue.citation.text
    assert "6 工作日" in issue.message


def test_a_waiver_turns_the_warning_into_information() -> None:
    short = with_visit(CLEAN, "V1", last_day=D(2025, 3, 10))
    rule = check(short).issues[0].rule
    assert rule is not None
    why = "医院搬迁，经市卫健委同意缩短一天"
    waived = attrs.evolve(short, waivers=(hi.Waiver(rule=rule, visit="V1", justification=why),))
    issue = only(check(waived), "visit_too_short")
    assert issue.severity is ComplianceLevel.INFO
    assert issue.waiver == why


def test_visit_after_the_round_end_is_a_violation() -> None:
    late = with_visit(CLEAN, "V2", first_day=D(2026, 10, 26), last_day=D(2026, 11, 2),
                      self_report_date=D(2026, 10, 1))  # fmt: skip
    issue = only(check(late), "after_round_end")
    assert issue.severity is ComplianceLevel.VIOLATION
    assert issue.citation is not None and issue.citation.text == "于2026年10月底前完成本轮巡查"


def test_self_inspection_report_must_precede_entry() -> None:
    issue = only(check(with_visit(CLEAN, "V2", self_report_date=D(2025, 3, 17))),
                 "self_report_late")  # fmt: skip
    assert issue.severity is ComplianceLevel.VIOLATION


def test_external_expert_share() -> None:
    team = (TEAM[0], TEAM[1], TEAM[2], hi.Member(person="O2", role="部门负责人"))
    issue = only(check(with_visit(CLEAN, "V2", team=team)), "external_share")
    assert issue.severity is ComplianceLevel.VIOLATION
    assert issue.citation is not None
    assert "外区市专家比例不得低于30%" in issue.citation.text
    assert "0 of 2" in issue.message


def test_external_share_does_not_bind_the_city_commission() -> None:
    team = (TEAM[0], TEAM[1], TEAM[2])
    assert check(with_visit(CLEAN, "V1", team=team)).issues == ()


def test_team_needs_an_official() -> None:
    issue = only(check(with_visit(CLEAN, "V1", team=TEAM[1:])), "team_composition")
    assert issue.severity is ComplianceLevel.VIOLATION
    assert issue.citation is not None and issue.citation.clause == "四、(二)"


def test_expert_on_two_overlapping_visits() -> None:
    report = check(with_visit(CLEAN, "V2", first_day=D(2025, 3, 11), last_day=D(2025, 3, 17)))
    booked = [i for i in report.issues if i.check == "double_booked"]
    assert {i.person for i in booked} == {"O1", "E1", "E2", "E3"}
    assert all(i.severity is ComplianceLevel.VIOLATION and i.citation is None for i in booked)


def test_expert_on_the_team_of_their_employer() -> None:
    team = (*TEAM[:3], hi.Member(person="E4"))
    issue = only(check(with_visit(CLEAN, "V1", team=team)), "conflict_of_interest")
    assert issue.person == "E4" and issue.severity is ComplianceLevel.VIOLATION
    assert "回避" in issue.message


def test_authority_without_jurisdiction() -> None:
    issue = only(check(with_visit(CLEAN, "V2", authority="d-b")), "no_jurisdiction")
    assert issue.severity is ComplianceLevel.VIOLATION
    assert "d-a does" in issue.message


def test_visit_starting_on_a_rest_day() -> None:
    # 2025-03-01 is a Saturday; the visit still holds 7 working days.
    issue = only(check(with_visit(CLEAN, "V1", first_day=D(2025, 3, 1))), "non_working_day")
    assert issue.severity is ComplianceLevel.WARNING


def test_report_after_its_deadline() -> None:
    plan = attrs.evolve(CLEAN, reports=(
        hi.ReportSubmission(rule="wh-report-2024", by="d-a", date=D(2024, 12, 21)),
        hi.ReportSubmission(rule="wh-report-2025", by="d-a", date=D(2025, 12, 20)),
    ))  # fmt: skip
    issue = only(check(plan), "report_late")
    assert issue.severity is ComplianceLevel.VIOLATION
    assert issue.citation is not None and "2024年12月20日" in issue.citation.text


def test_jilin_follow_up_team_is_one_lead_and_two_to_three_experts() -> None:
    jilin = hi.load_policy("jilin-2021")
    lead = hi.Expert(id="J1", name="周某庚", home_region="a", roles={"纠风办负责人"})
    experts = (*EXPERTS, lead)
    start = D(2021, 7, 5)
    visit = hi.Visit(id="F1", hospital="H1", authority="city", first_day=start,
                     last_day=start, kind="回头看", mode="暗访",
                     team=(hi.Member(person="J1", role="纠风办负责人"),
                           hi.Member(person="E2")))  # fmt: skip
    plan = hi.Plan(id="J", policy="jilin-2021", authority="city", visits=(visit,))
    report = hi.check_plan(plan, jilin, hospitals=HOSPITALS[:1], experts=experts,
                           authorities=AUTHORITIES)  # fmt: skip
    team = [i for i in report.issues if i.check == "team_composition"]
    assert len(team) == 1 and team[0].severity is ComplianceLevel.VIOLATION, report.render()
    assert team[0].citation is not None and team[0].citation.document == "吉卫便函〔2021〕2号"
    good = attrs.evolve(visit, team=(*visit.team, hi.Member(person="E3")))
    report = hi.check_plan(attrs.evolve(plan, visits=(good,)), jilin, hospitals=HOSPITALS[:1],
                           experts=experts, authorities=AUTHORITIES)  # fmt: skip
    assert not [i for i in report.issues if i.check == "team_composition"], report.render()


def test_unknown_references_are_a_data_error() -> None:
    bad = with_visit(CLEAN, "V1", hospital="nowhere", team=(hi.Member(person="ghost"),))
    with pytest.raises(hi.DataError) as info:
        check(bad)
    assert "plan.visits[0].hospital: no hospital with id 'nowhere'" in info.value.problems
    assert "plan.visits[0].team[0].person: no expert with id 'ghost'" in info.value.problems


def test_report_is_deterministic_serialisable_and_renders() -> None:
    messy = with_visit(CLEAN, "V2", first_day=D(2025, 3, 8), last_day=D(2025, 3, 12))
    one, two = check(messy), check(messy)
    assert one == two
    data = json.loads(hi.to_json(one))
    assert hi.structure(data, ComplianceReport) == one
    text = one.render()
    assert "double_booked" in text and "违规" in text
    assert '<table class="hospital-inspection">' in one._repr_html_()


def test_report_is_the_same_for_a_plan_and_its_json_round_trip() -> None:
    messy = with_visit(CLEAN, "V2", first_day=D(2025, 3, 8), last_day=D(2025, 3, 12))
    again = hi.from_json(hi.to_json(messy), hi.Plan)
    assert check(again) == check(messy)


def test_yearly_report_missing_as_of_a_day_past_its_deadline() -> None:
    # 四、(三): 各区市卫生健康行政部门应在2024年12月20日…前，将本年度巡查工作报告报送至市卫生健康委
    assert check(CLEAN, as_of=D(2024, 12, 20)).issues == ()
    report = check(CLEAN, as_of=D(2024, 12, 21))
    missing = [i for i in report.issues if i.check == "report_missing"]
    assert len(missing) == len(report.issues) == 2, report.render()
    assert {i.authority for i in missing} == {"d-a", "d-b"}
    assert {i.message.split(" has no")[0] for i in missing} == {"甲区卫生健康局", "乙区卫生健康局"}
    assert all(i.severity is ComplianceLevel.VIOLATION for i in missing)
    assert all(i.rule == "wh-report-2024" and i.citation is not None for i in missing)
    assert missing[0].citation is not None and missing[0].citation.clause == "四、(三)"
    done = attrs.evolve(CLEAN, reports=(
        hi.ReportSubmission(rule="wh-report-2024", by="d-a", date=D(2024, 12, 18)),
        hi.ReportSubmission(rule="wh-report-2024", by="d-b", date=D(2024, 12, 20)),
    ))  # fmt: skip
    assert check(done, as_of=D(2025, 6, 30)).issues == ()


def test_a_district_plan_owes_only_its_own_reports() -> None:
    plan = attrs.evolve(CLEAN, authority="d-a", visits=(V2,))
    report = check(plan, as_of=D(2025, 12, 21))
    missing = sorted(i.rule or "" for i in report.issues if i.check == "report_missing")
    assert missing == ["wh-report-2024", "wh-report-2025"], report.render()
