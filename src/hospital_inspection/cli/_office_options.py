"""The options an office plans a round with, shared by schedule and reschedule (private).

Who is unavailable (``--unavailable PERSON:FROM..TO``, repeatable, or ``--unavailable-file`` a
table with columns person/from/to, Chinese headings 人员编号/开始日期/结束日期), hospital blackouts
(``--hospital-blackout HOSPITAL:FROM..TO``), caps (``--max-days``, ``--max-days-per-year``), rest
days and notice (``--min-rest-days``, ``--notice-days``), the objective (``--objective``, with
``--per-year 2025:0.5,2026:0.5`` for ``spread``) and, for schedule, visits already agreed
(``--pinned PLAN.json``). Every bad value stops the command with one line naming the option and
what was expected (in the reader's language).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from hospital_inspection.cli._common import _non_negative, _positive
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.visits import Plan
from hospital_inspection.scheduling import OBJECTIVES

__all__ = [
    "Span",
    "add_office_options",
    "check_known",
    "gantt_by",
    "hospital_blackouts",
    "objective_options",
    "pinned_visits",
    "unavailable_spans",
]

#: ``(id, first, last)``: ``last`` ``None`` for an open range (to the end of the round).
Span = tuple[str, dt.date, dt.date | None]

#: The columns of an ``--unavailable-file`` table, with their Chinese headings.
UNAVAILABLE_COLUMNS: dict[str, str] = {
    "person": "person",
    "人员编号": "person",
    "from": "from",
    "开始日期": "from",
    "to": "to",
    "结束日期": "to",
}


def _fail(message: str, **params: object) -> DataError:
    return DataError(Message(message, params))


def span(option: str, text: str) -> tuple[dt.date, dt.date | None]:
    """``DATE``, ``DATE..DATE`` or ``DATE..`` (open: to the end of the round)."""
    first, sep, last = text.partition("..")
    try:
        a = dt.date.fromisoformat(first.strip())
        b = dt.date.fromisoformat(last.strip()) if last.strip() else (None if sep else a)
    except ValueError:
        raise _fail(
            N_("{option} {value}: expected DATE, DATE..DATE or DATE.. (YYYY-MM-DD)"),
            option=option,
            value=repr(text),
        ) from None
    if b is not None and b < a:
        raise _fail(
            N_("{option} {value}: the range ends before it starts"), option=option, value=repr(text)
        )
    return a, b


def keyed(option: str, text: str) -> Span:
    """``ID:DATE..DATE`` (see :func:`span`)."""
    key, sep, when = text.partition(":")
    if not sep or not key.strip():
        raise _fail(N_("{option} {value}: expected ID:DATE..DATE"), option=option, value=repr(text))
    return (key.strip(), *span(option, when))


def _read_unavailable_file(path: str) -> list[Span]:
    from hospital_inspection.loaders import read_rows

    option = "--unavailable-file"
    if not Path(path).is_file():
        raise _fail(N_("{option} {path}: no such file; expected a table with columns "
                       "person,from,to"), option=option, path=path)  # fmt: skip
    rows = read_rows(Path(path))
    if not rows:
        raise _fail(
            N_(
                "{option} {path}: the file is empty; expected a header row "
                "person,from,to (人员编号,开始日期,结束日期)"
            ),
            option=option,
            path=path,
        )
    header = [
        UNAVAILABLE_COLUMNS.get(h.strip().lower(), UNAVAILABLE_COLUMNS.get(h.strip(), ""))
        for h in rows[0]
    ]
    if "person" not in header or "from" not in header:
        raise _fail(
            N_(
                "{option} {path}: the header {header} lacks person or from; expected "
                "person,from,to (人员编号,开始日期,结束日期)"
            ),
            option=option,
            path=path,
            header=",".join(rows[0]),
        )
    out: list[Span] = []
    for number, raw in enumerate(rows[1:], start=2):
        cells = {k: c.strip() for k, c in zip(header, raw, strict=False) if k}
        if not any(cells.values()):
            continue
        person, first, last = cells.get("person", ""), cells.get("from", ""), cells.get("to", "")
        where = f"{option} {path} row {number}"
        if not person:
            raise _fail(N_("{where}: the person is missing; expected a person id"), where=where)
        out.append((person, *span(where, f"{first}..{last}" if last else first)))
    return out


def unavailable_spans(args: argparse.Namespace) -> list[tuple[str, Span]]:
    """``(option, (person, first, last))`` from ``--unavailable`` and ``--unavailable-file``."""
    out = [("--unavailable", keyed("--unavailable", t)) for t in args.unavailable or ()]
    for path in args.unavailable_file or ():
        out.extend(("--unavailable-file", s) for s in _read_unavailable_file(path))
    return out


def hospital_blackouts(args: argparse.Namespace) -> list[Span]:
    """``(hospital, first, last)`` from ``--hospital-blackout``."""
    return [keyed("--hospital-blackout", t) for t in args.hospital_blackout or ()]


def check_known(option: str, ids: Iterable[str], known: Iterable[str], what: str) -> None:
    """Stop on an id that names no person (or hospital) of the data."""
    have = set(known)
    unknown = sorted(set(ids) - have)
    if unknown:
        raise _fail(
            N_("{option}: {ids} not among the {what:t}; expected an id of the data"),
            option=option,
            ids=", ".join(unknown),
            what=what,
        )


def _per_year(items: Sequence[str]) -> dict[int, Fraction]:
    out: dict[int, Fraction] = {}
    for item in items:
        for part in item.split(","):
            if not part.strip():
                continue
            year, sep, share = part.replace("=", ":").partition(":")
            try:
                y = int(year.strip())
                f = Fraction(share.strip())
            except (ValueError, ZeroDivisionError):
                y, f = 0, Fraction(-1)
            if not sep or not 1900 <= y <= 2999 or not 0 <= f <= 1:
                raise _fail(
                    N_(
                        "--per-year {value}: expected YEAR:SHARE with a share from 0 to "
                        "1, e.g. 2025:0.5,2026:0.5"
                    ),
                    value=repr(part.strip()),
                )
            if y in out:
                raise _fail(N_("--per-year: the year {year} is given twice"), year=y)
            out[y] = f
    return out


def objective_options(
    args: argparse.Namespace, *, start: dt.date, deadline: dt.date
) -> dict[str, Any]:
    """``objective`` and ``per_year`` for the request; ``--per-year`` alone means ``spread``."""
    objective = args.objective
    shares = _per_year(args.per_year or ())
    if objective is None:
        objective = "spread" if shares else "earliest"
    if objective not in OBJECTIVES:
        raise _fail(
            N_("--objective {value}: expected one of {choices}"),
            value=repr(objective),
            choices=", ".join(OBJECTIVES),
        )
    if objective != "spread":
        if shares:
            raise _fail(
                N_("--per-year applies to --objective spread only, not {objective}"),
                objective=objective,
            )
        return {"objective": objective}
    if not shares:
        raise _fail(N_("--objective spread needs --per-year, e.g. 2025:0.5,2026:0.5"))
    total = sum(shares.values(), Fraction(0))
    if total != 1:
        raise _fail(
            N_("--per-year: the shares add up to {total}; expected 1"), total=f"{float(total):g}"
        )
    outside = sorted(y for y in shares if not start.year <= y <= deadline.year)
    if outside:
        raise _fail(
            N_(
                "--per-year: the year {year} is outside the round ({start} to "
                "{deadline}); expected years {first} to {last}"
            ),
            year=outside[0],
            start=start,
            deadline=deadline,
            first=start.year,
            last=deadline.year,
        )
    return {"objective": objective, "per_year": shares}


def pinned_visits(path: str, wanted: Iterable[str]) -> Plan:
    """The visits of a plan file (``schedule --out`` or ``reschedule --out``) to keep as they
    are; each must be a visit this round schedules (its id ``<hospital>-<kind>``)."""
    from hospital_inspection.loaders import load_plan

    if not Path(path).is_file():
        raise _fail(
            N_(
                "--pinned {path}: no such file; expected a plan JSON file as "
                "'schedule --out' writes"
            ),
            path=path,
        )
    try:
        plan = load_plan(path)
    except DataError as exc:
        raise _fail(
            N_(
                "--pinned {path}: not a plan file ({problem}); expected a plan JSON "
                "file as 'schedule --out' writes"
            ),
            path=path,
            problem=exc.problems[0],
        ) from None
    have = set(wanted)
    stray = sorted(v.id for v in plan.visits if v.id not in have)
    if stray:
        raise _fail(
            N_(
                "--pinned {path}: visit {visit} is not one this round schedules; expected "
                "visits of hospitals in scope"
            ),
            path=path,
            visit=stray[0],
        )
    return plan


def gantt_by(args: argparse.Namespace) -> str:
    """``--gantt-by``: the Gantt chart's rows (``authority``, ``team`` or ``person``)."""
    by = args.gantt_by or "authority"
    if by not in ("authority", "team", "person"):
        raise _fail(N_("--gantt-by {value}: expected authority, team or person"), value=repr(by))
    return str(by)


