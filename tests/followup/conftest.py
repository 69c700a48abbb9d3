"""Fixtures for the follow-up ledger tests: the library's own policies."""

from __future__ import annotations

import pytest

import hospital_inspection as hi


@pytest.fixture
def jilin_policy() -> hi.Policy:
    """吉卫便函〔2021〕2号: the Jilin 2021 round and its 回头看."""
    return hi.load_policy("jilin-2021")


@pytest.fixture
def weihai_policy() -> hi.Policy:
    """威卫办〔2024〕11号: the Weihai 2024–2026 plan."""
    return hi.load_policy("weihai-2024-2026")
