"""The README's performance table is the one ``benchmarks/run_all.py`` generates, in its format.

Nothing here times anything: the table's figures come from running the script (see the README).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
FIGURE = r"(\d+ ms|\d+\.\d{3} s|[\d,]+ / s)"
VERDICT = r"(meets|MISSES|info)( \(ratio \d\.\d{4}, \d+ violations\))?"


@pytest.fixture(scope="module")
def run_all() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "bench_run_all", ROOT / "benchmarks" / "run_all.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_run_all", module)
    spec.loader.exec_module(module)
    return module


def table_problems(text: str, run_all: ModuleType) -> list[str]:
    """What is wrong with a generated table (empty when it has the script's format)."""
    lines = text.strip().splitlines()
    problems = []
    if lines[:2] != [run_all.HEADER, run_all.RULE]:
        problems.append(f"header: {lines[:2]}")
    rows = lines[2 : 2 + len(run_all.ROWS)]
    if len(rows) != len(run_all.ROWS):
        problems.append(f"{len(rows)} rows; expected {len(run_all.ROWS)}")
    for row, line in zip(run_all.ROWS, rows, strict=False):
        pattern = (
            rf"\| {re.escape(row.measure)} \| {re.escape(row.goal)} \| {FIGURE} \| {FIGURE} "
            rf"\| ({FIGURE}|—) \| {VERDICT} \|"
        )
        if not re.fullmatch(pattern, line):
            problems.append(f"row {row.key}: {line!r}")
    if not re.fullmatch(r"Machine: \d+ cores .*UTC", lines[-1]):
        problems.append(f"machine line: {lines[-1]!r}")
    return problems


def generated_part(text: str, run_all: ModuleType) -> str:
    found = re.search(re.escape(run_all.BEGIN) + r"\n(.*?)" + re.escape(run_all.END), text, re.S)
    assert found is not None, "the README lacks the generated table's markers"
    return found.group(1)


def fake_results(run_all: ModuleType) -> dict[str, object]:
    results: dict[str, object] = {row.key: [0.5, 0.25, 0.75, 0.5, 0.5] for row in run_all.ROWS}
    results.update(_n=[3.0e5], _n_deadlines=[7600.0], _ratio=1.012, _violations=0.0)
    results["check_cpu"] = [0.4, 0.3]
    return results


def test_the_readme_table_has_the_generated_format(run_all: ModuleType) -> None:
    text = generated_part(README.read_text("utf-8"), run_all)
    assert table_problems(text, run_all) == []


def test_the_generator_writes_what_the_check_accepts(run_all: ModuleType, tmp_path: Path) -> None:
    generated = run_all.table(fake_results(run_all), "2 cores (x), Linux, Python 3; 2026-01-01 UTC")
    assert table_problems(generated, run_all) == []
    assert "| 0.250 s | 0.500 s | 0.300 s | meets |" in generated  # check_plan: min, median, CPU
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{run_all.BEGIN}\nstale figures\n{run_all.END}\n\nafter\n", "utf-8")
    run_all.write_readme(generated, readme)
    text = readme.read_text("utf-8")
    assert generated_part(text, run_all) == generated
    assert text.endswith(f"{run_all.END}\n\nafter\n") and "stale" not in text


def test_verdicts_follow_the_goals(run_all: ModuleType) -> None:
    results = fake_results(run_all)
    results["check"] = [0.6] * 5  # goal <= 0.5 s
    results["decisions"] = [0.1] * 5  # 3e5 decisions in 0.1 s: 3,000,000 / s
    results["_ratio"] = 1.02  # over 1.015: the schedule row misses even when fast enough
    lines = run_all.table(results, "m").splitlines()
    verdict = {
        row.key: lines[2 + i].rsplit("|", 2)[1].strip() for i, row in enumerate(run_all.ROWS)
    }
    assert verdict["check"] == "MISSES"
    assert verdict["decisions"] == "meets"
    assert verdict["schedule"].startswith("MISSES (ratio 1.0200")
    assert verdict["import"] == "MISSES"  # 0.25 s is over 100 ms
