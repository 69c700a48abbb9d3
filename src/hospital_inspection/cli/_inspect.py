"""Commands that look things up: demo, policies, decide, deadline, check (private)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from hospital_inspection._table import render_table
from hospital_inspection.cli._common import (
    EXIT_OK,
    _add_calendar_year_options,
    _add_policy_options,
    _calendar,
    _date,
    _non_negative,
    _policy,
    _print_json,
)
from hospital_inspection.cli._inspect_check import Command
from hospital_inspection.cli._inspect_check import _check_context as _check_context
from hospital_inspection.cli._inspect_check import _cmd_check as _cmd_check
from hospital_inspection.cli._inspect_check import _reports as _reports
from hospital_inspection.cli._inspect_check import register_check as register_check
from hospital_inspection.convert import unstructure
from hospital_inspection.enums import Category, Grade, Level, Ownership, VisitKind
from hospital_inspection.errors import DataError, InspectionError
from hospital_inspection.i18n import N_, Message, error_text, text
from hospital_inspection.loaders import (
    load_context,
    read_json,
)
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy import (
    EVENTS,
    Decision,
    available_policies,
    decisions_table,
    load_policy,
)
from hospital_inspection.samples import available_samples


def _cmd_demo(args: argparse.Namespace) -> int:
    data = load_context(f"sample:{args.sample}")
    if args.json:
        _print_json(unstructure(data))
        return EXIT_OK
    print(f"Sample {data.name!r}: {data.description}\n" if args.lang == "en" else "")
    print(
        render_table(
            ["编号 id", "医院 hospital", "级别", "类别", "性质", "主管部门", "区市"],
            [
                [h.id, h.name, h.rating, h.category.label, h.ownership.label, h.authority, h.region]
                for h in data.hospitals
            ],
        )
    )
    counts = text(
        N_("{hospitals} hospitals, {experts} experts and officials, {authorities} authorities."),
        args.lang,
        hospitals=len(data.hospitals),
        experts=len(data.experts),
        authorities=len(data.authorities),
    )
    then = text(N_("Plan and check its round with: hospital-inspection schedule --demo"), args.lang)
    print(f"\n{counts}\n{then}")
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
                    [
                        p.id,
                        p.document,
                        p.meta.issuer,
                        p.meta.issued,
                        p.meta.title
                        + (
                            text(N_("（虚构示例 fictional example）"), args.lang)
                            if p.meta.fictional
                            else ""
                        ),
                        len(p.rules),
                    ]
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
    if meta.fictional:
        notes = meta.notes or text(N_("not a real policy"), args.lang)
        print(text(N_("虚构示例 FICTIONAL EXAMPLE: {notes}"), args.lang, notes=notes) + "\n")
    rows = []
    for rid, rule in policy.rules.items():
        kind = type(rule).__name__.removesuffix("Rule")
        rows.append([rid, kind, rule.strength.label, rule.cite.clause, rule.cite.text])
    print(render_table(["规则 rule", "类型 kind", "效力", "条款", "原文"], rows))
    readings = policy.readings()
    if readings:
        print("\n" + text(N_("Readings taken where the words are ambiguous:"), args.lang))
        for name, reading in readings.items():
            alternatives = ", ".join(reading.alternatives) or text(N_("none"), args.lang)
            line = N_("  {name} = {choice} (alternatives: {alternatives})")
            print(
                text(line, args.lang, name=name, choice=reading.choice, alternatives=alternatives)
            )
    return EXIT_OK


def _hospital_from_args(args: argparse.Namespace) -> Hospital:
    if args.hospital_json:
        return read_json(args.hospital_json, Hospital)
    if args.level is None or args.category is None:
        raise DataError(Message(N_("decide: give --level and --category, or --hospital-json FILE")))
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
    lang = args.lang
    # (the JSON key, the table's label in the reader's language, the question)
    asks: list[tuple[str, str, Callable[[], Decision[Any]]]] = [
        ("scope 巡查范围", text(N_("scope 巡查范围"), lang), lambda: policy.scope(h, kind=kind)),
        (
            "min days 最少天数",
            text(N_("min days 最少天数"), lang),
            lambda: policy.min_visit_days(h, kind=kind),
        ),
    ]
    if args.experts is not None:
        n = args.experts
        asks.append(
            (
                f"external experts of {n}",
                text(N_("external experts of {n}"), lang, n=n),
                lambda: policy.min_external_experts(n),
            )
        )
    results: list[tuple[str, Decision[Any] | str]] = []
    shown: list[tuple[str, Decision[Any] | str]] = []
    for key, label, ask in asks:
        try:
            decision: Decision[Any] = ask()
        except InspectionError as exc:
            results.append((key, str(exc)))
            shown.append((label, error_text(exc, lang)))
        else:
            results.append((key, decision))
            shown.append((label, decision))
    if args.json:
        _print_json(
            {
                label: unstructure(d) if isinstance(d, Decision) else {"error": d}
                for label, d in results
            }
        )
        return EXIT_OK
    head = N_("{rating} {category} ({ownership}) under {policy}:")
    print(
        text(
            head,
            lang,
            rating=h.rating,
            category=h.category.label,
            ownership=h.ownership.label,
            policy=policy.id,
        )
        + "\n"
    )
    print(decisions_table(shown))
    return EXIT_OK


def _cmd_deadline(args: argparse.Namespace) -> int:
    policy = _policy(args)
    calendar = _calendar(args.calendar, args)
    on = args.on or args.received
    if on is None:
        raise DataError(
            Message(N_("deadline: give --received DATE (or --on DATE with --event NAME)"))
        )
    if args.event is None:
        decided = policy.rectification_due(on, calendar=calendar, roll_forward=args.roll)
        heading = text(
            N_("Rectification report (整改报告) after feedback received {received}:"),
            args.lang,
            received=on,
        )
    else:
        decided = policy.due(args.event, on=on, calendar=calendar, roll_forward=args.roll)
        heading = text(
            N_("{event}, counted from {on}:"),
            args.lang,
            event=EVENTS.get(args.event, args.event),
            event_zh=EVENTS.get(args.event, args.event).split(" (")[0],
            on=on,
        )
    if args.json:
        _print_json(unstructure(decided))
        return EXIT_OK
    deadline = decided.value
    lang = args.lang
    print(heading)
    print(text(N_("  due on or before {due:date}"), lang, due=deadline.date))
    if deadline.rolled_from is not None:
        rolled = deadline.rolled_from
        print(text(N_("  rolled forward from {day:date}, a rest day"), lang, day=rolled))
    if deadline.provisional:
        print(text(N_("  PROVISIONAL: computed without official calendar data"), lang))
    if lang == "en":
        print(f"  {decided}")
    else:
        cite = decided.citation
        print(f"  {cite.document} {cite.clause}：“{cite.text}”")
    return EXIT_OK


def register(command: Command) -> None:
    """Add demo, policies, decide and deadline to the parser."""
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
    dec.add_argument(
        "--experts",
        type=_non_negative,
        help="team size in experts, for the external-expert share",
    )
    dec.set_defaults(func=_cmd_decide)

    dl = command(
        "deadline",
        "compute the rectification-report deadline (整改报告) from the feedback-received date, "
        "or any deadline of the policy from the date it counts from",
        "hospital-inspection deadline --received 2025-12-31 --roll\n"
        "  hospital-inspection deadline --policy example-shili-2025-2027 "
        "--event written_feedback --on 2025-09-26",
    )
    _add_policy_options(dl, default="weihai-2024-2026")
    dl.add_argument("--received", type=_date, help="feedback received (YYYY-MM-DD)")
    dl.add_argument(
        "--event",
        help="a deadline's event (default: rectification_report), e.g. written_feedback, "
        "self_inspection_report, district_annual_report",
    )
    dl.add_argument(
        "--on",
        type=_date,
        help="the date the deadline counts from: its trigger, the event it precedes, or any day "
        "for a fixed or yearly one (YYYY-MM-DD)",
    )
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
    _add_calendar_year_options(dl)
    dl.set_defaults(func=_cmd_deadline)
