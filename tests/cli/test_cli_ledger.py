"""The `ledger` command: a rectification ledger (整改台账) kept from the command line."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main
from tests.support.extras import requires


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's own errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def _add(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> tuple[int, str, str]:
    return run(capsys, "ledger", "add", str(path), "--hospital", "WH001", "--item", "wh.1.1.1",
               "--what", "未建立整改台账", "--found", "2025-11-20",
               "--trigger", "violation_clue", "--responsible", "医务科", *extra)  # fmt: skip


def test_ledger_end_to_end(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "wh.ledger"
    code, out, err = _add(capsys, path)
    assert code == 0, err
    assert f"created a new ledger file {path}" in out
    assert "WH001-1-1" in out and "移送违法违纪线索" in out and "五、(四)" in out

    # a second finding in the same file: no "created" this time; a measure added by hand
    code, out, err = run(capsys, "ledger", "add", str(path), "--hospital", "WH001",
                         "--what", "公示不及时", "--found", "2025-11-21",
                         "--trigger", "rectification_required", "--measure", "约谈院领导",
                         "--json")  # fmt: skip
    assert code == 0, err
    data = json.loads(out)
    assert data["created"] is False and data["finding"]["id"] == "WH001-2"
    # 威卫办〔2024〕11号 四、(三) "要根据工作需要…组织巡查“回头看”": an option, not an item
    assert [i["measure"]["label"] for i in data["items"]] == ["公示", "约谈院领导"]
    assert [m["label"] for m in data["options"]] == ["回头看"]

    # feedback received 2025-12-31: two months end 2026-02-28 (no 02-31; 民法典 第二百零二条);
    # the 整改报告 is the hospital's, to its superior authority (四、(三))
    code, out, err = run(capsys, "ledger", "feedback", str(path), "--hospital", "WH001",
                         "--received", "2025-12-31")  # fmt: skip
    assert code == 0, err
    assert "整改报告 due 2026-02-28" in out
    assert "owed by 医疗机构 to 上级卫生健康行政部门" in out
    report = "WH001/2024-2026/rectification_report"

    code, out, err = run(capsys, "ledger", "update", str(path), "WH001-1-1", "--status", "整改中",
                         "--date", "2026-01-05", "--by", "医务科", "--note", "已启动")  # fmt: skip
    assert code == 0, err
    assert "WH001-1-1: 待整改 → 整改中 on 2026-01-05 by 医务科 (已启动)" in out
    code, _, err = run(capsys, "ledger", "update", str(path), "WH001-2-1", "--status", "已整改",
                       "--on", "2026-02-20", "--by", "院办")  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "ledger", "decide", str(path), "WH001-2", "--measure",
                         "follow_up", "--by", "市卫健委", "--on", "2026-03-10")  # fmt: skip
    assert code == 0, err
    assert "回头看 opens as WH001-2-3" in out

    code, out, err = run(capsys, "ledger", "status", str(path), "--as-of", "2026-03-01",
                         "--data", "sample:weihai")  # fmt: skip
    assert code == 0, err
    for header in ("序号", "医院", "问题", "整改措施", "责任单位", "责任部门", "整改时限", "状态"):
        assert header in out
    assert "威海市海鸥中心医院（虚构）" in out
    line = next(row for row in out.splitlines() if report in row)
    assert "医疗机构" in line and "2026-02-28" in line and "待整改" in line and line.endswith(" 1")
    line = next(row for row in out.splitlines() if "WH001-1-1" in row)
    assert "巡查单位" in line and "整改中" in line and "2026" not in line  # no period set

    code, out, err = run(capsys, "ledger", "status", str(path), "--as-of", "2026-03-01",
                         "--json")  # fmt: skip
    rows = json.loads(out)["items"]
    assert len(rows) == 4  # the 回头看 decided on 03-10 does not exist yet on 03-01
    assert rows[3]["编号"] == report and rows[3]["整改时限"] == "2026-02-28"
    assert rows[3]["逾期天数"] == 1 and rows[3]["责任单位"] == "医疗机构"

    # overdue by 1 day on 2026-03-01; on time on 2026-02-28
    code, out, err = run(capsys, "ledger", "overdue", str(path), "--as-of", "2026-03-01",
                         "--json")  # fmt: skip
    assert code == 0, err
    overdue = json.loads(out)["overdue"]
    assert [(o["item"], o["days"], o["due"], o["party"]) for o in overdue] == [
        (report, 1, "2026-02-28", "hospital")
    ]
    code, out, _ = run(capsys, "ledger", "overdue", str(path), "--as-of", "2026-03-01")
    assert "逾期 overdue on 2026-03-01: 1 item(s)" in out
    code, out, _ = run(capsys, "ledger", "overdue", str(path), "--as-of", "2026-03-01",
                       "--party", "巡查单位")  # fmt: skip
    assert code == 0 and "no item is overdue" in out
    code, out, _ = run(capsys, "ledger", "overdue", str(path), "--as-of", "2026-03-01",
                       "--party", "医疗机构")  # fmt: skip
    assert "1 item(s)" in out
    code, out, _ = run(capsys, "ledger", "overdue", str(path), "--as-of", "2026-02-28")
    assert code == 0 and "no item is overdue" in out

    # a due date set by hand is marked so
    code, out, _ = run(capsys, "ledger", "set-due", str(path), "WH001-1-1", "--due", "2026-03-31")
    assert code == 0 and "set by hand" in out

    # the file reads back through the library
    with hi.Ledger.open(path) as ledger:
        due = ledger.item(report).due
        assert due is not None and due.date == dt.date(2026, 2, 28)
        assert [o.days for o in ledger.overdue(dt.date(2026, 3, 1))] == [1]
        assert ledger.item("WH001-1-1").due.by_hand  # type: ignore[union-attr]


@requires("openpyxl")
def test_ledger_status_exports(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "wh.ledger"
    assert _add(capsys, path)[0] == 0
    csv_file, xlsx_file = tmp_path / "整改台账.csv", tmp_path / "整改台账.xlsx"
    code, out, err = run(capsys, "ledger", "status", str(path), "--as-of", "2025-12-01",
                         "--csv", str(csv_file), "--xlsx", str(xlsx_file))  # fmt: skip
    assert code == 0, err
    assert f"wrote {csv_file}" in out and f"wrote {xlsx_file}" in out
    with csv_file.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:3] == ["序号", "医院", "巡查轮次"]
    assert rows[1][3] == "未建立整改台账" and rows[1][4] == "wh.1.1.1"
    assert xlsx_file.read_bytes().startswith(b"PK")


def test_ledger_feedback_no_roll_and_roll(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 2025-08-01 + 2 months = 2025-10-01, in the National Day holiday
    path = tmp_path / "wh.ledger"
    run(capsys, "ledger", "add", str(path), "--hospital", "WH002", "--what", "x",
        "--found", "2025-07-20", "--trigger", "violation_clue")  # fmt: skip
    run(capsys, "ledger", "add", str(path), "--hospital", "WH003", "--what", "y",
        "--found", "2025-07-20", "--trigger", "violation_clue")  # fmt: skip
    code, out, _ = run(capsys, "ledger", "feedback", str(path), "--hospital", "WH002",
                       "--received", "2025-08-01", "--no-roll", "--json")  # fmt: skip
    assert code == 0
    assert json.loads(out)[0]["due"]["date"] == "2025-10-01"
    code, out, _ = run(capsys, "ledger", "feedback", str(path), "--hospital", "WH003",
                       "--received", "2025-08-01", "--roll", "--json")  # fmt: skip
    due = json.loads(out)[0]["due"]
    assert due["date"] == "2025-10-09" and due["rolled_from"] == "2025-10-01"


def test_status_and_overdue_do_not_create_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "missing.ledger"
    for argv in (
        ["ledger", "status", str(path)],
        ["ledger", "overdue", str(path), "--as-of", "2026-03-01"],
        ["ledger", "feedback", str(path), "--hospital", "H", "--received", "2026-01-01"],
        ["ledger", "update", str(path), "X-1", "--status", "整改中", "--on", "2026-01-01",
         "--by", "x"],
    ):  # fmt: skip
        code, _, err = run(capsys, *argv)
        assert code == 2
        assert f"ledger file {path}: no such file" in err
        assert not path.exists()


def test_add_that_fails_creates_no_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "new.ledger"
    code, _, err = run(capsys, "ledger", "add", str(path), "--hospital", "WH001", "--what", "x",
                       "--found", "2025-11-20", "--trigger", "nope")  # fmt: skip
    assert code == 2
    assert "no measure for 'nope'" in err and "violation_clue" in err
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--item", "wh.9.9.9"], "--item: 'wh.9.9.9' is not an item of the checklist"),
        (["--severity", "极重"], "'极重' is not a"),
        (["--found", "2025-11-31"], "is not a date"),
        (["--policy", "jilin-2021"], "follows policy 'weihai-2024-2026'"),
    ],
)
def test_ledger_add_bad_input_exits_2_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, argv: list[str], words: str
) -> None:
    path = tmp_path / "wh.ledger"
    assert _add(capsys, path)[0] == 0
    before = path.read_bytes()
    code, _, err = _add(capsys, path, *argv)
    assert code == 2
    assert words in err
    assert len([line for line in err.splitlines() if "error" in line]) == 1
    assert path.read_bytes() == before


def test_ledger_update_bad_move_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "wh.ledger"
    _add(capsys, path)
    code, _, err = run(capsys, "ledger", "update", str(path), "WH001-1-1", "--status", "已验收",
                       "--on", "2026-01-05", "--by", "x")  # fmt: skip
    assert code == 2
    assert "cannot move from 待整改 to 已验收" in err
    code, _, err = run(capsys, "ledger", "update", str(path), "WH001-9-9", "--status", "整改中",
                       "--on", "2026-01-05", "--by", "x")  # fmt: skip
    assert code == 2 and "no rectification item 'WH001-9-9'" in err


def _newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    conn.close()


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("spoil", "words"),
    [
        (_newer, "newer than this library reads"),
        (_corrupt, "corrupt"),
        (lambda p: p.write_text("not a database", "utf-8"), "not an SQLite database"),
    ],
)
@pytest.mark.parametrize("command", ["add", "feedback", "update", "status", "overdue"])
def test_bad_ledger_file_exits_2_and_is_left_untouched(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    spoil: object,
    words: str,
    command: str,
) -> None:
    path = tmp_path / "wh.ledger"
    assert _add(capsys, path)[0] == 0
    spoil(path)  # type: ignore[operator]
    before = path.read_bytes()
    argv = {
        "add": ["--hospital", "WH001", "--what", "x", "--found", "2025-11-21"],
        "feedback": ["--hospital", "WH001", "--received", "2025-12-31"],
        "update": ["WH001-1-1", "--status", "整改中", "--on", "2026-01-05", "--by", "x"],
        "status": ["--as-of", "2026-03-01"],
        "overdue": ["--as-of", "2026-03-01"],
    }[command]
    code, out, err = run(capsys, "ledger", command, str(path), *argv)
    assert code == 2
    assert out == ""
    assert err.startswith(f"hospital-inspection ledger {command}: error: ")
    assert words in err and str(path) in err
    assert len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["wh.ledger"]


def test_ledger_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for sub in ("add", "feedback", "update", "status", "overdue"):
        code, out, _ = run(capsys, "ledger", sub, "--help")
        assert code == 0
        assert "example:" in out and f"hospital-inspection ledger {sub}" in out


def test_ledger_briefing_and_a_refused_change(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "wh.ledger"
    assert _add(capsys, path)[0] == 0
    code, _, err = run(capsys, "ledger", "feedback", str(path), "--hospital", "WH001",
                       "--received", "2025-12-31")  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "ledger", "briefing", str(path), "--hospital", "WH001",
                         "--as-of", "2026-03-01", "--problem", "医保基金检查=超标准收费",
                         "--json")  # fmt: skip
    assert code == 0, err
    entries = json.loads(out)["entries"]
    assert [(e["source"], e["reference"]) for e in entries] == [
        ("ledger", "WH001-1"),
        ("overdue", "WH001/2024-2026/rectification_report"),
        ("medical_insurance", None),
    ]
    code, out, err = run(capsys, "ledger", "briefing", str(path), "--hospital", "WH001",
                         "--as-of", "2026-03-01", "--problem", "超标准收费")  # fmt: skip
    assert code == 2 and "SOURCE=TEXT" in err
    # a duplicate id is a conflict: exit code 3, nothing written
    before = path.read_bytes()
    code, _, err = _add(capsys, path, "--id", "WH001-1")
    assert code == 3 and "'WH001-1' is already in the ledger" in err
    assert path.read_bytes() == before
