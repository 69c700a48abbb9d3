"""Every performance goal of the project, measured in one run: goal, min and median, the machine.

    python benchmarks/run_all.py                  # print the table (5 runs per measure)
    python benchmarks/run_all.py --repeat 7       # more runs
    python benchmarks/run_all.py --write-readme   # also rewrite README.md's generated table

A plain script, not a timed test. Each measure runs ``--repeat`` times (at least 5) and reports the
best (min) and the median; a rate's min column holds its best run. Times are wall-clock seconds
of this process, so a busy machine makes them worse, never better: the machine line says how
busy it was (load average before and after the run), and the "CPU min" column gives the least
CPU time of this process for the measure (what the code costs when it has a core to itself;
the verdict is still judged on wall-clock time). The rows marked "info" have no goal; they
show the first-use costs a user meets after ``import hospital_inspection``.

Each group of measures (import, deadlines, decisions, the national instance's models) runs in a
fresh Python process of its own, as pyperf runs its workers: what one group leaves in memory
(the deadline memo's hundreds of thousands of entries, say) would otherwise make every later
garbage collection slower and charge it to the next group, which no user running that one
operation meets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT / "src")]

import hospital_inspection as hi  # noqa: E402

BEGIN = "<!-- benchmarks/run_all.py: begin generated table -->"
END = "<!-- benchmarks/run_all.py: end generated table -->"
HEADER = "| measure | goal | min | median | CPU min | verdict |"
RULE = "|---|---|---|---|---|---|"


@dataclass(frozen=True)
class Row:
    """One line of the table: what is measured and the goal it must meet."""

    key: str
    measure: str
    goal: str
    unit: str  # "s", "ms" or "/s"
    limit: float | None  # in seconds, or per second for a rate; None: information only
    higher_is_better: bool = False


ROWS = (
    Row("import", "`import hospital_inspection` (cold process, `-X importtime`)", "≤ 100 ms",
        "ms", 0.100),
    Row("first_policy", "first `hi.load_policy(\"weihai-2024-2026\")` after the import", "info",
        "ms", None),
    Row("first_calendar", "first `hi.ChinaOfficialCalendar().is_working_day(d)` after the import",
        "info", "ms", None),
    Row("deadlines", "`policy.rectification_due(d)`, official calendar, roll forward "
        "(every day 2005–2025, asked again)", "≥ 1,000,000 / s", "/s", 1_000_000, True),
    Row("deadlines_cold", "the same, first question per (day, calendar): nothing memoised",
        "info", "/s", None, True),
    Row("json", "JSON round trip of a 15,000-visit plan (`to_json` + `from_json`, compact)",
        "≤ 0.3 s", "s", 0.3),
    Row("cattrs", "cattrs round trip of 15,000 hospitals + 3,000 people "
        "(`unstructure` + `structure`)", "≤ 0.15 s", "s", 0.15),
    Row("decisions", "rule decisions (scope + minimum days + external-expert minimum)",
        "≥ 1,000,000 / s", "/s", 1_000_000, True),
    Row("check", "`check_plan`, 15,000 visits", "≤ 0.5 s", "s", 0.5),
    Row("schedule", "national schedule, 15,000 hospitals / 3,000 people (makespan / lower "
        "bound in the verdict)", "≤ 1.5 s at ≤ 1.015 × lower bound", "s", 1.5),
)  # fmt: skip


def timed(run: Callable[[], object], repeat: int, cpu: list[float]) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``run``; their CPU seconds go to ``cpu``."""
    times = []
    for _ in range(repeat):
        gc.collect()
        began, began_cpu = time.perf_counter(), time.process_time()
        run()
        times.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return times


def _subprocess(code: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, *code.split("\0")], capture_output=True, text=True,
                          env=env, check=True)  # fmt: skip
    return done.stdout + done.stderr


