"""A plan as the office's schedule (巡查时间表): one row per visit, Chinese column headers.

>>> import datetime as dt
>>> import hospital_inspection as hi
>>> plan = hi.Plan(id="P1", policy="weihai-2024-2026", authority="weihai", visits=[
...     hi.Visit(id="V1", hospital="WH001", authority="weihai",
...              first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 13),
...              team=[hi.Member(person="WE011", role="组长"), hi.Member(person="WE023")]),
... ])
>>> row = plan_rows(plan, names=hi.sample_data("weihai").names)[0]
>>> row["医院"], row["级别"], row["进驻日期"], row["天数"], row["组长"], row["组员"]
('威海市海鸥中心医院（虚构）', '三级甲等', '2025-04-07', '7', '徐某甲11', '李某乙23')
"""

from __future__ import annotations

from typing import Unpack

from hospital_inspection._table import Cell, Table
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan

__all__ = ["PLAN_HEADERS", "PLAN_SHEET", "PLAN_TITLE", "plan_rows", "plan_table"]

#: Column headers of a plan's schedule (巡查时间表), in order.
PLAN_HEADERS: tuple[str, ...] = (
    "序号",
    "医院",
    "级别",
    "巡查单位",
    "进驻日期",
    "结束日期",
    "天数",
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
    **lookups: Unpack[Lookups],
) -> Table:
    """The plan as a schedule (巡查时间表): one row per visit, columns :data:`PLAN_HEADERS`.

    Rows are ordered by first day, then hospital id, then visit id. Cells keep their types
    (序号 and 天数 are ints, the dates are dates). Without ``hospitals`` the 医院 column shows ids
    and 级别 is empty; without ``experts`` the team shows ids; without ``authorities`` the
    巡查单位 column shows ids. 组员 lists everyone but the leader, roles other than 专家 in
    brackets, e.g. ``李某、周某（纠风办负责人）``. 天数 is the visit's calendar days, both ends
    included, as stored in the plan.

    Args:
        plan: the plan.
        names: a :class:`~hospital_inspection.Names` directory, for names and ratings.
        **lookups: the older ``hospitals=``, ``experts=``, ``authorities=`` keywords (an
            iterable of objects or a mapping by id), added to ``names``.
    """
    names = Names.resolve(names, **lookups)
    rows: list[list[Cell]] = [
        [
            n,
            names.hospital(v.hospital),
            names.rating(v.hospital),
            names.authority(v.authority),
            v.first_day,
            v.last_day,
            v.calendar_days,
            names.person(v.leader),
            names.members(v),
            v.kind.label,
            v.mode.label,
        ]
        for n, v in enumerate(plan.in_date_order(), start=1)
    ]
    return Table(headers=PLAN_HEADERS, rows=rows)


def plan_rows(
    plan: Plan,
    *,
    names: Names | None = None,
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
    table = plan_table(plan, names=names, **lookups)
    return table.as_dicts()
