"""Shared pieces of the command line (private): argument types, policy and calendar options,
JSON and decision output, exit codes."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from collections.abc import Callable
from typing import Any

from hospital_inspection import _atomic
from hospital_inspection.convert import unstructure
from hospital_inspection.dates.arrangements import load_year_arrangement
from hospital_inspection.dates.calendars import CalendarDays, ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.errors import DataError
from hospital_inspection.policy import Decision, Policy, available_policies, load_policy

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2

#: The first day of the round ``schedule --demo`` plans (a Monday), fixed so output is repeatable.
DEMO_START = dt.date(2025, 3, 3)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line on standard error (no usage block), then exit code 2."""
        message = " ".join(message.split())
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


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


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0")
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


def _calendar(name: str, args: argparse.Namespace | None = None) -> WorkCalendar:
    if name == "calendar":
        return CalendarDays()
    years = getattr(args, "calendar_year", None) or ()
    provisional = bool(getattr(args, "provisional", False))
    if not years and not provisional:
        return ChinaOfficialCalendar()
    arrangements = [load_year_arrangement(path) for path in years]
    return ChinaOfficialCalendar(arrangements=arrangements, provisional_fallback=provisional)


def _add_calendar_year_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--calendar-year",
        action="append",
        metavar="FILE.toml",
        help="a year's official arrangement (放假安排) the calendar data lacks yet, as a TOML file "
        "(year, source, holidays, workdays; see docs/how-to/calendar-years.md); repeatable",
    )
    p.add_argument(
        "--provisional",
        action="store_true",
        help="for a year without official data, count Monday-Friday as working days and mark "
        "every result PROVISIONAL (instead of stopping with an error)",
    )


PROVISIONAL_NOTE = (
    "PROVISIONAL: some dates fall in a year without official calendar data; Monday-Friday "
    "were counted as working days (--provisional). Recompute when the State Council notice is out."
)


def _is_provisional(calendar: WorkCalendar, first: dt.date | None, last: dt.date | None) -> bool:
    if first is None or last is None:
        return False
    return bool(calendar.is_provisional(first, last))


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


def _write_file(option: str, path: str, write: Callable[[], object]) -> str:
    try:
        _atomic.check_target(path)
    except DataError as exc:
        raise DataError(f"{option} {exc.problems[0]}") from None
    try:
        write()
    except OSError as exc:
        raise DataError(f"{option} {path}: cannot write the file ({exc.strerror or exc})") from None
    return path


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
