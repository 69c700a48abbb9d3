"""How the schema-version-1 ledger files here were written (kept for the record).

They were written by the library as of commit 802487d (schema version 1), before the ledger
moved to schema version 2, with::

    git checkout 802487d && PYTHONPATH=src python tests/data/ledger-v1/make_fixtures.py DIR

Each ``.sqlite`` file sits beside the JSON (``Ledger.to_json()``) that version printed for it.
The migration tests open the files with today's library; do not regenerate them with it.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path


def weihai(path: Path) -> str:
    # imports as of 802487d, inside the functions: pytest imports this file to collect doctests
    from hospital_inspection.findings import Finding, Measure, Severity  # type: ignore
    from hospital_inspection.ledger import Ledger  # type: ignore

    import hospital_inspection as hi

    policy = hi.load_policy("weihai-2024-2026")
    with Ledger.create(path, policy=policy) as ledger:
        ledger.add_finding(
            Finding(
                id="WH001-1", hospital="WH001", round="2024-2026",
                description="未建立整改台账", found_on=dt.date(2025, 11, 20), found_by="E01",
                severity=Severity.MAJOR, checklist_item="wh.1.1.1",
                triggers=("violation_clue",), evidence=("记录-01",),
            ),
            responsible="医务科",
        )  # fmt: skip
        ledger.add_finding(
            Finding(
                id="WH001-2", hospital="WH001", round="2024-2026",
                description='=HYPERLINK("x")  以等号开头', found_on=dt.date(2025, 11, 21),
                found_by="巡查组", triggers=("rectification_required",),
            )
        )  # fmt: skip
        ledger.add_measure(
            "WH001-2", Measure(code="manual", label="约谈院领导", note="手工添加"),
            on=dt.date(2025, 11, 22), by="市卫健委",
        )  # fmt: skip
        ledger.add_finding(
            Finding(
                id="WH002-1", hospital="WH002", round="2024-2026",
                description="九不准落实不到位", found_on=dt.date(2025, 12, 1), found_by="E02",
                severity=Severity.SEVERE,
            )
        )  # fmt: skip
        ledger.add_measure("WH002-1", Measure(code="manual", label="限期整改"))
        ledger.record_feedback("WH001", dt.date(2025, 12, 31))
        first = ledger.items[0].id
        ledger.record_progress(first, "整改中", on=dt.date(2026, 1, 5), by="医务科")
        ledger.record_progress(
            first, "已整改", on=dt.date(2026, 2, 1), by="医务科", note="已建立台账"
        )
        ledger.record_progress(
            first, "整改中", on=dt.date(2026, 2, 10), by="市卫健委", note="验收未通过"
        )
        return ledger.to_json()


def jilin(path: Path) -> str:
    from hospital_inspection.findings import Finding  # type: ignore
    from hospital_inspection.ledger import Ledger  # type: ignore

    import hospital_inspection as hi
    from hospital_inspection.enums import VisitKind

    policy = hi.load_policy("jilin-2021")
    with Ledger.create(path, policy=policy) as ledger:
        for n in (1, 2):
            ledger.add_finding(
                Finding(
                    id=f"JL01-{n}", hospital="JL01", round="2020-follow-up",
                    description=f"2020年问题{n}未整改", found_on=dt.date(2021, 7, 1),
                    found_by="纠风办", triggers=("rectification_required",),
                ),
                kind=VisitKind.FOLLOW_UP,
            )  # fmt: skip
        ledger.record_progress("JL01-1-1", "整改中", on=dt.date(2021, 7, 20), by="JL01医务科")
        return ledger.to_json()


if __name__ == "__main__":
    out = Path(sys.argv[1])
    for name, write in (("weihai", weihai), ("jilin", jilin)):
        text = write(out / f"{name}.sqlite")
        (out / f"{name}.json").write_text(text + "\n", encoding="utf-8")
