"""The ledger's SQLite file (standard library ``sqlite3``): nothing lost, nothing half-written.

- A table ``meta`` holds ``format`` (``"hospital_inspection.ledger"``), ``schema_version`` and
  the ledger's policy id; tables ``findings``, ``items`` and ``history`` hold the records
  (findings and items as the converter's JSON, history one row per status change; the database
  itself refuses to update or delete a history row).
- Every change is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``): a crash or an exception in
  the middle leaves the file as it was before the change.
- A file is first checked through a read-only connection: a file that is not SQLite, is
  corrupt, is some other program's database, or has a newer schema version raises
  :class:`~hospital_inspection.errors.LedgerFileError` and is not modified. (One exception: a
  file left with a hot journal by a crashed write is first rolled back to its last committed
  state — SQLite's own recovery — and then checked.)
- A new file is built under a temporary name and moved into place (``os.replace``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hospital_inspection.convert import structure, unstructure
from hospital_inspection.errors import LedgerFileError
from hospital_inspection.followup.findings import Finding, RectificationItem, StatusChange

__all__ = ["FILE_FORMAT", "SCHEMA_VERSION", "LedgerStore"]

FILE_FORMAT = "hospital_inspection.ledger"
SCHEMA_VERSION = 1
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE findings (
    id TEXT PRIMARY KEY, hospital TEXT NOT NULL, round TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE items (
    id TEXT PRIMARY KEY, finding TEXT NOT NULL REFERENCES findings(id), data TEXT NOT NULL);
CREATE TABLE history (
    item TEXT NOT NULL REFERENCES items(id), seq INTEGER NOT NULL, status TEXT NOT NULL,
    date TEXT NOT NULL, by TEXT NOT NULL, note TEXT, PRIMARY KEY (item, seq));
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
"""


def _read_meta(conn: sqlite3.Connection, path: Path) -> dict[str, str | None]:
    try:
        rows = conn.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            raise LedgerFileError(
                path, "an SQLite database but not a ledger (no meta table)"
            ) from None
        raise
    meta = {str(k): (None if v is None else str(v)) for k, v in rows}
    if meta.get("format") != FILE_FORMAT:
        raise LedgerFileError(
            path, f"an SQLite database but not a ledger (format {meta.get('format')!r})"
        )
    version = meta.get("schema_version")
    if version is None or not version.isdigit():
        raise LedgerFileError(path, f"a ledger with an unreadable schema version {version!r}")
    if int(version) > SCHEMA_VERSION:
        raise LedgerFileError(
            path,
            f"a ledger of schema version {version}, newer than this library reads "
            f"({SCHEMA_VERSION}); upgrade hospital-inspection to open it",
        )
    if int(version) < SCHEMA_VERSION:  # pragma: no cover - no older version exists yet
        raise LedgerFileError(path, f"a ledger of schema version {version}, which has no migration")
    return meta


def _check_read_only(path: Path) -> bool:
    """Check ``path`` without modifying it; False when a crashed write must be rolled back."""
    if not path.is_file():
        raise LedgerFileError(path, "no such file")
    with path.open("rb") as fh:
        if fh.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise LedgerFileError(path, "not an SQLite database (wrong header)")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()
        if result is None or result[0] != "ok":
            raise LedgerFileError(
                path, f"the file is corrupt ({result[0] if result else 'no answer'})"
            )
        _read_meta(conn, path)
        return True
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            return False  # a hot journal: the last write was interrupted
        raise LedgerFileError(path, f"the file cannot be read ({exc})") from None
    except sqlite3.DatabaseError as exc:
        raise LedgerFileError(path, f"the file is corrupt or not a database ({exc})") from None
    finally:
        conn.close()


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


