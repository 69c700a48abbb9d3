"""The ledger's SQLite file: schema version, one transaction per change, no loss on a crash."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings

import hospital_inspection as hi
from hospital_inspection import testing as hit
from hospital_inspection.followup.store import SCHEMA_VERSION, LedgerStore

D = dt.date
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SRC = ROOT / "src"


def op(ledger: hi.Ledger, i: int) -> None:
    """The ``i``-th change of a deterministic sequence (used by this process and the children)."""
    n, step = divmod(i, 4)
    fid, hospital = f"F{n:04d}", f"H{n % 3}"
    if step == 0:
        ledger.add_finding(
            hi.Finding(id=fid, hospital=hospital, round="2025", description=f"问题{n}",
                       found_on=D(2025, 1, 1) + dt.timedelta(days=n % 200), found_by="E1")
        )  # fmt: skip
    elif step == 1:
        ledger.add_measure(fid, hi.Measure(code="rectify", label="限期整改"))
        ledger_item = ledger.add_measure(fid, hi.Measure(code="publicise", label="整改公示"))
        assert ledger_item.id == f"{fid}-2"
    elif step == 2:
        received = D(2025, 8, 1)
        due = hi.DueDate(date=D(2025, 10, 1), rule="manual", trigger=received)
        ledger.record_feedback(hospital, received, due=due, items=[f"{fid}-1", f"{fid}-2"])
    else:
        ledger.record_progress(f"{fid}-1", "in_progress", on=D(2025, 9, 1), by="医务科")


def expected(n_ops: int) -> hi.Ledger:
    ledger = hi.Ledger()
    for i in range(n_ops):
        op(ledger, i)
    return ledger


CHILD = """
import os, sys
sys.path[:0] = [{src!r}, {root!r}]
import hospital_inspection as hi
from hospital_inspection.followup.store import LedgerStore
from tests.followup.test_ledger_store import op

path, crash_at, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ledger = hi.Ledger.open(path)
i = len(ledger.findings) * 0  # the file starts empty
for i in range(crash_at if mode != "loop" else 10**6):
    op(ledger, i)
    print(i + 1, flush=True)
if mode.startswith("inside"):
    if mode == "inside-spill":  # spill dirty pages into the file before COMMIT: a hot journal
        ledger._store._conn.execute("PRAGMA cache_size = 1")
    def dying(original):
        def write(self, *args, **kwargs):
            original(self, *args, **kwargs)
            os._exit(3)  # killed after the first row of the change, before COMMIT
        return write
    LedgerStore.insert_item = dying(LedgerStore.insert_item)
    LedgerStore.update_item = dying(LedgerStore.update_item)
    LedgerStore.insert_finding = dying(LedgerStore.insert_finding)
    op(ledger, crash_at)
