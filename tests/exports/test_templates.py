"""Excel templates: headings the loaders accept, an example row, drop-downs; they round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main

openpyxl = pytest.importorskip("openpyxl")

DATA = hi.sample_data("weihai")


def test_template_command_writes_templates_that_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hospitals, experts = tmp_path / "医院.xlsx", tmp_path / "专家.xlsx"
    assert main(["template", "--hospitals", str(hospitals), "--experts", str(experts)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert hi.read_hospitals(hospitals) == DATA.hospitals[:1]
    assert hi.read_experts(experts) == (next(e for e in DATA.experts if e.employer),)


def test_template_has_drop_downs_for_the_enumerations(tmp_path: Path) -> None:
    from hospital_inspection.exports.templates import write_template

    path = tmp_path / "h.xlsx"
    write_template(path, "hospitals")
    book = openpyxl.load_workbook(path)
    ws = book["医院"]
    headings = [c.value for c in ws[1]]
    covered = {
        headings[openpyxl.utils.column_index_from_string(str(rng).split(":")[0][0]) - 1]
        for dv in ws.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    assert covered == {"级别", "等次", "类别", "举办性质"}
    options = book["选项"]
    assert options.sheet_state == "hidden"
    level_col = [c.value for c in options["A"] if c.value is not None]
    assert level_col == ["级别", *(m.label for m in hi.Level)]


def test_template_refuses_a_name_that_is_not_xlsx(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["template", "--hospitals", str(tmp_path / "h.csv")]) == 2
    err = capsys.readouterr().err
    assert "name it FILE.xlsx" in err and len(err.strip().splitlines()) == 1


def test_template_refuses_to_replace_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "d.xlsx"
    folder.mkdir()
    assert main(["template", "--experts", str(folder)]) == 2
    assert "is a directory; refusing to replace it" in capsys.readouterr().err
    assert folder.is_dir()