class LedgerStore:
    """An open ledger file. Use :meth:`create` or :meth:`open`; close it when done.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "ledger.sqlite"
        >>> with LedgerStore.create(path, policy="weihai-2024-2026") as store:
        ...     store.policy
        'weihai-2024-2026'
        >>> LedgerStore.open(path).load()
        ((), ())
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, policy: str | None) -> None:
        self.path = path
        self.policy = policy
        self._conn = conn

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> LedgerStore:
        """Open an existing ledger file.

        Raises:
            LedgerFileError: missing, not SQLite, corrupt, not a ledger, or a newer schema.
        """
        p = Path(path)
        _check_read_only(p)
        conn = _connect(p)  # rolls back an interrupted write, if any
        try:
            meta = _read_meta(conn, p)
        except BaseException:
            conn.close()
            raise
        return cls(p, conn, meta.get("policy"))

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        policy: str | None = None,
        findings: Iterable[Finding] = (),
        items: Iterable[RectificationItem] = (),
    ) -> LedgerStore:
        """Create a new ledger file holding ``findings`` and ``items``; it must not exist yet.

        The file is written under a temporary name in the same folder and moved into place.
        """
        p = Path(path)
        if p.exists():
            raise LedgerFileError(p, "the file already exists; open it, or choose another name")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            conn = _connect(tmp)
            try:
                conn.executescript(_SCHEMA)
                store = cls(tmp, conn, policy)
                with store.transaction():
                    conn.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [
                            ("format", FILE_FORMAT),
                            ("schema_version", str(SCHEMA_VERSION)),
                            ("policy", policy),
                        ],
                    )
                    store.put(findings=findings, items=items)
            finally:
                conn.close()
            os.replace(tmp, p)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return cls.open(p)

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __enter__(self) -> LedgerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing change: committed at the end, rolled back on any exception."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield self._conn
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def put(
        self,
        *,
        findings: Iterable[Finding] = (),
        items: Iterable[RectificationItem] = (),
        policy: str | None = None,
    ) -> None:
        """Write (insert or update) findings and items, appending new history entries.

        Call inside :meth:`transaction`; history rows already stored are never rewritten.
        """
        if policy is not None:
            self._conn.execute("UPDATE meta SET value = ? WHERE key = 'policy'", (policy,))
            self.policy = policy
        for finding in findings:
            self._put_finding(finding)
        for item in items:
            self._put_item(item)

    def _put_finding(self, finding: Finding) -> None:
        self._conn.execute(
            "INSERT INTO findings (id, hospital, round, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET hospital = excluded.hospital, "
            "round = excluded.round, data = excluded.data",
            (finding.id, finding.hospital, finding.round, _dumps(unstructure(finding))),
        )

    def _put_item(self, item: RectificationItem) -> None:
        data = unstructure(item)
        del data["history"]
        self._conn.execute(
            "INSERT INTO items (id, finding, data) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET finding = excluded.finding, data = excluded.data",
            (item.id, item.finding, _dumps(data)),
        )
        (stored,) = self._conn.execute(
            "SELECT COUNT(*) FROM history WHERE item = ?", (item.id,)
        ).fetchone()
        for seq, change in enumerate(item.history[stored:], start=stored):
            self._put_change(item.id, seq, change)

    def _put_change(self, item: str, seq: int, change: StatusChange) -> None:
        self._conn.execute(
            "INSERT INTO history (item, seq, status, date, by, note) VALUES (?, ?, ?, ?, ?, ?)",
            (item, seq, change.status.code, change.date.isoformat(), change.by, change.note),
        )

    def load(self) -> tuple[tuple[Finding, ...], tuple[RectificationItem, ...]]:
        """Read every finding and item, in the order they were first written.

        Raises:
            DataError: a stored record does not fit the model (names the record).
        """
        conn = self._conn
        findings = tuple(
            structure(json.loads(data), Finding, path=f"findings[{fid}]")
            for fid, data in conn.execute("SELECT id, data FROM findings ORDER BY rowid")
        )
        history: dict[str, list[dict[str, Any]]] = {}
        for item, status, date, by, note in conn.execute(
            "SELECT item, status, date, by, note FROM history ORDER BY item, seq"
        ):
            entry = {"status": status, "date": date, "by": by}
            if note is not None:
                entry["note"] = note
            history.setdefault(item, []).append(entry)
        items = tuple(
            structure(
                {**json.loads(data), "history": history.get(iid, [])},
                RectificationItem,
                path=f"items[{iid}]",
            )
            for iid, data in conn.execute("SELECT id, data FROM items ORDER BY rowid")
        )
        return findings, items


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)
