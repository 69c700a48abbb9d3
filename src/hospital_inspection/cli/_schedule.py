"""The schedule command: build a round's plan, check it, print and write it (private)."""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from hospital_inspection.cli._common import (
    DEMO_START,
    EXIT_OK,
    EXIT_VIOLATION,
    PROVISIONAL_NOTE,
    _add_calendar_year_options,
    _add_policy_options,
    _calendar,
    _date,
    _is_provisional,
    _non_negative,
    _policy,
    _positive,
    _print_json,
    _seconds,
    _write_file,
    note_data_files,
)
from hospital_inspection.cli._office_options import (
    Span,
    add_office_options,
    check_known,
    gantt_by,
    hospital_blackouts,
    objective_options,
    pinned_visits,
    unavailable_spans,
)
from hospital_inspection.cli._progress import Progress
from hospital_inspection.compliance import ComplianceReport, check_plan
from hospital_inspection.convert import unstructure
from hospital_inspection.dates.calendars import CalendarDays
from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import DataError
from hospital_inspection.exports.schedule import DAYS_WORKING
from hospital_inspection.i18n import N_, Message, text
from hospital_inspection.loaders import PlanBundle, load_context, write_plan_bundle
from hospital_inspection.model.visits import Plan
from hospital_inspection.samples import SampleData
from hospital_inspection.scheduling import ScheduleStats, verify
from hospital_inspection.scheduling.notes import schedule_notes

#: What the schedule's working-days column counts, printed under the table.
WORKING_DAYS_NOTE = N_(
    "{header}: the working days from the first to the last day on site, as the policy's "
    "minimum counts them, under China's official calendar (statutory holidays off, 调休 "
    "make-up weekends working)."
)
EVERY_DAY_NOTE = N_(
    "{header}: every day from the first to the last day on site counts (--calendar calendar)."
)


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
    context = load_context(args.data, hospitals=args.hospitals, experts=args.experts)
    note_data_files(args, args.lang)
    return context


def _bundle(
    args: argparse.Namespace, plan: Plan, context: SampleData, notes: tuple[str, ...]
) -> PlanBundle:
    policy = args.policy
    if os.path.isfile(policy):
        policy = os.path.abspath(policy)
    choices = dict(item.partition("=")[::2] for item in args.interpretation or ())
    return PlanBundle(
        plan=plan,
        context=context,
        policy=policy,
        interpretations=choices,
        calendar=args.calendar,
        notes=notes,
        calendar_years=tuple(os.path.abspath(p) for p in args.calendar_year or ()),
        provisional=args.provisional,
    )


def _write_plan_files(
    args: argparse.Namespace,
    plan: Plan,
    context: SampleData,
    deadline: dt.date | None,
    notes: tuple[str, ...] = (),
    days: Mapping[str, Any] | None = None,
) -> list[str]:
    from hospital_inspection import exports

    names: dict[str, Any] = {
        "hospitals": context.hospitals,
        "experts": context.experts,
        "authorities": context.authorities,
    }
    table = {**names, **(days or {})}  # policy= and calendar=: the days column's unit
    written: list[str] = []
    if args.out:
        bundle = _bundle(args, plan, context, notes)
        written.append(_write_file("--out", args.out, lambda: write_plan_bundle(args.out, bundle)))
    if args.csv:
        written.append(
            _write_file("--csv", args.csv, lambda: exports.write_plan_csv(plan, args.csv, **table))
        )
    if args.xlsx:
        written.append(
            _write_file(
                "--xlsx", args.xlsx, lambda: exports.write_plan_xlsx(plan, args.xlsx, **table)
            )
        )
    if args.ics:
        written.append(
            _write_file("--ics", args.ics, lambda: exports.write_plan_ics(plan, args.ics, **names))
        )
    if args.gantt:
        from hospital_inspection.display import save_gantt_png

        if not args.gantt.lower().endswith(".png"):
            raise DataError(
                Message(
                    N_("--gantt {path}: the chart is a PNG image; name it FILE.png"),
                    {"path": args.gantt},
                )
            )
        by = gantt_by(args)
        per_person: dict[str, Any] = (
            {"max_days": args.max_days, "calendar": (days or {}).get("calendar")}
            if by == "person"
            else {}
        )
        written.append(
            _write_file(
                "--gantt",
                args.gantt,
                lambda: save_gantt_png(
                    plan,
                    args.gantt,
                    deadline=deadline,
                    font=args.font,
                    group_by=by,  # type: ignore[arg-type]  # checked by gantt_by
                    **per_person,
                    **names,
                ),
            )
        )
    return written


