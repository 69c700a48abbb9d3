"""The README's performance table is the one ``benchmarks/run_all.py`` generates, in its format.

Nothing here times anything: the table's figures come from running the script (see the README).
"""

from __future__ import annotations

import re
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.benchmarks import script

ROOT = Path(__file__).parents[1]
README = ROOT / "README.md"
FIGURE = r"(\d+ ms|\d+\.\d{3} s|[\d,]+ / s)"
VERDICT = r"(meets|MISSES|info)( \(ratio \d\.\d{4}, \d+ violations\))?"


@pytest.fixture(scope="module")
def run_all() -> ModuleType:
    return script("run_all")


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


# -- the office table (issue 13): benchmarks/bench_office.py --all --write-readme -------------


@pytest.fixture(scope="module")
def bench_office() -> ModuleType:
    return script("bench_office")


def office_rows(**change: object) -> list[dict[str, object]]:
    """Two rounds per objective, CP-SAT proving the first; ``change`` alters every row."""
    rows: list[dict[str, object]] = []
    for objective in ("earliest", "spread", "balanced", "local"):
        for k in range(2):
            row = {"objective": objective, "g_s": 0.2, "g_cpu": 0.2, "opt": k == 0, "ok": True,
                   "gap": 0, "bound_gap": k, "bad": 0}  # fmt: skip
            rows.append({**row, **change})
    return rows


def office_verdicts(bench_office: ModuleType, text: str) -> list[str]:
    return [
        line.rsplit("|", 2)[1].strip()
        for line in text.splitlines()
        if line.startswith("| `") or line.startswith("| national")
    ]


def office_args(bench_office: ModuleType) -> object:
    return bench_office.argparse.Namespace(
        instances=2, time_limit=5.0, seeds=[0, 1, 2], national_seeds=[0], national_hospitals=15_000
    )


def test_the_office_table_says_meets_only_when_every_goal_is_met(bench_office: ModuleType) -> None:
    args = office_args(bench_office)
    good = bench_office.table(office_rows(), [0, 0, 1], ([1.5], 0), args, "m")
    assert office_verdicts(bench_office, good) == ["meets"] * 6
    assert "| `earliest` | 1 of 2 | 1 of 1 | 0 | 1 | 0.20 s | 0 | meets |" in good
    for rows, excess, national in [
        (office_rows(g_s=1.2), [0, 0, 0], ([1.5], 0)),  # the greedy over 1 s
        (office_rows(ok=False), [0, 0, 0], ([1.5], 0)),  # not within 2% of a proven optimum
        (office_rows(bad=1), [0, 0, 0], ([1.5], 0)),  # a violation
    ]:
        verdicts = office_verdicts(
            bench_office, bench_office.table(rows, excess, national, args, "")
        )
        assert verdicts[:4] == ["MISSES"] * 4 and verdicts[4:] == ["meets"] * 2
    unproved = office_rows(ok=False, opt=False)  # no optimum proved: nothing to be within
    assert (
        office_verdicts(bench_office, bench_office.table(unproved, [0], ([1], 0), args, ""))[:4]
        == ["meets"] * 4
    )
    repair = bench_office.table(office_rows(), [0, 2, 3], ([1.5], 0), args, "")
    assert office_verdicts(bench_office, repair)[4] == "MISSES"  # median 2 > 1
    national = bench_office.table(office_rows(), [0], ([1.5, 5.5], 0), args, "")
    assert office_verdicts(bench_office, national)[5] == "MISSES"


def test_the_readme_office_table_is_generated(bench_office: ModuleType, tmp_path: Path) -> None:
    text = README.read_text("utf-8")
    start, end = text.find(bench_office.README_BEGIN), text.find(bench_office.README_END)
    assert 0 <= start < end, "the README lacks the office table's markers"
    block = text[start + len(bench_office.README_BEGIN) : end]
    assert len(office_verdicts(bench_office, block)) == 6
    assert re.search(r"\nMachine: \d+ cores .*UTC; the whole run took \d+ min\n$", block)
    readme = tmp_path / "README.md"
    readme.write_text(
        f"x\n{bench_office.README_BEGIN}\nold\n{bench_office.README_END}\ny\n", "utf-8"
    )
    bench_office.write_readme("new\n", readme)
    assert readme.read_text("utf-8") == (
        f"x\n{bench_office.README_BEGIN}\nnew\n{bench_office.README_END}\ny\n"
    )
