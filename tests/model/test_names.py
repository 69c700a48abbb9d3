"""One names= directory for every table, export and view; the older keywords still work."""

from __future__ import annotations

import datetime as dt

import pytest

import hospital_inspection as hi
from hospital_inspection.exports import plan_table
from hospital_inspection.followup.table import ledger_table

PLAN = hi.Plan(
    id="P1",
    policy="weihai-2024-2026",
    authority="weihai",
    visits=[
        hi.Visit(
            id="V1", hospital="WH001", authority="weihai-wendeng",
            first_day=dt.date(2025, 4, 7), last_day=dt.date(2025, 4, 9),
            team=[hi.Member(person="WE011", role="组长")],
        )
    ],
)  # fmt: skip


def test_names_and_the_older_keywords_give_the_same_table() -> None:
    data = hi.sample_data("weihai")
    with_names = plan_table(PLAN, names=data.names)
    with_keywords = plan_table(
        PLAN, hospitals=data.hospitals, experts=data.experts, authorities=data.authorities
    )
    assert with_names == with_keywords
    row = with_names.as_dicts()[0]
    assert row["医院"] == "威海市海鸥中心医院（虚构）"
    assert row["巡查单位"] == "威海市文登区卫生健康局"
    assert row["组长"] == "徐某甲11"


def test_keywords_are_added_to_names() -> None:
    data = hi.sample_data("weihai")
    names = hi.Names.of(hospitals=data.hospitals)
    row = plan_table(PLAN, names=names, experts=data.experts).as_dicts()[0]
    assert row["医院"] == "威海市海鸥中心医院（虚构）" and row["组长"] == "徐某甲11"
    assert row["巡查单位"] == "weihai-wendeng"  # no authorities given: the id itself


def test_an_unknown_id_shows_as_itself() -> None:
    assert plan_table(PLAN).as_dicts()[0]["医院"] == "WH001"
    assert hi.Names.of().person("E404") == "E404"


def test_the_ledger_table_takes_names() -> None:
    data = hi.sample_data("weihai")
    ledger = hi.Ledger()
    ledger.add_finding(
        hi.Finding(id="F1", hospital="WH001", round="2025", description="台账缺失",
                   found_on=dt.date(2025, 11, 20), found_by="WE011")
    )  # fmt: skip
    ledger.add_measure("F1", hi.Measure(code="rectify", label="限期整改"))
    (row,) = ledger_table(ledger, dt.date(2025, 12, 1), names=data.names).as_dicts()
    assert row["医院"] == "威海市海鸥中心医院（虚构）"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"names": "not a directory"}, "names: 'not a directory'; expected a"),
        ({"hospital": ()}, "hospital: unexpected keyword"),
    ],
)
def test_bad_arguments_name_themselves(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(hi.DataError, match=message):
        plan_table(PLAN, **kwargs)  # type: ignore[arg-type]
