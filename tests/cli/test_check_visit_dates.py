"""``check --self-report VISIT,DATE`` and ``--feedback VISIT,DATE``: the visit dates an office
records on the command line, as the Chinese hints of the report tell it to."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from hospital_inspection.cli import build_parser, main
from hospital_inspection.cli._inspect_check import _with_visit_dates
from hospital_inspection.loaders import load_plan_file


@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("visit-dates") / "plan.json"
    assert main(["schedule", "--demo", "--out", str(path)]) == 0
    return path


def _issues(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    capsys.readouterr()
    main(["check", *argv, "--as-of", "2025-06-30", "--json", "--lang", "zh"])
    issues: list[dict[str, object]] = json.loads(capsys.readouterr().out)["issues"]
    return issues


def _first_days(path: Path) -> dict[str, dt.date]:
    plan, _ = load_plan_file(str(path))
    return {v.id: v.first_day for v in plan.visits}


def test_the_chinese_hint_names_the_option_and_the_option_records_the_day(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = [i for i in _issues(capsys, str(plan_file)) if i["check"] == "self_report_missing"]
    firsts = _first_days(plan_file)
    assert {i["visit"] for i in before} == set(firsts)  # every visit began by 2025-06-30
    for issue in before:
        assert issue["hint"] == (
            f"检查时加 --self-report {issue['visit']},完成日期（或在计划文件中填写该次巡查的 "
            "self_report_date 字段）"
        )
    done = sorted(firsts)[:3]
    given = [f"--self-report={v},{firsts[v] - dt.timedelta(days=7)}" for v in done]
    after = _issues(capsys, str(plan_file), *given)
    assert {i["visit"] for i in after if i["check"] == "self_report_missing"} == set(firsts) - set(
        done
    )
    assert not [i for i in after if i["check"] == "self_report_late"]


def test_a_day_not_before_entry_is_late(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    visit, first = min(_first_days(plan_file).items())
    issues = _issues(capsys, str(plan_file), "--self-report", f"{visit},{first}")
    (late,) = [i for i in issues if i["check"] == "self_report_late"]
    assert late["visit"] == visit and late["severity"] == "violation"


def test_feedback_is_recorded_on_the_visit(
    plan_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Weihai sets no feedback deadline, so the day changes no issue the report shows: the plan
    the command checks is built here as the command builds it."""
    plan, _ = load_plan_file(str(plan_file))
    visit = plan.visits[0].id
    args = build_parser().parse_args(
        ["check", str(plan_file), "--feedback", f"{visit},2025-04-01", "--self-report",
         f"{visit},2025-02-20"]
    )  # fmt: skip
    (seen,) = [v for v in _with_visit_dates(args, plan).visits if v.id == visit]
    assert seen.feedback_date == dt.date(2025, 4, 1)
    assert seen.self_report_date == dt.date(2025, 2, 20)
    assert _with_visit_dates(args, plan).visits[1:] == plan.visits[1:]


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--self-report", "NOPE,2025-03-01"], "计划中没有巡查 'NOPE'"),
        (["--self-report", "V"], "--self-report 'V'：格式应为 VISIT,YYYY-MM-DD"),
        (["--feedback", "V,2025-3-1"], "'2025-3-1' 不是日期"),
        (["--feedback", "V,2025-03-01", "--feedback", "V,2025-03-02"], "巡查 'V' 给了两次"),
    ],
)
def test_bad_visit_dates_are_one_line_and_exit_2(
    plan_file: Path, capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    capsys.readouterr()
    assert main(["check", str(plan_file), *argv, "--lang", "zh"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err, err
