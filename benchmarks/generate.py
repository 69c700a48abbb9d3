"""Seeded generator of scheduling instances: national scale and small ones.

    python benchmarks/generate.py --national --seed 0 --out national.json
    python benchmarks/generate.py --small 40 --seed 3 --out small.json

Instances are scheduled under the shipped Weihai policy (威卫办〔2024〕11号: minimum days, the
external-expert share, officials on every team, the round's end) on China's official working-day
calendar; its rules are stated for a city and its 区市, and the generator builds a tree of
cities and districts of that shape. The generator's own shares (leaders, employed experts,
officials, city-run hospitals) are benchmark settings, not policy facts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import attrs

import hospital_inspection as hi

POLICY = hi.load_policy("weihai-2024-2026")
CALENDAR = hi.ChinaOfficialCalendar()


@dataclass(frozen=True)
class Instance:
    name: str
    authorities: tuple[hi.Authority, ...]
    hospitals: tuple[hi.Hospital, ...]
    experts: tuple[hi.Expert, ...]
    policy: hi.Policy
    start: dt.date
    deadline: dt.date | None = None

    def request(self, **options: Any) -> Any:
        from hospital_inspection.scheduling import schedule_request

        return schedule_request(
            self.hospitals, self.experts, self.policy, authorities=self.authorities,
            start=self.start, deadline=self.deadline, calendar=CALENDAR, **options,
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
    official_share: float = 0.2,
    employed_share: float = 0.6,
    city_run_share: float = 0.3,
    tertiary_share: float = 0.35,
    end: dt.date | None = None,
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
    officials = set(rng.sample(sorted(set(range(experts)) - leaders),
                               max(1, round(experts * official_share))))  # fmt: skip
    for k in range(experts):
        d = rng.choice(district_list)
        roles = {hi.Role.OFFICIAL} if k in officials else {hi.Role.EXPERT}
        if k in leaders:
            roles.add(hi.Role.TEAM_LEADER)
        employed = hs and k not in officials and rng.random() < employed_share
        employer = rng.choice(hs).id if employed else None
        es.append(hi.Expert(id=f"E{k:05d}", name=f"专家{k}", home_region=d.region or "x",
                            employer=employer, roles=roles))  # fmt: skip
    return Instance(
        name=name,
        authorities=tuple(tree),
        hospitals=tuple(hs),
        experts=tuple(es),
        policy=POLICY,
        start=start,
        deadline=end,
    )


def office(inst: Instance, seed: int, *, away_share: float = 0.1, group_share: float = 0.06,
           away_days: int = 30) -> Instance:  # fmt: skip
    """``inst`` as an office sees it: a share of the people away for ``away_days`` (a practising
    doctor's month of clinics) and a share of the hospitals in medical groups of three of one
    district. Benchmark settings, not policy facts."""
    rng = random.Random(seed + 1000)
    first = inst.start
    last = inst.deadline or dt.date(inst.start.year + 1, 10, 31)
    span = max(1, (last - first).days - away_days)
    experts = []
    for e in inst.experts:
        if rng.random() < away_share:
            a = first + dt.timedelta(days=rng.randrange(span))
            e = attrs.evolve(e, unavailable=(a, a + dt.timedelta(days=away_days - 1)))
        experts.append(e)
    by_district: dict[str | None, list[int]] = {}
    for k, h in enumerate(inst.hospitals):
        by_district.setdefault(h.authority, []).append(k)
    hospitals = list(inst.hospitals)
    want = round(len(hospitals) * group_share / 3)
    n = 0
    for members in by_district.values():
        if n >= want:
            break
        if len(members) >= 3:
            for k in members[:3]:
                hospitals[k] = attrs.evolve(hospitals[k], group=f"G{n:04d}")
            n += 1
    return Instance(name=inst.name + "-office", authorities=inst.authorities,
                    hospitals=tuple(hospitals), experts=tuple(experts), policy=inst.policy,
                    start=inst.start, deadline=inst.deadline)  # fmt: skip


def national(seed: int = 0, hospitals: int = 15_000) -> Instance:
    """15,000 hospitals (or ``hospitals``), one person per five hospitals, 100 authorities
    (1 province, 16 cities, 83 districts); the window runs to the policy's round end."""
    return generate(seed=seed, hospitals=hospitals, experts=hospitals // 5, cities=16,
                    districts=83, name=f"national-{seed}")  # fmt: skip


def small(seed: int = 0, visits: int = 30) -> Instance:
    """``visits`` hospitals (at most 200), a city and five districts, 0.9 people per hospital
    (never fewer than 14), a window of 90 calendar days."""
    experts = max(14, visits * 9 // 10)
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
