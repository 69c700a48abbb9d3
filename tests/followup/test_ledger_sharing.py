"""One ledger file shared by several processes (two terminals, two offices on a shared drive).

Every write is either in the file or refused with a clear library error; nothing is lost.
The workers are forked (no new interpreter per write), each reopening the file per write as a
user of the command line does.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import multiprocessing
import os
import random
import shutil
import signal
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.cli import main as cli_main
from tests.support.ledger import SHARED_ITEM, seed_shared_ledger

D = dt.date
FORK = multiprocessing.get_context("fork")
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork (POSIX)")


@pytest.fixture
def shared_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder in memory (tmpfs) where there is one, else ``tmp_path``.

    These tests are about processes sharing a file (locks, transactions, kills), not about the
    disk: on a busy disk each ``fsync`` of a commit takes tens of milliseconds and 1,000 commits
    would take minutes. SQLite's locking works the same on tmpfs.
    """
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="ledger-sharing-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main(list(argv))
    return code, out.getvalue(), err.getvalue()


def _log(fh: Any, **entry: object) -> None:
    fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    fh.flush()


def _api_write(path: Path, worker: int, n: int) -> dict[str, object]:
    """One write through the library, reopening the file; returns what happened."""
    tag = f"w{worker}-{n}"
    try:
        with hi.Ledger.open(path, timeout=30) as ledger:
            if n % 2 == 0:
                finding, _ = ledger.new_finding(
                    hospital=f"H{n % 3}", round="2025", description=tag,
                    found_on=D(2025, 11, 20), found_by=f"worker{worker}",
                    measures=[hi.Measure(code="manual", label="限期整改")],
                )  # fmt: skip
                return {"kind": "add", "tag": tag, "ok": True, "id": finding.id}
            status = ledger.item(SHARED_ITEM).status
            target = "rectified" if status is hi.ItemStatus.IN_PROGRESS else "in_progress"
            ledger.record_progress(SHARED_ITEM, target, on=D(2025, 12, 1), by="医务科", note=tag)
            return {"kind": "move", "tag": tag, "ok": True}
    except hi.ConflictError as exc:
        return {"kind": "add" if n % 2 == 0 else "move", "tag": tag, "ok": False, "error": str(exc)}


def _cli_write(path: Path, worker: int, n: int) -> dict[str, object]:
    """One write through the command line (in this process), reopening the file."""
    tag = f"w{worker}-{n}"
    if n % 2 == 0:
        code, _, err = _cli(
            "ledger", "add", str(path), "--json", "--hospital", f"H{n % 3}", "--what", tag,
            "--found", "2025-11-20", "--by", f"worker{worker}", "--measure", "限期整改",
            "--round", "2025",
        )  # fmt: skip
        kind = "add"
    else:
        with hi.Ledger.open(path, timeout=30) as ledger:
            status = ledger.item(SHARED_ITEM).status
        target = "已整改" if status is hi.ItemStatus.IN_PROGRESS else "整改中"
        code, _, err = _cli(
            "ledger", "update", str(path), SHARED_ITEM, "--status", target,
            "--date", "2025-12-01", "--by", "医务科", "--note", tag,
        )  # fmt: skip
        kind = "move"
    if code == 0:
        return {"kind": kind, "tag": tag, "ok": True}
    return {"kind": kind, "tag": tag, "ok": False, "code": code, "error": err}


def _worker(path: Path, worker: int, writes: int, log: Path, via_cli: bool) -> None:
    write = _cli_write if via_cli else _api_write
    with log.open("w", encoding="utf-8") as fh:
        for n in range(writes):
            _log(fh, **write(path, worker, n))
    os._exit(0)


