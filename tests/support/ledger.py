"""A ledger file shared by several offices, for the tests of sharing and of its refusals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import hospital_inspection as hi

#: The one item of the seeded file; the tests move it back and forth: 整改中 ↔ 已整改.
SHARED_ITEM = "S-1-1"


def seed_shared_ledger(path: Path) -> None:
    """Create ``path`` with finding S-1 and its item S-1-1, already 整改中."""
    with hi.Ledger.create(path) as ledger:
        ledger.add_finding(
            hi.Finding(id="S-1", hospital="S", round="2025", description="共享条目",
                       found_on=dt.date(2025, 11, 1), found_by="E0"),
            measures=[hi.Measure(code="manual", label="限期整改")],
        )  # fmt: skip
        ledger.record_progress(SHARED_ITEM, "整改中", on=dt.date(2025, 11, 2), by="医务科")
