"""A shared ledger's refusals (ConflictError) in Chinese for front ends; ``str()`` stays English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main as cli_main
from hospital_inspection.i18n import error_text
from tests.support.ledger import SHARED_ITEM, seed_shared_ledger
from tests.support.zh import english_runs

D = dt.date
ITEM = SHARED_ITEM


def _refused(path: Path, change_by_b: str) -> hi.ConflictError:
    """Office A's change to ITEM, refused because office B changed it after A read it."""
    with hi.Ledger.open(path) as office_a, hi.Ledger.open(path) as office_b:
        if change_by_b == "status":
            office_b.record_progress(ITEM, "已整改", on=D(2025, 12, 1), by="医务科", note="已上传")
        elif change_by_b == "status without note":
            office_b.record_progress(ITEM, "已整改", on=D(2025, 12, 1), by="医务科")
        else:
            office_b.set_due(ITEM, D(2026, 1, 31))
        with pytest.raises(hi.ConflictError) as info:
            office_a.record_progress(ITEM, "已整改", on=D(2025, 12, 2), by="质控科")
    assert info.value.record == ITEM
    return info.value


@pytest.mark.parametrize(
    ("change_by_b", "english", "chinese"),
    [
        ("status", "status 整改中 → 已整改 on 2025-12-01 by 医务科, 已上传",
         "医务科 于2025年12月1日将状态由“整改中”改为“已整改”，说明：已上传"),
        ("status without note", "status 整改中 → 已整改 on 2025-12-01 by 医务科",
         "医务科 于2025年12月1日将状态由“整改中”改为“已整改”"),
        ("due date", "due date set to 2026-01-31", "整改期限定为2026年1月31日"),
    ],
)  # fmt: skip
def test_a_stale_change_says_what_changed_in_either_language(
    tmp_path: Path, change_by_b: str, english: str, chinese: str
) -> None:
    path = tmp_path / "shared.ledger"
    seed_shared_ledger(path)
    exc = _refused(path, change_by_b)
    assert str(exc) == (
        f"item 'S-1-1' was changed by another writer after you read it ({english}); nothing "
        "was written: read the ledger again (Ledger.refresh() or reopen) and decide again"
    )
    assert error_text(exc, "zh") == (
        f"整改事项 'S-1-1' 在您读取后已被他人修改（{chinese}），本次修改未写入："
        "请重新读取整改台账后再作决定"
    )
    assert error_text(exc, "en") == str(exc)


def test_several_changes_are_listed_in_order(tmp_path: Path) -> None:
    path = tmp_path / "shared.ledger"
    seed_shared_ledger(path)
    with hi.Ledger.open(path) as office_a, hi.Ledger.open(path) as office_b:
        office_b.set_due(ITEM, D(2026, 1, 31))
        office_b.record_progress(ITEM, "已整改", on=D(2025, 12, 1), by="医务科")
        with pytest.raises(hi.ConflictError) as info:
            office_a.set_due(ITEM, D(2026, 2, 28))
    assert "(status 整改中 → 已整改 on 2025-12-01 by 医务科; due date set to 2026-01-31)" in str(
        info.value
    )
    assert (
        "（医务科 于2025年12月1日将状态由“整改中”改为“已整改”；整改期限定为2026年1月31日）"
        in error_text(info.value, "zh")
    )


def test_a_taken_finding_id_is_refused_in_chinese(tmp_path: Path) -> None:
    path = tmp_path / "shared.ledger"
    seed_shared_ledger(path)
    again = hi.Finding(id="S-1", hospital="S", round="2025", description="另一条",
                       found_on=D(2025, 11, 3), found_by="E0")  # fmt: skip
    with hi.Ledger.open(path) as ledger, pytest.raises(hi.ConflictError) as info:
        ledger.add_finding(again)
    assert str(info.value) == (
        "finding 'S-1' is already in the ledger; choose another id "
        "(or use new_finding() to let the ledger number it)"
    )
    assert error_text(info.value, "zh") == (
        "问题编号 'S-1' 已在整改台账中：请换一个编号，或不填编号、由台账自动编号"
    )


def test_the_command_line_refuses_a_taken_id_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "wh.ledger"
    argv = ["ledger", "add", str(path), "--hospital", "WH001", "--item", "wh.1.1.1",
            "--what", "未建立整改台账", "--found", "2025-11-20", "--id", "WH001-1"]  # fmt: skip
    assert cli_main(argv) == 0
    capsys.readouterr()
    before = path.read_bytes()
    assert cli_main([*argv, "--lang", "zh"]) == 3  # a conflict, nothing written
    err = capsys.readouterr().err
    assert path.read_bytes() == before
    assert "问题编号 'WH001-1' 已在整改台账中：请换一个编号，或不填编号、由台账自动编号" in err
    assert not english_runs(err, tmp_path), err
