"""``check_plan`` on a national-scale plan (15,000 visits): seconds per check.

    /work/venv/bin/python benchmarks/bench_check.py [--seed 0] [--repeat 3]

Target (issue 14): <= 0.5 s for a 15,000-visit plan (``run_all.py`` prints every target). The
plan is the scheduler's plan for the national instance of ``generate.py``; the check runs under
the shipped Weihai policy on China's official calendar, as ``hi.check_plan`` does by default.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "src")]

import generate  # noqa: E402

import hospital_inspection as hi  # noqa: E402
from hospital_inspection.scheduling import solve  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    inst = generate.national(args.seed)
    plan = solve(inst.request()).plan
    times = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        report = hi.check_plan(plan, inst.policy, hospitals=inst.hospitals, experts=inst.experts,
                               authorities=inst.authorities)  # fmt: skip
        times.append(time.perf_counter() - began)
    best = min(times)
    print(f"check_plan: {len(plan.visits):,} visits, {len(inst.experts):,} people, "
          f"{len(report.issues)} issue(s), {len(report.violations)} violation(s); "
          f"best of {args.repeat}: {best:.3f} s (target <= 0.5 s) — "
          f"{'meets' if best <= 0.5 else 'MISSES'} the target")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
