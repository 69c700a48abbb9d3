"""Every command in the office's language: under ``--lang zh`` no English sentence is printed,
on standard output or standard error; under ``--lang en`` the text is what it was.

The rule, in one place (:func:`tests.support.zh.english_runs`): take the command's whole
output, strip what is data or syntax rather than a sentence, and fail on any run of two or more
ASCII words left:

1. the run's temporary folder (file paths);
2. the product's own words a reader types: option names (``--include-reference``), the
   command's name and its commands (``hospital-inspection ledger decide``), ``pip install``
   and the metavariables of ``--help`` (``FILE``); see :data:`TYPED`;
3. every token holding a digit or one of ``_ - . / = [ ]`` (ids, codes, dates, numbers, rule
   and policy ids, file names: ``WH001-1-1``, ``report_missing``, ``2026-02-28``, ``.xlsx``);
4. the sample data's own ids (an authority ``weihai``, a region ``huancui``), which a table
   may print side by side; see :func:`tests.support.zh.data_tokens`.

What is left may still hold single ASCII words (a rule kind such as ``Deadline``, a table's
``编号 item``); a run of two or more, separated by spaces only (a table's columns included, once
their data is stripped), is an English sentence and fails. :func:`test_the_rule_catches_english`
shows it failing on the English output of the same commands.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main
from tests.support.extras import requires
from tests.support.zh import english_runs


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out + err


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """Input files of every kind a command reads, good and bad, in ``tmp_path``."""
    (tmp_path / "unknown-column.csv").write_text(
        "编号,医院名称,级别,等次,类别,举办性质,主管部门,床位\nH1,示例医院,三级,甲等,综合医院,公立,wh,500\n",
        encoding="utf-8",
    )
    (tmp_path / "bad-values.csv").write_text(
        "编号,医院名称,级别,等次,类别,举办性质,主管部门\n"
        "H1,示例医院,四级,甲等,综合医院,公立,wh\n"
        "H2,示例医院二,三级,甲等,综合医院,公立,wh,多余\n",
        encoding="gbk",
    )
    (tmp_path / "people.csv").write_text(
        "编号,姓名,单位,所属区市,角色\nP1,张某,WH001,huancui,专家\nP2,李某,WH002,wendeng,组长\n",
        encoding="utf-8",
    )
    (tmp_path / "twice.csv").write_text("编号,id,医院名称\nH1,H1,x\n", encoding="utf-8")
    (tmp_path / "ungraded.csv").write_text(
        "编号,医院名称,级别,等次,类别,举办性质,主管部门\nH1,示例医院,未定级,甲等,综合医院,公立,wh\n",
        encoding="utf-8",
    )
    (tmp_path / "roles.csv").write_text(
        "编号,姓名,工作单位,所属区市,角色\nP1,张某,WH001,huancui,主任\n", encoding="utf-8"
    )
    (tmp_path / "no-authority.csv").write_text(
        "编号,医院名称,级别,等次,类别,举办性质,主管部门,所在区市\n"
        "H1,示例医院,三级,甲等,综合医院,公立,huancui,nowhere\n",
        encoding="utf-8",
    )
    (tmp_path / "notice.txt").write_text("一、巡查范围\n全市二级以上医院。\n", encoding="utf-8")
    (tmp_path / "not-text.csv").write_bytes(b"\x81\xff\x00\xfe\x9c" * 4)
    (tmp_path / "policy").mkdir()
    shipped = Path(hi.__file__).parent / "policy" / "data"
    (tmp_path / "policy" / "sources").mkdir()
    shutil.copy(shipped / "sources" / "example-shili-2025-2027.txt", tmp_path / "policy/sources")
    text = (shipped / "example-shili-2025-2027.toml").read_text(encoding="utf-8")
    bad = text.replace('kind = "visit_days"', 'kind = "visit_dayz"', 1)
    bad = bad.replace('strength = "mandatory"', 'strength = "maybe"', 1)
    bad = bad.replace("format = 1", "format = 1\nsourcez = 1", 1)
    (tmp_path / "policy" / "bad.toml").write_text(bad, encoding="utf-8")
    misquoted = text.replace("用三年时间对全市二级以上医院", "用两年时间对全市二级以上医院", 1)
    misquoted = misquoted.replace(
        'event = "rectification_report"', 'event = "rectification_reprot"'
    )
    assert misquoted.count("用两年") == 1 and "rectification_reprot" in misquoted
    (tmp_path / "policy" / "cite.toml").write_text(misquoted, encoding="utf-8")
    (tmp_path / "policy" / "typo.toml").write_text(
        text.replace('strength = "mandatory"', 'strength = "maybe"', 1), encoding="utf-8"
    )
    return tmp_path


def away_leaders() -> list[str]:
    """``--unavailable`` for every team leader of the sample, from the first day on."""
    leaders = sorted(e.id for e in hi.sample_data("weihai").experts if e.can(hi.Role.TEAM_LEADER))
    return [a for p in leaders for a in ("--unavailable", f"{p}:2025-03-01..")]


def _commands_to_try(d: Path) -> list[tuple[list[str], int]]:
    """(argv, expected exit code): every command, with good and with bad input."""
    ledger = str(d / "wh.ledger")
    plan = str(d / "plan.json")
    return [
        (["demo"], 0),
        (["policies"], 0),
        (["policies", "weihai-2024-2026"], 0),
        (["policies", "example-shili-2025-2027"], 0),
        (["decide", "--level", "三级", "--category", "中医医院", "--experts", "10"], 0),
        (["decide", "--level", "一级", "--category", "乡镇卫生院"], 0),
        (["deadline", "--received", "2025-12-31", "--roll"], 0),
        (["deadline", "--received", "2031-12-31"], 2),
        (["schedule", "--demo", "--out", plan], 0),
        (["check", plan, "--as-of", "2025-06-30"], 1),
        (["reschedule", plan, "--as-of", "2025-03-01", "--unavailable",
          "WE007:2025-03-01..2025-06-30", "--cancel", "WH021-regular", "--move",
          "WH001:2025-09-01..2025-12-31", "--out", str(d / "repaired.json")], 0),
        (["reschedule", plan, "--as-of", "2025-03-01"], 2),
        (["schedule", "--demo", "--deadline", "2025-03-14"], 2),  # bounds exceed the window
        (["schedule", "--demo", *away_leaders()], 2),  # no team leader free
        (["schedule", "--demo", "--max-days", "6", "--deadline", "2025-06-30"], 2),  # caps
        (["check", str(d / "missing.json")], 2),
        (["template", "--hospitals", str(d / "h.xlsx")], 0),
        (["template", "--hospitals", str(d / "h.csv")], 2),
        (["template"], 2),
        (["check", plan, "--as-of", "2025-13-01"], 2),
        (["check"], 2),
        (["ledger", "add", ledger], 2),
        (["check", plan, "--bogus"], 2),
        (["ledger", "briefing", ledger, "--hospital", "WH001", "--as-of"], 2),
        (["decide", "--level", "三级", "--category", "中医医院", "--experts", "-1"], 2),
        (["decide", "--level", "三级"], 2),
        (["ledger", "add", ledger, "--hospital", "WH001", "--item", "wh.1.1.1", "--what",
          "未建立整改台账", "--found", "2025-11-20", "--trigger", "violation_clue",
          "--responsible", "医务科"], 0),
        (["ledger", "add", ledger, "--hospital", "WH001", "--what", "公示不及时", "--found",
          "2025-11-21", "--trigger", "rectification_required", "--measure", "约谈院领导"], 0),
        (["ledger", "add", ledger, "--hospital", "WH002", "--what", "x", "--found",
          "2025-11-21"], 0),
        (["ledger", "feedback", ledger, "--hospital", "WH001", "--received", "2025-12-31"], 0),
        (["ledger", "update", ledger, "WH001-1-1", "--status", "整改中", "--date", "2026-01-05",
          "--by", "医务科", "--note", "已启动"], 0),
        (["ledger", "update", ledger, "WH001-9-9", "--status", "整改中", "--date", "2026-01-05",
          "--by", "医务科"], 2),
        (["ledger", "update", ledger, "WH001-1-1", "--status", "已验收", "--date", "2026-01-04",
          "--by", "医务科"], 2),
        (["ledger", "decide", ledger, "WH001-2", "--measure", "special", "--by", "市卫健委",
          "--on", "2026-03-10"], 2),
        (["ledger", "decide", ledger, "WH001-2", "--measure", "follow_up", "--by", "市卫健委",
          "--on", "2026-03-10"], 0),
        (["ledger", "feedback", ledger, "--hospital", "WH001", "--received", "2026-01-02"], 2),
        (["ledger", "briefing", ledger, "--hospital", "WH001", "--as-of", "2026-03-01",
          "--problem", "医保基金检查"], 2),
        (["ledger", "set-due", ledger, "WH001-1-1", "--due", "2026-03-31"], 0),
        (["ledger", "status", ledger, "--as-of", "2026-03-01", "--data", "sample:weihai"], 0),
        (["ledger", "overdue", ledger, "--as-of", "2026-01-01"], 0),
        (["ledger", "overdue", ledger, "--as-of", "2026-05-01"], 0),
        (["ledger", "briefing", ledger, "--hospital", "WH001", "--as-of", "2026-03-01"], 0),
        (["ledger", "briefing", ledger, "--hospital", "WH009", "--as-of", "2026-03-01"], 0),
        (["ledger", "status", str(d / "missing.ledger")], 2),
        (["policy", "lint", str(d / "policy" / "bad.toml")], 1),
        (["policy", "lint", str(d / "policy" / "typo.toml")], 1),
        (["policy", "lint", str(d / "policy" / "missing.toml")], 2),
        (["policy", "lint", str(d / "policy" / "cite.toml")], 1),
        (["policy", "init", str(d / "notice.txt"), "--out", str(d / "draft.toml")], 2),
        (["policy", "init", str(d / "notice.txt"), "--out", str(d / "no" / "draft.toml")], 2),
        (["schedule", "--demo", "--out", str(d)], 2),  # a folder is not replaced
        (["schedule", "--demo", "--gantt", str(d / "chart.txt")], 2),  # not a .png
        (["schedule", "--data", "sample:weihai"], 2),  # no --start
        (["decide", "--level", "四级", "--category", "综合医院"], 2),  # not a level
        (["decide", "--policy", "weihai-2042", "--level", "三级", "--category", "综合医院"], 2),
        (["decide", "--policy", str(d / "nope.toml"), "--level", "三级", "--category",
          "综合医院"], 2),
        (["check", plan, "--as-of", "2025-06-30", "--self-report", "WH001-regular,2025-03-01",
          "--feedback", "WH002-regular,2025-04-01"], 1),
        (["check", plan, "--self-report", "NOPE,2025-03-01"], 2),
        (["check", plan, "--feedback", "WH001-regular"], 2),
        (["decide", "--policy", str(d / "policy" / "cite.toml"), "--level", "三级", "--category",
          "综合医院"], 0),  # lint lines on standard error
        *[
            (["schedule", "--hospitals", str(d / name), "--experts", str(d / "people.csv"),
              "--start", "2025-09-01"], 2)
            for name in ("unknown-column.csv", "bad-values.csv", "twice.csv", "not-text.csv",
                         "missing.csv", "ungraded.csv")
        ],
        (["schedule", "--hospitals", str(d / "ungraded.csv"), "--experts", str(d / "roles.csv"),
          "--start", "2025-09-01"], 2),
        (["schedule", "--hospitals", str(d / "no-authority.csv"), "--start", "2025-09-01"], 2),
    ]  # fmt: skip


@requires("openpyxl")
def test_no_command_prints_an_english_sentence_in_chinese(
    capsys: pytest.CaptureFixture[str], inputs: Path
) -> None:
    found: dict[str, list[str]] = {}
    for argv, expected in _commands_to_try(inputs):
        code, output = _run(capsys, [*argv, "--lang", "zh"])
        assert code == expected, (argv, output)
        assert output.strip(), argv
        runs = english_runs(output, inputs)
        if runs:
            found[" ".join(argv[:2])] = runs[:5]
    assert not found, found


def test_the_rule_catches_english(capsys: pytest.CaptureFixture[str], inputs: Path) -> None:
    # the same commands in English: the rule finds sentences in each kind of output
    for argv in (
        ["ledger", "add", str(inputs / "wh.ledger"), "--hospital", "WH001", "--what", "x",
         "--found", "2025-11-20", "--trigger", "violation_clue"],
        ["ledger", "overdue", str(inputs / "wh.ledger"), "--as-of", "2026-01-01"],
        ["schedule", "--demo"],
        ["schedule", "--hospitals", str(inputs / "bad-values.csv"), "--experts",
         str(inputs / "people.csv"), "--start", "2025-09-01"],
        ["policy", "lint", str(inputs / "policy" / "bad.toml")],
    ):  # fmt: skip
        _, output = _run(capsys, [*argv, "--lang", "en"])
        assert english_runs(output, inputs), argv
    # and what it strips is data: ids, dates, options, commands, the sample's codes
    line = f"WH001-1-1 2026-02-28 {inputs}/x.csv --as-of hospital-inspection ledger decide FILE"
    assert english_runs(line + " weihai  huancui 整改中 report_missing", inputs) == []
    assert english_runs("待整改 → 整改中 on 2026-01-05 by 医务科", inputs) == ["on by"]


def test_schedule_notes_name_hospitals_and_hint_an_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out = _run(capsys, ["schedule", "--demo", "--lang", "zh"])
    assert "说明（16 条）" in out
    assert (
        "  - 环翠区海星和美医院（虚构）（二级综合医院，社会办）："
        "参照执行（威卫办〔2024〕11号 二、），未列入本时间表；"
        "如需巡查，加上 --include-reference 重新编排"
    ) in out
    assert "WH010" not in out.split("说明")[1]  # names, not ids
    assert "include_reference" not in out  # an option of the command, not a Python argument
    assert "（组长）" in out  # the binding constraint of the lower bound, translated


def test_a_repair_names_hospitals_and_people_in_chinese(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    plan = str(tmp_path / "plan.json")
    _run(capsys, ["schedule", "--demo", "--out", plan])
    _, out = _run(capsys, ["reschedule", plan, "--as-of", "2025-03-01", "--unavailable",
                           "WE007:2025-03-01..2025-06-30", "--lang", "zh"])  # fmt: skip
    assert (
        "  - WH018-regular（荣成市石岛湾人民医院（虚构））：改期并换人；"
        "2025年3月17日至2025年3月25日 改为 2025年3月19日至2025年3月27日；"
        "调出 杨某甲7；调入 王某甲2；原因：杨某甲7 在 2025年3月1日至2025年6月30日 无法参加\n"
    ) in out
    repair = out.split("合规检查")[0]
    assert not re.search(r"\bW[EH]\d{3}\b(?!-regular)", repair), repair  # names, not ids
    assert not english_runs(out, tmp_path)


def test_infeasibility_reads_in_chinese_naming_who_could_lead(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = hi.sample_data("weihai")
    leaders = sorted(e.id for e in data.experts if e.can(hi.Role.TEAM_LEADER))
    pool = tmp_path / "experts.json"
    four = [e for e in data.experts if e.id not in leaders[4:]]
    pool.write_text(json.dumps([hi.unstructure(e) for e in four], ensure_ascii=False), "utf-8")
    away = [a for p in leaders[:4] for a in ("--unavailable", f"{p}:2025-03-01..")]
    code, err = _run(capsys, ["schedule", "--data", "sample:weihai", "--experts", str(pool),
                              "--start", "2025-03-03", *away, "--lang", "zh"])  # fmt: skip
    err = err.splitlines()[-1] + "\n"  # after the note on how the experts' file was read
    assert code == 2
    assert err.startswith("hospital-inspection schedule：错误：无法排出巡查计划：对医院 ")
    assert "需要 1 名组长在巡查期间每天有空" in err
    assert "最多只有 0 名（符合条件的只有 WE001、WE021 和 WE031）\n" in err
    assert not english_runs(err, tmp_path)


def test_input_errors_read_in_chinese_naming_the_file_row_and_field(
    capsys: pytest.CaptureFixture[str], inputs: Path
) -> None:
    argv = ["schedule", "--hospitals", str(inputs / "bad-values.csv"), "--experts",
            str(inputs / "people.csv"), "--start", "2025-09-01", "--lang", "zh"]  # fmt: skip
    code, err = _run(capsys, argv)
    assert code == 2 and len(err.splitlines()) == 1
    assert err.startswith(
        f"hospital-inspection schedule：错误：{inputs / 'bad-values.csv'} 中的数据有误"
    )
    assert "第2行 level：'四级' 不是可选值，应为以下之一：一级, 二级, 三级, 未定级" in err
    assert "第3行：有8个单元格，但表头只有7列" in err
    code, err = _run(capsys, [*argv[:2], str(inputs / "unknown-column.csv"), *argv[3:]])
    assert code == 2 and "表头：无法识别的列 '床位'；请使用这些列名：编号" in err
    code, err = _run(capsys, [*argv[:2], str(inputs / "missing.csv"), *argv[3:]])
    assert code == 2 and err.rstrip().endswith(f"{inputs / 'missing.csv'}：文件不存在")


def test_english_is_unchanged(capsys: pytest.CaptureFixture[str], inputs: Path) -> None:
    """The English of the commands this module translates, as the library wrote it before."""
    ledger = str(inputs / "wh.ledger")
    _, out = _run(capsys, ["ledger", "add", ledger, "--hospital", "WH001", "--what", "公示不及时",
                           "--found", "2025-11-21", "--trigger", "rectification_required",
                           "--lang", "en"])  # fmt: skip
    assert out.startswith(f"created a new ledger file {ledger}\n")
    assert "finding WH001-1 added (WH001, round 2024-2026):\n" in out
    assert "\noptions the authority decides for WH001-1 (record with 'ledger decide'):\n" in out
    _, out = _run(capsys, ["ledger", "feedback", ledger, "--hospital", "WH001", "--received",
                           "2025-12-31", "--lang", "en"])  # fmt: skip
    assert out.splitlines()[:2] == [
        "feedback (反馈意见) received by WH001 on 2025-12-31:",
        "  整改报告 due 2026-02-28 (wh-rectification-report; 威卫办〔2024〕11号 四、(三); "
        "from 2025-12-31), owed by 医疗机构 to 上级卫生健康行政部门",
    ]
    _, out = _run(capsys, ["ledger", "set-due", ledger, "WH001-1-1", "--due", "2026-03-31"])
    assert out == "WH001-1-1: due 2026-03-31 (set by hand)\n"
    _, out = _run(capsys, ["ledger", "overdue", ledger, "--as-of", "2026-01-01"])
    assert out == "no item is overdue (逾期) on 2026-01-01\n"
    _, out = _run(capsys, ["schedule", "--demo"])
    assert (
        "  - WH010 环翠区海星和美医院（虚构） (二级 综合医院, 社会办): left out — 参照执行 (by "
        "reference) under 威卫办〔2024〕11号 二、; schedule it with include_reference "
        "(--include-reference)\n"
    ) in out
    assert "lower bound 16 (team leaders)" in out
    _, out = _run(capsys, ["decide", "--level", "一级", "--category", "乡镇卫生院"])
    assert "min days 最少天数  policy 'weihai-2024-2026' has no 'visit_days' rule (no rule" in out
    _, out = _run(capsys, ["policies", "weihai-2024-2026"])
    assert "\nReadings taken where the words are ambiguous:\n  tcm-level = " in out
    code, err = _run(capsys, ["check", "plan.json", "--as-of", "2025-13-01"])
    assert (code, err) == (2, "hospital-inspection check: error: argument --as-of: '2025-13-01' "
                              "is not a date; expected YYYY-MM-DD (see hospital-inspection check "
                              "--help)\n")  # fmt: skip
    code, err = _run(capsys, ["check", "plan.json", "--as-of", "2025-13-01", "--lang", "zh"])
    assert (code, err) == (2, "hospital-inspection check：错误：参数 --as-of："
                              "'2025-13-01' 不是日期，应写作 YYYY-MM-DD（如 2025-03-03）"
                              "（见 hospital-inspection check --help）\n")  # fmt: skip
    code, out = _run(capsys, ["policy", "lint", str(inputs / "policy" / "typo.toml")])
    assert code == 1 and out.splitlines()[-1].endswith("typo.toml: does not load: 1 error(s)")
    assert "rules.sl-" in out and ".strength: 'maybe' is not a strength; expected one of" in out
    code, err = _run(capsys, ["policy", "init", str(inputs / "notice.txt"), "--out",
                              str(inputs / "draft.toml")])  # fmt: skip
    assert (code, err) == (2, "hospital-inspection policy init: error: invalid data: - --document: "
                              "not found in the text; give it - --title: not found in the text; "
                              "give it - --issuer: not found in the text; give it - --issued: not "
                              "found in the text; give it\n")  # fmt: skip
    cite = str(inputs / "policy" / "cite.toml")
    code, out = _run(capsys, ["policy", "lint", cite])
    assert code == 1 and out.splitlines() == [
        "error: citation-not-verbatim: rules.sl-goal.cite: 一、 '用两年时间对全市二级以上医院"
        "开展一轮全覆盖巡查' is not in 示卫办〔2025〕7号: agrees up to '用', then has '两' "
        "(character 2) where the source has '三'",
        "error: unknown-event: rules.sl-rectification-report.event: 'rectification_reprot' is "
        "not a known event; did you mean 'rectification_report'?",
        f"{cite}: 2 error(s), 0 warning(s)",
    ]
    code, out = _run(capsys, ["policy", "lint", cite, "--lang", "zh"])
    assert (
        "错误：unknown-event：rules.sl-rectification-report.event：'rectification_reprot' "
        "不是已知的事件；是否应为 'rectification_report'？" in out
    )
    code, out = _run(capsys, ["decide", "--policy", cite, "--level", "三级", "--category",
                              "综合医院"])  # fmt: skip
    warned = f"\nhospital-inspection: policy {cite}: error: citation-not-verbatim: rules.sl-goal"
    assert code == 0 and warned in out
    code, err = _run(capsys, ["schedule", "--hospitals", str(inputs / "no-authority.csv"),
                              "--start", "2025-09-01"])  # fmt: skip
    err = err.splitlines()[-1] + "\n"  # after the note on how the file was read
    assert (code, err) == (2, "hospital-inspection schedule: error: invalid data: hospital 'H1': "
                              "no authority governs its region 'nowhere' (needed by rule "
                              "'wh-inspector-district', 属地)\n")  # fmt: skip
    plan = str(inputs / "plan.json")
    _run(capsys, ["schedule", "--demo", "--out", plan])
    _, out = _run(capsys, ["reschedule", plan, "--as-of", "2025-03-01", "--unavailable",
                           "WE007:2025-03-01..2025-06-30"])  # fmt: skip
    assert out.startswith("调整 repair of plan weihai-2024-2026-plan as of 2025-03-01: "
                          "3 visit(s) changed, 20 unchanged\n")  # fmt: skip
    assert (
        "  - WH018-regular (WH018): moved and swapped; 2025-03-17 -> 2025-03-19–2025-03-27; "
        "out WE007; in WE002; because WE007 is unavailable from 2025-03-01 to 2025-06-30\n"
    ) in out
    assert "\n合规检查 compliance:\n\nplan weihai-2024-2026-plan under weihai-2024-2026: OK" in out


@pytest.fixture
def bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Files the loaders and the scheduler refuse: not JSON, a bad bundle, bad authorities."""
    (tmp_path / "bad.json").write_text('{"a": \n', encoding="utf-8")
    assert main(["schedule", "--demo", "--out", str(tmp_path / "plan.json")]) == 0
    capsys.readouterr()
    bundle = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))
    for name, key, value in (("format.json", "format", "other"), ("cal.json", "calendar", "lunar")):
        text = json.dumps({**bundle, key: value}, ensure_ascii=False)
        (tmp_path / name).write_text(text, encoding="utf-8")
    data = hi.unstructure(hi.sample_data("weihai"))
    twice = {**data, "authorities": [*data["authorities"], data["authorities"][0]]}
    (tmp_path / "twice.json").write_text(json.dumps(twice, ensure_ascii=False), "utf-8")
    orphan = [{**a, "parent": "nowhere"} if a["id"] == "weihai" else a for a in data["authorities"]]
    text = json.dumps({**data, "authorities": orphan}, ensure_ascii=False)
    (tmp_path / "orphan.json").write_text(text, encoding="utf-8")
    (tmp_path / "not-a-font.ttf").write_bytes(b"not a font")
    return tmp_path


