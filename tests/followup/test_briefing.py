"""A visit's briefing (带着问题) and the 回头看 that knows the round it looks back on."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import testing as hit
from hospital_inspection.followup.briefing import briefing

D = dt.date


def finding(fid: str, hospital: str = "JL01", **kw: Any) -> hi.Finding:
    fields: dict[str, Any] = {
        "id": fid, "hospital": hospital, "round": "2020", "description": f"问题{fid}",
        "found_on": D(2020, 10, 1), "found_by": "巡查组",
    }  # fmt: skip
    return hi.Finding(**(fields | kw))


def test_jilin_follow_up_looks_back_on_the_2020_round(jilin_policy: hi.Policy) -> None:
    # 吉卫便函〔2021〕2号 二、(四) "对首轮本级委属委管医院…开展机动巡查工作";
    # 二、(五)1. "2020年大型医院巡查过程中发现的问题整改落实情况" — the first focus point.
    (follow_up,) = [r for r in jilin_policy.rounds if r.kind is hi.VisitKind.FOLLOW_UP]
    assert follow_up.looks_back_on == "2020"
    ledger = hi.Ledger(policy=jilin_policy)
    manual = [hi.Measure(code="manual", label="限期整改")]
    ledger.add_finding(finding("JL01-1"), measures=manual)
    ledger.add_finding(finding("JL01-2"), measures=manual)
    ledger.record_progress("JL01-1-1", "已整改", on=D(2020, 12, 1), by="医务科")
    ledger.add_finding(finding("JL01-3", round="2021", found_on=D(2021, 5, 1)), measures=manual)
    ledger.add_finding(finding("JL02-1", hospital="JL02"), measures=manual)
    b = ledger.briefing("JL01", as_of=D(2021, 7, 1), round=follow_up.id)
    assert b.looks_back_on == "2020"
    looked_back = b.of("上轮巡查问题")
    # every 2020 finding, rectified or not: the 回头看 checks how each was rectified
    assert [e.reference for e in looked_back] == ["JL01-1", "JL01-2"]
    assert b.entries[: len(looked_back)] == looked_back  # first
    assert [e.reference for e in b.of("整改台账")] == ["JL01-3"]  # open, of another round
    assert all(e.reference != "JL02-1" for e in b.entries)
    assert [c.clause for c in b.citations] == ["二、(四)"]
    regular = ledger.briefing("JL01", as_of=D(2021, 7, 1), round="2021")
    assert regular.looks_back_on is None and regular.of("上轮巡查问题") == ()


def test_weihai_briefing_brings_the_ledger_and_the_other_sources(
    weihai_policy: hi.Policy,
) -> None:
    # 威卫办〔2024〕11号 五、(二) "要带着问题开展巡查，结合对医院党委的巡察反馈、医院等级评审情况、
    # 卫生监督处罚情况、医保基金检查情况等"
    ledger = hi.Ledger(policy=weihai_policy)
    ledger.add_finding(
        finding("WH001-1", hospital="WH001", round="2024-2026", found_on=D(2025, 3, 20),
                description="未建立整改台账", triggers=("rectification_required",))
    )  # fmt: skip
    ledger.record_feedback("WH001", D(2025, 4, 1))
    problems = [
        hi.Problem(
            source="巡察反馈", description="党委会议事规则不健全", reference="巡察〔2025〕1号"
        ),
        hi.Problem(source=hi.ProblemSource.MEDICAL_INSURANCE, description="超标准收费"),
        hi.Problem(source="卫生监督处罚", description="未按规定处置医疗废物"),
        hi.Problem(source="等级评审", description="核心制度落实不到位"),
    ]
    b = ledger.briefing("WH001", as_of=D(2025, 9, 1), round="2024-2026", problems=problems)
    assert [(e.source.label, e.reference) for e in b.entries] == [
        ("整改台账", "WH001-1"),
        ("逾期未完成", "WH001/2024-2026/rectification_report"),
        ("巡察反馈", "巡察〔2025〕1号"),
        ("医保基金检查", None),
        ("卫生监督处罚", None),
        ("等级评审", None),
    ]
    overdue = b.of("逾期未完成")[0]
    assert overdue.party is hi.Party.HOSPITAL and overdue.days_overdue == 90  # due 06-03
    assert [c.clause for c in b.citations] == ["五、(二)"]
    assert "带着问题" in b.citations[0].text


def test_bad_input_names_the_field(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    with pytest.raises(hi.DataError, match=r"round: '2099' is not a round of weihai-2024-2026"):
        ledger.briefing("WH001", as_of=D(2025, 9, 1), round="2099")
    with pytest.raises(hi.DataError, match="problems"):
        briefing(ledger, "WH001", as_of=D(2025, 9, 1), problems=["超标准收费"])  # type: ignore[list-item]
    with pytest.raises(hi.DataError, match="source"):
        hi.Problem(source="小道消息", description="x")


@given(hit.ledgers(), st.dates(D(2025, 1, 1), D(2026, 12, 31)))
def test_a_briefing_brings_every_open_finding_of_the_hospital_and_nothing_else(
    ledger: hi.Ledger, as_of: dt.date
) -> None:
    for hospital in {f.hospital for f in ledger.findings}:
        b = ledger.briefing(hospital, as_of=as_of)
        open_findings = {
            i.finding for i in ledger.open_items(as_of)
            if ledger.finding(i.finding).hospital == hospital
        }  # fmt: skip
        assert {e.reference for e in b.of("整改台账")} == open_findings
        overdue = {o.item.id for o in ledger.overdue(as_of) if o.finding.hospital == hospital}
        assert {e.reference for e in b.of("逾期未完成")} == overdue
