"""The :class:`Policy`: a loaded policy file and the decisions it makes (private).

Decision tables (scope, minimum days, checklists) are compiled once when the policy is built: each
is a dict keyed by the hospital's (level, category, ownership) codes whose values are pre-built,
shared :class:`Decision` objects, so a decision is one dictionary lookup.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any

from hospital_inspection import _views
from hospital_inspection.dates.deadlines import Deadline
from hospital_inspection.enums import VisitKind
from hospital_inspection.errors import RuleNotInPolicy
from hospital_inspection.policy._decisions import Decision
from hospital_inspection.policy._policy_base import (  # noqa: F401 (importable from here, as before)
    _CELLS,
    _EXTERNAL_CACHE_LIMIT,
    _MEMO_LIMIT,
    _PLAIN_VALUES,
    _PURE_CALENDARS,
    _STRENGTH_ORDER,
    K,
    Key,
    R,
    V,
    _cell,
    _memo_key,
    _PolicyBase,
    _remember,
    _visit_kind,
    key_of,
)
from hospital_inspection.policy._policy_checklist import _ChecklistQuestions
from hospital_inspection.policy._policy_deadlines import _DeadlineQuestions
from hospital_inspection.policy._policy_scope import _ScopeQuestions
from hospital_inspection.policy._policy_team import _TeamQuestions
from hospital_inspection.policy._rules import (
    ChecklistItem,
    DeadlineRule,
    Rule,
    ScopeDefaultRule,
    ScopeRule,
    VisitDaysRule,
)
from hospital_inspection.policy._schema import (
    Interpretation,
    PolicyMeta,
    Reading,
    Round,
)

__all__ = ["Policy"]


class Policy(_ScopeQuestions, _TeamQuestions, _DeadlineQuestions, _ChecklistQuestions):
    """A loaded policy: its document's metadata, its rules, and the decisions they give.

    Build one with :func:`hospital_inspection.load_policy`. Every decision comes back as a
    :class:`Decision` with its citation, strength and the reading in effect; asking for a rule the
    document does not have raises :class:`~hospital_inspection.RuleNotInPolicy`.

    Example:
        >>> import hospital_inspection as hi
        >>> policy = hi.load_policy("weihai-2024-2026")
        >>> policy.min_external_experts(10).value
        3
        >>> try:
        ...     hi.load_policy("jilin-2021").min_external_experts(10)
        ... except hi.RuleNotInPolicy as exc:
        ...     print(exc)
        policy 'jilin-2021' has no 'external_experts' rule
    """

    def __init__(
        self,
        *,
        meta: PolicyMeta,
        rules: Mapping[str, Rule],
        interpretations: Mapping[str, Interpretation],
        chosen: Mapping[str, str],
        sources: Mapping[str, Traversable],
        label: str,
    ) -> None:
        self.meta = meta
        self.rules: Mapping[str, Rule] = MappingProxyType(dict(rules))
        self.interpretations: Mapping[str, Interpretation] = MappingProxyType(dict(interpretations))
        self.sources: Mapping[str, Traversable] = MappingProxyType(dict(sources))
        self.label = label
        self._readings = {
            name: Reading(
                interpretation=name,
                choice=chosen[name],
                reading=i.choices[chosen[name]].reading,
                alternatives=tuple(c for c in i.choices if c != chosen[name]),
            )
            for name, i in interpretations.items()
        }
        self._by_rule: dict[str, tuple[Reading, ...]] = {
            rid: tuple(r for n, r in self._readings.items() if rid in interpretations[n].rules)
            for rid in rules
        }
        # Rules by class and visit kind, and decisions already made (see _of and _decide).
        self._rules_of: dict[tuple[type, VisitKind | None], tuple[Any, ...]] = {}
        self._decided: dict[tuple[object, ...], Decision[Any]] = {}
        self._deadlines: dict[VisitKind | None, tuple[Decision[DeadlineRule], ...]] = {}
        self._scope_by_admin = any(r.administered_by for r in self._of(ScopeRule))
        self._scope = self._table(ScopeRule, ScopeDefaultRule, "scope")
        self._days = self._table(VisitDaysRule, None, "min_visit_days")
        self._scope_regular = self._scope.get(VisitKind.REGULAR, {})
        self._days_regular = self._days.get(VisitKind.REGULAR, {})
        self._external_cache: dict[int, Decision[int]] = {}
        self._checklists: dict[tuple[Any, ...], Decision[tuple[ChecklistItem, ...]]] = {}
        self._rectification: list[DeadlineRule] | None = None
        # Deadline decisions already computed, by (trigger, calendar, roll_forward): see _memo_key.
        self._due_memo: dict[tuple[dt.date, object, bool | None], Decision[Deadline]] = {}

    # -- metadata -------------------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The policy id, e.g. ``"weihai-2024-2026"``."""
        return self.meta.id

    @property
    def document(self) -> str:
        """The document number (文号)."""
        return self.meta.document

    @property
    def rounds(self) -> tuple[Round, ...]:
        """The rounds the document governs."""
        return self.meta.rounds

    def readings(self) -> dict[str, Reading]:
        """The reading in effect for each interpretation, by interpretation name."""
        return dict(self._readings)

    def rule(self, rule_id: str) -> Rule:
        """The rule ``rule_id``.

        Raises:
            RuleNotInPolicy: no such rule.
        """
        try:
            return self.rules[rule_id]
        except KeyError:
            raise RuleNotInPolicy(self.id, rule_id) from None

    def __repr__(self) -> str:
        return f"<Policy {self.id} ({self.document}), {len(self.rules)} rules>"

    def _repr_html_(self) -> str:
        """The policy in a notebook: see :func:`hospital_inspection.display.policy_html`."""
        html: str = _views.html(self)
        return html

    # The questions are defined in the mixins above (one module each); they are named here too
    # so that the reference documents them as methods of Policy, in this order.
    scope = _ScopeQuestions.scope
    min_visit_days = _ScopeQuestions.min_visit_days
    inspector = _ScopeQuestions.inspector
    may_inspect = _ScopeQuestions.may_inspect
    min_external_experts = _TeamQuestions.min_external_experts
    external_expert_rule_applies = _TeamQuestions.external_expert_rule_applies
    is_external_expert = _TeamQuestions.is_external_expert
    team = _TeamQuestions.team
    follow_up_team = _TeamQuestions.follow_up_team
    liaison_roles = _TeamQuestions.liaison_roles
    deadlines = _DeadlineQuestions.deadlines
    round_end = _DeadlineQuestions.round_end
    yearly_dates = _DeadlineQuestions.yearly_dates
    dated_deadlines = _DeadlineQuestions.dated_deadlines
    due = _DeadlineQuestions.due
    due_by_rule = _DeadlineQuestions.due_by_rule
    rectification_due = _DeadlineQuestions.rectification_due
    methods = _ChecklistQuestions.methods
    checklist = _ChecklistQuestions.checklist
    checklist_sections = _ChecklistQuestions.checklist_sections
    checklist_keys = _ChecklistQuestions.checklist_keys
    default_round = _ChecklistQuestions.default_round
    measure_triggers = _ChecklistQuestions.measure_triggers
    measures = _ChecklistQuestions.measures
    provisions = _ChecklistQuestions.provisions
