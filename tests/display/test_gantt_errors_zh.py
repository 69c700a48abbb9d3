"""The Gantt chart's argument errors in Chinese for a front end; their English as before."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.display import save_gantt_png
from tests.support.extras import requires
from tests.support.zh import check_chinese_error

PLAN = hi.Plan(id="p", policy="x", authority="A", visits=())


CASES: list[tuple[Callable[[Path], object], str]] = [
    (lambda png: save_gantt_png(PLAN, png, group_by="nobody"),  # type: ignore[arg-type]
     "invalid data: group_by: 'nobody'; expected 'authority', 'team' or 'person'"),
    (lambda png: save_gantt_png(PLAN, png, max_days=0),
     "invalid data: max_days: 0; expected a whole number of at least 1"),
]  # fmt: skip


@requires("matplotlib")  # without it, the missing extra is the error
@pytest.mark.parametrize(("draw", "english"), CASES, ids=["group_by", "max_days"])
def test_gantt_argument_errors_read_in_chinese(
    tmp_path: Path, draw: Callable[[Path], object], english: str
) -> None:
    check_chinese_error(lambda: draw(tmp_path / "x.png"), english)


@requires("matplotlib")
def test_a_font_file_that_cannot_be_read_reads_in_chinese(tmp_path: Path) -> None:
    missing, broken = tmp_path / "no.ttf", tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    chinese = check_chinese_error(lambda: save_gantt_png(PLAN, tmp_path / "x.png", font=missing),
                                  f"invalid data: font: {missing}: no such font file")  # fmt: skip
    assert chinese.replace(str(tmp_path), "") == "数据有误：字体：/no.ttf 字体文件不存在"
    with pytest.raises(hi.DataError) as info:
        save_gantt_png(PLAN, tmp_path / "x.png", font=broken)
    assert str(info.value).startswith(
        f"invalid data: font: {broken}: not a font file matplotlib can read ("
    )
    check_chinese_error(lambda: save_gantt_png(PLAN, tmp_path / "x.png", font=broken),
                        str(info.value))  # fmt: skip
