"""Helpers shared by the policy tests: hospitals, authority trees, every reading combination."""

from __future__ import annotations

import functools
import itertools
from pathlib import Path

import hospital_inspection as hi

DATA = Path(__file__).parent.parent / "data"
EXAMPLE = DATA / "example-extends.toml"


@functools.cache
def policy(policy_id: str, readings: tuple[tuple[str, str], ...] = ()) -> hi.Policy:
    """A loaded policy, cached (policies are immutable)."""
    return hi.load_policy(policy_id, interpretations=dict(readings))


def reading_combinations(policy_id: str) -> list[tuple[tuple[str, str], ...]]:
    """Every combination of interpretation choices of a policy."""
    base = policy(policy_id)
    names = sorted(base.interpretations)
    choices = [sorted(base.interpretations[n].choices) for n in names]
    return [tuple(zip(names, combo, strict=True)) for combo in itertools.product(*choices)]


def all_variants() -> list[hi.Policy]:
    """Both shipped policies under every combination of readings, plus the fictional example."""
    return [
        policy(pid, combo) for pid in hi.available_policies() for combo in reading_combinations(pid)
    ] + [hi.load_policy(EXAMPLE)]


def variant_id(p: hi.Policy) -> str:
    """A short test id: the policy id and the non-default choices."""
    changed = [
        f"{n}={r.choice}"
        for n, r in sorted(p.readings().items())
        if r.choice != p.interpretations[n].default
    ]
    return ":".join([p.id, *changed])


def hospital(
    level: str,
    category: str,
    ownership: str = "公立",
    *,
    authority: str = "weihai-huancui",
    region: str | None = None,
    hid: str = "H",
) -> hi.Hospital:
    return hi.Hospital(
        id=hid,
        name="测试医院",
        level=level,
        category=category,
        ownership=ownership,
        authority=authority,
        region=region,
    )


def weihai_tree() -> hi.AuthorityTree:
    return hi.AuthorityTree(
        [
            hi.Authority(id="shandong", name="山东省卫生健康委员会", level="provincial"),
            hi.Authority(
                id="weihai",
                name="威海市卫生健康委员会",
                level="city",
                parent="shandong",
                region="weihai",
            ),
            hi.Authority(
                id="weihai-huancui",
                name="环翠区卫生健康局",
                level="district",
                parent="weihai",
                region="huancui",
            ),
            hi.Authority(
                id="weihai-wendeng",
                name="文登区卫生健康局",
                level="district",
                parent="weihai",
                region="wendeng",
            ),
        ]
    )


def jilin_tree() -> hi.AuthorityTree:
    return hi.AuthorityTree(
        [
            hi.Authority(id="jilin", name="吉林省卫生健康委员会", level="provincial"),
            hi.Authority(
                id="changchun",
                name="长春市卫生健康委员会",
                level="city",
                parent="jilin",
                region="changchun",
            ),
            hi.Authority(
                id="nongan",
                name="农安县卫生健康局",
                level="district",
                parent="changchun",
                region="nongan",
            ),
        ]
    )
