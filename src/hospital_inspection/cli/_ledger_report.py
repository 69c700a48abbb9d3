"""The ledger's listings: ``ledger status``, ``ledger overdue`` and ``ledger briefing`` (private).

The commands that read a ledger file and report on it as of a day: the whole ledger (also
written as CSV or Excel), the overdue items, and the 带着问题 briefing for a visit.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools

from hospital_inspection._table import render_table
from hospital_inspection.cli._common import EXIT_OK, _print_json, _write_file
from hospital_inspection.cli._ledger_common import (
    _cell_json,
    _ledger_names,
    _ledger_policy,
    _open_ledger,
    _subject,
)
from hospital_inspection.convert import unstructure
from hospital_inspection.errors import DataError
from hospital_inspection.exports import cell_text
from hospital_inspection.exports.csv import write_ledger_csv
from hospital_inspection.exports.xlsx import write_ledger_xlsx
from hospital_inspection.followup.briefing import Problem, ProblemSource, briefing
from hospital_inspection.followup.table import LEDGER_TITLE, ledger_table
from hospital_inspection.i18n import N_, Message, text

#: Columns of ``ledger status`` on a terminal (the files get every column of LEDGER_COLUMNS).
_STATUS_COLUMNS = (
    "序号", "医院", "问题", "整改措施", "责任单位", "责任部门", "整改时限", "状态", "逾期天数",
)  # fmt: skip


def _problem(text: str) -> Problem:
    source, sep, description = text.partition("=")
    if not sep:
        expected = N_(
            "--problem: {text}; expected SOURCE=TEXT, e.g. 医保基金检查=超标准收费 "
            "(sources: {sources})"
        )
        sources = ", ".join(s.label for s in ProblemSource)
        raise DataError(Message(expected, {"text": repr(text), "sources": sources}))
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
    lang = args.lang
    back = N_("带着问题 briefing for {hospital} on {on}, looking back on round {round}:")
    head = N_("带着问题 briefing for {hospital} on {on}:")
    print(
        text(back, lang, hospital=b.hospital, on=b.as_of, round=b.looks_back_on)
        if b.looks_back_on
        else text(head, lang, hospital=b.hospital, on=b.as_of)
    )
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
        nothing = N_("nothing to bring: no open finding, no overdue duty, no problem attached")
        print(text(nothing, lang))
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
    head = N_("{title} as of {on}: {n} item(s)")
    print(text(head, args.lang, title=LEDGER_TITLE, on=as_of, n=len(ids)) + "\n")
    if table.rows:
        picked = [table.headers.index(h) for h in _STATUS_COLUMNS]
        rows = [
            [row[0], item_id, *(cell_text(row[k]) for k in picked[1:])]
            for item_id, row in zip(ids, table.rows, strict=True)
        ]
        print(render_table(["序号", "编号 item", *_STATUS_COLUMNS[1:]], rows))
    for path in written:
        print(text(N_("wrote {path}"), args.lang, path=path))
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
        print(text(N_("no item is overdue (逾期) on {on}"), args.lang, on=args.as_of))
        return EXIT_OK
    head = N_("逾期 overdue on {on}: {n} item(s)")
    print(text(head, args.lang, on=args.as_of, n=len(overdue)) + "\n")
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