def _ranges(spans: list[Span], deadline: dt.date) -> dict[str, list[tuple[dt.date, dt.date]]]:
    """Per id, the ranges of ``spans``; an open range runs to ``deadline``."""
    out: dict[str, list[tuple[dt.date, dt.date]]] = {}
    for key, first, last in spans:
        out.setdefault(key, []).append((first, last or max(first, deadline)))
    return out


def _with_unavailability(
    context: SampleData, ranges: Mapping[str, list[tuple[dt.date, dt.date]]]
) -> SampleData:
    """``context`` with each person's ``--unavailable`` days on their ``Expert.unavailable``, so a
    plan file written with ``--out`` keeps them and ``reschedule`` never brings them back."""
    if not ranges:
        return context

    def days(spans: list[tuple[dt.date, dt.date]]) -> frozenset[dt.date]:
        return frozenset(
            first + dt.timedelta(days=n)
            for first, last in spans
            for n in range((last - first).days + 1)
        )

    experts = tuple(
        attrs.evolve(e, unavailable=e.unavailable | days(ranges[e.id])) if e.id in ranges else e
        for e in context.experts
    )
    return attrs.evolve(context, experts=experts)


def _office(
    args: argparse.Namespace, context: SampleData, *, start: dt.date, deadline: dt.date
) -> dict[str, Any]:
    """The office's options (availability, blackouts, caps, notice, objective) as keywords of
    :func:`~hospital_inspection.scheduling.schedule_request`."""
    people = unavailable_spans(args)
    for option in sorted({o for o, _ in people}):
        check_known(option, (s[0] for o, s in people if o == option),
                    (e.id for e in context.experts), N_("experts"))  # fmt: skip
    closed = hospital_blackouts(args)
    check_known("--hospital-blackout", (s[0] for s in closed),
                (h.id for h in context.hospitals), N_("hospitals"))  # fmt: skip
    return {
        "unavailable": _ranges([s for _, s in people], deadline),
        "hospital_blackout": _ranges(closed, deadline),
        "min_rest_days": args.min_rest_days,
        "notice_days": args.notice_days,
        "max_days_per_person": args.max_days,
        "max_days_per_person_per_year": args.max_days_per_year,
        **objective_options(args, start=start, deadline=deadline),
    }


#: What the value of each objective counts, for the summary.
_OBJECTIVE_UNITS = {
    "earliest": N_("working days"),
    "spread": N_("visits off their yearly targets"),
    "balanced": N_("working days for the busiest person"),
    "local": N_("cross-district trips beyond the rule's"),
}


def _binding(name: str, lang: str) -> str:
    """The binding constraint's name; a region's (``region 'huancui'``) worded in ``lang``
    (the others are message ids the summary translates)."""
    if name.startswith("region "):
        return text(N_("region {region}"), lang, region=name.removeprefix("region "))
    return name


