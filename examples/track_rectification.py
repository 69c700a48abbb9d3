"""A small rectification ledger (整改台账): findings, measures, feedback, progress, overdue.

Usage::

    python examples/track_rectification.py [--as-of 2026-03-15] [--csv 整改台账.csv]

Two findings of the Weihai sample's 2025 visits go into a ledger kept in memory. The policy
(威卫办〔2024〕11号) attaches its mandatory measures to each finding, each owed by a party
(责任单位); the 回头看 is an option the city decides, recorded with who decided and when. Once
a hospital has received the feedback, its rectification report (整改报告, the hospital's duty to
its superior authority) is due two months later; no document sets a period for the authority's
measures. One hospital submits its report; the script prints what is open and what is overdue on
the chosen day, and can write the ledger as CSV.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import hospital_inspection as hi
from hospital_inspection._table import render_table

D = dt.date


def build_ledger(policy: hi.Policy) -> hi.Ledger:
    """The ledger of two findings, with feedback received and some progress."""
    ledger = hi.Ledger(policy=policy)
    ledger.add_finding(
        hi.Finding(
            id="2025-WH001-03",
            hospital="WH001",
            round="2025",
            checklist_item="三、(二)4.(6)",
            description="部分高值耗材线下采购，未通过集中采购平台",
            severity=hi.Severity.parse("较重"),
            found_on=D(2025, 11, 20),
            found_by="WE011",
            triggers=("rectification_required", "violation_clue"),
        ),
        responsible="设备科",
    )
    ledger.add_finding(
        hi.Finding(
            id="2025-WH013-01",
            hospital="WH013",
            round="2025",
            description="医疗质量安全核心制度落实不到位",
            found_on=D(2025, 11, 27),
            found_by="WE021",
            triggers=("rectification_required",),
        ),
        responsible="医务科",
    )
    ledger.record_feedback("WH001", D(2025, 12, 31))  # due 2026-02-28 (二个月, 民法典 第202条)
    ledger.record_feedback("WH013", D(2025, 12, 10))
    report = "WH013/2025/rectification_report"
    ledger.record_progress(report, "已整改", on=D(2026, 2, 2), by="医务科", note="整改报告已报送")
    ledger.record_progress("2025-WH013-01-1", "整改中", on=D(2026, 1, 5), by="医务科")
    # 四、(三) "要根据工作需要…组织巡查“回头看”": the city decides, and the item opens then
    ledger.decide("2025-WH001-03", "follow_up", by="威海市卫生健康委员会", on=D(2026, 3, 2))
    return ledger


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--as-of", type=D.fromisoformat, default=D(2026, 3, 15))
    parser.add_argument("--csv", type=Path, help="also write the ledger as CSV (UTF-8, BOM)")
    args = parser.parse_args(argv)

    policy = hi.load_policy("weihai-2024-2026")
    ledger = build_ledger(policy)
    hospitals = hi.sample_data("weihai").hospitals
    today = args.as_of

    print(f"整改台账 as of {today}: {len(ledger.findings)} findings, {len(ledger.items)} items\n")
    rows = [
        [
            item.id,
            item.measure.label,
            item.party.label if item.party else "",
            f"{c.document} {c.clause}" if (c := item.measure.citation) else "",
            item.due.date if item.due else "",
            status.label if (status := item.status_on(today)) else "(not yet opened)",
        ]
        for item in ledger.items
    ]
    headers = ["item", "措施 measure", "责任单位 party", "依据 clause", "时限 due", "状态 status"]
    print(render_table(headers, rows))

    print(f"\nopen on {today}: {len(ledger.open_items(today))}")
    overdue = ledger.overdue(today)
    print(f"overdue on {today}: {len(overdue)}")
    for o in overdue:
        print(f"  {o.item.id} {o.finding.hospital} {o.item.measure.label}: {o.days} 天 overdue")
    for candidate in ledger.follow_up_candidates(today):
        print(f"回头看 candidate: {candidate.hospital}")

    if args.csv is not None:
        hi.write_ledger_csv(ledger, args.csv, as_of=today, hospitals=hospitals)
        print(f"\nwrote {args.csv}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
