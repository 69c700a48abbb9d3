"""The ledger command: the rectification ledger (整改台账) on a SQLite file (private)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hospital_inspection._table import render_table
from hospital_inspection.cli._common import (
    EXIT_OK,
    _calendar,
    _date,
    _Parser,
    _print_json,
)
from hospital_inspection.cli._ledger_common import (
    _ITEM_HEADERS,
    DEFAULT_POLICY,
    _item_row,
    _ledger_policy,
    _open_ledger,
)
from hospital_inspection.cli._ledger_report import (
    _cmd_ledger_briefing,
    _cmd_ledger_overdue,
    _cmd_ledger_status,
)
from hospital_inspection.convert import unstructure
from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import DataError, LedgerFileError
from hospital_inspection.followup.findings import Finding, Measure, RectificationItem, Severity
from hospital_inspection.followup.ledger import Ledger
from hospital_inspection.i18n import N_, Message, text
from hospital_inspection.policy import Policy


def _print_options(options: tuple[Measure, ...], finding: str, lang: str) -> None:
    """The measures left to the authority's decision (``ledger decide``)."""
    if not options:
        return
    print(
        "\n"
        + text(
            N_("options the authority decides for {finding} (record with 'ledger decide'):"),
            lang,
            finding=finding,
        )
    )
    for m in options:
        cite = "" if m.citation is None else f" — {m.citation.document} {m.citation.clause}"
        strength = "" if m.strength is None else f" [{m.strength.label}]"
        print(f"  {m.code}: {m.label}{strength}{cite}")


def _due_line(item: RectificationItem, lang: str) -> str:
    """``整改报告 due 2026-02-28 (rule; clause; from …), owed by … to …`` in ``lang``."""
    due = item.due
    assert due is not None
    if lang == "en":
        owes = "" if item.party is None else f", owed by {item.party.label}"
        to = "" if item.measure.received_by is None else f" to {item.measure.received_by.label}"
        return f"{item.measure.label} due {due}{owes}{to}"
    parts = [] if due.citation is None else [f"{due.citation.document} {due.citation.clause}"]
    if due.trigger is not None:
        parts.append(text(N_("from {trigger:date}"), lang, trigger=due.trigger))
    if due.rolled_from is not None:
        parts.append(
            text(N_("rolled forward from {day:date}, a rest day"), lang, day=due.rolled_from)
        )
    if due.provisional:
        parts.append(text(N_("PROVISIONAL: computed without official calendar data"), lang))
    line = text(N_("{measure} due {due:date}"), lang, measure=item.measure.label, due=due.date)
    line += text(N_(" ({details})"), lang, details=text(N_("; "), lang).join(parts))
    if item.party is not None:
        whom = item.measure.received_by
        line += (
            text(N_(", owed by {party}"), lang, party=item.party.label)
            if whom is None
            else text(
                N_(", owed by {party} to {whom}"), lang, party=item.party.label, whom=whom.label
            )
        )
    return line


def _add_to(
    ledger: Ledger, args: argparse.Namespace, policy: Policy, fields: dict[str, Any]
) -> tuple[Finding, tuple[RectificationItem, ...]]:
    """Add the finding (numbered by the ledger unless --id) and its measures, in one change."""
    by_hand = [Measure(code="manual", label=label) for label in args.measure or ()]
    kind = VisitKind.parse(args.kind) if args.kind else None
    common: dict[str, Any] = {
        "policy": policy,
        "kind": kind,
        "responsible": args.responsible,
        "measures": by_hand,
    }
    if args.id is not None:
        finding = Finding(id=args.id, hospital=args.hospital, **fields)
        return finding, ledger.add_finding(finding, **common)
    return ledger.new_finding(hospital=args.hospital, **common, **fields)


