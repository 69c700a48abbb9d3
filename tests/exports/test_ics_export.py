"""The plan as an iCalendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection.exports import plan_to_ics, visit_uid, write_plan_ics

icalendar = pytest.importorskip("icalendar")


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_one_all_day_event_per_visit(plan: hi.Plan, lookups: dict[str, Any]) -> None:
    events = _events(plan_to_ics(plan, **lookups))
    assert len(events) == len(plan.visits)
    first = events[0]
    assert first.decoded("dtstart") == dt.date(2025, 4, 7)
    assert first.decoded("dtend") == dt.date(2025, 4, 14)  # exclusive: last_day + 1
    assert str(first["summary"]) == "大型医院巡查：威海市海鸥中心医院（虚构）"
    description = str(first["description"])
    assert "组长：徐某甲11" in description
    assert "专家：李某乙23、胡某乙33" in description
    assert "纠风办负责人：周某甲9" in description
    one_day = events[1]
    assert one_day.decoded("dtend") - one_day.decoded("dtstart") == dt.timedelta(days=1)


def test_calendar_header(plan: hi.Plan) -> None:
    cal = icalendar.Calendar.from_ical(plan_to_ics(plan))
    assert str(cal["version"]) == "2.0"
    assert str(cal["prodid"]).startswith("-//hospital_inspection//")


def test_uids_are_stable_and_distinct(plan: hi.Plan) -> None:
    uids = [str(e["uid"]) for e in _events(plan_to_ics(plan))]
    assert len(set(uids)) == len(uids)
    moved = hi.Plan(
        id=plan.id,
        policy=plan.policy,
        authority=plan.authority,
        visits=[
            hi.Visit(
                id=v.id,
                hospital=v.hospital,
                authority=v.authority,
                first_day=v.first_day + dt.timedelta(days=7),
                last_day=v.last_day + dt.timedelta(days=7),
            )
            for v in plan.visits
        ],
    )
    assert sorted(str(e["uid"]) for e in _events(plan_to_ics(moved))) == sorted(uids)
    other = hi.Plan(id="other", policy=plan.policy, authority=plan.authority, visits=plan.visits)
    assert visit_uid(other, plan.visits[0]) != visit_uid(plan, plan.visits[0])


def test_output_is_deterministic(plan: hi.Plan, lookups: dict[str, Any]) -> None:
    assert plan_to_ics(plan, **lookups) == plan_to_ics(plan, **lookups)
    events = _events(plan_to_ics(plan))
    assert events[0].decoded("dtstamp") == dt.datetime(2025, 4, 7, tzinfo=dt.UTC)


def test_stamp_and_sequence(plan: hi.Plan) -> None:
    stamp = dt.datetime(2025, 3, 1, 17, 30, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    event = _events(plan_to_ics(plan, stamp=stamp, sequence=2))[0]
    assert event.decoded("dtstamp") == dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert event.decoded("sequence") == 2
    with pytest.raises(hi.DataError, match="timezone-aware"):
        plan_to_ics(plan, stamp=dt.datetime(2025, 3, 1))
    with pytest.raises(hi.DataError, match="sequence"):
        plan_to_ics(plan, sequence=-1)


def test_write_plan_ics(tmp_path: Path, plan: hi.Plan) -> None:
    path = tmp_path / "plan.ics"
    write_plan_ics(plan, path)
    assert path.read_bytes() == plan_to_ics(plan)