def test_four_processes_times_250_writes_lose_nothing(shared_dir: Path) -> None:
    tmp_path = shared_dir
    path = tmp_path / "shared.ledger"
    seed_shared_ledger(path)
    writes = 250
    procs = []
    for worker in range(4):
        log = tmp_path / f"w{worker}.log"
        # three through the library, one through the command line (each write reopens the file)
        p = FORK.Process(target=_worker, args=(path, worker, writes, log, worker == 3))
        p.start()
        procs.append((p, log))
    for p, _ in procs:
        p.join(timeout=240)
        assert p.exitcode == 0
    entries = [
        json.loads(line) for _, log in procs for line in log.read_text("utf-8").split("\n") if line
    ]
    assert len(entries) == 4 * writes
    refused = [e for e in entries if not e["ok"]]
    for e in refused:  # a refusal is a clear error, never a traceback
        if e.get("code") == 2:  # the CLI user's move no longer fits the status: refused
            assert "cannot move from" in e["error"], e
        else:  # a conflict (exit code 3 on the command line)
            assert e.get("code", 3) == 3, e
            assert "another writer" in e["error"] or "busy" in e["error"], e
    with hi.Ledger.open(path) as ledger:
        descriptions = [f.description for f in ledger.findings]
        history = ledger.item(SHARED_ITEM).history
    added = {e["tag"] for e in entries if e["kind"] == "add" and e["ok"]}
    moved = [e["tag"] for e in entries if e["kind"] == "move" and e["ok"]]
    # every acknowledged add is there exactly once, nothing else was added
    assert sorted(descriptions) == sorted(["共享条目", *added])
    assert len(added) == len({e["tag"] for e in entries if e["kind"] == "add"})  # no add refused
    # every acknowledged status change is in the history exactly once; refused ones are not
    notes = [c.note for c in history[2:]]
    assert sorted(notes) == sorted(moved)  # type: ignore[type-var]
    assert not {e["tag"] for e in refused} & set(notes)
    # numbered findings: one id per finding, <hospital>-1 … <hospital>-n without a gap
    with hi.Ledger.open(path) as ledger:
        for h in ("H0", "H1", "H2"):
            ids = sorted(int(f.id.split("-")[1]) for f in ledger.findings if f.hospital == h)
            assert ids == list(range(1, len(ids) + 1))
    print(f"4x{writes} writes: {len(added)} adds, {len(moved)} moves, {len(refused)} refused")


def _create(path: str, barrier: Any) -> None:
    barrier.wait()
    try:
        hi.Ledger.create(path).close()
    except hi.LedgerFileError as exc:
        os._exit(10 if "already exists" in str(exc) else 11)
    os._exit(0)


