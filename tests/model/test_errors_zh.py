"""The models' input errors in Chinese for a front end; their English ``str()`` as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

import hospital_inspection as hi
from hospital_inspection.model.names import Names
from tests.support.zh import check_chinese_error

D = dt.date
A = hi.Authority


def visit(**kw: object) -> hi.Visit:
    return hi.Visit(id="V1", hospital="H1", authority="A", first_day=D(2025, 3, 3),
                    last_day=kw.pop("last_day", D(2025, 3, 4)), **kw)  # type: ignore[arg-type]  # fmt: skip


def expert(**kw: object) -> hi.Expert:
    return hi.Expert(id="E1", name="张", home_region="r", **kw)  # type: ignore[arg-type]


CASES: list[tuple[Callable[[], object], str]] = [
    (lambda: visit(team=5), "invalid data: Visit.team: 5 is not a list of team members"),
    (lambda: visit(team=(hi.Member(person="E1", role="专家"), hi.Member(person="E1", role="专家"))),
     "invalid data: Visit.team: E1 listed more than once"),
    (lambda: visit(team=(hi.Member(person="E1", role="组长"), hi.Member(person="E2", role="组长"))),
     "invalid data: Visit.team: more than one team leader (E1, E2)"),
    (lambda: visit(last_day=D(2025, 3, 1)), "invalid data: Visit.last_day: 2025-03-01 is before "
     "first_day 2025-03-03; expected a day on or after it"),
    (lambda: A(id="a", name="甲", level="市级", parent="a"),
     "invalid data: Authority.parent: 'a' cannot be its own parent"),
    (lambda: hi.AuthorityTree(5),  # type: ignore[arg-type]
     "invalid data: authorities: 5; expected an iterable of Authority"),
    (lambda: hi.AuthorityTree(["x"]),  # type: ignore[list-item]
     "invalid data: authorities[0]: 'x' is not an Authority"),
    (lambda: hi.AuthorityTree([A(id="a", name="甲", level="市级")] * 2),
     "invalid data: authorities: id 'a' appears more than once"),
    (lambda: hi.AuthorityTree([A(id="a", name="甲", level="市级", parent="b")]),
     "invalid data: authorities[a].parent: no authority with id 'b'"),
    (lambda: hi.AuthorityTree([A(id="a", name="甲", level="区县级"),
                               A(id="b", name="乙", level="市级", parent="a")]),
     "invalid data: authorities[b].level: 市级 cannot sit below 区县级 authority 'a'"),
    (lambda: hi.AuthorityTree([A(id="a", name="甲", level="市级")])["b"],
     "invalid data: authority: no authority with id 'b'"),
    (lambda: Names.resolve(5),  # type: ignore[arg-type]
     "invalid data: names: 5; expected a hospital_inspection.Names or None"),
    (lambda: Names.resolve(None, bogus=1),  # type: ignore[call-arg]
     "invalid data: bogus: unexpected keyword(s); expected names=, hospitals=, experts= or "
     "authorities="),
    (lambda: expert(roles=5), "invalid data: Expert.roles: 5 is not a list of roles"),
    (lambda: expert(roles=["专家"], specialties=5),
     "invalid data: Expert.specialties: 5 is not a list of strings"),
    (lambda: expert(roles=[5]), "invalid data: Expert.roles: 5 is not a role; expected one of "
     "组长, 专家, 部门负责人, 纠风办负责人"),
]  # fmt: skip


@pytest.mark.parametrize(("raise_it", "english"), CASES, ids=[e[14:50] for _, e in CASES])
def test_model_errors_read_in_chinese(raise_it: Callable[[], object], english: str) -> None:
    check_chinese_error(raise_it, english)


def test_an_authority_below_a_lower_one_reads_as_an_office_writes_it() -> None:
    chinese = check_chinese_error(
        lambda: hi.AuthorityTree([A(id="a", name="甲", level="区县级"),
                                  A(id="b", name="乙", level="市级", parent="a")]),
        "invalid data: authorities[b].level: 市级 cannot sit below 区县级 authority 'a'",
    )  # fmt: skip
    assert chinese.endswith("卫生健康行政部门 b 的级别（level）：市级部门不能隶属于区县级部门 'a'")
