"""The ledger file's write side: one write transaction at a time, inserts, updates, migration.

:class:`_StoreWrites` holds the connection's write transaction (``BEGIN IMMEDIATE`` … ``COMMIT``,
rolled back on any exception), the inserts and version-checked updates of records, the
append-only status history, and the upgrade of a version-1 file in one transaction. Private base
of :class:`~hospital_inspection.followup.store.LedgerStore`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from hospital_inspection.convert import unstructure
from hospital_inspection.errors import ConflictError, DataError, LedgerBusyError
from hospital_inspection.followup._store_records import StoredLedger, _dumps, _item_data
from hospital_inspection.followup._store_schema import (
    _HISTORY_NO_UPDATE,
    _MIGRATE_1_TO_2,
    SCHEMA_VERSION,
    _bad,
    _meta_sum,
    _read_meta,
    _statements,
    _sum,
)
from hospital_inspection.followup.findings import Finding, RectificationItem, StatusChange
from hospital_inspection.i18n import N_, Message


def _is_busy(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in str(exc)


class _StoreWrites:
    """Writes to an open ledger file; the subclass opens the file and reads it."""

    path: Path
    timeout: float
    policy: str | None
    _conn: sqlite3.Connection
    _seen: int | None
    _in_write: bool

    def read(
        self, *, check: bool = False, known: StoredLedger | None = None
    ) -> StoredLedger | None:
        raise NotImplementedError

    def _data_version(self) -> int:
        (value,) = self._conn.execute("PRAGMA data_version").fetchone()
        return int(value)

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
            raise _bad(
                self.path, Message(N_("the file cannot be written ({reason})"), {"reason": exc})
            ) from None
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
                Message(
                    N_(
                        "finding {finding} is already in the ledger file {path}; choose another "
                        "id (or let the ledger number it)"
                    ),
                    {"finding": repr(f.id), "path": str(self.path)},
                ),
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
                raise DataError(
                    Message(
                        N_("items[{item}].finding: no finding {finding}"),
                        {"item": item.id, "finding": repr(item.finding)},
                    )
                ) from None
            raise ConflictError(
                Message(
                    N_("rectification item {item} is already in the ledger file {path}"),
                    {"item": repr(item.id), "path": str(self.path)},
                ),
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
                Message(
                    N_(
                        "rectification item {item} was changed by another writer after it was "
                        "read; nothing was written: read the ledger again and retry"
                    ),
                    {"item": repr(item.id)},
                ),
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
            raise _bad(
                self.path,
                Message(N_("the upgrade from schema version 1 failed ({reason})"), {"reason": exc}),
            ) from None
        return stored
