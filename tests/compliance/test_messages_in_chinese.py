"""Every compliance message in both languages: English exactly as before, Chinese as an office
writes it (names, not ids; dates as 2024年12月20日; hints that are commands or spreadsheet columns).
"""

from __future__ import annotations

import datetime as dt
import re

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.compliance import ComplianceLevel, ComplianceReport
from tests.compliance.test_check_plan import CLEAN, TEAM, V1, V2, check, with_visit

D = dt.date

#: Two or more English words in a row: a sentence, not a code (report_missing), an id
#: (wh-report-2024) or a command (hospital-inspection schedule --deadline).
ENGLISH = re.compile(r"(?<![\w-])[A-Za-z]{2,}(?: [A-Za-z]{2,})+(?![\w-])")

SCENARIOS = {
    "hospital_not_visited": (attrs.evolve(CLEAN, visits=(V1,)), {}),
    "visit_out_of_scope": (attrs.evolve(CLEAN, visits=(V1, V2, attrs.evolve(
        V2, id="V3", hospital="H3", first_day=D(2025, 4, 7), last_day=D(2025, 4, 11),
        self_report_date=D(2025, 4, 1)))), {}),
    "visit_too_short": (with_visit(CLEAN, "V1", last_day=D(2025, 3, 10)), {}),
    "after_round_end": (with_visit(CLEAN, "V2", first_day=D(2026, 11, 2), last_day=D(2026, 11, 6),
                                   self_report_date=D(2026, 10, 1)), {}),
    "self_report_late": (with_visit(CLEAN, "V2", self_report_date=D(2025, 3, 17)), {}),
    "self_report_missing": (with_visit(CLEAN, "V2", self_report_date=None),
                            {"as_of": D(2025, 3, 18)}),
    "external_share": (with_visit(CLEAN, "V2", team=TEAM[:3]), {}),
    "team_composition": (with_visit(CLEAN, "V1", team=TEAM[1:]), {}),
    "double_booked": (with_visit(CLEAN, "V2", first_day=D(2025, 3, 11),
                                 last_day=D(2025, 3, 17)), {}),
    "conflict_of_interest": (with_visit(CLEAN, "V1", team=(*TEAM[:3], hi.Member(person="E4"))),
                             {}),
    "no_jurisdiction": (with_visit(CLEAN, "V2", authority="d-b"), {}),
    "non_working_day": (with_visit(CLEAN, "V1", first_day=D(2025, 3, 1)), {}),
    "report_late": (attrs.evolve(CLEAN, reports=(
        hi.ReportSubmission(rule="wh-report-2024", by="d-a", date=D(2024, 12, 21)),
        hi.ReportSubmission(rule="wh-report-2025", by="d-a", date=D(2025, 12, 20)))), {}),
    "report_missing": (CLEAN, {"as_of": D(2024, 12, 21)}),
}  # fmt: skip