os._exit(0)
"""


def run_child(path: Path, crash_at: int, mode: str) -> subprocess.Popen[str]:
    script = CHILD.format(src=str(SRC), root=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", script, str(path), str(crash_at), mode],
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("crash_at", [0, 1, 2, 3, 5, 6, 30])
@pytest.mark.parametrize("mode", ["inside", "inside-spill"])
def test_a_crash_inside_a_transaction_keeps_every_committed_change(
    tmp_path: Path, crash_at: int, mode: str
) -> None:
    path = tmp_path / "ledger.sqlite"
    hi.Ledger.create(path).close()
    child = run_child(path, crash_at, mode)
    out, _ = child.communicate(timeout=60)
    assert child.returncode == 3
    if mode == "inside-spill" and crash_at == 30:
        journal = path.with_name(path.name + "-journal")
        assert journal.stat().st_size > 0  # the file was half-written: SQLite must roll back
    assert out.split() == [str(i) for i in range(1, crash_at + 1)]
    with hi.Ledger.open(path) as reopened:
        assert reopened == expected(crash_at)  # the interrupted change left no trace
        op(reopened, crash_at)  # and the file takes it again
    with hi.Ledger.open(path) as again:
        assert again == expected(crash_at + 1)


def test_a_kill_between_writes_loses_no_committed_change(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    hi.Ledger.create(path).close()
    child = run_child(path, 0, "loop")
    assert child.stdout is not None
    done = 0
    for line in child.stdout:
        done = int(line)
        if done >= 25:
            break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    with hi.Ledger.open(path) as reopened:
        # committed and printed: ``done``. The child runs on while the parent reads, so on a
        # busy machine a few more may have committed before the kill: the file must hold an
        # exact prefix of the writes, at least the ``done`` acknowledged ones.
        prefixes = [k for k in range(done, done + 100) if reopened == expected(k)]
        assert prefixes, f"not a prefix of the writes from the {done} acknowledged"


def test_an_exception_inside_a_transaction_changes_neither_file_nor_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "ledger.sqlite"
    ledger = hi.Ledger.create(path)
    for i in range(2):
        op(ledger, i)
    before = ledger.snapshot()
    original = LedgerStore.update_item
    calls = []

    def failing(self: LedgerStore, item: hi.RectificationItem, *, based_on: int) -> int:
        calls.append(item.id)
        if len(calls) == 2:
            raise RuntimeError("disk on fire")
        return original(self, item, based_on=based_on)

    monkeypatch.setattr(LedgerStore, "update_item", failing)
    with pytest.raises(RuntimeError, match="disk on fire"):
        op(ledger, 2)  # one change writing two items
    assert calls == ["F0000-1", "F0000-2"]
    assert ledger.snapshot() == before
    monkeypatch.undo()
    ledger.close()
    with hi.Ledger.open(path) as reopened:
        assert reopened.snapshot() == before


def test_every_change_is_on_disk_at_once(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with hi.Ledger.create(path) as ledger:
        assert ledger.path == str(path)
        for i in range(9):
            op(ledger, i)
            with hi.Ledger.open(path) as other:
                assert other == ledger


def test_the_history_table_is_append_only(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with hi.Ledger.create(path) as ledger:
        for i in range(4):
            op(ledger, i)
    conn = sqlite3.connect(path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE history SET date = '2020-01-01'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM history")
    finally:
        conn.close()


def _bytes_of(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir())}


def _make_ledger_file(path: Path) -> None:
    with hi.Ledger.create(path) as ledger:
        for i in range(8):
            op(ledger, i)


def _newer(path: Path) -> None:
    _make_ledger_file(path)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    conn.close()


def _other_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()


def _other_format(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('format', 'someone.else')")
    conn.close()


def _corrupt(path: Path) -> None:
    _make_ledger_file(path)
    data = bytearray(path.read_bytes())
    page = 4096 if len(data) > 8192 else 1024
    data[page + 10 : page + 400] = b"\xff" * 390
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_bytes(b"\x00garbage, not a database" * 100), "not an SQLite database"),
        (lambda p: p.write_bytes(b""), "not an SQLite database"),
        (lambda p: p.write_text("序号,医院\n", "utf-8"), "not an SQLite database"),
        (_newer, f"schema version {SCHEMA_VERSION + 1}, newer"),
        (_other_sqlite, "not a ledger"),
        (_other_format, "not a ledger"),
        (_corrupt, "corrupt"),
    ],
    ids=["garbage", "empty", "csv", "newer", "other-sqlite", "other-format", "corrupt"],
)
def test_a_bad_file_gives_a_clear_error_and_is_not_modified(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "ledger.sqlite"
    make(path)  # type: ignore[operator]
    before = _bytes_of(path)
    with pytest.raises(hi.LedgerFileError, match=message) as info:
        hi.Ledger.open(path)
    assert isinstance(info.value, hi.InspectionError)
    assert str(path) in str(info.value)
    assert _bytes_of(path) == before


def test_missing_and_existing_files(tmp_path: Path) -> None:
    with pytest.raises(hi.LedgerFileError, match="no such file"):
        hi.Ledger.open(tmp_path / "nope.sqlite")
    assert not (tmp_path / "nope.sqlite").exists()
    path = tmp_path / "ledger.sqlite"
    hi.Ledger.create(path).close()
    with pytest.raises(hi.LedgerFileError, match="already exists"):
        hi.Ledger.create(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.sqlite"]


def test_the_policy_id_is_stored(tmp_path: Path, jilin_policy: hi.Policy) -> None:
    path = tmp_path / "ledger.sqlite"
    hi.Ledger.create(path, policy=jilin_policy).close()
    with hi.Ledger.open(path) as ledger:
        assert ledger.policy_id == "jilin-2021"
        assert ledger.policy is None  # the file is readable without the policy


@settings(max_examples=25)
@given(hit.ledgers())
def test_save_and_reopen_a_random_ledger(ledger: hi.Ledger) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ledger.sqlite"
        ledger.save_as(path)
        ledger.close()
        with hi.Ledger.open(path) as reopened:
            assert reopened == ledger
            assert reopened.to_json() == ledger.to_json()
        assert os.listdir(folder) == ["ledger.sqlite"]


def test_a_ledger_written_by_version_0_1_still_opens(tmp_path: Path) -> None:
    """tests/data/ledger-0.1.sqlite was written by 0.1 (its due dates stored as ``DueDate``)."""
    original = Path(__file__).parents[1] / "data" / "ledger-0.1.sqlite"
    path = tmp_path / "ledger.sqlite"
    path.write_bytes(original.read_bytes())
    ledger = hi.Ledger.open(path)
    assert [f.id for f in ledger.findings] == ["F1", "F2"]
    first, second = ledger.items
    assert isinstance(first.due, hi.Deadline)
    assert (first.due.date, first.due.rolled_from) == (D(2025, 10, 9), D(2025, 10, 1))
    assert first.due.citation is not None and first.due.citation.clause == "四、(三)"
    assert second.due is not None and second.due.date == D(2026, 2, 28)  # the golden
    assert second.is_overdue(D(2026, 3, 1)) and not second.is_overdue(D(2026, 2, 28))
    assert first.status_on(D(2025, 9, 2)) is hi.ItemStatus.IN_PROGRESS
