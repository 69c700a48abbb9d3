"""Helpers shared by the ledger commands: the policy, opening the file, names, item rows (private).

The default policy, the check that a ledger file is used with its own policy, opening an
existing ledger file, the hospital names for listings, and the row an item is shown as.
"""

from __future__ import annotations

import argparse
import datetime as dt

from hospital_inspection.cli._common import _policy, note_data_files
from hospital_inspection.enums import MeasureScope
from hospital_inspection.errors import PolicyError
from hospital_inspection.followup.findings import Finding, RectificationItem
from hospital_inspection.followup.ledger import Ledger
from hospital_inspection.i18n import N_, Message
from hospital_inspection.loaders import load_context
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy import Policy

DEFAULT_POLICY = "weihai-2024-2026"


def _ledger_policy(args: argparse.Namespace, stored: str | None) -> Policy:
    args.policy = args.policy or stored or DEFAULT_POLICY
    policy = _policy(args)
    if stored is not None and policy.id != stored:
        other = Message(
            N_("this ledger follows policy {stored}, not {given}"),
            {"stored": repr(stored), "given": repr(policy.id)},
        )
        raise PolicyError(str(other), messages=[other])
    return policy


def _open_ledger(path: str) -> Ledger:
    """An existing ledger file (never created here: a missing file is an error)."""
    return Ledger.open(path)


def _ledger_names(args: argparse.Namespace) -> tuple[Hospital, ...] | None:
    if args.data is None and args.hospitals is None:
        return None
    hospitals = load_context(args.data, hospitals=args.hospitals).hospitals
    note_data_files(args, args.lang)
    return hospitals


def _cell_json(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _subject(finding: Finding, item: RectificationItem) -> str:
    """What an item is about: its finding, or every finding of the round (a per-hospital duty)."""
    return (
        "（本轮全部问题）" if item.measure.scope is MeasureScope.HOSPITAL else finding.description
    )


def _item_row(ledger: Ledger, item: RectificationItem) -> list[object]:
    finding = ledger.finding(item.finding)
    citation = item.measure.citation
    return [
        item.id,
        finding.hospital,
        _subject(finding, item),
        item.measure.label,
        "" if citation is None else f"{citation.document} {citation.clause}",
        "" if item.party is None else item.party.label,
        item.responsible or "",
        "" if item.due is None else item.due.date.isoformat(),
        item.status.label,
    ]


_ITEM_HEADERS = (
    "编号 item", "医院", "问题", "整改措施", "依据", "责任单位", "责任部门", "整改时限", "状态",
)  # fmt: skip