#: check → (English message, English hint, Chinese message, Chinese hint), for the first issue
#: of that check in its scenario. The English is the text the library wrote before it spoke
#: Chinese, unchanged (the self-inspection's as issue 11 reworded it).
GOLDEN = {
    "hospital_not_visited": (
        "虚构甲区医院 (二级 综合医院) is in scope but has no regular visit",
        "add a visit by d-a before the round ends, or record a waiver",  # the scope is 原则上
        "虚构甲区医院（二级综合医院）属于巡查范围，本轮尚未安排常规巡查",
        "由甲区卫生健康局在本轮巡查结束前完成对该院的巡查"
        "（用 hospital-inspection schedule 重新生成巡查计划）；确不巡查的，检查时加 --waiver "
        "wh-scope-public,H2,不巡查的理由 登记",
    ),
    "visit_out_of_scope": (
        "虚构甲区卫生院 is 不纳入巡查 (out_of_scope) for a 常规巡查",
        "nothing to fix if the visit is intended; the policy does not require it",
        "虚构甲区卫生院属于“不纳入巡查”范围，政策未要求对其开展常规巡查",
        "如确需巡查，无需处理；政策并未要求该次巡查",
    ),
    "visit_too_short": (
        "6 工作日 on site at 虚构第一医院; the minimum is 7",
        "extend the visit by 1 工作日 or record a waiver",
        "虚构第一医院现场巡查6个工作日，少于规定的7个工作日",
        "将现场巡查延长1个工作日（调整巡查时间表“结束日期”列）；不能延长的，检查时加 --waiver "
        "wh-days-7-general,V1,不能延长的理由 登记（或在计划文件的 waivers 中登记）",
    ),
    "after_round_end": (
        "the visit ends 2026-11-06, after the round's last day 2026-10-31",
        "finish on or before 2026-10-31",
        "虚构甲区医院巡查于2026年11月6日结束，晚于本轮巡查截止日期2026年10月31日",
        "在2026年10月31日前完成巡查（调整巡查时间表“结束日期”列，"
        "或用 hospital-inspection schedule --deadline 重新排期）",
    ),
    "self_report_late": (
        "医疗机构全面自查 before the on-site inspection: recorded on 2025-03-17, not before the "
        "first on-site day 2025-03-17",
        "as 威卫办〔2024〕11号 四、(二) says: “在医疗机构全面自查的基础上开展现场巡查”",
        "虚构甲区医院的医疗机构全面自查（现场巡查前）完成日期登记为2025年3月17日，"
        "不在进驻日（2025年3月17日）之前",
        "依据威卫办〔2024〕11号 四、(二)：“在医疗机构全面自查的基础上开展现场巡查”",
    ),
    "self_report_missing": (
        "医疗机构全面自查 before the on-site inspection: no date is recorded for a visit that "
        "began 2025-03-17",
        "record the day it was done (Visit.self_report_date)",
        "虚构甲区医院巡查已于2025年3月17日进驻，未登记医疗机构全面自查（现场巡查前）的完成日期",
        "检查时加 --self-report V2,完成日期（或在计划文件中填写该次巡查的 self_report_date 字段）",
    ),
    "external_share": (
        "0 of 2 counted members are experts from another 区市; at least 1 are needed",
        "swap in 1 expert(s) whose home region is not a",
        "虚构甲区医院巡查组计入比例的2人中，外区市专家0名，应不少于1名",
        "换入1名外区市专家（专家名单“所属区市”列不是 a 的专家），"
        "或用 hospital-inspection schedule 重新排期",
    ),
    "team_composition": (
        "the team has 0 部门负责人 (official); the policy asks for at least 1 "
        "(team: >=1 部门负责人 + >=1 专家)",
        "add 部门负责人 members",
        "虚构第一医院巡查组有部门负责人0名，政策要求至少1名",
        "增加部门负责人（巡查时间表“组长”“组员”列），或用 hospital-inspection schedule 重新排期",
    ),
    "double_booked": (
        "张某甲 is on V1 and V2, which overlap "
        "(a person cannot be on site at two hospitals on one day)",
        "move one visit or replace the member",
        "张某甲同时参加虚构第一医院（V1）和虚构甲区医院（V2）的巡查，两次巡查时间重叠"
        "（同一人同一天不能在两家医院现场）",
        "调整其中一次巡查的日期（巡查时间表“进驻日期”“结束日期”列），或替换该成员（“组员”列）",
    ),
    "conflict_of_interest": (
        "赵某丁 works at 虚构第一医院 and is on its team "
        "(回避; a general principle, not a clause of the policy document)",
        "replace the member with someone not employed by the hospital",
        "赵某丁是虚构第一医院在职人员，却参加该院巡查组（回避；属一般原则，非政策文件条款）",
        "另选非该院在职人员替换该成员（巡查时间表“组员”列）",
    ),
    "no_jurisdiction": (
        "d-b has no jurisdiction over 虚构甲区医院; d-a does",
        "give the visit to the authority the policy names",
        "乙区卫生健康局对虚构甲区医院无巡查职责，应由甲区卫生健康局负责巡查",
        "将该次巡查改由政策规定的卫生健康行政部门承担（巡查时间表“巡查单位”列），"
        "或用 hospital-inspection schedule 重新排期",
    ),
    "non_working_day": (
        "the first on-site day 2025-03-01 is not a working day",
        "start and end on working days (调休 make-up days count as working)",
        "虚构第一医院巡查的进驻日2025年3月1日不是工作日",
        "进驻日期和结束日期均应为工作日（调休上班日按工作日计），"
        "请调整巡查时间表的“进驻日期”“结束日期”列，或用 hospital-inspection schedule 重新排期",
    ),
    "report_late": (
        "区市 2024 annual inspection report to the city commission submitted 2024-12-21 by d-a, "
        "after 2024-12-20",
        "submit on time; record the reason in the report",
        "甲区卫生健康局于2024年12月21日报送2024年度巡查工作报告，晚于规定时间（2024年12月20日前）",
        "按时报送；在报告中说明逾期原因",
    ),
    "report_missing": (
        "甲区卫生健康局 has no 区市 2024 annual inspection report to the city commission "
        "recorded; it was due on or before 2024-12-20",
        "record the submission on the plan (ReportSubmission rule='wh-report-2024', by='d-a') "
        "or submit the report",
        "甲区卫生健康局未报送2024年度巡查工作报告（应于2024年12月20日前报送）",
        "已报送的，检查时加 --report wh-report-2024,d-a,报送日期（或在 --reports 报送情况表中"
        "增加一行：规则、报送单位、报送日期）；未报送的，督促甲区卫生健康局尽快报送",
    ),
}


