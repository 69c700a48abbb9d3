"""Read hospitals, experts, authorities and plans from the files people keep: CSV and JSON.

A CSV file has a header row with the model's field names (English codes) or their Chinese column
names; list fields (roles, specialties) are separated by ``;`` or ``、``. Every error names the
file, the row and the field::

    hospitals.csv row 4: level: '四级' is not a level; expected one of 一级, 二级, 三级, 未定级
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import attrs

from hospital_inspection.convert import structure
from hospital_inspection.errors import DataError
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.model.visits import Plan
from hospital_inspection.samples import SampleData, sample_data

__all__ = ["COLUMN_ALIASES", "load_context", "load_plan", "read_csv", "read_json"]

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
    "主管部门": "authority",
    "区市": "region",
    "所在区市": "region",
    "专科": "specialty",
    "所属区市": "home_region",
    "工作单位": "employer",
    "角色": "roles",
    "专业": "specialties",
    "上级": "parent",
}
_LIST_FIELDS = frozenset({"roles", "specialties"})


def _read_text(path: Path) -> str:
    try:
        return path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise DataError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{path}: cannot be read as UTF-8 text ({exc})") from None


def read_csv(path: str | Path, cl: type[T]) -> tuple[T, ...]:
    """Read one model per row of a CSV file.

    Empty cells are left out (the field's default applies); list fields split on ``;`` or ``、``.

    Raises:
        DataError: naming the file, the row number (the header is row 1) and the field.
    """
    path = Path(path)
    reader = csv.DictReader(io.StringIO(_read_text(path)))
    fields = {f.name for f in attrs.fields(cl)}  # type: ignore[arg-type]
    header = [COLUMN_ALIASES.get(h.strip(), h.strip()) for h in reader.fieldnames or ()]
    unknown = [h for h in header if h not in fields]
    if unknown:
        raise DataError(
            f"{path} header: unknown column(s) {', '.join(unknown)}; "
            f"expected {', '.join(sorted(fields))}"
        )
    items: list[T] = []
    problems: list[str] = []
    for number, raw in enumerate(reader, start=2):
        row: dict[str, Any] = {}
        for key, value in zip(header, raw.values(), strict=False):
            if value is None or not value.strip():
                continue
            value = value.strip()
            row[key] = (
                [x.strip() for x in value.replace("、", ";").split(";") if x.strip()]
                if key in _LIST_FIELDS
                else value
            )
        try:
            items.append(structure(row, cl, path=f"row {number}"))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems, source=str(path))
    return tuple(items)


def read_json(path: str | Path, cl: type[T]) -> T:
    """Read a JSON file into ``cl``.

    Raises:
        DataError: the file is missing, not JSON, or does not fit ``cl``.
    """
    path = Path(path)
    text = _read_text(path)
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise DataError(f"not valid JSON: {exc}", source=str(path)) from None
    try:
        return structure(data, cl)
    except DataError as exc:
        raise DataError(exc.problems, source=str(path)) from None


def load_context(
    data: str | Path | None = None,
    *,
    hospitals: str | Path | None = None,
    experts: str | Path | None = None,
) -> SampleData:
    """The world a plan lives in: authorities, hospitals, experts.

    Args:
        data: ``"sample:weihai"`` for a built-in sample, or a JSON file with ``authorities``,
            ``hospitals`` and ``experts`` (the shape of :class:`SampleData`).
        hospitals: a CSV or JSON file replacing the hospitals of ``data``.
        experts: a CSV or JSON file replacing the experts of ``data``.

    Raises:
        DataError: a file is missing or malformed.
    """
    if data is None or str(data).startswith("sample:"):
        base = sample_data(str(data).split(":", 1)[1] if data else "weihai")
    else:
        base = read_json(data, SampleData)
    if hospitals is not None:
        base = attrs.evolve(base, hospitals=_many(hospitals, Hospital))
    if experts is not None:
        base = attrs.evolve(base, experts=_many(experts, Expert))
    return base


def _many(path: str | Path, cl: type[T]) -> tuple[T, ...]:
    if str(path).lower().endswith(".csv"):
        return read_csv(path, cl)
    return read_json(path, tuple[cl, ...])  # type: ignore[valid-type]


def load_plan(path: str | Path) -> Plan:
    """Read a plan from a JSON file (as written by ``hi.to_json(plan)``)."""
    return read_json(path, Plan)
