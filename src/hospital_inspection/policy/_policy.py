"""The :class:`Policy`: a loaded policy file and the decisions it makes (private).

Decision tables (scope, minimum days, checklists) are compiled once when the policy is built: each
is a dict keyed by the hospital's (level, category, ownership) codes whose values are pre-built,
shared :class:`Decision` objects, so a decision is one dictionary lookup.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from importlib.resources.abc import Traversable
from types import MappingProxyType
from typing import Any, TypeVar

from hospital_inspection import _validate as v
from hospital_inspection import _views
from hospital_inspection.dates.calendars import CalendarDays, ChinaOfficialCalendar, WorkCalendar
from hospital_inspection.dates.deadlines import Deadline
from hospital_inspection.dates.periods import (
    days_before,
    days_in_month,
    days_period_end,
    on_or_before,
    period_end,
)
from hospital_inspection.enums import Category, Level, Ownership, ScopeStatus, Strength, VisitKind
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.model.authorities import Authority, AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.model.people import Expert
from hospital_inspection.policy._decisions import Decision
from hospital_inspection.policy._rules import (
    ChecklistItem,
    ChecklistRule,
    ChecklistSection,
    DeadlineKind,
    DeadlineRule,
    ExternalExpertsRule,
    InspectorBasis,
    InspectorRule,
    LiaisonRole,
    LiaisonRule,
    MeasureRule,
    Method,
    MethodsRule,
    ProvisionRule,
    ReachRule,
    Rule,
    ScopeDefaultRule,
    ScopeRule,
    TeamRule,
    TeamSpec,
    VisitDaysRule,
)
from hospital_inspection.policy._schema import (
    Citation,
    DayUnit,
    Interpretation,
    PolicyMeta,
    Reading,
    Round,
)

__all__ = ["Policy"]

R = TypeVar("R", bound=Rule)
V = TypeVar("V")
K = TypeVar("K")
Key = tuple[str, str, str]
_CELLS: tuple[tuple[Level, Category, Ownership], ...] = tuple(
    itertools.product(Level, Category, Ownership)
)
_STRENGTH_ORDER = {s: i for i, s in enumerate(Strength)}  # declared strongest first
_EXTERNAL_CACHE_LIMIT = 4096
_PURE_CALENDARS = (ChinaOfficialCalendar, CalendarDays)
_PLAIN_VALUES = frozenset({bool, int, str, dt.date})
_MEMO_LIMIT = 1 << 16  # entries per memo; a full memo is cleared


def _memo_key(
    day: object, calendar: object, roll_forward: object
) -> tuple[dt.date, object, bool | None] | None:
    """The memo key of a deadline question, or ``None`` when its answer must not be memoised.

    Only questions whose answer is a pure function of the key are memoised: a plain date, the
    default calendar or one of the library's own calendars (whose data are fixed when they are
    built; equal keys are the same calendar object or ``CalendarDays()``), and ``roll_forward``
    exactly ``None``, ``True`` or ``False`` (``1`` must still be refused, not found equal to
    ``True``). Errors are never memoised, so they are raised on every call, as before.
    """
    if type(day) is not dt.date:
        return None
    if calendar is not None and type(calendar) not in _PURE_CALENDARS:
        return None
    if roll_forward is not None and roll_forward is not True and roll_forward is not False:
        return None
    return (day, calendar, roll_forward)


def _remember(memo: dict[K, V], key: K, value: V) -> None:
    """Store ``value``, forgetting everything first when the memo is full (bounded memory)."""
    if len(memo) >= _MEMO_LIMIT:
        memo.clear()
    memo[key] = value


def key_of(level: Level, category: Category, ownership: Ownership) -> Key:
    """The decision-table key of a cell (enum codes: plain strings hash fastest)."""
    return (level._value_, category._value_, ownership._value_)


class Policy:
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

    # -- helpers --------------------------------------------------------------------------------

    def _decide(
        self, name: str, rule: Rule, value: V, *, unit: DayUnit | None = None
    ) -> Decision[V]:
        # A decision is a pure function of these; frozen, so one object serves every asker.
        # Plain values are keyed by value (and type: True == 1), others by identity.
        plain = type(value) in _PLAIN_VALUES
        key = (name, rule.id, unit, type(value), value if plain else id(value))
        found = self._decided.get(key)
        if found is not None and (plain or found.value is value):
            return found
        decided = Decision(
            name=name,
            value=value,
            citation=rule.cite,
            strength=rule.strength,
            rule=rule.id,
            interpretation=self._by_rule.get(rule.id, ()),
            unit=unit,
        )
        _remember(self._decided, key, decided)
        return decided

    def _of(self, cls: type[R], kind: VisitKind | None = None) -> list[R]:
        if kind is not None and not isinstance(kind, VisitKind):
            kind = _visit_kind(kind)
        found = self._rules_of.get((cls, kind))
        if found is None:
            found = tuple(
                r
                for r in self.rules.values()
                if isinstance(r, cls) and (kind is None or kind in r.visit_kinds)
            )
            self._rules_of[(cls, kind)] = found
        return list(found)

    def _one(self, cls: type[R], name: str, kind: VisitKind | None = None) -> R:
        if kind is not None and not isinstance(kind, VisitKind):
            kind = _visit_kind(kind)  # also for the message below
        found = self._of(cls, kind)
        if not found:
            detail = (
                f"for {kind.label} ({kind.code})" if kind is not None and self._of(cls) else None
            )
            raise RuleNotInPolicy(self.id, name, detail)
        return found[0]

    def _table(
        self,
        cls: type[ScopeRule] | type[VisitDaysRule],
        default: type[ScopeDefaultRule] | None,
        name: str,
    ) -> dict[VisitKind, dict[Key, Decision[Any]]]:
        tables: dict[VisitKind, dict[Key, Decision[Any]]] = {}
        rules = self._of(cls)
        defaults = self._of(default) if default is not None else []
        decisions = {
            r.id: self._decide(
                name,
                r,
                r.outcome if isinstance(r, ScopeRule | ScopeDefaultRule) else r.days,
                unit=r.day_unit if isinstance(r, VisitDaysRule) else None,
            )
            for r in (*rules, *defaults)
        }
        kinds = {k for r in (*rules, *defaults) for k in r.visit_kinds}
        for kind in kinds:
            table: dict[Key, Decision[Any]] = {}
            for cell in _CELLS:
                hit = next(
                    (r for r in rules if kind in r.visit_kinds and r.when.matches(*cell)), None
                ) or next((r for r in defaults if kind in r.visit_kinds), None)
                if hit is not None:
                    table[key_of(*cell)] = decisions[hit.id]
            tables[kind] = table
        return tables

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
        if authorities is None or h.authority not in authorities:
            raise DataError(
                f"hospital {h.id!r}: the scope under {self.id} depends on the level of the "
                f"authority administering it ({h.authority!r}); give authorities= with it"
            )
        level = authorities[h.authority].level
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
                raise DataError(
                    f"hospital {h.id!r}: no authority governs its region {region!r} "
                    f"(needed by rule {rule.id!r}, {rule.inspected_by.label})"
                )
            if rule.inspected_by is InspectorBasis.AT_LEVEL:
                chain = (found, *authorities.ancestors(found.id))
                wanted = rule.inspector_level
                assert wanted is not None  # validated with the rule
                found = next((a for a in chain if a.level is wanted), None)
                if found is None:
                    raise DataError(
                        f"hospital {h.id!r}: no {wanted.label} authority over "
                        f"its region {region!r} (needed by rule {rule.id!r})"
                    )
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
            raise DataError(f"n_experts: {n_experts!r} is not a whole number >= 0")
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
                f"authority {inspector.id!r} has no region; cannot tell who is external"
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

    # -- deadlines ------------------------------------------------------------------------------

    def deadlines(self, *, kind: VisitKind | None = None) -> tuple[Decision[DeadlineRule], ...]:
        """Every deadline rule (of visit ``kind`` when given), as decisions."""
        if kind is not None and not isinstance(kind, VisitKind):
            kind = _visit_kind(kind)
        found = self._deadlines.get(kind)
        if found is None:
            found = tuple(self._decide("deadline", r, r) for r in self._of(DeadlineRule, kind))
            self._deadlines[kind] = found
        return found

    def round_end(self, kind: VisitKind = VisitKind.REGULAR) -> Decision[dt.date]:
        """The last day of the round of ``kind`` (e.g. 2026-10-31 for Weihai)."""
        if not isinstance(kind, VisitKind):
            kind = _visit_kind(kind)
        rnd = next((r for r in self.rounds if r.kind is kind), None)
        if rnd is None:
            raise RuleNotInPolicy(self.id, "round_end", f"no {kind.label} round")
        rule = self.rules[rnd.end_rule]
        if not isinstance(rule, DeadlineRule) or rule.last_day is None:
            raise RuleNotInPolicy(self.id, "round_end", f"{rnd.end_rule!r} is not a fixed deadline")
        return self._decide("round_end", rule, rule.last_day)

    def _deadline_rules(self, event: str, kind: VisitKind | None) -> list[DeadlineRule]:
        found = [r for r in self._of(DeadlineRule, kind) if r.event == event]
        if not found:
            known = sorted({r.event for r in self._of(DeadlineRule)})
            raise RuleNotInPolicy(
                self.id, event, f"no deadline for {event!r}; events: {', '.join(known) or 'none'}"
            )
        return found

    def _round_years(self, rule: DeadlineRule) -> range:
        rounds = [
            r
            for r in self.rounds
            if (r.id == rule.round if rule.round is not None else r.kind in rule.visit_kinds)
        ]
        if not rounds:
            raise RuleNotInPolicy(self.id, rule.id, "a yearly deadline needs a round for its years")
        rnd = rounds[0]
        last = rnd.last_year if rule.in_last_year else rnd.last_year - 1
        return range(rnd.first_year, last + 1)

    def yearly_dates(self, rule_id: str) -> tuple[dt.date, ...]:
        """The due dates of a yearly deadline (每年M月D日前) over its round's years.

        Whether the round's last year owes one is the rule's ``in_last_year``, which the
        policy's interpretation states (e.g. ``last-year-report`` in the 示例市 example).
        """
        rule = self.rule(rule_id)
        if not isinstance(rule, DeadlineRule) or rule.form is not DeadlineKind.YEARLY:
            raise RuleNotInPolicy(self.id, rule_id, "not a yearly deadline")
        assert rule.month is not None and rule.day is not None
        dates = []
        for year in self._round_years(rule):
            day = min(rule.day, days_in_month(year, rule.month))
            due = dt.date(year, rule.month, day)
            dates.append(due if rule.inclusive else due - dt.timedelta(days=1))
        return tuple(dates)

    def dated_deadlines(self) -> tuple[Decision[Deadline], ...]:
        """Every deadline that falls on a known date: fixed ones and each year of yearly ones.

        Each value is a :class:`~hospital_inspection.Deadline` whose ``rule`` is the rule's id,
        in date order. Relative and before-event deadlines depend on a plan's dates: see
        :meth:`due`.
        """
        found: list[Decision[Deadline]] = []
        for rule in self._of(DeadlineRule):
            if rule.form is DeadlineKind.FIXED and rule.last_day is not None:
                days: tuple[dt.date, ...] = (rule.last_day,)
            elif rule.form is DeadlineKind.YEARLY:
                days = self.yearly_dates(rule.id)
            else:
                continue
            for day in days:
                deadline = on_or_before(day, rule=rule.id, citation=rule.cite)
                found.append(self._decide("deadline", rule, deadline))
        return tuple(sorted(found, key=lambda d: (d.value.date, d.rule)))

    def due(
        self,
        event: str,
        *,
        on: dt.date,
        kind: VisitKind | None = None,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
    ) -> Decision[Deadline]:
        """The last day for ``event`` when the day it is counted from is ``on``.

        ``on`` is the date of the rule's reference: the trigger of a period ("自收到反馈意见之日
        起30日内": the day feedback was received; "现场巡查结束后15个工作日内": the last on-site
        day), the event a deadline precedes ("进驻5个工作日前": the first on-site day), or, for
        a fixed or yearly deadline, any day: the first due date on or after it is returned.

        Periods count from the day after ``on`` (民法典 第二百零一条): months end on the
        corresponding day (第二百零二条), days on the N-th (working) day. A last day that is a
        rest day moves to the next working day (第二百零三条) when ``roll_forward`` says so;
        ``None`` takes the rule's own default. Working days and rolling use ``calendar``
        (default: China's official calendar, 调休 included).

        Raises:
            RuleNotInPolicy: no deadline rule for ``event`` (the message lists the events), or
                no fixed or yearly due date on or after ``on``.
            DataError: ``on`` is not a date.
            CalendarCoverageError: working days in a year the calendar has no data for.

        Example:
            >>> import datetime as dt, hospital_inspection as hi
            >>> policy = hi.load_policy("weihai-2024-2026")
            >>> policy.due("rectification_report", on=dt.date(2025, 12, 31)).value.date
            datetime.date(2026, 2, 28)
        """
        rules = self._deadline_rules(event, kind)
        return self._due(rules[0], rules, on, calendar, roll_forward)

    def due_by_rule(
        self,
        rule_id: str,
        *,
        on: dt.date,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
    ) -> Decision[Deadline]:
        """:meth:`due` for one deadline rule, named by its id.

        Raises:
            RuleNotInPolicy: no deadline rule ``rule_id``.
        """
        rule = self.rule(rule_id)
        if not isinstance(rule, DeadlineRule):
            raise RuleNotInPolicy(self.id, rule_id, "not a deadline rule")
        return self._due(rule, [rule], on, calendar, roll_forward)

    def _due(
        self,
        rule: DeadlineRule,
        rules: list[DeadlineRule],
        on: dt.date,
        calendar: WorkCalendar | None,
        roll_forward: bool | None,
        name: str = "due",
    ) -> Decision[Deadline]:
        on = v.require_date(on, "on")
        if rule.form is DeadlineKind.RELATIVE:
            roll = bool(rule.roll_forward) if roll_forward is None else roll_forward
            if rule.months is not None:
                deadline = period_end(
                    on,
                    rule.months,
                    calendar=calendar,
                    roll_forward=roll,
                    rule=rule.id,
                    citation=rule.cite,
                )
            else:
                assert rule.days is not None
                deadline = days_period_end(
                    on,
                    rule.days,
                    working_days=rule.day_unit is DayUnit.WORKING,
                    calendar=calendar,
                    roll_forward=roll,
                    rule=rule.id,
                    citation=rule.cite,
                )
        elif rule.form is DeadlineKind.BEFORE_EVENT:
            if rule.days is not None:
                deadline = days_before(
                    on,
                    rule.days,
                    working_days=rule.day_unit is DayUnit.WORKING,
                    calendar=calendar,
                    rule=rule.id,
                    citation=rule.cite,
                )
            else:
                last = on - dt.timedelta(days=1) if rule.strict else on
                deadline = Deadline(date=last, rule=rule.id, citation=rule.cite)
        else:
            ids = {r.id for r in rules}
            dated = [d for d in self.dated_deadlines() if d.rule in ids and d.value.date >= on]
            if not dated:
                raise RuleNotInPolicy(
                    self.id, rule.event, f"no due date on or after {on.isoformat()}"
                )
            return dated[0]
        return self._decide(name, rule, deadline)

    def rectification_due(
        self,
        received: dt.date,
        *,
        calendar: WorkCalendar | None = None,
        roll_forward: bool | None = None,
    ) -> Decision[Deadline]:
        """The last day to submit the rectification report after feedback is ``received``.

        Counting starts the day after ``received`` (民法典 第二百零一条) and ends on the
        corresponding day of the final month, else its last day (第二百零二条). When the last
        day is a rest day it moves to the next working day (第二百零三条) if ``roll_forward``
        says so; ``None`` takes the policy's own default, which the policy data states and cites.
        Rolling uses ``calendar`` (default: China's official calendar, 调休 included).

        Returns:
            A decision whose value is a :class:`~hospital_inspection.Deadline` (the date, the
            trigger, the unmoved date when rolled forward, whether it is provisional).

        Raises:
            RuleNotInPolicy: the policy has no rectification-report period.
            CalendarCoverageError: rolling forward into a year the calendar has no data for.

        Example:
            >>> import datetime as dt, hospital_inspection as hi
            >>> policy = hi.load_policy("weihai-2024-2026")
            >>> policy.rectification_due(dt.date(2025, 12, 31)).value.date
            datetime.date(2026, 2, 28)
        """
        memo_key = _memo_key(received, calendar, roll_forward)
        if memo_key is not None:
            found = self._due_memo.get(memo_key)
            if found is not None:
                return found
        received = v.require_date(received, "received")
        if calendar is not None and not isinstance(calendar, WorkCalendar):
            raise DataError(f"calendar: {calendar!r} is not a working-day calendar")
        if roll_forward is not None and not isinstance(roll_forward, bool):
            raise DataError(f"roll_forward: {roll_forward!r} is not true, false or None")
        rules = self._rectification
        if rules is None:
            rules = self._rectification = [
                r
                for r in self._of(DeadlineRule)
                if r.form is DeadlineKind.RELATIVE and r.event == "rectification_report"
            ]
        if not rules:
            raise RuleNotInPolicy(self.id, "rectification_report")
        decision = self._due(rules[0], rules, received, calendar, roll_forward, "rectification_due")
        if memo_key is not None:
            _remember(self._due_memo, memo_key, decision)
        return decision

    # -- methods, checklist, measures, provisions -----------------------------------------------

    def methods(self, *, kind: VisitKind = VisitKind.REGULAR) -> Decision[tuple[Method, ...]]:
        """The inspection methods for ``kind`` of visit."""
        rule = self._one(MethodsRule, "methods", kind)
        return self._decide("methods", rule, rule.methods)

    def checklist(
        self, h: Hospital | Category, *, kind: VisitKind = VisitKind.REGULAR
    ) -> Decision[tuple[ChecklistItem, ...]]:
        """The checklist items that apply to ``h`` (type-specific items only for that type).

        Items can be limited by category, level and ownership (``applies_to``); given only a
        :class:`~hospital_inspection.Category`, level and ownership are not looked at.
        """
        if isinstance(h, Category):
            key: tuple[Any, ...] = (kind, h, None, None)
        elif self._checklist_by_cell(kind):
            key = (kind, h.category, h.level, h.ownership)
        else:  # no item looks at level or ownership: one shared decision per category
            key = (kind, h.category, None, None)
        found = self._checklists.get(key)
        if found is None:
            rule = self._one(ChecklistRule, "checklist", kind)
            items = tuple(i for i in rule.items if i.applies(key[1], key[2], key[3]))
            found = self._decide("checklist", rule, items)
            self._checklists[key] = found
        return found

    def _checklist_by_cell(self, kind: VisitKind) -> bool:
        return any(
            i.applies_to is not None
            and (i.applies_to.levels is not None or i.applies_to.ownerships is not None)
            for r in self._of(ChecklistRule, kind)
            for i in r.items
        )

    def checklist_sections(
        self, *, kind: VisitKind = VisitKind.REGULAR
    ) -> Decision[tuple[ChecklistSection, ...]]:
        """The checklist's headings (categories and areas with their focus sentences)."""
        rule = self._one(ChecklistRule, "checklist", kind)
        return self._decide("checklist_sections", rule, rule.sections)

    def checklist_keys(self, *, kind: VisitKind = VisitKind.REGULAR) -> tuple[str, ...]:
        """Every way a finding may name a checklist item: each item's id and its clause.

        In checklist order, without repeats; empty when the policy has no checklist (巡查重点)
        for ``kind``. What a finding's ``checklist_item`` is checked against.

        >>> import hospital_inspection as hi
        >>> hi.load_policy("weihai-2024-2026").checklist_keys()[:2]
        ('wh.1.1.1', '三、(一)1.(1)')
        """
        keys: dict[str, None] = {}
        if not self._of(ChecklistRule, kind):
            return ()
        for category in Category:
            for item in self.checklist(category, kind=kind).value:
                keys[item.id] = None
                keys[item.clause] = None
        return tuple(keys)

    def default_round(self, on: dt.date) -> str:
        """The round a finding made on ``on`` belongs to when the user does not say.

        The policy's first regular round (its id); a policy that names no regular round gives
        the year of ``on``, e.g. ``"2025"``.

        >>> import datetime as dt, hospital_inspection as hi
        >>> hi.load_policy("weihai-2024-2026").default_round(dt.date(2025, 5, 1))
        '2024-2026'
        """
        on = v.require_date(on, "on")
        return next((r.id for r in self.rounds if r.kind is VisitKind.REGULAR), str(on.year))

    def measure_triggers(self) -> tuple[str, ...]:
        """Every finding trigger some measure answers."""
        return tuple(sorted({t for m in self._of(MeasureRule) for t in m.triggers}))

    def measures(
        self, trigger: str, *, kind: VisitKind | None = None
    ) -> Decision[tuple[MeasureRule, ...]]:
        """The measures for a finding ``trigger`` (e.g. ``"violation_clue"``).

        The decision cites the first measure's clause and lists the others in ``also_cited``;
        its strength is the strongest of them (each measure keeps its own).

        Raises:
            RuleNotInPolicy: no measure answers ``trigger`` (the message lists the triggers).
        """
        found = tuple(m for m in self._of(MeasureRule, kind) if trigger in m.triggers)
        if not found:
            known = ", ".join(self.measure_triggers()) or "none"
            raise RuleNotInPolicy(
                self.id, "measures", f"no measure for {trigger!r}; triggers: {known}"
            )
        first = found[0]
        also: list[Citation] = []
        for m in found[1:]:
            if m.cite != first.cite and m.cite not in also:
                also.append(m.cite)
        readings = tuple(dict.fromkeys(r for m in found for r in self._by_rule.get(m.id, ())))
        return Decision(
            name="measures",
            value=found,
            citation=first.cite,
            strength=min((m.strength for m in found), key=_STRENGTH_ORDER.__getitem__),
            rule=",".join(m.id for m in found),
            interpretation=readings,
            also_cited=tuple(also),
        )

    def provisions(self, *, kind: VisitKind | None = None) -> tuple[Decision[ProvisionRule], ...]:
        """The other cited provisions (feedback meeting, non-interference, encouragements)."""
        return tuple(self._decide("provision", r, r) for r in self._of(ProvisionRule, kind))


def _visit_kind(kind: object) -> VisitKind:
    """A visit kind given as a member, its code or its label."""
    if isinstance(kind, str | VisitKind):
        return VisitKind.parse(kind)
    raise DataError(f"kind: {VisitKind.unknown_message(kind)}")


def _cell(h: Hospital) -> tuple[str, str, str]:
    """The (level, category, ownership) key of ``h``; a non-hospital is a :class:`DataError`."""
    if not isinstance(h, Hospital):
        raise DataError(f"h: {h!r} is not a Hospital")
    return (h.level._value_, h.category._value_, h.ownership._value_)
