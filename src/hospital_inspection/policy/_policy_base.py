"""The base of :class:`~hospital_inspection.Policy`: its state and shared helpers (private).

Holds the module-level helpers every part of the policy uses (decision-table keys, the deadline
memo, visit-kind and hospital-cell parsing) and :class:`_PolicyBase`, which declares the state a
:class:`~hospital_inspection.Policy` builds and the helpers its question mixins share: making
and reusing :class:`Decision` objects, finding rules by class and visit kind, and compiling the
decision tables.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from hospital_inspection._validate import unknown_member
from hospital_inspection.dates.calendars import CalendarDays, ChinaOfficialCalendar
from hospital_inspection.dates.deadlines import Deadline
from hospital_inspection.enums import (
    AuthorityLevel,
    Category,
    Level,
    Ownership,
    Strength,
    VisitKind,
)
from hospital_inspection.errors import DataError, RuleNotInPolicy
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model.authorities import AuthorityTree
from hospital_inspection.model.hospitals import Hospital
from hospital_inspection.policy._decisions import Decision
from hospital_inspection.policy._rules import (
    ChecklistItem,
    DeadlineRule,
    Rule,
    ScopeDefaultRule,
    ScopeRule,
    VisitDaysRule,
)
from hospital_inspection.policy._schema import DayUnit, PolicyMeta, Reading, Round

__all__: list[str] = []

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


class _PolicyBase:
    """The state of a policy and the helpers its question mixins share (see ``Policy``)."""

    meta: PolicyMeta
    rules: Mapping[str, Rule]
    _by_rule: dict[str, tuple[Reading, ...]]
    _rules_of: dict[tuple[type, VisitKind | None], tuple[Any, ...]]
    _decided: dict[tuple[object, ...], Decision[Any]]
    _deadlines: dict[VisitKind | None, tuple[Decision[DeadlineRule], ...]]
    _scope_by_admin: bool
    _scope: dict[VisitKind, dict[Key, Decision[Any]]]
    _days: dict[VisitKind, dict[Key, Decision[Any]]]
    _scope_regular: dict[Key, Decision[Any]]
    _days_regular: dict[Key, Decision[Any]]
    _external_cache: dict[int, Decision[int]]
    _checklists: dict[tuple[Any, ...], Decision[tuple[ChecklistItem, ...]]]
    _rectification: list[DeadlineRule] | None
    _due_memo: dict[tuple[dt.date, object, bool | None], Decision[Deadline]]

    if TYPE_CHECKING:  # defined by Policy

        @property
        def id(self) -> str: ...

        @property
        def rounds(self) -> tuple[Round, ...]: ...

        def rule(self, rule_id: str) -> Rule: ...

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

    def _admin_level(
        self, h: Hospital, authorities: AuthorityTree | None, question: str
    ) -> AuthorityLevel:
        """The level of the authority administering ``h``, for a ``question`` that depends on it.

        Raises:
            DataError: ``authorities`` is not given, is not an authority tree, or does not hold
                ``h.authority``.
        """
        if authorities is not None and not isinstance(authorities, AuthorityTree):
            raise DataError(
                Message(
                    N_("authorities: {value} is not an AuthorityTree"), {"value": repr(authorities)}
                )
            )
        if authorities is None or h.authority not in authorities:
            raise DataError(
                Message(
                    N_(
                        "hospital {hospital}: the {question} under {policy} depends on the level "
                        "of the authority administering it ({authority}); give authorities= with it"
                    ),
                    {
                        "hospital": repr(h.id),
                        "question": question,
                        "policy": self.id,
                        "authority": repr(h.authority),
                    },
                )
            )
        return authorities[h.authority].level

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


def _visit_kind(kind: object) -> VisitKind:
    """A visit kind given as a member, its code or its label."""
    if isinstance(kind, str | VisitKind):
        return VisitKind.parse(kind)
    raise DataError(Message(N_("kind: {problem}"), {"problem": unknown_member(VisitKind, kind)}))


def _cell(h: Hospital) -> tuple[str, str, str]:
    """The (level, category, ownership) key of ``h``; a non-hospital is a :class:`DataError`."""
    if not isinstance(h, Hospital):
        raise DataError(Message(N_("h: {value} is not a Hospital"), {"value": repr(h)}))
    return (h.level._value_, h.category._value_, h.ownership._value_)
