"""Fixtures for the front ends: the Weihai sample and a small hand-made plan.

The plan only exercises display and export; its team sizes and day counts are not policy facts.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest

import hospital_inspection as hi

os.environ.setdefault("MPLBACKEND", "Agg")  # no display needed for the Gantt tests

M = hi.Member


@pytest.fixture
def weihai() -> hi.SampleData:
    return hi.sample_data("weihai")


@pytest.fixture
def lookups(weihai: hi.SampleData) -> dict[str, Any]:
    return {
        "hospitals": weihai.hospitals,
        "experts": weihai.experts,
        "authorities": weihai.authority_tree(),
    }


@pytest.fixture
def plan() -> hi.Plan:
    """Three visits, listed out of date order on purpose."""
    return hi.Plan(
        id="demo-2025",
        policy="weihai-2024-2026",
        authority="weihai",
        round="2024-2026",
        visits=[
            hi.Visit(
                id="V2",
                hospital="WH012",
                authority="weihai-wendeng",
                first_day=dt.date(2025, 5, 12),
                last_day=dt.date(2025, 5, 16),
                team=[M(person="WE021", role="组长"), M(person="WE003")],
                mode="暗访",
            ),
            hi.Visit(
                id="V1",
                hospital="WH001",
                authority="weihai",
                first_day=dt.date(2025, 4, 7),
                last_day=dt.date(2025, 4, 13),
                team=[
                    M(person="WE011", role="组长"),
                    M(person="WE023"),
                    M(person="WE033"),
                    M(person="WE009", role="纠风办负责人"),
                ],
            ),
            hi.Visit(
                id="V3",
                hospital="WH002",
                authority="weihai",
                first_day=dt.date(2025, 4, 7),
                last_day=dt.date(2025, 4, 7),
                kind="回头看",
            ),
        ],
    )
