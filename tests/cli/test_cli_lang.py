"""--lang: the command line in the office's language, and the printable report (--html)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main
from hospital_inspection.loaders import load_plan

#: Two or more English words in a row (see tests/compliance/test_messages_in_chinese.py).
ENGLISH = re.compile(r"(?<![\w-])[A-Za-z]{2,}(?: [A-Za-z]{2,})+(?![\w-])")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "plan.json"
    assert main(["schedule", "--demo", "--out", str(path)]) == 0
    return path


def test_check_in_chinese_prints_no_english_sentence(
    capsys: pytest.CaptureFixture[str], demo_plan: Path
) -> None:
    code, out, err = run(capsys, "check", str(demo_plan), "--as-of", "2025-06-30", "--lang", "zh")
    assert code == 1 and not err
    assert out.startswith(
        "巡查计划 weihai-2024-2026-plan（政策 weihai-2024-2026）：不合规 — 违规 8 项"
    )
    assert "威海市环翠区卫生健康局未报送2024年度巡查工作报告（应于2024年12月20日前报送）" in out
    assert "整改建议" in out
    assert not ENGLISH.findall(out), ENGLISH.findall(out)[:5]


def test_check_in_english_prints_todays_text(
    capsys: pytest.CaptureFixture[str], demo_plan: Path
) -> None:
    code, out, _ = run(capsys, "check", str(demo_plan), "--as-of", "2025-06-30", "--lang", "en")
    code_default, default, _ = run(capsys, "check", str(demo_plan), "--as-of", "2025-06-30")
    assert (code, out) == (code_default, default)
    assert out.splitlines()[0] == (
        "plan weihai-2024-2026-plan under weihai-2024-2026: NOT COMPLIANT — 8 violation(s), "
        "0 warning(s), 23 information"
    )
    assert "威海市环翠区卫生健康局 has no 区市 2024 annual inspection report to the city " in out
    assert "(ReportSubmission rule='wh-report-2024', by='weihai-huancui')" in out


def test_the_default_language_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str], demo_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HOSPITAL_INSPECTION_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    _, out, _ = run(capsys, "check", str(demo_plan), "--as-of", "2025-06-30")
    assert out.startswith("巡查计划")
    monkeypatch.setenv("HOSPITAL_INSPECTION_LANG", "en")
    _, out, _ = run(capsys, "check", str(demo_plan), "--as-of", "2025-06-30")
    assert out.startswith("plan ")


def test_json_in_chinese_carries_chinese_messages_and_the_message_ids(
    capsys: pytest.CaptureFixture[str], demo_plan: Path
) -> None:
    argv = ["check", str(demo_plan), "--as-of", "2025-06-30", "--json", "--lang", "zh"]
    _, out, _ = run(capsys, *argv)
    issue = json.loads(out)["issues"][0]
    assert issue["message"].endswith("未报送2024年度巡查工作报告（应于2024年12月20日前报送）")
    assert issue["message_id"].startswith("{authority} has no {report} recorded")
    assert issue["params"]["authority_id"] == issue["authority"]


def test_an_unknown_language_is_bad_input(
    capsys: pytest.CaptureFixture[str], demo_plan: Path
) -> None:
    code, out, err = run(capsys, "check", str(demo_plan), "--lang", "fr")
    assert code == 2 and not out
    assert "--lang" in err and "expected en or zh" in err


def test_an_error_reads_in_chinese_with_lang_zh(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOSPITAL_INSPECTION_LANG", "klingon")  # the error names the variable
    code, _, err = run(capsys, "demo")
    assert code == 2 and "HOSPITAL_INSPECTION_LANG" in err
    code, _, err = run(capsys, "check", str(tmp_path / "missing.json"), "--lang", "zh")
    assert code == 2 and err.startswith("hospital-inspection check：错误：")


def test_check_writes_the_printable_report(
    capsys: pytest.CaptureFixture[str], demo_plan: Path, tmp_path: Path
) -> None:
    html = tmp_path / "report.html"
    argv = ["check", str(demo_plan), "--as-of", "2025-06-30", "--lang", "zh", "--html", str(html)]
    code, out, _ = run(capsys, *argv)
    assert code == 1 and out.rstrip().endswith(f"已写入 {html}")
    text = html.read_text("utf-8")
    assert "大型医院巡查合规检查报告" in text and "威卫办〔2024〕11号" in text
    for h in hi.sample_data("weihai").hospitals:
        if h.id in {v.hospital for v in load_plan(demo_plan).visits}:
            assert h.name in text
