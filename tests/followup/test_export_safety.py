"""Every xlsx and CSV the library writes keeps text as text: no cell becomes a formula.

A hospital's name or a finding typed as ``=HYPERLINK("http://…")`` must not run when an office
opens the ledger (整改台账) or the schedule (巡查时间表) in a spreadsheet program.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.exports import (
    FORMULA_STARTS,
    Table,
    spreadsheet_text,
    write_csv,
    write_ledger_csv,
    write_ledger_xlsx,
    write_plan_csv,
    write_plan_xlsx,
    write_xlsx,
)
from tests.support.extras import requires

D = dt.date
EVIL = '=HYPERLINK("http://example.invalid/x","点此")'


def _csv_cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def _xlsx_cells(path: Path) -> list[Any]:
    import openpyxl

    ws = openpyxl.load_workbook(path).active
    return [c for row in ws.iter_rows() for c in row if c.value is not None]


printable = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=12)
risky_text = st.builds(lambda start, rest: start + rest, st.sampled_from(FORMULA_STARTS), printable)


@settings(max_examples=30, deadline=None)
@given(texts=st.lists(risky_text | printable.filter(bool), min_size=1, max_size=4))
def test_csv_text_cells_are_never_formulas(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("cells")
    table = Table(headers=[f"列{n}" for n in range(len(texts))], rows=[texts, [-1] * len(texts)])
    write_csv(table, folder / "t.csv")
    text_row, number_row = _csv_cells(folder / "t.csv")[1:]
    for written, original in zip(text_row, texts, strict=True):
        starts_risky = original.startswith(FORMULA_STARTS)
        assert written == (f"'{original}" if starts_risky else original)
    assert number_row == ["-1"] * len(texts)  # numbers stay numbers


@requires("openpyxl")
@settings(max_examples=30, deadline=None)
@given(texts=st.lists(risky_text | printable.filter(bool), min_size=1, max_size=4))
def test_xlsx_text_cells_are_never_formulas(
    tmp_path_factory: pytest.TempPathFactory, texts: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("cells")
    table = Table(headers=[f"列{n}" for n in range(len(texts))], rows=[texts, [-1] * len(texts)])
    write_xlsx(table, folder / "t.xlsx", title=texts[0], subtitle=texts[-1])
    cells = _xlsx_cells(folder / "t.xlsx")
    assert all(c.data_type != "f" for c in cells)
    texts_in_sheet = [c.value for c in cells if isinstance(c.value, str)]
    for text in texts:
        assert text.replace("\r", "\n") in texts_in_sheet or text in texts_in_sheet


def test_spreadsheet_text_only_guards_risky_starts() -> None:
    assert spreadsheet_text("=1+1") == "'=1+1"
    assert spreadsheet_text("\t=1") == "'\t=1"
    assert spreadsheet_text("医院=1") == "医院=1"


@requires("openpyxl")
def test_the_ledger_exports_keep_a_formula_as_text(tmp_path: Path) -> None:
    ledger = hi.Ledger()
    ledger.add_finding(
        hi.Finding(id="F1", hospital="@H1", round="2025", description=EVIL,
                   found_on=D(2025, 11, 20), found_by="E01")
    )  # fmt: skip
    ledger.add_measure("F1", hi.Measure(code="manual", label="+整改"), responsible="-医务科")
    write_ledger_csv(ledger, tmp_path / "l.csv", as_of=D(2025, 12, 1))
    write_ledger_xlsx(ledger, tmp_path / "l.xlsx", as_of=D(2025, 12, 1))
    row = _csv_cells(tmp_path / "l.csv")[1]
    assert {"'" + EVIL, "'@H1", "'+整改", "'-医务科"} <= set(row)
    cells = _xlsx_cells(tmp_path / "l.xlsx")
    assert [c for c in cells if c.data_type == "f"] == []
    assert {EVIL, "@H1", "+整改", "-医务科"} <= {c.value for c in cells}


@requires("openpyxl")
def test_the_plan_exports_keep_a_formula_as_text(tmp_path: Path) -> None:
    data = hi.sample_data("weihai")
    plan = hi.schedule(
        data.hospitals[:2], data.experts, hi.load_policy("weihai-2024-2026"),
        authorities=data.authorities, start=D(2025, 3, 3),
    )  # fmt: skip
    hospitals = [attrs.evolve(h, name=EVIL) for h in data.hospitals]
    write_plan_csv(plan, tmp_path / "p.csv", hospitals=hospitals)
    write_plan_xlsx(plan, tmp_path / "p.xlsx", hospitals=hospitals)
    assert "'" + EVIL in _csv_cells(tmp_path / "p.csv")[1]
    cells = _xlsx_cells(tmp_path / "p.xlsx")
    assert [c for c in cells if c.data_type == "f"] == []
    assert EVIL in {c.value for c in cells}
