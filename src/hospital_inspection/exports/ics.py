"""iCalendar (``.ics``, extra ``ics``): a plan as one all-day event per visit."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from typing import Unpack

from hospital_inspection import _atomic
from hospital_inspection._extras import package_version, require
from hospital_inspection.errors import DataError
from hospital_inspection.exports.schedule import PLAN_TITLE
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan, Visit

__all__ = ["plan_to_ics", "visit_uid", "write_plan_ics"]


# --- iCalendar ----------------------------------------------------------------------------------

_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://pypi.org/project/hospital-inspection/")


def visit_uid(plan: Plan, visit: Visit) -> str:
    """The iCalendar UID of a visit: the same plan id and visit id always give the same UID.

    So importing a revised plan into a calendar updates its events instead of duplicating them.

    >>> import datetime as dt, hospital_inspection as hi
    >>> v = hi.Visit(id="V1", hospital="H1", authority="A",
    ...              first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 9))
    >>> plan = hi.Plan(id="P1", policy="p", authority="A", visits=[v])
    >>> visit_uid(plan, v) == visit_uid(plan, v)
    True
    >>> visit_uid(plan, v)
    '9cbd832e-a2ae-5a24-8b03-48b7330bebe6@hospital-inspection'
    """
    name = json.dumps([plan.id, visit.id], ensure_ascii=False)
    return f"{uuid.uuid5(_UID_NAMESPACE, name)}@hospital-inspection"


def _prodid() -> str:
    return f"-//hospital_inspection//hospital-inspection {package_version()}//ZH"


def _description(visit: Visit, names: Names) -> str:
    lines = [f"巡查单位：{names.authority(visit.authority)}"]
    lines += [f"{role.label}：{'、'.join(people)}" for role, people in names.team_by_role(visit)]
    lines.append(f"类型：{visit.kind.label}；方式：{visit.mode.label}")
    lines.append(f"日期：{visit.first_day.isoformat()} 至 {visit.last_day.isoformat()}")
    return "\n".join(lines)


def _stamp(plan: Plan, stamp: dt.datetime | None) -> dt.datetime:
    if stamp is None:
        first = min((v.first_day for v in plan.visits), default=dt.date(2000, 1, 1))
        return dt.datetime.combine(first, dt.time(0, 0), tzinfo=dt.UTC)
    if not isinstance(stamp, dt.datetime) or stamp.tzinfo is None:
        raise DataError(
            Message(
                N_(
                    "stamp: {value}; expected a timezone-aware datetime, "
                    "e.g. datetime.now(timezone.utc)"
                ),
                {"value": repr(stamp)},
            )
        )
    return stamp.astimezone(dt.UTC)


def plan_to_ics(
    plan: Plan,
    *,
    names: Names | None = None,
    stamp: dt.datetime | None = None,
    sequence: int = 0,
    **lookups: Unpack[Lookups],
) -> bytes:
    """The plan as an iCalendar file (RFC 5545): one all-day event per visit (extra ``ics``).

    Each event runs from the first on-site day to the last: ``DTSTART`` is ``first_day`` and
    ``DTEND`` is the day after ``last_day``, because iCalendar's end date is exclusive. Its
    ``SUMMARY`` is ``大型医院巡查：<hospital name>``, its ``DESCRIPTION`` lists the inspecting
    authority, the team by role, the kind and mode, and its ``UID`` is :func:`visit_uid`, so that
    re-importing a revised plan updates events rather than duplicating them.

    The output is deterministic: the same arguments give the same bytes. ``DTSTAMP`` is
    ``stamp`` when given, else midnight UTC of the plan's earliest first day. When publishing a
    revised plan to subscribers, pass ``stamp=datetime.now(timezone.utc)`` and a higher
    ``sequence`` so that calendar programs see the events as newer.

    An unannounced visit (暗访) is exported like any other; do not share such a calendar with the
    hospitals inspected.

    Args:
        plan: the plan.
        names: a :class:`~hospital_inspection.Names` directory (the summary and location show
            ids without one).
        **lookups: the older ``hospitals=``, ``experts=``, ``authorities=`` keywords (an
            iterable of objects or a mapping by id), added to ``names``.
        stamp: the ``DTSTAMP`` of every event; timezone-aware.
        sequence: the ``SEQUENCE`` (revision number) of every event.

    Raises:
        MissingExtraError: icalendar is not installed.
        DataError: ``stamp`` is naive or not a datetime, or ``sequence`` is negative.
    """
    require("icalendar", feature="iCalendar export", extra="ics")
    from icalendar import Calendar, Event

    if not isinstance(sequence, int) or sequence < 0:
        raise DataError(
            Message(
                N_("sequence: {value}; expected a whole number, 0 or more"),
                {"value": repr(sequence)},
            )
        )
    names = Names.resolve(names, **lookups)
    when = _stamp(plan, stamp)
    cal = Calendar()
    cal.add("prodid", _prodid())
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"{PLAN_TITLE} {plan.round or plan.id}")
    for visit in plan.in_date_order():
        hospital = names.hospital(visit.hospital)
        event = Event()
        event.add("uid", visit_uid(plan, visit))
        event.add("dtstamp", when)
        event.add("sequence", sequence)
        event.add("dtstart", visit.first_day)
        event.add("dtend", visit.last_day + dt.timedelta(days=1))
        event.add("summary", f"大型医院巡查：{hospital}")
        event.add("location", hospital)
        event.add("description", _description(visit, names))
        event.add("categories", [visit.kind.label])
        cal.add_component(event)
    data: bytes = cal.to_ical()
    return data


def write_plan_ics(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    names: Names | None = None,
    stamp: dt.datetime | None = None,
    sequence: int = 0,
    **lookups: Unpack[Lookups],
) -> None:
    """Write :func:`plan_to_ics` to ``path`` atomically (extra ``ics``); arguments as there."""
    data = plan_to_ics(
        plan,
        names=names,
        **lookups,
        stamp=stamp,
        sequence=sequence,
    )
    _atomic.write_bytes(path, data)
