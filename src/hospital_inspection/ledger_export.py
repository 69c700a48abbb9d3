"""The ledger as a table: rows, CSV (always), xlsx (extra ``excel``) and HTML.

The columns are those of a printed 整改台账: 序号, 医院, 问题, 整改措施, 责任单位 (who owes
it: the hospital or an authority), 责任部门, 整改时限 (only where a document sets one, or set by
hand; 时限说明 says which, or why there is none), 状态, … Status and days overdue are as of a
date you give. :func:`ledger_table` builds a
:class:`~hospital_inspection.exports.Table`; the files are written by the library's generic
writers (:func:`~hospital_inspection.exports.write_csv`,
:func:`~hospital_inspection.exports.write_xlsx`): UTF-8 with a byte-order mark for CSV, a
printable sheet for xlsx, and always atomically (a temporary file, then a rename), so a reader
never sees half a file.

>>> import datetime as dt
>>> from hospital_inspection.findings import Finding, Measure
>>> from hospital_inspection.ledger import Ledger
>>> ledger = Ledger()
>>> _ = ledger.add_finding(Finding(id="F1", hospital="H001", round="2025", description="台账缺失",
...                                found_on=dt.date(2025, 11, 20), found_by="E01"))
>>> _ = ledger.add_measure("F1", Measure(code="rectify", label="限期整改"), responsible="医务科")
>>> ledger_rows(ledger, dt.date(2025, 12, 1))[0][:7]
(1, 'H001', '2025', '台账缺失', None, '一般', '限期整改')
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING

from hospital_inspection._names import Lookup, Names
from hospital_inspection.display import table_html
from hospital_inspection.enums import MeasureScope
from hospital_inspection.exports import Cell, Table, write_csv, write_xlsx
from hospital_inspection.findings import RectificationItem
from hospital_inspection.hospitals import Hospital

if TYPE_CHECKING:
    from hospital_inspection.ledger import Ledger

__all__ = [
    "LEDGER_COLUMNS",
    "LEDGER_TITLE",
    "ledger_html",
    "ledger_rows",
    "ledger_table",
    "write_ledger_csv",
    "write_ledger_xlsx",
]

#: Column headers, in order (what an office prints).
LEDGER_COLUMNS: tuple[str, ...] = (
    "序号",
    "医院",
    "巡查轮次",
    "问题",
    "巡查重点条目",
    "严重程度",
    "整改措施",
    "措施依据",
    "责任单位",
    "责任部门",
    "反馈意见收到日期",
    "整改时限",
    "时限说明",
    "状态",
    "逾期天数",
    "最近更新",
)

#: Title (and xlsx sheet name) of the ledger.
LEDGER_TITLE = "整改台账"


def ledger_table(
    ledger: Ledger, as_of: dt.date, *, hospitals: Lookup[Hospital] | None = None
) -> Table:
    """One row per item that exists on ``as_of``, columns :data:`LEDGER_COLUMNS`.

    Cells keep their types (序号 and 逾期天数 are ints, the dates are dates); 措施依据 is the
    document and clause of the measure's citation; 责任单位 the party that owes the item; a
    duty owed once per hospital and round (e.g. the 整改报告) shows ``（本轮全部问题）`` as its
    问题.

    Args:
        ledger: the ledger.
        as_of: the day status and days overdue are computed for.
        hospitals: hospitals (or an id → hospital mapping) to print names instead of ids.
    """
    names = Names.of(hospitals=hospitals)
    rows: list[tuple[Cell, ...]] = []
    for item in ledger.items:
        status = item.status_on(as_of)
        if status is None:
            continue
        finding = ledger.finding(item.finding)
        last = [c for c in item.history if c.date <= as_of][-1]
        citation = item.measure.citation
        whole = item.measure.scope is MeasureScope.HOSPITAL
        rows.append(
            (
                len(rows) + 1,
                names.hospital(finding.hospital),
                finding.round,
                "（本轮全部问题）" if whole else finding.description,
                None if whole else finding.checklist_item,
                None if whole else finding.severity.label,
                item.measure.label,
                None if citation is None else f"{citation.document} {citation.clause}",
                None if item.party is None else item.party.label,
                item.responsible,
                item.feedback_received,
                None if item.due is None else item.due.date,
                _due_note(item),
                status.label,
                item.days_overdue(as_of) or None,
                last.date,
            )
        )
    return Table(headers=LEDGER_COLUMNS, rows=rows)


def _due_note(item: RectificationItem) -> str | None:
    if item.due is None:
        return item.no_due
    if item.due.by_hand:
        return "手工设定 (set by hand)"
    return None if item.due.citation is None else str(item.due.citation.clause)


def ledger_rows(
    ledger: Ledger, as_of: dt.date, *, hospitals: Lookup[Hospital] | None = None
) -> tuple[tuple[Cell, ...], ...]:
    """The rows of :func:`ledger_table`, in :data:`LEDGER_COLUMNS` order."""
    return ledger_table(ledger, as_of, hospitals=hospitals).rows


def write_ledger_csv(
    ledger: Ledger,
    path: str | os.PathLike[str],
    *,
    as_of: dt.date,
    hospitals: Lookup[Hospital] | None = None,
) -> Path:
    """Write the ledger as CSV, UTF-8 with a byte-order mark so that Excel reads the Chinese.

    Written atomically; returns the path.
    """
    write_csv(ledger_table(ledger, as_of, hospitals=hospitals), path)
    return Path(path)


def write_ledger_xlsx(
    ledger: Ledger,
    path: str | os.PathLike[str],
    *,
    as_of: dt.date,
    hospitals: Lookup[Hospital] | None = None,
    title: str = LEDGER_TITLE,
) -> Path:
    """Write the ledger as an xlsx sheet laid out for printing (A4 landscape, one page wide).

    The title, then ``统计日期：<as_of>``, then the header row (frozen, repeated on every page).
    Needs the ``excel`` extra (openpyxl). Written atomically; returns the path.

    Raises:
        MissingExtraError: openpyxl is not installed.
    """
    write_xlsx(
        ledger_table(ledger, as_of, hospitals=hospitals),
        path,
        sheet=LEDGER_TITLE,
        title=title,
        subtitle=f"统计日期：{as_of.isoformat()}",
    )
    return Path(path)


def ledger_html(
    ledger: Ledger, as_of: dt.date, *, hospitals: Lookup[Hospital] | None = None
) -> str:
    """An HTML table of the ledger (every cell escaped), as of ``as_of``."""
    return table_html(
        ledger_table(ledger, as_of, hospitals=hospitals),
        caption=f"{LEDGER_TITLE} (as of {as_of.isoformat()})",
    )
