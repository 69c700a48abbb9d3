"""The ``hospital-inspection`` command.

Run ``hospital-inspection --help`` for the commands; every command has ``--help`` with an example.
Exit codes: 0 success, 1 a compliance violation found, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from hospital_inspection.convert import unstructure
from hospital_inspection.errors import InspectionError
from hospital_inspection.samples import available_samples, sample_data
from hospital_inspection.tables import render_table

__all__ = ["main"]

EXIT_OK = 0
EXIT_VIOLATION = 1
EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: error: {message}\n")


def _cmd_demo(args: argparse.Namespace) -> int:
    data = sample_data(args.sample)
    if args.json:
        print(json.dumps(unstructure(data), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Sample {data.name!r}: {data.description}\n")
    print(
        render_table(
            ["编号 id", "医院 hospital", "级别", "类别", "性质", "主管部门", "区市"],
            [
                [h.id, h.name, h.rating, h.category.label, h.ownership.label, h.authority, h.region]
                for h in data.hospitals
            ],
        )
    )
    print(
        f"\n{len(data.hospitals)} hospitals, {len(data.experts)} experts and officials, "
        f"{len(data.authorities)} authorities."
    )
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog="hospital-inspection",
        description="China's large-hospital inspection rules (大型医院巡查), computable and cited.",
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    demo = sub.add_parser(
        "demo",
        help="show the built-in sample data",
        description="Load the built-in sample and print it.",
        epilog="example: hospital-inspection demo --sample weihai",
    )
    demo.add_argument("--sample", default="weihai", choices=available_samples())
    demo.add_argument("--json", action="store_true", help="print JSON instead of a table")
    demo.set_defaults(func=_cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except InspectionError as exc:
        first = str(exc).splitlines()
        print(
            f"hospital-inspection: error: {' '.join(line.strip() for line in first)}",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    return code
