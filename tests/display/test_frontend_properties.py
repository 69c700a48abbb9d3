"""Properties of the exports over generated plans."""

from __future__ import annotations

import csv
import datetime as dt
import io

from hypothesis import given

import hospital_inspection as hi
from hospital_inspection import testing as hit
from hospital_inspection.exports import (
    DAYS_CALENDAR,
    plan_rows,
    plan_to_ics,
    visit_uid,
    write_plan_csv,
)
from hospital_inspection.exports.frames import plan_to_frame
from tests.support.extras import requires


@requires("pandas")
@given(hit.plans())
def test_csv_has_one_row_per_visit(plan: hi.Plan) -> None:
    out = io.StringIO()
    write_plan_csv(plan, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert len(rows) == len(plan.visits)
    assert rows == plan_rows(plan)
    # The schedule shows no visit ids (an office does not print them); every visit is there as
    # its hospital and dates. The DataFrame is indexed by visit id.
    assert sorted((r["医院"], r["进驻日期"], r["结束日期"]) for r in rows) == sorted(
        (v.hospital, v.first_day.isoformat(), v.last_day.isoformat()) for v in plan.visits
    )
    assert sorted(plan_to_frame(plan).index) == sorted(v.id for v in plan.visits)


@given(hit.plans())
def test_every_visit_is_a_row(plan: hi.Plan) -> None:
    rows = plan_rows(plan)
    assert [int(r["序号"]) for r in rows] == list(range(1, len(plan.visits) + 1))
    ordered = sorted(plan.visits, key=lambda v: (v.first_day, v.hospital, v.id))
    assert [r["进驻日期"] for r in rows] == [v.first_day.isoformat() for v in ordered]
    assert [r[DAYS_CALENDAR] for r in rows] == [str(v.calendar_days) for v in ordered]


@given(hit.plans())
@requires("icalendar")
def test_ics_round_trips_event_count_and_dates(plan: hi.Plan) -> None:
    import icalendar

    data = plan_to_ics(plan)
    assert data == plan_to_ics(plan)
    events = list(icalendar.Calendar.from_ical(data).walk("VEVENT"))
    assert len(events) == len(plan.visits)
    assert {str(e["uid"]) for e in events} == {visit_uid(plan, v) for v in plan.visits}
    spans = sorted((e.decoded("dtstart"), e.decoded("dtend")) for e in events)
    one_day = dt.timedelta(days=1)
    assert spans == sorted((v.first_day, v.last_day + one_day) for v in plan.visits)