def measure_import(repeat: int) -> dict[str, list[float]]:
    """Cold processes: the package's cumulative import time, then first-use costs (seconds)."""
    out: dict[str, list[float]] = {"import": [], "first_policy": [], "first_calendar": []}
    first_use = (
        "import time, datetime\nimport hospital_inspection as hi\n"
        "a = time.perf_counter(); hi.load_policy('weihai-2024-2026'); b = time.perf_counter()\n"
        "hi.ChinaOfficialCalendar().is_working_day(datetime.date(2025, 10, 1))\n"
        "print(b - a, time.perf_counter() - b)"
    )
    for _ in range(repeat):
        text = _subprocess("-X\0importtime\0-c\0import hospital_inspection")
        cumulative = re.findall(r"import time:\s+\d+ \|\s+(\d+) \| hospital_inspection$", text,
                                re.M)  # fmt: skip
        out["import"].append(int(cumulative[-1]) / 1e6)
        policy, calendar = map(float, _subprocess(f"-c\0{first_use}").split())
        out["first_policy"].append(policy)
        out["first_calendar"].append(calendar)
    return out


def measure_deadlines(repeat: int) -> dict[str, list[float]]:
    """Seconds per pass over every day of 2005-01-01..2025-10-31 (rates are computed later)."""
    policy = hi.load_policy("weihai-2024-2026")
    calendar = hi.ChinaOfficialCalendar()
    start = dt.date(2005, 1, 1)
    days = [start + dt.timedelta(days=i) for i in range((dt.date(2025, 10, 31) - start).days + 1)]
    due = policy.rectification_due

    def ask(cal: hi.WorkCalendar) -> None:
        for day in days:
            due(day, calendar=cal, roll_forward=True)

    ask(calendar)  # the first pass builds the year tables and answers every day once
    warm_cpu: list[float] = []
    cold_cpu: list[float] = []
    warm = timed(lambda: ask(calendar), repeat, warm_cpu)
    cold = timed(lambda: ask(hi.ChinaOfficialCalendar()), repeat, cold_cpu)
    return {"deadlines": warm, "deadlines_cpu": warm_cpu, "deadlines_cold": cold,
            "deadlines_cold_cpu": cold_cpu, "_n_deadlines": [float(len(days))]}  # fmt: skip


def measure_models(repeat: int) -> dict[str, list[float] | float]:
    """The national instance: schedule, check, JSON and cattrs round trips (seconds)."""
    import generate

    from hospital_inspection.scheduling import solve

    inst = generate.national(0)
    schedule_times = []
    schedule_cpu = []
    ratio = 0.0
    for _ in range(repeat):
        request = inst.request()
        gc.collect()
        began, began_cpu = time.perf_counter(), time.process_time()
        result = solve(request)
        schedule_times.append(time.perf_counter() - began)
        schedule_cpu.append(time.process_time() - began_cpu)
        ratio = max(ratio, result.stats.ratio)
    plan = result.plan
    del request, result
    gc.collect()

    def check() -> None:
        hi.check_plan(plan, inst.policy, hospitals=inst.hospitals, experts=inst.experts,
                      authorities=inst.authorities)  # fmt: skip

    def json_round_trip() -> None:
        hi.from_json(hi.to_json(plan, indent=None), hi.Plan)

    hospitals, experts = list(inst.hospitals), list(inst.experts)

    def cattrs_round_trip() -> None:
        hi.structure(hi.unstructure(hospitals), list[hi.Hospital])
        hi.structure(hi.unstructure(experts), list[hi.Expert])

    assert hi.from_json(hi.to_json(plan, indent=None), hi.Plan) == plan
    violations = len(
        hi.check_plan(plan, inst.policy, hospitals=inst.hospitals, experts=inst.experts,
                      authorities=inst.authorities).violations
    )  # fmt: skip
    cpu: dict[str, list[float]] = {"check_cpu": [], "json_cpu": [], "cattrs_cpu": []}
    return {
        "schedule": schedule_times,
        "schedule_cpu": schedule_cpu,
        "check": timed(check, repeat, cpu["check_cpu"]),
        "json": timed(json_round_trip, repeat, cpu["json_cpu"]),
        "cattrs": timed(cattrs_round_trip, repeat, cpu["cattrs_cpu"]),
        **cpu,
        "_ratio": ratio,
        "_violations": float(violations),
    }


