"""Reading table files as rows of text: CSV in any of the accepted encodings, and ``.xlsx``.

It holds the encoding detection (byte-order marks, then UTF-8 and GB18030), the CSV and Excel
readers that turn a file into a list of rows of cell texts, and the file-reading helpers that
word every failure as a :class:`~hospital_inspection.DataError` naming the file. Its public
names (:func:`detect_encoding`, :func:`read_rows`, :data:`ENCODINGS`) are imported back into
:mod:`hospital_inspection.loaders`; import them from there.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from pathlib import Path

from hospital_inspection._extras import require
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message

#: Encodings tried for a CSV file without a byte-order mark, in order.
ENCODINGS: tuple[str, ...] = ("UTF-8", "GB18030")

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8 with BOM"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise DataError(Message(N_("{path}: no such file"), {"path": path})) from None
    except (OSError, ValueError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DataError(
            Message(N_("{path}: cannot be read ({reason})"), {"path": path, "reason": reason})
        ) from None


def _decode(data: bytes, path: Path) -> tuple[str, str]:
    """The text of ``data`` and the name of the encoding it was in."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise DataError(
                    Message(
                        N_("{path}: starts like {name} but is not ({reason})"),
                        {"path": path, "name": name, "reason": exc},
                    )
                ) from None
    for name in ENCODINGS:
        try:
            return data.decode(name.lower()), name
        except UnicodeDecodeError:
            continue
    raise DataError(
        Message(
            N_(
                "{path}: is not text in UTF-8, UTF-16 or GB18030/GBK; save it from Excel as "
                "'CSV UTF-8' or as .xlsx"
            ),
            {"path": path},
        )
    )


def detect_encoding(path: str | Path) -> str:
    """The encoding a CSV file is read with: ``"UTF-8"``, ``"UTF-8 with BOM"``, ``"UTF-16"`` or
    ``"GB18030"`` (GBK files are GB18030 too).

    Raises:
        DataError: the file cannot be read or is in none of these encodings.
    """
    path = Path(path)
    return _decode(_read_bytes(path), path)[1]


def _read_text(path: Path) -> str:
    return _decode(_read_bytes(path), path)[0]


def _csv_rows(path: Path) -> list[list[str]]:
    try:
        return list(csv.reader(io.StringIO(_read_text(path), newline="")))
    except csv.Error as exc:
        raise DataError(
            Message(N_("{path}: not a valid CSV file ({reason})"), {"path": path, "reason": exc})
        ) from None


def _cell(value: object) -> str:
    """An Excel cell as text: whole numbers without ``.0``, dates as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _xlsx_rows(path: Path) -> list[list[str]]:
    openpyxl = require("openpyxl", feature="reading .xlsx files", extra="excel")
    data = _read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise DataError(
            Message(
                N_("{path}: not a readable .xlsx workbook ({reason})"),
                {"path": path, "reason": type(exc).__name__},
            )
        ) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def read_rows(path: str | Path) -> list[list[str]]:
    """The rows of a table file (``.xlsx`` first sheet, else CSV), each a list of cell texts."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _xlsx_rows(path)
    return _csv_rows(path)
