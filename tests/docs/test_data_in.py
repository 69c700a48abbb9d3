"""The docs' sample CSV files are the built-in sample; a year file and --provisional reach 2027."""

from __future__ import annotations

from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = hi.sample_data("weihai")


def test_the_docs_ship_the_sample_as_csv_files() -> None:
    assert hi.read_hospitals(ROOT / "docs/samples/weihai-hospitals.csv") == DATA.hospitals
    assert hi.read_experts(ROOT / "docs/samples/weihai-experts.csv") == DATA.experts
    assert hi.detect_encoding(ROOT / "docs/samples/weihai-hospitals.csv") == "UTF-8 with BOM"


# A made-up 2027 arrangement: the test needs a file of the right form, not the real notice.
YEAR_2027 = """
year = 2027
source = "a fictional arrangement, for the test only"
holidays = [2027-01-01, 2027-02-15]
workdays = []
"""


def test_a_year_file_or_provisional_reaches_2027(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["deadline", "--received", "2026-12-15", "--roll"]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "2027" in err and "--calendar-year" in err and len(err.strip().splitlines()) == 1
    year = tmp_path / "2027.toml"
    year.write_text(YEAR_2027, "utf-8")
    assert main([*argv, "--calendar-year", str(year)]) == 0
    out = capsys.readouterr().out
    assert "2027-02-16" in out  # 02-15 is a rest day in the file: rolled forward
    assert "PROVISIONAL" not in out
    assert main([*argv, "--provisional"]) == 0
    out = capsys.readouterr().out
    assert "2027-02-15" in out and "PROVISIONAL" in out


def test_a_bad_year_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    year = tmp_path / "2027.toml"
    year.write_text("year = 'soon'\n", "utf-8")
    assert main(["deadline", "--received", "2026-12-15", "--calendar-year", str(year)]) == 2
    err = capsys.readouterr().err
    assert str(year) in err and len(err.strip().splitlines()) == 1
