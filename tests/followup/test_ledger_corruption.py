"""A damaged ledger file gives only library errors and is never modified; old files migrate.

Truncation, byte flips anywhere in the file and inside records' text, a missing table, a bad
schema version: ``Ledger.open`` raises :class:`~hospital_inspection.LedgerFileError` (or opens
with exactly the records written, when the flipped byte was in unused space), and the file's
SHA-256 is unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import shutil
import sqlite3
from pathlib import Path

import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main as cli_main
from hospital_inspection.followup.store import SCHEMA_VERSION

D = dt.date
V1 = Path(__file__).resolve().parents[1] / "data" / "ledger-v1"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def _make(path: Path) -> hi.LedgerSnapshot:
    with hi.Ledger.create(path) as ledger:
        for n in range(12):
            ledger.add_finding(
                hi.Finding(id=f"F{n}", hospital=f"H{n % 3}", round="2025",
                           description=f"第{n}项问题：病历书写不规范", found_on=D(2025, 11, 20),
                           found_by="E01"),
                measures=[hi.Measure(code="manual", label="限期整改")],
            )  # fmt: skip
            ledger.record_progress(
                f"F{n}-1", "整改中", on=D(2025, 12, 1), by="医务科", note="已部署"
            )
        return ledger.snapshot()


def _open_outcome(path: Path, original: hi.LedgerSnapshot) -> str:
    """Open the file; only a LedgerFileError, or the original records, are acceptable."""
    try:
        with hi.Ledger.open(path, timeout=1) as ledger:
            assert ledger.snapshot() == original, "opened with changed records"
    except hi.LedgerFileError as exc:
        named = str(path) in str(exc)
        return "refused" if named else f"refused without naming the file: {exc}"
    return "same"


def test_truncation_is_refused_and_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "l.ledger"
    original = _make(path)
    full = path.read_bytes()
    for cut in (0, 50, 99, 100, 1024, 4096, len(full) // 2, len(full) - 4096, len(full) - 1):
        path.write_bytes(full[:cut])
        sha = _sha(path)
        assert _open_outcome(path, original) == "refused", cut
        assert _sha(path) == sha
        assert _folder(path) == ["l.ledger"]


def test_byte_flips_anywhere_never_open_with_changed_records(tmp_path: Path) -> None:
    path = tmp_path / "l.ledger"
    original = _make(path)
    full = path.read_bytes()
    rng = random.Random(11)
    outcomes = {"refused": 0, "same": 0}
    for _ in range(150):
        data = bytearray(full)
        at = rng.randrange(len(data))
        data[at] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        sha = _sha(path)
        outcome = _open_outcome(path, original)
        assert outcome in outcomes, (at, outcome)
        outcomes[outcome] += 1
        assert _sha(path) == sha
        assert _folder(path) == ["l.ledger"]
    assert outcomes["refused"] > 0


def test_a_changed_character_in_a_record_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "l.ledger"
    original = _make(path)
    full = path.read_bytes()
    targets = ["第7项问题".encode(), "已部署".encode(), b"H1", b"2025-12-01", b"manual"]
    for target in targets:
        at = full.index(target)
        for offset in range(len(target)):
            data = bytearray(full)
            data[at + offset] ^= 0x01  # 病 → another valid character, 1 → 0, …
            path.write_bytes(bytes(data))
            sha = _sha(path)
            assert _open_outcome(path, original) == "refused", (target, offset)
            assert _sha(path) == sha


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for s in statements:
            conn.execute(s)
    conn.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (["DROP TABLE history"], "missing table"),
        (["DROP TRIGGER history_no_delete", "DELETE FROM history"], "checksum|history"),
        (["DROP TABLE items"], "missing table"),
        (["UPDATE meta SET value = 'x' WHERE key = 'schema_version'"], "unreadable schema"),
        (["UPDATE meta SET value = '0' WHERE key = 'schema_version'"], "schema version 0"),
        ([f"UPDATE meta SET value = '{SCHEMA_VERSION + 1}' WHERE key = 'schema_version'"], "newer"),
        (["DELETE FROM meta WHERE key = 'schema_version'"], "unreadable schema"),
        (["UPDATE meta SET value = 'jilin-2021' WHERE key = 'policy'"], "meta table was changed"),
        (["UPDATE findings SET data = '{' WHERE id = 'F1'"], r"findings\[F1\]"),
        (["UPDATE items SET version = 7 WHERE id = 'F1-1'"], r"items\[F1-1\].*checksum"),
        (["DELETE FROM meta"], "not a ledger"),
    ],
)
def test_damaged_tables_give_library_errors(
    tmp_path: Path, change: list[str], message: str
) -> None:
    path = tmp_path / "l.ledger"
    _make(path)
    _sql(path, *change)
    sha = _sha(path)
    with pytest.raises(hi.LedgerFileError, match=message):
        hi.Ledger.open(path)
    assert _sha(path) == sha
    code = cli_main(["ledger", "status", str(path), "--as-of", "2026-01-01"])
    assert code == 2
    assert _sha(path) == sha


# -- migration from schema version 1 ----------------------------------------------------------


@pytest.mark.parametrize("name", ["weihai", "jilin"])
def test_a_ledger_written_by_the_previous_version_opens_and_is_upgraded(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / f"{name}.sqlite"
    shutil.copy(V1 / f"{name}.sqlite", path)
    expected = hi.Ledger.from_json((V1 / f"{name}.json").read_text("utf-8")).snapshot()
    with hi.Ledger.open(path) as ledger:
        assert ledger.snapshot() == expected  # nothing lost, history kept
        item = ledger.items[0]
        ledger.record_progress(item.id, "已整改", on=D(2026, 6, 1), by="医务科", note="迁移后")
    conn = sqlite3.connect(path)
    (version,) = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    conn.close()
    assert version == str(SCHEMA_VERSION)
    with hi.Ledger.open(path) as again:
        assert again.item(item.id).history[:-1] == expected.items[0].history
        assert again.item(item.id).history[-1].note == "迁移后"


def test_the_weihai_v1_golden_still_holds(tmp_path: Path) -> None:
    # 威卫办〔2024〕11号 四、(三): "医疗机构收到巡查反馈意见后应在2个月内…报送整改报告"
    path = tmp_path / "weihai.sqlite"
    shutil.copy(V1 / "weihai.sqlite", path)
    with hi.Ledger.open(path) as ledger:
        due = ledger.item("WH001-1-1").due
        assert due is not None and due.date == D(2026, 2, 28)
        assert [o.days for o in ledger.overdue(D(2026, 3, 1)) if o.item.id == "WH001-1-1"] == [1]


def test_a_damaged_v1_file_is_not_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "weihai.sqlite"
    shutil.copy(V1 / "weihai.sqlite", path)
    _sql(path, "UPDATE findings SET data = 'not json' WHERE id = 'WH001-1'")
    sha = _sha(path)
    with pytest.raises(hi.LedgerFileError, match=r"findings\[WH001-1\]"):
        hi.Ledger.open(path)
    assert _sha(path) == sha
