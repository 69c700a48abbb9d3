"""Benchmark: scope + minimum visit days + external-expert minimum for 100,000 hospitals.

A plain script, not a timed test: it prints decisions per second. Run from the repository root::

    python benchmarks/bench_decisions.py

The decision tables are compiled when the policy loads (a dict keyed by the hospital's level,
category and ownership codes whose values are pre-built, shared Decision objects), so each decision
is one dictionary lookup. Target: >= 1,000,000 decisions per second.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

import hospital_inspection as hi

N_HOSPITALS = 100_000
DECISIONS_PER_HOSPITAL = 3
ROUNDS = 5


def make_hospitals(n: int, seed: int = 20240906) -> list[hi.Hospital]:
    rng = random.Random(seed)
    levels = [hi.Level.SECONDARY, hi.Level.TERTIARY]
    categories = [
        hi.Category.GENERAL,
        hi.Category.SPECIALTY,
        hi.Category.TCM,
        hi.Category.MATERNAL_CHILD,
    ]
    ownerships = list(hi.Ownership)
    return [
        hi.Hospital(
            id=f"H{i:06d}",
            name=f"医院{i}",
            level=rng.choice(levels),
            category=rng.choice(categories),
            ownership=rng.choice(ownerships),
            authority="weihai-huancui",
        )
        for i in range(n)
    ]


def run(policy: hi.Policy, hospitals: list[hi.Hospital], team_sizes: list[int]) -> int:
    scope, days, external = policy.scope, policy.min_visit_days, policy.min_external_experts
    total = 0
    for h, n in zip(hospitals, team_sizes, strict=True):
        scope(h)
        days(h)
        external(n)
        total += DECISIONS_PER_HOSPITAL
    return total


def main() -> None:
    policy = hi.load_policy("weihai-2024-2026")
    hospitals = make_hospitals(N_HOSPITALS)
    team_sizes = list(itertools.islice(itertools.cycle(range(3, 16)), N_HOSPITALS))
    run(policy, hospitals[:1000], team_sizes[:1000])  # warm up
    best = float("inf")
    decisions = 0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        decisions = run(policy, hospitals, team_sizes)
        best = min(best, time.perf_counter() - start)
    rate = decisions / best
    print(
        f"{N_HOSPITALS:,} hospitals x {DECISIONS_PER_HOSPITAL} decisions (scope, min_visit_days, "
        f"min_external_experts): {decisions:,} decisions in {best * 1000:.1f} ms "
        f"(best of {ROUNDS}) = {rate:,.0f} decisions/s "
        f"[{'meets' if rate >= 1_000_000 else 'BELOW'} the 1,000,000/s target; "
        f"Python {sys.version.split()[0]}]"
    )


if __name__ == "__main__":
    main()