def report_for(code: str) -> ComplianceReport:
    plan, options = SCENARIOS[code]
    return check(plan, **options)  # type: ignore[arg-type]


def first(report: ComplianceReport, code: str) -> hi.ComplianceIssue:
    return next(i for i in report.issues if i.check == code)


def test_every_check_has_a_golden_case() -> None:
    assert set(GOLDEN) == set(SCENARIOS)


@pytest.mark.parametrize("code", sorted(GOLDEN))
def test_message_and_hint_in_english_and_chinese(code: str) -> None:
    issue = first(report_for(code), code)
    en_message, en_hint, zh_message, zh_hint = GOLDEN[code]
    assert (issue.message, issue.hint) == (en_message, en_hint)
    assert (issue.message_in("en"), issue.hint_in("en")) == (en_message, en_hint)
    assert (issue.message_in("zh"), issue.hint_in("zh")) == (zh_message, zh_hint)


@pytest.mark.parametrize("code", sorted(GOLDEN))
def test_no_chinese_message_or_hint_holds_an_english_sentence(code: str) -> None:
    for issue in report_for(code).issues:
        for words in (issue.message_in("zh"), issue.hint_in("zh")):
            assert not ENGLISH.findall(words), words
            assert "ReportSubmission" not in words and "Visit." not in words


def test_the_english_sentence_detector_detects() -> None:
    assert ENGLISH.findall("甲区 has no report")  # the detector can fail a test
    assert not ENGLISH.findall(
        "用 hospital-inspection schedule --deadline 重新排期，rule 为 wh-2024"
    )


def test_a_waiver_reads_in_both_languages() -> None:
    short = with_visit(CLEAN, "V1", last_day=D(2025, 3, 10))
    rule = first(check(short), "visit_too_short").rule
    assert rule is not None
    waived = attrs.evolve(short, waivers=(hi.Waiver(rule=rule, justification="院区搬迁"),))
    issue = first(check(waived), "visit_too_short")
    assert issue.message == "6 工作日 on site at 虚构第一医院; the minimum is 7 (waived: 院区搬迁)"
    assert (
        issue.message_in("zh")
        == "虚构第一医院现场巡查6个工作日，少于规定的7个工作日（已豁免：院区搬迁）"
    )


def test_the_report_renders_in_chinese_and_in_english_as_before() -> None:
    report = report_for("report_missing")
    zh = report.render(lang="zh")
    assert (
        zh.splitlines()[0]
        == "巡查计划 P（政策 weihai-2024-2026）：不合规 — 违规 2 项，警示 0 项，提示 0 项"
    )
    assert "整改建议" in zh and "违规" in zh and not ENGLISH.findall(zh)
    assert report.render() == report.render(lang="en") == str(report)
    assert report.render().splitlines()[0] == (
        "plan P under weihai-2024-2026: NOT COMPLIANT — 2 violation(s), 0 warning(s), 0 information"
    )
    assert report.headers(lang="zh") == ComplianceReport.HEADERS_ZH


def test_a_translated_report_keeps_its_ids_and_round_trips() -> None:
    report = report_for("double_booked")
    zh = report.in_language("zh")
    assert zh.issues[0].message == zh.issues[0].message_in("zh") != report.issues[0].message
    assert zh.issues[0].message_in("en") == report.issues[0].message
    assert hi.from_json(hi.to_json(zh), ComplianceReport) == zh


def test_an_issue_made_by_hand_reads_as_written_in_every_language() -> None:
    issue = hi.ComplianceIssue(
        check="own", severity=ComplianceLevel.VIOLATION, message="自定问题", hint="自定建议"
    )
    assert issue.message_in("zh") == "自定问题" and issue.hint_in("en") == "自定建议"


# --- the checks of the fictional 示例市 plan (team shape, periods from a visit, yearly reports) --


