"""A plan as the office's schedule (巡查时间表): one row per visit, Chinese column headers.

The days column says what it counts. Given the policy, it counts what the policy's visit-days
rule counts: ``天数（工作日）``, working days under the calendar (China's official calendar by
default: statutory holidays off, 调休 make-up weekends working), or ``天数（自然日）``, calendar
days, both ends included. Without a policy it is ``天数（自然日）``.

>>> import datetime as dt
>>> import hospital_inspection as hi
>>> plan = hi.Plan(id="P1", policy="weihai-2024-2026", authority="weihai", visits=[
...     hi.Visit(id="V1", hospital="WH001", authority="weihai",
...              first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 15),
...              team=[hi.Member(person="WE011", role="组长"), hi.Member(person="WE023")]),
... ])
>>> names = hi.sample_data("weihai").names
>>> row = plan_rows(plan, names=names)[0]
>>> row["医院"], row["级别"], row["进驻日期"], row["天数（自然日）"], row["组长"], row["组员"]
('威海市海鸥中心医院（虚构）', '三级甲等', '2025-04-07', '9', '徐某甲11', '李某乙23')
>>> policy = hi.load_policy("weihai-2024-2026")  # 三级: 原则上不少于7天, read as working days
>>> plan_table(plan, names=names, policy=policy).headers[6]
'天数（工作日）'
>>> plan_rows(plan, names=names, policy=policy)[0]["天数（工作日）"]
'7'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Unpack

from hospital_inspection._table import Cell, Table
from hospital_inspection.enums import DayUnit, VisitKind
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan, Visit

if TYPE_CHECKING:
    from hospital_inspection.dates.calendars import WorkCalendar
    from hospital_inspection.policy import Policy

__all__ = [
    "DAYS_CALENDAR",
    "DAYS_WORKING",
    "PLAN_HEADERS",
    "PLAN_SHEET",
    "PLAN_TITLE",
    "plan_rows",
    "plan_table",
]

#: Header of the days column counting calendar days, both ends included.
DAYS_CALENDAR = "天数（自然日）"

#: Header of the days column counting working days under the plan's calendar (调休 counted).
DAYS_WORKING = "天数（工作日）"

#: Column headers of a plan's schedule (巡查时间表), in order, without a policy; with one, the
#: days column is the one the policy's visit-days rules count (see :func:`plan_table`).
PLAN_HEADERS: tuple[str, ...] = (
    "序号",
    "医院",
    "级别",
    "巡查单位",
    "进驻日期",
    "结束日期",
    DAYS_CALENDAR,
    "组长",
    "组员",
    "类型",
    "方式",
)

#: Sheet name of a plan's schedule in ``.xlsx``.
PLAN_SHEET = "巡查时间表"

#: The title of a plan's schedule (巡查时间表) in files and calendars.
PLAN_TITLE = "大型医院巡查时间表"


def plan_table(
    plan: Plan,
    *,
    names: Names | None = None,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    **lookups: Unpack[Lookups],
) -> Table:
    """The plan as a schedule (巡查时间表): one row per visit, columns :data:`PLAN_HEADERS`.

    Rows are ordered by first day, then hospital id, then visit id. Cells keep their types
    (序号 and the days are ints, the dates are dates). Without ``hospitals`` the 医院 column shows
    ids and 级别 is empty; without ``experts`` the team shows ids; without ``authorities`` the
    巡查单位 column shows ids. 组员 lists everyone but the leader, roles other than 专家 in
    brackets, e.g. ``李某、周某（纠风办负责人）``.

    The days column counts what the policy's minimum-days rule counts, and its header says so:
    :data:`DAYS_WORKING` (``天数（工作日）``), the working days from the first to the last
    on-site day under ``calendar``, or :data:`DAYS_CALENDAR` (``天数（自然日）``), the calendar
    days, both ends included. A visit's unit is its hospital's (``policy.min_visit_days``) when
    ``names`` knows the hospital, else the one unit of the policy's visit-days rules for the
    visit's kind (for a plan without visits, of regular visits); without a policy, or when
    neither says, calendar days. A plan whose visits count in both units gets both columns.

    Args:
        plan: the plan.
        names: a :class:`~hospital_inspection.Names` directory, for names and ratings.
        policy: the policy the plan follows, for the days column's unit.
        calendar: the working-day calendar (default: China's official calendar, 调休 included);
            used only for working days.
        **lookups: the older ``hospitals=``, ``experts=``, ``authorities=`` keywords (an
            iterable of objects or a mapping by id), added to ``names``.

    Raises:
        CalendarCoverageError: working days are counted in a year the calendar has no data for.
    """
    names = Names.resolve(names, **lookups)
    visits = plan.in_date_order()
    units = [_unit(v, names, policy) for v in visits] or [_kind_unit(VisitKind.REGULAR, policy)]
    headers = list(PLAN_HEADERS)
    at = headers.index(DAYS_CALENDAR)
    shown = {u for u in DayUnit if u in units}  # both: calendar days, then working days
    if shown == {DayUnit.WORKING}:
        headers[at] = DAYS_WORKING
    elif len(shown) == 2:
        headers.insert(at + 1, DAYS_WORKING)
    if DayUnit.WORKING in shown and calendar is None:
        from hospital_inspection.dates.calendars import ChinaOfficialCalendar

        calendar = ChinaOfficialCalendar()
    rows: list[list[Cell]] = []
    for n, v in enumerate(visits, start=1):
        days: list[Cell] = []
        if DayUnit.CALENDAR in shown:
            days.append(v.calendar_days)
        if DayUnit.WORKING in shown:
            assert calendar is not None
            days.append(calendar.count_working_days(v.first_day - dt.timedelta(days=1), v.last_day))
        rows.append(
            [
                n,
                names.hospital(v.hospital),
                names.rating(v.hospital),
                names.authority(v.authority),
                v.first_day,
                v.last_day,
                *days,
                names.person(v.leader),
                names.members(v),
                v.kind.label,
                v.mode.label,
            ]
        )
    return Table(headers=headers, rows=rows)


def _unit(visit: Visit, names: Names, policy: Policy | None) -> DayUnit:
    """The unit the policy counts ``visit``'s on-site days in (calendar days when it cannot say)."""
    if policy is None:
        return DayUnit.CALENDAR
    h = names.hospitals.get(visit.hospital)
    if h is not None:
        try:
            found = policy.min_visit_days(h, kind=visit.kind).unit
        except (RuleNotInPolicy, DataError):
            found = None
        if found is not None:
            return found
    return _kind_unit(visit.kind, policy)


def _kind_unit(kind: VisitKind, policy: Policy | None) -> DayUnit:
    """The one unit of the policy's visit-days rules for ``kind``, else calendar days."""
    units = policy.visit_day_units(kind=kind) if policy is not None else frozenset()
    return next(iter(units)) if len(units) == 1 else DayUnit.CALENDAR


def plan_rows(
    plan: Plan,
    *,
    names: Names | None = None,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    **lookups: Unpack[Lookups],
) -> list[dict[str, str]]:
    """The plan's schedule as ``{header: text}`` dicts, one per visit (see :func:`plan_table`).

    >>> import datetime as dt, hospital_inspection as hi
    >>> plan = hi.Plan(id="P1", policy="p", authority="A", visits=[hi.Visit(
    ...     id="V1", hospital="H1", authority="A",
    ...     first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 9))])
    >>> plan_rows(plan)[0]["结束日期"], plan_rows(plan)[0]["类型"]
    ('2025-04-09', '常规巡查')
    """
    table = plan_table(plan, names=names, policy=policy, calendar=calendar, **lookups)
    return table.as_dicts()
