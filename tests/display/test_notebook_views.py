"""Notebook views: HTML of policies and reports, DataFrames of reports and ledgers."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.display import policy_html, report_html
from hospital_inspection.exports.frames import (
    LEDGER_FRAME_COLUMNS,
    REPORT_COLUMNS,
    ledger_to_frame,
    report_to_frame,
)
from tests.support.extras import requires

D = dt.date


@pytest.fixture
def report(plan: hi.Plan, lookups: dict[str, Any]) -> hi.ComplianceReport:
    """The hand-made plan breaks several Weihai rules (short visits, teams, unvisited)."""
    return hi.check_plan(plan, "weihai-2024-2026", **lookups)


@pytest.fixture
def ledger() -> hi.Ledger:
    ledger = hi.Ledger(policy=hi.load_policy("weihai-2024-2026"))
    ledger.add_finding(
        hi.Finding(
            id="F1",
            hospital="WH001",
            round="2025",
            description="部分高值耗材线下采购",
            severity=hi.Severity.parse("较重"),
            found_on=D(2025, 11, 20),
            found_by="WE011",
            triggers=("rectification_required",),
        ),
        responsible="设备科",
    )
    ledger.record_feedback("WH001", D(2025, 12, 31))
    return ledger


# -- policy ------------------------------------------------------------------------------------


@pytest.mark.parametrize("policy_id", ["weihai-2024-2026", "jilin-2021"])
def test_policy_html_lists_every_rule_with_its_clause(policy_id: str) -> None:
    policy = hi.load_policy(policy_id)
    out = policy._repr_html_()
    assert out == policy_html(policy)
    assert policy.document in out and policy.meta.title in out
    for rule in policy.rules.values():
        assert f"<td>{rule.id}</td>" in out
    # a header row and a row per rule; a header row and a row per reading, if any
    readings = len(policy.readings())
    assert out.count("<tr>") == 1 + len(policy.rules) + (1 + readings if readings else 0)


def test_policy_html_shows_the_readings_in_effect() -> None:
    policy = hi.load_policy("weihai-2024-2026")
    out = policy_html(policy)
    assert "readings in effect" in out
    for name, reading in policy.readings().items():
        assert f"<td>{name}</td><td>{reading.choice}</td>" in out
    other = hi.load_policy("weihai-2024-2026", interpretations={"day-unit": "calendar-days"})
    assert "<td>day-unit</td><td>calendar-days</td>" in policy_html(other)


def test_policy_html_escapes_every_text() -> None:
    p = hi.load_policy("weihai-2024-2026")
    rule = next(iter(p.rules.values()))
    evil_rule = attrs.evolve(rule, cite=attrs.evolve(rule.cite, text="<script>x</script>"))
    evil = hi.Policy(
        meta=attrs.evolve(p.meta, title="<b>title</b>", notes="a & b"),
        rules={**p.rules, rule.id: evil_rule},
        interpretations=p.interpretations,
        chosen={name: r.choice for name, r in p.readings().items()},
        sources=p.sources,
        label=p.label,
    )
    out = policy_html(evil)
    assert "<script>" not in out and "<b>title" not in out
    assert "&lt;script&gt;x&lt;/script&gt;" in out
    assert "&lt;b&gt;title&lt;/b&gt;" in out and "a &amp; b" in out


# -- compliance report -------------------------------------------------------------------------


def test_report_html_has_the_summary_and_one_row_per_issue(
    report: hi.ComplianceReport,
) -> None:
    out = report._repr_html_()
    assert out == report_html(report)
    assert out.startswith("<p><strong>plan demo-2025 under weihai-2024-2026: NOT COMPLIANT")
    assert out.count("<tr>") == 1 + len(report.issues)
    assert "违规 violation" in out


@requires("pandas")
def test_report_to_frame(report: hi.ComplianceReport) -> None:
    frame = report.to_frame()
    assert list(frame.columns) == list(REPORT_COLUMNS)
    assert len(frame) == len(report.issues)
    assert list(frame["severity"]) == [i.severity.code for i in report.issues]
    first = report.issues[0]
    assert frame.loc[0, "check"] == first.check
    assert first.citation is not None
    assert frame.loc[0, "clause_text"] == first.citation.text
    assert (frame["severity"] == "violation").sum() == len(report.violations)
    unruled = frame[frame["rule"].isna()]
    assert all(v is None for v in unruled["document"])


@requires("pandas")
def test_report_to_frame_of_an_ok_report_is_empty_with_the_columns() -> None:
    report = hi.ComplianceReport(plan="P", policy="p", as_of=None, issues=())
    frame = report_to_frame(report)
    assert frame.empty and list(frame.columns) == list(REPORT_COLUMNS)


# -- ledger ------------------------------------------------------------------------------------


@requires("pandas")
def test_ledger_to_frame(ledger: hi.Ledger, weihai: hi.SampleData) -> None:
    import pandas as pd

    frame = ledger_to_frame(ledger, as_of=D(2026, 3, 10), hospitals=weihai.hospitals)
    assert list(frame.columns) == list(LEDGER_FRAME_COLUMNS)
    assert list(frame.index) == [i.id for i in ledger.items]
    row = frame.loc["F1-1"]  # 整改公示: the authority's measure, no period set by a document
    assert row["hospital_name"] == "威海市海鸥中心医院（虚构）"
    assert row["severity"] == "major" and row["status"] == "open"
    assert row["document"] == "威卫办〔2024〕11号" and row["clause"] == "四、(三)"
    assert pd.isna(row["due"]) and row["days_overdue"] == 0
    report = frame.loc["WH001/2025/rectification_report"]  # the hospital's 整改报告
    assert report["due"] == pd.Timestamp("2026-02-28")
    assert report["days_overdue"] == (D(2026, 3, 10) - D(2026, 2, 28)).days
    assert pd.api.types.is_datetime64_any_dtype(frame["feedback_received"])
    assert frame["days_overdue"].dtype == "int64"


@requires("pandas")
def test_ledger_to_frame_as_of_a_day_before_an_item_existed(ledger: hi.Ledger) -> None:
    frame = ledger.to_frame(as_of=D(2025, 11, 1))
    assert frame.empty and "hospital_name" not in frame.columns
    assert list(frame.columns) == [c for c in LEDGER_FRAME_COLUMNS if c != "hospital_name"]


@requires("pandas")
def test_ledger_to_frame_defaults_to_today(ledger: hi.Ledger) -> None:
    import pandas as pd

    today = ledger_to_frame(ledger, as_of=dt.date.today())
    pd.testing.assert_frame_equal(ledger.to_frame(), today)


# -- optional packages stay optional -----------------------------------------------------------


@pytest.mark.parametrize("which", ["report", "ledger"])
def test_missing_pandas_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
    which: str,
    report: hi.ComplianceReport,
    ledger: hi.Ledger,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(hi.MissingExtraError, match=r"hospital-inspection\[pandas\]") as info:
        report.to_frame() if which == "report" else ledger.to_frame(as_of=D(2026, 1, 1))
    assert info.value.extra == "pandas"


def test_html_views_load_no_optional_package() -> None:
    code = (
        "import sys\n"
        "import hospital_inspection as hi\n"
        "policy = hi.load_policy('weihai-2024-2026')\n"
        "policy._repr_html_()\n"
        "hi.ComplianceReport(plan='P', policy='p', as_of=None, issues=())._repr_html_()\n"
        "hi.Ledger()._repr_html_()\n"
        "print(sorted(m for m in ('openpyxl', 'icalendar', 'matplotlib', 'pandas')"
        " if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(hi.__file__).parents[1])},
    )
    assert result.stdout.strip() == "[]"