def measure_decisions(repeat: int) -> dict[str, list[float]]:
    """Seconds per pass of 3 decisions for each of 100,000 hospitals."""
    import itertools

    import bench_decisions as bd

    policy = hi.load_policy("weihai-2024-2026")
    hospitals = bd.make_hospitals(bd.N_HOSPITALS)
    sizes = list(itertools.islice(itertools.cycle(range(3, 16)), bd.N_HOSPITALS))
    bd.run(policy, hospitals[:1000], sizes[:1000])
    n = float(bd.N_HOSPITALS * bd.DECISIONS_PER_HOSPITAL)
    cpu: list[float] = []
    wall = timed(lambda: bd.run(policy, hospitals, sizes), repeat, cpu)
    return {"decisions": wall, "decisions_cpu": cpu, "_n": [n]}


def machine(load_before: tuple[float, ...], load_after: tuple[float, ...]) -> str:
    """One line naming the machine and how busy it was."""
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; load average (1 min) {load_before[0]:.2f} before "
        f"and {load_after[0]:.2f} after the run; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )


def _figure(value: float, unit: str) -> str:
    if unit == "/s":
        return f"{value:,.0f} / s"
    if unit == "ms":
        return f"{value * 1000:.0f} ms"
    return f"{value:.3f} s"


def table(results: dict[str, object], machine_line: str) -> str:
    """The Markdown table (and the machine line under it)."""
    lines = [HEADER, RULE]
    for row in ROWS:
        times = results[row.key]
        assert isinstance(times, list)
        cpu = results.get(f"{row.key}_cpu")
        cpu_cell = "—"
        if row.unit == "/s":
            n = results["_n_deadlines"] if row.key.startswith("deadlines") else results["_n"]
            assert isinstance(n, list)
            values = sorted((n[0] / t for t in times), reverse=True)
            best, median = values[0], statistics.median(values)
            if isinstance(cpu, list):
                cpu_cell = _figure(n[0] / min(cpu), row.unit)
        else:
            best, median = min(times), statistics.median(times)
            if isinstance(cpu, list):
                cpu_cell = _figure(min(cpu), row.unit)
        if row.limit is None:
            verdict = "info"
        else:
            met = best >= row.limit if row.higher_is_better else best <= row.limit
            verdict = "meets" if met else "MISSES"
        if row.key == "schedule":
            ratio = results["_ratio"]
            assert isinstance(ratio, float)
            if ratio > 1.015:
                verdict = "MISSES"
            verdict += f" (ratio {ratio:.4f}, {results['_violations']:.0f} violations)"
        lines.append(
            f"| {row.measure} | {row.goal} | {_figure(best, row.unit)} | "
            f"{_figure(median, row.unit)} | {cpu_cell} | {verdict} |"
        )
    return "\n".join(lines) + f"\n\nMachine: {machine_line}\n"


def write_readme(generated: str, readme: Path = ROOT / "README.md") -> None:
    """Replace the text between the README's two markers by ``generated``."""
    text = readme.read_text("utf-8")
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{readme}: the markers {BEGIN!r} and {END!r} are missing")
    new = pattern.sub(lambda _: f"{BEGIN}\n{generated}{END}", text)
    readme.write_text(new, "utf-8")


STEPS = (measure_import, measure_deadlines, measure_decisions, measure_models)


def _in_fresh_process(step: str, repeat: int) -> dict[str, object]:
    """Run one group of measures in a new interpreter and read back its timings (JSON)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, __file__, "--worker", step, "--repeat", str(repeat)],
        capture_output=True, text=True, env=env, check=True,
    )  # fmt: skip
    found: dict[str, object] = json.loads(done.stdout)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (at least 5)")
    parser.add_argument("--write-readme", action="store_true",
                        help="rewrite the generated table in README.md")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the raw timings to this file")
    parser.add_argument("--worker", choices=[s.__name__ for s in STEPS], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    repeat = max(5, args.repeat)
    if args.worker:  # one group, in this fresh process: its timings as JSON on stdout
        print(json.dumps(next(s for s in STEPS if s.__name__ == args.worker)(repeat)))
        return 0
    before = os.getloadavg()
    results: dict[str, object] = {}
    for step in STEPS:
        print(f"... {step.__name__}", file=sys.stderr, flush=True)
        results.update(_in_fresh_process(step.__name__, repeat))
    generated = table(results, machine(before, os.getloadavg()))
    print(generated)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), "utf-8")
    if args.write_readme:
        write_readme(generated)
    return 0


if __name__ == "__main__":
    sys.exit(main())