@pytest.mark.parametrize("trial", range(5))
def test_two_concurrent_creates_exactly_one_succeeds(tmp_path: Path, trial: int) -> None:
    path = tmp_path / f"new-{trial}.ledger"
    barrier = FORK.Barrier(2)
    procs = [FORK.Process(target=_create, args=(str(path), barrier)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    assert sorted(p.exitcode for p in procs) == [0, 10]  # one created it, one was told it exists
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    with hi.Ledger.open(path) as ledger:
        assert ledger.findings == ()


def test_two_concurrent_cli_adds_on_a_new_file_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "new.ledger"
    barrier = FORK.Barrier(2)

    def add(n: int) -> None:
        barrier.wait()
        code, _, _ = _cli("ledger", "add", str(path), "--hospital", "H1", "--what", f"问题{n}",
                          "--found", "2025-11-20", "--measure", "限期整改")  # fmt: skip
        os._exit(code)

    procs = [FORK.Process(target=add, args=(n,)) for n in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=60)
    assert [p.exitcode for p in procs] == [0, 0]
    with hi.Ledger.open(path) as ledger:
        assert sorted(f.description for f in ledger.findings) == ["问题0", "问题1"]
        assert sorted(f.id for f in ledger.findings) == ["H1-1", "H1-2"]


# -- kill -9 in the middle of a batch --------------------------------------------------------


def _batch_op(ledger: hi.Ledger, i: int) -> None:
    """The ``i``-th write of a deterministic batch: adds, measures, feedback and moves."""
    n, step = divmod(i, 3)
    fid = f"F{n:04d}"
    if step == 0:
        ledger.add_finding(
            hi.Finding(id=fid, hospital=f"H{n % 3}", round="2025", description=f"问题{n}",
                       found_on=D(2025, 1, 1), found_by="E1"),
            measures=[hi.Measure(code="manual", label="限期整改")],
        )  # fmt: skip
    elif step == 1:
        ledger.add_measure(fid, hi.Measure(code="manual", label="整改公示"))
    else:
        ledger.record_progress(f"{fid}-1", "整改中", on=D(2025, 2, 1), by="医务科")


def _expected(n_writes: int) -> hi.LedgerSnapshot:
    ledger = hi.Ledger()
    for i in range(n_writes):
        _batch_op(ledger, i)
    return ledger.snapshot()


def _batch(path: str, acks: Any) -> None:
    with hi.Ledger.open(path) as ledger:
        for i in range(10**6):
            _batch_op(ledger, i)
            os.write(acks, b"+")  # acknowledged: the write has returned


def test_kill_9_mid_batch_keeps_an_exact_prefix_of_acknowledged_writes(shared_dir: Path) -> None:
    tmp_path = shared_dir
    rng = random.Random(20251231)
    for trial in range(20):
        path = tmp_path / f"kill-{trial}.ledger"
        hi.Ledger.create(path).close()
        read_end, write_end = os.pipe()
        child = FORK.Process(target=_batch, args=(str(path), write_end))
        child.start()
        os.close(write_end)
        stop_after = rng.randint(0, 40)
        acked = 0
        while acked < stop_after:
            acked += len(os.read(read_end, 1))
        os.kill(child.pid, signal.SIGKILL)  # type: ignore[arg-type]
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL
        with os.fdopen(read_end, "rb") as rest:
            acked += len(rest.read())  # acks written before the kill but not yet read
        with hi.Ledger.open(path) as reopened:
            held = reopened.snapshot()
        # exactly the acknowledged writes, or those and the one in flight when it died
        assert held in (_expected(acked), _expected(acked + 1)), (trial, acked)


# -- stale reads -------------------------------------------------------------------------------


def test_a_status_change_based_on_a_stale_read_is_refused_and_says_what_changed(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shared.ledger"
    seed_shared_ledger(path)
    office_a = hi.Ledger.open(path)
    office_b = hi.Ledger.open(path)
    office_b.record_progress(SHARED_ITEM, "已整改", on=D(2025, 12, 1), by="医务科", note="B")
    before = path.read_bytes()
    with pytest.raises(
        hi.ConflictError, match=r"changed by another writer.*整改中 → 已整改.*by 医务科"
    ) as info:
        office_a.record_progress(SHARED_ITEM, "已整改", on=D(2025, 12, 2), by="质控科", note="A")
    assert info.value.record == SHARED_ITEM
    assert path.read_bytes() == before
    # after the refusal office A sees the file as it is, and can decide again
    assert office_a.item(SHARED_ITEM).history[-1].note == "B"
    office_a.record_progress(SHARED_ITEM, "已验收", on=D(2025, 12, 3), by="市卫健委")
    office_a.close()
    office_b.close()
    with hi.Ledger.open(path) as ledger:
        assert [c.note for c in ledger.item(SHARED_ITEM).history] == [None, None, "B", None]


def test_a_duplicate_id_from_another_process_is_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "shared.ledger"
    seed_shared_ledger(path)
    f = hi.Finding(id="X-1", hospital="X", round="2025", description="甲",
                   found_on=D(2025, 11, 1), found_by="E0")  # fmt: skip
    with hi.Ledger.open(path) as a, hi.Ledger.open(path) as b:
        a.add_finding(f)
        with pytest.raises(hi.ConflictError, match="'X-1' is already in the ledger"):
            b.add_finding(attrs.evolve(f, description="乙"))
        assert b.finding("X-1").description == "甲"  # b now sees the file
        # ids allocated by the ledger never collide
        assert a.next_finding_id("X") == "X-2"
        finding, _ = b.new_finding(hospital="X", round="2025", description="丙",
                                   found_on=D(2025, 11, 1), found_by="E0")  # fmt: skip
        assert finding.id == "X-2"
        finding, _ = a.new_finding(hospital="X", round="2025", description="丁",
                                   found_on=D(2025, 11, 1), found_by="E0")  # fmt: skip
        assert finding.id == "X-3"


def test_a_busy_file_waits_then_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "shared.ledger"
    seed_shared_ledger(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(hi.LedgerBusyError, match=r"busy.*0\.2 s; nothing was written"):
            hi.Ledger.open(path, timeout=0.2)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with hi.Ledger.open(path, timeout=0.2) as ledger:
        holder = sqlite3.connect(path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(hi.LedgerBusyError):
                ledger.record_progress(SHARED_ITEM, "已整改", on=D(2025, 12, 1), by="医务科")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        assert ledger.item(SHARED_ITEM).status is hi.ItemStatus.IN_PROGRESS
        code, _, err = _cli("ledger", "update", str(path), SHARED_ITEM, "--status", "已整改",
                            "--date", "2025-12-01", "--by", "医务科")  # fmt: skip
        assert code == 0, err
