"""One visit: a team (its members and their roles) on site at one hospital.

Private; :mod:`hospital_inspection.model.visits` holds the public names (and plans).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable
from typing import Any, ClassVar

import attrs

from hospital_inspection import _validate as v
from hospital_inspection.enums import Role, VisitKind, VisitMode
from hospital_inspection.i18n import N_, Message
from hospital_inspection.model import _assemble

__all__ = ["Member", "Visit"]


@v.collect_errors
@attrs.frozen(kw_only=True)
class Member:
    """One person on one visit's team, in one role.

    Attributes:
        person: the person's id (an :class:`~hospital_inspection.Expert`).
        role: the role taken on this visit (defaults to expert).
    """

    #: Built once per distinct (person, role) when loading data, and shared (see ``convert``).
    _interned_on_load: ClassVar[bool] = True

    person: str = attrs.field(validator=v.identifier)
    role: Role = attrs.field(
        default=Role.EXPERT,
        converter=v.enum_converter(Role),  # type: ignore[misc]
        validator=v.member_of(Role),
    )


_ONLY_MEMBERS = {Member}
_person, _role = operator.attrgetter("person"), operator.attrgetter("role")


def _members(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _team_ok(value):
        _check_members(instance, value)


def _team_ok(value: object) -> bool:
    """The common case of a valid team, decided at once; ``False``: the full check decides."""
    if type(value) is not tuple:
        return False
    return not value or (
        set(map(type, value)) == _ONLY_MEMBERS
        and len(set(map(_person, value))) == len(value)
        and list(map(_role, value)).count(Role.TEAM_LEADER) <= 1
    )


def _check_members(instance: object, value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(m, Member) for m in value):
        not_list = Message(N_("{value} is not a list of team members"), {"value": repr(value)})
        raise v.fail(instance, "team", not_list)
    people = [m.person for m in value]
    duplicates = sorted({p for p in people if people.count(p) > 1})
    if duplicates:
        twice = N_("{people} listed more than once")
        raise v.fail(instance, "team", Message(twice, {"people": ", ".join(duplicates)}))
    leaders = [m.person for m in value if m.role is Role.TEAM_LEADER]
    if len(leaders) > 1:
        many = N_("more than one team leader ({leaders})")
        raise v.fail(instance, "team", Message(many, {"leaders": ", ".join(leaders)}))


_kind_check, _kind_converter = v.member_of(VisitKind), v.enum_converter(VisitKind)
_mode_check, _mode_converter = v.member_of(VisitMode), v.enum_converter(VisitMode)


@v.collect_errors
@attrs.frozen(kw_only=True)
class Visit:
    """One inspection team on site at one hospital, from ``first_day`` to ``last_day`` inclusive.

    Attributes:
        id: stable identifier.
        hospital: id of the hospital inspected.
        authority: id of the inspecting authority.
        first_day: first on-site day (进驻).
        last_day: last on-site day; not before ``first_day``.
        team: the members, each with the role taken on this visit.
        kind: regular round, 回头看, 专项检查 or 飞行检查.
        mode: announced or unannounced (暗访).
        self_report_date: when the hospital submitted its self-inspection report (自查报告),
            if known.
        feedback_date: when the team gave the hospital its written feedback (书面反馈巡查意见),
            if known; checked against a policy's ``written_feedback`` deadline.
    """

    id: str = attrs.field(validator=v.identifier)
    hospital: str = attrs.field(validator=v.identifier)
    authority: str = attrs.field(validator=v.identifier)
    first_day: dt.date = attrs.field(validator=v.is_date)
    last_day: dt.date = attrs.field(validator=v.is_date)
    team: tuple[Member, ...] = attrs.field(default=(), converter=v.to_tuple, validator=_members)
    kind: VisitKind = attrs.field(
        default=VisitKind.REGULAR,
        converter=_kind_converter,  # type: ignore[misc]
        validator=_kind_check,
    )
    mode: VisitMode = attrs.field(
        default=VisitMode.ANNOUNCED,
        converter=_mode_converter,  # type: ignore[misc]
        validator=_mode_check,
    )
    self_report_date: dt.date | None = attrs.field(default=None, validator=v.optional_date)
    feedback_date: dt.date | None = attrs.field(default=None, validator=v.optional_date)

    #: Builds visits from loaded data with the checks inlined (see :func:`_visit_loader`).
    _fast_loader: ClassVar[Callable[[Callable[[Any], Any]], Any]]

    def __attrs_post_init__(self) -> None:
        if self.last_day < self.first_day:
            before = N_("{last_day} is before first_day {first_day}; expected a day on or after it")
            params = {"last_day": self.last_day, "first_day": self.first_day}
            raise v.fail(self, "last_day", Message(before, params))

    @property
    def calendar_days(self) -> int:
        """On-site days counted as calendar days, both ends included."""
        return (self.last_day - self.first_day).days + 1

    @property
    def people(self) -> tuple[str, ...]:
        """The ids of everyone on the team."""
        return tuple(m.person for m in self.team)

    @property
    def leader(self) -> str | None:
        """The team leader's id, if the team has one."""
        return next((m.person for m in self.team if m.role is Role.TEAM_LEADER), None)

    def overlaps(self, other: Visit) -> bool:
        """True when the two visits share at least one day."""
        return self.first_day <= other.last_day and other.first_day <= self.last_day


