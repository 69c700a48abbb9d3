"""The ledger's SQLite file (standard library ``sqlite3``): shared by several offices, nothing lost.

Several processes may open one file at once (two terminals, two offices on a shared drive); the
file, not a copy in memory, decides:

- **One write transaction at a time.** Every change runs in ``BEGIN IMMEDIATE`` … ``COMMIT``:
  the writer takes the file's write lock *before* it reads what it decides on, so ids, duplicate
  checks and version checks are decided against the file as it is, and a crash or an exception
  in the middle leaves the file as it was before the change.
- **Identity in the file.** A finding or item is inserted (never "inserted or replaced"): an id
  already taken is a :class:`~hospital_inspection.errors.ConflictError`. Each record has a
  version; an update names the version it was based on and is refused when another writer has
  changed the record since (optimistic concurrency).
- **Snapshot reads.** :meth:`LedgerStore.read` reads every table inside one read transaction, so
  it never sees half of another process's change.
- **Busy files wait.** A locked file is retried for ``timeout`` seconds (SQLite's busy timeout),
  then :class:`~hospital_inspection.errors.LedgerBusyError`.
- **Corruption is detected, never trusted.** On open the file is checked without writing to it
  (``PRAGMA query_only``): its header, SQLite's ``PRAGMA quick_check``, the ``meta`` table and
  schema version, every table, and a SHA-256 checksum kept beside every record (finding, item,
  history entry, and the meta values), so a changed byte in a record's text is reported, not
  read. Any problem is a :class:`~hospital_inspection.errors.LedgerFileError` naming the file and
  what is wrong, and the file is left as it was. (One exception: a file left with a hot journal
  by a crashed write is rolled back to its last committed state first — SQLite's own recovery.)
- **Atomic create.** A new file is built under a temporary name and linked into place with
  ``os.link``, which fails when the name exists: of two processes creating the same file, exactly
  one succeeds and the other gets a ``LedgerFileError`` ("already exists").
- **Migration.** A file of schema version 1 (written by the library before version 2) is checked
  as above, then upgraded in one transaction (versions and checksums added); if the upgrade
  fails, the file stays at version 1.

The journal stays SQLite's default rollback journal (not WAL), which works on network drives.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from hospital_inspection._atomic import _new_file_mode
from hospital_inspection.convert import structure, unstructure
from hospital_inspection.errors import (
    ConflictError,
    DataError,
    LedgerBusyError,
    LedgerFileError,
)
from hospital_inspection.followup.findings import Finding, RectificationItem, StatusChange

__all__ = ["DEFAULT_TIMEOUT", "FILE_FORMAT", "SCHEMA_VERSION", "LedgerStore", "StoredLedger"]

FILE_FORMAT = "hospital_inspection.ledger"
SCHEMA_VERSION = 2
#: Seconds a call waits for a file another process has locked, then LedgerBusyError.
DEFAULT_TIMEOUT = 10.0
_SQLITE_MAGIC = b"SQLite format 3\x00"
_TABLES = ("meta", "findings", "items", "history")

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE findings (
    id TEXT PRIMARY KEY, hospital TEXT NOT NULL, round TEXT NOT NULL, data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, checksum TEXT NOT NULL DEFAULT '');
CREATE TABLE items (
    id TEXT PRIMARY KEY, finding TEXT NOT NULL REFERENCES findings(id), data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1, checksum TEXT NOT NULL DEFAULT '');
CREATE TABLE history (
    item TEXT NOT NULL REFERENCES items(id), seq INTEGER NOT NULL, status TEXT NOT NULL,
    date TEXT NOT NULL, by TEXT NOT NULL, note TEXT, checksum TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item, seq));
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
"""

# Version 1 → 2: a version and a checksum per record (the triggers forbid UPDATE on history,
# so the history checksums are filled in with the triggers dropped, inside the transaction).
_MIGRATE_1_TO_2 = """
ALTER TABLE findings ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE findings ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE items ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
ALTER TABLE history ADD COLUMN checksum TEXT NOT NULL DEFAULT '';
DROP TRIGGER history_no_update;
"""
_HISTORY_NO_UPDATE = """
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'status history is append-only'); END;
"""