def _cmd_ledger_add(args: argparse.Namespace) -> int:
    path = Path(args.file)
    created = not path.exists()
    ledger = Ledger() if created else _open_ledger(args.file)
    with ledger:
        policy = _ledger_policy(args, ledger.policy_id)
        if args.checklist_item is not None:
            keys = policy.checklist_keys()
            if keys and args.checklist_item not in keys:
                not_an_item = N_(
                    "--item: {item} is not an item of the checklist (巡查重点) of {policy}; "
                    "expected an id or clause such as {examples}"
                )
                raise DataError(
                    Message(
                        not_an_item,
                        {
                            "item": repr(args.checklist_item),
                            "policy": policy.id,
                            "examples": ", ".join(keys[:4]),
                        },
                    )
                )
        round_ = args.round or policy.default_round(args.found_on)
        fields: dict[str, Any] = {
            "round": round_,
            "description": args.description,
            "found_on": args.found_on,
            "found_by": args.found_by,
            "severity": Severity.parse(args.severity),
            "checklist_item": args.checklist_item,
            "triggers": tuple(args.trigger or ()),
            "evidence": tuple(args.evidence or ()),
        }
        finding, items = _add_to(ledger, args, policy, fields)
        rows = [_item_row(ledger, i) for i in items]
        kind = VisitKind.parse(args.kind) if args.kind else None
        options = ledger.options(finding.id, policy=policy, kind=kind)
        if created:
            try:
                ledger.save_as(path)  # atomic: fails if another process created it meanwhile
            except LedgerFileError:
                if not path.exists():
                    raise
                created = False  # lost the race: add to the file the other process created
                ledger.close()
                with _open_ledger(args.file) as shared:
                    _ledger_policy(args, shared.policy_id)
                    finding, items = _add_to(shared, args, policy, fields)
                    rows = [_item_row(shared, i) for i in items]
    if args.json:
        _print_json(
            {
                "file": str(path),
                "created": created,
                "finding": unstructure(finding),
                "items": [unstructure(i) for i in items],
                "options": [unstructure(m) for m in options],
            }
        )
        return EXIT_OK
    lang = args.lang
    if created:
        print(text(N_("created a new ledger file {path}"), lang, path=path))
    added = N_("finding {finding} added ({hospital}, round {round}):")
    print(
        text(added, lang, finding=finding.id, hospital=finding.hospital, round=finding.round) + "\n"
    )
    if items:
        print(render_table(_ITEM_HEADERS, rows))
    elif not options:
        print(
            text(
                N_("no measures: give --trigger (the policy's measures) or --measure (by hand)"),
                lang,
            )
        )
    else:
        print(text(N_("no item opened with the finding"), lang))
    _print_options(options, finding.id, lang)
    return EXIT_OK


def _cmd_ledger_feedback(args: argparse.Namespace) -> int:
    with _open_ledger(args.file) as ledger:
        policy = _ledger_policy(args, ledger.policy_id)
        calendar = None if args.calendar is None else _calendar(args.calendar)
        items = ledger.record_feedback(
            args.hospital,
            args.received,
            round=args.round,
            policy=policy,
            calendar=calendar,
            roll_forward=args.roll,
            items=args.items or None,
        )
        rows = [_item_row(ledger, i) for i in items]
    if args.json:
        _print_json([unstructure(i) for i in items])
        return EXIT_OK
    lang = args.lang
    received = N_("feedback (反馈意见) received by {hospital} on {received}:")
    print(text(received, lang, hospital=args.hospital, received=args.received))
    for i in items:
        if i.due is not None:
            print("  " + _due_line(i, lang))
    print()
    print(render_table(_ITEM_HEADERS, rows))
    return EXIT_OK


def _cmd_ledger_update(args: argparse.Namespace) -> int:
    with _open_ledger(args.file) as ledger:
        before = ledger.item(args.item).status
        item = ledger.record_progress(
            args.item, args.status, on=args.on, by=args.by, note=args.note
        )
    if args.json:
        _print_json(unstructure(item))
        return EXIT_OK
    note = f" ({args.note})" if args.note else ""
    changed = N_("{item}: {before} → {after} on {on} by {by}{note}")
    print(
        text(
            changed,
            args.lang,
            item=item.id,
            before=before.label,
            after=item.status.label,
            on=args.on,
            by=args.by,
            note=note,
        )
    )
    return EXIT_OK


def _cmd_ledger_decide(args: argparse.Namespace) -> int:
    with _open_ledger(args.file) as ledger:
        policy = _ledger_policy(args, ledger.policy_id)
        kind = VisitKind.parse(args.kind) if args.kind else None
        item = ledger.decide(
            args.finding, args.measure, by=args.by, on=args.on, policy=policy, kind=kind,
            responsible=args.responsible, note=args.note,
        )  # fmt: skip
        rows = [_item_row(ledger, item)]
    if args.json:
        _print_json(unstructure(item))
        return EXIT_OK
    decided = N_("decided by {by} on {on}: {measure} opens as {item}")
    print(
        text(decided, args.lang, by=args.by, on=args.on, measure=item.measure.label, item=item.id)
    )
    print(render_table(_ITEM_HEADERS, rows))
    return EXIT_OK


def _cmd_ledger_set_due(args: argparse.Namespace) -> int:
    with _open_ledger(args.file) as ledger:
        item = ledger.set_due(args.item, args.due)
    if args.json:
        _print_json(unstructure(item))
        return EXIT_OK
    print(text(N_("{item}: due {due} (set by hand)"), args.lang, item=item.id, due=args.due))
    return EXIT_OK


