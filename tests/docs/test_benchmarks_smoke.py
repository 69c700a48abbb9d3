"""The benchmark scripts' generator still builds instances the library schedules and accepts.

Not a timing test: speed is measured by the scripts in ``benchmarks/``, never here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

import hospital_inspection as hi
from hospital_inspection.scheduling import solve, verify

BENCHMARKS = Path(__file__).parents[2] / "benchmarks"


def _generate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", module)
    spec.loader.exec_module(module)
    return module


def test_small_generated_instance_schedules_and_checks_clean() -> None:
    generate = _generate()
    inst = generate.small(0, 12)
    request = inst.request()
    result = solve(request)
    assert verify(result.plan, request) == []
    report = hi.check_plan(result.plan, inst.policy, hospitals=inst.hospitals,
                           experts=inst.experts, authorities=inst.authorities)  # fmt: skip
    assert report.ok, report.render()
    assert result.stats.makespan >= result.stats.lower_bound


def test_the_office_bench_runs_small_and_prints_its_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """``bench_office.py --all`` on one 20-hospital round: the table the README holds, with
    every verdict met (the figures themselves come from the full run, not from here)."""
    pytest.importorskip("ortools", reason="bench_office.py compares with CP-SAT (extra 'solver')")
    sys.path[:0] = [str(BENCHMARKS)]
    spec = importlib.util.spec_from_file_location(
        "bench_office_smoke", BENCHMARKS / "bench_office.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    argv = ["--all", "--instances", "1", "--time-limit", "1", "--workers", "1", "--seeds", "0",
            "--national-seeds", "0", "--national-hospitals", "1500"]  # fmt: skip
    assert module.main(argv) == 0
    out = capsys.readouterr().out
    table = out[out.index("| objective (1 rounds") :]
    assert table.count("| meets |") == 6 and "MISSES" not in table, table
    with pytest.raises(SystemExit):
        module.main(["--write-readme"])  # only with --all
