"""``policy lint`` and ``policy init``: authoring a policy file (private)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from hospital_inspection.cli._common import (
    EXIT_OK,
    EXIT_VIOLATION,
    _date,
    _Parser,
    _print_json,
    _write_file,
)
from hospital_inspection.convert import unstructure
from hospital_inspection.errors import DataError, PolicyError
from hospital_inspection.i18n import N_, Message, problem_lines
from hospital_inspection.i18n import text as _text
from hospital_inspection.policy import draft_policy, lint_policy, load_policy

__all__ = ["register"]


def _cmd_lint(args: argparse.Namespace) -> int:
    if not Path(args.file).is_file():
        raise DataError(Message(N_("FILE {path}: no such file"), {"path": args.file}))
    try:
        policy = load_policy(args.file)
    except PolicyError as exc:  # a file that does not load: every problem, one per line
        lines = [line.strip().removeprefix("- ") for line in str(exc).splitlines()[1:]]
        problems = lines or [str(exc)]
        if args.json:
            _print_json([{"severity": "error", "code": "invalid", "message": p} for p in problems])
            return EXIT_VIOLATION
        if args.lang != "en" and exc.messages:
            problems = problem_lines(exc, args.lang)
        for p in problems:
            print(_text(N_("error: invalid: {problem}"), args.lang, problem=p))
        summary = N_("{file}: does not load: {n} error(s)")
        print(_text(summary, args.lang, file=args.file, n=len(problems)))
        return EXIT_VIOLATION
    issues = lint_policy(policy)
    errors = [i for i in issues if i.severity == "error"]
    if args.json:
        dropped = ("message_id", "params")  # the JSON keeps the fields it had (English message)
        _print_json([{k: x for k, x in unstructure(i).items() if k not in dropped} for i in issues])
    else:
        for issue in issues:
            print(issue.text(args.lang))
        unencoded = sum(1 for i in issues if i.code == "unencoded")
        left = (
            _text(N_(", {n} UNENCODED clause(s) left"), args.lang, n=unencoded) if unencoded else ""
        )
        counts = N_("{file}: {errors} error(s), {warnings} warning(s){left}")
        warnings = len(issues) - len(errors)
        print(
            _text(
                counts, args.lang, file=args.file, errors=len(errors), warnings=warnings, left=left
            )
        )
    return EXIT_VIOLATION if errors else EXIT_OK


def _cmd_init(args: argparse.Namespace) -> int:
    source = Path(args.source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        unreadable = N_("SOURCE {source}: cannot be read as UTF-8 text ({reason})")
        raise DataError(Message(unreadable, {"source": args.source, "reason": exc})) from None
    out = Path(args.out)
    if out.exists() and not args.force:
        exists = N_("--out {out}: the file exists; give --force to replace it")
        raise DataError(Message(exists, {"out": args.out}))
    relative = os.path.relpath(source.resolve(), out.resolve().parent)
    if relative.startswith(".."):  # a policy's sources stay in its folder: copy the text there
        copy = out.resolve().parent / source.name
        if not copy.exists():
            _write_file("--out", str(copy), lambda: copy.write_text(text, encoding="utf-8"))
        elif copy.read_text(encoding="utf-8") != text:
            clash = N_(
                "--out {out}: {copy} exists with other text; a policy's source text must "
                "sit in the policy's folder, so put the draft elsewhere or rename one of them"
            )
            raise DataError(Message(clash, {"out": args.out, "copy": copy}))
        relative = source.name
    draft = draft_policy(
        text,
        source=Path(relative).as_posix(),
        id=args.id or out.stem,
        document=args.document,
        title=args.title,
        issuer=args.issuer,
        issued=args.issued,
    )
    _write_file("--out", args.out, lambda: out.write_text(draft.toml, encoding="utf-8"))
    drafted = len(draft.rules) - len(draft.unencoded)
    if args.json:
        summary: dict[str, Any] = {
            "out": args.out,
            "drafted": drafted,
            "unencoded": list(draft.unencoded),
        }
        _print_json(summary)
    else:
        done = N_(
            "{out}: drafted {drafted} rule(s) from {source}; {unencoded} clause(s) left "
            "UNENCODED.\nNext: check each rule against the text, encode the rest, then run\n"
            "  hospital-inspection policy lint {out}"
        )
        print(
            _text(
                done,
                args.lang,
                out=args.out,
                drafted=drafted,
                source=args.source,
                unencoded=len(draft.unencoded),
            )
        )
    return EXIT_OK


def register(sub: Any, command: Any) -> None:
    """Add ``policy lint`` and ``policy init`` to the parser."""
    group = sub.add_parser(
        "policy",
        help="author a policy file: draft one from a notice's text (init), check it (lint)",
        description="Author a policy file: draft one from a notice's text, then lint it.",
        epilog="example:\n"
        "  hospital-inspection policy init shili-2025-2027.txt --out shili.toml\n"
        "  hospital-inspection policy lint shili.toml   # exit code 1 while an error is left",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inner = group.add_subparsers(dest="policy_command", required=True, parser_class=_Parser)
    lint = command(
        "lint",
        "check a policy file: clause paths, verbatim citations, names, decision tables; "
        "exit code 1 on an error",
        "hospital-inspection policy lint my-city.toml",
        under=inner,
    )
    lint.add_argument("file", help="the policy TOML file")
    lint.set_defaults(func=_cmd_lint)
    init = command(
        "init",
        "draft a policy file from a notice's text; clauses it cannot read are left UNENCODED",
        "hospital-inspection policy init shili-2025-2027.txt --out shili.toml",
        under=inner,
    )
    init.add_argument("source", help="the notice as UTF-8 text, one paragraph per line")
    init.add_argument("--out", required=True, help="the draft policy file to write")
    init.add_argument("--force", action="store_true", help="replace --out if it exists")
    init.add_argument("--id", help="the policy id (default: the --out file's name)")
    init.add_argument("--document", help="文号, when the text's is not found")
    init.add_argument("--title", help="the document's title, when not found in the text")
    init.add_argument("--issuer", help="发文机关, when not found above the date line")
    init.add_argument("--issued", type=_date, help="the issue date YYYY-MM-DD, when not found")
    init.set_defaults(func=_cmd_init)