def register(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    led = sub.add_parser(
        "ledger",
        help="keep the rectification ledger (整改台账): add, feedback, decide, update, status, "
        "overdue",
        description="Keep the rectification ledger (整改台账) in an SQLite file: findings, "
        "their measures (from the policy), due dates (from the feedback date) and status.",
        epilog="example:\n"
        "  hospital-inspection ledger add wh.ledger --hospital WH001 --item wh.1.1.1 \\\n"
        "      --what '未建立整改台账' --found 2025-11-20 --trigger violation_clue\n"
        "  hospital-inspection ledger status wh.ledger --as-of 2026-03-01\n\n"
        "'add' creates the file when it does not exist; the other commands need an existing\n"
        "ledger. A file that is corrupt, not a ledger, or of a newer version is left untouched\n"
        "(exit code 2).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ledger_sub = led.add_subparsers(dest="ledger_command", required=True, parser_class=_Parser)

    def ledger_command(name: str, summary: str, example: str) -> argparse.ArgumentParser:
        p = command(name, summary, example, under=ledger_sub)
        p.add_argument("file", help="the ledger file (SQLite)")
        return p

    def policy_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--policy",
            help=f"policy id or TOML file (default: the ledger's, else {DEFAULT_POLICY})",
        )
        p.add_argument(
            "--interpretation",
            action="append",
            metavar="NAME=CHOICE",
            help="choose another reading of an ambiguous clause (repeatable)",
        )

    def names_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--data", help="sample:NAME or a JSON file, to print hospital names instead of ids"
        )
        p.add_argument("--hospitals", help="hospitals as CSV or JSON, for names")

    add = ledger_command(
        "add",
        "add a finding (发现的问题); one item per measure the policy attaches to its triggers",
        "hospital-inspection ledger add wh.ledger --hospital WH001 --item wh.1.1.1 "
        "--what '未建立整改台账' --found 2025-11-20 --trigger violation_clue",
    )
    add.add_argument("--hospital", required=True, help="id of the hospital")
    add.add_argument(
        "--description", "--what", dest="description", required=True, help="what was found"
    )
    add.add_argument(
        "--found-on", "--found", dest="found_on", type=_date, required=True,
        help="the day it was found (YYYY-MM-DD)",
    )  # fmt: skip
    add.add_argument(
        "--found-by", "--by", dest="found_by", default="巡查组",
        help="who found it: an expert's id or the team (default 巡查组)",
    )  # fmt: skip
    add.add_argument(
        "--checklist-item", "--item", dest="checklist_item",
        help="the checklist item (巡查重点) it falls under: an id such as wh.1.1.1 or a clause",
    )  # fmt: skip
    add.add_argument(
        "--trigger", action="append", metavar="CODE",
        help="a trigger the policy maps to measures (repeatable): rectification_required, "
        "violation_clue, exemplary_practice, leadership_mismanagement, risk_or_complaint",
    )  # fmt: skip
    add.add_argument(
        "--measure", action="append", metavar="LABEL",
        help="a measure added by hand, e.g. 约谈院领导 (repeatable)",
    )  # fmt: skip
    add.add_argument("--severity", default="一般", help="严重程度: 一般 (default) / 较重 / 严重")
    add.add_argument("--responsible", help="the department responsible (责任部门)")
    add.add_argument("--round", help="the round (default: the policy's round, else the year)")
    add.add_argument("--evidence", action="append", metavar="REF", help="evidence (repeatable)")
    add.add_argument(
        "--kind", help="the kind of visit that found it (常规巡查 / 回头看), for its measures"
    )
    add.add_argument("--id", help="the finding's id (default: <hospital>-<n>)")
    policy_option(add)
    add.set_defaults(func=_cmd_ledger_add)

    fb = ledger_command(
        "feedback",
        "record the day a hospital received the feedback (反馈意见); due dates follow",
        "hospital-inspection ledger feedback wh.ledger --hospital WH001 --received 2025-12-31",
    )
    fb.add_argument("--hospital", required=True, help="id of the hospital")
    fb.add_argument("--received", type=_date, required=True, help="the day (YYYY-MM-DD)")
    fb.add_argument("--round", help="only items of this round")
    fb.add_argument(
        "--items", nargs="+", metavar="ITEM",
        help="only these items (default: every item of the hospital without a due date)",
    )  # fmt: skip
    roll = fb.add_mutually_exclusive_group()
    roll.add_argument(
        "--roll", dest="roll", action="store_true", default=None,
        help="move a due day on a rest day to the next working day (default: the policy's)",
    )  # fmt: skip
    roll.add_argument(
        "--no-roll", dest="roll", action="store_false", help="keep a due day on a rest day"
    )
    fb.add_argument(
        "--calendar", choices=("official", "calendar"),
        help="official: China's working days incl. 调休; calendar: every day "
        "(default: the policy's)",
    )  # fmt: skip
    policy_option(fb)
    fb.set_defaults(func=_cmd_ledger_feedback)

    up = ledger_command(
        "update",
        "record a status change of an item: 整改中, 已整改, 已验收",
        "hospital-inspection ledger update wh.ledger WH001-1-1 --status 整改中 "
        "--date 2026-01-05 --by 医务科",
    )
    up.add_argument("item", help="the item's id (see 'ledger status')")
    up.add_argument("--status", required=True, help="待整改 / 整改中 / 已整改 / 已验收 (or a code)")
    up.add_argument(
        "--on", "--date", dest="on", type=_date, required=True, help="the day (YYYY-MM-DD)"
    )
    up.add_argument("--by", required=True, help="who records it (a person or department)")
    up.add_argument("--note", help="free text, e.g. why a rectification was not accepted")
    up.set_defaults(func=_cmd_ledger_update)

    de = ledger_command(
        "decide",
        "record the authority's decision to take an optional measure (回头看, 全省通报 …)",
        "hospital-inspection ledger decide wh.ledger WH001-1 --measure follow_up "
        "--by 市卫健委 --on 2026-03-10",
    )
    de.add_argument("finding", help="the finding's id")
    de.add_argument("--measure", required=True, help="the option's code (listed by 'ledger add')")
    de.add_argument("--by", required=True, help="who decided (e.g. 市卫健委)")
    de.add_argument(
        "--on", "--date", dest="on", type=_date, required=True, help="the day (YYYY-MM-DD)"
    )
    de.add_argument("--kind", help="the kind of visit that found it (常规巡查 / 回头看)")
    de.add_argument("--responsible", help="the department responsible (责任部门)")
    de.add_argument("--note", help="free text, e.g. the reasons")
    policy_option(de)
    de.set_defaults(func=_cmd_ledger_decide)

    sd = ledger_command(
        "set-due",
        "set an item's due date by hand (no document sets one); marked as set by hand",
        "hospital-inspection ledger set-due wh.ledger WH001-1-1 --due 2026-03-31",
    )
    sd.add_argument("item", help="the item's id")
    sd.add_argument("--due", type=_date, required=True, help="the day (YYYY-MM-DD)")
    sd.set_defaults(func=_cmd_ledger_set_due)

    br = ledger_command(
        "briefing",
        "what the team brings to a visit (带着问题): open findings, overdue duties, other sources",
        "hospital-inspection ledger briefing wh.ledger --hospital WH001 --as-of 2026-04-01 "
        "--problem 医保基金检查=超标准收费",
    )
    br.add_argument("--hospital", required=True, help="id of the hospital")
    br.add_argument("--as-of", type=_date, required=True, help="the day (YYYY-MM-DD)")
    br.add_argument("--round", help="the visit's round (a 回头看 puts its looked-back round first)")
    br.add_argument(
        "--problem", action="append", metavar="SOURCE=TEXT",
        help="a problem from another source (repeatable): 巡察反馈, 等级评审, 卫生监督处罚, "
        "医保基金检查, 其他",
    )  # fmt: skip
    policy_option(br)
    br.set_defaults(func=_cmd_ledger_briefing)

    st = ledger_command(
        "status",
        "the ledger as a table (序号, 医院, 问题, 整改措施, 责任部门, 整改时限, 状态 …)",
        "hospital-inspection ledger status wh.ledger --as-of 2026-03-01 --xlsx 整改台账.xlsx",
    )
    st.add_argument("--as-of", type=_date, help="status as of this day (default: today)")
    st.add_argument("--csv", metavar="FILE", help="also write every column as CSV")
    st.add_argument("--xlsx", metavar="FILE", help="also write a printable .xlsx (extra 'excel')")
    names_options(st)
    st.set_defaults(func=_cmd_ledger_status)

    od = ledger_command(
        "overdue",
        "items past their due date (逾期) on a day, and by how many days",
        "hospital-inspection ledger overdue wh.ledger --as-of 2026-03-01",
    )
    od.add_argument("--as-of", type=_date, required=True, help="the day (YYYY-MM-DD)")
    od.add_argument(
        "--party",
        help="only what one party owes (责任单位): 医疗机构 / hospital, 巡查单位 / "
        "inspecting_authority, 上级卫生健康行政部门 / superior_authority",
    )
    names_options(od)
    od.set_defaults(func=_cmd_ledger_overdue)
