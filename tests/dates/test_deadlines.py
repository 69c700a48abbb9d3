"""The Deadline value: provenance, validation and its one-line text."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import hospital_inspection as hi
from hospital_inspection.errors import DataError

D = dt.date


CITATION = hi.Citation(
    document="威卫办〔2024〕11号",
    clause="四、(三)",
    text="医疗机构收到巡查反馈意见后应在2个月内报送整改报告",
)


def test_deadline_carries_its_provenance() -> None:
    deadline = hi.period_end(
        D(2025, 8, 3),
        2,
        calendar=hi.ChinaOfficialCalendar(),
        roll_forward=True,
        rule="rectification-report",
        citation=CITATION,
    )
    assert deadline == hi.Deadline(
        date=D(2025, 10, 9),
        rule="rectification-report",
        citation=CITATION,
        trigger=D(2025, 8, 3),
        rolled_from=D(2025, 10, 3),
    )
    assert str(deadline) == (
        "2025-10-09 (rectification-report; 威卫办〔2024〕11号 四、(三); from 2025-08-03; "
        "rolled forward from 2025-10-03, a rest day)"
    )
    assert deadline.citation is CITATION


def test_plain_and_provisional_text() -> None:
    assert str(hi.Deadline(date=D(2026, 10, 31), rule="round-complete")) == (
        "2026-10-31 (round-complete)"
    )
    text = str(hi.Deadline(date=D(2099, 1, 5), rule="r", citation=CITATION, provisional=True))
    assert (
        text
        == "2099-01-05 (r; 威卫办〔2024〕11号 四、(三); PROVISIONAL: no official calendar data)"
    )


def test_deadline_citation_must_be_a_citation() -> None:
    with pytest.raises(DataError, match="citation"):
        hi.Deadline(date=D(2099, 1, 5), rule="r", citation="see notice")  # type: ignore[arg-type]


def test_deadline_round_trips_through_json() -> None:
    deadline = hi.Deadline(date=D(2025, 10, 9), rule="r", citation=CITATION,
                           trigger=D(2025, 8, 3), rolled_from=D(2025, 10, 3))  # fmt: skip
    assert hi.from_json(hi.to_json(deadline), hi.Deadline) == deadline


def test_deadline_is_frozen_and_keyword_only() -> None:
    deadline = hi.Deadline(date=D(2025, 1, 1), rule="r")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        deadline.date = D(2025, 1, 2)  # type: ignore[misc]
    with pytest.raises(hi.DataError, match="positional"):  # a wrong call shape is bad input
        hi.Deadline(D(2025, 1, 1), "r")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"date": dt.datetime(2025, 1, 1)}, "date: datetime.datetime(2025, 1, 1, 0, 0)"),
        ({"date": "2025-01-01"}, "expected a datetime.date"),
        ({"rule": 3}, "rule: 3"),
        ({"trigger": "2025-01-01"}, "trigger: '2025-01-01'"),
        ({"rolled_from": D(2025, 1, 1)}, "expected a day before the date 2025-01-01"),
        ({"provisional": 1}, "provisional: 1"),
    ],
)
def test_bad_fields_raise_data_error(fields: dict[str, object], expected: str) -> None:
    base: dict[str, object] = {"date": D(2025, 1, 1), "rule": "r"}
    with pytest.raises(DataError) as info:
        hi.Deadline(**(base | fields))  # type: ignore[arg-type]
    assert expected in str(info.value)
