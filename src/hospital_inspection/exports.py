"""Export plans (and any other table) to CSV, Excel (``.xlsx``) and iCalendar (``.ics``).

A plan becomes the office's schedule (巡查时间表): one row per visit, Chinese column headers, names
instead of ids where the hospitals, experts and authorities are given.

>>> import datetime as dt
>>> import hospital_inspection as hi
>>> plan = hi.Plan(id="P1", policy="weihai-2024-2026", authority="weihai", visits=[
...     hi.Visit(id="V1", hospital="WH001", authority="weihai",
...              first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 13),
...              team=[hi.Member(person="WE011", role="组长"), hi.Member(person="WE023")]),
... ])
>>> data = hi.sample_data("weihai")
>>> row = plan_rows(plan, hospitals=data.hospitals, experts=data.experts)[0]
>>> row["医院"], row["级别"], row["进驻日期"], row["天数"], row["组长"], row["组员"]
('威海市海鸥中心医院（虚构）', '三级甲等', '2025-04-07', '7', '徐某甲11', '李某乙23')

CSV needs nothing beyond the core; ``.xlsx`` needs the ``excel`` extra (openpyxl) and ``.ics``
the ``ics`` extra (icalendar), imported only when those functions run. Every writer that takes a
path writes atomically: to a temporary file in the same directory, then renamed over the target,
so a failure never leaves a half-written file and an existing file survives a failed write.

The tabular writers take any :class:`Table` (headers and rows), so other tables — a rectification
ledger, a list of hospitals — export the same way::

    write_xlsx(Table(headers=["序号", "医院"], rows=[[1, "示例医院"]]), "out.xlsx", sheet="医院")
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from typing import IO, Any

import attrs

from hospital_inspection import _atomic
from hospital_inspection._extras import require
from hospital_inspection._ics import PLAN_TITLE, plan_to_ics, visit_uid, write_plan_ics
from hospital_inspection._names import Lookup, Names
from hospital_inspection.authorities import Authority
from hospital_inspection.errors import DataError
from hospital_inspection.hospitals import Hospital
from hospital_inspection.people import Expert
from hospital_inspection.tables import display_width, render_table
from hospital_inspection.visits import Plan

__all__ = [
    "FORMULA_STARTS",
    "PLAN_HEADERS",
    "PLAN_SHEET",
    "Cell",
    "Table",
    "cell_text",
    "plan_rows",
    "plan_table",
    "plan_to_ics",
    "spreadsheet_text",
    "visit_uid",
    "write_csv",
    "write_plan_csv",
    "write_plan_ics",
    "write_plan_xlsx",
    "write_xlsx",
]

#: What a table cell may hold. Dates stay dates, so that Excel gets real dates.
Cell = str | int | float | dt.date | None

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


#: First characters that make a spreadsheet program read a text cell as a formula (CSV or
#: formula injection: ``=HYPERLINK(...)`` typed as a hospital's name). Text cells beginning with
#: one of them are written as text: in CSV behind a leading apostrophe ``'``, in xlsx as a
#: string cell with Excel's quote prefix.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """``value`` as CSV text a spreadsheet shows as text, never runs as a formula.

    >>> spreadsheet_text("=1+1"), spreadsheet_text("示例医院"), spreadsheet_text("-3 天")
    ("'=1+1", '示例医院', "'-3 天")
    """
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell_text(value: Cell) -> str:
    """A cell as text: dates in ISO form (``2025-04-07``), ``None`` as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _headers(value: Iterable[str]) -> tuple[str, ...]:
    headers = tuple(value)
    if not headers or not all(isinstance(h, str) and h for h in headers):
        raise DataError(f"Table.headers: {headers!r}; expected one or more non-empty strings")
    return headers