#: Each field of :class:`Visit` with the validator and converter that :func:`_visit_loader`
#: inlines; when the class's fields are not exactly these, it builds nothing.
_INLINED: tuple[tuple[str, object, object], ...] = (
    ("id", v.identifier, None), ("hospital", v.identifier, None),
    ("authority", v.identifier, None), ("first_day", v.is_date, None),
    ("last_day", v.is_date, None), ("team", _members, v.to_tuple),
    ("kind", _kind_check, _kind_converter), ("mode", _mode_check, _mode_converter),
    ("self_report_date", v.optional_date, None), ("feedback_date", v.optional_date, None),
)  # fmt: skip


def _visit_assembler() -> Callable[..., Visit] | None:
    """The one builder of visits from parts already checked, or ``None``.

    It takes the ten fields positionally, in the order of :data:`_INLINED` (``id``,
    ``hospital``, ``authority``, ``first_day``, ``last_day``, ``team``, ``kind``, ``mode``,
    ``self_report_date``, ``feedback_date``), and sets them without running a check (see
    :func:`~hospital_inspection.model._assemble.assembler`): for the loader below once its
    inlined checks have passed, and for the greedy scheduler's visits, whose parts it built
    valid. ``None`` when the class's fields are not those (its callers then use ``Visit``).
    """
    return _assemble.assembler(Visit, tuple(name for name, _, _ in _INLINED))


