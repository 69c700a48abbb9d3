"""Shared pieces of the command line (private): argument types, policy and calendar options,
JSON and decision output, exit codes."""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import datetime as dt
import json
import math
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from hospital_inspection import _atomic
from hospital_inspection._validate import parse_iso_date
from hospital_inspection.dates.arrangements import load_year_arrangement
from hospital_inspection.dates.calendars import CalendarDays, ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message, resolve, text, translation
from hospital_inspection.policy import Policy, available_policies, lint_policy, load_policy

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2
#: A shared ledger file refused the change (another writer got there first, or the file stayed
#: busy): nothing was written; read again and retry.
EXIT_CONFLICT = 3

#: The first day of the round ``schedule --demo`` plans (a Monday), fixed so output is repeatable.
DEMO_START = dt.date(2025, 3, 3)


#: The language of the command line's own errors while the arguments are parsed (before
#: ``--lang`` is checked): see :func:`parsing_in`.
_PARSE_LANG: contextvars.ContextVar[str] = contextvars.ContextVar("parse_lang", default="en")

#: argparse's own error messages (its gettext message ids, exactly as argparse writes them),
#: translated in the library's catalog so that under ``--lang zh`` a parse error reads in Chinese.
ARGPARSE_MESSAGES = (
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("ignored explicit argument %r"),
)


def language_of_argv(argv: Sequence[str]) -> str:
    """The language ``--lang`` (or the default) asks for, without failing: ``en`` when unclear.

    Used only for the parser's own errors, which come before ``--lang`` is checked.
    """
    chosen: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            chosen = argv[i + 1]
        elif arg.startswith("--lang="):
            chosen = arg.partition("=")[2]
    try:
        return resolve(chosen)
    except DataError:
        return "en"


@contextlib.contextmanager
def parsing_in(lang: str) -> Iterator[None]:
    """Parse arguments with argparse's and the parser's errors in ``lang``."""
    module: Any = argparse  # argparse looks its gettext function ``_`` up at each message
    token = _PARSE_LANG.set(lang)
    original = module._
    if lang != "en":
        module._ = translation(lang).gettext
    try:
        yield
    finally:
        module._ = original
        _PARSE_LANG.reset(token)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        """One line on standard error (no usage block), then exit code 2."""
        message = " ".join(message.split())
        line = N_("{prog}: error: {message} (see {prog} --help)")
        self.exit(
            EXIT_BAD_INPUT, text(line, _PARSE_LANG.get(), prog=self.prog, message=message) + "\n"
        )


def _type_error(message: str, value: str) -> argparse.ArgumentTypeError:
    return argparse.ArgumentTypeError(text(message, _PARSE_LANG.get(), value=repr(value)))


def _date(value: str) -> dt.date:
    day = parse_iso_date(value)
    if day is None:
        raise _type_error(N_("{value} is not a date; expected YYYY-MM-DD"), value)
    return day


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise _type_error(N_("{value} is not a whole number of at least 1"), value)
    return number


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise _type_error(N_("{value} is not a whole number of at least 0"), value)
    return number


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not math.isfinite(number) or number <= 0:
        raise _type_error(N_("{value} is not a number of seconds above 0"), value)
    return number


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def _policy(args: argparse.Namespace) -> Policy:
    choices: dict[str, str] = {}
    for item in getattr(args, "interpretation", None) or ():
        name, sep, choice = item.partition("=")
        if not sep:
            raise DataError(
                Message(N_("--interpretation: {item} is not NAME=CHOICE"), {"item": repr(item)})
            )
        choices[name] = choice
    lang = getattr(args, "lang", "en")
    return load_user_policy(args.policy, interpretations=choices or None, lang=lang)


def load_user_policy(
    source: str, *, interpretations: dict[str, str] | None = None, lang: str = "en"
) -> Policy:
    """Load a policy; for a user's own file, print what lint finds on standard error.

    A shipped policy lints clean (its tests say so); a user's file may not, and a misquoted
    citation or an unknown event name should not pass in silence. The command goes on: only
    ``policy lint`` fails on a lint error.
    """
    policy = load_policy(source, interpretations=interpretations)
    if source not in available_policies():
        line = N_("hospital-inspection: policy {source}: {issue}")
        for issue in lint_policy(policy):
            print(text(line, lang, source=source, issue=issue.text(lang)), file=sys.stderr)
    return policy


#: How each kind of table file was read, for the note on standard error.
_FILE_KINDS = {
    "Excel workbook": N_("an Excel workbook"),
    "JSON": N_("JSON"),
    "UTF-8": N_("CSV in UTF-8"),
    "UTF-8 with BOM": N_("CSV in UTF-8 with a byte-order mark"),
    "UTF-16": N_("CSV in UTF-16"),
    "GB18030": N_("CSV in GB18030 (GBK)"),
}


def note_data_files(args: argparse.Namespace, lang: str | None = None) -> None:
    """Say on standard error how each ``--hospitals`` / ``--experts`` file was read.

    The encoding of a CSV file is detected (UTF-8, UTF-8 with BOM, UTF-16, GB18030), never
    guessed in silence: a file saved by Excel in GBK reads, and the note says so.
    """
    from hospital_inspection.loaders import describe_file

    for option in ("hospitals", "experts"):
        path = getattr(args, option, None)
        if not path:
            continue
        how = describe_file(path)
        kind = _FILE_KINDS.get(how.removeprefix("CSV, "), how)
        line = text(
            N_("--{option} {path}: read as {how}"),
            lang,
            option=option,
            path=path,
            how=text(kind, lang),
        )
        print(f"hospital-inspection: {line}", file=sys.stderr)


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


PROVISIONAL_NOTE = N_(
    "PROVISIONAL: some dates fall in a year without official calendar data; Monday-Friday "
    "were counted as working days (--provisional). Recompute when the State Council notice is out."
)


def _is_provisional(calendar: WorkCalendar, first: dt.date | None, last: dt.date | None) -> bool:
    if first is None or last is None:
        return False
    return bool(calendar.is_provisional(first, last))


def _write_file(option: str, path: str, write: Callable[[], object]) -> str:
    try:
        _atomic.check_target(path)
    except DataError as exc:
        raise DataError(
            Message(N_("{option} {problem}"), {"option": option, "problem": exc.messages[0]})
        ) from None
    try:
        write()
    except OSError as exc:
        cannot = N_("{option} {path}: cannot write the file ({reason})")
        reason = exc.strerror or exc
        raise DataError(
            Message(cannot, {"option": option, "path": path, "reason": reason})
        ) from None
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
