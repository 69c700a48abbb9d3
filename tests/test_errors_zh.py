# ruff: noqa: E501 - the English texts are kept on one line each, as the code printed them
"""Errors of the ledger, dates, policies, checks and validators carry their Chinese text.

Each case raises a :class:`~hospital_inspection.DataError` (or a subclass) on bad input: its
``str()`` is the English of before, byte for byte, and :func:`~hospital_inspection.i18n.error_text`
words it in Chinese, with no English sentence left (the rule of ``tests/cli/test_cli_zh.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection import _validate as v
from hospital_inspection.convert import from_json, structure
from hospital_inspection.dates.periods import days_before
from hospital_inspection.followup.briefing import briefing
from hospital_inspection.i18n import error_text
from tests.support.zh import english_runs

D = dt.date(2025, 3, 3)
POLICY = "weihai-2024-2026"


def _finding(**kw: object) -> hi.Finding:
    base: dict[str, object] = {
        "id": "WH001-1",
        "hospital": "WH001",
        "round": "2024-2026",
        "description": "x",
        "found_on": D,
        "found_by": "weihai",
    }
    return hi.Finding(**{**base, **kw})  # type: ignore[arg-type]


def _measure(**kw: object) -> hi.Measure:
    return hi.Measure(**{"code": "m", "label": "整改报告", **kw})  # type: ignore[arg-type]


def _opened() -> hi.StatusChange:
    return hi.StatusChange(status="待整改", date=D, by="医务科")


def _item(**kw: object) -> hi.RectificationItem:
    base: dict[str, object] = {
        "id": "WH001-1-1",
        "finding": "WH001-1",
        "measure": _measure(),
        "history": [_opened()],
    }
    return hi.RectificationItem(**{**base, **kw})  # type: ignore[arg-type]


def _policy() -> hi.Policy:
    return hi.load_policy(POLICY)


#: (id, a call that raises): each error the converted modules raise on bad input.
CASES: list[tuple[str, Callable[[], object]]] = [
    # followup
    ("ledger.next_finding_id", lambda: hi.Ledger().next_finding_id(" ")),
    ("ledger.add_finding", lambda: hi.Ledger().add_finding("WH001-1")),  # type: ignore[arg-type]
    ("ledger.add_finding measures", lambda: hi.Ledger().add_finding(_finding(), measures=["x"])),  # type: ignore[list-item]
    ("item.due", lambda: _item(due="2025-01-01")),
    (
        "item.due trigger",
        lambda: _item(due=hi.Deadline(date=D, rule="r", trigger=D + dt.timedelta(1))),
    ),
    ("item.history empty", lambda: _item(history=[])),
    (
        "item.history start",
        lambda: _item(history=[hi.StatusChange(status="整改中", date=D, by="x")]),
    ),
    ("measure.decided", lambda: _measure(decided_by="市卫健委")),
    ("item.new finding", lambda: hi.RectificationItem.new(id="i", finding="x", measure=_measure())),  # type: ignore[arg-type]
    ("item.new measure", lambda: hi.RectificationItem.new(id="i", finding=_finding(), measure="x")),  # type: ignore[arg-type]
    ("item.is_escalated", lambda: _item().is_escalated(D, after_days=-1)),
    ("ledger.reports_due", lambda: hi.Ledger().reports_due(D, within_days=-1)),
    (
        "briefing.round",
        lambda: briefing(hi.Ledger(), "WH001", as_of=D, policy=_policy(), round="1999"),
    ),
    ("briefing.problems", lambda: briefing(hi.Ledger(), "WH001", as_of=D, problems=["x"])),  # type: ignore[list-item]
    # dates
    ("period_end months", lambda: hi.period_end(D, -1)),
    ("period_end roll", lambda: hi.period_end(D, 1, roll_forward="yes")),  # type: ignore[arg-type]
    ("days_period_end days", lambda: hi.days_period_end(D, -1)),
    ("days_period_end working", lambda: hi.days_period_end(D, 1, working_days="yes")),  # type: ignore[arg-type]
    ("days_before", lambda: days_before(D, 0)),
    ("month_end", lambda: hi.month_end(2025, 13)),
    ("add_months", lambda: hi.add_months(dt.date(9999, 12, 1), 1)),
    (
        "arrangement weekday",
        lambda: hi.YearArrangement(year=2099, source="x", workdays=[dt.date(2099, 1, 5)]),
    ),
    (
        "arrangement year",
        lambda: hi.YearArrangement(year=2099, source="x", holidays=[dt.date(2098, 1, 1)]),
    ),
    (
        "arrangement both",
        lambda: hi.YearArrangement(
            year=2099, source="x", holidays=[dt.date(2099, 1, 3)], workdays=[dt.date(2099, 1, 3)]
        ),
    ),
    ("arrangement source", lambda: hi.YearArrangement(year=2099, source=" ")),
    ("calendar fallback", lambda: hi.ChinaOfficialCalendar(provisional_fallback="no")),  # type: ignore[arg-type]
    (
        "calendar twice",
        lambda: hi.ChinaOfficialCalendar(
            arrangements=[hi.YearArrangement(year=2099, source="x")] * 2
        ),
    ),
    ("deadline citation", lambda: hi.Deadline(date=D, rule="r", citation="x")),  # type: ignore[arg-type]
    ("deadline fields", lambda: hi.Deadline(date="2025-03-03", rule=1)),  # type: ignore[arg-type]
    ("deadline rolled", lambda: hi.Deadline(date=D, rule="r", rolled_from=D)),
    # policy
    ("policy.min_external_experts", lambda: _policy().min_external_experts(-1)),
    ("policy.rectification_due", lambda: _policy().rectification_due(D, roll_forward="yes")),  # type: ignore[arg-type]
    # compliance
    (
        "check_plan plan",
        lambda: hi.check_plan("x", POLICY, hospitals=[], experts=[], authorities=[]),  # type: ignore[arg-type]
    ),
    # validators and JSON
    ("require_date datetime", lambda: v.require_date(dt.datetime(2025, 1, 1, 9), "as_of")),
    ("require_int", lambda: v.require_int("1", "n")),
    ("require_bool", lambda: v.require_bool(1, "flag")),
    ("shift", lambda: v.shift(dt.date(9999, 12, 31), 1)),
    ("require_items", lambda: v.require_items([1], hi.Hospital, "hospitals")),
    ("from_json syntax", lambda: from_json('{"id": ', hi.StatusChange)),
    (
        "structure string",
        lambda: structure({"status": "待整改", "date": "2025-03-03", "by": 5}, hi.StatusChange),
    ),
    ("structure list", lambda: structure(5, list[hi.StatusChange])),
    # days off: a person's, a hospital's blackout days (dates, ranges, lists of them)
    ("unavailable date", lambda: _expert(unavailable=["2025-13-01"])),
    ("unavailable backwards", lambda: _expert(unavailable="2025-06-30..2025-06-01")),
    ("unavailable too long", lambda: _expert(unavailable="2020-01-01..2025-01-01")),
    ("unavailable not days", lambda: _expert(unavailable=5)),
    ("blackout", lambda: hi.HospitalMoves(hospital="WH001", blackout=["2025-06-01", "June"])),
]


def _expert(**kw: object) -> hi.Expert:
    return hi.Expert(id="E1", name="某", home_region="huancui", roles={"expert"}, **kw)  # type: ignore[arg-type]


#: ``str()`` of each case's error, as the code printed it before the errors carried Chinese.
ENGLISH: dict[str, str] = {
    "ledger.next_finding_id": "invalid data: hospital: ' ' is not a hospital id (a non-empty text)",
    "ledger.add_finding": "invalid data: 'WH001-1' is not a Finding",
    "ledger.add_finding measures": "invalid data: measures: 'x' is not a Measure",
    "item.due": "invalid data: RectificationItem.due: '2025-01-01' is not a Deadline or None",
    "item.due trigger": "invalid data: RectificationItem.due: 2025-03-03 is before its trigger 2025-03-04",
    "item.history empty": "invalid data: RectificationItem.history: is empty; expected at least the opening entry",
    "item.history start": "invalid data: RectificationItem.history: starts with 整改中; expected 待整改",
    "measure.decided": "invalid data: Measure.decided_on: give both decided_by and decided_on, or neither",
    "item.new finding": "invalid data: finding: 'x' is not a Finding",
    "item.new measure": "invalid data: measure: 'x' is not a Measure",
    "item.is_escalated": "invalid data: after_days: -1 is not a whole number of days >= 0",
    "ledger.reports_due": "invalid data: within_days: -1 is not a whole number of days >= 0",
    "briefing.round": "invalid data: round: '1999' is not a round of weihai-2024-2026; expected one of 2024-2026",
    "briefing.problems": "invalid data: problems: 'x' is not a Problem",
    "period_end months": "invalid data: months: -1; expected a period of 0 or more months",
    "period_end roll": "invalid data: roll_forward: 'yes'; expected True or False",
    "days_period_end days": "invalid data: days: -1; expected a period of 0 or more days",
    "days_period_end working": "invalid data: working_days: 'yes'; expected True or False",
    "days_before": "invalid data: days: 0; expected a whole number of days >= 1",
    "month_end": "invalid data: month 2025-13: expected a year 1-9999 and a month 1-12",
    "add_months": "invalid data: 9999-12-01 + 1 month(s) is outside the years 1-9999",
    "arrangement weekday": "invalid data in the 2099 arrangement: workdays: 2099-01-05 is a weekday; a make-up working day (调休) is a Saturday or Sunday",
    "arrangement year": "invalid data in the 2099 arrangement: holidays: 2098-01-01 is not in 2099; expected dates of 2099",
    "arrangement both": "invalid data in the 2099 arrangement: holidays and workdays: 2099-01-03 is in both; expected each day in at most one list",
    "arrangement source": "invalid data in the 2099 arrangement: source: missing; expected the notice's title and document number",
    "calendar fallback": "invalid data: provisional_fallback: 'no'; expected True or False",
    "calendar twice": "invalid data: arrangements: two arrangements for 2099; expected one per year",
    "deadline citation": "invalid data in Deadline: citation: 'x'; expected a Citation or None",
    "deadline fields": "invalid data in Deadline:\n  - date: '2025-03-03'; expected a datetime.date\n  - rule: 1; expected a rule id (str)",
    "deadline rolled": "invalid data in Deadline: rolled_from: 2025-03-03; expected a day before the date 2025-03-03",
    "policy.min_external_experts": "invalid data: n_experts: -1 is not a whole number >= 0",
    "policy.rectification_due": "invalid data: roll_forward: 'yes' is not true, false or None",
    "check_plan plan": "invalid data: plan: 'x' is not a Plan",
    "require_date datetime": "invalid data: as_of: datetime.datetime(2025, 1, 1, 9, 0) is a datetime; expected a datetime.date (call .date() on it, after converting to China time if it has a time zone)",
    "require_int": "invalid data: n: '1' is not an integer; expected an int",
    "require_bool": "invalid data: flag: 1 is not true or false",
    "shift": "invalid data: 9999-12-31 + 1 day(s) is outside the years 1-9999",
    "require_items": "invalid data: hospitals[0]: 1 is not a Hospital",
    "from_json syntax": "invalid data: not valid JSON: Expecting value: line 1 column 8 (char 7)",
    "structure string": "invalid data: statusChange.by: number 5 is not a string",
    "structure list": "invalid data: statusChanges: number 5 is not a list",
    "unavailable date": "invalid data: Expert.unavailable: '2025-13-01' is not a date; expected YYYY-MM-DD",
    "unavailable backwards": "invalid data: Expert.unavailable: '2025-06-30..2025-06-01': the range ends before it starts",
    "unavailable too long": "invalid data: Expert.unavailable: '2020-01-01..2025-01-01': a range of more than 1098 days",
    "unavailable not days": "invalid data: Expert.unavailable: 5 is not a date, a range or a list of them",
    "blackout": "invalid data: HospitalMoves.blackout: 'June' is not a date; expected YYYY-MM-DD",
}


@pytest.mark.parametrize(("name", "call"), CASES, ids=[name for name, _ in CASES])
def test_the_error_keeps_its_english_and_reads_in_chinese(
    name: str, call: Callable[[], object]
) -> None:
    with pytest.raises(hi.DataError) as caught:
        call()
    exc = caught.value
    assert str(exc) == ENGLISH[name]
    chinese = error_text(exc, "zh")
    assert chinese != str(exc)
    # the source names where the data came from (a file, or "the 2099 arrangement"): data here
    left = chinese.replace(exc.source, " ") if exc.source else chinese
    assert english_runs(left, Path("/nowhere")) == [], chinese
    assert error_text(exc, "en") == str(exc)


def test_every_case_is_listed_once() -> None:
    assert sorted(ENGLISH) == sorted(name for name, _ in CASES)
    assert len({name for name, _ in CASES}) == len(CASES)


def test_a_date_reads_as_an_office_writes_it() -> None:
    with pytest.raises(hi.DataError) as caught:
        _item(due=hi.Deadline(date=D, rule="r", trigger=D + dt.timedelta(1)))
    assert "2025年3月3日早于起算日2025年3月4日" in error_text(caught.value, "zh")


ENUMS = sorted(
    (c for c in vars(hi.enums).values()
     if isinstance(c, type) and issubclass(c, hi.enums.LabeledEnum) and c is not hi.enums.LabeledEnum),
    key=lambda c: c.__name__,
)  # fmt: skip


@pytest.mark.parametrize("enum", ENUMS, ids=lambda c: c.__name__)
def test_an_unknown_value_of_any_enumeration_reads_in_chinese(enum: type) -> None:
    """``parse`` of a value no member has: English as before (``unknown_message``), and in
    Chinese the accepted labels, with no English sentence; the same inside a field's error."""
    with pytest.raises(hi.DataError) as caught:
        enum.parse("四不像")  # type: ignore[attr-defined]
    assert str(caught.value) == "invalid data: " + enum.unknown_message("四不像")  # type: ignore[attr-defined]
    zh = error_text(caught.value, "zh")
    labels = ", ".join(m.label for m in enum)  # type: ignore[attr-defined]
    assert zh == f"数据有误：'四不像' 不是可选值，应为以下之一：{labels}"
    assert english_runs(zh.replace(labels, ""), Path("/nowhere")) == [], zh


