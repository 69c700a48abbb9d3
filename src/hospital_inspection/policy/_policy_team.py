"""Policy questions about the inspection team (private).

``_TeamQuestions`` is a mixin of :class:`~hospital_inspection.Policy`: the external-expert
share and when it binds, who counts as an external expert, the team composition (also of a
follow-up visit) and the liaison persons the inspected hospital designates.
"""

from __future__ import annotations

from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import DataError
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import Authority
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.policy._decisions import Decision
from hospital_inspection.policy._policy_base import (
    _EXTERNAL_CACHE_LIMIT,
    _PolicyBase,
)
from hospital_inspection.policy._rules import (
    ExternalExpertsRule,
    LiaisonRole,
    LiaisonRule,
    TeamRule,
    TeamSpec,
)

__all__: list[str] = []


class _TeamQuestions(_PolicyBase):
    """The team-composition questions of ``Policy``."""

    # -- team composition -----------------------------------------------------------------------

    def min_external_experts(self, n_experts: int) -> Decision[int]:
        """The least k with k / n >= the minimum share (exact fraction; 3/10 of 10 is 3).

        ``n_experts`` counts what the rule's ``base`` says: the team's experts (the default
        reading ``external-share-base = experts-only``) or every member (``whole-team``).

        Raises:
            RuleNotInPolicy: the policy has no external-expert rule.
            DataError: ``n_experts`` is not a whole number >= 0.
        """
        found = self._external_cache.get(n_experts) if type(n_experts) is int else None
        if found is not None:
            return found
        rule = self._one(ExternalExpertsRule, "external_experts")
        if type(n_experts) is not int or n_experts < 0:
            raise DataError(
                Message(
                    N_("n_experts: {value} is not a whole number >= 0"), {"value": repr(n_experts)}
                )
            )
        share = rule.share
        k = -(-n_experts * share.numerator // share.denominator)
        decided: Decision[int] = self._decide("min_external_experts", rule, k)
        if n_experts < _EXTERNAL_CACHE_LIMIT:
            self._external_cache[n_experts] = decided
        return decided

    def external_expert_rule_applies(self, inspector: Authority, h: Hospital) -> Decision[bool]:
        """Whether the external-expert share binds: a 区市 inspecting its own 二级以上 hospital.

        "Its own" (区市属): ``h`` is administered by the inspector, or lies in its region.
        """
        rule = self._one(ExternalExpertsRule, "external_experts")
        own = h.authority == inspector.id or (h.region is not None and h.region == inspector.region)
        value = (
            inspector.level in rule.inspector_levels and h.level.rank >= rule.min_level.rank and own
        )
        return self._decide("external_expert_rule_applies", rule, value)

    def is_external_expert(self, expert: Expert, inspector: Authority) -> Decision[bool]:
        """Whether ``expert`` counts as 外区市专家 for ``inspector`` (home region differs)."""
        rule = self._one(ExternalExpertsRule, "external_experts")
        if inspector.region is None:
            raise DataError(
                Message(
                    N_("authority {authority} has no region; cannot tell who is external"),
                    {"authority": repr(inspector.id)},
                )
            )
        value = expert.home_region != inspector.region
        return self._decide("is_external_expert", rule, value)

    def team(self, *, kind: VisitKind = VisitKind.REGULAR) -> Decision[TeamSpec]:
        """The team composition for ``kind`` of visit."""
        rule = self._one(TeamRule, "team", kind)
        return self._decide("team", rule, rule.spec)

    def follow_up_team(self) -> Decision[TeamSpec]:
        """The 回头看 team (Jilin: one 纠风办 lead + 2 to 3 experts)."""
        return self.team(kind=VisitKind.FOLLOW_UP)

    def liaison_roles(
        self, *, kind: VisitKind = VisitKind.REGULAR
    ) -> Decision[tuple[LiaisonRole, ...]]:
        """The liaison persons the inspected hospital designates."""
        rule = self._one(LiaisonRule, "liaison", kind)
        return self._decide("liaison_roles", rule, rule.roles)