def add_office_options(p: argparse.ArgumentParser, *, repair: bool) -> None:
    """Add the office's options; ``repair``: as changes to an announced plan (reschedule)."""
    p.add_argument(
        "--unavailable",
        action="append",
        metavar="PERSON:FROM..TO",
        help="a person cannot serve FROM..TO (one DATE: that day; TO empty: to the "
        "round's end); repeatable",
    )
    p.add_argument(
        "--unavailable-file",
        action="append",
        metavar="FILE.csv",
        help="the same as a table (CSV or .xlsx) with columns person,from,to "
        "(人员编号,开始日期,结束日期); an empty 'to' is one day; repeatable",
    )
    p.add_argument(
        "--hospital-blackout",
        action="append",
        metavar="HOSPITAL:FROM..TO",
        help="days a hospital cannot be visited (e.g. its 等级评审); repeatable",
    )
    p.add_argument(
        "--min-rest-days",
        type=_non_negative,
        metavar="DAYS",
        default=0,
        help="working days free between two visits of one person (default 0)",
    )
    p.add_argument(
        "--notice-days",
        type=_non_negative,
        metavar="DAYS",
        default=0,
        help="working days of notice before a visit (moved or new ones when repairing; default 0)"
        if repair
        else "no visit starts before --start plus "
        "this many working days (the hospital's 全面自查 first; default 0)",
    )
    p.add_argument(
        "--max-days",
        type=_positive,
        metavar="DAYS",
        help="most working days per person in the round (leaders and officials too)",
    )
    p.add_argument(
        "--max-days-per-year",
        type=_positive,
        metavar="DAYS",
        help="most working days per person per calendar year",
    )
    p.add_argument(
        "--objective",
        metavar="NAME",
        help="what to optimise: earliest (finish soonest; default), spread (meet "
        "--per-year targets), balanced (fewest days for the busiest person), local "
        "(fewest cross-district trips beyond the 外区市 rule's)",
    )
    p.add_argument(
        "--per-year",
        action="append",
        metavar="YEAR:SHARE,...",
        help="for spread: each year's share of the visits, e.g. 2025:0.5,2026:0.5 "
        "(or repeated 2025=0.5); shares from 0 to 1 adding up to 1, years inside "
        "the round; implies --objective spread",
    )
    if not repair:
        p.add_argument(
            "--pinned",
            metavar="PLAN.json",
            help="visits already agreed, kept exactly (dates and team): a plan file "
            "as 'schedule --out' or 'reschedule --out' writes; each of its visits "
            "must be one this round schedules",
        )
