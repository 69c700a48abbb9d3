"""Input errors of the ledger, deadline, check and policy commands, in the office's language.

Under ``--lang zh`` each error below is one line on standard error, exit code 2, with no English
sentence left (the rule of :func:`tests.cli.test_cli_zh.english_runs`); under ``--lang en`` the
line is the English of before. A policy file whose rules do not load is linted in Chinese too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hospital_inspection.cli import main
from tests.support.zh import english_runs

#: A year arrangement (放假安排) file: year, source, holidays, workdays.
ARRANGEMENTS = {
    "weekday.toml": 'year = 2031\nsource = "x"\nholidays = [2031-01-01]\nworkdays = [2031-01-06]\n',
    "unsourced.toml": "year = 2031\nholidays = [2031-01-01]\n",
    "unknown-key.toml": 'year = 2031\nsource = "x"\nbogus = 1\n',
    "other-year.toml": 'year = 2031\nsource = "x"\nholidays = [2030-01-01]\n',
    "not-a-date.toml": 'year = 2031\nsource = "x"\nholidays = ["1 January"]\n',
    "broken.toml": "year = \n",
}


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in ARRANGEMENTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _deadline(folder: Path, name: str) -> list[str]:
    return ["deadline", "--received", "2031-06-03", "--calendar-year", str(folder / name)]


@pytest.mark.parametrize(
    ("name", "english", "chinese"),
    [
        ("weekday.toml", "workdays: 2031-01-06 is a weekday; a make-up working day (调休) is a "
         "Saturday or Sunday", "workdays：2031年1月6日不是周末，调休上班日应为周六或周日"),
        ("unsourced.toml", "source: missing", "source：缺失"),
        ("unknown-key.toml", "bogus: unknown key; expected one of holidays, source, workdays, year",
         "bogus：未知的键，应为以下之一：holidays, source, workdays, year"),
        ("other-year.toml", "holidays: 2030-01-01 is not in 2031; expected dates of 2031",
         "holidays：2030年1月1日不在 2031 年内，应为 2031 年的日期"),
        ("not-a-date.toml", "holidays: '1 January' is not a date; expected YYYY-MM-DD",
         "holidays：'1 January' 不是日期，应写作 YYYY-MM-DD"),
        ("broken.toml", "not valid TOML: Invalid value (at line 1, column 8)",
         "不是有效的 TOML：第1行第8列有误"),
        ("missing.toml", "cannot read the file: No such file or directory",
         "无法读取文件：文件不存在"),
    ],
    ids=lambda x: x if isinstance(x, str) and x.endswith(".toml") else "",
)  # fmt: skip
def test_a_bad_year_arrangement_reads_in_chinese(
    capsys: pytest.CaptureFixture[str], folder: Path, name: str, english: str, chinese: str
) -> None:
    code, out, err = _run(capsys, [*_deadline(folder, name), "--lang", "zh"])
    assert (code, out) == (2, "")
    assert err == (f"hospital-inspection deadline：错误：{folder / name} 中的数据有误：{chinese}\n")
    assert english_runs(err, folder) == []
    code, _, err = _run(capsys, [*_deadline(folder, name), "--lang", "en"])
    assert (code, err) == (
        2, f"hospital-inspection deadline: error: invalid data in {folder / name}: {english}\n"
    )  # fmt: skip


def test_a_round_the_policy_does_not_have_reads_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ledger = str(tmp_path / "wh.ledger")
    code, _, _ = _run(capsys, ["ledger", "add", ledger, "--hospital", "WH001", "--what", "x",
                               "--found", "2025-11-21"])  # fmt: skip
    assert code == 0
    argv = ["ledger", "briefing", ledger, "--hospital", "WH001", "--as-of", "2026-03-01",
            "--round", "1999"]  # fmt: skip
    code, out, err = _run(capsys, [*argv, "--lang", "zh"])
    assert (code, out) == (2, "")
    assert err == (
        "hospital-inspection ledger briefing：错误：数据有误：round：'1999' 不是 "
        "weihai-2024-2026 的巡查轮次，应为以下之一：2024-2026\n"
    )
    assert english_runs(err, tmp_path) == []
    code, _, err = _run(capsys, [*argv, "--lang", "en"])
    assert (code, err) == (
        2, "hospital-inspection ledger briefing: error: invalid data: round: '1999' is not a "
        "round of weihai-2024-2026; expected one of 2024-2026\n"
    )  # fmt: skip


@pytest.fixture
def plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "plan.json"
    code, _, _ = _run(capsys, ["schedule", "--demo", "--out", str(path)])
    assert code == 0
    return path


@pytest.mark.parametrize(
    ("change", "english", "chinese"),
    [
        (lambda p: p["visits"][0].__setitem__("hospital", "NOPE"),
         "plan.visits[0].hospital: no hospital with id 'NOPE'",
         "plan.visits[0].hospital：没有编号为 'NOPE' 的医院"),
        (lambda p: p["visits"][0]["team"][0].__setitem__("person", "NOPE"),
         "plan.visits[0].team[0].person: no expert with id 'NOPE'",
         "plan.visits[0].team[0].person：没有编号为 'NOPE' 的专家"),
        (lambda p: p.__setitem__("waivers", [{"rule": "wh-nope", "justification": "x"}]),
         "plan.waivers[0].rule: 'wh-nope' is not a rule of 'weihai-2024-2026'; expected one of ",
         "plan.waivers[0].rule：'wh-nope' 不是 'weihai-2024-2026' 的规则，应为以下之一："),
    ],
    ids=["hospital", "expert", "waiver"],
)  # fmt: skip
def test_a_plan_naming_what_is_not_there_reads_in_chinese(
    capsys: pytest.CaptureFixture[str], plan: Path, change: object, english: str, chinese: str
) -> None:
    bundle = json.loads(plan.read_text(encoding="utf-8"))
    change(bundle["plan"])  # type: ignore[operator]
    plan.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    argv = ["check", str(plan), "--as-of", "2025-06-30"]
    code, out, err = _run(capsys, [*argv, "--lang", "zh"])
    assert (code, out) == (2, "") and len(err.splitlines()) == 1
    assert err.startswith(f"hospital-inspection check：错误：数据有误：{chinese}")
    assert english_runs(err, plan.parent) == []
    code, _, err = _run(capsys, [*argv, "--lang", "en"])
    assert code == 2
    assert err.startswith(f"hospital-inspection check: error: invalid data: {english}")


def test_rules_that_do_not_load_are_linted_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import shutil

    import hospital_inspection as hi

    shipped = Path(hi.__file__).parent / "policy" / "data"
    shutil.copytree(shipped / "sources", tmp_path / "sources")
    text = (shipped / "weihai-2024-2026.toml").read_text(encoding="utf-8")
    bad = text.replace('min_share = "3/10"', 'min_share = "0.3"', 1)
    bad = bad.replace('{ role = "expert", min = 1 }', '{ role = "expert", min = 3, max = 2 }', 1)
    assert bad.count('"0.3"') == 1 and bad.count("max = 2 }") == 1
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    code, out, err = _run(capsys, ["policy", "lint", str(path), "--lang", "zh"])
    assert code == 1
    lines = out.splitlines()
    assert lines[-1] == f"{path}：无法载入，共 2 处错误"
    assert "rules.wh-team.slots[1].max：2 小于 min（3）" in lines[0]
    assert "rules.wh-external-experts.min_share：'0.3' 无效，应为 (0, 1] 内的精确分数" in lines[1]
    assert english_runs(out + err, tmp_path) == []
    code, out, _ = _run(capsys, ["policy", "lint", str(path), "--lang", "en"])
    assert code == 1
    assert "rules.wh-team.slots[1].max: 2 is below min 3\n" in out
    assert "min_share: '0.3' is not an exact fraction in (0, 1] like '3/10'\n" in out


def test_a_ledger_changed_outside_the_library_reads_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import sqlite3

    ledger = tmp_path / "wh.ledger"
    code, _, _ = _run(capsys, ["ledger", "add", str(ledger), "--hospital", "WH001", "--what",
                               "公示不及时", "--found", "2025-11-21"])  # fmt: skip
    assert code == 0
    with sqlite3.connect(ledger) as conn:  # a finding edited by hand: its checksum no longer fits
        conn.execute("UPDATE findings SET data = replace(data, '公示不及时', '公示及时')")
    conn.close()
    code, out, err = _run(capsys, ["ledger", "status", str(ledger), "--lang", "zh"])
    assert (code, out) == (2, "")
    assert err == (
        f"hospital-inspection ledger status：错误：整改台账文件 {ledger} 无法使用："
        "findings[WH001-1]：该记录在本库之外被改动过（校验和不符）\n"
    )
    assert english_runs(err, tmp_path) == []
    code, _, err = _run(capsys, ["ledger", "status", str(ledger), "--lang", "en"])
    assert (code, err) == (
        2, f"hospital-inspection ledger status: error: invalid data in ledger file {ledger}: "
        "findings[WH001-1]: the record was changed outside the library (checksum)\n"
    )  # fmt: skip
