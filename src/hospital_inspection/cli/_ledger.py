"""The ledger command: the rectification ledger (整改台账) on a SQLite file (private)."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hospital_inspection._table import render_table
from hospital_inspection.cli._common import (
    EXIT_OK,
    _calendar,
    _date,
    _Parser,
    _policy,
    _print_json,
    _write_file,
)
from hospital_inspection.convert import unstructure
from hospital_inspection.enums import MeasureScope, VisitKind
from hospital_inspection.errors import DataError, LedgerFileError, PolicyError
from hospital_inspection.exports import cell_text
from hospital_inspection.exports.csv import write_ledger_csv
from hospital_inspection.exports.xlsx import write_ledger_xlsx
from hospital_inspection.followup.briefing import Problem, ProblemSource, briefing
from hospital_inspection.followup.findings import Finding, Measure, RectificationItem, Severity
from hospital_inspection.followup.ledger import Ledger
from hospital_inspection.followup.table import LEDGER_TITLE, ledger_table
from hospital_inspection.loaders import load_context
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy import Policy

DEFAULT_POLICY = "weihai-2024-2026"

#: Columns of ``ledger status`` on a terminal (the files get every column of LEDGER_COLUMNS).
_STATUS_COLUMNS = (
    "序号", "医院", "问题", "整改措施", "责任单位", "责任部门", "整改时限", "状态", "逾期天数",
)  # fmt: skip


def _ledger_policy(args: argparse.Namespace, stored: str | None) -> Policy:
    args.policy = args.policy or stored or DEFAULT_POLICY
    policy = _policy(args)
    if stored is not None and policy.id != stored:
        raise PolicyError(f"this ledger follows policy {stored!r}, not {policy.id!r}")
    return policy


def _open_ledger(path: str) -> Ledger:
    """An existing ledger file (never created here: a missing file is an error)."""
    return Ledger.open(path)


def _ledger_names(args: argparse.Namespace) -> tuple[Hospital, ...] | None:
    if args.data is None and args.hospitals is None:
        return None
    return load_context(args.data, hospitals=args.hospitals).hospitals


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


def _print_options(options: tuple[Measure, ...], finding: str) -> None:
    """The measures left to the authority's decision (``ledger decide``)."""
    if not options:
        return
    print(f"\noptions the authority decides for {finding} (record with 'ledger decide'):")
    for m in options:
        cite = "" if m.citation is None else f" — {m.citation.document} {m.citation.clause}"
        strength = "" if m.strength is None else f" [{m.strength.label}]"
        print(f"  {m.code}: {m.label}{strength}{cite}")


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
                raise DataError(
                    f"--item: {args.checklist_item!r} is not an item of the checklist (巡查重点) "
                    f"of {policy.id}; expected an id or clause such as {', '.join(keys[:4])}"
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
    if created:
        print(f"created a new ledger file {path}")
    print(f"finding {finding.id} added ({finding.hospital}, round {finding.round}):\n")
    if items:
        print(render_table(_ITEM_HEADERS, rows))
    elif not options:
        print("no measures: give --trigger (the policy's measures) or --measure (by hand)")
    else:
        print("no item opened with the finding")
    _print_options(options, finding.id)
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
    print(f"feedback (反馈意见) received by {args.hospital} on {args.received}:")
    for i in items:
        if i.due is None:
            continue
        owes = "" if i.party is None else f", owed by {i.party.label}"
        to = "" if i.measure.received_by is None else f" to {i.measure.received_by.label}"
        print(f"  {i.measure.label} due {i.due}{owes}{to}")
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
    print(
        f"{item.id}: {before.label} → {item.status.label} on {args.on.isoformat()} "
        f"by {args.by}{note}"
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
    print(f"decided by {args.by} on {args.on.isoformat()}: {item.measure.label} opens as {item.id}")
    print(render_table(_ITEM_HEADERS, rows))
    return EXIT_OK


def _cmd_ledger_set_due(args: argparse.Namespace) -> int:
    with _open_ledger(args.file) as ledger:
        item = ledger.set_due(args.item, args.due)
    if args.json:
        _print_json(unstructure(item))
        return EXIT_OK
    print(f"{item.id}: due {args.due.isoformat()} (set by hand)")
    return EXIT_OK


def _problem(text: str) -> Problem:
    source, sep, description = text.partition("=")
    if not sep:
        raise DataError(
            f"--problem: {text!r}; expected SOURCE=TEXT, e.g. 医保基金检查=超标准收费 "
            f"(sources: {', '.join(s.label for s in ProblemSource)})"
        )
    return Problem(source=source.strip(), description=description.strip())


def _cmd_ledger_briefing(args: argparse.Namespace) -> int:
    problems = [_problem(p) for p in args.problem or ()]
    with _open_ledger(args.file) as ledger:
        policy = _ledger_policy(args, ledger.policy_id)
        b = briefing(
            ledger, args.hospital, as_of=args.as_of, round=args.round, policy=policy,
            problems=problems,
        )  # fmt: skip
    if args.json:
        _print_json(unstructure(b))
        return EXIT_OK
    back = f", looking back on round {b.looks_back_on}" if b.looks_back_on else ""
    print(f"带着问题 briefing for {b.hospital} on {b.as_of.isoformat()}{back}:")
    for c in b.citations:
        print(f"  ({c.document} {c.clause}: “{c.text}”)")
    print()
    rows = [
        [
            e.source.label,
            e.description,
            e.reference or "",
            "" if e.party is None else e.party.label,
            "" if e.days_overdue is None else e.days_overdue,
        ]
        for e in b.entries
    ]
    if rows:
        print(render_table(["来源 source", "问题", "编号 ref", "责任单位", "逾期天数"], rows))
    else:
        print("nothing to bring: no open finding, no overdue duty, no problem attached")
    return EXIT_OK


def _cmd_ledger_status(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    hospitals = _ledger_names(args)
    with _open_ledger(args.file) as ledger:
        table = ledger_table(ledger, as_of, hospitals=hospitals)
        ids = [i.id for i in ledger.items if i.status_on(as_of) is not None]
        written: list[str] = []
        for option, path, writer in (
            ("--csv", args.csv, write_ledger_csv),
            ("--xlsx", args.xlsx, write_ledger_xlsx),
        ):
            if path:
                write = functools.partial(writer, ledger, path, as_of=as_of, hospitals=hospitals)
                written.append(_write_file(option, path, write))
    if args.json:
        _print_json(
            {
                "as_of": as_of.isoformat(),
                "items": [
                    {
                        "编号": item_id,
                        **{h: _cell_json(c) for h, c in zip(table.headers, row, strict=True)},
                    }
                    for item_id, row in zip(ids, table.rows, strict=True)
                ],
                "files": written,
            }
        )
        return EXIT_OK
    print(f"{LEDGER_TITLE} as of {as_of.isoformat()}: {len(ids)} item(s)\n")
    if table.rows:
        picked = [table.headers.index(h) for h in _STATUS_COLUMNS]
        rows = [
            [row[0], item_id, *(cell_text(row[k]) for k in picked[1:])]
            for item_id, row in zip(ids, table.rows, strict=True)
        ]
        print(render_table(["序号", "编号 item", *_STATUS_COLUMNS[1:]], rows))
    for path in written:
        print(f"wrote {path}")
    return EXIT_OK


def _cmd_ledger_overdue(args: argparse.Namespace) -> int:
    hospitals = _ledger_names(args)
    names = {h.id: h.name for h in hospitals or ()}
    with _open_ledger(args.file) as ledger:
        overdue = ledger.overdue(args.as_of, party=args.party)
    if args.json:
        _print_json(
            {
                "as_of": args.as_of.isoformat(),
                "overdue": [
                    {
                        "item": o.item.id,
                        "hospital": o.finding.hospital,
                        "finding": o.finding.id,
                        "description": o.finding.description,
                        "measure": o.item.measure.label,
                        "party": None if o.party is None else o.party.code,
                        "responsible": o.item.responsible,
                        "due": None if o.item.due is None else o.item.due.date.isoformat(),
                        "status": o.item.status_on(args.as_of).code,  # type: ignore[union-attr]
                        "days": o.days,
                    }
                    for o in overdue
                ],
            }
        )
        return EXIT_OK
    if not overdue:
        print(f"no item is overdue (逾期) on {args.as_of.isoformat()}")
        return EXIT_OK
    print(f"逾期 overdue on {args.as_of.isoformat()}: {len(overdue)} item(s)\n")
    rows = [
        [
            o.item.id,
            names.get(o.finding.hospital, o.finding.hospital),
            _subject(o.finding, o.item),
            o.item.measure.label,
            "" if o.party is None else o.party.label,
            o.item.responsible or "",
            "" if o.item.due is None else o.item.due.date.isoformat(),
            o.days,
        ]
        for o in overdue
    ]
    headers = ["编号 item", "医院", "问题", "整改措施", "责任单位", "责任部门", "整改时限"]
    print(render_table([*headers, "逾期天数"], rows))
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