def _sum(*parts: object) -> str:
    """SHA-256 of the parts (``None`` distinct from any text), as hex."""
    h = hashlib.sha256()
    for part in parts:
        h.update(b"\x00" if part is None else b"\x01" + str(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()


def _meta_sum(meta: dict[str, str | None]) -> str:
    return _sum(*(x for k in sorted(meta) if k != "checksum" for x in (k, meta[k])))


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


@attrs.frozen(kw_only=True)
class StoredLedger:
    """Everything a ledger file holds, read in one snapshot.

    Attributes:
        policy: the ledger's policy id, if any.
        findings: the findings, in the order first written.
        items: the items, in the order first written.
        versions: the stored version of every finding and item, by id (``"finding:<id>"`` and
            ``"item:<id>"``); an update must name the version it was based on.
    """

    policy: str | None
    findings: tuple[Finding, ...]
    items: tuple[RectificationItem, ...]
    versions: dict[str, int]


def _bad(path: Path, what: str) -> LedgerFileError:
    return LedgerFileError(path, what)


def _read_meta(conn: sqlite3.Connection, path: Path) -> tuple[dict[str, str | None], int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        raise _bad(path, "an SQLite database but not a ledger (no meta table)")
    rows = conn.execute("SELECT key, value FROM meta").fetchall()
    meta = {str(k): (None if v is None else str(v)) for k, v in rows}
    if meta.get("format") != FILE_FORMAT:
        raise _bad(path, f"an SQLite database but not a ledger (format {meta.get('format')!r})")
    version = meta.get("schema_version")
    if version is None or not version.isdigit():
        raise _bad(path, f"a ledger with an unreadable schema version {version!r}")
    if int(version) > SCHEMA_VERSION:
        raise _bad(
            path,
            f"a ledger of schema version {version}, newer than this library reads "
            f"({SCHEMA_VERSION}); upgrade hospital-inspection to open it",
        )
    if int(version) < 1:
        raise _bad(path, f"a ledger of schema version {version}, which no library wrote")
    missing = [t for t in _TABLES if t not in tables]
    if missing:
        raise _bad(path, f"a ledger with missing table(s): {', '.join(missing)}")
    if int(version) >= 2 and meta.get("checksum") != _meta_sum(meta):
        raise _bad(path, "the meta table was changed outside the library (checksum mismatch)")
    return meta, int(version)


_Rows = tuple[list[Any], list[Any], list[Any]]


def _fetch(conn: sqlite3.Connection, version: int) -> _Rows:
    """Every row of the three record tables; call inside a read transaction (one snapshot)."""
    cols = ", version, checksum" if version >= 2 else ", 1, ''"
    hcols = ", checksum" if version >= 2 else ", ''"
    return (
        conn.execute(
            f"SELECT id, hospital, round, data{cols} FROM findings ORDER BY rowid"
        ).fetchall(),
        conn.execute(f"SELECT id, finding, data{cols} FROM items ORDER BY rowid").fetchall(),
        conn.execute(
            f"SELECT item, seq, status, date, by, note{hcols} FROM history ORDER BY item, seq"
        ).fetchall(),
    )


def _read_records(
    rows: _Rows, path: Path, version: int, known: StoredLedger | None = None
) -> StoredLedger:
    """Every record of ``rows`` (fetched in one snapshot), checked.

    With ``known`` (an earlier read), records whose stored version is the known one are taken
    from it instead of being parsed and checked again: a record never changes without a new
    version.
    """
    checked = version >= 2
    finding_rows, item_rows, history_rows = rows
    versions: dict[str, int] = {}
    old_versions = {} if known is None else known.versions
    old_findings = {} if known is None else {f.id: f for f in known.findings}
    old_items = {} if known is None else {i.id: i for i in known.items}

    def load(data: str, where: str) -> Any:
        try:
            return json.loads(data)
        except (TypeError, ValueError) as exc:
            raise _bad(path, f"{where}: the stored record is not readable ({exc})") from None

    def check(ok: bool, where: str) -> None:
        if checked and not ok:
            raise _bad(path, f"{where}: the record was changed outside the library (checksum)")

    raw_findings: list[tuple[str, Any]] = []
    for fid, hospital, round_, data, ver, checksum in finding_rows:
        key = f"finding:{fid}"
        versions[key] = int(ver)
        if old_versions.get(key) == ver and fid in old_findings:
            raw_findings.append(("", old_findings[fid]))
            continue
        where = f"findings[{fid}]"
        check(checksum == _sum("finding", fid, hospital, round_, ver, data), where)
        if checked and ("f", checksum) in _PARSED:
            raw_findings.append(("", _PARSED[("f", checksum)]))  # this very text, checked
            continue
        record = load(data, where)
        if not isinstance(record, dict) or record.get("id") != fid:
            raise _bad(path, f"{where}: the stored record does not match its row")
        raw_findings.append((where, (checksum, record)))
    raw_items: list[tuple[str, Any]] = []
    fresh: set[str] = set()
    for iid, finding, data, ver, checksum in item_rows:
        key = f"item:{iid}"
        versions[key] = int(ver)
        if old_versions.get(key) == ver and iid in old_items:
            raw_items.append(("", old_items[iid]))
            continue
        where = f"items[{iid}]"
        check(checksum == _sum("item", iid, finding, ver, data), where)
        raw_items.append((where, (checksum, data)))
        fresh.add(iid)
    history: dict[str, list[dict[str, Any]]] = {}
    history_sums: dict[str, list[str]] = {}
    for item, seq, status, date, by, note, checksum in history_rows:
        if item not in fresh and f"item:{item}" in versions:
            continue  # the item's version is the known one: so is its history
        where = f"history[{item}][{seq}]"
        check(checksum == _sum("history", item, seq, status, date, by, note), where)
        entries = history.setdefault(item, [])
        if seq != len(entries):
            raise _bad(path, f"{where}: the status history has a gap (entry {len(entries)})")
        entry = {"status": status, "date": date, "by": by}
        if note is not None:
            entry["note"] = note
        entries.append(entry)
        history_sums.setdefault(item, []).append(checksum)
    unknown = sorted(set(history) - fresh)
    if unknown:
        raise _bad(path, f"status history of unknown item(s): {', '.join(unknown)}")
    try:
        findings = tuple(_finding(w, r) if w else r for w, r in raw_findings)
        items = tuple(
            _item(w, r, history, history_sums, load, checked) if w else r for w, r in raw_items
        )
    except LedgerFileError:
        raise
    except DataError as exc:
        raise _bad(path, f"a stored record does not fit the model: {exc}") from None
    known_ids = {f.id for f in findings}
    for i in items:
        if i.finding not in known_ids:
            raise _bad(path, f"items[{i.id}].finding: no finding {i.finding!r}")
    return StoredLedger(policy=None, findings=findings, items=items, versions=versions)


#: Records already parsed in this process, by the checksum of their stored text (and of their
#: history): a row whose checksum verifies and is found here is that very text, so the parsed
#: record is reused instead of being parsed again (a process that reopens a shared file per
#: write reads mostly unchanged records). Bounded; oldest entries go first.
_PARSED: OrderedDict[tuple[str, ...], Any] = OrderedDict()
_PARSED_LIMIT = 50_000


def _remember(key: tuple[str, ...], record: Any) -> Any:
    _PARSED[key] = record
    if len(_PARSED) > _PARSED_LIMIT:
        _PARSED.popitem(last=False)
    return record


def _finding(where: str, raw: tuple[str, Any]) -> Finding:
    checksum, record = raw
    finding = structure(record, Finding, path=where)
    return _remember(("f", checksum), finding) if checksum else finding


def _item(
    where: str,
    raw: tuple[str, str],
    history: dict[str, list[dict[str, Any]]],
    history_sums: dict[str, list[str]],
    load: Any,
    checked: bool,
) -> RectificationItem:
    checksum, data = raw
    iid = where[len("items[") : -1]
    key = ("i", checksum, *history_sums.get(iid, []))
    if checked and key in _PARSED:
        cached: RectificationItem = _PARSED[key]
        return cached
    record = load(data, where)
    if not isinstance(record, dict) or record.get("id") != iid:
        raise DataError(f"{where}: the stored record does not match its row")
    item = structure({**record, "history": history.get(iid, [])}, RectificationItem, path=where)
    return _remember(key, item) if checked else item


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    # mode=rw: never create a file here (a missing file is an error, not a new empty ledger)
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=timeout
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def _is_busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


class LedgerStore:
    """An open ledger file. Use :meth:`create` or :meth:`open`; close it when done.

    Example:
        >>> import tempfile, pathlib
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "ledger.sqlite"
        >>> with LedgerStore.create(path, policy="weihai-2024-2026") as store:
        ...     store.policy
        'weihai-2024-2026'
        >>> with LedgerStore.open(path) as store:
        ...     store.load()
        ((), ())
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self.policy: str | None = None
        self._conn = conn
        self._seen: int | None = None  # PRAGMA data_version after our last read
        self._in_write = False
        self._opened: StoredLedger | None = None  # what open() read, until taken

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, timeout: float = DEFAULT_TIMEOUT) -> LedgerStore:
        """Open an existing ledger file, checking all of it (and upgrading a version-1 file).

        Raises:
            LedgerFileError: missing, not SQLite, corrupt, not a ledger, a record changed
                outside the library, or a newer schema. The file is not modified.
            LedgerBusyError: another process kept the file locked for ``timeout`` seconds.
        """
        p = Path(path)
        if not p.is_file():
            raise _bad(p, "no such file")
        try:
            with p.open("rb") as fh:
                head = fh.read(100)
        except OSError as exc:
            raise _bad(p, f"the file cannot be read ({exc.strerror})") from None
        if head[: len(_SQLITE_MAGIC)] != _SQLITE_MAGIC:
            raise _bad(p, "not an SQLite database (wrong header)")
        try:
            conn = _connect(p, timeout)
        except sqlite3.Error as exc:
            if _is_busy(exc):
                raise LedgerBusyError(p, timeout) from None
            raise _bad(p, f"the file is corrupt or cannot be opened ({exc})") from None
        except (UnicodeError, ValueError, OverflowError) as exc:
            raise _bad(p, f"the file is corrupt ({type(exc).__name__})") from None
        store = cls(p, conn, timeout)
        try:
            stored = store.read(check=True)
            if stored is None:  # a version-1 file, checked: upgrade it
                stored = store._migrate()
            store._opened = stored
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def create(
        cls,
        path: str | os.PathLike[str],
        *,
        policy: str | None = None,
        findings: Iterable[Finding] = (),
        items: Iterable[RectificationItem] = (),
        timeout: float = DEFAULT_TIMEOUT,
    ) -> LedgerStore:
        """Create a new ledger file holding ``findings`` and ``items``; it must not exist yet.

        The file is built under a temporary name in the same folder and linked into place in
        one step that fails if the name is taken, so two processes creating the same file
        cannot both succeed.

        Raises:
            LedgerFileError: the file already exists (nothing is changed).
        """
        p = Path(path)
        if p.exists():
            raise _bad(p, "the file already exists; open it, or choose another name")
        fd, tmp_name = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            os.chmod(tmp, _new_file_mode())  # as a new file is, not mkstemp's owner-only mode
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                conn.execute("PRAGMA foreign_keys = ON")
                conn.executescript(_SCHEMA)
                store = cls(tmp, conn, timeout)
                meta = {
                    "format": FILE_FORMAT,
                    "schema_version": str(SCHEMA_VERSION),
                    "policy": policy,
                }
                with store.transaction():
                    conn.executemany(
                        "INSERT INTO meta (key, value) VALUES (?, ?)",
                        [*meta.items(), ("checksum", _meta_sum(meta))],
                    )
                    store.policy = policy
                    for f in findings:
                        store.insert_finding(f)
                    for i in items:
                        store.insert_item(i)
            finally:
                conn.close()
            with tmp.open("rb+") as fh:
                os.fsync(fh.fileno())
            _link_new(tmp, p)
        finally:
            tmp.unlink(missing_ok=True)
        return cls.open(p, timeout=timeout)

    def close(self) -> None:
        """Close the file."""
        self._conn.close()

    def __enter__(self) -> LedgerStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def _data_version(self) -> int:
        (value,) = self._conn.execute("PRAGMA data_version").fetchone()
        return int(value)

    def changed(self) -> bool:
        """Whether another connection has committed a change since this one last read."""
        return self._seen is None or self._data_version() != self._seen

    def read(
        self, *, check: bool = False, known: StoredLedger | None = None
    ) -> StoredLedger | None:
        """Every record, read in one snapshot and checked (checksums, model, references).

        Inside :meth:`transaction` it reads in the write transaction; otherwise in a read
        transaction of its own. ``known`` (an earlier read) spares parsing the records whose
        version has not changed since. With ``check``, SQLite's ``quick_check`` runs first, nothing
        may be written meanwhile, and a file of schema version 1 gives ``None`` after it is
        checked (it must be upgraded).

        Raises:
            LedgerFileError: as :meth:`open`.
            LedgerBusyError: the file stayed locked for the timeout.
        """
        conn = self._conn
        own = not self._in_write
        try:
            if check:
                conn.execute("PRAGMA query_only = ON")
            if own:
                conn.execute("BEGIN")
            try:
                if check:
                    result = conn.execute("PRAGMA quick_check").fetchall()
                    if [r[0] for r in result] != ["ok"]:
                        detail = "; ".join(str(r[0]) for r in result[:3]) or "no answer"
                        raise _bad(self.path, f"the file is corrupt ({detail})")
                meta, version = _read_meta(conn, self.path)
                rows = _fetch(conn, version)
                seen = self._data_version()
            finally:
                if own:
                    conn.execute("COMMIT")  # the rows are read: other processes may go on
            stored = _read_records(rows, self.path, version, None if check else known)
            self._seen = seen
        except sqlite3.Error as exc:
            if _is_busy(exc):
                raise LedgerBusyError(self.path, self.timeout) from None
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_CORRUPT" or isinstance(
                exc, sqlite3.DatabaseError
            ):
                raise _bad(self.path, f"the file is corrupt or not a ledger ({exc})") from None
            raise  # pragma: no cover - every sqlite3.Error is a DatabaseError or an interface bug
        except (UnicodeError, ValueError, OverflowError) as exc:  # garbage where text was
            raise _bad(self.path, f"the file is corrupt ({type(exc).__name__}: {exc})") from None
        finally:
            if check:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("PRAGMA query_only = OFF")
        if version < SCHEMA_VERSION:
            return None
        self.policy = meta.get("policy")
        return attrs.evolve(stored, policy=self.policy)

    def take_opened(self) -> StoredLedger:
        """What :meth:`open` read (once; later calls read the file again)."""
        stored, self._opened = self._opened, None
        if stored is None or self.changed():
            stored = self.read()
        assert stored is not None  # an open store is at the current schema version
        return stored

    def load(self) -> tuple[tuple[Finding, ...], tuple[RectificationItem, ...]]:
        """Every finding and item, in the order first written (one snapshot, checked)."""
        stored = self.read()
        assert stored is not None  # an open store is at the current schema version
        return stored.findings, stored.items

    # -- writing -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing change, holding the file's write lock from the start.

        ``BEGIN IMMEDIATE`` waits up to the timeout for other writers; the change is committed
        at the end and rolled back on any exception.

        Raises:
            LedgerBusyError: the file stayed locked for the timeout; nothing was written.
        """
        if self._in_write:
            raise RuntimeError("LedgerStore.transaction() does not nest")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _is_busy(exc):
                raise LedgerBusyError(self.path, self.timeout) from None
            raise _bad(self.path, f"the file cannot be written ({exc})") from None
        self._in_write = True
        try:
            yield self._conn
            try:
                self._conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                if _is_busy(exc):
                    raise LedgerBusyError(self.path, self.timeout) from None
                raise  # pragma: no cover - e.g. disk full: rolled back below
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        finally:
            self._in_write = False
        self._seen = self._data_version()

    def _require_write(self) -> None:
        if not self._in_write:
            raise RuntimeError("call LedgerStore writes inside transaction()")

    def insert_finding(self, finding: Finding) -> None:
        """Insert a new finding (inside :meth:`transaction`).

        Raises:
            ConflictError: a finding with this id is already in the file.
        """
        self._require_write()
        data = _dumps(unstructure(finding))
        f = finding
        checksum = _sum("finding", f.id, f.hospital, f.round, 1, data)
        try:
            self._conn.execute(
                "INSERT INTO findings (id, hospital, round, data, version, checksum) "
                "VALUES (?, ?, ?, ?, 1, ?)",
                (f.id, f.hospital, f.round, data, checksum),
            )
        except sqlite3.IntegrityError:
            raise ConflictError(
                f"finding {f.id!r} is already in the ledger file {self.path}; choose another id "
                "(or let the ledger number it)",
                record=f.id,
            ) from None

    def insert_item(self, item: RectificationItem) -> None:
        """Insert a new item and its history (inside :meth:`transaction`).

        Raises:
            ConflictError: an item with this id is already in the file.
        """
        self._require_write()
        data = _item_data(item)
        try:
            self._conn.execute(
                "INSERT INTO items (id, finding, data, version, checksum) VALUES (?, ?, ?, 1, ?)",
                (item.id, item.finding, data, _sum("item", item.id, item.finding, 1, data)),
            )
        except sqlite3.IntegrityError as exc:
            if "FOREIGN KEY" in str(exc):
                raise DataError(f"items[{item.id}].finding: no finding {item.finding!r}") from None
            raise ConflictError(
                f"rectification item {item.id!r} is already in the ledger file {self.path}",
                record=item.id,
            ) from None
        for seq, change in enumerate(item.history):
            self._put_change(item.id, seq, change)

    def update_item(self, item: RectificationItem, *, based_on: int) -> int:
        """Write a changed item, if the file still holds version ``based_on``; its new version.

        New history entries are appended; entries already stored are never rewritten.

        Raises:
            ConflictError: another writer changed the item after version ``based_on``.
        """
        self._require_write()
        data = _item_data(item)
        new = based_on + 1
        cur = self._conn.execute(
            "UPDATE items SET data = ?, version = ?, checksum = ? WHERE id = ? AND version = ?",
            (data, new, _sum("item", item.id, item.finding, new, data), item.id, based_on),
        )
        if cur.rowcount != 1:
            raise ConflictError(
                f"rectification item {item.id!r} was changed by another writer after it was "
                "read; nothing was written: read the ledger again and retry",
                record=item.id,
            )
        (stored,) = self._conn.execute(
            "SELECT COUNT(*) FROM history WHERE item = ?", (item.id,)
        ).fetchone()
        for seq, change in enumerate(item.history[stored:], start=stored):
            self._put_change(item.id, seq, change)
        return new

    def set_policy(self, policy: str) -> None:
        """Record the ledger's policy id (inside :meth:`transaction`)."""
        self._require_write()
        meta = {str(k): v for k, v in self._conn.execute("SELECT key, value FROM meta")}
        meta["policy"] = policy
        self._conn.execute("UPDATE meta SET value = ? WHERE key = 'policy'", (policy,))
        self._conn.execute("UPDATE meta SET value = ? WHERE key = 'checksum'", (_meta_sum(meta),))
        self.policy = policy

    def _put_change(self, item: str, seq: int, change: StatusChange) -> None:
        row = (item, seq, change.status.code, change.date.isoformat(), change.by, change.note)
        self._conn.execute(
            "INSERT INTO history (item, seq, status, date, by, note, checksum) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (*row, _sum("history", *row)),
        )

    # -- migration -----------------------------------------------------------------------------

    def _migrate(self) -> StoredLedger:
        """Upgrade a checked version-1 file to the current schema, in one transaction."""
        conn = self._conn
        try:
            with self.transaction():
                meta, version = _read_meta(conn, self.path)
                if version < 2:
                    for statement in _statements(_MIGRATE_1_TO_2):
                        conn.execute(statement)
                    for fid, hospital, round_, data in conn.execute(
                        "SELECT id, hospital, round, data FROM findings"
                    ).fetchall():
                        conn.execute(
                            "UPDATE findings SET checksum = ? WHERE id = ?",
                            (_sum("finding", fid, hospital, round_, 1, data), fid),
                        )
                    for iid, finding, data in conn.execute(
                        "SELECT id, finding, data FROM items"
                    ).fetchall():
                        conn.execute(
                            "UPDATE items SET checksum = ? WHERE id = ?",
                            (_sum("item", iid, finding, 1, data), iid),
                        )
                    for row in conn.execute(
                        "SELECT item, seq, status, date, by, note FROM history"
                    ).fetchall():
                        conn.execute(
                            "UPDATE history SET checksum = ? WHERE item = ? AND seq = ?",
                            (_sum("history", *row), row[0], row[1]),
                        )
                    conn.execute(_HISTORY_NO_UPDATE)
                    meta["schema_version"] = str(SCHEMA_VERSION)
                    conn.execute(
                        "UPDATE meta SET value = ? WHERE key = 'schema_version'",
                        (str(SCHEMA_VERSION),),
                    )
                    conn.execute(
                        "INSERT INTO meta (key, value) VALUES ('checksum', ?)", (_meta_sum(meta),)
                    )
                stored = self.read()
                if stored is None:  # pragma: no cover - the upgrade above sets version 2
                    raise _bad(self.path, "the upgrade to schema version 2 did not take")
        except sqlite3.Error as exc:
            raise _bad(self.path, f"the upgrade from schema version 1 failed ({exc})") from None
        return stored


def _statements(script: str) -> list[str]:
    """The statements of a script without triggers (``executescript`` would COMMIT first)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def _item_data(item: RectificationItem) -> str:
    data = unstructure(item)
    del data["history"]
    return _dumps(data)


def _link_new(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` in one step that fails if ``path`` exists."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _bad(path, "the file already exists; open it, or choose another name") from None
    except OSError:  # pragma: no cover - a file system without hard links: exclusive create
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            raise _bad(path, "the file already exists; open it, or choose another name") from None
        with os.fdopen(fd, "wb") as out:
            out.write(tmp.read_bytes())
            out.flush()
            os.fsync(out.fileno())
