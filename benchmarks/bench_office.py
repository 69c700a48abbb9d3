"""Office rounds: every objective of the greedy against CP-SAT, and repair after a drop-out.

    /work/venv/bin/python benchmarks/bench_office.py [--instances 20] [--time-limit 5]
    /work/venv/bin/python benchmarks/bench_office.py --repair [--seeds 0 1 2 3 4]
    /work/venv/bin/python benchmarks/bench_office.py --greedy-only [--only 17 18]

The greedy runs of every instance come first, then the CP-SAT runs (see ``compare``).
``--greedy-only`` skips CP-SAT (minutes) and prints the greedy's value, bound, wall and CPU
seconds; ``--only`` runs the listed instances (by number) alone. Both are for profiling.

Instances: city/province-sized rounds of 20 to 300 hospitals (``generate.generate`` with one city
and five districts, then ``generate.office``: 10% of the people away for a month, 6% of the
hospitals in medical groups of three), scheduled under the Weihai policy with at most 80
working days per person, 60 per year, 2 rest days between visits and 10 working days of notice.
Each objective's greedy value is compared with CP-SAT's (hinted with the greedy plan, fixed seed)
and with CP-SAT's proven bound. Goal (issue 13): within 2% of the optimum, or 1 working day,
wherever CP-SAT proves one; greedy under 1 s.

``--repair``: a 300-hospital round; one person on the most visits drops out for a month, as of
the round's first month; ``reschedule`` against the minimum number of visits any compliant
repair changes. Every visit the drop-out breaks (the person is on it and away on one of its days)
must change, so their number is a lower bound on the minimum, and a repair that changes only
them is minimal; the bench prints the excess over that bound, which is at least the distance to
the true minimum. Goal: median within 1 of the minimum.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1] / "src")]

import generate  # noqa: E402

import hospital_inspection as hi  # noqa: E402
from hospital_inspection.scheduling import solve, solve_exact, verify  # noqa: E402

START = dt.date(2025, 3, 3)
END = dt.date(2026, 10, 31)
OPTIONS: dict[str, Any] = {
    "max_days_per_person": 80,
    "max_days_per_person_per_year": 60,
    "min_rest_days": 2,
    "notice_days": 10,
}
OBJECTIVES: dict[str, dict[str, Any]] = {
    "earliest": {},
    "spread": {"per_year": {2025: 0.5, 2026: 0.5}},
    "balanced": {},
    "local": {},
}


def instance(seed: int, hospitals: int) -> generate.Instance:
    inst = generate.generate(
        seed=seed, hospitals=hospitals, experts=max(14, hospitals * 9 // 10), cities=1,
        districts=5, leader_share=0.3, employed_share=0.4, start=START, end=END,
        name=f"office-{seed}-{hospitals}",
    )  # fmt: skip
    return generate.office(inst, seed)


def sizes(n: int) -> list[int]:
    return [20 + round(k * 280 / max(1, n - 1)) for k in range(n)]


def within(value: int, best: int, objective: str) -> bool:
    """Within 2% of ``best``, or 1 (working day / day / trip) of it."""
    return value <= best + max(1, 0.02 * best) if objective != "spread" else value == best


def greedy_only(args: argparse.Namespace) -> int:
    """The greedy alone: value, bound, wall and CPU seconds, violations (no CP-SAT)."""
    print("inst  hosp objective  greedy   bound  g_s   cpu_s  attempts  violations")
    worst: dict[str, float] = dict.fromkeys(OBJECTIVES, 0.0)
    for k, n in enumerate(sizes(args.instances)):
        if args.only and k not in args.only:
            continue
        inst = instance(k, n)
        for objective, extra in OBJECTIVES.items():
            request = inst.request(objective=objective, **OPTIONS, **extra)
            began, cpu = time.perf_counter(), time.process_time()
            g = solve(request)
            g_s, cpu = time.perf_counter() - began, time.process_time() - cpu
            worst[objective] = max(worst[objective], cpu)
            bad = len(verify(g.plan, request))
            print(f"{k:>4} {n:>5} {objective:<9} {g.stats.value:>6} {g.stats.bound:>7} "
                  f"{g_s:>4.2f}  {cpu:>5.2f}  {g.stats.attempts:>8}  {bad:>10}",
                  flush=True)  # fmt: skip
    print("greedy max CPU s: " + ", ".join(f"{o} {s:.2f}" for o, s in worst.items()))
    return 0


def compare(args: argparse.Namespace) -> int:
    if args.greedy_only:
        return greedy_only(args)
    print("inst  hosp objective  greedy  g_s  g_cpu  bound  cp-sat  cp_bound  opt   cp_s  ok  "
          "violations")  # fmt: skip
    rows: list[dict[str, Any]] = []
    # Every greedy run first, then CP-SAT: on this (virtual) machine the first Python work
    # after a CP-SAT solve runs up to 5x slower while the memory CP-SAT gave back is touched
    # again (0.56 s instead of 0.11 s for the same `local` greedy on round 18, thread time),
    # which is the bench's doing, not the greedy's.
    greedy: list[tuple[int, int, str, Any, Any, float, float]] = []
    for k, n in enumerate(sizes(args.instances)):
        if args.only and k not in args.only:
            continue
        inst = instance(k, n)
        for objective, extra in OBJECTIVES.items():
            request = inst.request(objective=objective, **OPTIONS, **extra)
            began, cpu = time.perf_counter(), time.process_time()
            try:
                g = solve(request)
            except hi.InfeasibleScheduleError as exc:
                print(f"{k:>4} {n:>5} {objective:<9} infeasible: {str(exc)[:80]}")
                continue
            g_s, g_cpu = time.perf_counter() - began, time.process_time() - cpu
            greedy.append((k, n, objective, request, g, g_s, g_cpu))
    for k, n, objective, request, g, g_s, g_cpu in greedy:
        began = time.perf_counter()
        x = solve_exact(request, time_limit=args.time_limit, workers=args.workers, seed=0)
        x_s = time.perf_counter() - began
        bad = len(verify(g.plan, request)) + len(verify(x.plan, request))
        ok = within(g.stats.value, x.stats.value, objective)
        rows.append({"objective": objective, "g_s": g_s, "g_cpu": g_cpu,
                     "opt": x.stats.optimal, "ok": ok, "gap": g.stats.value - x.stats.value,
                     "bad": bad})  # fmt: skip
        print(f"{k:>4} {n:>5} {objective:<9} {g.stats.value:>6} {g_s:>4.2f} {g_cpu:>5.2f} "
              f"{g.stats.bound:>6} {x.stats.value:>7} {x.stats.bound:>9}  "
              f"{'yes' if x.stats.optimal else 'no':<4} {x_s:>5.1f}  "
              f"{'yes' if ok else 'NO':<3} {bad:>10}", flush=True)  # fmt: skip
    print()
    print("objective  runs  cp-sat proved  greedy within goal (where proved)  max gap  "
          "greedy max s  max CPU s  violations")  # fmt: skip
    for objective in OBJECTIVES:
        mine = [r for r in rows if r["objective"] == objective]
        proved = [r for r in mine if r["opt"]]
        print(f"{objective:<9} {len(mine):>5}  {len(proved):>13}  "
              f"{sum(r['ok'] for r in proved):>10} of {len(proved):<22} "
              f"{max((r['gap'] for r in mine), default=0):>7}  "
              f"{max((r['g_s'] for r in mine), default=0):>12.2f}  "
              f"{max((r['g_cpu'] for r in mine), default=0):>9.2f}  "
              f"{sum(r['bad'] for r in mine):>10}")  # fmt: skip
    return 0


def repair(args: argparse.Namespace) -> int:
    print("seed  visits  broken  changed  minimum  moved  swapped  repair_s  check")
    excess = []
    for seed in args.seeds:
        inst = instance(seed, 300)
        request = inst.request(**OPTIONS)
        plan = solve(request).plan
        as_of = START + dt.timedelta(days=30)
        busiest = Counter(p for v in plan.visits if v.first_day > as_of for p in v.people)
        person = busiest.most_common(1)[0][0]
        first = as_of + dt.timedelta(days=14)
        away = hi.PersonUnavailable(person=person, first=first, last=first + dt.timedelta(days=30))
        broken = sum(1 for v in plan.visits if v.first_day > as_of and person in v.people
                     and away.covers(v.first_day, v.last_day))  # fmt: skip
        began = time.perf_counter()
        new = hi.reschedule(plan, inst.hospitals, inst.experts, inst.policy,
                            authorities=inst.authorities, as_of=as_of, changes=[away],
                            calendar=generate.CALENDAR, deadline=END, **OPTIONS)  # fmt: skip
        seconds = time.perf_counter() - began
        diff = plan.diff(new, because=[away])
        report = hi.check_plan(new, inst.policy, hospitals=inst.hospitals,
                               experts=inst.experts, authorities=inst.authorities,
                               calendar=generate.CALENDAR)  # fmt: skip
        minimum = broken  # every broken visit must change; met when the repair changes no more
        excess.append(diff.changed - minimum)
        moved = len(diff.of_kind("moved")) + len(diff.of_kind("moved and swapped"))
        print(f"{seed:>4}  {len(plan.visits):>6}  {broken:>6}  {diff.changed:>7}  {minimum:>7}  "
              f"{moved:>5}  {len(diff.of_kind('swapped')):>7}  {seconds:>8.2f}  "
              f"{len(report.violations):>5}", flush=True)  # fmt: skip
    print(f"median changed beyond the minimum: {statistics.median(excess)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--instances", type=int, default=20)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repair", action="store_true")
    parser.add_argument("--greedy-only", action="store_true", help="skip CP-SAT (profiling)")
    parser.add_argument("--only", type=int, nargs="+", help="run only these instance numbers")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    args = parser.parse_args(argv)
    return repair(args) if args.repair else compare(args)


if __name__ == "__main__":
    sys.exit(main())
