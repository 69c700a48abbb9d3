"""The ``hospital-inspection`` command (also ``python -m hospital_inspection``).

Run ``hospital-inspection --help`` for the commands; every command has ``--help`` with an example.
Output is a readable table by default and JSON with ``--json``. Exit codes: 0 success, 1 a
compliance violation found (``check``), 2 bad input (the message names the input and the field).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from hospital_inspection.calendars import CalendarDays, ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.compliance import check_plan
from hospital_inspection.convert import unstructure
from hospital_inspection.enums import Category, Grade, Level, Ownership, VisitKind
from hospital_inspection.errors import DataError, InspectionError
from hospital_inspection.hospitals import Hospital
from hospital_inspection.loaders import load_context, load_plan, read_json
from hospital_inspection.policy import Decision, Policy, available_policies, load_policy
from hospital_inspection.samples import available_samples
from hospital_inspection.tables import render_table

__all__ = ["build_parser", "main"]

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; expected YYYY-MM-DD") from None


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
        f"{len(data.authorities)} authorities."
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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog="hospital-inspection",
        description="China's large-hospital inspection rules (大型医院巡查), computable and cited.",
        epilog="Exit codes: 0 ok, 1 a violation found by 'check', 2 bad input.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, summary: str, example: str) -> argparse.ArgumentParser:
        p = sub.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=f"example:\n  {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.add_argument("--json", action="store_true", help="print JSON instead of a table")
        return p

    demo = command("demo", "show the built-in sample data", "hospital-inspection demo")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except InspectionError as exc:
        lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
        print(f"hospital-inspection {args.command}: error: {' '.join(lines)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code
