"""Plans (and tables) as pandas DataFrames, for analysis (extra ``pandas``).

:func:`plan_to_frame` gives one row per visit, indexed by visit id, with machine-friendly
columns: ids and stable English codes (``kind``, ``mode``, ``role``), dates as ``datetime64``,
plus name columns when the hospitals, experts or authorities are given. For the Chinese-headed
schedule an office prints, use :func:`table_to_frame` on
:func:`~hospital_inspection.exports.plan_table`.

>>> import datetime as dt, hospital_inspection as hi
>>> plan = hi.Plan(id="P1", policy="p", authority="A", visits=[hi.Visit(
...     id="V1", hospital="H1", authority="A",
...     first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 9))])
>>> frame = plan_to_frame(plan)
>>> int(frame.loc["V1", "days"]), str(frame["first_day"].dtype).startswith("datetime64")
(3, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hospital_inspection._extras import require
from hospital_inspection._names import Lookup, Names
from hospital_inspection.authorities import Authority
from hospital_inspection.exports import Table
from hospital_inspection.hospitals import Hospital
from hospital_inspection.people import Expert
from hospital_inspection.visits import Plan

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

__all__ = ["PLAN_COLUMNS", "plan_to_frame", "table_to_frame"]

#: Columns of :func:`plan_to_frame`, in order (the ``*_name`` and ``rating`` columns only when
#: the matching objects are given).
PLAN_COLUMNS: tuple[str, ...] = (
    "hospital",
    "hospital_name",
    "rating",
    "authority",
    "authority_name",
    "first_day",
    "last_day",
    "days",
    "leader",
    "leader_name",
    "team",
    "team_size",
    "kind",
    "mode",
    "self_report_date",
)


def _pandas() -> Any:
    return require("pandas", feature="DataFrames", extra="pandas")


def plan_to_frame(
    plan: Plan,
    *,
    hospitals: Lookup[Hospital] | None = None,
    experts: Lookup[Expert] | None = None,
    authorities: Lookup[Authority] | None = None,
) -> pd.DataFrame:
    """The plan as a DataFrame: one row per visit, indexed by visit id (extra ``pandas``).

    Rows are ordered as in the schedule (first day, hospital id, visit id). ``first_day``,
    ``last_day`` and ``self_report_date`` are ``datetime64`` columns; ``days`` is the calendar
    days on site, both ends included; ``team`` holds a tuple of the members' ids; ``kind`` and
    ``mode`` hold codes (``"regular"``, ``"announced"``). ``hospital_name`` and ``rating`` are
    present when ``hospitals`` is given, ``leader_name`` with ``experts``, ``authority_name``
    with ``authorities``.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pd = _pandas()
    names = Names.of(hospitals=hospitals, experts=experts, authorities=authorities)
    records = [
        {
            "visit": v.id,
            "hospital": v.hospital,
            "hospital_name": names.hospital(v.hospital),
            "rating": names.rating(v.hospital) or None,
            "authority": v.authority,
            "authority_name": names.authority(v.authority),
            "first_day": v.first_day,
            "last_day": v.last_day,
            "days": v.calendar_days,
            "leader": v.leader,
            "leader_name": names.person(v.leader) or None,
            "team": v.people,
            "team_size": len(v.team),
            "kind": v.kind.code,
            "mode": v.mode.code,
            "self_report_date": v.self_report_date,
        }
        for v in sorted(plan.visits, key=lambda v: (v.first_day, v.hospital, v.id))
    ]
    dropped = {
        "hospital_name": hospitals is None,
        "rating": hospitals is None,
        "leader_name": experts is None,
        "authority_name": authorities is None,
    }
    columns = [c for c in PLAN_COLUMNS if not dropped.get(c, False)]
    frame = pd.DataFrame.from_records(records, columns=["visit", *columns]).set_index("visit")
    for column in ("first_day", "last_day", "self_report_date"):
        frame[column] = pd.to_datetime(frame[column])
    frame["days"] = frame["days"].astype("int64")
    frame["team_size"] = frame["team_size"].astype("int64")
    return frame


def table_to_frame(table: Table) -> pd.DataFrame:
    """A :class:`~hospital_inspection.exports.Table` as a DataFrame, same headers, typed cells.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pd = _pandas()
    return pd.DataFrame([list(row) for row in table.rows], columns=list(table.headers))
