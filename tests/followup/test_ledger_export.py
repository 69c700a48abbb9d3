"""The ledger as a table: rows, CSV with a BOM, a printable xlsx, written atomically."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.followup.table import LEDGER_COLUMNS

D = dt.date


@pytest.fixture
def ledger(weihai_policy: hi.Policy) -> hi.Ledger:
    ledger = hi.Ledger(policy=weihai_policy)
    ledger.add_finding(
        hi.Finding(id="F1", hospital="H001", round="2025", description="未建立整改台账",
                   found_on=D(2025, 11, 20), found_by="E01", checklist_item="三、(二)3.(6)",
                   severity="较重", triggers=("rectification_required",)),
        responsible="医务科",
    )  # fmt: skip
    ledger.add_finding(
        hi.Finding(id="F2", hospital="H002", round="2025", description="线索：收受回扣",
                   found_on=D(2025, 11, 21), found_by="E02", triggers=("violation_clue",))
    )  # fmt: skip
    ledger.record_feedback("H001", D(2025, 12, 31))
    ledger.record_progress("F1-1", "整改中", on=D(2026, 1, 5), by="医务科")
    return ledger


HOSPITALS = (
    hi.Hospital(id="H001", name="示例市第一人民医院", level="三级", category="综合医院",
                ownership="公立", authority="weihai-huancui"),
)  # fmt: skip


def test_office_columns_come_first() -> None:
    assert LEDGER_COLUMNS[:2] == ("序号", "医院")
    for name in ("问题", "整改措施", "责任部门", "整改时限", "状态"):
        assert name in LEDGER_COLUMNS


def test_rows_as_of_a_date(ledger: hi.Ledger) -> None:
    rows = hi.ledger_rows(ledger, D(2026, 3, 2), hospitals=HOSPITALS)
    assert len(rows) == 3
    first = dict(zip(LEDGER_COLUMNS, rows[0], strict=True))
    assert first == {
        "序号": 1, "医院": "示例市第一人民医院", "巡查轮次": "2025", "问题": "未建立整改台账",
        "巡查重点条目": "三、(二)3.(6)", "严重程度": "较重", "整改措施": "公示",
        "措施依据": "威卫办〔2024〕11号 四、(三)", "责任单位": "巡查单位", "责任部门": "医务科",
        "反馈意见收到日期": None, "整改时限": None,
        "时限说明": "威卫办〔2024〕11号 四、(三) sets no period for 公示", "状态": "整改中",
        "逾期天数": None, "最近更新": D(2026, 1, 5),
    }  # fmt: skip
    report = dict(zip(LEDGER_COLUMNS, rows[2], strict=True))
    assert report == {
        "序号": 3, "医院": "示例市第一人民医院", "巡查轮次": "2025", "问题": "（本轮全部问题）",
        "巡查重点条目": None, "严重程度": None, "整改措施": "整改报告",
        "措施依据": "威卫办〔2024〕11号 四、(三)", "责任单位": "医疗机构", "责任部门": None,
        "反馈意见收到日期": D(2025, 12, 31), "整改时限": D(2026, 2, 28), "时限说明": "四、(三)",
        "状态": "待整改", "逾期天数": 2, "最近更新": D(2025, 12, 31),
    }  # fmt: skip
    clue = dict(zip(LEDGER_COLUMNS, rows[1], strict=True))
    assert clue["医院"] == "H002"
    assert clue["整改时限"] is None
    assert clue["逾期天数"] is None
    assert len(hi.ledger_rows(ledger, D(2025, 11, 20))) == 1  # F2 did not exist yet


def test_csv_is_utf8_with_bom(ledger: hi.Ledger, tmp_path: Path) -> None:
    path = hi.write_ledger_csv(ledger, tmp_path / "台账.csv", as_of=D(2026, 3, 2))
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert tuple(rows[0]) == LEDGER_COLUMNS
    due, overdue = LEDGER_COLUMNS.index("整改时限"), LEDGER_COLUMNS.index("逾期天数")
    assert rows[3][due] == "2026-02-28"
    assert rows[3][overdue] == "2"
    assert rows[3][LEDGER_COLUMNS.index("责任单位")] == "医疗机构"
    assert len(rows) == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.csv"]


def test_xlsx_layout(ledger: hi.Ledger, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    path = hi.write_ledger_xlsx(
        ledger, tmp_path / "ledger.xlsx", as_of=D(2026, 3, 2), hospitals=HOSPITALS
    )
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "整改台账"
    assert "2026-03-02" in ws["A2"].value
    assert tuple(c.value for c in ws[3]) == LEDGER_COLUMNS
    assert ws["B4"].value == "示例市第一人民医院"
    due = LEDGER_COLUMNS.index("整改时限") + 1
    assert ws.cell(row=6, column=due).value.date() == D(2026, 2, 28)
    assert ws.freeze_panes == "A4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.max_row == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.xlsx"]


def test_xlsx_without_openpyxl_names_the_extra(
    ledger: hi.Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(hi.MissingExtraError, match=r"hospital-inspection\[excel\]"):
        hi.write_ledger_xlsx(ledger, tmp_path / "x.xlsx", as_of=D(2026, 3, 2))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file(
    ledger: hi.Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.csv"
    path.write_bytes(b"old")

    def boom(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("hospital_inspection._atomic.os.fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        hi.write_ledger_csv(ledger, path, as_of=D(2026, 3, 2))
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.csv"]