def _schedule_summary(
    plan: Plan,
    stats: ScheduleStats,
    *,
    in_scope: int,
    hospitals: int,
    deadline: dt.date,
    lang: str = "en",
) -> list[str]:
    first = min((v.first_day for v in plan.visits), default=None)
    last = max((v.last_day for v in plan.visits), default=None)
    span = (
        text(N_("from {first:date} to {last:date}"), lang, first=first, last=last)
        if first and last
        else text(N_("none"), lang)
    )
    how = stats.method
    if stats.method == "greedy":
        how = text(N_("{method}, {attempts} orderings"), lang, method=how, attempts=stats.attempts)
    proven = text(N_(", proven minimal"), lang) if stats.optimal else ""
    head = text(N_("巡查计划 plan {plan} under {policy}"), lang, plan=plan.id, policy=plan.policy)
    if plan.round:
        head += text(N_(", round {round}"), lang, round=plan.round)
    objective = text(
        N_("  目标 objective    {objective}: {value} {unit}; lower bound {bound}{proven}"),
        lang,
        objective=stats.objective,
        value=stats.value,
        unit=text(_OBJECTIVE_UNITS.get(stats.objective, N_("working days")), lang),
        bound=stats.bound,
        proven=proven,
    )
    return [
        head,
        text(N_("  医院 hospitals   {n} in scope of {of}"), lang, n=in_scope, of=hospitals),
        text(
            N_("  巡查 visits      {n}, {span} (deadline {deadline:date})"),
            lang,
            n=len(plan.visits),
            span=span,
            deadline=deadline,
        ),
        text(
            N_(
                "  工期 makespan    {makespan} working days; lower bound {bound} ({binding}); "
                "ratio {ratio}{proven}"
            ),
            lang,
            makespan=stats.makespan,
            bound=stats.lower_bound,
            binding=_binding(stats.binding, lang),
            ratio=f"{stats.ratio:.2f}",
            proven=proven if stats.objective == "earliest" else "",
        ),
        objective,
        text(
            N_("  用时 time        {seconds} s ({how})"),
            lang,
            seconds=f"{stats.seconds:.1f}",
            how=how,
        ),
    ]


