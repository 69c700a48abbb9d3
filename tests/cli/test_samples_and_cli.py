"""The built-in sample and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main

WEIHAI_REGIONS = {
    "huancui",
    "wendeng",
    "rongcheng",
    "rushan",
    "gaoqu",
    "jingqu",
    "lingang",
    "nanhai",
}


def test_weihai_sample_is_consistent() -> None:
    data = hi.sample_data("weihai")
    tree = data.authority_tree()
    assert {a.region for a in tree.children("weihai")} == WEIHAI_REGIONS
    hospital_ids = {h.id for h in data.hospitals}
    assert len(hospital_ids) == len(data.hospitals) >= 30
    for h in data.hospitals:
        assert h.authority in tree
        assert h.region in WEIHAI_REGIONS
        assert "虚构" in h.name
    for e in data.experts:
        assert e.employer is None or e.employer in hospital_ids
    assert {e.home_region for e in data.experts} == WEIHAI_REGIONS
    assert {h.level for h in data.hospitals} == set(hi.Level)
    assert {h.ownership for h in data.hospitals} == set(hi.Ownership)


def test_unknown_sample() -> None:
    with pytest.raises(hi.DataError, match="'mars' is not a sample"):
        hi.sample_data("mars")


def test_demo_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "威海市海鸥中心医院（虚构）" in out
    assert "三级甲等" in out


def test_demo_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert hi.structure(data, hi.SampleData) == hi.sample_data("weihai")


def test_bad_option_exits_2() -> None:
    with pytest.raises(SystemExit) as info:
        main(["demo", "--sample", "mars"])
    assert info.value.code == 2


def test_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hospital_inspection", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(hi.__file__).parents[1])},
    )
    assert result.returncode == 0
    assert "hospital-inspection" in result.stdout
