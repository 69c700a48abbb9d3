"""The follow-up Hypothesis strategies: findings, their measures, and whole ledgers.

It holds the default trigger codes, the strategy for valid findings, and the strategy for
in-memory ledgers built through the public API (feedback received, items moved along the status
machine). They are public through :mod:`hospital_inspection.testing`, which imports them back;
import them from there.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from hospital_inspection._strategies_basic import _pin, dates, ids
from hospital_inspection.citations import Citation
from hospital_inspection.followup.findings import (
    DueDate,
    Finding,
    ItemStatus,
    Measure,
    Severity,
)
from hospital_inspection.followup.ledger import Ledger

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy


DEFAULT_TRIGGERS: tuple[str, ...] = (
    "violation_clue",
    "rectification_required",
    "exemplary_practice",
    "leadership_mismanagement",
    "risk_or_complaint",
    "serious_problems",
    "serious_impact",
)


def findings(
    *,
    id: str | SearchStrategy[str] | None = None,
    hospital: str | SearchStrategy[str] | None = None,
    round: str | SearchStrategy[str] | None = None,
    found_on: dt.date | SearchStrategy[dt.date] | None = None,
    triggers: tuple[str, ...] | SearchStrategy[tuple[str, ...]] | None = None,
) -> SearchStrategy[Finding]:
    """Valid findings; triggers are drawn from :data:`DEFAULT_TRIGGERS` unless pinned."""
    return st.builds(
        Finding,
        id=_pin(id, ids("F")),
        hospital=_pin(hospital, ids("H")),
        round=_pin(round, st.sampled_from(("2024", "2025", "2026"))),
        description=st.sampled_from(("未建立整改台账", "药品采购未走平台", "医德考评未落实")),
        found_on=_pin(found_on, dates(dt.date(2021, 1, 1), dt.date(2028, 12, 31))),
        found_by=ids("E"),
        severity=st.sampled_from(Severity),
        checklist_item=st.none() | st.sampled_from(("三、(一)1.(1)", "三、(二)4.(8)")),
        triggers=_pin(
            triggers,
            st.lists(st.sampled_from(DEFAULT_TRIGGERS), unique=True, max_size=2).map(tuple),
        ),
        evidence=st.lists(st.sampled_from(("记录-01", "访谈-02", "凭证-03")), max_size=2).map(
            tuple
        ),
    )


def _measures() -> SearchStrategy[Measure]:
    citation = st.builds(
        Citation,
        document=st.sampled_from(("虚构文件〔2025〕1号",)),
        clause=st.sampled_from(("一、", "二、(三)")),
        text=st.sampled_from(("虚构条文：应当限期整改。",)),
    )
    return st.builds(
        Measure,
        code=st.sampled_from(("rectify", "publicise", "transfer_clues")),
        label=st.sampled_from(("限期整改", "公示", "线索移交")),
        citation=st.none() | citation,
        note=st.none() | st.just("手工添加"),
    )


def ledgers(*, max_findings: int = 6, max_hospitals: int = 3) -> SearchStrategy[Ledger]:
    """In-memory ledgers built through the public API, without a policy.

    Measures are added by hand (generated, not a policy's); some hospitals have received their
    feedback (their 整改报告 item opens with a generated due date, rule ``"testing"``); items
    move along the status machine with dates that never go backwards.
    """

    @st.composite
    def build(draw: st.DrawFn) -> Ledger:
        ledger = Ledger()
        hospital_ids = [f"H{i}" for i in range(1, draw(st.integers(1, max_hospitals)) + 1)]
        n = draw(st.integers(0, max_findings))
        for k in range(n):
            ledger.add_finding(
                draw(
                    findings(
                        id=f"F{k:03d}",
                        hospital=st.sampled_from(hospital_ids),
                        round="2025",
                        found_on=dates(dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
                        triggers=(),
                    )
                )
            )
            for _ in range(draw(st.integers(0, 2))):
                ledger.add_measure(
                    f"F{k:03d}",
                    draw(_measures()),
                    responsible=draw(st.none() | st.sampled_from(("医务科", "财务科"))),
                )
        for h in hospital_ids:
            mine = [f for f in ledger.findings if f.hospital == h]
            if not mine or not draw(st.booleans()):
                continue
            latest = max(f.found_on for f in mine)
            received = latest + dt.timedelta(days=draw(st.integers(0, 40)))
            due = DueDate(
                date=received + dt.timedelta(days=draw(st.integers(0, 90))),
                rule="testing",
                trigger=received,
            )
            ledger.record_feedback(h, received, due=due)
        for item in ledger.items:
            day = item.opened_on
            for _ in range(draw(st.integers(0, 3))):
                moves = [s for s in ItemStatus if item.status.can_move_to(s)]
                if not moves:
                    break
                day += dt.timedelta(days=draw(st.integers(0, 60)))
                item = ledger.record_progress(
                    item.id,
                    draw(st.sampled_from(moves)),
                    on=day,
                    by="tester",
                    note=draw(st.none() | st.sampled_from(("已提交整改报告", "验收未通过"))),
                )
        return ledger

    return build()
