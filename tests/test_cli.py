"""The command line: every command, its JSON output and its exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import build_parser, main
from hospital_inspection.loaders import read_csv


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) >= {"demo", "policies", "decide", "deadline", "check"}
    for name, sub in commands.items():
        text = sub.format_help()
        assert "example:" in text, name
        assert "hospital-inspection" in text, name


def test_policies_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "policies")
    assert code == 0
    assert "威卫办〔2024〕11号" in out and "吉卫便函〔2021〕2号" in out
    code, out, _ = run(capsys, "policies", "weihai-2024-2026")
    assert code == 0
    assert "于2026年10月底前完成本轮巡查" in out
    assert "tcm-level = tertiary-governs-both" in out
    code, out, _ = run(capsys, "policies", "jilin-2021", "--json")
    assert json.loads(out)["meta"]["document"] == "吉卫便函〔2021〕2号"


def test_decide_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "decide", "--level", "三级", "--category", "中医医院",
                       "--experts", "10")  # fmt: skip
    assert code == 0
    assert "7 工作日" in out and "原则上" in out
    code, out, _ = run(capsys, "decide", "--level", "二级", "--category", "中医医院",
                       "--experts", "10", "--json")  # fmt: skip
    data = json.loads(out)
    assert data["min days 最少天数"]["value"] == 5
    assert data["external experts of 10"]["value"] == 3
    assert data["scope 巡查范围"]["citation"]["clause"] == "二、"


def test_decide_with_another_reading(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "decide", "--level", "二级", "--category", "中医医院", "--json",
                       "--interpretation", "tcm-level=every-tcm-7")  # fmt: skip
    assert code == 0
    assert json.loads(out)["min days 最少天数"]["value"] == 7


def test_decide_rule_not_in_policy_is_reported_not_fatal(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "decide", "--policy", "jilin-2021", "--level", "三级",
                       "--category", "综合医院", "--experts", "4")  # fmt: skip
    assert code == 0
    assert "has no 'external_experts' rule" in out


def test_deadline(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadline", "--received", "2025-08-01")
    assert code == 0
    assert "due on or before 2025-10-09" in out and "rolled forward from 2025-10-01" in out
    code, out, _ = run(capsys, "deadline", "--received", "2025-08-01", "--no-roll", "--json")
    assert json.loads(out)["value"]["date"] == "2025-10-01"


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["decide", "--level", "四级", "--category", "综合医院"], "'四级' is not a level"),
        (["deadline", "--received", "2025-02-30"], "is not a date; expected YYYY-MM-DD"),
        (["policies", "nowhere"], "nowhere"),
        (["check", "missing-plan.json"], "missing-plan.json: no such file"),
        (["decide", "--level", "三级", "--category", "综合医院", "--interpretation", "x"],
         "NAME=CHOICE"),
    ],
)  # fmt: skip
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert words in err
    assert len([line for line in err.splitlines() if "error" in line]) == 1


def _plan(tmp_path: Path, *, team_size: int) -> Path:
    data = hi.sample_data("weihai")
    h = next(h for h in data.hospitals if h.authority == "weihai-wendeng"
             and h.level is hi.Level.TERTIARY)  # fmt: skip
    officials = [e for e in data.experts if hi.Role.OFFICIAL in e.roles]
    experts = [e for e in data.experts if e.is_expert and e.employer != h.id]
    outside = [e for e in experts if e.home_region != "wendeng"][:2]
    local = [e for e in experts if e.home_region == "wendeng"][: team_size - len(outside)]
    team = (hi.Member(person=officials[0].id, role=hi.Role.OFFICIAL),
            *(hi.Member(person=e.id) for e in (*outside, *local)))  # fmt: skip
    visit = hi.Visit(id="V1", hospital=h.id, authority="weihai-wendeng",
                     first_day=dt.date(2025, 3, 3), last_day=dt.date(2025, 3, 11),
                     team=team, self_report_date=dt.date(2025, 2, 20))  # fmt: skip
    plan = hi.Plan(id="P1", policy="weihai-2024-2026", authority="weihai-wendeng",
                   visits=(visit,))  # fmt: skip
    path = tmp_path / "plan.json"
    path.write_text(hi.to_json(plan), "utf-8")
    return path


def test_check_exit_codes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = _plan(tmp_path, team_size=4)
    code, out, _ = run(capsys, "check", str(good))
    assert code == 0, out
    assert "OK" in out
    code, out, _ = run(capsys, "check", str(good), "--json")
    assert json.loads(out)["plan"] == "P1"
    # 2 external experts of 10 is below 3/10: a violation, exit code 1.
    bad = _plan(tmp_path, team_size=10)
    code, out, _ = run(capsys, "check", str(bad))
    assert code == 1, out
    assert "external_share" in out and "外区市专家比例不得低于30%" not in out


def test_check_reads_hospitals_and_experts_from_csv(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = hi.sample_data("weihai")
    hospitals = tmp_path / "hospitals.csv"
    rows = ["编号,名称,级别,等次,类别,性质,主管部门,区市"] + [
        f"{h.id},{h.name},{h.level.label},{h.grade.label},{h.category.label},"
        f"{h.ownership.label},{h.authority},{h.region}"
        for h in data.hospitals
        if h.specialty is None
    ]
    hospitals.write_text("\n".join(rows), "utf-8-sig")
    code, _, err = run(capsys, "check", str(_plan(tmp_path, team_size=4)),
                         "--hospitals", str(hospitals))  # fmt: skip
    assert code == 0, err


def test_csv_errors_name_file_row_and_field(tmp_path: Path) -> None:
    path = tmp_path / "hospitals.csv"
    text = "id,name,level,category,ownership,authority\nH1,甲,三级,综合医院,公立,a\n"
    path.write_text(text + "H2,乙,四级,综合医院,公立,a\n", "utf-8")
    with pytest.raises(hi.DataError) as info:
        read_csv(path, hi.Hospital)
    assert "row 3.level: '四级' is not a level" in str(info.value)
    assert str(path) in str(info.value)
