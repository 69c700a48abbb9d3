"""Follow-up as the documents say: who owes what to whom, and when (only where a text says).

One test per way the ledger used to be wrong about duties, each quoting its clause.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import hospital_inspection as hi

D = dt.date
WEIHAI_TRIGGERS = (
    "rectification_required", "violation_clue", "exemplary_practice",
    "leadership_mismanagement", "risk_or_complaint",
)  # fmt: skip


def finding(fid: str = "F1", hospital: str = "H001", **kw: Any) -> hi.Finding:
    fields: dict[str, Any] = {
        "id": fid, "hospital": hospital, "round": "2025", "description": "问题描述",
        "found_on": D(2025, 3, 20), "found_by": "E01",
    }  # fmt: skip
    return hi.Finding(**(fields | kw))


def test_the_two_month_period_is_the_hospitals_duty_not_the_authoritys(
    weihai_policy: hi.Policy,
) -> None:
    # 威卫办〔2024〕11号 四、(三): "医疗机构收到巡查反馈意见后应在2个月内向上级卫生健康行政部门
    # 报送整改报告" — the hospital owes the report; it sets no period for 回头看, 公示 or 移送线索.
    ledger = hi.Ledger(policy=weihai_policy)
    ledger.add_finding(finding(triggers=("rectification_required", "violation_clue")))
    ledger.decide("F1", "follow_up", by="威海市卫生健康委员会", on=D(2025, 3, 25))
    (report,) = ledger.record_feedback("H001", D(2025, 4, 1))
    assert report.measure.label == "整改报告"
    assert report.party is hi.Party.HOSPITAL
    assert report.measure.received_by is hi.Party.SUPERIOR_AUTHORITY
    assert report.due is not None and report.due.date == D(2025, 6, 3)  # 06-01 is a Sunday
    assert report.measure.citation is not None
    assert "2个月内向上级卫生健康行政部门报送整改报告" in report.measure.citation.text
    authority = [i for i in ledger.items if i.id != report.id]
    assert sorted(i.measure.label for i in authority) == ["公示", "回头看", "移送违法违纪线索"]
    for item in authority:
        assert item.party is hi.Party.INSPECTING_AUTHORITY
        assert item.due is None
        assert item.no_due is not None and "sets no period" in item.no_due
    on_0610 = ledger.overdue(D(2025, 6, 10))
    assert [(o.item.id, o.party) for o in on_0610] == [(report.id, hi.Party.HOSPITAL)]
    assert ledger.overdue(D(2025, 6, 10), party="巡查单位") == ()
    assert [o.item.id for o in ledger.overdue(D(2025, 6, 10), party="医疗机构")] == [report.id]


def test_listed_measures_are_options_the_authority_decides(jilin_policy: hi.Policy) -> None:
    # 吉卫便函〔2021〕2号 二、(六): "依法依规采取限期整改、全省通报、线索移交等措施处置"
    ledger = hi.Ledger(policy=jilin_policy)
    follow_up = hi.VisitKind.FOLLOW_UP
    opened = ledger.add_finding(
        finding(found_on=D(2021, 7, 1), triggers=("rectification_required",)), kind=follow_up
    )
    assert opened == ()  # no 全省通报 opened by itself
    options = ledger.options("F1", kind=follow_up)
    assert [(m.label, m.strength) for m in options] == [
        ("限期整改", hi.Strength.OPTIONAL),
        ("全省通报", hi.Strength.OPTIONAL),
    ]
    for m in options:
        assert m.citation is not None and "等措施处置" in m.citation.text
    item = ledger.decide("F1", "rectify_within_deadline", by="省卫健委纠风办", on=D(2021, 7, 5),
                         kind=follow_up, note="限期30日")  # fmt: skip
    assert (item.measure.decided_by, item.measure.decided_on) == ("省卫健委纠风办", D(2021, 7, 5))
    assert item.history[0].date == D(2021, 7, 5) and item.history[0].by == "省卫健委纠风办"
    assert [m.code for m in ledger.options("F1", kind=follow_up)] == ["province_circular"]


def test_the_other_reading_of_the_disposal_clause_is_selectable() -> None:
    policy = hi.load_policy("jilin-2021", interpretations={"disposal-decision": "every-measure"})
    ledger = hi.Ledger(policy=policy)
    opened = ledger.add_finding(
        finding(found_on=D(2021, 7, 1), triggers=("rectification_required",)),
        kind=hi.VisitKind.FOLLOW_UP,
    )
    assert [i.measure.label for i in opened] == ["限期整改", "全省通报"]


def test_weihai_follow_up_is_an_option_as_needed(weihai_policy: hi.Policy) -> None:
    # 威卫办〔2024〕11号 四、(三): "要根据工作需要，对被巡查医疗机构组织巡查“回头看”"
    ledger = hi.Ledger(policy=weihai_policy)
    opened = ledger.add_finding(finding(triggers=("rectification_required",)))
    assert [i.measure.label for i in opened] == ["公示"]
    (option,) = ledger.options("F1")
    assert option.label == "回头看" and option.strength is hi.Strength.OPTIONAL


def test_the_jilin_circular_is_one_per_hospital_and_round(jilin_policy: hi.Policy) -> None:
    # 吉卫便函〔2021〕2号 一、(五): "形成《2021年度大型医院巡查情况通报》初步意见…以正式文件形式
    # 印发被巡查医院" — one 通报 per inspected hospital, not one per finding.
    ledger = hi.Ledger(policy=jilin_policy)
    regular = hi.VisitKind.REGULAR
    first = ledger.add_finding(finding(triggers=("rectification_required",)), kind=regular)
    second = ledger.add_finding(finding("F2", triggers=("rectification_required",)), kind=regular)
    other = ledger.add_finding(
        finding("F3", hospital="H002", triggers=("rectification_required",)), kind=regular
    )
    next_round = ledger.add_finding(
        finding("F4", round="2022", triggers=("rectification_required",)), kind=regular
    )
    assert [i.measure.code for i in first] == ["circular", "track_rectification"]
    assert second == ()
    assert [i.measure.code for i in other] == ["circular", "track_rectification"]
    assert [i.measure.code for i in next_round] == ["circular", "track_rectification"]
    circulars = [i for i in ledger.items if i.measure.code == "circular"]
    assert len(circulars) == 3
    assert all(i.measure.scope is hi.MeasureScope.HOSPITAL for i in circulars)


def test_weihai_self_inspection_is_checked_in_weihais_words() -> None:
    # 威卫办〔2024〕11号 四、(一) "组织开展全面自查";
    # 四、(二) "在医疗机构全面自查的基础上开展现场巡查"
    data = hi.sample_data("weihai")
    policy = hi.load_policy("weihai-2024-2026")
    plan = hi.schedule(data.hospitals[:1], data.experts, policy, authorities=data.authorities,
                       start=D(2025, 3, 3))  # fmt: skip
    visit = plan.visits[0]
    late = attrs.evolve(plan, visits=(attrs.evolve(visit, self_report_date=visit.first_day),))
    report = hi.check_plan(late, policy, hospitals=data.hospitals, experts=data.experts,
                           authorities=data.authorities)  # fmt: skip
    (issue,) = [i for i in report.issues if i.check == "self_report_late"]
    assert "全面自查" in issue.message
    assert "在医疗机构全面自查的基础上开展现场巡查" in issue.hint
    assert "自查报告" not in issue.message + issue.hint and "进驻前" not in issue.hint


def test_jilin_self_inspection_report_keeps_jilins_words() -> None:
    # 吉卫便函〔2021〕2号 四、: "在医院巡查进驻前提交自查报告至指定邮箱"
    policy = hi.load_policy("jilin-2021")
    (rule,) = [d.value for d in policy.deadlines() if d.value.event == "self_inspection_report"]
    assert "自查报告" in rule.description
    assert "进驻前" in rule.cite.text


def test_a_due_date_set_by_hand_is_marked(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    (item,) = ledger.add_finding(finding(triggers=("violation_clue",)))
    assert item.due is None
    dated = ledger.set_due(item.id, D(2025, 5, 1))
    assert dated.due is not None and dated.due.by_hand and dated.no_due is None
    assert ledger.overdue(D(2025, 5, 2))[0].days == 1
    assert ledger.reports_due(D(2025, 4, 1), within_days=60) == ()  # by hand: not a report


@settings(max_examples=40, deadline=None)
@given(
    triggers=st.lists(st.sampled_from(WEIHAI_TRIGGERS), min_size=1, max_size=3, unique=True),
    received=st.dates(D(2025, 3, 20), D(2025, 12, 31)),
)
def test_only_the_hospitals_report_gets_a_period_from_the_policy(
    triggers: list[str], received: dt.date
) -> None:
    policy = hi.load_policy("weihai-2024-2026")
    ledger = hi.Ledger(policy=policy)
    opened = ledger.add_finding(finding(triggers=tuple(triggers)))
    rules = {m.code: m for t in triggers for m in policy.measures(t).value}
    for item in opened:  # nothing optional opens by itself
        assert rules[item.measure.code].strength is hi.Strength.MANDATORY
    for option in ledger.options("F1"):
        assert rules[option.code].strength is not hi.Strength.MANDATORY
    ledger.record_feedback("H001", received)
    for item in ledger.items:
        if item.party is hi.Party.HOSPITAL:
            assert item.due is not None and item.due.date > received
        else:
            assert item.due is None and item.no_due is not None
