"""Policy questions about coverage: scope, visit days and who inspects whom (private).

``_ScopeQuestions`` is a mixin of :class:`~hospital_inspection.Policy`: whether a hospital is
inspected (scope), its minimum on-site days, the authority that inspects it and whether an
authority may inspect it. Scope and visit days are lookups in the tables the policy compiles.
"""

from __future__ import annotations

from hospital_inspection.enums import DayUnit, ScopeStatus, VisitKind
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy._decisions import Decision
from hospital_inspection.policy._policy_base import (
    _cell,
    _PolicyBase,
    _visit_kind,
)
from hospital_inspection.policy._rules import (
    InspectorBasis,
    InspectorRule,
    ReachRule,
    ScopeDefaultRule,
    ScopeRule,
    VisitDaysRule,
)

__all__: list[str] = []


class _ScopeQuestions(_PolicyBase):
    """The scope, visit-days and inspector questions of ``Policy``."""

    # -- scope and visit days -------------------------------------------------------------------

    def scope(
        self,
        h: Hospital,
        *,
        kind: VisitKind = VisitKind.REGULAR,
        authorities: AuthorityTree | None = None,
    ) -> Decision[ScopeStatus]:
        """Whether ``h`` is inspected: in scope, by reference (参照执行), or out of scope.

        ``authorities`` is needed only by a policy whose scope depends on the level of the
        authority administering the hospital (a scope rule with ``administered_by``, e.g. 市属).

        Raises:
            RuleNotInPolicy: no scope rule covers ``h``.
            DataError: the scope depends on who administers ``h`` and ``authorities`` does not
                say (not given, or without ``h.authority``).

        Example:
            >>> import hospital_inspection as hi
            >>> h = hi.Hospital(id="H2", name="某民营医院", level="二级", category="专科医院",
            ...                 ownership="社会办", authority="weihai-huancui")
            >>> hi.load_policy("weihai-2024-2026").scope(h).value
            <ScopeStatus.REFERENCE: 'reference'>
        """
        if kind is not VisitKind.REGULAR:
            kind = _visit_kind(kind)
        if self._scope_by_admin:
            return self._scope_of(h, kind, authorities)
        table = self._scope_regular if kind is VisitKind.REGULAR else self._scope.get(kind, {})
        found = table.get(_cell(h))
        if found is None:
            raise RuleNotInPolicy(self.id, "scope", self._cell_words(h, kind))
        return found

    def _scope_of(
        self, h: Hospital, kind: VisitKind, authorities: AuthorityTree | None
    ) -> Decision[ScopeStatus]:
        """The scope when a rule depends on the administering authority's level (no table)."""
        level = self._admin_level(h, authorities, "scope")
        cell = (h.level, h.category, h.ownership)
        rule: ScopeRule | ScopeDefaultRule | None = next(
            (r for r in self._of(ScopeRule, kind) if r.matches(cell, level)), None
        )
        rule = rule or next(iter(self._of(ScopeDefaultRule, kind)), None)
        if rule is None:
            raise RuleNotInPolicy(self.id, "scope", self._cell_words(h, kind))
        return self._decide("scope", rule, rule.outcome)

    def min_visit_days(self, h: Hospital, *, kind: VisitKind = VisitKind.REGULAR) -> Decision[int]:
        """The minimum on-site days for ``h``; ``.unit`` says working or calendar days.

        Raises:
            RuleNotInPolicy: the policy has no visit-days rule covering ``h``.
        """
        if kind is not VisitKind.REGULAR:
            kind = _visit_kind(kind)
        table = self._days_regular if kind is VisitKind.REGULAR else self._days.get(kind, {})
        found = table.get(_cell(h))
        if found is None:
            detail = self._cell_words(h, kind) if self._of(VisitDaysRule) else None
            raise RuleNotInPolicy(self.id, "visit_days", detail)
        return found

    def visit_day_units(self, *, kind: VisitKind = VisitKind.REGULAR) -> frozenset[DayUnit]:
        """The units the policy's visit-days rules for ``kind`` count in (empty: no such rule).

        >>> import hospital_inspection as hi
        >>> sorted(u.code for u in hi.load_policy("weihai-2024-2026").visit_day_units())
        ['working']
        """
        if kind is not VisitKind.REGULAR:
            kind = _visit_kind(kind)
        return frozenset(r.day_unit for r in self._of(VisitDaysRule, kind))

    @staticmethod
    def _cell_words(h: Hospital, kind: VisitKind) -> str:
        return (
            f"no rule covers a {h.level.label} {h.category.label} ({h.ownership.label}) "
            f"for {kind.label}"
        )

    # -- who inspects whom ----------------------------------------------------------------------

    def inspector(self, h: Hospital, authorities: AuthorityTree) -> Decision[str]:
        """The id of the authority that inspects ``h`` (委属 by the commission, else 属地).

        Raises:
            RuleNotInPolicy: the policy has no inspector rule for ``h``.
            DataError: the tree cannot answer (no authority governs the hospital's region).
        """
        admin = authorities[h.authority] if h.authority in authorities else None  # noqa: SIM401
        rules = self._of(InspectorRule)
        cell = (h.level, h.category, h.ownership)
        level = admin.level if admin is not None else None
        rule = next((r for r in rules if r.specific and r.matches(level, cell)), None)
        rule = rule or next((r for r in rules if not r.specific), None)
        if rule is None:
            raise RuleNotInPolicy(self.id, "inspector", f"for hospital {h.id!r}" if rules else None)
        if rule.inspected_by is InspectorBasis.ADMINISTERING:
            assert admin is not None
            value = admin.id
        else:
            region = h.region or (admin.region if admin is not None else None)
            found = authorities.by_region(region) if region is not None else None
            if found is None:
                ungoverned = N_("hospital {hospital}: no authority governs its region {region} "
                                "(needed by rule {rule}, {basis})")  # fmt: skip
                raise DataError(
                    Message(ungoverned, {"hospital": repr(h.id), "region": repr(region),
                                         "rule": repr(rule.id), "basis": rule.inspected_by.label})
                )  # fmt: skip
            if rule.inspected_by is InspectorBasis.AT_LEVEL:
                chain = (found, *authorities.ancestors(found.id))
                wanted = rule.inspector_level
                assert wanted is not None  # validated with the rule
                found = next((a for a in chain if a.level is wanted), None)
                if found is None:
                    none = N_("hospital {hospital}: no {level} authority over its region "
                              "{region} (needed by rule {rule})")  # fmt: skip
                    raise DataError(
                        Message(none, {"hospital": repr(h.id), "level": wanted.label,
                                       "region": repr(region), "rule": repr(rule.id)})
                    )  # fmt: skip
            value = found.id
        return self._decide("inspector", rule, value)

    def may_inspect(
        self, authority: Authority | str, h: Hospital, authorities: AuthorityTree
    ) -> Decision[bool]:
        """Whether ``authority`` may inspect ``h`` (Jilin: 本级和下管一级).

        A policy without a reach rule answers from its inspector rules.
        """
        aid = authority if isinstance(authority, str) else authority.id
        reach = self._of(ReachRule)
        if not reach:
            if not self._of(InspectorRule):
                raise RuleNotInPolicy(self.id, "inspection_reach")
            decided = self.inspector(h, authorities)
            return self._decide("may_inspect", self.rules[decided.rule], decided.value == aid)
        rule = reach[0]
        value = h.authority == aid
        if not value and h.authority in authorities:
            above = authorities.ancestors(h.authority)
            depth = len(above) if rule.any_depth else rule.levels_below
            value = any(a.id == aid for a in above[:depth])
        return self._decide("may_inspect", rule, value)
