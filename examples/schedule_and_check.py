"""Schedule the Weihai sample round, check the plan, and write it for the office.

Usage::

    python examples/schedule_and_check.py OUTDIR [--start 2025-03-03] [--deadline 2025-04-30]

Builds the plan for every hospital the Weihai plan (威卫办〔2024〕11号) puts in scope, checks it
against the policy, and writes ``OUTDIR/weihai-plan.xlsx`` (巡查时间表, extra ``excel``),
``OUTDIR/weihai-plan.ics`` (one all-day event per visit, extra ``ics``) and
``OUTDIR/weihai-plan.csv``. Exits 1 when the plan breaks a mandatory rule, 2 when no plan fits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import hospital_inspection as hi
from hospital_inspection import scheduling
from hospital_inspection.exports import write_plan_csv, write_plan_ics, write_plan_xlsx


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path, help="directory for the xlsx, ics and csv files")
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2025, 3, 3))
    parser.add_argument(
        "--deadline",
        type=dt.date.fromisoformat,
        default=None,
        help="last day of the last visit (default: the policy's round end)",
    )
    args = parser.parse_args(argv)

    data = hi.sample_data("weihai")
    tree = data.authority_tree()
    policy = hi.load_policy("weihai-2024-2026")
    request = scheduling.schedule_request(
        data.hospitals,
        data.experts,
        policy,
        authorities=tree,
        start=args.start,
        deadline=args.deadline,
    )
    try:
        result = scheduling.solve(request)
    except hi.InfeasibleScheduleError as exc:
        print(f"no plan: {exc}", file=sys.stderr)
        return 2
    plan, stats = result.plan, result.stats
    first = min(v.first_day for v in plan.visits)
    last = max(v.last_day for v in plan.visits)
    print(f"{len(plan.visits)} visits from {first} to {last}, deadline {request.deadline}")
    print(
        f"makespan {stats.makespan} working days, lower bound {stats.lower_bound} "
        f"(binding: {stats.binding})"
    )

    report = hi.check_plan(
        plan, policy, hospitals=data.hospitals, experts=data.experts, authorities=tree
    )
    print(report.render())

    names = {"hospitals": data.hospitals, "experts": data.experts, "authorities": tree}
    args.outdir.mkdir(parents=True, exist_ok=True)
    for path, write in (
        (args.outdir / "weihai-plan.xlsx", write_plan_xlsx),
        (args.outdir / "weihai-plan.ics", write_plan_ics),
        (args.outdir / "weihai-plan.csv", write_plan_csv),
    ):
        write(plan, path, **names)
        print(f"wrote {path}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
