"""Plans, compliance reports, ledgers (and tables) as pandas DataFrames (extra ``pandas``).

:func:`plan_to_frame` gives one row per visit, indexed by visit id, with machine-friendly
columns: ids and stable English codes (``kind``, ``mode``, ``role``), dates as ``datetime64``,
plus name columns when the hospitals, experts or authorities are given.
:func:`report_to_frame` gives one row per compliance issue and :func:`ledger_to_frame` one row
per rectification item, in the same style. For the Chinese-headed tables an office prints, use
:func:`table_to_frame` on :func:`~hospital_inspection.exports.plan_table` or
:func:`~hospital_inspection.followup.table.ledger_table`.

``Plan.to_frame()``, ``ComplianceReport.to_frame()`` and ``Ledger.to_frame(as_of=...)`` call
these functions; pandas is imported only when one runs.

>>> import datetime as dt, hospital_inspection as hi
>>> plan = hi.Plan(id="P1", policy="p", authority="A", visits=[hi.Visit(
...     id="V1", hospital="H1", authority="A",
...     first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 9))])
>>> frame = plan_to_frame(plan)
>>> int(frame.loc["V1", "days"]), str(frame["first_day"].dtype).startswith("datetime64")
(3, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

from hospital_inspection import _views
from hospital_inspection._extras import require
from hospital_inspection._table import Table
from hospital_inspection.compliance import ComplianceReport
from hospital_inspection.followup.ledger import Ledger
from hospital_inspection.i18n import resolve
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

__all__ = [
    "LEDGER_FRAME_COLUMNS",
    "PLAN_COLUMNS",
    "REPORT_COLUMNS",
    "ledger_to_frame",
    "plan_to_frame",
    "report_to_frame",
    "table_to_frame",
]

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


#: Columns of :func:`report_to_frame`, in order.
REPORT_COLUMNS: tuple[str, ...] = (
    "severity",
    "check",
    "rule",
    "strength",
    "hospital",
    "authority",
    "visit",
    "person",
    "message",
    "hint",
    "document",
    "clause",
    "clause_text",
    "waiver",
)

#: Columns of :func:`ledger_to_frame`, in order (``hospital_name`` only when hospitals are
#: given).
LEDGER_FRAME_COLUMNS: tuple[str, ...] = (
    "finding",
    "hospital",
    "hospital_name",
    "round",
    "description",
    "checklist_item",
    "severity",
    "measure",
    "measure_label",
    "document",
    "clause",
    "responsible",
    "feedback_received",
    "due",
    "status",
    "days_overdue",
    "updated",
)


def _pandas() -> Any:
    return require("pandas", feature="DataFrames", extra="pandas")


def plan_to_frame(
    plan: Plan,
    *,
    names: Names | None = None,
    **lookups: Unpack[Lookups],
) -> pd.DataFrame:
    """The plan as a DataFrame: one row per visit, indexed by visit id (extra ``pandas``).

    Rows are ordered as in the schedule (first day, hospital id, visit id). ``first_day``,
    ``last_day`` and ``self_report_date`` are ``datetime64`` columns; ``days`` is the calendar
    days on site, both ends included; ``team`` holds a tuple of the members' ids; ``kind`` and
    ``mode`` hold codes (``"regular"``, ``"announced"``). ``hospital_name`` and ``rating`` are
    present when ``names`` (or ``hospitals``) knows hospitals, ``leader_name`` when it knows
    experts, ``authority_name`` when it knows authorities.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pd = _pandas()
    names = Names.resolve(names, **lookups)
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
        "hospital_name": not names.hospitals,
        "rating": not names.hospitals,
        "leader_name": not names.experts,
        "authority_name": not names.authorities,
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


