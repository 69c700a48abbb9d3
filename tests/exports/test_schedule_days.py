"""The schedule's days column says its unit and counts what the policy's rule counts (issue 12).

Weihai's minimum on-site time (威卫办〔2024〕11号 四、
"三级综合医院、中医医院巡查时间原则上不少于7天") is read as working days by default (interpretation
``day-unit``); 示例市's text says 个工作日 itself; 吉卫便函〔2021〕2号 sets no minimum, so its
schedule counts calendar days.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given

import hospital_inspection as hi
from hospital_inspection import testing as hit
from hospital_inspection.cli import main
from hospital_inspection.exports import (
    DAYS_CALENDAR,
    DAYS_WORKING,
    PLAN_HEADERS,
    plan_rows,
    plan_table,
    write_plan_csv,
)
from tests.support.extras import requires

D = dt.date
TERTIARY = hi.Hospital(
    id="T1",
    name="三级医院",
    level="三级",
    category="综合医院",
    ownership="公立",
    authority="weihai",
)
SECONDARY = hi.Hospital(
    id="S1",
    name="二级医院",
    level="二级",
    category="综合医院",
    ownership="公立",
    authority="weihai",
)


def _visit(vid: str, hospital: str, first: dt.date, last: dt.date) -> hi.Visit:
    return hi.Visit(id=vid, hospital=hospital, authority="weihai", first_day=first, last_day=last)


# Monday 2025-04-07 to Tuesday 2025-04-15: 9 calendar days, 7 working days (one weekend).
PLAN = hi.Plan(
    id="P",
    policy="weihai-2024-2026",
    authority="weihai",
    visits=[_visit("V1", "T1", D(2025, 4, 7), D(2025, 4, 15))],
)
# Friday 2025-09-26 to Tuesday 2025-09-30: Sunday 09-28 is a make-up working day (调休) of
# National Day 2025, Saturday 09-27 is not: 5 calendar days, 4 working days.
MAKE_UP = hi.Plan(
    id="P",
    policy="weihai-2024-2026",
    authority="weihai",
    visits=[_visit("V2", "S1", D(2025, 9, 26), D(2025, 9, 30))],
)


def _days(table: hi.exports.Table, header: str) -> list[object]:
    at = list(table.headers).index(header)
    return [row[at] for row in table.rows]


def test_without_a_policy_the_column_says_calendar_days() -> None:
    table = plan_table(PLAN)
    assert list(table.headers) == list(PLAN_HEADERS)
    assert DAYS_CALENDAR == "天数（自然日）" and DAYS_CALENDAR in table.headers
    assert _days(table, DAYS_CALENDAR) == [9]


def test_weihai_counts_the_working_days_its_rule_counts() -> None:
    wh = hi.load_policy("weihai-2024-2026")
    table = plan_table(PLAN, policy=wh, hospitals=[TERTIARY])
    assert wh.min_visit_days(TERTIARY).value == 7
    assert list(table.headers)[6] == DAYS_WORKING == "天数（工作日）"
    assert DAYS_CALENDAR not in table.headers
    assert _days(table, DAYS_WORKING) == [7]  # an int, the number the rule asks for
    # without the hospital, the policy's one unit for regular visits decides
    assert _days(plan_table(PLAN, policy=wh), DAYS_WORKING) == [7]


def test_the_working_days_follow_the_official_calendar_with_make_up_days() -> None:
    wh = hi.load_policy("weihai-2024-2026")
    assert _days(plan_table(MAKE_UP, policy=wh, hospitals=[SECONDARY]), DAYS_WORKING) == [4]
    # every day a working day: the working days are the calendar days
    every = plan_table(MAKE_UP, policy=wh, calendar=hi.CalendarDays())
    assert _days(every, DAYS_WORKING) == [5]


def test_the_calendar_days_reading_shows_calendar_days() -> None:
    literal = hi.load_policy("weihai-2024-2026", interpretations={"day-unit": "calendar-days"})
    table = plan_table(PLAN, policy=literal, hospitals=[TERTIARY])
    assert DAYS_WORKING not in table.headers
    assert _days(table, DAYS_CALENDAR) == [9]


def test_jilin_sets_no_minimum_and_shili_counts_working_days() -> None:
    jl = hi.load_policy("jilin-2021")
    assert jl.visit_day_units() == frozenset()
    assert _days(plan_table(PLAN, policy=jl), DAYS_CALENDAR) == [9]
    sl = hi.load_policy("example-shili-2025-2027")
    assert sl.visit_day_units() == frozenset({hi.DayUnit.WORKING})
    assert _days(plan_table(PLAN, policy=sl), DAYS_WORKING) == [7]


# A test policy (not a policy fact): Weihai with its 二级 rule counted in calendar days.
MIXED = """format = 1
id = "test-mixed-units"
title = "t"
document = "威卫办〔2024〕11号"
issuer = "i"
issued = 2024-09-06
extends = "weihai-2024-2026"

