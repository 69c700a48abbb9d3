"""The ledger as a table (整改台账): the one listing every ledger view and export uses.

The columns are those of a printed 整改台账: 序号, 医院, 问题, 整改措施, 责任单位 (who owes
it: the hospital or an authority), 责任部门, 整改时限 (only where a document sets one, or set by
hand; 时限说明 says which, or why there is none), 状态, … Status and days overdue are as of a
date you give. :func:`ledger_table` builds a :class:`~hospital_inspection.exports.Table`; the
exports write it (:func:`~hospital_inspection.exports.write_ledger_csv`,
:func:`~hospital_inspection.exports.write_ledger_xlsx`), the notebook shows it, and the command
line prints it.

>>> import datetime as dt
>>> from hospital_inspection.followup.findings import Finding, Measure
>>> from hospital_inspection.followup.ledger import Ledger
>>> ledger = Ledger()
>>> _ = ledger.add_finding(Finding(id="F1", hospital="H001", round="2025", description="台账缺失",
...                                found_on=dt.date(2025, 11, 20), found_by="E01"))
>>> _ = ledger.add_measure("F1", Measure(code="rectify", label="限期整改"), responsible="医务科")
>>> ledger_rows(ledger, dt.date(2025, 12, 1))[0][:7]
(1, 'H001', '2025', '台账缺失', None, '一般', '限期整改')
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Unpack

from hospital_inspection._table import Cell, Table
from hospital_inspection.enums import MeasureScope
from hospital_inspection.followup.findings import RectificationItem
from hospital_inspection.model.names import Lookups, Names

if TYPE_CHECKING:
    from hospital_inspection.followup.ledger import Ledger

__all__ = [
    "LEDGER_COLUMNS",
    "LEDGER_TITLE",
    "ledger_rows",
    "ledger_table",
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
    ledger: Ledger,
    as_of: dt.date,
    *,
    names: Names | None = None,
    **lookups: Unpack[Lookups],
) -> Table:
    """One row per item that exists on ``as_of``, columns :data:`LEDGER_COLUMNS`.

    Cells keep their types (序号 and 逾期天数 are ints, the dates are dates); 措施依据 is the
    document and clause of the measure's citation; 责任单位 the party that owes the item; a
    duty owed once per hospital and round (e.g. the 整改报告) shows ``（本轮全部问题）`` as its
    问题.

    Args:
        ledger: the ledger.
        as_of: the day status and days overdue are computed for.
        names: a :class:`~hospital_inspection.Names` directory, to print names instead of ids.
        **lookups: the older ``hospitals=``, ``experts=``, ``authorities=`` keywords (an
            iterable of objects or a mapping by id), added to ``names``.
    """
    names = Names.resolve(names, **lookups)
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
    ledger: Ledger,
    as_of: dt.date,
    *,
    names: Names | None = None,
    **lookups: Unpack[Lookups],
) -> tuple[tuple[Cell, ...], ...]:
    """The rows of :func:`ledger_table`, in :data:`LEDGER_COLUMNS` order."""
    return ledger_table(ledger, as_of, names=names, **lookups).rows
