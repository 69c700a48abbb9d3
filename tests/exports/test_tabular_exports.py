"""The plan as a schedule: rows, CSV and xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection.exports import (
    PLAN_HEADERS,
    PLAN_SHEET,
    Table,
    plan_rows,
    plan_table,
    write_csv,
    write_plan_csv,
    write_plan_xlsx,
    write_xlsx,
)
from tests.support.extras import requires


def test_rows_follow_the_schedule_order_and_headers(plan: hi.Plan) -> None:
    rows = plan_rows(plan)
    assert [list(r) for r in rows] == [list(PLAN_HEADERS)] * 3
    # first_day, then hospital id, then visit id
    assert [r["医院"] for r in rows] == ["WH001", "WH002", "WH012"]
    assert [r["序号"] for r in rows] == ["1", "2", "3"]


def test_rows_without_lookups_show_ids(plan: hi.Plan) -> None:
    row = plan_rows(plan)[0]
    assert row == {
        "序号": "1",
        "医院": "WH001",
        "级别": "",
        "巡查单位": "weihai",
        "进驻日期": "2025-04-07",
        "结束日期": "2025-04-13",
        "天数（自然日）": "7",
        "组长": "WE011",
        "组员": "WE023、WE033、WE009（纠风办负责人）",
        "类型": "常规巡查",
        "方式": "事先通知",
    }


def test_rows_with_lookups_show_names(plan: hi.Plan, lookups: dict[str, Any]) -> None:
    rows = plan_rows(plan, **lookups)
    assert rows[0]["医院"] == "威海市海鸥中心医院（虚构）"
    assert rows[0]["级别"] == "三级甲等"
    assert rows[0]["巡查单位"] == "威海市卫生健康委员会"
    assert rows[0]["组长"] == "徐某甲11"
    assert rows[0]["组员"] == "李某乙23、胡某乙33、周某甲9（纠风办负责人）"
    assert rows[1]["类型"] == "回头看"
    assert rows[1]["组长"] == rows[1]["组员"] == ""
    assert rows[2]["方式"] == "暗访"


def test_lookups_accept_mappings(plan: hi.Plan, weihai: hi.SampleData) -> None:
    by_id = {h.id: h for h in weihai.hospitals}
    assert plan_rows(plan, hospitals=by_id) == plan_rows(plan, hospitals=weihai.hospitals)


def test_table_cells_keep_their_types(plan: hi.Plan) -> None:
    row = plan_table(plan).rows[0]
    assert row[0] == 1
    assert row[4] == dt.date(2025, 4, 7)
    assert row[6] == 7


def test_table_validates_its_shape() -> None:
    with pytest.raises(hi.DataError, match=r"rows\[0\]: 1 cells; expected 2"):
        Table(headers=["a", "b"], rows=[["x"]])
    with pytest.raises(hi.DataError, match="expected one or more non-empty strings"):
        Table(headers=[])
    with pytest.raises(hi.DataError, match="expected text, a number, a date or None"):
        Table(headers=["a"], rows=[[object()]])  # type: ignore[list-item]


def test_csv_has_a_bom_and_reads_back(tmp_path: Path, plan: hi.Plan, lookups: Any) -> None:
    path = tmp_path / "plan.csv"
    write_plan_csv(plan, path, **lookups)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows == plan_rows(plan, **lookups)


def test_csv_to_open_files(plan: hi.Plan) -> None:
    text, binary = io.StringIO(), io.BytesIO()
    write_plan_csv(plan, text)
    write_plan_csv(plan, binary, bom=False)
    assert text.getvalue().startswith("\ufeff序号,医院")
    assert binary.getvalue().decode("utf-8") == text.getvalue()[1:]


@requires("openpyxl")
def test_xlsx_reads_back(tmp_path: Path, plan: hi.Plan, lookups: dict[str, Any]) -> None:
    import openpyxl

    path = tmp_path / "plan.xlsx"
    write_plan_xlsx(plan, path, **lookups)
    ws = openpyxl.load_workbook(path)[PLAN_SHEET]
    assert ws["A1"].value == "大型医院巡查时间表（2024-2026）"
    assert [c.value for c in ws[2]] == list(PLAN_HEADERS)
    assert all(c.font.bold for c in ws[2])
    assert ws.max_row == 2 + len(plan.visits)
    first, last = ws["E3"], ws["F3"]
    assert first.is_date
    assert last.is_date
    assert first.value == dt.datetime(2025, 4, 7)
    assert last.value == dt.datetime(2025, 4, 13)
    assert ws["G3"].value == 7
    assert ws["B3"].value == "威海市海鸥中心医院（虚构）"
    assert ws.freeze_panes == "A3"
    assert ws.page_setup.orientation == "landscape"
    assert ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    # a hospital name of 13 Chinese characters needs about 26 columns
    assert ws.column_dimensions["B"].width >= 26


@requires("openpyxl")
def test_generic_table_to_xlsx_without_title(tmp_path: Path) -> None:
    import openpyxl

    ledger = Table(
        headers=["序号", "医院", "问题", "整改措施", "责任部门", "整改时限", "状态"],
        rows=[[1, "示例医院", "问题", "措施", "医务科", dt.date(2026, 3, 31), "整改中"]],
    )
    path = tmp_path / "ledger.xlsx"
    write_xlsx(ledger, path, sheet="整改台账")
    ws = openpyxl.load_workbook(path)["整改台账"]
    assert ws["A1"].value == "序号"
    assert ws.freeze_panes == "A2"
    assert ws["F2"].is_date


def test_generic_table_to_csv(tmp_path: Path) -> None:
    table = Table(headers=["序号", "整改时限", "备注"], rows=[[1, dt.date(2026, 3, 31), None]])
    path = tmp_path / "ledger.csv"
    write_csv(table, path)
    assert path.read_bytes().decode("utf-8-sig") == "序号,整改时限,备注\r\n1,2026-03-31,\r\n"


def test_bad_sheet_name(tmp_path: Path) -> None:
    with pytest.raises(hi.DataError, match="not a valid Excel sheet name"):
        write_xlsx(Table(headers=["a"]), tmp_path / "x.xlsx", sheet="a/b")
    assert not list(tmp_path.iterdir())


def test_empty_plan(tmp_path: Path) -> None:
    empty = hi.Plan(id="P", policy="p", authority="A")
    assert plan_rows(empty) == []
    write_plan_csv(empty, tmp_path / "e.csv")
    assert (tmp_path / "e.csv").read_text(encoding="utf-8-sig").startswith("序号,")


@requires("openpyxl")
def test_empty_plan_to_xlsx(tmp_path: Path) -> None:
    import openpyxl

    write_plan_xlsx(hi.Plan(id="P", policy="p", authority="A"), tmp_path / "e.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx")[PLAN_SHEET]
    assert [c.value for c in ws[2]][:2] == ["序号", "医院"]
    assert ws.max_row == 2