[rules.wh-days-5-secondary]
kind = "visit_days"
strength = "in_principle"
when = { levels = ["secondary"], categories = ["general"] }
days = 5
day_unit = "calendar"
cite = { clause = "四、", text = "三级专科医院、妇幼保健院和二级医院原则上不少于5天" }
"""


def test_a_plan_counted_in_both_units_shows_both_columns(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(MIXED, encoding="utf-8")
    mixed = hi.load_policy(path)
    plan = hi.Plan(
        id="P",
        policy="test-mixed-units",
        authority="weihai",
        visits=[*PLAN.visits, *MAKE_UP.visits],
    )
    table = plan_table(plan, policy=mixed, hospitals=[TERTIARY, SECONDARY])
    assert list(table.headers)[6:8] == [DAYS_CALENDAR, DAYS_WORKING]
    assert _days(table, DAYS_CALENDAR) == [9, 5]
    assert _days(table, DAYS_WORKING) == [7, 4]
    assert len(table.headers) == len(PLAN_HEADERS) + 1


@given(hit.plans())
def test_every_day_working_gives_the_calendar_days_under_each_header(plan: hi.Plan) -> None:
    wh = hi.load_policy("weihai-2024-2026")  # working days for regular visits, none otherwise
    table = plan_table(plan, policy=wh, calendar=hi.CalendarDays())
    ordered = plan.in_date_order()
    working = [wh.visit_day_units(kind=v.kind) == {hi.DayUnit.WORKING} for v in ordered]
    if not ordered:
        working = [True]  # an empty plan: the unit of regular visits
    expected = {DAYS_WORKING} if all(working) else {DAYS_CALENDAR}
    if any(working) and not all(working):
        expected = {DAYS_CALENDAR, DAYS_WORKING}
    assert {DAYS_CALENDAR, DAYS_WORKING} & set(table.headers) == expected
    for header in expected:  # every day a working day: both count the calendar days
        assert _days(table, header) == [v.calendar_days for v in ordered]
    rows = plan_rows(plan, policy=wh, calendar=hi.CalendarDays())
    out = io.StringIO()
    write_plan_csv(plan, out, policy=wh, calendar=hi.CalendarDays())
    assert list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff")))) == rows


def test_the_cli_schedule_says_its_unit_and_the_calendar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.csv"
    main(["schedule", "--demo", "--csv", str(out)])
    printed = capsys.readouterr().out
    assert DAYS_WORKING in printed and "天数 " not in printed
    assert "under China's official calendar" in printed and "调休" in printed
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert DAYS_WORKING in rows[0] and DAYS_CALENDAR not in rows[0]
    data = hi.sample_data("weihai")
    wh = hi.load_policy("weihai-2024-2026")
    by_name = {h.name: h for h in data.hospitals}
    for row in rows:  # every visit spans exactly its hospital's minimum, in working days
        assert int(row[DAYS_WORKING]) == wh.min_visit_days(by_name[row["医院"]]).value


@requires("openpyxl")
def test_the_chinese_cli_names_the_calendar_and_the_xlsx_keeps_ints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl

    path = tmp_path / "plan.xlsx"
    main(["schedule", "--demo", "--lang", "zh", "--xlsx", str(path)])
    printed = capsys.readouterr().out
    assert "天数（工作日）：自进驻之日至现场巡查结束之日的工作日数" in printed
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["G2"].value == DAYS_WORKING
    assert isinstance(ws["G3"].value, int) and ws["G3"].value in (5, 7)
