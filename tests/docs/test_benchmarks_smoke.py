"""The benchmark scripts' generator still builds instances the library schedules and accepts.

Not a timing test: speed is measured by the scripts in ``benchmarks/``, never here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

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
