"""Excel (``.xlsx``, extra ``excel``): any table, a plan's schedule, a ledger, laid out to print.

openpyxl is imported only when a writer runs; without it the writer raises
:class:`~hospital_inspection.MissingExtraError` naming the ``excel`` extra.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Unpack

from hospital_inspection import _atomic
from hospital_inspection._extras import require
from hospital_inspection._table import FORMULA_STARTS, Cell, Table, cell_text, display_width
from hospital_inspection.errors import DataError
from hospital_inspection.exports.schedule import PLAN_SHEET, PLAN_TITLE, plan_table
from hospital_inspection.followup.table import LEDGER_TITLE, ledger_table
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan

if TYPE_CHECKING:
    from hospital_inspection.dates.calendars import WorkCalendar
    from hospital_inspection.followup.ledger import Ledger
    from hospital_inspection.policy import Policy

__all__ = ["write_ledger_xlsx", "write_plan_xlsx", "write_xlsx"]

_BAD_SHEET_CHARS = frozenset("[]:*?/\\")
_MAX_WIDTH = 60
_DATE_FORMAT = "yyyy-mm-dd"


def _check_sheet(sheet: str) -> None:
    if not 1 <= len(sheet) <= 31 or _BAD_SHEET_CHARS & set(sheet):
        raise DataError(
            Message(
                N_(
                    "sheet: {value} is not a valid Excel sheet name; expected 1 to 31 characters "
                    "without any of [ ] : * ? / \\"
                ),
                {"value": repr(sheet)},
            )
        )


def _width(values: Sequence[Cell], header: str) -> float:
    widest = max(
        [display_width(header)]
        + [10 if isinstance(c, dt.date) else display_width(cell_text(c)) for c in values]
    )
    return float(min(widest + 2, _MAX_WIDTH))


def _as_text(cell: Any) -> Any:
    """Keep a text cell text: openpyxl would store ``"=..."`` as a live formula."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def write_xlsx(
    table: Table,
    path: str | os.PathLike[str],
    *,
    sheet: str = "Sheet1",
    title: str | None = None,
    subtitle: str | None = None,
) -> None:
    """Write ``table`` to an Excel workbook of one sheet (needs the ``excel`` extra).

    Laid out for printing and reading: an optional title row and an optional subtitle row (e.g.
    the date the table is as of) across the columns, a bold header
    row that stays in view when scrolling (frozen) and repeats on every printed page, an
    autofilter, column widths that fit Chinese text (a Chinese character counts two), long cells
    wrapped, dates as real Excel dates (``yyyy-mm-dd``), and the page set to A4 landscape, fit to
    one page wide. Text is always text: a cell starting with ``=`` (or another character of
    :data:`FORMULA_STARTS`) is a string cell, never a formula.

    Args:
        table: what to write.
        path: where; written atomically.
        sheet: the sheet's name (at most 31 characters, none of ``[]:*?/\\``).
        title: a title above the header row, or ``None`` for none.
        subtitle: a line below the title, or ``None`` for none.

    Raises:
        MissingExtraError: openpyxl is not installed.
        DataError: the sheet name is not allowed by Excel.
    """
    _check_sheet(sheet)
    openpyxl = require("openpyxl", feature="Excel export", extra="excel")
    styles = require("openpyxl.styles", feature="Excel export", extra="excel")
    utils = require("openpyxl.utils", feature="Excel export", extra="excel")

    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    workbook.properties.creator = "hospital_inspection"
    ncols = len(table.headers)
    last_col = utils.get_column_letter(ncols)
    header_row = 1
    if title:
        _as_text(ws.cell(row=1, column=1, value=title))
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
        ws["A1"].font = styles.Font(bold=True, size=14)
        ws["A1"].alignment = styles.Alignment(horizontal="center", vertical="center")
        ws.row_dimensions[1].height = 28
        header_row = 2
    if subtitle:
        _as_text(ws.cell(row=header_row, column=1, value=subtitle))
        ws.merge_cells(start_row=header_row, start_column=1, end_row=header_row, end_column=ncols)
        header_row += 1

    thin = styles.Side(style="thin", color="999999")
    border = styles.Border(left=thin, right=thin, top=thin, bottom=thin)
    for col, header in enumerate(table.headers, start=1):
        c = _as_text(ws.cell(row=header_row, column=col, value=header))
        c.font = styles.Font(bold=True)
        c.fill = styles.PatternFill("solid", fgColor="DDEBF7")
        c.alignment = styles.Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = border
    body = styles.Alignment(vertical="center", wrap_text=True)
    for r, row in enumerate(table.rows, start=header_row + 1):
        for col, value in enumerate(row, start=1):
            c = _as_text(ws.cell(row=r, column=col, value=value))
            c.alignment = body
            c.border = border
            if isinstance(value, dt.date):
                c.number_format = _DATE_FORMAT

    for col, header in enumerate(table.headers, start=1):
        values = [row[col - 1] for row in table.rows]
        ws.column_dimensions[utils.get_column_letter(col)].width = _width(values, header)

    last_row = header_row + len(table.rows)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.auto_filter.ref = f"A{header_row}:{last_col}{last_row}"
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True

    with _atomic.atomic_path(path) as tmp:
        workbook.save(tmp)


def write_plan_xlsx(
    plan: Plan,
    path: str | os.PathLike[str],
    *,
    names: Names | None = None,
    title: str | None = None,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    **lookups: Unpack[Lookups],
) -> None:
    """Write the plan's schedule to ``.xlsx``, sheet ``巡查时间表`` (needs the ``excel`` extra).

    Args:
        plan: the plan.
        path: where; written atomically.
        **lookups: the older ``hospitals=``, ``experts=``, ``authorities=`` keywords (an
            iterable of objects or a mapping by id), added to ``names``.
        title: the title row; default ``大型医院巡查时间表`` followed by the plan's round, if any.
        policy, calendar: for the days column, as in :func:`plan_table`.
    """
    table = plan_table(plan, names=names, policy=policy, calendar=calendar, **lookups)
    if title is None:
        title = PLAN_TITLE + (f"（{plan.round}）" if plan.round else "")
    write_xlsx(table, path, sheet=PLAN_SHEET, title=title)


def write_ledger_xlsx(
    ledger: Ledger,
    path: str | os.PathLike[str],
    *,
    as_of: dt.date,
    names: Names | None = None,
    title: str = LEDGER_TITLE,
    **lookups: Unpack[Lookups],
) -> Path:
    """Write the ledger as an xlsx sheet laid out for printing (A4 landscape, one page wide).

    The title, then ``统计日期：<as_of>``, then the header row (frozen, repeated on every page).
    Needs the ``excel`` extra (openpyxl). Written atomically; returns the path.

    Raises:
        MissingExtraError: openpyxl is not installed.
    """
    write_xlsx(
        ledger_table(ledger, as_of, names=names, **lookups),
        path,
        sheet=LEDGER_TITLE,
        title=title,
        subtitle=f"统计日期：{as_of.isoformat()}",
    )
    return Path(path)
