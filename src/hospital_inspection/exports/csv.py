"""CSV: any :class:`~hospital_inspection.exports.Table`, a plan's schedule, a ledger.

UTF-8 with a byte-order mark by default (so that Excel on Chinese Windows reads it), CRLF line
ends as RFC 4180 has them; a path is written atomically (a temporary file, then a rename).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Unpack

from hospital_inspection import _atomic
from hospital_inspection._table import Table, cell_text, spreadsheet_text
from hospital_inspection.exports.schedule import plan_table
from hospital_inspection.followup.table import ledger_table
from hospital_inspection.model.names import Lookups, Names
from hospital_inspection.model.visits import Plan

if TYPE_CHECKING:
    from hospital_inspection.dates.calendars import WorkCalendar
    from hospital_inspection.followup.ledger import Ledger
    from hospital_inspection.policy import Policy

__all__ = ["write_csv", "write_ledger_csv", "write_plan_csv"]


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
    names: Names | None = None,
    bom: bool = True,
    policy: Policy | None = None,
    calendar: WorkCalendar | None = None,
    **lookups: Unpack[Lookups],
) -> None:
    """Write the plan's schedule (:func:`plan_table`) as CSV; see :func:`write_csv`.

    ``policy`` and ``calendar``: for the days column, as in :func:`plan_table`.
    """
    table = plan_table(plan, names=names, policy=policy, calendar=calendar, **lookups)
    write_csv(table, file, bom=bom)


def write_ledger_csv(
    ledger: Ledger,
    path: str | os.PathLike[str],
    *,
    as_of: dt.date,
    names: Names | None = None,
    **lookups: Unpack[Lookups],
) -> Path:
    """Write the ledger as CSV, UTF-8 with a byte-order mark so that Excel reads the Chinese.

    Written atomically; returns the path.
    """
    write_csv(ledger_table(ledger, as_of, names=names, **lookups), path)
    return Path(path)
