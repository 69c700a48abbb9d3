"""Tables: one concept for every tabular output (private; public through the front ends).

A :class:`Table` is column headers and rows of cells. It renders itself as plain text that lines
up with Chinese text (wide characters count as two columns) and as an escaped HTML ``<table>``;
the exports write it to CSV and xlsx.

>>> print(render_table(["医院", "级别"], [["示例医院", "三级"], ["H2", "二级"]]))
医院      级别
--------  ----
示例医院  三级
H2        二级
"""

from __future__ import annotations

import datetime as dt
import html
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from hospital_inspection.errors import DataError

__all__ = [
    "FORMULA_STARTS",
    "Cell",
    "Table",
    "cell_text",
    "display_width",
    "render_table",
    "spreadsheet_text",
    "table_html",
]

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


#: What a table cell may hold. Dates stay dates, so that Excel gets real dates.
Cell = str | int | float | dt.date | None


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Render rows under headers, columns separated by two spaces, no trailing blanks."""
    cells = [[str(c) for c in headers]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(_pad(c, w) for c, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


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
        return table_html(self)


def table_html(table: Table, *, caption: str | None = None) -> str:
    """``table`` as an HTML ``<table>``; every header, cell and the caption is escaped.

    >>> print(table_html(Table(headers=["医院"], rows=[["A&B"]])))
    <table class="hospital-inspection">
    <thead><tr><th>医院</th></tr></thead>
    <tbody>
    <tr><td>A&amp;B</td></tr>
    </tbody>
    </table>
    """
    lines = ['<table class="hospital-inspection">']
    if caption:
        lines.append(f"<caption>{html.escape(caption)}</caption>")
    head = "".join(f"<th>{html.escape(h)}</th>" for h in table.headers)
    lines += [f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for row in table.rows:
        cells = "".join(f"<td>{html.escape(cell_text(c))}</td>" for c in row)
        lines.append(f"<tr>{cells}</tr>")
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
