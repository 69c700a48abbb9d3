"""The ledger file's records: reading rows into findings and items, checked, and back.

:class:`StoredLedger` (everything a file holds, read in one snapshot), the fetch of every row
in one read transaction, the check of every record against its checksum and the model, the
cache of records already parsed in this process, and the JSON text an item is stored as.
Private part of :mod:`hospital_inspection.followup.store`, which re-exports the public names.
"""

from __future__ import annotations

import json
import sqlite3
from collections import OrderedDict
from pathlib import Path
from typing import Any

import attrs

from hospital_inspection.convert import structure, unstructure
from hospital_inspection.errors import DataError, LedgerFileError
from hospital_inspection.followup._store_schema import _bad, _sum
from hospital_inspection.followup.findings import Finding, RectificationItem
from hospital_inspection.i18n import N_, Message


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
            raise _bad(
                path,
                Message(
                    N_("{where}: the stored record is not readable ({reason})"),
                    {"where": where, "reason": exc},
                ),
            ) from None

    def check(ok: bool, where: str) -> None:
        if checked and not ok:
            raise _bad(
                path,
                Message(
                    N_("{where}: the record was changed outside the library (checksum)"),
                    {"where": where},
                ),
            )

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
            raise _bad(
                path,
                Message(N_("{where}: the stored record does not match its row"), {"where": where}),
            )
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
            raise _bad(
                path,
                Message(
                    N_("{where}: the status history has a gap (entry {entry})"),
                    {"where": where, "entry": len(entries)},
                ),
            )
        entry = {"status": status, "date": date, "by": by}
        if note is not None:
            entry["note"] = note
        entries.append(entry)
        history_sums.setdefault(item, []).append(checksum)
    unknown = sorted(set(history) - fresh)
    if unknown:
        raise _bad(
            path,
            Message(
                N_("status history of unknown item(s): {items}"), {"items": ", ".join(unknown)}
            ),
        )
    try:
        findings = tuple(_finding(w, r) if w else r for w, r in raw_findings)
        items = tuple(
            _item(w, r, history, history_sums, load, checked) if w else r for w, r in raw_items
        )
    except LedgerFileError:
        raise
    except DataError as exc:
        raise _bad(
            path, Message(N_("a stored record does not fit the model: {problem}"), {"problem": exc})
        ) from None
    known_ids = {f.id for f in findings}
    for i in items:
        if i.finding not in known_ids:
            raise _bad(
                path,
                Message(
                    N_("items[{item}].finding: no finding {finding}"),
                    {"item": i.id, "finding": repr(i.finding)},
                ),
            )
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
        raise DataError(
            Message(N_("{where}: the stored record does not match its row"), {"where": where})
        )
    item = structure({**record, "history": history.get(iid, [])}, RectificationItem, path=where)
    return _remember(key, item) if checked else item


def _item_data(item: RectificationItem) -> str:
    data = unstructure(item)
    del data["history"]
    return _dumps(data)
