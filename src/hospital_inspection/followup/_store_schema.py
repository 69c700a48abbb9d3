"""The ledger file's schema: its format marker and version, tables, migration, and checksums.

The SQL that creates a ledger file and upgrades one of schema version 1, the SHA-256 checksum
kept beside every record and the meta values, and the check of the ``meta`` table (format,
schema version, tables, checksum) that every read starts with. Private part of
:mod:`hospital_inspection.followup.store`, which re-exports the public names.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from hospital_inspection.errors import LedgerFileError
from hospital_inspection.i18n import N_, Message

FILE_FORMAT = "hospital_inspection.ledger"
SCHEMA_VERSION = 2
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


def _bad(path: Path, what: str | Message) -> LedgerFileError:
    return LedgerFileError(path, what)


def _read_meta(conn: sqlite3.Connection, path: Path) -> tuple[dict[str, str | None], int]:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "meta" not in tables:
        raise _bad(path, Message(N_("an SQLite database but not a ledger (no meta table)")))
    rows = conn.execute("SELECT key, value FROM meta").fetchall()
    meta = {str(k): (None if v is None else str(v)) for k, v in rows}
    if meta.get("format") != FILE_FORMAT:
        raise _bad(
            path,
            Message(
                N_("an SQLite database but not a ledger (format {format})"),
                {"format": repr(meta.get("format"))},
            ),
        )
    version = meta.get("schema_version")
    if version is None or not version.isdigit():
        raise _bad(
            path,
            Message(
                N_("a ledger with an unreadable schema version {version}"),
                {"version": repr(version)},
            ),
        )
    if int(version) > SCHEMA_VERSION:
        newer = N_(
            "a ledger of schema version {version}, newer than this library reads "
            "({reads}); upgrade hospital-inspection to open it"
        )
        raise _bad(path, Message(newer, {"version": version, "reads": SCHEMA_VERSION}))
    if int(version) < 1:
        raise _bad(
            path,
            Message(
                N_("a ledger of schema version {version}, which no library wrote"),
                {"version": version},
            ),
        )
    missing = [t for t in _TABLES if t not in tables]
    if missing:
        raise _bad(
            path,
            Message(N_("a ledger with missing table(s): {tables}"), {"tables": ", ".join(missing)}),
        )
    if int(version) >= 2 and meta.get("checksum") != _meta_sum(meta):
        raise _bad(
            path,
            Message(N_("the meta table was changed outside the library (checksum mismatch)")),
        )
    return meta, int(version)


def _statements(script: str) -> list[str]:
    """The statements of a script without triggers (``executescript`` would COMMIT first)."""
    return [s.strip() for s in script.split(";") if s.strip()]
