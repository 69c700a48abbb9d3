"""The command line says how it read each data file (issue 12: "saying which one they used")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hospital_inspection.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "samples"

ENCODINGS = [
    ("gb18030", "CSV in GB18030 (GBK)", "GB18030（GBK）编码的 CSV 文件"),
    ("utf-8-sig", "CSV in UTF-8 with a byte-order mark", "UTF-8（带字节顺序标记）编码的 CSV 文件"),
    ("utf-16", "CSV in UTF-16", "UTF-16 编码的 CSV 文件"),
    ("utf-8", "CSV in UTF-8", "UTF-8 编码的 CSV 文件"),
]


def _saved_as(tmp_path: Path, name: str, encoding: str) -> Path:
    path = tmp_path / f"{encoding}-{name}"
    path.write_bytes((SAMPLES / name).read_text(encoding="utf-8-sig").encode(encoding))
    return path


@pytest.mark.parametrize(("encoding", "en", "zh"), ENCODINGS)
def test_schedule_names_the_encoding_it_read_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], encoding: str, en: str, zh: str
) -> None:
    hospitals = _saved_as(tmp_path, "weihai-hospitals.csv", encoding)
    experts = _saved_as(tmp_path, "weihai-experts.csv", "utf-8")
    argv = ["schedule", "--hospitals", str(hospitals), "--experts", str(experts),
            "--start", "2025-09-01", "--json"]  # fmt: skip
    assert main([*argv, "--lang", "en"]) == 0
    out, err = capsys.readouterr()
    json.loads(out)  # the note stays off standard output: the JSON still parses
    assert f"--hospitals {hospitals}: read as {en}\n" in err
    assert f"--experts {experts}: read as CSV in UTF-8\n" in err
    assert main([*argv, "--lang", "zh"]) == 0
    assert f"--hospitals {hospitals}：按{zh}读取" in capsys.readouterr().err


def test_check_and_an_excel_file_are_named_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("openpyxl", reason="reading .xlsx needs the 'excel' extra")
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for line in (SAMPLES / "weihai-hospitals.csv").read_text(encoding="utf-8-sig").splitlines():
        sheet.append(line.split(","))
    xlsx = tmp_path / "hospitals.xlsx"
    book.save(xlsx)
    plan = tmp_path / "plan.json"
    assert main(["schedule", "--demo", "--out", str(plan)]) == 0
    assert "read as" not in capsys.readouterr().err  # nothing read from the user's files
    assert main(["check", str(plan), "--data", "sample:weihai", "--hospitals", str(xlsx)]) == 0
    assert f"--hospitals {xlsx}: read as an Excel workbook\n" in capsys.readouterr().err
