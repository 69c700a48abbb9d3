"""Printable documents: self-contained A4 HTML, paginated as declared, and (where Chromium is
installed) printed to PDF whose text holds the Chinese headings and every hospital's name."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.display.document import (
    ISSUES_PER_PAGE,
    LEDGER_ROWS_PER_PAGE,
    SCHEDULE_ROWS_PER_PAGE,
    ledger_document,
    page_count,
    plan_document,
    report_document,
)
from hospital_inspection.followup.findings import Finding, Measure
from hospital_inspection.followup.ledger import Ledger

AS_OF = dt.date(2025, 6, 30)
PAGE = re.compile(r'<section class="page">')
#: Binaries of headless Chromium (Debian's package installs ``chromium``).
CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "chrome", "headless_shell")
HEADINGS_ZH = (
    "大型医院巡查合规检查报告",
    "巡查时间表",
    "检查发现的问题",
    "引用条款原文",
    "第 1 页",
)
Demo = tuple[hi.SampleData, hi.Plan, hi.ComplianceReport]


@pytest.fixture(scope="module")
def demo() -> Demo:
    data = hi.sample_data("weihai")
    plan = hi.schedule(
        data.hospitals,
        data.experts,
        "weihai-2024-2026",
        authorities=data.authorities,
        start=dt.date(2025, 3, 3),
    )
    report = hi.check_plan(
        plan,
        "weihai-2024-2026",
        hospitals=data.hospitals,
        experts=data.experts,
        authorities=data.authorities,
        as_of=AS_OF,
    )
    return data, plan, report


def ledger_of(n: int) -> Ledger:
    ledger = Ledger()
    for k in range(1, n + 1):
        ledger.add_finding(
            Finding(
                id=f"F{k}",
                hospital="WH001",
                round="2025",
                description="台账缺失",
                found_on=dt.date(2025, 11, 20),
                found_by="E01",
            )
        )
        ledger.add_measure(f"F{k}", Measure(code="rectify", label="限期整改"), responsible="医务科")
    return ledger


def assert_self_contained(html: str) -> None:
    lowered = html.lower()
    for banned in (
        "<script",
        "<link",
        "<img",
        "<iframe",
        "@import",
        "url(",
        "http://",
        "https://",
        "src=",
        "href=",
    ):
        assert banned not in lowered, banned
    assert "@page { size: a4 landscape;" in lowered
    assert lowered.startswith("<!doctype html>") and '<meta charset="utf-8">' in lowered


def test_the_report_is_one_self_contained_a4_document(demo: Demo) -> None:
    data, plan, report = demo
    html = report.to_html(lang="zh", plan=plan, names=data.names)
    assert_self_contained(html)
    for heading in HEADINGS_ZH:
        assert heading in html
    assert (
        "威卫办〔2024〕11号" in html and "《威海市大型医院巡查工作方案（2024—2026年度）》" in html
    )
    for visit in plan.visits:
        assert data.names.hospital(visit.hospital) in html
    pages = len(PAGE.findall(html))
    expected = (
        1
        + -(-len(plan.visits) // SCHEDULE_ROWS_PER_PAGE)
        + -(-len(report.issues) // ISSUES_PER_PAGE)
        + 1
    )
    assert pages == page_count(report, plan=plan) == expected
    assert f"第 {pages} 页，共 {pages} 页" in html


def test_the_english_document_speaks_english(demo: Demo) -> None:
    data, plan, report = demo
    html = report_document(report, lang="en", plan=plan, names=data.names)
    assert "Large-hospital inspection compliance report" in html and "Issues found" in html
    assert "检查发现的问题" not in html and "page 1 of" in html


def test_every_piece_of_text_is_escaped() -> None:
    report = hi.ComplianceReport(
        plan="<b>P</b>",
        policy="own-policy",
        as_of=None,
        issues=(
            hi.ComplianceIssue(
                check="x",
                severity=hi.ComplianceLevel.VIOLATION,
                message="<script>alert(1)</script>",
                hint="a & b",
            ),
        ),
    )
    html = report_document(report, lang="zh")
    assert "<script" not in html and "&lt;script&gt;" in html and "&lt;b&gt;P&lt;/b&gt;" in html
    assert "依据政策 own-policy" in html  # not a shipped policy: no document number to print
    assert len(PAGE.findall(html)) == page_count(report) == 3


def test_to_html_writes_the_file(demo: Demo, tmp_path: Path) -> None:
    data, plan, report = demo
    path = tmp_path / "report.html"
    assert report.to_html(str(path), lang="zh", plan=plan) == path.read_text("utf-8")
    path = tmp_path / "plan.html"
    html = plan.to_html(str(path), lang="zh", names=data.names)
    assert html == path.read_text("utf-8") == plan_document(plan, lang="zh", names=data.names)
    assert "大型医院巡查时间表" in html and "威海市卫生健康委员会" in html
    assert len(PAGE.findall(html)) == page_count(plan)


def test_the_ledger_document(tmp_path: Path) -> None:
    ledger = ledger_of(LEDGER_ROWS_PER_PAGE + 1)
    day = dt.date(2025, 12, 1)
    html = ledger.to_html(str(tmp_path / "ledger.html"), as_of=day, lang="zh")
    assert html == ledger_document(ledger, day, lang="zh")
    assert_self_contained(html)
    assert "整改台账" in html and "截至2025年12月1日" in html and "（2/2）" in html
    assert len(PAGE.findall(html)) == page_count(ledger, as_of=day) == 3
    with pytest.raises(hi.InspectionError, match="as_of"):
        page_count(ledger)


# --- printed by a real browser ---------------------------------------------------------------


def _chromium() -> str | None:
    return next((found for name in CHROMIUM if (found := shutil.which(name))), None)


def _why_not_print() -> str | None:
    if _chromium() is None:
        return f"no headless Chromium on PATH (looked for {', '.join(CHROMIUM)})"
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        return "no pdftotext/pdfinfo (Debian package poppler-utils)"
    fonts = (
        subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False
        )
        if shutil.which("fc-list")
        else None
    )
    if fonts is None or not fonts.stdout.strip():
        return "no Chinese font installed (Debian package fonts-noto-cjk)"
    return None


def print_pdf(html: Path, pdf: Path) -> tuple[str, int]:
    """Print ``html`` with headless Chromium; the PDF's text and page count."""
    chromium = _chromium()
    assert chromium is not None
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            html.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert pages is not None, info
    return text, int(pages.group(1))


