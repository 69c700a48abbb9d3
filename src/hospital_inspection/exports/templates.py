"""Blank Excel templates for an office's own hospitals and experts (extra ``excel``).

A template has the Chinese column headings :func:`hospital_inspection.read_hospitals` and
:func:`~hospital_inspection.read_experts` accept, one filled example row (from the built-in Weihai
sample; overwrite or delete it) and drop-down lists (data validation) for the enumerations: 级别,
等次, 类别, 举办性质 and 角色. The choices live on a second sheet, ``选项``.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from hospital_inspection import _atomic
from hospital_inspection._extras import require
from hospital_inspection.enums import Category, Grade, LabeledEnum, Level, Ownership, Role
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.loaders import EXPERT_COLUMNS, HOSPITAL_COLUMNS
from hospital_inspection.samples import sample_data

__all__ = ["TEMPLATE_KINDS", "write_template"]

#: What a template can be for.
TEMPLATE_KINDS: tuple[str, ...] = ("hospitals", "experts")

_CHOICES: dict[str, type[LabeledEnum]] = {
    "level": Level,
    "grade": Grade,
    "category": Category,
    "ownership": Ownership,
    "roles": Role,
}
#: Fields that may hold several choices (``;``-separated): the drop-down suggests, never refuses.
_MULTI = frozenset({"roles"})
_ROWS = 1000


def _example(kind: str) -> list[str]:
    data = sample_data("weihai")
    if kind == "hospitals":
        h = data.hospitals[0]
        return [
            h.id,
            h.name,
            h.level.label,
            h.grade.label,
            h.category.label,
            h.ownership.label,
            h.authority,
            h.region or "",
            h.specialty or "",
            h.group or "",
        ]
    e = next(x for x in data.experts if x.employer)
    return [
        e.id,
        e.name,
        e.home_region,
        e.employer or "",
        ";".join(sorted(r.label for r in e.roles)),
        ";".join(sorted(e.specialties)),
    ]


def write_template(path: str | os.PathLike[str], kind: str) -> None:
    """Write a blank ``.xlsx`` template for ``kind`` (``"hospitals"`` or ``"experts"``).

    Args:
        path: where; written atomically (an existing regular file is replaced).
        kind: one of :data:`TEMPLATE_KINDS`.

    Raises:
        DataError: ``kind`` is not a template kind, or ``path`` cannot be replaced.
        MissingExtraError: openpyxl is not installed.
    """
    if kind not in TEMPLATE_KINDS:
        raise DataError(
            Message(
                N_("kind: {value} is not a template; expected one of hospitals, experts"),
                {"value": repr(kind)},
            )
        )
    openpyxl = require("openpyxl", feature="Excel templates", extra="excel")
    styles = require("openpyxl.styles", feature="Excel templates", extra="excel")
    utils = require("openpyxl.utils", feature="Excel templates", extra="excel")
    validation = require("openpyxl.worksheet.datavalidation", feature="Excel templates",
                         extra="excel")  # fmt: skip
    columns: Sequence[tuple[str, str]] = HOSPITAL_COLUMNS if kind == "hospitals" else EXPERT_COLUMNS

    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "医院" if kind == "hospitals" else "专家"
    options = book.create_sheet("选项")
    ws.append([heading for heading, _ in columns])
    ws.append(_example(kind))
    for cell in ws[1]:
        cell.font = styles.Font(bold=True)
        cell.fill = styles.PatternFill("solid", fgColor="DDEBF7")
    ws.freeze_panes = "A2"
    option_col = 0
    for col, (heading, field) in enumerate(columns, start=1):
        letter = utils.get_column_letter(col)
        ws.column_dimensions[letter].width = 24 if field == "name" else 14
        enum = _CHOICES.get(field)
        if enum is None:
            continue
        option_col += 1
        opt_letter = utils.get_column_letter(option_col)
        options.cell(row=1, column=option_col, value=heading)
        labels = [m.label for m in enum]
        for r, label in enumerate(labels, start=2):
            options.cell(row=r, column=option_col, value=label)
        rule = validation.DataValidation(
            type="list",
            formula1=f"'选项'!${opt_letter}$2:${opt_letter}${len(labels) + 1}",
            allow_blank=True,
            showErrorMessage=field not in _MULTI,
            errorTitle=heading,
            error=f"请从下拉列表中选择{heading}",
            promptTitle=heading,
            prompt="可填多个，用;分隔" if field in _MULTI else f"请选择{heading}",
            showInputMessage=True,
        )
        rule.add(f"{letter}2:{letter}{_ROWS}")
        ws.add_data_validation(rule)
    options.sheet_state = "hidden"
    with _atomic.atomic_path(path) as tmp:
        book.save(tmp)
