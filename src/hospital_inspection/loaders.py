"""Read hospitals, experts, authorities and plans from the files people keep: Excel, CSV, JSON.

A table (``.xlsx`` — extra ``excel`` — or ``.csv``) has a header row with the model's field
names (English codes) or their Chinese column names (:data:`COLUMN_ALIASES`); list fields (roles,
specialties, a person's days off: ``2025-06-01..2025-06-30;2025-09-03``) are separated by ``;``
or ``、``. A CSV file may be UTF-8 (with or without a BOM),
UTF-16 (with a BOM) or GB18030 (which includes GBK, what Excel writes on a Chinese Windows);
:func:`detect_encoding` says which one was used. Every error names the file, the row and the
field::

    hospitals.csv row 4: level: '四级' is not a level; expected one of 一级, 二级, 三级, 未定级
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from hospital_inspection import _loaders_tabular
from hospital_inspection._atomic import write_bytes
from hospital_inspection._date_sets import DateSetError, to_date_set
from hospital_inspection._loaders_tabular import _BOMS as _BOMS
from hospital_inspection._loaders_tabular import _cell as _cell
from hospital_inspection._loaders_tabular import _csv_rows as _csv_rows
from hospital_inspection._loaders_tabular import _decode as _decode
from hospital_inspection._loaders_tabular import _read_bytes as _read_bytes
from hospital_inspection._loaders_tabular import _read_text, detect_encoding, read_rows
from hospital_inspection._loaders_tabular import _xlsx_rows as _xlsx_rows
from hospital_inspection.convert import structure, to_json
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan
from hospital_inspection.samples import SampleData, sample_data

__all__ = [
    "BUNDLE_FORMAT",
    "COLUMN_ALIASES",
    "ENCODINGS",
    "EXPERT_COLUMNS",
    "HOSPITAL_COLUMNS",
    "PlanBundle",
    "describe_file",
    "detect_encoding",
    "load_context",
    "load_plan",
    "load_plan_file",
    "read_csv",
    "read_experts",
    "read_hospitals",
    "read_json",
    "read_rows",
    "write_plan_bundle",
]

T = TypeVar("T")

#: Chinese column headings accepted for each field.
COLUMN_ALIASES: Mapping[str, str] = {
    "编号": "id",
    "名称": "name",
    "医院": "name",
    "医院名称": "name",
    "姓名": "name",
    "级别": "level",
    "等次": "grade",
    "类别": "category",
    "性质": "ownership",
    "举办主体": "ownership",
    "举办性质": "ownership",
    "所有制": "ownership",
    "医院级别": "level",
    "医院等次": "grade",
    "医疗机构类别": "category",
    "主管部门": "authority",
    "区市": "region",
    "所在区市": "region",
    "专科": "specialty",
    "医联体": "group",
    "医疗集团": "group",
    "所属区市": "home_region",
    "工作单位": "employer",
    "角色": "roles",
    "专业": "specialties",
    "无法参加日期": "unavailable",
    "上级": "parent",
    "规则": "rule",
    "报送单位": "by",
    "报送日期": "date",
}
_LIST_FIELDS = frozenset({"roles", "specialties", "unavailable"})

#: The columns of a hospitals table, as the template writes them: (Chinese heading, field).
HOSPITAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("编号", "id"),
    ("医院名称", "name"),
    ("级别", "level"),
    ("等次", "grade"),
    ("类别", "category"),
    ("举办性质", "ownership"),
    ("主管部门", "authority"),
    ("所在区市", "region"),
    ("专科", "specialty"),
    ("医联体", "group"),
)
#: The columns of an experts table (officials and team leaders too).
EXPERT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("编号", "id"),
    ("姓名", "name"),
    ("所属区市", "home_region"),
    ("工作单位", "employer"),
    ("角色", "roles"),
    ("专业", "specialties"),
    ("无法参加日期", "unavailable"),
)


#: Encodings tried for a CSV file without a byte-order mark, in order.
ENCODINGS: tuple[str, ...] = _loaders_tabular.ENCODINGS


def _header(path: Path, raw: list[str], fields: set[str]) -> list[str]:
    header = [COLUMN_ALIASES.get(h.strip(), h.strip()) for h in raw]
    problems: list[Message] = []
    unknown = [raw[i] for i, h in enumerate(header) if h not in fields and raw[i].strip()]
    if unknown:
        problems.append(
            Message(
                N_(
                    "header: unknown column(s) {unknown}; expected {fields} or their Chinese "
                    "names ({names})"
                ),
                {
                    "unknown": ", ".join(map(repr, unknown)),
                    "fields": ", ".join(sorted(fields)),
                    "names": ", ".join(k for k, v in COLUMN_ALIASES.items() if v in fields),
                },
            )
        )
    seen: dict[str, str] = {}
    for i, h in enumerate(header):
        if h in seen:
            problems.append(
                Message(
                    N_("header: columns {first} and {second} both give {field}; keep one"),
                    {"first": repr(seen[h]), "second": repr(raw[i]), "field": h},
                )
            )
        elif h:
            seen[h] = raw[i]
    if problems:
        raise DataError(problems, source=str(path))
    return header


def read_csv(path: str | Path, cl: type[T]) -> tuple[T, ...]:
    """Read one model per row of a table file: CSV (any encoding of :data:`ENCODINGS`, or with
    a BOM) or ``.xlsx`` (its first sheet; extra ``excel``).

    Empty cells are left out (the field's default applies); list fields split on ``;`` or ``、``;
    empty rows are skipped.

    Raises:
        DataError: naming the file, the row number (the header is row 1) and the field; an
            unknown or repeated column is named too.
    """
    path = Path(path)
    rows = read_rows(path)
    if not rows:
        raise DataError(Message(N_("empty file; expected a header row")), source=str(path))
    fields = {f.name for f in attrs.fields(cl)}  # type: ignore[arg-type]
    header = _header(path, rows[0], fields)
    items: list[T] = []
    problems: list[object] = []
    for number, raw in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in raw):
            continue
        if len(raw) > len(header) and any(c.strip() for c in raw[len(header) :]):
            problems.append(
                Message(
                    N_("row {row}: {cells} cells but {columns} columns"),
                    {"row": number, "cells": len(raw), "columns": len(header)},
                )
            )
            continue
        row: dict[str, Any] = {}
        for key, value in zip(header, raw, strict=False):
            if not key or not value.strip():
                continue
            value = value.strip()
            row[key] = (
                [x.strip() for x in value.replace("、", ";").split(";") if x.strip()]
                if key in _LIST_FIELDS
                else value
            )
        if "unavailable" in row:  # a person's days off: days and ranges, checked here
            try:
                row["unavailable"] = [
                    d.isoformat() for d in sorted(to_date_set(row["unavailable"]))
                ]
            except DateSetError:
                problems.append(
                    Message(
                        N_("row {row}.unavailable: {value}: expected days (YYYY-MM-DD) or ranges "
                           "(YYYY-MM-DD..YYYY-MM-DD) separated by ;"),
                        {"row": number, "value": repr(";".join(row["unavailable"]))},
                    )
                )  # fmt: skip
                continue
        try:
            items.append(structure(row, cl, path=f"row {number}"))
        except DataError as exc:
            problems.extend(exc.messages)
    if problems:
        raise DataError(problems, source=str(path))
    return tuple(items)


def read_hospitals(path: str | Path) -> tuple[Hospital, ...]:
    r"""Hospitals from a ``.xlsx``, ``.csv`` or ``.json`` file (see :func:`read_csv`).

    Example::

        >>> import hospital_inspection as hi, tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "医院.csv"
        >>> rows = ["编号,医院名称,级别,等次,类别,举办性质,主管部门",
        ...         "H1,示例医院,三级,甲等,综合医院,公立,wh"]
        >>> _ = f.write_bytes("\n".join(rows).encode("gbk"))
        >>> hi.read_hospitals(f)[0].rating, hi.detect_encoding(f)
        ('三级甲等', 'GB18030')
    """
    return _many(path, Hospital)


def read_experts(path: str | Path) -> tuple[Expert, ...]:
    """Experts (and officials) from a ``.xlsx``, ``.csv`` or ``.json`` file."""
    return _many(path, Expert)


def describe_file(path: str | Path) -> str:
    """How a data file is read, for a note: ``"Excel workbook"``, ``"CSV, GB18030"``, ``"JSON"``."""
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return "Excel workbook"
    if suffix == ".csv":
        return f"CSV, {detect_encoding(path)}"
    return "JSON"


def read_json(path: str | Path, cl: type[T]) -> T:
    """Read a JSON file into ``cl``.

    Raises:
        DataError: the file is missing, not JSON, or does not fit ``cl``.
    """
    path = Path(path)
    text = _read_text(path)
    data = _parse_json(text, path)
    try:
        return structure(data, cl)
    except DataError as exc:
        raise DataError(exc.messages, source=str(path)) from None


def _parse_json(text: str, path: Path) -> object:
    """``json.loads(text)``; a :class:`DataError` naming ``path`` when it is not JSON."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno, "char": exc.pos}
        problem = Message(
            N_("not valid JSON: {reason}: line {line} column {column} (char {char})"),
            {"reason": exc.msg, **where},
        )
        raise DataError(problem, source=str(path)) from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        problem = Message(N_("not valid JSON: {reason}"), {"reason": str(exc)})
        raise DataError(problem, source=str(path)) from None
    except RecursionError:
        problem = Message(N_("not valid JSON: nested too deeply"))
        raise DataError(problem, source=str(path)) from None


def load_context(
    data: str | Path | SampleData | None = None,
    *,
    hospitals: str | Path | None = None,
    experts: str | Path | None = None,
) -> SampleData:
    """The world a plan lives in: authorities, hospitals, experts.

    Args:
        data: ``"sample:weihai"`` for a built-in sample, a JSON file with ``authorities``,
            ``hospitals`` and ``experts`` (the shape of :class:`SampleData`), or a
            :class:`SampleData` itself.
        hospitals: an .xlsx, CSV or JSON file replacing the hospitals of ``data``.
        experts: an .xlsx, CSV or JSON file replacing the experts of ``data``.

    Raises:
        DataError: a file is missing or malformed.
    """
    if isinstance(data, SampleData):
        base = data
    elif data is None or str(data).startswith("sample:"):
        base = sample_data(str(data).split(":", 1)[1] if data else "weihai")
    else:
        base = read_json(data, SampleData)
    if hospitals is not None:
        base = attrs.evolve(base, hospitals=_many(hospitals, Hospital))
    if experts is not None:
        base = attrs.evolve(base, experts=_many(experts, Expert))
    return base


def _many(path: str | Path, cl: type[T]) -> tuple[T, ...]:
    if Path(path).suffix.lower() in (".csv", ".xlsx", ".xlsm"):
        return read_csv(path, cl)
    return read_json(path, tuple[cl, ...])  # type: ignore[valid-type]


#: The ``format`` of a plan bundle (``schedule --out``): a plan with what it was made from.
BUNDLE_FORMAT = "hospital-inspection/plan-bundle-1"


@attrs.frozen(kw_only=True)
class PlanBundle:
    """A plan with its context, so that ``check plan.json`` needs no other argument.

    Attributes:
        plan: the plan.
        context: the authorities, hospitals and experts it was made from.
        policy: the policy id (or the policy file's path) it was made under.
        interpretations: the readings chosen instead of the policy's defaults.
        calendar: ``"official"`` (China's working days) or ``"calendar"`` (every day).
        notes: what the scheduler did not do (hospitals left out …), one line each.
        calendar_years: year-arrangement files (``--calendar-year``) the calendar used.
        provisional: whether years without official data were guessed (``--provisional``).
        format: :data:`BUNDLE_FORMAT`.
    """

    plan: Plan
    context: SampleData
    policy: str
    interpretations: dict[str, str] = attrs.field(factory=dict)
    calendar: str = attrs.field(default="official")
    notes: tuple[str, ...] = ()
    calendar_years: tuple[str, ...] = ()
    provisional: bool = False
    format: str = BUNDLE_FORMAT

    def __attrs_post_init__(self) -> None:
        if self.format != BUNDLE_FORMAT:
            raise DataError(
                Message(
                    N_("format: {value} is not {expected}"),
                    {"value": repr(self.format), "expected": repr(BUNDLE_FORMAT)},
                )
            )
        if self.calendar not in ("official", "calendar"):
            raise DataError(
                Message(
                    N_("calendar: {value}; expected official or calendar"),
                    {"value": repr(self.calendar)},
                )
            )


def _json_file(path: Path) -> object:
    return _parse_json(_read_text(path), path)


def load_plan_file(path: str | Path) -> tuple[Plan, PlanBundle | None]:
    """A plan file: a plain plan (``hi.to_json(plan)``) or a bundle (``schedule --out``).

    Returns:
        The plan, and the bundle when the file is one (else ``None``).
    """
    path = Path(path)
    data = _json_file(path)
    try:
        if isinstance(data, dict) and "format" in data:
            bundle = structure(data, PlanBundle, path="bundle")
            return bundle.plan, bundle
        return structure(data, Plan), None
    except DataError as exc:
        raise DataError(exc.messages, source=str(path)) from None


def write_plan_bundle(path: str | Path, bundle: PlanBundle) -> None:
    """Write ``bundle`` as JSON (atomically; only a regular file is replaced)."""
    write_bytes(path, (to_json(bundle) + "\n").encode("utf-8"))


def load_plan(path: str | Path) -> Plan:
    """Read a plan from a JSON file (as written by ``hi.to_json(plan)`` or ``schedule --out``)."""
    return load_plan_file(path)[0]