@pytest.mark.skipif(_why_not_print() is not None, reason=str(_why_not_print()))
def test_chromium_prints_the_chinese_report_on_the_pages_the_tables_need(
    demo: Demo, tmp_path: Path
) -> None:
    data, plan, report = demo
    html = tmp_path / "report.html"
    report.to_html(str(html), lang="zh", plan=plan, names=data.names)
    text, pages = print_pdf(html, tmp_path / "report.pdf")
    flat = re.sub(r"\s+", "", text)
    for heading in HEADINGS_ZH:
        assert re.sub(r"\s+", "", heading) in flat, heading
    for visit in plan.visits:
        assert data.names.hospital(visit.hospital) in flat, visit.hospital
    assert "“各区市卫生健康行政部门应在2024年12月20日、2025年12月20日前，" in flat  # the clause
    assert pages == page_count(report, plan=plan), "a page overflowed: fewer rows per page"
    assert f"第{pages}页，共{pages}页" in flat


@pytest.mark.skipif(_why_not_print() is not None, reason=str(_why_not_print()))
def test_chromium_prints_the_ledger_on_the_pages_it_needs(tmp_path: Path) -> None:
    ledger = ledger_of(2 * LEDGER_ROWS_PER_PAGE)
    html = tmp_path / "ledger.html"
    day = dt.date(2025, 12, 1)
    ledger.to_html(str(html), as_of=day, lang="zh")
    text, pages = print_pdf(html, tmp_path / "ledger.pdf")
    assert "整改台账" in text and "限期整改" in text
    assert pages == page_count(ledger, as_of=day) == 3


def test_the_notebook_table_and_the_frame_speak_chinese_on_request(demo: Demo) -> None:
    from hospital_inspection.display import report_html

    _, _, report = demo
    zh = report_html(report, lang="zh")
    assert "整改建议" in zh and "未报送2024年度巡查工作报告" in zh
    assert report_html(report) == report._repr_html_() and "建议 hint" in report_html(report)
