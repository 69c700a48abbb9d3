"""What a policy decides for one hospital, each decision with the clause it rests on.

Usage::

    python examples/decide_for_a_hospital.py 三级甲等 中医医院
    python examples/decide_for_a_hospital.py 二级 综合医院 --ownership 社会办 --experts 7
    python examples/decide_for_a_hospital.py 三级 综合医院 --policy jilin-2021

The rating (等级, e.g. 三级甲等 or just 三级) and the category (类别) are given as a hospital
office writes them; English codes (``tertiary``, ``general``) work too. A question the document
does not answer (Jilin's plan sets no external-expert share) is reported as such, not guessed.
"""

from __future__ import annotations

import argparse
import sys

import hospital_inspection as hi


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rating", help="等级: 三级甲等, 二级, 一级, 未定级 ... (or a code)")
    parser.add_argument("category", help="类别: 综合医院, 中医医院, 妇幼保健院 ... (or a code)")
    parser.add_argument("--ownership", default="公立", help="公立 (default) or 社会办")
    parser.add_argument("--policy", default="weihai-2024-2026", help=str(hi.available_policies()))
    parser.add_argument("--experts", type=int, default=5, help="experts on the team (default 5)")
    args = parser.parse_args(argv)

    try:
        level, grade = hi.parse_rating(args.rating)
        hospital = hi.Hospital(
            id="H",
            name=f"{args.rating}{args.category}",
            level=level,
            grade=grade,
            category=args.category,
            ownership=args.ownership,
            authority="example",
        )
        policy = hi.load_policy(args.policy)
    except hi.InspectionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2

    print(f"{hospital.name} ({hospital.ownership.label}) under {policy.id} ({policy.document})\n")
    questions = {
        "scope 巡查范围": lambda: policy.scope(hospital),
        "days on site 巡查时间": lambda: policy.min_visit_days(hospital),
        f"external experts in a team of {args.experts} 外区市专家": (
            lambda: policy.min_external_experts(args.experts)
        ),
        "round end 完成时限": lambda: policy.round_end(),
    }
    for question, ask in questions.items():
        try:
            decision = ask()
        except hi.RuleNotInPolicy as exc:
            print(f"{question}: no answer — {exc}\n")
            continue
        value = decision.value
        shown = getattr(value, "label", value)
        unit = f" {decision.unit.label}" if decision.unit is not None else ""
        strength = f"{decision.strength.label} {decision.strength.code.replace('_', ' ')}"
        print(f"{question}: {shown}{unit} — {strength}")
        print(f"    {decision.citation}")
        for reading in decision.interpretation:
            print(f"    reading {reading.interpretation}={reading.choice}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
