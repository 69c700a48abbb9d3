"""The loaders' and the samples' input errors in Chinese; their English ``str()`` as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.i18n import error_text
from hospital_inspection.loaders import PlanBundle, load_plan_file, read_json
from tests.support.zh import check_chinese_error

DATA = hi.sample_data("weihai")

CASES: list[tuple[Callable[[], object], str]] = [
    (lambda: PlanBundle(plan=None, context=DATA, policy="p", format="x"),  # type: ignore[arg-type]
     "invalid data: format: 'x' is not 'hospital-inspection/plan-bundle-1'"),
    (lambda: PlanBundle(plan=None, context=DATA, policy="p", calendar="lunar"),  # type: ignore[arg-type]
     "invalid data: calendar: 'lunar'; expected official or calendar"),
    (lambda: hi.sample_data("nope"),
     "invalid data: sample: 'nope' is not a sample; expected one of ('weihai',)"),
]  # fmt: skip


@pytest.mark.parametrize(("raise_it", "english"), CASES, ids=["format", "calendar", "sample"])
def test_loading_errors_read_in_chinese(raise_it: Callable[[], object], english: str) -> None:
    check_chinese_error(raise_it, english)


@pytest.mark.parametrize(
    ("text", "english", "chinese"),
    [
        ('{"a": \n', "not valid JSON: Expecting value: line 2 column 1 (char 7)",
         "不是有效的 JSON 文件：第2行第1列（第7个字符）处有格式错误"),
        # far past any recursion limit: a test run may have raised the limit (Hypothesis does,
        # while a property runs), so a depth just past the limit at collection is not enough
        ("[" * 100_000, "not valid JSON: nested too deeply",
         "不是有效的 JSON：嵌套层数过多"),
    ],
    ids=["syntax", "deep"],
)  # fmt: skip
def test_a_file_that_is_not_json_reads_in_chinese(
    tmp_path: Path, text: str, english: str, chinese: str
) -> None:
    path = tmp_path / "x.json"
    path.write_text(text, encoding="utf-8")
    for load in (lambda: read_json(path, hi.SampleData), lambda: load_plan_file(path)):
        zh = check_chinese_error(load, f"invalid data in {path}: {english}")
        assert zh == f"{path} 中的数据有误：{chinese}"


def test_a_bundle_keeps_its_problems_as_messages(tmp_path: Path) -> None:
    # the problems of a file are re-raised with the file's name, still worded per language
    path = tmp_path / "plan.json"
    path.write_text('{"format": "x"}', encoding="utf-8")
    with pytest.raises(hi.DataError) as info:
        load_plan_file(path)
    assert str(info.value).startswith(f"invalid data in {path}:\n  - bundle.plan: ")
    assert "bundle.plan：缺少必填字段" in error_text(info.value, "zh")
