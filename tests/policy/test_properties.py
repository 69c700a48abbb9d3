"""Invariants of the law the policies encode, checked under every combination of readings."""

from __future__ import annotations

import datetime as dt
import itertools
from fractions import Fraction

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

import hospital_inspection as hi
from hospital_inspection.policy._rules import VisitDaysRule
from tests.support.policies import all_variants, hospital, policy, reading_combinations, variant_id

VARIANTS = all_variants()
INSPECTED = (hi.ScopeStatus.IN_SCOPE, hi.ScopeStatus.REFERENCE)
WEIHAI = [policy("weihai-2024-2026", c) for c in reading_combinations("weihai-2024-2026")]
#: Every decision-table cell: the finite sets are enumerated, not sampled.
CELLS = list(itertools.product(hi.Level, hi.Category, hi.Ownership))


def _has_days_rules(p: hi.Policy) -> bool:
    return any(isinstance(r, VisitDaysRule) for r in p.rules.values())


def _h(level: hi.Level, category: hi.Category, ownership: hi.Ownership) -> hi.Hospital:
    return hospital(level.code, category.code, ownership.code)


def _days_or_none(p: hi.Policy, h: hi.Hospital) -> int | None:
    """The minimum days, or None where the table has no row, which only an uninspected cell may
    lack."""
    try:
        return p.min_visit_days(h).value
    except hi.RuleNotInPolicy:
        assert p.scope(h).value is not hi.ScopeStatus.IN_SCOPE, h.rating
        return None


@pytest.mark.parametrize("p", WEIHAI, ids=variant_id)
def test_min_days_never_decrease_with_a_higher_level(p: hi.Policy) -> None:
    compared = 0
    for level, category, ownership in CELLS:
        for higher in hi.Level:
            if higher.rank < level.rank:
                continue
            low = _days_or_none(p, _h(level, category, ownership))
            high = _days_or_none(p, _h(higher, category, ownership))
            if low is not None and high is not None:
                assert high >= low, (level, higher, category, ownership)
                compared += 1
    assert compared > 0


@pytest.mark.parametrize("p", WEIHAI, ids=variant_id)
@given(n=st.integers(min_value=1, max_value=10**9))
def test_external_minimum_is_exact(p: hi.Policy, n: int) -> None:
    k = p.min_external_experts(n).value
    share = Fraction(3, 10)
    assert Fraction(k, n) >= share
    assert Fraction(k - 1, n) < share


def test_external_minimum_exhaustive_small_teams() -> None:
    p = policy("weihai-2024-2026")
    for n in range(1, 2001):
        k = p.min_external_experts(n).value
        assert k * 10 >= 3 * n > (k - 1) * 10, n
    assert p.min_external_experts(10).value == 3  # a float 0.3 gives ceil(10 * 0.3) = 4


@pytest.mark.parametrize("p", [v for v in VARIANTS if _has_days_rules(v)], ids=variant_id)
def test_every_in_scope_hospital_gets_exactly_one_visit_days_rule(p: hi.Policy) -> None:
    rules = [r for r in p.rules.values() if isinstance(r, VisitDaysRule)]
    for level in hi.Level:
        for category in hi.Category:
            for ownership in hi.Ownership:
                h = _h(level, category, ownership)
                status = p.scope(h).value
                hits = [r for r in rules if r.when.matches(level, category, ownership)]
                if status is hi.ScopeStatus.IN_SCOPE:
                    assert len(hits) == 1, (h.rating, category.label, ownership.label, hits)
                    assert p.min_visit_days(h).rule == hits[0].id
                elif status is hi.ScopeStatus.REFERENCE:
                    assert len(hits) <= 1  # 参照执行: the same rules when there is one


@pytest.mark.parametrize("p", [v for v in VARIANTS if not _has_days_rules(v)], ids=variant_id)
def test_a_policy_without_days_rules_says_so(p: hi.Policy) -> None:
    with pytest.raises(hi.RuleNotInPolicy):
        p.min_visit_days(hospital("三级", "综合医院"))


@pytest.mark.parametrize("p", WEIHAI, ids=variant_id)
@given(received=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_rectification_due_is_two_months_after_receipt(p: hi.Policy, received: dt.date) -> None:
    due = p.rectification_due(received, roll_forward=False).value.date
    assert due > received
    assert due == received + relativedelta(months=2)  # month-end clipping as 民法典 Art. 202
    assert due.day <= received.day


@pytest.mark.parametrize("p", VARIANTS, ids=variant_id)
def test_decisions_explain_themselves_in_one_line(p: hi.Policy) -> None:
    for cell in CELLS:
        d = p.scope(_h(*cell))
        line = str(d)
        assert "\n" not in line
        assert d.citation.document in line
        assert d.citation.text in line


def test_decisions_are_shared_not_rebuilt() -> None:
    p = policy("weihai-2024-2026")
    a, b = hospital("三级", "综合医院", hid="A"), hospital("三级", "综合医院", hid="B")
    assert p.scope(a) is p.scope(b)
    assert p.min_visit_days(a) is p.min_visit_days(b)
    assert p.min_external_experts(12) is p.min_external_experts(12)
