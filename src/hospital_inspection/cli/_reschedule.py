"""The reschedule command: repair an announced plan after a change (private)."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

import attrs

from hospital_inspection import _atomic
from hospital_inspection.cli._common import (
    EXIT_OK,
    EXIT_VIOLATION,
    _add_policy_options,
    _calendar,
    _date,
    _non_negative,
    _policy,
    _positive,
    _print_json,
    _write_file,
)
from hospital_inspection.cli._inspect_check import _check_context
from hospital_inspection.cli._office_options import (
    add_office_options,
    check_known,
    hospital_blackouts,
    keyed,
    objective_options,
    unavailable_spans,
)
from hospital_inspection.compliance import check_plan
from hospital_inspection.convert import to_json, unstructure
from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message, text
from hospital_inspection.loaders import load_plan_file, write_plan_bundle
from hospital_inspection.scheduling import (
    Change,
    HospitalMoves,
    PersonUnavailable,
    VisitCancelled,
    reschedule,
)

__all__ = ["register"]


def _changes(args: argparse.Namespace) -> list[Change]:
    out: list[Change] = []
    for _, (person, first, last) in unavailable_spans(args):
        out.append(PersonUnavailable(person=person, first=first, last=last))
    for item in args.move or ():
        hospital, first, last = keyed("--move", item)
        out.append(HospitalMoves(hospital=hospital, earliest=first, latest=last))
    for hospital, first, last in hospital_blackouts(args):
        out.append(HospitalMoves(hospital=hospital, blackout=(first, last or first)))
    out.extend(VisitCancelled(visit=x) for x in args.cancel or ())
    if not out:
        none = N_("give at least one change: --unavailable, --unavailable-file, --move, "
                  "--hospital-blackout or --cancel")  # fmt: skip
        raise DataError(Message(none))
    return out


def _cmd_reschedule(args: argparse.Namespace) -> int:
    plan, bundle = load_plan_file(args.plan)
    context = _check_context(args, bundle)  # a bundle's own, unless --data/--hospitals/--experts
    if args.policy is None:
        args.policy = bundle.policy if bundle is not None else plan.policy
    if bundle is not None and not args.interpretation:
        args.interpretation = [f"{k}={v}" for k, v in bundle.interpretations.items()]
    if args.calendar is None:
        args.calendar = bundle.calendar if bundle is not None else "official"
    policy = _policy(args)
    changes = _changes(args)
    people = {e.id for e in context.experts}
    for option, (person, _, _) in unavailable_spans(args):
        check_known(option, [person], people, N_("experts"))
    calendar = _calendar(args.calendar)
    kind = VisitKind.parse(plan.visits[0].kind if plan.visits else VisitKind.REGULAR)
    deadline = args.deadline or policy.round_end(kind).value
    options: dict[str, Any] = {
        "calendar": calendar,
        "deadline": args.deadline,
        "team_size": args.team_size,
        "officials_per_team": args.officials,
        "min_rest_days": args.min_rest_days,
        "notice_days": args.notice_days,
        "max_days_per_person": args.max_days,
        "max_days_per_person_per_year": args.max_days_per_year,
        **objective_options(args, start=args.as_of, deadline=deadline),
    }
    new = reschedule(plan, context.hospitals, context.experts, policy,
                     authorities=context.authorities, as_of=args.as_of, changes=changes,
                     **options)  # fmt: skip
    diff = plan.diff(new, because=changes)
    report = check_plan(new, policy, hospitals=context.hospitals, experts=context.experts,
                        authorities=context.authorities, calendar=calendar)  # fmt: skip
    written = []
    if args.out and bundle is not None:  # a bundle in, a bundle out: 'check new.json' works alone
        out = attrs.evolve(bundle, plan=new, context=context)
        written.append(_write_file("--out", args.out, lambda: write_plan_bundle(args.out, out)))
    elif args.out:
        data = (to_json(new) + "\n").encode("utf-8")
        written.append(_write_file("--out", args.out, lambda: _atomic.write_bytes(args.out, data)))
    code = EXIT_OK if report.ok else EXIT_VIOLATION
    if args.json:
        _print_json({"plan": unstructure(new), "diff": unstructure(diff),
                     "report": unstructure(report), "files": written})  # fmt: skip
        return code
    lang = args.lang
    # an office reads hospitals and people by name; English (developers, logs) keeps the ids
    said = diff.text(lang, because=changes, names=None if lang == "en" else context.names)
    print(text(N_("调整 repair of plan {plan} as of {as_of:date}: {diff}"), lang, plan=plan.id,
               as_of=args.as_of, diff=said))  # fmt: skip
    print("\n" + text(N_("合规检查 compliance:"), lang) + "\n")
    print(report.render(lang=lang))
    for path in written:
        print(text(N_("wrote {path}"), lang, path=path))
    return code


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add reschedule to the parser."""
    rs = command(
        "reschedule",
        "repair a plan after a change, keeping as many visits as they were; print what changed",
        "hospital-inspection reschedule plan.json --unavailable E07:2025-06-01..2025-06-30",
    )
    rs.epilog = (
        "example:\n"
        "  hospital-inspection reschedule plan.json --as-of 2025-05-20 \\\n"
        "      --unavailable WE007:2025-06-01..2025-06-30 --cancel WH038-regular --out new.json\n\n"
        "Visits that started on or before --as-of are never moved. Give the options the plan\n"
        "was made with (--team-size, --officials, caps). Exit codes: 0 ok, 1 the new plan\n"
        "breaks a mandatory rule, 2 bad input or no plan possible (the message names the\n"
        "binding constraint)."
    )
    rs.add_argument("plan", help="the plan, a JSON file as written by 'schedule --out'")
    rs.add_argument(
        "--as-of", type=_date, default=dt.date.today(), help="today (default: the system date)"
    )
    rs.add_argument("--move", action="append", metavar="HOSPITAL:EARLIEST..LATEST",
                    help="a hospital asks for a visit within these dates")  # fmt: skip
    rs.add_argument("--cancel", action="append", metavar="VISIT", help="a visit id to cancel")
    rs.add_argument("--data",
                    help="sample:NAME or a JSON file of authorities, hospitals and experts "
                    "(a hospital in it without a visit is added); default: the context a plan "
                    "written by 'schedule --out' carries")  # fmt: skip
    rs.add_argument("--hospitals", help="hospitals as CSV or JSON (replaces those of --data)")
    rs.add_argument("--experts", help="experts as CSV or JSON (replaces those of --data)")
    _add_policy_options(rs, default=None)
    rs.add_argument("--deadline", type=_date, help="last day a visit may end")
    rs.add_argument("--team-size", type=_positive, help="experts per team (as the plan was made)")
    rs.add_argument("--officials", type=_non_negative, help="officials per team")
    add_office_options(rs, repair=True)
    rs.add_argument(
        "--calendar",
        choices=("official", "calendar"),
        default=None,
        help="official (default; or what the plan file says) or calendar",
    )
    rs.add_argument("--out", metavar="PLAN.json", help="write the repaired plan as JSON")
    rs.set_defaults(func=_cmd_reschedule)