def _cmd_schedule(args: argparse.Namespace) -> int:
    from hospital_inspection.exports import plan_table
    from hospital_inspection.scheduling import schedule_request, solve, solve_exact
    from hospital_inspection.scheduling._adapter import apply_team_roles, plain_team_roles

    context = _schedule_context(args)
    start = args.start
    if start is None:
        if not args.demo:
            raise DataError(
                Message(N_("--start: missing; give the first day a visit may start (YYYY-MM-DD)"))
            )
        start = DEMO_START
    policy = _policy(args)
    calendar = _calendar(args.calendar, args)
    tree = context.authority_tree()
    request_kind = VisitKind.parse(args.kind)
    deadline = args.deadline or policy.round_end(request_kind).value
    office = _office(args, context, start=start, deadline=deadline)
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
        kind=request_kind,
        plan_id=args.plan_id,
        **office,
    )
    if args.pinned:
        agreed = pinned_visits(args.pinned, (r.id for r in request.requirements))
        agreed = plain_team_roles(agreed, policy, kind=request_kind)
        request = attrs.evolve(request, pinned=agreed.visits)
    n = len(request.requirements)
    with Progress(f"scheduling {n} visits"):
        solver = (lambda r: solve_exact(r, time_limit=args.time_limit)) if args.exact else solve
        result = solver(request)
    plan = apply_team_roles(result.plan, policy, kind=VisitKind.parse(args.kind))
    with Progress(f"checking {n} visits"):
        report: ComplianceReport = check_plan(
            plan,
            policy,
            hospitals=context.hospitals,
            experts=context.experts,
            authorities=tree,
            calendar=calendar,
        )
    notes_in = functools.partial(
        schedule_notes,
        context.hospitals,
        policy,
        authorities=tree,
        include_reference=args.include_reference,
        kind=request_kind,
    )
    notes = notes_in(lang="en")
    provisional = _is_provisional(
        calendar,
        min((v.first_day for v in plan.visits), default=None),
        max((v.last_day for v in plan.visits), default=None),
    )
    if provisional:
        notes = (*notes, PROVISIONAL_NOTE)
    days: dict[str, Any] = {"policy": policy, "calendar": calendar}  # counted as the rule does
    notes = (*notes, *result.notes)
    gantt_by(args)  # a bad --gantt-by stops the command before any file is written
    kept = _with_unavailability(context, office["unavailable"])  # the plan file keeps them
    written = _write_plan_files(args, plan, kept, request.deadline, notes, days)
    code = EXIT_OK if report.ok else EXIT_VIOLATION
    if args.json:
        _print_json(
            {
                "plan": unstructure(plan),
                "stats": unstructure(result.stats),
                "report": unstructure(report),
                "notes": list(notes),
                "provisional": provisional,
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
        lang=args.lang,
    )
    print("\n".join(summary))
    table = plan_table(
        plan, hospitals=context.hospitals, experts=context.experts, authorities=tree, **days
    )
    print("\n" + text(N_("巡查时间表 schedule:"), args.lang) + "\n")
    print(table)
    if DAYS_WORKING in table.headers:
        note = EVERY_DAY_NOTE if isinstance(calendar, CalendarDays) else WORKING_DAYS_NOTE
        print("\n" + text(note, args.lang, header=DAYS_WORKING))
    if notes:
        head = text(N_("说明 notes ({n}): what this schedule does not do"), args.lang, n=len(notes))
        print(f"\n{head}\n")
        if args.lang != "en":  # the plan file keeps the English lines; the reader gets theirs
            scope_notes = notes_in(lang=args.lang)  # the first lines of notes, in args.lang
            # then e.g. PROVISIONAL_NOTE (a message id), then what is wrong with pinned visits
            rest = notes[len(scope_notes) : len(notes) - len(result.notes)]
            pinned_notes = verify(result.plan, request, lang=args.lang) if result.notes else []
            notes = (*scope_notes, *(text(n, args.lang) for n in rest), *pinned_notes)
        print("\n".join(f"  - {n}" for n in notes))
    print("\n" + text(N_("合规检查 compliance:"), args.lang) + "\n")
    print(report.render(lang=args.lang))
    for path in written:
        print(text(N_("wrote {path}"), args.lang, path=path))
    return code


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add schedule to the parser."""
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
    _add_calendar_year_options(sch)
    sch.add_argument("--plan-id", help="the plan's id (default: <policy>-plan)")
    add_office_options(sch, repair=False)
    sch.add_argument(
        "--exact",
        action="store_true",
        help="optimise the objective with CP-SAT (extra 'solver') instead of the greedy "
        "scheduler; it honours every option above",
    )
    sch.add_argument(
        "--time-limit",
        type=_seconds,
        default=30.0,
        help="seconds CP-SAT may search with --exact (default 30)",
    )
    sch.add_argument(
        "--out",
        metavar="PLAN.json",
        help="write the plan with its hospitals, experts, authorities, policy and readings "
        "(JSON), so that 'check PLAN.json' needs nothing else",
    )
    sch.add_argument("--csv", metavar="FILE", help="write the schedule (巡查时间表) as CSV")
    sch.add_argument("--xlsx", metavar="FILE", help="write the schedule as .xlsx (extra 'excel')")
    sch.add_argument("--ics", metavar="FILE", help="write the visits as iCalendar (extra 'ics')")
    sch.add_argument("--gantt", metavar="FILE.png", help="draw a Gantt chart (extra 'plot')")
    sch.add_argument(
        "--gantt-by",
        metavar="ROWS",
        help="the Gantt chart's rows: authority (default), team (by team leader) or person "
        "(each person's visits and load in working days, against --max-days)",
    )
    sch.add_argument(
        "--font",
        metavar="PATH",
        help="a font file (.ttf/.otf/.ttc) or family with Chinese glyphs for --gantt "
        "(default: an installed one such as Noto Sans CJK SC, else ids instead of names)",
    )
    sch.set_defaults(func=_cmd_schedule)
