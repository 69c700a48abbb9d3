"""The ``hospital-inspection`` command (also ``python -m hospital_inspection``).

Commands: ``demo`` (the built-in sample), ``policies``, ``decide``, ``deadline``, ``schedule``
(build a round's plan and check it; ``schedule --demo`` is the main job), ``reschedule`` (repair
a plan after a change), ``check`` (a plan file),
``ledger`` (``add`` / ``feedback`` / ``update`` / ``status`` / ``overdue`` on a 整改台账 file),
``policy`` (``init`` drafts a policy file from a notice's text, ``lint`` checks one),
``template`` (blank Excel templates for an office's hospitals and experts).

Run ``hospital-inspection --help`` for the commands; every command has ``--help`` with an example.
Output is a readable table by default and JSON with ``--json``. Exit codes: 0 success, 1 a
compliance violation found (``check``, ``schedule``), 2 bad input (the message, one line on
standard error, names the input and the field) or no plan possible, 3 a shared ledger file
refused a change (another writer got there first, or the file stayed busy; nothing written).
Work that takes more than a second shows a progress line on standard error when it is a terminal.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence
from typing import Any

from hospital_inspection import i18n
from hospital_inspection.cli import _inspect, _ledger, _policy, _reschedule, _schedule, _template
from hospital_inspection.cli._common import (
    DEMO_START,
    EXIT_BAD_INPUT,
    EXIT_CONFLICT,
    EXIT_OK,
    _Parser,
    language_of_argv,
    parsing_in,
)
from hospital_inspection.errors import CalendarCoverageError, ConflictError, InspectionError

__all__ = ["DEMO_START", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog="hospital-inspection",
        description="China's large-hospital inspection rules (大型医院巡查), computable and cited.",
        epilog="Start with: hospital-inspection schedule --demo\n"
        "Exit codes: 0 ok, 1 a violation found by 'check' or 'schedule', 2 bad input,\n"
        "3 a shared ledger refused a change (retry).",
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
        p.add_argument(
            "--lang",
            metavar="LANG",
            help="output language: en or zh (简体中文); default $HOSPITAL_INSPECTION_LANG, "
            "then the system locale (zh_CN.* gives zh), then en",
        )
        return p

    _inspect.register(command)
    _schedule.register(command)
    _reschedule.register(command)
    _inspect.register_check(command)
    _ledger.register(sub, command)
    _policy.register(sub, command)
    _template.register(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Bad input of any kind ends with one line on standard error and exit code 2; output piped
    into a program that stops reading (``| head``) ends quietly with the code so far.
    """
    with parsing_in(language_of_argv(sys.argv[1:] if argv is None else argv)):
        args = build_parser().parse_args(argv)  # argparse's own errors exit 2 (SystemExit)
    sub = getattr(args, "ledger_command", None) or getattr(args, "policy_command", None)
    name = " ".join(filter(None, (args.command, sub)))
    try:
        args.lang = i18n.resolve(getattr(args, "lang", None))
    except InspectionError as exc:
        return _bad_input(name, f"--lang: {exc}")
    try:
        code: int = args.func(args)
        sys.stdout.flush()
    except BrokenPipeError:
        return _closed_pipe()
    except CalendarCoverageError as exc:
        if args.lang != "en" and exc.year is not None:
            return _bad_input(name, i18n.error_text(exc, args.lang), args.lang)
        hint = "; on the command line: --calendar-year FILE.toml or --provisional"
        return _bad_input(name, str(exc).split(". Supply")[0] + hint, args.lang)
    except InspectionError as exc:
        code = _bad_input(name, i18n.error_text(exc, args.lang), args.lang)
        return EXIT_CONFLICT if isinstance(exc, ConflictError) else code
    except OSError as exc:
        where = f" {exc.filename}" if exc.filename else ""
        reason = exc.strerror or exc
        message = i18n.text(
            i18n.N_("cannot use{where}: {reason}"), args.lang, where=where, reason=reason
        )
        return _bad_input(name, message, args.lang)
    except RecursionError:
        return _bad_input(
            name, i18n.text(i18n.N_("the input is nested too deeply"), args.lang), args.lang
        )
    except (OverflowError, csv.Error, UnicodeError) as exc:
        return _bad_input(name, f"{type(exc).__name__}: {exc}", args.lang)
    return code


def _bad_input(name: str, message: str, lang: str = "en") -> int:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    line = i18n.text(
        i18n.N_("hospital-inspection {command}: error: {message}"),
        lang,
        command=name,
        message=" ".join(lines),
    )
    print(line, file=sys.stderr)
    return EXIT_BAD_INPUT


def _closed_pipe() -> int:
    """The reader of standard output went away: stop quietly (as ``cat | head`` does)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a real file (e.g. captured in tests)
        pass
    return EXIT_OK
