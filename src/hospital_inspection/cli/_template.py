"""The template command: blank Excel templates for hospitals and experts (private)."""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable

from hospital_inspection.cli._common import EXIT_OK, _print_json, _write_file
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message, text


def _cmd_template(args: argparse.Namespace) -> int:
    from hospital_inspection.exports.templates import write_template

    asked = [(kind, getattr(args, kind)) for kind in ("hospitals", "experts")]
    asked = [(kind, path) for kind, path in asked if path]
    if not asked:
        raise DataError(Message(N_("give --hospitals FILE.xlsx and/or --experts FILE.xlsx")))
    written = []
    for kind, path in asked:
        if not path.lower().endswith(".xlsx"):
            workbook = N_("--{kind} {path}: a template is an Excel workbook; name it FILE.xlsx")
            raise DataError(Message(workbook, {"kind": kind, "path": path}))
        write = functools.partial(write_template, path, kind)
        written.append(_write_file(f"--{kind}", path, write))
    if args.json:
        _print_json({"files": written})
        return EXIT_OK
    for path in written:
        print(text(N_("wrote {path}"), args.lang, path=path))
    then = N_(
        "Fill one row per hospital or person (the example row shows the form), then: "
        "hospital-inspection schedule --hospitals FILE --experts FILE --start YYYY-MM-DD"
    )
    print(text(then, args.lang))
    return EXIT_OK


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add template to the parser."""
    tpl = command(
        "template",
        "write blank Excel templates (with drop-down lists) for hospitals and experts",
        "hospital-inspection template --hospitals hospitals.xlsx --experts experts.xlsx",
    )
    tpl.add_argument("--hospitals", metavar="FILE.xlsx", help="write the hospitals template")
    tpl.add_argument("--experts", metavar="FILE.xlsx", help="write the experts template")
    tpl.set_defaults(func=_cmd_template)
