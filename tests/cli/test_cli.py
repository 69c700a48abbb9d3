"""The command line: every command, its JSON output and its exit codes."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection import cli
from hospital_inspection.cli import build_parser, main
from hospital_inspection.cli._progress import Progress
from hospital_inspection.loaders import load_plan, read_csv
from tests.support.extras import installed, requires


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_command_has_help_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) >= {
        "demo",
        "policies",
        "decide",
        "deadline",
        "schedule",
        "check",
        "ledger",
    }
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
    code, out, _ = run(capsys, "check", str(good), "--data", "sample:weihai")
    assert code == 0, out
    assert "OK" in out
    code, out, _ = run(capsys, "check", str(good), "--data", "sample:weihai", "--json")
    assert json.loads(out)["plan"] == "P1"
    # 2 external experts of 10 is below 3/10: a violation, exit code 1.
    bad = _plan(tmp_path, team_size=10)
    code, out, _ = run(capsys, "check", str(bad), "--data", "sample:weihai")
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


# -- schedule ---------------------------------------------------------------------------------


#: The files `schedule --demo` can write that need an extra: option, file name, package.
EXTRA_FILES = [
    ("xlsx", "plan.xlsx", "openpyxl"),
    ("ics", "plan.ics", "icalendar"),
    ("gantt", "plan.png", "matplotlib"),
]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One `schedule --demo` run writing every file, and one with --json (the slow part, shared)."""
    folder = tmp_path_factory.mktemp("demo")
    files = {"out": folder / "plan.json", "csv": folder / "plan.csv"}
    for option, name, package in EXTRA_FILES:
        if installed(package):
            files[option] = folder / name
    argv = ["schedule", "--demo"] + [x for k, p in files.items() for x in (f"--{k}", str(p))]
    text = io.StringIO()
    with contextlib.redirect_stdout(text):
        code = main(argv)
    as_json = io.StringIO()
    empty = folder / "cwd"
    empty.mkdir()
    with contextlib.redirect_stdout(as_json), contextlib.chdir(empty):
        json_code = main(["schedule", "--demo", "--json"])
    return {
        "code": code,
        "out": text.getvalue(),
        "files": files,
        "json_code": json_code,
        "json": json.loads(as_json.getvalue()),
        "left_in_cwd": sorted(p.name for p in empty.iterdir()),
    }


def test_schedule_demo_prints_summary_schedule_and_report(demo_run: dict[str, Any]) -> None:
    assert demo_run["code"] == 0, demo_run["out"]
    out = demo_run["out"]
    assert "23 in scope of 39" in out
    assert "from 2025-03-03 to" in out
    assert "lower bound" in out and "ratio" in out
    assert "巡查时间表" in out and "威海市海鸥中心医院（虚构）" in out
    assert "OK — 0 violation(s)" in out


def test_schedule_demo_json(demo_run: dict[str, Any]) -> None:
    assert demo_run["json_code"] == 0
    data = demo_run["json"]
    assert set(data) >= {"plan", "stats", "report"}
    plan = hi.structure(data["plan"], hi.Plan)
    assert len(plan.visits) == 23
    assert min(v.first_day for v in plan.visits) == dt.date(2025, 3, 3)
    assert data["stats"]["makespan"] >= data["stats"]["lower_bound"] > 0
    assert data["report"]["issues"] == []
    assert data["files"] == []


