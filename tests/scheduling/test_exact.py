"""The CP-SAT back end agrees with the greedy scheduler on tiny instances."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any

import pytest

import hospital_inspection as hi
from hospital_inspection.scheduling import solve, solve_exact, verify

from .test_golden import GOLDEN, req, request


def test_missing_ortools_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("ortools"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(hi.MissingExtraError, match=r"hospital-inspection\[solver\]"):
        solve_exact(GOLDEN)


def test_cp_sat_agrees_on_the_golden_instance() -> None:
    pytest.importorskip("ortools")
    exact = solve_exact(GOLDEN, time_limit=20, workers=1, seed=0)
    assert exact.stats.method == "cp-sat"
    assert exact.stats.optimal
    assert verify(exact.plan, GOLDEN) == []
    assert exact.stats.makespan == 8 == solve(GOLDEN).stats.makespan


def test_cp_sat_is_repeatable_and_uses_the_bound() -> None:
    pytest.importorskip("ortools")
    r = request(req("H1", "a", 3), req("H2", "b", 2), req("H3", None, 2), req("H4", "c", 4),
                deadline=dt.date(2025, 3, 21))  # fmt: skip
    first = solve_exact(r, time_limit=20, workers=1, seed=0)
    again = solve_exact(r, time_limit=20, workers=1, seed=0)
    assert first.plan == again.plan
    assert first.stats.optimal
    assert verify(first.plan, r) == []
    assert solve(r).stats.makespan - first.stats.makespan <= 1
