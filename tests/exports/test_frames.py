"""Plans as pandas DataFrames."""

from __future__ import annotations

from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection.exports import plan_table
from hospital_inspection.exports.frames import plan_to_frame, table_to_frame

pd = pytest.importorskip("pandas")


def test_plan_to_frame(plan: hi.Plan, lookups: dict[str, Any]) -> None:
    frame = plan_to_frame(plan, **lookups)
    assert list(frame.index) == ["V1", "V3", "V2"]
    assert frame.loc["V1", "hospital_name"] == "威海市海鸥中心医院（虚构）"
    assert frame.loc["V1", "days"] == 7
    assert frame.loc["V1", "team"] == ("WE011", "WE023", "WE033", "WE009")
    assert frame.loc["V2", "mode"] == "unannounced"
    assert pd.api.types.is_datetime64_any_dtype(frame["first_day"])
    assert frame.loc["V1", "first_day"] == pd.Timestamp("2025-04-07")


def test_plan_to_frame_without_lookups_has_no_name_columns(plan: hi.Plan) -> None:
    frame = plan.to_frame()
    assert "hospital_name" not in frame.columns
    assert "leader_name" not in frame.columns
    assert len(frame) == len(plan.visits)


def test_table_to_frame(plan: hi.Plan) -> None:
    frame = table_to_frame(plan_table(plan))
    assert list(frame.columns)[:2] == ["序号", "医院"]
    assert len(frame) == 3
