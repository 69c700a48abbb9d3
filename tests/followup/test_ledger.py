"""The ledger: measures from the policy, due dates, progress, and questions as of a date."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection import testing as hit

D = dt.date


def finding(fid: str = "F1", hospital: str = "H001", **kw: Any) -> hi.Finding:
    fields: dict[str, Any] = {
        "id": fid, "hospital": hospital, "round": "2025", "description": "问题描述",
        "found_on": D(2025, 11, 20), "found_by": "E01",
    }  # fmt: skip
    return hi.Finding(**(fields | kw))


# -- golden cases ------------------------------------------------------------------------------


def test_golden_jilin_clue_gets_clue_transfer_with_its_citation(jilin_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=jilin_policy)
    # 二、(六) "依法依规采取限期整改、全省通报、线索移交等措施处置": an option the authority decides
    assert ledger.add_finding(finding(triggers=("violation_clue",))) == ()
    (option,) = ledger.options("F1")
    item = ledger.decide("F1", option.code, by="省卫健委纠风办", on=D(2025, 11, 25))
    assert (item.measure.decided_by, item.measure.decided_on) == ("省卫健委纠风办", D(2025, 11, 25))
    assert item.opened_on == D(2025, 11, 25)
    assert item.measure.label == "线索移交"
    assert item.measure.trigger == "violation_clue"
    assert item.measure.policy == "jilin-2021"
    citation = item.measure.citation
    assert citation is not None
    assert (citation.document, citation.clause) == ("吉卫便函〔2021〕2号", "二、(六)")
    assert "限期整改、全省通报、线索移交" in citation.text


def test_golden_feedback_received_2025_12_31_is_due_2026_02_28(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    ledger.add_finding(finding(triggers=("rectification_required",)))
    (report,) = ledger.record_feedback("H001", D(2025, 12, 31))
    assert report.measure.label == "整改报告"
    assert (report.party, report.measure.received_by) == (
        hi.Party.HOSPITAL,
        hi.Party.SUPERIOR_AUTHORITY,
    )
    due = report.due
    assert due is not None
    # 2026-02-28 is a Saturday, but an official make-up working day (调休): no roll forward.
    assert (due.date, due.rolled_from) == (D(2026, 2, 28), None)
    assert due.trigger == D(2025, 12, 31)
    assert due.rule == "wh-rectification-report"
    assert due.citation is not None
    assert (due.citation.document, due.citation.clause) == ("威卫办〔2024〕11号", "四、(三)")
    assert "2个月内" in due.citation.text
    assert ledger.overdue(D(2026, 2, 28)) == ()
    assert [(o.item.id, o.days) for o in ledger.overdue(D(2026, 3, 1))] == [
        ("H001/2025/rectification_report", 1),
    ]


def test_a_last_day_in_the_national_day_holiday_rolls_forward(weihai_policy: hi.Policy) -> None:
    def received_on_08_01(**kw: Any) -> hi.DueDate | None:
        ledger = hi.Ledger(policy=weihai_policy)
        ledger.add_finding(finding(found_on=D(2025, 7, 20), triggers=("rectification_required",)))
        (first, *_) = ledger.record_feedback("H001", D(2025, 8, 1), **kw)
        return first.due

    rolled = received_on_08_01()
    assert rolled is not None
    assert (rolled.date, rolled.rolled_from) == (D(2025, 10, 9), D(2025, 10, 1))
    kept = received_on_08_01(roll_forward=False)
    assert kept is not None
    assert (kept.date, kept.rolled_from) == (D(2025, 10, 1), None)
    weekends = received_on_08_01(calendar=hi.CalendarDays(), roll_forward=True)
    assert weekends is not None
    assert weekends.date == D(2025, 10, 1)  # every day is a working day of CalendarDays
    with pytest.raises(hi.DataError, match="not both"):
        received_on_08_01(roll_forward=False, due=hi.DueDate(date=D(2025, 10, 1), rule="manual"))


# -- measures ----------------------------------------------------------------------------------


def test_weihai_measures_follow_the_triggers(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    got = {
        t: [i.measure.label for i in ledger.add_finding(finding(f"F-{t}", triggers=(t,)))]
        for t in ("violation_clue", "exemplary_practice", "leadership_mismanagement",
                  "risk_or_complaint")
    }  # fmt: skip
    assert got == {
        "violation_clue": ["移送违法违纪线索"],
        "exemplary_practice": ["总结、宣传、推广"],
        "leadership_mismanagement": ["按程序报告，作为领导班子考核、任用、评优的依据"],
        "risk_or_complaint": [],  # 四、(三) "可根据…组织开展专项检查和飞行检查": options
    }
    assert [m.label for m in ledger.options("F-risk_or_complaint")] == ["专项检查", "飞行检查"]


def test_each_measure_keeps_its_own_clause(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    (publicise,) = ledger.add_finding(finding(triggers=("rectification_required",)))
    (follow_up,) = ledger.options("F1")
    assert publicise.measure.citation is not None and follow_up.citation is not None
    assert "公示" in publicise.measure.citation.text
    assert "回头看" in follow_up.citation.text


def test_measures_of_a_kind_of_visit(jilin_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=jilin_policy)
    regular = ledger.add_finding(
        finding(triggers=("rectification_required",)), kind=hi.VisitKind.REGULAR
    )
    assert [i.measure.code for i in regular] == ["circular", "track_rectification"]
    follow_up = ledger.add_finding(
        finding("F2", triggers=("rectification_required",)), kind=hi.VisitKind.FOLLOW_UP
    )
    assert follow_up == ()  # 二、(六): options the authority decides
    options = ledger.options("F2", kind=hi.VisitKind.FOLLOW_UP)
    assert [m.label for m in options] == ["限期整改", "全省通报"]
    # 一、(五): one 《情况通报》 per hospital and round, already opened with F1
    every = ledger.add_finding(finding("F3", triggers=("rectification_required",)))
    assert every == ()


def test_a_trigger_the_policy_lacks_changes_nothing(jilin_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=jilin_policy)
    with pytest.raises(hi.RuleNotInPolicy):
        ledger.add_finding(finding(triggers=("violation_clue", "exemplary_practice")))
    assert ledger.findings == ()
    assert ledger.items == ()


def test_measures_by_hand(jilin_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=jilin_policy)
    ledger.add_finding(finding(triggers=("rectification_required",)), kind=hi.VisitKind.REGULAR)
    manual = hi.Measure(code="province_circular", label="全省通报", note="经委党组研究")
    item = ledger.add_measure("F1", manual, on=D(2025, 12, 2), by="纠风办", responsible="院办")
    assert item.id == "F1-3"
    assert item.measure.by_hand
    assert item.opened_on == D(2025, 12, 2)
    with pytest.raises(hi.DataError, match="no finding"):
        ledger.add_measure("F9", manual)


def test_triggers_need_a_policy_and_the_right_one(
    jilin_policy: hi.Policy, weihai_policy: hi.Policy
) -> None:
    ledger = hi.Ledger()
    with pytest.raises(hi.PolicyError, match="needs a policy"):
        ledger.add_finding(finding(triggers=("violation_clue",)))
    ledger.add_finding(finding(triggers=("violation_clue",)), policy=jilin_policy)
    assert ledger.policy_id == "jilin-2021"
    with pytest.raises(hi.PolicyError, match="follows policy 'jilin-2021'"):
        ledger.add_finding(finding("F2", triggers=("violation_clue",)), policy=weihai_policy)
    with pytest.raises(hi.RuleNotInPolicy):
        ledger.record_feedback("H001", D(2025, 12, 31), policy=jilin_policy)
    with pytest.raises(hi.ConflictError, match="already in the ledger"):
        ledger.add_finding(finding())


# -- feedback and progress ---------------------------------------------------------------------


def test_feedback_applies_to_items_waiting_for_a_due_date(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    ledger.add_finding(finding(triggers=("rectification_required",)))
    ledger.add_finding(finding("F2", hospital="H002", triggers=("rectification_required",)))
    assert len(ledger.record_feedback("H001", D(2025, 12, 31))) == 1
    with pytest.raises(hi.DataError, match="waiting for its 整改报告"):
        ledger.record_feedback("H001", D(2026, 1, 5))
    with pytest.raises(hi.DataError, match="before finding"):
        ledger.record_feedback("H002", D(2025, 11, 1))
    with pytest.raises(hi.DataError, match="belongs to 'H001'"):
        ledger.record_feedback("H002", D(2025, 12, 31), items=["F1-1"])
    with pytest.raises(hi.DataError, match="not a date"):
        ledger.record_feedback("H002", "2025-12-31")  # type: ignore[arg-type]


def test_progress_and_the_questions_as_of_a_date(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    ledger.add_finding(finding(triggers=("rectification_required",)))
    ledger.add_finding(finding("F2", hospital="H002", triggers=("violation_clue",)))
    ledger.record_feedback("H001", D(2025, 12, 31))
    ledger.record_feedback("H002", D(2026, 1, 15))
    r1, r2 = "H001/2025/rectification_report", "H002/2025/rectification_report"
    ledger.record_progress(r1, "整改中", on=D(2026, 1, 10), by="医务科")
    ledger.record_progress(r1, hi.ItemStatus.RECTIFIED, on=D(2026, 2, 20), by="医务科")
    with pytest.raises(hi.DataError, match="never go backwards"):
        ledger.record_progress(r1, "verified", on=D(2026, 2, 1), by="市卫健委")

    assert [i.id for i in ledger.open_items(D(2026, 1, 1))] == ["F1-1", "F2-1", r1]
    assert [i.id for i in ledger.open_items(D(2026, 3, 1))] == ["F1-1", "F2-1", r2]
    assert [i.id for i in ledger.open_items(D(2025, 11, 1))] == []

    # H002: received 2026-01-15, two months end on Sunday 2026-03-15, rolled to Monday 03-16.
    due_h002 = ledger.item(r2).due
    assert due_h002 == hi.DueDate.of(weihai_policy.rectification_due(D(2026, 1, 15)).value)
    assert (due_h002.date, due_h002.rolled_from) == (D(2026, 3, 16), D(2026, 3, 15))
    # the authority's measures have no due date: no document sets one
    assert ledger.item("F2-1").due is None
    assert (
        ledger.item("F2-1").no_due
        == "威卫办〔2024〕11号 五、(四) sets no period for 移送违法违纪线索"
    )
    ledger.set_due("F1-1", D(2026, 3, 31))
    assert ledger.item("F1-1").due.by_hand  # type: ignore[union-attr]
    overdue = ledger.overdue(D(2026, 4, 20))
    assert [(o.item.id, o.days, o.finding.hospital) for o in overdue] == [
        (r2, 35, "H002"),
        ("F1-1", 20, "H001"),
    ]
    assert [o.item.id for o in ledger.escalated(D(2026, 4, 20))] == [r2]
    assert [o.item.id for o in ledger.escalated(D(2026, 4, 20), after_days=10)] == [r2, "F1-1"]
    assert [o.item.id for o in ledger.escalated(D(2026, 4, 20), after_days=60)] == []

    reports = ledger.reports_due(D(2026, 2, 1), within_days=30)
    assert [(r.hospital, r.due.date, len(r.items)) for r in reports] == [
        ("H001", D(2026, 2, 28), 1)
    ]
    assert [r.hospital for r in ledger.reports_due(D(2026, 2, 1), within_days=60)] == [
        "H001",
        "H002",
    ]
    with pytest.raises(hi.DataError, match="within_days"):
        ledger.reports_due(D(2026, 2, 1), within_days=-1)

    ledger.record_progress(r1, "verified", on=D(2026, 3, 1), by="市卫健委")
    candidates = ledger.follow_up_candidates(D(2026, 4, 20))
    assert [(c.hospital, c.overdue, c.unverified) for c in candidates] == [
        ("H002", 1, 2),
        ("H001", 1, 1),
    ]
    ledger.record_progress("F1-1", "rectified", on=D(2026, 4, 21), by="医务科")
    later = ledger.follow_up_candidates(D(2026, 4, 22))
    assert [(c.hospital, c.overdue, c.unverified) for c in later] == [
        ("H002", 1, 2),
        ("H001", 0, 1),
    ]


def test_upcoming_district_report_deadlines(weihai_policy: hi.Policy) -> None:
    ledger = hi.Ledger(policy=weihai_policy)
    coming = ledger.upcoming_deadlines(D(2025, 11, 25), within_days=30)
    assert [(d.id, d.due.date, d.days_left) for d in coming] == [
        ("wh-report-2025", D(2025, 12, 20), 25)
    ]
    assert coming[0].description.startswith("区市 2025 annual")
    assert coming[0].due.citation is not None
    assert "2025年12月20日" in coming[0].due.citation.text
    whole = ledger.upcoming_deadlines(D(2024, 1, 1), within_days=1100)
    assert [(d.id, d.due.date) for d in whole] == [
        ("wh-report-2024", D(2024, 12, 20)),
        ("wh-report-2025", D(2025, 12, 20)),
        ("wh-report-cycle", D(2026, 10, 20)),
        ("wh-round-end", D(2026, 10, 31)),
    ]  # the self-inspection (before the visit) and the rectification period have no fixed day


def test_html_repr_escapes() -> None:
    ledger = hi.Ledger()
    ledger.add_finding(finding(description="<script>alert(1)</script>"))
    ledger.add_measure("F1", hi.Measure(code="m", label="整改&公示"))
    html = ledger._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "整改&amp;公示" in html
    assert repr(ledger) == "<Ledger 1 findings, 1 items>"


# -- properties --------------------------------------------------------------------------------


@given(hit.ledgers())
def test_json_round_trip_of_a_random_ledger_is_exact(ledger: hi.Ledger) -> None:
    again = hi.Ledger.from_json(ledger.to_json())
    assert again == ledger
    assert again.snapshot() == ledger.snapshot()
    assert again.to_json() == ledger.to_json()


@given(hit.ledgers(), st.dates(D(2025, 1, 1), D(2026, 12, 31)), st.integers(0, 400))
def test_overdue_is_monotonic_until_rectified(ledger: hi.Ledger, d1: dt.date, gap: int) -> None:
    d2 = d1 + dt.timedelta(days=gap)
    for item in ledger.items:
        done = [c.date for c in item.history if c.status.is_done]
        if done and done[0] <= d2:
            continue  # rectified by d2: monotonicity is only claimed until then
        if item.is_overdue(d1):
            assert item.is_overdue(d2)
            assert item.days_overdue(d2) == item.days_overdue(d1) + gap
    overdue_1 = {o.item.id for o in ledger.overdue(d1)}
    overdue_2 = {o.item.id for o in ledger.overdue(d2)}
    rectified = {
        i.id for i in ledger.items if any(c.status.is_done and c.date <= d2 for c in i.history)
    }
    assert overdue_1 - rectified <= overdue_2


def test_json_errors_name_the_path() -> None:
    with pytest.raises(hi.DataError, match=r"(?s)ledger JSON.*items\[0\]\.finding"):
        hi.Ledger.from_json('{"findings": [], "items": [{"id": "x"}]}')
    with pytest.raises(hi.DataError, match="no finding"):
        hi.Ledger.from_json(
            hi.to_json(hi.LedgerSnapshot(items=(hi.RectificationItem.new(
                id="F1-1", finding=finding(), measure=hi.Measure(code="m", label="l")),)))
        )  # fmt: skip
