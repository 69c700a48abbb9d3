"""``check --waiver RULE,VISIT,JUSTIFICATION``: an office records why an in-principle (原则上)
rule is not kept, on the command line, as the Chinese hint of the report tells it to."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hospital_inspection.cli import main
from tests.support.zh import english_runs

RULE = "wh-days-7-general"  # 三级综合医院 原则上不少于7天: WH001 is one


@pytest.fixture(scope="module")
def short_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A plan file whose first visit (to WH001) lasts one day instead of seven."""
    folder = tmp_path_factory.mktemp("waivers")
    assert main(["schedule", "--demo", "--out", str(folder / "plan.json")]) == 0
    bundle = json.loads((folder / "plan.json").read_text(encoding="utf-8"))
    visit = next(v for v in bundle["plan"]["visits"] if v["hospital"] == "WH001")
    visit["last_day"] = visit["first_day"]
    path = folder / "short.json"
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return path, visit["id"]


def _short_issues(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    capsys.readouterr()
    code = main(["check", *argv, "--json", "--lang", "zh"])
    assert code == 0  # a warning, waived or not, is not a violation
    issues: list[dict[str, object]] = json.loads(capsys.readouterr().out)["issues"]
    return [i for i in issues if i["check"] == "visit_too_short"]


def test_the_hint_names_the_option_and_the_option_waives_the_warning(
    short_plan: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, visit = short_plan
    (before,) = _short_issues(capsys, str(path))
    assert before["severity"] == "warning" and before["waiver"] is None
    assert f"检查时加 --waiver {RULE},{visit},不能延长的理由 登记" in str(before["hint"])
    why = "院区改造，现场巡查缩短为1天"  # a full-width comma inside the justification is kept
    for where in (visit, "WH001", "*"):  # the visit, its hospital, or the whole plan
        (after,) = _short_issues(capsys, str(path), "--waiver", f"{RULE},{where},{why}")
        assert (after["severity"], after["waiver"]) == ("info", why)
        assert str(after["message"]).endswith(f"（已豁免：{why}）")


def test_a_waiver_of_another_visit_leaves_the_warning(
    short_plan: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = short_plan
    (issue,) = _short_issues(capsys, str(path), "--waiver", f"{RULE},WH002,另一家医院")
    assert issue["severity"] == "warning"


@pytest.mark.parametrize(
    ("waiver", "english", "chinese"),
    [
        (f"{RULE},WH001-regular", "expected RULE,VISIT,JUSTIFICATION",
         "应写作 规则,巡查,理由"),
        ("wh-team,WH001-regular,x", "'wh-team' is not an in-principle (原则上) rule; only those "
         "can be waived: wh-days-5-maternal-child, ", "'wh-team' 不是“原则上”的规则"),
        ("wh-nope,WH001-regular,x", "'wh-nope' is not a rule of 'weihai-2024-2026'; the rules "
         "that can be waived (原则上): wh-days-5-", "'wh-nope' 不是 'weihai-2024-2026' 的规则"),
        (f"{RULE},WH999,x", "'WH999' is neither a visit of the plan nor a hospital",
         "'WH999' 既不是计划中的巡查，也不是医院"),
    ],
    ids=["malformed", "mandatory", "unknown-rule", "unknown-visit"],
)  # fmt: skip
def test_a_bad_waiver_is_one_line_naming_the_option(
    short_plan: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    waiver: str,
    english: str,
    chinese: str,
) -> None:
    path, _ = short_plan
    for lang, expected in (("en", english), ("zh", chinese)):
        capsys.readouterr()
        assert main(["check", str(path), "--waiver", waiver, "--lang", lang]) == 2
        out, err = capsys.readouterr()
        assert out == "" and len(err.splitlines()) == 1, err
        assert f"--waiver {waiver!r}" in err and expected in err, err
        if lang == "zh":
            rest = err.replace(waiver, " ").split("：", 2)[-1]
            assert english_runs(rest, path.parent) == [], err


def test_a_policy_without_in_principle_rules_has_nothing_to_waive(
    short_plan: tuple[Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    path, visit = short_plan
    capsys.readouterr()
    argv = ["check", str(path), "--policy", "example-shili-2025-2027"]
    assert main([*argv, "--waiver", f"sl-days,{visit},x"]) == 2
    assert (
        "'example-shili-2025-2027' has no in-principle (原则上) rule; there is nothing to "
        "waive" in capsys.readouterr().err
    )
