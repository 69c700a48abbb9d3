"""schedule and reschedule take the options an office plans with (issue 13): availability from
options or a file, hospital blackouts, caps, rest days, notice, the objective with its yearly
shares, pinned visits; bad input stops with one line naming the option."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main
from hospital_inspection.dates.calendars import ChinaOfficialCalendar

DATA = hi.sample_data("weihai")
LEADERS = sorted(e.id for e in DATA.experts if e.can(hi.Role.TEAM_LEADER))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict[str, Any]]:
    code = main(["schedule", "--demo", *argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out) if code in (0, 1) else {}


def working_days(first: str, last: str) -> set[dt.date]:
    cal = ChinaOfficialCalendar()
    a, b = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    days = (a + dt.timedelta(days=k) for k in range((b - a).days + 1))
    return {d for d in days if cal.is_working_day(d)}


def test_schedule_honours_the_office_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "unavailable.csv"
    table.write_text("人员编号,开始日期,结束日期\nWE002,2025-03-03,2025-04-30\nWE003,2025-03-10,\n",
                     encoding="utf-8")  # fmt: skip
    code, out = run(capsys, "--unavailable", "WE004:2025-03-01..", "--unavailable-file",
                    str(table), "--hospital-blackout", "WH001:2025-03-01..2025-05-31",
                    "--max-days", "30", "--min-rest-days", "2", "--notice-days", "5",
                    "--objective", "balanced")  # fmt: skip
    assert code == 0
    visits = out["plan"]["visits"]
    off = {"WE002": ("2025-03-03", "2025-04-30"), "WE004": ("2025-03-01", "2026-12-31")}
    load: dict[str, set[dt.date]] = {}
    for v in visits:
        people = {m["person"] for m in v["team"]}
        days = working_days(v["first_day"], v["last_day"])
        for person, (a, b) in off.items():
            if person in people:
                assert not days & working_days(a, b)
        assert "WE003" not in people or dt.date(2025, 3, 10) not in days  # an empty 'to': one day
        if v["hospital"] == "WH001":
            assert v["first_day"] > "2025-05-31"
        assert v["first_day"] >= "2025-03-10"  # 5 working days' notice from 2025-03-03
        for person in people:
            load.setdefault(person, set()).update(days)
    assert max(len(d) for d in load.values()) <= 30
    stats = out["stats"]
    assert stats["objective"] == "balanced"
    assert stats["value"] == max(len(d) for d in load.values())
    assert stats["bound"] <= stats["value"]
    assert out["report"]["issues"] == []


def test_the_summary_prints_the_objective_and_its_bound(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schedule", "--demo", "--per-year", "2025=0.5", "--per-year", "2026=0.5"]) == 0
    out = capsys.readouterr().out
    assert "目标 objective    spread: 0 visits off their yearly targets; lower bound 0" in out
    assert main(["schedule", "--demo", "--lang", "zh", "--objective", "local"]) == 0
    out = capsys.readouterr().out
    assert "目标    local：" in out and "跨区市" in out and "下限" in out


def test_per_year_targets_are_met(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "--per-year", "2025:0.4,2026:0.6")
    assert code == 0
    years = [v["first_day"][:4] for v in out["plan"]["visits"]]
    n = len(years)
    assert (
        abs(years.count("2026") - 0.6 * n) <= 1 and years.count("2026") + years.count("2025") == n
    )
    assert out["stats"]["objective"] == "spread" and out["stats"]["value"] == 0


def test_pinned_visits_are_kept_exactly(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, first = run(capsys, "--out", str(tmp_path / "plan.json"))
    assert code == 0
    code, second = run(capsys, "--pinned", str(tmp_path / "plan.json"), "--objective", "local")
    assert code == 0
    assert second["plan"]["visits"] == first["plan"]["visits"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--objective", "fastest"], "--objective 'fastest': expected one of earliest, spread"),
        (["--per-year", "2025:x"], "--per-year '2025:x': expected YEAR:SHARE"),
        (["--per-year", "2025:1.5"], "--per-year '2025:1.5': expected YEAR:SHARE"),
        (["--per-year", "2025:0.5,2026:0.2"], "--per-year: the shares add up to 0.7; expected 1"),
        (["--per-year", "2025:0.5,2027:0.5"], "--per-year: the year 2027 is outside the round"),
        (["--per-year", "2025:0.5,2025:0.5"], "--per-year: the year 2025 is given twice"),
        (["--objective", "balanced", "--per-year", "2025:1"], "--per-year applies to --objective"),
        (["--objective", "spread"], "--objective spread needs --per-year"),
        (["--unavailable", "NOBODY:2025-06-01"], "--unavailable: NOBODY not among the experts"),
        (["--unavailable", "WE007"], "--unavailable 'WE007': expected ID:DATE..DATE"),
        (["--unavailable", "WE007:2025-06-31"], "--unavailable '2025-06-31': expected DATE"),
        (["--unavailable", "WE007:2025-06-30..2025-06-01"], "the range ends before it starts"),
        (["--hospital-blackout", "WH999:2025-06-01"], "--hospital-blackout: WH999 not among"),
        (["--unavailable-file", "missing.csv"], "--unavailable-file missing.csv: no such file"),
        (["--pinned", "missing.json"], "--pinned missing.json: no such file"),
        (["--max-days", "0"], "--max-days: '0' is not a whole number of at least 1"),
        (["--min-rest-days", "-1"], "--min-rest-days: '-1' is not a whole number of at least 0"),
    ],
)
def test_bad_office_options_exit_2_naming_the_option(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    argv: list[str],
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    try:
        code = main(["schedule", "--demo", *argv])
    except SystemExit as exc:  # argparse's own check of a number
        code = int(str(exc.code))
    assert code == 2
    err = capsys.readouterr().err
    assert expected in err
    assert len(err.strip().splitlines()) == 1


def test_a_bad_unavailable_file_names_row_and_header(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "u.csv"
    bad.write_text("who,from\nWE007,2025-06-01\n", encoding="utf-8")
    assert main(["schedule", "--demo", "--unavailable-file", str(bad)]) == 2
    assert "the header who,from lacks person or from" in capsys.readouterr().err
    bad.write_text("person,from,to\nWE007,2025-06-01,June\n", encoding="utf-8")
    assert main(["schedule", "--demo", "--unavailable-file", str(bad)]) == 2
    assert f"--unavailable-file {bad} row 2 '2025-06-01..June'" in capsys.readouterr().err


def test_a_chinese_reader_gets_the_option_error_in_chinese(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schedule", "--demo", "--lang", "zh", "--per-year", "2025:0.5,2026:0.2"]) == 2
    err = capsys.readouterr().err
    assert "--per-year" in err and "0.7" in err and "份额" in err and "shares" not in err


def test_leaders_made_unavailable_stop_the_round_naming_the_constraint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 13 item 9 from the command line: every team leader out from the start."""
    away = [a for p in LEADERS for a in ("--unavailable", f"{p}:2025-03-01..")]
    assert main(["schedule", "--demo", *away]) == 2
    err = capsys.readouterr().err
    assert "no schedule exists" in err
    assert "needs 1 team leader(s) free on every day" in err
    assert "after unavailability" in err


