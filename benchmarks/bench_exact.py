"""Small instances: the greedy scheduler against CP-SAT (extra ``solver``).

    /work/venv/bin/python benchmarks/bench_exact.py [--sizes 12 20 40 80] [--seeds 0 1 2]

CP-SAT starts from the greedy plan, with a fixed seed; ``gap`` is greedy minus CP-SAT's best
makespan (working days); ``opt`` says whether CP-SAT proved its plan optimal (else ``bound`` is
the best proven lower bound). Target (issue): gap <= 1 working day.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "src")]

import generate  # noqa: E402

from hospital_inspection.scheduling import solve, solve_exact, verify  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[12, 20, 40, 80])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    print("visits seed experts  greedy  greedy_s  cp-sat  bound  opt    cp_s  gap  violations")
    gaps = []
    for size in args.sizes:
        for seed in args.seeds:
            request = generate.small(seed, size).request()
            began = time.perf_counter()
            greedy = solve(request)
            g_s = time.perf_counter() - began
            began = time.perf_counter()
            exact = solve_exact(request, time_limit=args.time_limit, workers=args.workers, seed=0)
            x_s = time.perf_counter() - began
            gap = greedy.stats.makespan - exact.stats.makespan
            gaps.append(gap)
            bad = len(verify(greedy.plan, request)) + len(verify(exact.plan, request))
            print(f"{size:>6} {seed:>4} {len(request.experts):>7}  {greedy.stats.makespan:>6}  "
                  f"{g_s:>8.2f}  {exact.stats.makespan:>6}  {exact.stats.lower_bound:>5}  "
                  f"{'yes' if exact.stats.optimal else 'no':<4} {x_s:>6.1f}  {gap:>3}  "
                  f"{bad:>10}")  # fmt: skip
    print(f"instances {len(gaps)}, max gap {max(gaps)}, mean gap {sum(gaps) / len(gaps):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
