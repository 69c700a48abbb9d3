"""Seeded generator of scheduling instances: national scale and small ones.

    python benchmarks/generate.py --national --seed 0 --out national.json
    python benchmarks/generate.py --small 40 --seed 3 --out small.json

The figures of ``SyntheticPolicy`` (visit days, the external share, the deadline) are synthetic
benchmark settings, not policy facts: the real ones live in the policy data files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import hospital_inspection as hi


class Weekdays:
    """Monday to Friday are working days (a stand-in for the official calendar)."""

    def is_working_day(self, d: dt.date) -> bool:
        return d.weekday() < 5


@dataclass(frozen=True)
class Decision:
    value: Any
    day_unit: str | None = None


@dataclass(frozen=True)
class SyntheticPolicy:
    """A stand-in with the policy engine's face and the benchmark's own numbers."""

    id: str = "synthetic"
    long_days: int = 7
    short_days: int = 5
    external_share: Fraction = Fraction(3, 10)
    end: dt.date = dt.date(2026, 10, 30)

    def scope(self, h: hi.Hospital) -> Decision:
        if h.level.rank < 2 or not h.category.is_hospital:
            return Decision(hi.ScopeStatus.OUT_OF_SCOPE)
        if h.ownership is hi.Ownership.PRIVATE:
            return Decision(hi.ScopeStatus.REFERENCE)
        return Decision(hi.ScopeStatus.IN_SCOPE)

    def min_visit_days(self, h: hi.Hospital) -> Decision:
        long = h.level is hi.Level.TERTIARY and h.category in (hi.Category.GENERAL, hi.Category.TCM)
        return Decision(self.long_days if long else self.short_days, "working")

    def inspector(self, h: hi.Hospital, tree: hi.AuthorityTree) -> Decision:
        return Decision(h.authority)

    def external_expert_rule_applies(self, authority: hi.Authority, h: hi.Hospital) -> Decision:
        return Decision(authority.level is hi.AuthorityLevel.DISTRICT)

    def min_external_experts(self, n: int) -> Decision:
        share = self.external_share
        return Decision(-(-n * share.numerator // share.denominator))

    def round_end(self) -> Decision:
        return Decision(self.end)


@dataclass(frozen=True)
class Instance:
    name: str
    authorities: tuple[hi.Authority, ...]
    hospitals: tuple[hi.Hospital, ...]
    experts: tuple[hi.Expert, ...]
    policy: SyntheticPolicy
    start: dt.date

    def request(self, **options: Any) -> Any:
        from hospital_inspection.scheduling import schedule_request

        return schedule_request(
            self.hospitals, self.experts, self.policy, authorities=self.authorities,
            start=self.start, calendar=Weekdays(), **options,
        )  # fmt: skip

    def sample(self) -> hi.SampleData:
        return hi.SampleData(
            name=self.name,
            description="synthetic benchmark instance (fictional)",
            authorities=self.authorities,
            hospitals=self.hospitals,
            experts=self.experts,
        )


def _tree(rng: random.Random, n_cities: int, n_districts: int) -> list[hi.Authority]:
    out = [hi.Authority(id="province", name="虚构省卫生健康委员会", level="provincial")]
    for c in range(n_cities):
        out.append(
            hi.Authority(id=f"c{c:02d}", name=f"虚构{c}市卫生健康委员会", level="city",
                         parent="province", region=f"c{c:02d}")
        )  # fmt: skip
    for d in range(n_districts):
        c = d % n_cities
        out.append(
            hi.Authority(id=f"c{c:02d}-d{d:02d}", name=f"虚构{d}区卫生健康局", level="district",
                         parent=f"c{c:02d}", region=f"c{c:02d}-d{d:02d}")
        )  # fmt: skip
    return out


def generate(
    *,
    seed: int,
    hospitals: int,
    experts: int,
    cities: int,
    districts: int,
    leader_share: float = 0.25,
    employed_share: float = 0.6,
    city_run_share: float = 0.3,
    tertiary_share: float = 0.35,
    end: dt.date = dt.date(2026, 10, 30),
    start: dt.date = dt.date(2025, 1, 6),
    name: str = "synthetic",
) -> Instance:
    """One seeded instance: every hospital public, 二级 or 三级, so every one is in scope."""
    rng = random.Random(seed)
    tree = _tree(rng, cities, districts)
    district_list = [a for a in tree if a.level is hi.AuthorityLevel.DISTRICT]
    categories = [hi.Category.GENERAL, hi.Category.TCM, hi.Category.SPECIALTY,
                  hi.Category.MATERNAL_CHILD]  # fmt: skip
    hs = []
    for k in range(hospitals):
        d = rng.choice(district_list)
        cat = rng.choice(categories)
        hs.append(
            hi.Hospital(
                id=f"H{k:05d}", name=f"虚构医院{k}",
                level="tertiary" if rng.random() < tertiary_share else "secondary",
                grade="a", category=cat, ownership="public",
                authority=d.parent if rng.random() < city_run_share else d.id,
                region=d.region, specialty="口腔" if cat is hi.Category.SPECIALTY else None,
            )
        )  # fmt: skip
    es = []
    leaders = set(rng.sample(range(experts), max(1, round(experts * leader_share))))
    for k in range(experts):
        d = rng.choice(district_list)
        roles = {hi.Role.EXPERT}
        if k in leaders:
            roles.add(hi.Role.TEAM_LEADER)
        employer = rng.choice(hs).id if hs and rng.random() < employed_share else None
        es.append(hi.Expert(id=f"E{k:05d}", name=f"专家{k}", home_region=d.region or "x",
                            employer=employer, roles=roles))  # fmt: skip
    return Instance(
        name=name,
        authorities=tuple(tree),
        hospitals=tuple(hs),
        experts=tuple(es),
        policy=SyntheticPolicy(end=end),
        start=start,
    )


def national(seed: int = 0) -> Instance:
    """15,000 hospitals, 3,000 experts, 100 authorities (1 province, 16 cities, 83 districts)."""
    return generate(seed=seed, hospitals=15_000, experts=3_000, cities=16, districts=83,
                    name=f"national-{seed}")  # fmt: skip


def small(seed: int = 0, visits: int = 30) -> Instance:
    """``visits`` hospitals (at most 200), a city and five districts, 0.8 experts per hospital
    (never fewer than 12), a window of 90 calendar days."""
    experts = max(12, visits * 4 // 5)
    start = dt.date(2025, 3, 3)
    return generate(seed=seed, hospitals=visits, experts=experts, cities=1, districts=5,
                    leader_share=0.3, employed_share=0.4, end=start + dt.timedelta(days=90),
                    start=start, name=f"small-{seed}-{visits}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--national", action="store_true")
    group.add_argument("--small", type=int, metavar="VISITS")
    parser.add_argument("--out", type=Path, help="write the instance as JSON (SampleData)")
    args = parser.parse_args(argv)
    inst = national(args.seed) if args.national else small(args.seed, args.small)
    if args.out:
        args.out.write_text(hi.to_json(inst.sample()), encoding="utf-8")
    print(f"{inst.name}: {len(inst.authorities)} authorities, {len(inst.hospitals)} hospitals, "
          f"{len(inst.experts)} experts")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