def _rows(value: Iterable[Iterable[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(row) for row in value)


@attrs.frozen(kw_only=True)
class Table:
    """Column headers and rows of cells: what the tabular writers take.

    Attributes:
        headers: column names, in order.
        rows: one sequence of cells per row, each as long as ``headers``.

    >>> t = Table(headers=["序号", "医院"], rows=[[1, "示例医院"]])
    >>> t.as_dicts()
    [{'序号': '1', '医院': '示例医院'}]
    >>> print(t)
    序号  医院
    ----  --------
    1     示例医院
    """

    headers: tuple[str, ...] = attrs.field(converter=_headers)
    rows: tuple[tuple[Cell, ...], ...] = attrs.field(default=(), converter=_rows)

    def __attrs_post_init__(self) -> None:
        for n, row in enumerate(self.rows):
            if len(row) != len(self.headers):
                raise DataError(
                    f"Table.rows[{n}]: {len(row)} cells; expected {len(self.headers)}, "
                    f"one per header"
                )
            for cell in row:
                if cell is not None and not isinstance(cell, str | int | float | dt.date):
                    raise DataError(
                        f"Table.rows[{n}]: cell {cell!r} is a {type(cell).__name__}; "
                        "expected text, a number, a date or None"
                    )

    def text_rows(self) -> list[list[str]]:
        """The rows with every cell as text (see :func:`cell_text`)."""
        return [[cell_text(c) for c in row] for row in self.rows]

    def as_dicts(self) -> list[dict[str, str]]:
        """One ``{header: text}`` dict per row."""
        return [dict(zip(self.headers, row, strict=True)) for row in self.text_rows()]

    def __str__(self) -> str:
        return render_table(self.headers, self.text_rows())

    def _repr_html_(self) -> str:
        from hospital_inspection.display import table_html

        return table_html(self)


# --- plans as tables ----------------------------------------------------------------------------


def plan_table(
    plan: Plan,
    *,
    hospitals: Lookup[Hospital] | None = None,
    experts: Lookup[Expert] | None = None,
    authorities: Lookup[Authority] | None = None,
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
        hospitals: hospitals (an iterable or a mapping by id), for names and ratings.
        experts: people, for names.
        authorities: authorities (e.g. an ``AuthorityTree``), for names.
    """
    names = Names.of(hospitals=hospitals, experts=experts, authorities=authorities)
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
    hospitals: Lookup[Hospital] | None = None,
    experts: Lookup[Expert] | None = None,
    authorities: Lookup[Authority] | None = None,
) -> list[dict[str, str]]:
    """The plan's schedule as ``{header: text}`` dicts, one per visit (see :func:`plan_table`).

    >>> import datetime as dt, hospital_inspection as hi
    >>> plan = hi.Plan(id="P1", policy="p", authority="A", visits=[hi.Visit(
    ...     id="V1", hospital="H1", authority="A",
    ...     first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 9))])
    >>> plan_rows(plan)[0]["结束日期"], plan_rows(plan)[0]["类型"]
    ('2025-04-09', '常规巡查')
    """
    table = plan_table(plan, hospitals=hospitals, experts=experts, authorities=authorities)
    return table.as_dicts()


# --- CSV ----------------------------------------------------------------------------------------


def write_csv(
    table: Table, file: str | os.PathLike[str] | IO[str] | IO[bytes], *, bom: bool = True
) -> None:
    """Write ``table`` as CSV (UTF-8, comma-separated, CRLF line ends as RFC 4180 has them).

    The file starts with a UTF-8 byte-order mark by default: Excel opens a CSV without one in the
    system's legacy code page (GBK on Chinese Windows) and shows the Chinese text garbled; with
    it, Excel reads UTF-8. Other tools (Python's ``utf-8-sig``, pandas, LibreOffice) accept it.
    Pass ``bom=False`` for tools that do not. A text cell that a spreadsheet would run as a
    formula (one starting with a character of :data:`FORMULA_STARTS`) gets a leading ``'``.

    Args:
        table: what to write.
        file: a path (written atomically), or an open file: a text file (open it with
            ``newline=""``) or a binary one.
        bom: start with the byte-order mark.

    >>> import io
    >>> out = io.StringIO()
    >>> write_csv(Table(headers=["医院"], rows=[["示例医院"]]), out, bom=False)
    >>> out.getvalue()
    '医院\\r\\n示例医院\\r\\n'
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_text(h) for h in table.headers])
    writer.writerows(
        [spreadsheet_text(c) if isinstance(c, str) else cell_text(c) for c in row]
        for row in table.rows
    )
    text = ("\ufeff" if bom else "") + buffer.getvalue()
    if isinstance(file, str | os.PathLike):
        _atomic.write_bytes(file, text.encode("utf-8"))
    elif isinstance(file, io.TextIOBase):
        file.write(text)
    else:
        file.write(text.encode("utf-8"))  # type: ignore[arg-type]


def write_plan_csv(
    plan: Plan,
    file: str | os.PathLike[str] | IO[str] | IO[bytes],
    *,
    hospitals: Lookup[Hospital] | None = None,
    experts: Lookup[Expert] | None = None,
    authorities: Lookup[Authority] | None = None,
    bom: bool = True,
) -> None:
    """Write the plan's schedule (:func:`plan_table`) as CSV; see :func:`write_csv`."""
    table = plan_table(plan, hospitals=hospitals, experts=experts, authorities=authorities)
    write_csv(table, file, bom=bom)


# --- Excel --------------------------------------------------------------------------------------

_BAD_SHEET_CHARS = frozenset("[]:*?/\\")
_MAX_WIDTH = 60
_DATE_FORMAT = "yyyy-mm-dd"


def _check_sheet(sheet: str) -> None:
    if not 1 <= len(sheet) <= 31 or _BAD_SHEET_CHARS & set(sheet):
        raise DataError(
            f"sheet: {sheet!r} is not a valid Excel sheet name; expected 1 to 31 characters "
            "without any of [ ] : * ? / \\"
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
    hospitals: Lookup[Hospital] | None = None,
    experts: Lookup[Expert] | None = None,
    authorities: Lookup[Authority] | None = None,
    title: str | None = None,
) -> None:
    """Write the plan's schedule to ``.xlsx``, sheet ``巡查时间表`` (needs the ``excel`` extra).

    Args:
        plan: the plan.
        path: where; written atomically.
        hospitals: for names and ratings (see :func:`plan_table`).
        experts: for names.
        authorities: for names.
        title: the title row; default ``大型医院巡查时间表`` followed by the plan's round, if any.
    """
    table = plan_table(plan, hospitals=hospitals, experts=experts, authorities=authorities)
    if title is None:
        title = PLAN_TITLE + (f"（{plan.round}）" if plan.round else "")
    write_xlsx(table, path, sheet=PLAN_SHEET, title=title)
