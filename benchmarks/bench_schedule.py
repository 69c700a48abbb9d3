"""National-scale scheduling benchmark: time, makespan against the lower bound, violations.

    /work/venv/bin/python benchmarks/bench_schedule.py [--seeds 0 1 2] [--office]

Targets: <= 1.5 s on a 2-core machine at makespan <= 1.015 x lower bound, 0 violations
(issue 14); with ``--office`` (10% of people away for a month, 6% of hospitals in medical
groups, at most 180 working days per person per year, 2 rest days between visits): <= 5 s,
0 violations (issue 13).
Violations are counted twice: by the scheduler's own verifier and by ``check_plan`` under the
policy (the certificate).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "src")]

import generate  # noqa: E402

import hospital_inspection as hi  # noqa: E402
from hospital_inspection.scheduling import solve, verify  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--office", action="store_true", help="availability, caps, rest, groups")
    args = parser.parse_args(argv)
    print(
        "seed  visits people  solve_s  cpu_s  makespan  lower  binding    ratio  attempts  verify"
        "  check"
    )
    worst = 0.0
    for seed in args.seeds:
        inst = generate.national(seed)
        options = {}
        if args.office:
            inst = generate.office(inst, seed)
            options = {"max_days_per_person_per_year": 180, "min_rest_days": 2}
        request = inst.request(**options)
        began, cpu = time.perf_counter(), time.process_time()
        result = solve(request)
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        violations = verify(result.plan, request)
        report = hi.check_plan(result.plan, inst.policy, hospitals=inst.hospitals,
                               experts=inst.experts, authorities=inst.authorities,
                               calendar=generate.CALENDAR)  # fmt: skip
        s = result.stats
        worst = max(worst, s.ratio)
        print(f"{seed:>4}  {len(request.requirements):>6} {len(request.experts):>7}  "
              f"{seconds:>7.2f}  {cpu:>5.2f}  {s.makespan:>8}  {s.lower_bound:>5}  {s.binding:<9} "
              f"{s.ratio:>6.4f}  {s.attempts:>8}  {len(violations):>6}  "
              f"{len(report.violations):>5}")  # fmt: skip
        for issue in report.violations[:5]:
            print("   ", issue)
        for v in violations[:5]:
            print("   ", v)
    print(f"worst ratio {worst:.4f} (cpu_s: process time, steadier than solve_s on a busy machine)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
