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
import os
import sqlite3
import tempfile
from collections.abc import Iterable
from pathlib import Path

import attrs

from hospital_inspection._atomic import _new_file_mode
from hospital_inspection.errors import LedgerBusyError, LedgerFileError
from hospital_inspection.followup._store_records import StoredLedger, _fetch, _read_records
from hospital_inspection.followup._store_schema import (
    _SCHEMA,
    _SQLITE_MAGIC,
    FILE_FORMAT,
    SCHEMA_VERSION,
    _bad,
    _meta_sum,
    _read_meta,
)
from hospital_inspection.followup._store_write import _is_busy, _StoreWrites
from hospital_inspection.followup.findings import Finding, RectificationItem
from hospital_inspection.i18n import N_, Message

__all__ = ["DEFAULT_TIMEOUT", "FILE_FORMAT", "SCHEMA_VERSION", "LedgerStore", "StoredLedger"]

#: Seconds a call waits for a file another process has locked, then LedgerBusyError.
DEFAULT_TIMEOUT = 10.0


def _connect(path: Path, timeout: float) -> sqlite3.Connection:
    # mode=rw: never create a file here (a missing file is an error, not a new empty ledger)
    conn = sqlite3.connect(
        f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None, timeout=timeout
    )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


class LedgerStore(_StoreWrites):
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
            raise _bad(p, Message(N_("no such file")))
        try:
            with p.open("rb") as fh:
                head = fh.read(100)
        except OSError as exc:
            raise _bad(
                p, Message(N_("the file cannot be read ({reason})"), {"reason": exc.strerror})
            ) from None
        if head[: len(_SQLITE_MAGIC)] != _SQLITE_MAGIC:
            raise _bad(p, Message(N_("not an SQLite database (wrong header)")))
        try:
            conn = _connect(p, timeout)
        except sqlite3.Error as exc:
            if _is_busy(exc):
                raise LedgerBusyError(p, timeout) from None
            raise _bad(
                p,
                Message(N_("the file is corrupt or cannot be opened ({reason})"), {"reason": exc}),
            ) from None
        except (UnicodeError, ValueError, OverflowError) as exc:
            raise _bad(
                p, Message(N_("the file is corrupt ({error})"), {"error": type(exc).__name__})
            ) from None
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
            raise _bad(p, Message(N_("the file already exists; open it, or choose another name")))
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
                        raise _bad(
                            self.path,
                            Message(N_("the file is corrupt ({detail})"), {"detail": detail}),
                        )
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
                corrupt = N_("the file is corrupt or not a ledger ({reason})")
                raise _bad(self.path, Message(corrupt, {"reason": exc})) from None
            raise  # pragma: no cover - every sqlite3.Error is a DatabaseError or an interface bug
        except LedgerFileError:  # a DataError, hence a ValueError: already worded
            raise
        except (UnicodeError, ValueError, OverflowError) as exc:  # garbage where text was
            raise _bad(
                self.path,
                Message(
                    N_("the file is corrupt ({error}: {reason})"),
                    {"error": type(exc).__name__, "reason": exc},
                ),
            ) from None
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
