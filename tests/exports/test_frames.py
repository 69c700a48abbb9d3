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


def test_report_to_frame_in_chinese() -> None:
    data = hi.sample_data("weihai")
    plan = hi.Plan(id="empty", policy="weihai-2024-2026", authority="weihai")
    report = hi.check_plan(plan, "weihai-2024-2026", hospitals=data.hospitals,
                           experts=data.experts, authorities=data.authorities)  # fmt: skip
    en, zh = report.to_frame(), report.to_frame(lang="zh")
    assert list(en["message"]) == [i.message for i in report.issues]
    assert list(zh["message"]) == [i.message_in("zh") for i in report.issues]
    assert zh.loc[0, "message"].endswith("属于巡查范围，本轮尚未安排常规巡查")