def test_an_unknown_role_inside_a_person_reads_in_chinese() -> None:
    with pytest.raises(hi.DataError) as caught:
        hi.Expert(id="E1", name="某", home_region="huancui", roles={"boss"})
    assert "'boss' is not a role" in str(caught.value)
    assert "'boss' 不是可选值，应为以下之一：组长" in error_text(caught.value, "zh")


def test_a_policy_that_cannot_be_loaded_reads_in_chinese(tmp_path: Path) -> None:
    """An unknown policy id, a missing file, a file that is not TOML and a file that extends
    itself: English as before, Chinese with no English sentence of the library's own."""
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\nid = "x"\ntitle = \n', encoding="utf-8")
    unfinished = tmp_path / "unfinished.toml"
    unfinished.write_text('format = 1\nid = "x"\ntitle = "巡查', encoding="utf-8")
    looped = tmp_path / "loop.toml"
    looped.write_text(f'format = 1\nextends = "{looped}"\n', encoding="utf-8")
    cases = [
        ("weihai-2042", "no policy 'weihai-2042'; available: ", "没有政策 'weihai-2042'；可用的政策："),
        (str(tmp_path / "nope.toml"), "cannot be read: [Errno 2]", "nope.toml：文件不存在"),
        (str(broken), "not valid TOML: Invalid value (at line 3, column 9)",
         "broken.toml：不是有效的 TOML：第3行第9列有误"),
        (str(unfinished), "not valid TOML: Unterminated string (at end of document)",
         "unfinished.toml：不是有效的 TOML：文件到末尾时内容不完整（值、引号或括号未写完）"),
        (str(looped), "extends itself (cycle: ", "loop.toml：extends 引用了自身（循环："),
    ]  # fmt: skip
    for source, english, chinese in cases:
        with pytest.raises(hi.PolicyError) as caught:
            hi.load_policy(source)
        assert english in str(caught.value), str(caught.value)
        zh = error_text(caught.value, "zh")
        assert chinese in zh, zh
        assert english_runs(zh.replace(str(tmp_path), ""), Path("/nowhere")) == [], zh
