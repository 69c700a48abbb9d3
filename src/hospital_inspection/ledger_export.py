"""The ledger as a table: rows, CSV (always), xlsx (extra ``excel``) and HTML.

The columns are those of a printed 整改台账: 序号, 医院, 问题, 整改措施, 责任部门, 整改时限,
状态, … Status and days overdue are as of a date you give. Files are written under a temporary
name and moved into place, so a reader never sees half a file.

.. note:: Kept apart from the generic table writers (``hospital_inspection.exports``, built on
   another branch); it may be folded into them when both are merged.

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

import csv
import datetime as dt
import html
import io
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from hospital_inspection.errors import MissingExtraError
from hospital_inspection.hospitals import Hospital

if TYPE_CHECKING:
    from hospital_inspection.ledger import Ledger

__all__ = ["LEDGER_COLUMNS", "ledger_html", "ledger_rows", "write_ledger_csv", "write_ledger_xlsx"]

Cell = str | int | dt.date | None

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
    "责任部门",
    "反馈意见收到日期",
    "整改时限",
    "状态",
    "逾期天数",
    "最近更新",
)
_WIDTHS = (6, 22, 10, 40, 14, 8, 14, 24, 12, 12, 12, 8, 8, 12)
_DATE_COLUMNS = frozenset({9, 10, 13})


def _names(hospitals: Mapping[str, Hospital] | Iterable[Hospital] | None) -> dict[str, str]:
    if hospitals is None:
        return {}
    if isinstance(hospitals, Mapping):
        return {k: h.name for k, h in hospitals.items()}
    return {h.id: h.name for h in hospitals}


def ledger_rows(
    ledger: Ledger,
    as_of: dt.date,
    *,
    hospitals: Mapping[str, Hospital] | Iterable[Hospital] | None = None,
) -> tuple[tuple[Cell, ...], ...]:
    """One row per item that exists on ``as_of``, in :data:`LEDGER_COLUMNS` order.

    Args:
        ledger: the ledger.
        as_of: the day status and days overdue are computed for.
        hospitals: hospitals (or an id → hospital mapping) to print names instead of ids.
    """
    names = _names(hospitals)
    rows: list[tuple[Cell, ...]] = []
    for item in ledger.items:
        status = item.status_on(as_of)
        if status is None:
            continue
        finding = ledger.finding(item.finding)
        last = [c for c in item.history if c.date <= as_of][-1]
        citation = item.measure.citation
        rows.append(
            (
                len(rows) + 1,
                names.get(finding.hospital, finding.hospital),
                finding.round,
                finding.description,
                finding.checklist_item,
                finding.severity.label,
                item.measure.label,
                None if citation is None else str(citation),
                item.responsible,
                item.feedback_received,
                None if item.due is None else item.due.date,
                status.label,
                item.days_overdue(as_of) or None,
                last.date,
            )
        )
    return tuple(rows)


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def _atomic_write(path: str | os.PathLike[str], write: Callable[[IO[bytes]], object]) -> Path:
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def write_ledger_csv(
    ledger: Ledger,
    path: str | os.PathLike[str],
    *,
    as_of: dt.date,
    hospitals: Mapping[str, Hospital] | Iterable[Hospital] | None = None,
) -> Path:
    """Write the ledger as CSV, UTF-8 with a byte-order mark so that Excel reads the Chinese."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(LEDGER_COLUMNS)
    for row in ledger_rows(ledger, as_of, hospitals=hospitals):
        writer.writerow([_text(c) for c in row])
    data = buffer.getvalue().encode("utf-8-sig")
    return _atomic_write(path, lambda fh: fh.write(data))


def write_ledger_xlsx(
    ledger: Ledger,
    path: str | os.PathLike[str],
    *,
    as_of: dt.date,
    hospitals: Mapping[str, Hospital] | Iterable[Hospital] | None = None,
    title: str = "整改台账",
) -> Path:
    """Write the ledger as an xlsx sheet laid out for printing (A4 landscape, one page wide).

    Needs the ``excel`` extra (openpyxl).

    Raises:
        MissingExtraError: openpyxl is not installed.
    """
    try:
        from openpyxl import Workbook  # type: ignore[import-untyped]
        from openpyxl.styles import Alignment, Border, Font, Side  # type: ignore[import-untyped]
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MissingExtraError("ledger xlsx export", "excel", "openpyxl") from exc

    wb = Workbook()
    ws: Any = wb.active
    ws.title = title[:31]
    n = len(LEDGER_COLUMNS)
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=n)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.cell(row=2, column=1, value=f"统计日期：{as_of.isoformat()}")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=n)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center")
    for col, header in enumerate(LEDGER_COLUMNS, start=1):
        cell = ws.cell(row=3, column=col, value=header)
        cell.font = Font(bold=True)
        cell.border = border
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(col)].width = _WIDTHS[col - 1]
    for r, row in enumerate(ledger_rows(ledger, as_of, hospitals=hospitals), start=4):
        for c, value in enumerate(row):
            cell = ws.cell(row=r, column=c + 1, value=value)
            cell.border = border
            cell.alignment = wrap
            if c in _DATE_COLUMNS and value is not None:
                cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return _atomic_write(path, wb.save)


def ledger_html(
    ledger: Ledger,
    as_of: dt.date,
    *,
    hospitals: Mapping[str, Hospital] | Iterable[Hospital] | None = None,
) -> str:
    """A simple HTML table of the ledger (every cell escaped), as of ``as_of``."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in LEDGER_COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_text(c))}</td>" for c in row) + "</tr>"
        for row in ledger_rows(ledger, as_of, hospitals=hospitals)
    )
    caption = html.escape(f"整改台账 (as of {as_of.isoformat()})")
    return (
        f"<table><caption>{caption}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )
