"""Loaders: Excel and every CSV encoding an office's Excel writes read to the same hospitals."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection._date_sets import date_ranges
from hospital_inspection.loaders import EXPERT_COLUMNS, HOSPITAL_COLUMNS, read_csv

DATA = hi.sample_data("weihai")


def _hospital_rows() -> list[list[str]]:
    rows = [[heading for heading, _ in HOSPITAL_COLUMNS]]
    for h in DATA.hospitals:
        rows.append(
            [h.id, h.name, h.level.label, h.grade.label, h.category.label,
             h.ownership.label, h.authority, h.region or "", h.specialty or "", h.group or ""]
        )  # fmt: skip
    return rows


def _csv_text(rows: list[list[str]]) -> str:
    return "\n".join(",".join(row) for row in rows) + "\n"


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-8", "UTF-8"),
        ("utf-8-sig", "UTF-8 with BOM"),
        ("utf-16", "UTF-16"),
        ("gb18030", "GB18030"),
        ("gbk", "GB18030"),
    ],
)
def test_every_csv_encoding_reads_to_the_sample(tmp_path: Path, codec: str, name: str) -> None:
    path = tmp_path / "hospitals.csv"
    path.write_bytes(_csv_text(_hospital_rows()).encode(codec))
    assert hi.detect_encoding(path) == name
    assert hi.read_hospitals(path) == DATA.hospitals


def test_gb18030_is_not_mistaken_for_utf8(tmp_path: Path) -> None:
    data = _csv_text(_hospital_rows()).encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the point: this file is not UTF-8, and still reads
    path = tmp_path / "h.csv"
    path.write_bytes(data)
    assert hi.read_hospitals(path) == DATA.hospitals


def test_xlsx_reads_to_the_sample(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in _hospital_rows():
        book.active.append(row)
    book.active.append([])  # an empty row is skipped
    path = tmp_path / "hospitals.xlsx"
    book.save(path)
    assert hi.read_hospitals(path) == DATA.hospitals


def test_xlsx_numbers_and_dates_become_text(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["编号", "姓名", "所属区市"])
    book.active.append([1001.0, "张某", "huancui"])
    path = tmp_path / "experts.xlsx"
    book.save(path)
    assert hi.read_experts(path)[0].id == "1001"


def test_experts_round_trip_through_csv(tmp_path: Path) -> None:
    rows = [[h for h, _ in EXPERT_COLUMNS]] + [
        [e.id, e.name, e.home_region, e.employer or "",
         ";".join(r.label for r in e.roles), "、".join(sorted(e.specialties))]
        for e in DATA.experts
    ]  # fmt: skip
    path = tmp_path / "experts.csv"
    path.write_bytes(_csv_text(rows).encode("gb18030"))
    assert hi.read_experts(path) == DATA.experts


def test_duplicate_column_is_an_error_naming_both(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("编号,名称,医院名称,级别,类别,性质,主管部门\nH1,甲,乙,三级,综合医院,公立,a\n",
                    "utf-8")  # fmt: skip
    with pytest.raises(hi.DataError, match=r"'名称' and '医院名称' both give name"):
        read_csv(path, hi.Hospital)


def test_unknown_column_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("编号,医院名称,床位数\nH1,甲,500\n", "utf-8")
    with pytest.raises(hi.DataError, match=r"unknown column.*'床位数'"):
        hi.read_hospitals(path)


def test_undecodable_bytes_are_an_error(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_bytes(b"\x81\x30\xff\xff\xfe\x00\x80")
    with pytest.raises(hi.DataError, match="UTF-8, UTF-16 or GB18030"):
        hi.read_hospitals(path)


def test_a_field_over_the_csv_limit_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text('编号,医院名称\n"' + "x" * (csv.field_size_limit() + 10) + '",a\n', "utf-8")
    with pytest.raises(hi.DataError, match="not a valid CSV file"):
        hi.read_hospitals(path)


def test_a_broken_xlsx_is_an_error(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "h.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(hi.DataError, match=r"not a readable \.xlsx workbook"):
        hi.read_hospitals(path)


@pytest.mark.parametrize("heading", ["group", "医联体", "医疗集团"])
def test_a_medical_group_column_reads_to_hospital_group(tmp_path: Path, heading: str) -> None:
    rows = _hospital_rows()[:4]
    assert rows[0][-1] == "医联体"  # the template's heading; any accepted name reads the same
    rows[0][-1] = heading
    rows[1][-1] = "wendeng-1"
    rows[2][-1] = "wendeng-1"
    rows[3][-1] = ""
    path = tmp_path / "hospitals.csv"
    path.write_text(_csv_text(rows), encoding="utf-8")
    got = hi.read_hospitals(path)
    assert [h.group for h in got] == ["wendeng-1", "wendeng-1", None]
    assert [h.id for h in got] == [h.id for h in DATA.hospitals[:3]]


def _with_days_off(days: frozenset[dt.date]) -> list[list[str]]:
    text = ";".join(
        first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
        for first, last in date_ranges(days)
    )
    return [
        [h for h, _ in EXPERT_COLUMNS],
        ["P1", "某甲", "huancui", "", "专家;组长", "医疗质量", text],
        ["P2", "某乙", "wendeng", "", "专家", "", ""],
    ]


@settings(max_examples=40, deadline=None)
@given(st.frozensets(st.dates(dt.date(2025, 1, 1), dt.date(2026, 12, 31)), max_size=40))
def test_a_person_s_days_off_read_from_a_table_are_those_written(days: frozenset[dt.date]) -> None:
    """The 无法参加日期 column: days and ranges separated by ``;`` read to exactly the days
    written (ranges include both ends); an empty cell is no day off."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "experts.csv"
        path.write_bytes(_csv_text(_with_days_off(days)).encode("gb18030"))
        first, second = hi.read_experts(path)
    assert first.unavailable == days
    assert second.unavailable == frozenset()


def test_the_template_s_experts_columns_include_days_off() -> None:
    assert ("无法参加日期", "unavailable") in EXPERT_COLUMNS


@pytest.mark.parametrize("cell", ["2025-13-01", "2025-06-30..2025-06-01", "六月", "2025-06-01;x"])
def test_a_bad_day_off_is_an_error_naming_the_row_in_both_languages(
    tmp_path: Path, cell: str
) -> None:
    from hospital_inspection.i18n import error_text

    rows = _with_days_off(frozenset())
    rows[1][-1] = cell
    path = tmp_path / "experts.csv"
    path.write_text(_csv_text(rows), encoding="utf-8")
    with pytest.raises(hi.DataError) as caught:
        hi.read_experts(path)
    assert f"row 2.unavailable: {cell!r}: expected days (YYYY-MM-DD)" in str(caught.value)
    assert f"第2行 无法参加日期：{cell!r} 有误" in error_text(caught.value, "zh")