#: (argv with {d} for the folder, words of the Chinese message, words of the English one)
LOADING_ERRORS = [
    pytest.param(["check", "{d}/bad.json"],
                 "不是有效的 JSON 文件：第2行第1列（第7个字符）处有格式错误",
                 "not valid JSON: Expecting value: line 2 column 1 (char 7)", id="not-json"),
    pytest.param(["schedule", "--data", "{d}/bad.json"], "不是有效的 JSON 文件",
                 "not valid JSON: Expecting value", id="data-not-json"),
    pytest.param(["check", "{d}/format.json"],
                 "format：'other' 不是本程序的计划文件格式"
                 "（应为 'hospital-inspection/plan-bundle-1'）",
                 "bundle: format: 'other' is not 'hospital-inspection/plan-bundle-1'",
                 id="bundle-format"),
    pytest.param(["check", "{d}/cal.json"], "calendar：'lunar' 无效，应为 official（按法定工作日）",
                 "bundle: calendar: 'lunar'; expected official or calendar", id="bundle-calendar"),
    pytest.param(["schedule", "--data", "sample:nope"], "示例数据：没有名为 'nope' 的示例",
                 "sample: 'nope' is not a sample; expected one of ('weihai',)", id="sample"),
    pytest.param(["schedule", "--data", "{d}/twice.json", "--start", "2025-09-01"],
                 "卫生健康行政部门：编号 'shandong' 重复出现",
                 "authorities: id 'shandong' appears more than once", id="authority-twice"),
    pytest.param(["schedule", "--data", "{d}/orphan.json", "--start", "2025-09-01"],
                 "卫生健康行政部门 weihai 的上级（parent）：没有编号为 'nowhere' 的部门",
                 "authorities[weihai].parent: no authority with id 'nowhere'",
                 id="authority-parent"),
    pytest.param(["schedule", "--demo", "--policy", "example-shili-2025-2027", "--team-size", "2"],
                 "每组人数：专家 2 名、部门负责人 1 名；政策规定巡查组共由 5 至 9 人组成",
                 "team_size: 2 experts and 1 official(s); the policy's team rule asks for 5-9 "
                 "people in all", id="team-size"),
    pytest.param(["schedule", "--demo", "--start", "2025-09-01", "--deadline", "2025-08-01"],
                 "截止日期 2025年8月1日 早于开始日期 2025年9月1日",
                 "ScheduleRequest.deadline: 2025-08-01 is before start 2025-09-01", id="deadline"),
    pytest.param(["schedule", "--demo", "--gantt", "{d}/g.png", "--font", "{d}/no-such.ttf"],
                 "字体：{d}/no-such.ttf 字体文件不存在", "font: {d}/no-such.ttf: no such font file",
                 id="font-missing", marks=requires("matplotlib")),
    pytest.param(["schedule", "--demo", "--gantt", "{d}/g.png", "--font", "{d}/not-a-font.ttf"],
                 "字体：{d}/not-a-font.ttf 不是 matplotlib 能读取的字体文件",
                 "font: {d}/not-a-font.ttf: not a font file matplotlib can read (",
                 id="font-unreadable", marks=requires("matplotlib")),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "chinese", "english"), LOADING_ERRORS)
def test_loading_and_scheduling_errors_read_in_chinese(
    capsys: pytest.CaptureFixture[str], bad_files: Path, argv: list[str], chinese: str,
    english: str,
) -> None:  # fmt: skip
    argv = [a.format(d=bad_files) for a in argv]
    code, err = _run(capsys, [*argv, "--lang", "zh"])
    assert code == 2 and len(err.splitlines()) == 1, err
    assert "：错误：" in err and chinese.format(d=bad_files) in err
    assert not english_runs(err, bad_files), err
    code, err = _run(capsys, [*argv, "--lang", "en"])  # the English is what it was
    assert code == 2 and english.format(d=bad_files) in err, err
