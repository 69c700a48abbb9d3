"""Test doubles for scheduling tests: a Mon–Fri calendar and a fake policy.

The fake policy has the face of :class:`hospital_inspection.Policy` that the scheduler's adapter
uses (``scope``, ``min_visit_days``, ``inspector``, ``external_expert_rule_applies``,
``min_external_experts``, ``team``, ``round_end``, ``rounds``); every number comes from the test
that builds it, so the scheduler's core is tested on figures no real policy has. It encodes no real
policy; tests against the shipped policies live beside these.
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
    unit: str | None = None


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
    rounds: tuple[Any, ...] = ()

    def scope(
        self,
        h: hi.Hospital,
        *,
        kind: hi.VisitKind = hi.VisitKind.REGULAR,
        authorities: object = None,
    ) -> FakeDecision:
        return FakeDecision(self.status(h))

    def min_visit_days(
        self, h: hi.Hospital, *, kind: hi.VisitKind = hi.VisitKind.REGULAR
    ) -> FakeDecision:
        return FakeDecision(self.days, self.day_unit)

    def inspector(self, h: hi.Hospital, tree: hi.AuthorityTree) -> FakeDecision:
        return FakeDecision(h.authority)

    def external_expert_rule_applies(self, authority: hi.Authority, h: hi.Hospital) -> FakeDecision:
        return FakeDecision(authority.level is hi.AuthorityLevel.DISTRICT and self.share > 0)

    def min_external_experts(self, n: int) -> FakeDecision:
        self.calls.append(f"min_external_experts({n})")
        return FakeDecision(-(-n * self.share.numerator // self.share.denominator))

    def team(self, *, kind: hi.VisitKind = hi.VisitKind.REGULAR) -> FakeDecision:
        raise hi.RuleNotInPolicy(self.id, "team")

    def round_end(self, kind: hi.VisitKind = hi.VisitKind.REGULAR) -> FakeDecision:
        return FakeDecision(self.end)