def shili_issues() -> list[hi.ComplianceIssue]:
    from tests.policy import test_shili_golden as sl

    policy = hi.load_policy(sl.PID)

    def run(plan: hi.Plan, as_of: dt.date | None = None) -> list[hi.ComplianceIssue]:
        report = hi.check_plan(plan, policy, hospitals=sl.HOSPITALS, experts=sl.EXPERTS,
                               authorities=sl.AUTHORITIES, as_of=as_of)  # fmt: skip
        return [i for i in report.issues if i.check != "hospital_not_visited"]

    def visit(team: list[tuple[str, str]], **kw: object) -> hi.Plan:
        return hi.Plan(id="p", policy=sl.PID, authority="shili", visits=(sl._visit(team, **kw),))

    good = sl.GOOD
    reports = (
        hi.ReportSubmission(rule="sl-annual-report", by="shili-east", date=D(2025, 11, 28)),
        hi.ReportSubmission(rule="sl-annual-report", by="shili-west", date=D(2025, 12, 2)),
    )
    return [
        *run(visit([("E-west-1", "team_leader"), *good[1:]])),
        *run(visit(good[:4])),
        *run(visit([*good[:4], ("O-east", "official")])),
        *run(visit(good, self_report_date=D(2025, 6, 3))),
        *run(visit(good), as_of=D(2025, 6, 1)),
        *run(visit(good, first_day=D(2025, 9, 22), last_day=D(2025, 9, 26),
                   feedback_date=D(2025, 10, 24))),
        *run(hi.Plan(id="p", policy=sl.PID, authority="shili", reports=reports), D(2025, 12, 31)),
    ]  # fmt: skip


def test_the_newer_checks_speak_chinese_too() -> None:
    issues = shili_issues()
    assert {i.check for i in issues} == {
        "team_leader_role", "team_size", "team_member_source", "deadline_missed",
        "event_not_recorded", "report_missing", "report_late",
    }  # fmt: skip
    for issue in issues:
        assert issue.message_id is not None and issue.message_in("en") == issue.message
        for words in (issue.message_in("zh"), issue.hint_in("zh")):
            assert not ENGLISH.findall(words), words
    zh = {i.check: i.message_in("zh") for i in issues}
    assert zh["team_size"] == "示例市第一人民医院巡查组4人，政策要求5至9人"
    assert zh["event_not_recorded"] == (
        "示例市第一人民医院未登记自查报告日期；应于2025年5月30日前完成"
        "（现场巡查进驻2025年6月9日前5个工作日）"
    )
    (unrecorded,) = [i for i in issues if i.check == "event_not_recorded"]
    assert unrecorded.hint_in("zh") == (  # what to do, in the command the office uses
        f"检查时加 --self-report {unrecorded.visit},日期（或在计划文件中填写该次巡查的 "
        "self_report_date 字段）"
    )
    assert zh["report_missing"] == (
        "示例市北县卫生健康局未报送本年度巡查工作总结（2025年，应于2025年11月30日前报送）"
    )
    feedback = [i for i in issues if i.check == "deadline_missed"][-1]
    assert feedback.message == (
        "书面反馈巡查意见 (the team's written feedback to the hospital) on 2025-10-24, after its "
        "last day 2025-10-23 (15 working day(s) after last_on_site_day 2025-09-26)"
    )
    assert feedback.message_in("zh") == (
        "示例市第一人民医院书面反馈巡查意见日期为2025年10月24日，晚于最后期限2025年10月23日"
        "（现场巡查结束2025年9月26日后15个工作日内）"
    )


def test_only_an_in_principle_rule_hints_at_a_waiver() -> None:
    """示例市's days rule is mandatory: a short visit is a violation, and its hint says to
    extend the visit, not to record a waiver (a waiver covers only 原则上 rules)."""
    from tests.policy import test_shili_golden as sl

    policy = hi.load_policy(sl.PID)
    short = sl._visit(sl.GOOD)
    short = attrs.evolve(short, last_day=short.first_day)
    plan = hi.Plan(id="p", policy=sl.PID, authority="shili", visits=(short,))
    report = hi.check_plan(plan, policy, hospitals=sl.HOSPITALS, experts=sl.EXPERTS,
                           authorities=sl.AUTHORITIES)  # fmt: skip
    (issue,) = [i for i in report.issues if i.check == "visit_too_short"]
    assert issue.severity is hi.ComplianceLevel.VIOLATION
    assert issue.hint.startswith("extend the visit by ") and "waiver" not in issue.hint
    assert "--waiver" not in issue.hint_in("zh") and "延长" in issue.hint_in("zh")
    (weihai,) = [i for i in report_for("visit_too_short").issues if i.check == "visit_too_short"]
    assert weihai.hint.endswith(" or record a waiver") and "--waiver" in weihai.hint_in("zh")
