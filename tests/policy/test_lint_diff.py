"""Lint of the shipped policies and the extends/diff demonstration with a fictional policy."""

from __future__ import annotations

from pathlib import Path

import pytest

import hospital_inspection as hi
from tests.support.policies import EXAMPLE, hospital, policy, reading_combinations


@pytest.mark.parametrize(
    ("policy_id", "readings"),
    [(pid, c) for pid in ("weihai-2024-2026", "jilin-2021") for c in reading_combinations(pid)],
)
def test_shipped_policies_lint_clean(policy_id: str, readings: tuple[tuple[str, str], ...]) -> None:
    issues = hi.lint_policy(policy(policy_id, readings))
    if ("private-reference", "any-private-hospital") not in readings:
        assert issues == []
        return
    # Expected and documented: read this way, a 一级 or unrated 社会办 hospital applies the plan by
    # reference, but 四、 gives minimum days only for 三级 and 二级 hospitals. Warnings, not errors.
    assert {(i.code, i.severity) for i in issues} == {("days-gap", "warning")}
    assert all(i.cell and i.cell[2] is hi.Ownership.PRIVATE for i in issues)
    gaps = {(i.cell[0], i.cell[1]) for i in issues if i.cell}
    assert (hi.Level.PRIMARY, hi.Category.GENERAL) in gaps
    assert (hi.Level.TERTIARY, hi.Category.INTEGRATED) in gaps  # 四、 names no 中西医结合医院
    mch_any_level = ("mch-level", "tertiary-only") not in readings
    assert ((hi.Level.PRIMARY, hi.Category.MATERNAL_CHILD) in gaps) is not mch_any_level


def _write(tmp_path: Path, body: str) -> Path:
    file = tmp_path / "p.toml"
    file.write_text(
        'format = 1\nid = "p"\ntitle = "t"\ndocument = "威卫办〔2024〕11号"\nissuer = "i"\n'
        'issued = 2024-09-06\nextends = "weihai-2024-2026"\n' + body,
        encoding="utf-8",
    )
    return file


def test_lint_finds_a_gap(tmp_path: Path) -> None:
    body = (
        '[rules.wh-days-5-specialty]\nkind = "visit_days"\nstrength = "in_principle"\n'
        'when = { levels = ["tertiary"], categories = ["specialty"], ownerships = ["private"] }\n'
        'days = 5\nday_unit = "working"\n'
        'cite = { clause = "四、", text = "三级专科医院、妇幼保健院和二级医院原则上不少于5天" }\n'
    )
    issues = hi.lint_policy(hi.load_policy(_write(tmp_path, body)))
    assert [(i.code, i.severity, i.cell) for i in issues] == [
        ("days-gap", "error", (hi.Level.TERTIARY, hi.Category.SPECIALTY, hi.Ownership.PUBLIC))
    ]


def test_lint_finds_overlaps(tmp_path: Path) -> None:
    body = (
        '[rules.extra-days]\nkind = "visit_days"\nstrength = "in_principle"\n'
        'when = { levels = ["tertiary"], categories = ["general"] }\ndays = 6\n'
        'day_unit = "working"\n'
        'cite = { clause = "四、", text = "三级综合医院、中医医院巡查时间原则上不少于7天" }\n'
        '[rules.extra-scope]\nkind = "scope"\nstrength = "in_principle"\n'
        'when = { levels = ["tertiary"], categories = ["general"], ownerships = ["public"] }\n'
        'outcome = "out_of_scope"\n'
        'cite = { clause = "二、", text = "社会办医院按照管理原则参照执行" }\n'
    )
    issues = hi.lint_policy(hi.load_policy(_write(tmp_path, body)))
    codes = sorted({i.code for i in issues})
    assert codes == ["days-overlap", "scope-overlap"]
    scope = next(i for i in issues if i.code == "scope-overlap")
    assert scope.rules == ("wh-scope-public", "extra-scope")
    assert scope.severity == "error"


def test_lint_finds_readings_that_do_not_compose(tmp_path: Path) -> None:
    body = (
        '[interpretations.clash]\nquestion = "q"\nrules = ["wh-days-secondary-tcm"]\n'
        'default = "a"\n'
        'cite = { clause = "四、", text = "三级综合医院、中医医院巡查时间原则上不少于7天" }\n'
        '[interpretations.clash.choices.a]\nreading = "r"\n'
        '[interpretations.clash.choices.b]\nreading = "r"\npatch.wh-days-secondary-tcm.days = 9\n'
    )
    issues = hi.lint_policy(hi.load_policy(_write(tmp_path, body)))
    assert [(i.code, i.rules) for i in issues] == [("reading-conflict", ("wh-days-secondary-tcm",))]


def test_example_extends_and_diff() -> None:
    base = policy("weihai-2024-2026")
    example = hi.load_policy(EXAMPLE)
    assert example.id == "example-stricter"
    assert "fictional" in example.meta.title
    assert hi.lint_policy(example) == []
    h = hospital("三级", "综合医院")
    stricter = example.min_visit_days(h)
    assert (stricter.value, stricter.strength) == (10, hi.Strength.MANDATORY)
    assert stricter.citation.document == "示例〔2025〕1号"
    # inherited rules keep their own document's citation
    assert example.min_visit_days(hospital("三级", "中医医院")).citation.document == base.document
    diffs = hi.diff_policies(base, example)
    assert [(d.rule_id, d.change) for d in diffs] == [
        ("ex-feedback-meeting", "added"),
        ("wh-cross-region", "removed"),
        ("wh-days-7-general", "changed"),
        ("wh-feedback-meeting", "removed"),
    ]
    changed = diffs[2]
    assert changed.changed_fields() == ("strength", "cite", "days")
    assert str(changed) == "~ wh-days-7-general: strength, cite, days"
    assert hi.diff_policies(base, base) == []


def test_diff_of_readings() -> None:
    a = policy("weihai-2024-2026")
    b = policy("weihai-2024-2026", (("day-unit", "calendar-days"),))
    assert {d.rule_id for d in hi.diff_policies(a, b)} == {
        "wh-days-7-general", "wh-days-7-tcm", "wh-days-5-specialty",
        "wh-days-5-maternal-child", "wh-days-5-secondary", "wh-days-secondary-tcm",
        "wh-days-5-maternal-child-below-tertiary",
    }  # fmt: skip
    assert all(d.changed_fields() == ("day_unit",) for d in hi.diff_policies(a, b))