def _visit_loader(hook: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Visit | None] | None:
    """A builder of visits from loaded JSON objects with every check inlined, or ``None``.

    ``hook(t)`` gives the loading converter's function for type ``t`` (which takes exactly its
    dates, enum codes and labels, members, and raises on anything else). The builder answers the
    visit that ``Visit(**fields)`` would build, setting the fields directly once the checks of
    every validator, converter and ``__attrs_post_init__`` have passed inline; for anything it
    does not decide at once (a left-out field, an unknown key, an id that is not plain text, a
    team to check in full, days in the wrong order…) it answers ``None``, and the loader builds
    the visit with the validating constructor, which names the error.
    """
    assemble = _visit_assembler()
    if _assemble.checks(Visit) != _INLINED or assemble is None:
        return None
    names = frozenset(f.name for f in attrs.fields(Visit))
    day, team_of = hook(dt.date), _team_loader(hook(tuple[Member, ...]))
    kind_of, mode_of = hook(VisitKind), hook(VisitMode)
    date = dt.date
    # what the converter answers for each code, and for each day's text seen so far
    kinds = {m.code: kind_of(m.code, VisitKind) for m in VisitKind}
    modes = {m.code: mode_of(m.code, VisitMode) for m in VisitMode}
    days: dict[str, dt.date] = {}

    def day_of(text: object) -> Any:
        found = days.get(text) if type(text) is str else None
        if found is None:
            found = day(text, date)
            if type(text) is str:
                if len(days) >= _REMEMBERED:
                    days.clear()
                days[text] = found
        return found

    def load(o: dict[str, Any]) -> Visit | None:
        if len(o) != 10 or o.keys() != names:
            return None
        ident, hospital, authority = o["id"], o["hospital"], o["authority"]
        if not (
            type(ident) is str and ident.isprintable() and ident.strip()
            and type(hospital) is str and hospital.isprintable() and hospital.strip()
            and type(authority) is str and authority.isprintable() and authority.strip()
        ):  # fmt: skip
            return None
        first, last = days.get(o["first_day"]), days.get(o["last_day"])
        if first is None or type(o["first_day"]) is not str:
            first = day_of(o["first_day"])
        if last is None or type(o["last_day"]) is not str:
            last = day_of(o["last_day"])
        team = team_of(o["team"])
        if type(first) is not date or type(last) is not date or last < first or team is None:
            return None
        kind, mode = kinds.get(o["kind"]), modes.get(o["mode"])
        if kind is None or type(o["kind"]) is not str:
            kind = kind_of(o["kind"], VisitKind)
        if mode is None or type(o["mode"]) is not str:
            mode = mode_of(o["mode"], VisitMode)
        report, feedback = o["self_report_date"], o["feedback_date"]
        if report is not None:
            report = day_of(report)
        if feedback is not None:
            feedback = day_of(feedback)
        if type(kind) is not VisitKind or type(mode) is not VisitMode:
            return None
        if (report is not None and type(report) is not date) or (
            feedback is not None and type(feedback) is not date
        ):
            return None
        visit: Visit = assemble(
            ident, hospital, authority, first, last, team, kind, mode, report, feedback
        )
        return visit

    return load


def _team_loader(team_of: Callable[[object, Any], Any]) -> Callable[[object], Any]:
    """The team of a visit from its JSON list when it passes the team check, else ``None``.

    ``team_of`` is the loading converter's function for a team. Each member it builds from an
    object of exactly a ``person`` and a ``role`` string is remembered by the two, so that a
    team of members seen before is read, and checked (distinct people, at most one leader, as
    :func:`_team_ok`), in one pass over its list.
    """
    members: dict[tuple[str, str], Member] = {}
    team_type, pair = tuple[Member, ...], operator.itemgetter("person", "role")

    def load(value: object) -> tuple[Member, ...] | None:
        if type(value) is list:
            try:
                people: set[str] = set()
                leaders = 0
                out = []
                for item in value:
                    if len(item) != 2:
                        break
                    member = members[pair(item)]
                    people.add(member.person)
                    leaders += member.role is Role.TEAM_LEADER
                    out.append(member)
            except (KeyError, TypeError, AttributeError):
                pass  # a member not seen before, or not an object: the converter builds it
            else:
                if len(out) == len(value):
                    return tuple(out) if len(people) == len(out) and leaders <= 1 else None
        team = team_of(value, team_type)
        if type(value) is list and len(team) == len(value):
            if len(members) >= _REMEMBERED:
                members.clear()
            for item, member in zip(value, team, strict=True):
                if type(item) is dict and len(item) == 2:
                    person, role = item.get("person"), item.get("role")
                    if type(person) is str and type(role) is str:
                        members[person, role] = member
        return team if _team_ok(team) else None

    return load


_REMEMBERED = 1 << 14  # members remembered at most; then the memory starts again


Visit._fast_loader = _visit_loader