def test_schedule_demo_writes_files_that_check_accepts(
    demo_run: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    files: dict[str, Path] = demo_run["files"]
    for path in files.values():
        assert path.stat().st_size > 0, path
        assert f"wrote {path}" in demo_run["out"]
    assert "巡查" in files["csv"].read_text("utf-8-sig")
    assert load_plan(files["out"]) == hi.structure(demo_run["json"]["plan"], hi.Plan)
    code, out, _ = run(capsys, "check", str(files["out"]))
    assert code == 0, out
    assert "OK" in out


@requires("matplotlib", "openpyxl", "icalendar")
def test_schedule_demo_writes_every_format(demo_run: dict[str, Any]) -> None:
    files: dict[str, Path] = demo_run["files"]
    assert files["gantt"].read_bytes().startswith(b"\x89PNG")
    assert files["xlsx"].read_bytes().startswith(b"PK")
    assert b"BEGIN:VCALENDAR" in files["ics"].read_bytes()


def test_schedule_demo_writes_nothing_unless_asked(demo_run: dict[str, Any]) -> None:
    assert demo_run["json"]["files"] == []
    assert demo_run["left_in_cwd"] == []


def test_schedule_from_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = hi.sample_data("weihai")
    chosen = [h for h in data.hospitals if h.authority == "weihai-wendeng"]
    hospitals = tmp_path / "hospitals.csv"
    hospitals.write_text(
        "\n".join(
            ["编号,名称,级别,等次,类别,性质,主管部门,区市"]
            + [
                f"{h.id},{h.name},{h.level.label},{h.grade.label},{h.category.label},"
                f"{h.ownership.label},{h.authority},{h.region}"
                for h in chosen
            ]
        ),
        "utf-8-sig",
    )
    experts = tmp_path / "experts.csv"
    experts.write_text(
        "\n".join(
            ["id,name,home_region,employer,roles"]
            + [
                f"{e.id},{e.name},{e.home_region},{e.employer or ''},"
                + ";".join(sorted(r.code for r in e.roles))
                for e in data.experts
            ]
        ),
        "utf-8",
    )
    out_file = tmp_path / "plan.json"
    code, out, err = run(capsys, "schedule", "--hospitals", str(hospitals),
                         "--experts", str(experts), "--start", "2025-09-01",
                         "--blackout", "2025-09-03", "--out", str(out_file))  # fmt: skip
    assert code == 0, err
    plan = load_plan(out_file)
    assert {v.hospital for v in plan.visits} <= {h.id for h in chosen}
    assert plan.visits
    for v in plan.visits:
        assert v.first_day >= dt.date(2025, 9, 1)
        assert not v.first_day <= dt.date(2025, 9, 3) <= v.last_day
    assert "文登区" in out


def test_schedule_bad_csv_names_file_row_and_field(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hospitals = tmp_path / "hospitals.csv"
    hospitals.write_text("id,name,level,category,ownership,authority\nH1,甲,四级,综合医院,公立,a\n")
    code, _, err = run(capsys, "schedule", "--hospitals", str(hospitals), "--start", "2025-09-01")
    assert code == 2
    assert str(hospitals) in err and "row 2.level: '四级' is not a level" in err
    assert len(err.strip().splitlines()) == 1


def test_schedule_infeasible_names_the_binding_constraint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "schedule", "--demo", "--deadline", "2025-03-14")
    assert code == 2
    assert out == ""
    assert err.startswith("hospital-inspection schedule: error: no schedule exists")
    assert "team leaders" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["schedule"], "give --demo"),
        (["schedule", "--data", "sample:weihai"], "--start: missing"),
        (["schedule", "--demo", "--hospitals", "h.csv"], "drop --demo"),
        (["schedule", "--demo", "--team-size", "0"], "'0' is not a whole number of at least 1"),
        (["schedule", "--demo", "--start", "2025-13-01"], "is not a date"),
        (["schedule", "--demo", "--interpretation", "nope"], "NAME=CHOICE"),
        (["schedule", "--demo", "--out", "/no/such/dir/plan.json"], "--out /no/such/dir"),
    ],
)  # fmt: skip
def test_schedule_bad_input_exits_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: str
) -> None:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    err = capsys.readouterr().err
    assert code == 2
    assert words in err
    assert len([line for line in err.splitlines() if "error" in line]) == 1


def test_schedule_exits_1_on_a_violation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = hi.sample_data("weihai")
    bad = hi.check_plan(load_plan(_plan(tmp_path, team_size=10)), "weihai-2024-2026",
                        hospitals=data.hospitals, experts=data.experts,
                        authorities=data.authorities)  # fmt: skip
    assert not bad.ok
    monkeypatch.setattr(cli._schedule, "check_plan", lambda *a, **k: bad)
    code, out, _ = run(capsys, "schedule", "--demo")
    assert code == 1
    assert "NOT COMPLIANT" in out


def test_schedule_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["schedule", "--help"])
    assert info.value.code == 0
    out = capsys.readouterr().out
    assert "hospital-inspection schedule --demo" in out and "Exit codes" in out


def test_module_schedule_demo_subprocess() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hospital_inspection", "schedule", "--demo"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(hi.__file__).parents[1])},
    )
    assert result.returncode == 0, result.stderr
    assert "巡查时间表" in result.stdout and "OK" in result.stdout
    assert result.stderr == ""  # no progress line when stderr is not a terminal


# -- progress ---------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_silent_off_a_terminal() -> None:
    stream = io.StringIO()
    with Progress("work", stream=stream, delay=0, interval=0.01) as p:
        time.sleep(0.05)
    assert stream.getvalue() == "" and not p.shown


def test_progress_is_silent_for_quick_work() -> None:
    stream = _Terminal()
    with Progress("work", stream=stream, delay=5) as p:
        pass
    assert stream.getvalue() == "" and not p.shown


def test_progress_shows_elapsed_time_on_a_terminal_then_erases_it() -> None:
    stream = _Terminal()
    with Progress("scheduling 23 visits", stream=stream, delay=0, interval=0.01) as p:
        time.sleep(0.1)
    text = stream.getvalue()
    assert p.shown
    assert "scheduling 23 visits ... 0 s" in text
    assert text.endswith("\r") and text.rstrip("\r").endswith(" ")
