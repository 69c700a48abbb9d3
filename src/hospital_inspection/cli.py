"""The ``hospital-inspection`` command (also ``python -m hospital_inspection``).

Commands: ``demo`` (the built-in sample), ``policies``, ``decide``, ``deadline``, ``schedule``
(build a round's plan and check it; ``schedule --demo`` is the main job), ``check`` (a plan file),
``ledger`` (``add`` / ``feedback`` / ``update`` / ``status`` / ``overdue`` on a 整改台账 file).

Run ``hospital-inspection --help`` for the commands; every command has ``--help`` with an example.
Output is a readable table by default and JSON with ``--json``. Exit codes: 0 success, 1 a
compliance violation found (``check``, ``schedule``), 2 bad input (the message, one line on
standard error, names the input and the field) or no plan possible. Work that takes more than a
second shows a progress line on standard error when it is a terminal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hospital_inspection import _atomic
from hospital_inspection._progress import Progress
from hospital_inspection.calendars import CalendarDays, ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.compliance import ComplianceReport, check_plan
from hospital_inspection.convert import to_json, unstructure
from hospital_inspection.enums import Category, Grade, Level, Ownership, VisitKind
from hospital_inspection.errors import DataError, InspectionError, PolicyError, RuleNotInPolicy
from hospital_inspection.exports import cell_text
from hospital_inspection.findings import Finding, Measure, RectificationItem, Severity
from hospital_inspection.hospitals import Hospital
from hospital_inspection.ledger import Ledger
from hospital_inspection.ledger_export import (
    LEDGER_TITLE,
    ledger_table,
    write_ledger_csv,
    write_ledger_xlsx,
)
from hospital_inspection.loaders import load_context, load_plan, read_json
from hospital_inspection.policy import Decision, Policy, available_policies, load_policy
from hospital_inspection.samples import SampleData, available_samples
from hospital_inspection.scheduling import ScheduleStats
from hospital_inspection.tables import render_table
from hospital_inspection.visits import Plan

__all__ = ["DEMO_START", "build_parser", "main"]

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2

#: The first day of the round ``schedule --demo`` plans (a Monday), fixed so output is repeatable.
DEMO_START = dt.date(2025, 3, 3)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; expected YYYY-MM-DD") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return value


def _non_negative(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 0")
    return value


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _policy(args: argparse.Namespace) -> Policy:
    choices: dict[str, str] = {}
    for item in getattr(args, "interpretation", None) or ():
        name, sep, choice = item.partition("=")
        if not sep:
            raise DataError(f"--interpretation: {item!r} is not NAME=CHOICE")
        choices[name] = choice
    return load_policy(args.policy, interpretations=choices or None)


def _calendar(name: str) -> WorkCalendar:
    return CalendarDays() if name == "calendar" else ChinaOfficialCalendar()


def _decision_row(label: str, d: Decision[Any]) -> list[str]:
    value = d.value.label if hasattr(d.value, "label") else str(d.value)
    if d.unit is not None:
        value += f" {d.unit.label}"
    reading = "; ".join(f"{r.interpretation}={r.choice}" for r in d.interpretation)
    return [
        label,
        value,
        d.strength.label,
        f"{d.citation.document} {d.citation.clause}",
        d.citation.text,
        reading,
    ]


def _decision_json(d: Decision[Any]) -> dict[str, Any]:
    return {
        "name": d.name,
        "value": unstructure(d.value),
        "unit": d.unit.code if d.unit is not None else None,
        "rule": d.rule,
        "strength": d.strength.code,
        "citation": unstructure(d.citation),
        "interpretation": [unstructure(r) for r in d.interpretation],
    }


DECISION_HEADERS = ("决定 decision", "结果 value", "效力", "依据", "原文", "解读 reading")

# -- commands -------------------------------------------------------------------------------


def _cmd_demo(args: argparse.Namespace) -> int:
    data = load_context(f"sample:{args.sample}")
    if args.json:
        _print_json(unstructure(data))
        return EXIT_OK
    print(f"Sample {data.name!r}: {data.description}\n")
    print(
        render_table(
            ["编号 id", "医院 hospital", "级别", "类别", "性质", "主管部门", "区市"],
            [
                [h.id, h.name, h.rating, h.category.label, h.ownership.label, h.authority, h.region]
                for h in data.hospitals
            ],
        )
    )
    print(
        f"\n{len(data.hospitals)} hospitals, {len(data.experts)} experts and officials, "
        f"{len(data.authorities)} authorities.\n"
        "Plan and check its round with: hospital-inspection schedule --demo"
    )
    return EXIT_OK


def _cmd_policies(args: argparse.Namespace) -> int:
    if args.id is None:
        policies = [load_policy(p) for p in available_policies()]
        if args.json:
            _print_json([unstructure(p.meta) for p in policies])
            return EXIT_OK
        print(
            render_table(
                ["编号 id", "文号", "发文机关", "日期", "标题", "规则数"],
                [
                    [p.id, p.document, p.meta.issuer, p.meta.issued, p.meta.title, len(p.rules)]
                    for p in policies
                ],
            )
        )
        return EXIT_OK
    args.policy = args.id
    policy = _policy(args)
    if args.json:
        _print_json(
            {
                "meta": unstructure(policy.meta),
                "rules": {rid: unstructure(r) for rid, r in policy.rules.items()},
                "readings": {n: unstructure(r) for n, r in policy.readings().items()},
            }
        )
        return EXIT_OK
    meta = policy.meta
    print(f"{meta.id}: {meta.title}\n{meta.document} · {meta.issuer} · {meta.issued}\n")
    rows = []
    for rid, rule in policy.rules.items():
        kind = type(rule).__name__.removesuffix("Rule")
        rows.append([rid, kind, rule.strength.label, rule.cite.clause, rule.cite.text])
    print(render_table(["规则 rule", "类型 kind", "效力", "条款", "原文"], rows))
    readings = policy.readings()
    if readings:
        print("\nReadings taken where the words are ambiguous:")
        for name, reading in readings.items():
            alternatives = ", ".join(reading.alternatives) or "none"
            print(f"  {name} = {reading.choice} (alternatives: {alternatives})")
    return EXIT_OK


def _hospital_from_args(args: argparse.Namespace) -> Hospital:
    if args.hospital_json:
        return read_json(args.hospital_json, Hospital)
    if args.level is None or args.category is None:
        raise DataError("decide: give --level and --category, or --hospital-json FILE")
    level, grade = Level.parse(args.level), Grade.UNGRADED
    if args.grade:
        grade = Grade.parse(args.grade)
    return Hospital(
        id="cli",
        name="(command line)",
        level=level,
        grade=grade,
        category=Category.parse(args.category),
        ownership=Ownership.parse(args.ownership),
        authority=args.authority,
        region=args.region,
    )


def _cmd_decide(args: argparse.Namespace) -> int:
    policy = _policy(args)
    h = _hospital_from_args(args)
    kind = VisitKind.parse(args.kind)
    asks: list[tuple[str, Callable[[], Decision[Any]]]] = [
        ("scope 巡查范围", lambda: policy.scope(h, kind=kind)),
        ("min days 最少天数", lambda: policy.min_visit_days(h, kind=kind)),
    ]
    if args.experts is not None:
        n = args.experts
        asks.append((f"external experts of {n}", lambda: policy.min_external_experts(n)))
    results: list[tuple[str, Decision[Any] | str]] = []
    for label, ask in asks:
        try:
            results.append((label, ask()))
        except InspectionError as exc:
            results.append((label, str(exc)))
    if args.json:
        _print_json(
            {
                label: _decision_json(d) if isinstance(d, Decision) else {"error": d}
                for label, d in results
            }
        )
        return EXIT_OK
    print(f"{h.rating} {h.category.label} ({h.ownership.label}) under {policy.id}:\n")
    rows = [
        _decision_row(label, d) if isinstance(d, Decision) else [label, d, "", "", "", ""]
        for label, d in results
    ]
    print(render_table(DECISION_HEADERS, rows))
    return EXIT_OK


def _cmd_deadline(args: argparse.Namespace) -> int:
    policy = _policy(args)
    calendar = _calendar(args.calendar)
    decided = policy.rectification_due(args.received, calendar=calendar, roll_forward=args.roll)
    if args.json:
        _print_json(_decision_json(decided))
        return EXIT_OK
    deadline = decided.value
    print(f"Rectification report (整改报告) after feedback received {args.received}:")
    print(f"  due on or before {deadline.date.isoformat()}")
    if deadline.rolled_from is not None:
        print(f"  rolled forward from {deadline.rolled_from.isoformat()}, a rest day")
    if deadline.provisional:
        print("  PROVISIONAL: computed without official calendar data")
    print(f"  {decided}")
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    plan = load_plan(args.plan)
    context = load_context(args.data, hospitals=args.hospitals, experts=args.experts)
    policy = load_policy(args.policy or plan.policy)
    with Progress(f"checking {len(plan.visits)} visits"):
        report = check_plan(
            plan,
            policy,
            hospitals=context.hospitals,
            experts=context.experts,
            authorities=context.authorities,
            calendar=_calendar(args.calendar),
            as_of=args.as_of,
        )
    if args.json:
        _print_json(unstructure(report))
    else:
        print(report.render())
    return EXIT_OK if report.ok else EXIT_VIOLATION


def _schedule_context(args: argparse.Namespace) -> SampleData:
    if args.demo:
        if args.data or args.hospitals or args.experts:
            raise DataError(
                "--demo schedules the built-in Weihai sample; "
                "drop --demo to schedule --data / --hospitals / --experts"
            )
        return load_context("sample:weihai")
    if args.data is None and args.hospitals is None and args.experts is None:
        raise DataError(
            "give --demo, or what to schedule: --data FILE|sample:NAME, --hospitals, --experts"
        )
    return load_context(args.data, hospitals=args.hospitals, experts=args.experts)


def _write_file(option: str, path: str, write: Callable[[], object]) -> str:
    try:
        write()
    except OSError as exc:
        raise DataError(f"{option} {path}: cannot write the file ({exc.strerror or exc})") from None
    return path


def _write_plan_files(
    args: argparse.Namespace, plan: Plan, context: SampleData, deadline: dt.date | None
) -> list[str]:
    from hospital_inspection import exports

    names: dict[str, Any] = {
        "hospitals": context.hospitals,
        "experts": context.experts,
        "authorities": context.authorities,
    }
    written: list[str] = []
    if args.out:
        data = (to_json(plan) + "\n").encode("utf-8")
        written.append(_write_file("--out", args.out, lambda: _atomic.write_bytes(args.out, data)))
    if args.csv:
        written.append(
            _write_file("--csv", args.csv, lambda: exports.write_plan_csv(plan, args.csv, **names))
        )
    if args.xlsx:
        written.append(
            _write_file(
                "--xlsx", args.xlsx, lambda: exports.write_plan_xlsx(plan, args.xlsx, **names)
            )
        )
    if args.ics:
        written.append(
            _write_file("--ics", args.ics, lambda: exports.write_plan_ics(plan, args.ics, **names))
        )
    if args.gantt:
        from hospital_inspection.display import save_gantt_png

        written.append(
            _write_file(
                "--gantt",
                args.gantt,
                lambda: save_gantt_png(plan, args.gantt, deadline=deadline, **names),
            )
        )
    return written


def _schedule_summary(
    plan: Plan, stats: ScheduleStats, *, in_scope: int, hospitals: int, deadline: dt.date
) -> list[str]:
    first = min((v.first_day for v in plan.visits), default=None)
    last = max((v.last_day for v in plan.visits), default=None)
    span = f"from {first} to {last}" if first and last else "none"
    how = stats.method
    if stats.method == "greedy":
        how += f", {stats.attempts} orderings"
    proven = ", proven minimal" if stats.optimal else ""
    return [
        f"巡查计划 plan {plan.id} under {plan.policy}"
        + (f", round {plan.round}" if plan.round else ""),
        f"  医院 hospitals   {in_scope} in scope of {hospitals}",
        f"  巡查 visits      {len(plan.visits)}, {span} (deadline {deadline.isoformat()})",
        f"  工期 makespan    {stats.makespan} working days; lower bound {stats.lower_bound} "
        f"({stats.binding}); ratio {stats.ratio:.2f}{proven}",
        f"  用时 time        {stats.seconds:.1f} s ({how})",
    ]


def _cmd_schedule(args: argparse.Namespace) -> int:
    from hospital_inspection.exports import plan_table
    from hospital_inspection.scheduling import schedule_request, solve, solve_exact

    context = _schedule_context(args)
    start = args.start
    if start is None:
        if not args.demo:
            raise DataError("--start: missing; give the first day a visit may start (YYYY-MM-DD)")
        start = DEMO_START
    policy = _policy(args)
    calendar = _calendar(args.calendar)
    tree = context.authority_tree()
    request = schedule_request(
        context.hospitals,
        context.experts,
        policy,
        authorities=tree,
        start=start,
        deadline=args.deadline,
        calendar=calendar,
        blackout=args.blackout or (),
        team_size=args.team_size,
        officials_per_team=args.officials,
        include_reference=args.include_reference,
        kind=VisitKind.parse(args.kind),
        plan_id=args.plan_id,
    )
    n = len(request.requirements)
    with Progress(f"scheduling {n} visits"):
        solver = (lambda r: solve_exact(r, time_limit=args.time_limit)) if args.exact else solve
        result = solver(request)
    plan = result.plan
    with Progress(f"checking {n} visits"):
        report: ComplianceReport = check_plan(
            plan,
            policy,
            hospitals=context.hospitals,
            experts=context.experts,
            authorities=tree,
            calendar=calendar,
        )
    written = _write_plan_files(args, plan, context, request.deadline)
    code = EXIT_OK if report.ok else EXIT_VIOLATION
    if args.json:
        _print_json(
            {
                "plan": unstructure(plan),
                "stats": unstructure(result.stats),
                "report": unstructure(report),
                "files": written,
            }
        )
        return code
    summary = _schedule_summary(
        plan,
        result.stats,
        in_scope=n,
        hospitals=len(context.hospitals),
        deadline=request.deadline,
    )
    print("\n".join(summary))
    table = plan_table(plan, hospitals=context.hospitals, experts=context.experts, authorities=tree)
    print("\n巡查时间表 schedule:\n")
    print(table)
    print("\n合规检查 compliance:\n")
    print(report.render())
    for path in written:
        print(f"wrote {path}")
    return code


# -- ledger (整改台账) -------------------------------------------------------------------------

DEFAULT_POLICY = "weihai-2024-2026"

#: Columns of ``ledger status`` on a terminal (the files get every column of LEDGER_COLUMNS).
_STATUS_COLUMNS = ("序号", "医院", "问题", "整改措施", "责任部门", "整改时限", "状态", "逾期天数")


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


def _item_row(ledger: Ledger, item: RectificationItem) -> list[object]:
    finding = ledger.finding(item.finding)
    citation = item.measure.citation
    return [
        item.id,
        finding.hospital,
        finding.description,
        item.measure.label,
        "" if citation is None else f"{citation.document} {citation.clause}",
        item.responsible or "",
        "" if item.due is None else item.due.date.isoformat(),
        item.status.label,
    ]


_ITEM_HEADERS = ("编号 item", "医院", "问题", "整改措施", "依据", "责任部门", "整改时限", "状态")


def _checklist_keys(policy: Policy) -> list[str] | None:
    """Ids and clauses of every checklist item of ``policy`` (None: it has no checklist)."""
    keys: dict[str, None] = {}
    try:
        for category in Category:
            for item in policy.checklist(category).value:
                keys[item.id] = None
                keys[item.clause] = None
    except RuleNotInPolicy:
        return None
    return list(keys)


def _new_finding_id(ledger: Ledger, hospital: str) -> str:
    taken = {f.id for f in ledger.findings}
    n = sum(f.hospital == hospital for f in ledger.findings) + 1
    while f"{hospital}-{n}" in taken:
        n += 1
    return f"{hospital}-{n}"


def _cmd_ledger_add(args: argparse.Namespace) -> int:
    path = Path(args.file)
    created = not path.exists()
    ledger = Ledger() if created else _open_ledger(args.file)
    with ledger:
        policy = _ledger_policy(args, ledger.policy_id)
        if args.checklist_item is not None:
            keys = _checklist_keys(policy)
            if keys is not None and args.checklist_item not in keys:
                raise DataError(
                    f"--item: {args.checklist_item!r} is not an item of the checklist (巡查重点) "
                    f"of {policy.id}; expected an id or clause such as {', '.join(keys[:4])}"
                )
        round_ = args.round or next(
            (r.id for r in policy.rounds if r.kind is VisitKind.REGULAR),
            str(args.found_on.year),
        )
        finding = Finding(
            id=args.id or _new_finding_id(ledger, args.hospital),
            hospital=args.hospital,
            round=round_,
            description=args.description,
            found_on=args.found_on,
            found_by=args.found_by,
            severity=Severity.parse(args.severity),
            checklist_item=args.checklist_item,
            triggers=tuple(args.trigger or ()),
            evidence=tuple(args.evidence or ()),
        )
        by_hand = [Measure(code="manual", label=label) for label in args.measure or ()]
        kind = VisitKind.parse(args.kind) if args.kind else None
        items = ledger.add_finding(finding, policy=policy, kind=kind, responsible=args.responsible)
        for measure in by_hand:
            items += (ledger.add_measure(finding.id, measure, responsible=args.responsible),)
        if created:
            ledger.save_as(path)
    if args.json:
        _print_json(
            {
                "file": str(path),
                "created": created,
                "finding": unstructure(finding),
                "items": [unstructure(i) for i in items],
            }
        )
        return EXIT_OK
    if created:
        print(f"created a new ledger file {path}")
    print(f"finding {finding.id} added ({finding.hospital}, round {finding.round}):\n")
    if items:
        print(render_table(_ITEM_HEADERS, [_item_row(ledger, i) for i in items]))
    else:
        print("no measures: give --trigger (the policy's measures) or --measure (by hand)")
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
    dues = sorted({i.due for i in items if i.due is not None}, key=lambda d: d.date)
    for due in dues:
        print(f"  整改报告 due {due}")
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
        overdue = ledger.overdue(args.as_of)
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
            o.finding.description,
            o.item.measure.label,
            o.item.responsible or "",
            "" if o.item.due is None else o.item.due.date.isoformat(),
            o.days,
        ]
        for o in overdue
    ]
    print(
        render_table(
            ["编号 item", "医院", "问题", "整改措施", "责任部门", "整改时限", "逾期天数"], rows
        )
    )
    return EXIT_OK


# -- the parser -----------------------------------------------------------------------------


def _add_policy_options(p: argparse.ArgumentParser, *, default: str | None) -> None:
    p.add_argument(
        "--policy",
        default=default,
        help=f"policy id or TOML file (default: {default or 'the plan says'}); "
        f"shipped: {', '.join(available_policies())}",
    )
    p.add_argument(
        "--interpretation",
        action="append",
        metavar="NAME=CHOICE",
        help="choose another reading of an ambiguous clause (repeatable)",
    )


def _add_ledger_parser(sub: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    led = sub.add_parser(
        "ledger",
        help="keep the rectification ledger (整改台账): add, feedback, update, status, overdue",
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
    names_options(od)
    od.set_defaults(func=_cmd_ledger_overdue)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog="hospital-inspection",
        description="China's large-hospital inspection rules (大型医院巡查), computable and cited.",
        epilog="Start with: hospital-inspection schedule --demo\n"
        "Exit codes: 0 ok, 1 a violation found by 'check' or 'schedule', 2 bad input.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(
        name: str, summary: str, example: str, *, under: Any = sub
    ) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = under.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return p

    demo = command(
        "demo",
        "show the built-in sample data (to plan its round: schedule --demo)",
        "hospital-inspection demo",
    )
    demo.add_argument("--sample", default="weihai", choices=available_samples())
    demo.set_defaults(func=_cmd_demo)

    pol = command(
        "policies",
        "list the shipped policies, or show one with its rules and citations",
        "hospital-inspection policies weihai-2024-2026",
    )
    pol.add_argument("id", nargs="?", help="a policy id or TOML file to show")
    pol.add_argument("--interpretation", action="append", metavar="NAME=CHOICE")
    pol.set_defaults(func=_cmd_policies)

    dec = command(
        "decide",
        "decide scope, minimum on-site days and the external-expert minimum for a hospital",
        "hospital-inspection decide --level 三级 --category 中医医院 --ownership 公立 --experts 10",
    )
    _add_policy_options(dec, default="weihai-2024-2026")
    dec.add_argument("--hospital-json", help="a JSON file with one hospital")
    dec.add_argument("--level", help="医院级别: 一级 / 二级 / 三级 / 未定级 (or a code)")
    dec.add_argument("--grade", help="医院等次: 甲等 / 乙等 / 丙等")
    dec.add_argument("--category", help="医疗机构类别, e.g. 综合医院, 中医医院, 妇幼保健院")
    dec.add_argument("--ownership", default="公立", help="公立 or 社会办 (default 公立)")
    dec.add_argument("--authority", default="cli", help="id of the administering authority")
    dec.add_argument("--region", help="region (区市) code")
    dec.add_argument("--kind", default="regular", help="visit kind: 常规巡查 / 回头看 / ...")
    dec.add_argument("--experts", type=int, help="team size in experts, for the 30%% rule")
    dec.set_defaults(func=_cmd_decide)

    dl = command(
        "deadline",
        "compute the rectification-report deadline (整改报告) from the feedback-received date",
        "hospital-inspection deadline --received 2025-12-31 --roll",
    )
    _add_policy_options(dl, default="weihai-2024-2026")
    dl.add_argument("--received", type=_date, required=True, help="feedback received (YYYY-MM-DD)")
    roll = dl.add_mutually_exclusive_group()
    roll.add_argument(
        "--roll",
        dest="roll",
        action="store_true",
        default=None,
        help="move a due day on a rest day to the next working day (民法典 第二百零三条)",
    )
    roll.add_argument(
        "--no-roll",
        dest="roll",
        action="store_false",
        help="keep the due day even when it is a rest day",
    )
    dl.add_argument(
        "--calendar",
        choices=("official", "calendar"),
        default="official",
        help="official: China's working days incl. 调休 (default); calendar: every day",
    )
    dl.set_defaults(func=_cmd_deadline)

    sch = command(
        "schedule",
        "build a round's plan (who visits which hospital, when), check it and print both",
        "hospital-inspection schedule --demo --out plan.json --xlsx plan.xlsx",
    )
    sch.epilog = (
        "example:\n"
        "  hospital-inspection schedule --demo\n"
        "  hospital-inspection schedule --hospitals hospitals.csv --experts experts.csv \\\n"
        "      --start 2025-09-01 --blackout 2025-10-01 --out plan.json --gantt plan.png\n\n"
        f"--demo plans the built-in Weihai sample from {DEMO_START} and writes no file unless\n"
        "asked. Exit codes: 0 ok, 1 the plan breaks a mandatory rule (check_plan), 2 bad input\n"
        "or no plan possible (the message names the binding constraint)."
    )
    sch.add_argument(
        "--demo",
        action="store_true",
        help=f"schedule the built-in Weihai sample (sample:weihai), starting {DEMO_START}",
    )
    sch.add_argument(
        "--data",
        help="sample:NAME or a JSON file of authorities, hospitals and experts "
        "(authorities, and whatever --hospitals/--experts do not replace, come from it; "
        "default sample:weihai)",
    )
    sch.add_argument("--hospitals", help="hospitals as CSV or JSON (replaces those of --data)")
    sch.add_argument("--experts", help="experts as CSV or JSON (replaces those of --data)")
    _add_policy_options(sch, default="weihai-2024-2026")
    sch.add_argument(
        "--start",
        type=_date,
        help=f"first day a visit may start (YYYY-MM-DD; --demo: {DEMO_START})",
    )
    sch.add_argument(
        "--deadline", type=_date, help="last day a visit may end (default: the policy's round end)"
    )
    sch.add_argument(
        "--blackout",
        type=_date,
        action="append",
        metavar="DATE",
        help="a date no visit may include (repeatable)",
    )
    sch.add_argument(
        "--team-size",
        type=_positive,
        help="experts per team, the leader included (default 5, within the policy's team rule)",
    )
    sch.add_argument(
        "--officials",
        type=_non_negative,
        help="officials per team (default: the least the policy's team rule asks)",
    )
    sch.add_argument(
        "--include-reference",
        action="store_true",
        help="also schedule hospitals the policy puts under reference (参照执行)",
    )
    sch.add_argument("--kind", default="regular", help="visit kind: 常规巡查 (default) / 回头看")
    sch.add_argument(
        "--calendar",
        choices=("official", "calendar"),
        default="official",
        help="official: China's working days incl. 调休 (default); calendar: every day",
    )
    sch.add_argument("--plan-id", help="the plan's id (default: <policy>-plan)")
    sch.add_argument(
        "--exact",
        action="store_true",
        help="minimise the makespan with CP-SAT (extra 'solver') instead of the greedy scheduler",
    )
    sch.add_argument(
        "--time-limit",
        type=float,
        default=30.0,
        help="seconds CP-SAT may search with --exact (default 30)",
    )
    sch.add_argument("--out", metavar="PLAN.json", help="write the plan as JSON (for 'check')")
    sch.add_argument("--csv", metavar="FILE", help="write the schedule (巡查时间表) as CSV")
    sch.add_argument("--xlsx", metavar="FILE", help="write the schedule as .xlsx (extra 'excel')")
    sch.add_argument("--ics", metavar="FILE", help="write the visits as iCalendar (extra 'ics')")
    sch.add_argument("--gantt", metavar="FILE.png", help="draw a Gantt chart (extra 'plot')")
    sch.set_defaults(func=_cmd_schedule)

    chk = command(
        "check",
        "check a plan (JSON) for compliance; exit code 1 when there is a violation",
        "hospital-inspection check plan.json --data sample:weihai --as-of 2025-06-30",
    )
    chk.add_argument("plan", help="the plan, a JSON file as written by hi.to_json(plan)")
    _add_policy_options(chk, default=None)
    chk.add_argument(
        "--data",
        default="sample:weihai",
        help="sample:NAME or a JSON file of authorities, hospitals and experts",
    )
    chk.add_argument("--hospitals", help="hospitals as CSV or JSON (replaces those of --data)")
    chk.add_argument("--experts", help="experts as CSV or JSON (replaces those of --data)")
    chk.add_argument("--as-of", type=_date, help="check as of this date (YYYY-MM-DD)")
    chk.add_argument("--calendar", choices=("official", "calendar"), default="official")
    chk.set_defaults(func=_cmd_check)

    _add_ledger_parser(sub, command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except InspectionError as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        name = " ".join(filter(None, (args.command, getattr(args, "ledger_command", None))))
        print(f"hospital-inspection {name}: error: {' '.join(lines)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code
