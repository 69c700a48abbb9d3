"""Export plans (and any other table) to CSV, Excel (``.xlsx``) and iCalendar (``.ics``).

A plan becomes the office's schedule (巡查时间表): one row per visit, Chinese column headers, names
instead of ids where a :class:`~hospital_inspection.Names` directory is given (``names=``; see
:mod:`hospital_inspection.exports.schedule` for an example). One module per format:
:mod:`~hospital_inspection.exports.csv`, :mod:`~hospital_inspection.exports.xlsx`,
:mod:`~hospital_inspection.exports.ics` and :mod:`~hospital_inspection.exports.frames` (pandas).

CSV needs nothing beyond the core; ``.xlsx`` needs the ``excel`` extra (openpyxl) and ``.ics``
the ``ics`` extra (icalendar), imported only when those functions run. Every writer that takes a
path writes atomically: to a temporary file in the same directory, then renamed over the target,
so a failure never leaves a half-written file and an existing file survives a failed write.

The tabular writers take any :class:`Table` (headers and rows), so other tables — a rectification
ledger, a list of hospitals — export the same way::

    write_xlsx(Table(headers=["序号", "医院"], rows=[[1, "示例医院"]]), "out.xlsx", sheet="医院")
"""

from __future__ import annotations

from hospital_inspection._table import FORMULA_STARTS, Cell, Table, cell_text, spreadsheet_text
from hospital_inspection.exports.csv import write_csv, write_ledger_csv, write_plan_csv
from hospital_inspection.exports.ics import plan_to_ics, visit_uid, write_plan_ics
from hospital_inspection.exports.schedule import (
    DAYS_CALENDAR,
    DAYS_WORKING,
    PLAN_HEADERS,
    PLAN_SHEET,
    PLAN_TITLE,
    plan_rows,
    plan_table,
)
from hospital_inspection.exports.xlsx import write_ledger_xlsx, write_plan_xlsx, write_xlsx

__all__ = [
    "DAYS_CALENDAR",
    "DAYS_WORKING",
    "FORMULA_STARTS",
    "PLAN_HEADERS",
    "PLAN_SHEET",
    "PLAN_TITLE",
    "Cell",
    "Table",
    "cell_text",
    "plan_rows",
    "plan_table",
    "plan_to_ics",
    "spreadsheet_text",
    "visit_uid",
    "write_csv",
    "write_ledger_csv",
    "write_ledger_xlsx",
    "write_plan_csv",
    "write_plan_ics",
    "write_plan_xlsx",
    "write_xlsx",
]