def report_to_frame(report: ComplianceReport, *, lang: str | None = "en") -> pd.DataFrame:
    """A compliance report as a DataFrame: one row per issue, most severe first (extra ``pandas``).

    Columns :data:`REPORT_COLUMNS`: ``severity`` and ``strength`` hold codes
    (``"violation"``, ``"in_principle"``), ``document``, ``clause`` and ``clause_text`` the
    issue's citation, ``waiver`` the justification of a waiver that covers it; absent values
    are ``None``. A report without issues gives an empty frame with the same columns.
    ``lang="zh"`` writes ``message`` and ``hint`` in Chinese (the column names stay codes).

    Example:
        >>> import hospital_inspection as hi
        >>> report = hi.ComplianceReport(plan="P", policy="p", as_of=None, issues=[
        ...     hi.ComplianceIssue(check="double_booked", severity=hi.ComplianceLevel.VIOLATION,
        ...                        message="E1 is on two visits", hint="move one", person="E1")])
        >>> frame = report_to_frame(report)
        >>> frame.loc[0, "severity"], frame.loc[0, "person"], frame.loc[0, "rule"] is None
        ('violation', 'E1', True)

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pd = _pandas()
    lang = resolve(lang)
    records = [
        {
            "severity": i.severity.code,
            "check": i.check,
            "rule": i.rule,
            "strength": None if i.strength is None else i.strength.code,
            "hospital": i.hospital,
            "authority": i.authority,
            "visit": i.visit,
            "person": i.person,
            "message": i.message_in(lang),
            "hint": i.hint_in(lang),
            "document": None if i.citation is None else i.citation.document,
            "clause": None if i.citation is None else i.citation.clause,
            "clause_text": None if i.citation is None else i.citation.text,
            "waiver": i.waiver,
        }
        for i in report.issues
    ]
    frame = pd.DataFrame.from_records(records, columns=list(REPORT_COLUMNS))
    return frame.astype(object).where(frame.notna(), None)


def ledger_to_frame(
    ledger: Ledger,
    *,
    as_of: dt.date,
    names: Names | None = None,
    **lookups: Unpack[Lookups],
) -> pd.DataFrame:
    """The ledger as a DataFrame: one row per item that exists on ``as_of`` (extra ``pandas``).

    Indexed by item id, in the order the items were added. Columns
    :data:`LEDGER_FRAME_COLUMNS`: ``severity``, ``measure`` and ``status`` hold codes
    (``"minor"``, the measure's code, ``"open"``), ``status`` and ``days_overdue`` (0 when on
    time) are as of ``as_of``; ``feedback_received``, ``due`` and ``updated`` (the last status
    change on or before ``as_of``) are ``datetime64``; ``document`` and ``clause`` cite the
    measure's clause. ``hospital_name`` is present when ``names`` knows hospitals. For the printed
    整改台账 with Chinese headers, use
    ``table_to_frame(ledger_table(ledger, as_of))``.

    Example:
        >>> import datetime as dt, hospital_inspection as hi
        >>> ledger = hi.Ledger()
        >>> _ = ledger.add_finding(hi.Finding(id="F1", hospital="H001", round="2025",
        ...     description="台账缺失", found_on=dt.date(2025, 11, 20), found_by="E01"))
        >>> _ = ledger.add_measure("F1", hi.Measure(code="rectify", label="限期整改"))
        >>> frame = ledger_to_frame(ledger, as_of=dt.date(2025, 12, 1))
        >>> list(frame.index), frame.iloc[0]["status"], int(frame.iloc[0]["days_overdue"])
        (['F1-1'], 'open', 0)

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pd = _pandas()
    names = Names.resolve(names, **lookups)
    records = []
    for item in ledger.items:
        status = item.status_on(as_of)
        if status is None:
            continue
        finding = ledger.finding(item.finding)
        citation = item.measure.citation
        records.append(
            {
                "item": item.id,
                "finding": finding.id,
                "hospital": finding.hospital,
                "hospital_name": names.hospital(finding.hospital),
                "round": finding.round,
                "description": finding.description,
                "checklist_item": finding.checklist_item,
                "severity": finding.severity.code,
                "measure": item.measure.code,
                "measure_label": item.measure.label,
                "document": None if citation is None else citation.document,
                "clause": None if citation is None else citation.clause,
                "responsible": item.responsible,
                "feedback_received": item.feedback_received,
                "due": None if item.due is None else item.due.date,
                "status": status.code,
                "days_overdue": item.days_overdue(as_of),
                "updated": [c.date for c in item.history if c.date <= as_of][-1],
            }
        )
    columns = [c for c in LEDGER_FRAME_COLUMNS if c != "hospital_name" or names.hospitals]
    frame = pd.DataFrame.from_records(records, columns=["item", *columns]).set_index("item")
    for column in ("feedback_received", "due", "updated"):
        frame[column] = pd.to_datetime(frame[column])
    frame["days_overdue"] = frame["days_overdue"].astype("int64")
    return frame


# --- the views the core's objects offer as ``to_frame()`` ----------------------------------------


@_views.frame.register(Plan)
def _plan_view(plan: Plan, **options: Any) -> pd.DataFrame:
    return plan_to_frame(plan, **options)


@_views.frame.register(ComplianceReport)
def _report_view(report: ComplianceReport, **options: Any) -> pd.DataFrame:
    return report_to_frame(report, **options)


@_views.frame.register(Ledger)
def _ledger_view(ledger: Ledger, **options: Any) -> pd.DataFrame:
    return ledger_to_frame(ledger, **options)


@_views.frame.register(Table)
def _table_view(table: Table, **options: Any) -> pd.DataFrame:
    return table_to_frame(table)
