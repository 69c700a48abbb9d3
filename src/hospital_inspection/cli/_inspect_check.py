"""The ``check`` command: check a plan file for compliance (private).

It holds the command's registration on the parser, and the code that runs it: finding the
hospitals, experts and authorities the plan was made from (the plan file's own, or those given),
reading the reports submitted, checking the plan, and printing or writing the report. It is
registered by :mod:`hospital_inspection.cli` through :mod:`hospital_inspection.cli._inspect`,
which imports it back.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

import attrs

from hospital_inspection._validate import parse_iso_date
from hospital_inspection.cli._common import (
    EXIT_OK,
    EXIT_VIOLATION,
    PROVISIONAL_NOTE,
    _add_calendar_year_options,
    _add_policy_options,
    _calendar,
    _date,
    _is_provisional,
    _policy,
    _print_json,
    _write_file,
    note_data_files,
)
from hospital_inspection.cli._progress import Progress
from hospital_inspection.compliance import check_plan
from hospital_inspection.convert import structure, unstructure
from hospital_inspection.enums import Strength
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message, text
from hospital_inspection.loaders import PlanBundle, load_context, load_plan_file, read_csv
from hospital_inspection.model.visits import Plan, ReportSubmission, Waiver
from hospital_inspection.policy import Policy
from hospital_inspection.samples import SampleData

Command = Callable[..., argparse.ArgumentParser]


def _check_context(args: argparse.Namespace, bundle: PlanBundle | None) -> SampleData:
    given = args.data is not None or args.hospitals is not None or args.experts is not None
    if bundle is not None:
        if not given:
            return bundle.context
        data = args.data if args.data is not None else bundle.context
        context = load_context(data, hospitals=args.hospitals, experts=args.experts)
        note_data_files(args, args.lang)
        return context
    if not given:
        no_context = N_(
            "{plan} holds a plan without its context: give --data FILE|sample:NAME "
            "(and --hospitals / --experts) with the hospitals, experts and authorities it was "
            "made from, or write the plan with 'schedule --out', which keeps them"
        )
        raise DataError(Message(no_context, {"plan": args.plan}))
    context = load_context(args.data, hospitals=args.hospitals, experts=args.experts)
    note_data_files(args, args.lang)
    return context


def _reports(args: argparse.Namespace) -> tuple[ReportSubmission, ...]:
    found: list[ReportSubmission] = []
    if args.reports:
        found.extend(read_csv(args.reports, ReportSubmission))
    for item in args.report or ():
        parts = [p.strip() for p in item.split(",")]
        if len(parts) != 3:
            raise DataError(
                Message(N_("--report {item}: expected RULE,BY,YYYY-MM-DD"), {"item": repr(item)})
            )
        found.append(structure({"rule": parts[0], "by": parts[1], "date": parts[2]},
                               ReportSubmission, path=f"--report {item!r}"))  # fmt: skip
    return tuple(found)


#: The visit dates ``check`` records from the command line: option → the Visit field it sets.
VISIT_DATE_OPTIONS = {"self_report": "self_report_date", "feedback": "feedback_date"}


def _with_visit_dates(args: argparse.Namespace, plan: Plan) -> Plan:
    """``plan`` with the days given by ``--self-report`` / ``--feedback`` (VISIT,DATE) set on
    its visits; an unknown visit, a malformed item or a visit given twice is a DataError."""
    given: dict[str, dict[str, Any]] = {}  # visit id → {field: day}
    for dest, field in VISIT_DATE_OPTIONS.items():
        option = "--" + dest.replace("_", "-")
        for item in getattr(args, dest) or ():
            parts = [p.strip() for p in item.split(",")]
            if len(parts) != 2 or not parts[0]:
                raise DataError(
                    Message(
                        N_("{option} {item}: expected VISIT,YYYY-MM-DD"),
                        {"option": option, "item": repr(item)},
                    )
                )
            visit, day = parts[0], parse_iso_date(parts[1])
            if day is None:
                raise DataError(
                    Message(
                        N_("{option} {item}: {value} is not a date; expected YYYY-MM-DD"),
                        {"option": option, "item": repr(item), "value": repr(parts[1])},
                    )
                )
            if field in given.setdefault(visit, {}):
                raise DataError(
                    Message(
                        N_("{option}: visit {visit} is given twice"),
                        {"option": option, "visit": repr(visit)},
                    )
                )
            given[visit][field] = day
    if not given:
        return plan
    ids = {v.id for v in plan.visits}
    unknown = sorted(set(given) - ids)
    if unknown:
        raise DataError(
            Message(
                N_("the plan has no visit {visits} (--self-report and --feedback name a visit "
                   "by its id, as the 巡查 column shows it)"),
                {"visits": ", ".join(map(repr, unknown))},
            )
        )  # fmt: skip
    visits = tuple(attrs.evolve(v, **given[v.id]) if v.id in given else v for v in plan.visits)
    return attrs.evolve(plan, visits=visits)


def _waivers(
    args: argparse.Namespace, plan: Plan, policy: Policy, context: SampleData
) -> tuple[Waiver, ...]:
    """The waivers given by ``--waiver RULE,WHERE,JUSTIFICATION``: WHERE is a visit of the plan,
    a hospital, or ``*`` for the whole plan; only an in-principle (原则上) rule can be waived."""
    found: list[Waiver] = []
    visits = {v.id for v in plan.visits}
    hospitals = {h.id for h in context.hospitals}
    # the rules a waiver may name: the in-principle (原则上) ones, the only kind it covers
    waivable = sorted(r for r, x in policy.rules.items() if x.strength is Strength.IN_PRINCIPLE)
    for item in args.waiver or ():
        rule, _, rest = item.partition(",")
        where, _, why = rest.partition(",")
        rule, where, why = rule.strip(), where.strip(), why.strip()
        quoted = repr(item)
        if not (rule and where and why):
            raise DataError(
                Message(
                    N_("--waiver {item}: expected RULE,VISIT,JUSTIFICATION (VISIT: a visit id, "
                       "a hospital id, or * for the whole plan)"),
                    {"item": quoted},
                )
            )  # fmt: skip
        if rule not in waivable:
            known = rule in policy.rules
            why_not = (
                N_("--waiver {item}: {rule} is not an in-principle (原则上) rule; only those can "
                   "be waived: {waivable}")
                if known and waivable
                else N_("--waiver {item}: {rule} is not a rule of {policy}; the rules that can be "
                        "waived (原则上): {waivable}")
                if waivable
                else N_("--waiver {item}: {policy} has no in-principle (原则上) rule; there is "
                        "nothing to waive")
            )  # fmt: skip
            raise DataError(
                Message(
                    why_not,
                    {"item": quoted, "rule": repr(rule), "policy": repr(policy.id),
                     "waivable": ", ".join(waivable)},
                )
            )  # fmt: skip
        if where == "*":
            found.append(Waiver(rule=rule, justification=why))
        elif where in visits:
            found.append(Waiver(rule=rule, justification=why, visit=where))
        elif where in hospitals:
            found.append(Waiver(rule=rule, justification=why, hospital=where))
        else:
            raise DataError(
                Message(
                    N_("--waiver {item}: {where} is neither a visit of the plan nor a hospital; "
                       "expected a visit id (the 巡查 column), a hospital id, or *"),
                    {"item": quoted, "where": repr(where)},
                )
            )  # fmt: skip
    return tuple(found)


def _cmd_check(args: argparse.Namespace) -> int:
    plan, bundle = load_plan_file(args.plan)
    context = _check_context(args, bundle)
    if args.policy is None:
        args.policy = bundle.policy if bundle is not None else plan.policy
    if bundle is not None and not args.interpretation:
        args.interpretation = [f"{k}={v}" for k, v in bundle.interpretations.items()]
    policy = _policy(args)  # a user's own policy file is linted (load_user_policy)
    calendar = args.calendar or (bundle.calendar if bundle is not None else "official")
    if bundle is not None and not args.calendar_year and not args.provisional:
        args.calendar_year, args.provisional = list(bundle.calendar_years), bundle.provisional
    cal = _calendar(calendar, args)
    reports = _reports(args)
    if reports:
        plan = attrs.evolve(plan, reports=(*plan.reports, *reports))
    plan = _with_visit_dates(args, plan)
    waivers = _waivers(args, plan, policy, context)
    if waivers:
        plan = attrs.evolve(plan, waivers=(*plan.waivers, *waivers))
    with Progress(f"checking {len(plan.visits)} visits"):
        report = check_plan(
            plan,
            policy,
            hospitals=context.hospitals,
            experts=context.experts,
            authorities=context.authorities,
            calendar=cal,
            as_of=args.as_of,
        )
    first = min((v.first_day for v in plan.visits), default=None)
    last = max((v.last_day for v in plan.visits), default=None)
    provisional = _is_provisional(cal, first, last)
    if args.html:
        _write_file(
            "--html",
            args.html,
            lambda: report.to_html(
                args.html,
                lang=args.lang,
                plan=plan,
                policy=policy,
                names=context.names,
                calendar=cal,
            ),
        )
    if args.json:
        _print_json({**unstructure(report.in_language(args.lang)), "provisional": provisional})
    else:
        print(report.render(lang=args.lang))
        if provisional:
            print(text(PROVISIONAL_NOTE, args.lang))
        if args.html:
            print(text(N_("wrote {path}"), args.lang, path=args.html))
    return EXIT_OK if report.ok else EXIT_VIOLATION


def register_check(command: Command) -> None:
    """Add check to the parser."""
    chk = command(
        "check",
        "check a plan (JSON) for compliance; exit code 1 when there is a violation",
        "hospital-inspection check plan.json --as-of 2025-06-30 --reports reports.csv",
    )
    chk.add_argument(
        "plan",
        help="the plan: a file written by 'schedule --out' (it carries its hospitals, experts, "
        "authorities and policy), or a plain plan (hi.to_json(plan)) with --data",
    )
    _add_policy_options(chk, default=None)
    chk.add_argument(
        "--data",
        help="sample:NAME or a JSON file of authorities, hospitals and experts "
        "(default: those the plan file carries)",
    )
    chk.add_argument("--hospitals", help="hospitals as .xlsx, CSV or JSON (replaces those given)")
    chk.add_argument("--experts", help="experts as .xlsx, CSV or JSON (replaces those given)")
    chk.add_argument(
        "--reports",
        metavar="FILE",
        help="reports submitted (报送): a CSV or .xlsx with columns rule/规则, by/报送单位, "
        "date/报送日期",
    )
    chk.add_argument(
        "--report",
        action="append",
        metavar="RULE,BY,DATE",
        help="one report submitted, e.g. wh-report-2024,weihai-huancui,2024-12-18 (repeatable)",
    )
    chk.add_argument(
        "--self-report",
        action="append",
        metavar="VISIT,DATE",
        help="the day a visit's hospital finished its self-inspection (自查), e.g. "
        "WH001-regular,2025-02-28 (repeatable)",
    )
    chk.add_argument(
        "--feedback",
        action="append",
        metavar="VISIT,DATE",
        help="the day a visit's written feedback (书面反馈) was given (repeatable)",
    )
    chk.add_argument(
        "--waiver",
        action="append",
        metavar="RULE,VISIT,JUSTIFICATION",
        help="record why an in-principle (原则上) rule is not kept, e.g. "
        "wh-days-7-general,WH001-regular,院区搬迁，现场巡查缩短为5天; VISIT may be a hospital "
        "id, or * for the whole plan (repeatable)",
    )
    chk.add_argument("--as-of", type=_date, help="check as of this date (YYYY-MM-DD)")
    chk.add_argument(
        "--calendar",
        choices=("official", "calendar"),
        default=None,
        help="official (China's working days) or calendar (every day); default: the plan "
        "file's, else official",
    )
    _add_calendar_year_options(chk)
    chk.add_argument(
        "--html",
        metavar="REPORT.html",
        help="also write the report as one printable HTML file (A4; --lang zh for the office)",
    )
    chk.set_defaults(func=_cmd_check)