def test_the_message_names_the_only_people_who_could_lead(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """With four leaders in the pool, all made unavailable, the message names those who could
    have led the visit (WE011 of the hospital's own district may not: 回避)."""
    pool = tmp_path / "experts.json"
    four = [e for e in DATA.experts if e.id not in LEADERS[4:]]
    pool.write_text(json.dumps([hi.unstructure(e) for e in four], ensure_ascii=False), "utf-8")
    away = [a for p in LEADERS[:4] for a in ("--unavailable", f"{p}:2025-03-01..")]
    code = main(["schedule", "--data", "sample:weihai", "--experts", str(pool),
                 "--start", "2025-03-03", *away])  # fmt: skip
    assert code == 2
    err = capsys.readouterr().err
    assert "needs 1 team leader(s) free on every day" in err
    assert "(WE001, WE021 and WE031 are the only ones), after unavailability" in err
    note, error = err.strip().splitlines()  # how the experts' file was read, then the error
    assert ": read as JSON" in note and error.startswith("hospital-inspection schedule: error: ")


def test_reschedule_takes_the_same_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = tmp_path / "plan.json"
    assert main(["schedule", "--demo", "--out", str(plan)]) == 0
    capsys.readouterr()
    table = tmp_path / "unavailable.csv"
    table.write_text("person,from,to\nWE012,2025-03-01,2025-12-31\n", encoding="utf-8")
    code = main(["reschedule", str(plan), "--as-of", "2025-03-02", "--unavailable-file",
                 str(table), "--objective", "balanced", "--max-days", "40", "--json"])  # fmt: skip
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    for v in out["plan"]["visits"]:
        assert "WE012" not in {m["person"] for m in v["team"]}
    assert main(["reschedule", str(plan), "--as-of", "2025-03-02", "--unavailable",
                 "NOBODY:2025-03-03"]) == 2  # fmt: skip
    assert "--unavailable: NOBODY not among the experts" in capsys.readouterr().err
    assert main(["reschedule", str(plan), "--as-of", "2025-03-02", "--cancel", "WH001-regular",
                 "--per-year", "2025:2"]) == 2  # fmt: skip
    assert "--per-year '2025:2'" in capsys.readouterr().err


def test_exact_honours_the_office_options(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("ortools", reason="--exact needs the 'solver' extra (OR-Tools)")
    office = ["--objective", "balanced", "--unavailable", "WE002:2025-03-01..2025-04-30",
              "--max-days", "30", "--notice-days", "3",
              "--hospital-blackout", "WH001:2025-03-01..2025-05-31"]  # fmt: skip
    code, out = run(capsys, "--exact", "--time-limit", "10", *office)
    assert code == 0
    assert out["stats"]["method"] == "cp-sat"
    assert out["stats"]["bound"] <= out["stats"]["value"]
    for v in out["plan"]["visits"]:
        if "WE002" in {m["person"] for m in v["team"]}:
            assert v["first_day"] > "2025-04-30"
        assert v["first_day"] >= "2025-03-06"  # 3 working days' notice from 2025-03-03
        assert v["hospital"] != "WH001" or v["first_day"] > "2025-05-31"
    assert out["report"]["issues"] == []


def test_a_pinned_visit_that_breaks_a_rule_is_reported_in_the_readers_language(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.support.zh import english_runs

    assert main(["schedule", "--demo", "--out", str(tmp_path / "plan.json")]) == 0
    bundle = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    visit = bundle["plan"]["visits"][0]
    visit["last_day"] = visit["first_day"]  # one day on site: shorter than the policy asks
    (tmp_path / "short.json").write_text(json.dumps(bundle, ensure_ascii=False), "utf-8")
    capsys.readouterr()
    pinned = ["schedule", "--demo", "--pinned", str(tmp_path / "short.json")]
    main([*pinned, "--lang", "en"])
    english = capsys.readouterr().out
    main([*pinned, "--lang", "zh"])
    chinese = capsys.readouterr().out
    notes = chinese[chinese.index("说明") : chinese.index("合规检查")]
    assert f"  - 巡查 '{visit['id']}'：现场巡查 1 个工作日，至少应为 " in notes
    assert english_runs(notes, tmp_path) == [], notes
    assert f"  - visit '{visit['id']}': 1 working days on site; at least " in english
