"""Benchmark: deadline computations per second on China's official calendar.

A computation is one ``period_end(trigger, months, calendar=ChinaOfficialCalendar(),
roll_forward=True)``: month arithmetic (民法典 第二百零二条), the rest-day check and, when
needed, the roll to the next working day (第二百零三条), returning a :class:`Deadline`.
Triggers cycle through every day of 2005-2025 (month ends included), periods through 1-12
months. Target: >= 300,000 per second.

Run from the repository root::

    /work/venv/bin/python benchmarks/bench_deadlines.py
"""

from __future__ import annotations

import datetime as dt
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "src"))

import hospital_inspection as hi

TARGET = 300_000


def main(rounds: int = 5) -> float:
    """Run the benchmark ``rounds`` times and print and return the best rate."""
    calendar = hi.ChinaOfficialCalendar()
    start, end = dt.date(2005, 1, 1), dt.date(2025, 10, 31)
    triggers = [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    cases = [(day, 1 + i % 12) for i, day in enumerate(triggers)]
    period_end = hi.period_end
    for trigger, months in cases[:1000]:  # warm the per-year tables
        period_end(trigger, months, calendar=calendar, roll_forward=True)

    best = 0.0
    rolled = 0
    for _ in range(rounds):
        began = time.perf_counter()
        for trigger, months in cases:
            period_end(trigger, months, calendar=calendar, roll_forward=True)
        elapsed = time.perf_counter() - began
        best = max(best, len(cases) / elapsed)
    rolled = sum(
        period_end(t, m, calendar=calendar, roll_forward=True).rolled_forward for t, m in cases
    )
    verdict = "meets" if best >= TARGET else "BELOW"
    print(
        f"{best:,.0f} deadline computations per second "
        f"(official calendar, roll-forward on; best of {rounds} runs of {len(cases):,}; "
        f"{rolled / len(cases):.0%} rolled) — {verdict} the {TARGET:,}/s target"
    )
    return best


if __name__ == "__main__":
    main()
