"""Test doubles for scheduling tests: a Mon–Fri calendar and a fake policy.

The fake policy has the face the policy engine will offer (``scope``, ``min_visit_days``,
``inspector``, ``external_expert_rule_applies``, ``min_external_experts``, ``round_end``); every
number comes from the test that builds it. It encodes no real policy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import hospital_inspection as hi


class Weekdays:
    """Monday to Friday are working days."""

    def is_working_day(self, d: dt.date) -> bool:
        return d.weekday() < 5


@dataclass(frozen=True)
class FakeDecision:
    value: Any
    day_unit: str | None = None


@dataclass
class FakePolicy:
    """A policy double; the test passes every figure in."""

    days: int
    end: dt.date
    share: Fraction = Fraction(0)
    day_unit: str | None = "working"
    id: str = "fake-policy"
    status: Callable[[hi.Hospital], hi.ScopeStatus] = field(
        default=lambda h: hi.ScopeStatus.IN_SCOPE
    )
    calls: list[str] = field(default_factory=list)

    def scope(self, h: hi.Hospital) -> FakeDecision:
        return FakeDecision(self.status(h))

    def min_visit_days(self, h: hi.Hospital) -> FakeDecision:
        return FakeDecision(self.days, self.day_unit)

    def inspector(self, h: hi.Hospital, tree: hi.AuthorityTree) -> FakeDecision:
        return FakeDecision(h.authority)

    def external_expert_rule_applies(self, authority: hi.Authority, h: hi.Hospital) -> FakeDecision:
        return FakeDecision(authority.level is hi.AuthorityLevel.DISTRICT and self.share > 0)

    def min_external_experts(self, n: int) -> FakeDecision:
        self.calls.append(f"min_external_experts({n})")
        return FakeDecision(-(-n * self.share.numerator // self.share.denominator))

    def round_end(self) -> FakeDecision:
        return FakeDecision(self.end)
