"""The benchmark scripts' generator still builds instances the library schedules and accepts.

Not a timing test: speed is measured by the scripts in ``benchmarks/``, never here.
"""

from __future__ import annotations

import pytest

import hospital_inspection as hi
from hospital_inspection.scheduling import solve, verify
from tests.support.benchmarks import script


def test_small_generated_instance_schedules_and_checks_clean() -> None:
    generate = script("generate")
    inst = generate.small(0, 12)
    request = inst.request()
    result = solve(request)
    assert verify(result.plan, request) == []
    report = hi.check_plan(result.plan, inst.policy, hospitals=inst.hospitals,
                           experts=inst.experts, authorities=inst.authorities)  # fmt: skip
    assert report.ok, report.render()
    assert result.stats.makespan >= result.stats.lower_bound


def test_the_office_bench_runs_small_and_prints_its_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``bench_office.py --all`` on one 20-hospital round: the table the README holds, with
    every verdict met (the figures themselves come from the full run, not from here)."""
    pytest.importorskip("ortools", reason="bench_office.py compares with CP-SAT (extra 'solver')")
    module = script("bench_office")
    argv = ["--all", "--instances", "1", "--time-limit", "1", "--workers", "1", "--seeds", "0",
            "--national-seeds", "0", "--national-hospitals", "1500"]  # fmt: skip
    assert module.main(argv) == 0
    out = capsys.readouterr().out
    table = out[out.index("| objective (1 rounds") :]
    assert table.count("| meets |") == 6 and "MISSES" not in table, table
    with pytest.raises(SystemExit):
        module.main(["--write-readme"])  # only with --all
